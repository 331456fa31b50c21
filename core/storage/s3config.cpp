#include "s3config.h"

namespace Trove {

void S3Config::applyEnvironment(const QProcessEnvironment &env)
{
    auto fill = [&env](QString &field, const char *name) {
        if (field.isEmpty())
            field = env.value(QLatin1String(name));
    };
    fill(key, "AWS_ACCESS_KEY_ID");
    fill(secret, "AWS_SECRET_ACCESS_KEY");
    fill(token, "AWS_SESSION_TOKEN");
    fill(region, "AWS_DEFAULT_REGION");
    fill(region, "AWS_REGION");
}

} // namespace Trove
