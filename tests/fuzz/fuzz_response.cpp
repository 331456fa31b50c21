// Fuzz target: the one API response decoder plus the typed wire structs, on arbitrary bytes.
// The first byte picks the HTTP status; the rest is the body.
#include "api/responsedecoder.h"
#include "api/wiretypes.h"

#include <cstddef>
#include <cstdint>

namespace {
template<typename T>
void tryDecode(const nlohmann::json &data, const char *key, bool page)
{
    (void)Trove::decodeData<int>(data, QStringLiteral("fuzz"), [&](const nlohmann::json &d) {
        if (page)
            (void)Trove::pageFromJson<T>(d, key);
        else if (d.contains(key))
            (void)d.at(key).template get<T>();
        return 0;
    });
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int statuses[] = {200, 200, 200, 400, 401, 404, 429, 500, 502, 503, 0, 202};
    Trove::RawResponse r;
    r.endpoint = QStringLiteral("fuzz.call");
    r.httpStatus = size ? statuses[data[0] % (sizeof(statuses) / sizeof(statuses[0]))] : 200;
    if (r.httpStatus == 0)
        r.networkError = 99;
    if (size > 1)
        r.body = QByteArray(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    auto result = Trove::decodeResponse(r);
    if (!result.ok()) {
        if (result.error().kind == Trove::Error::Kind::None)
            __builtin_trap(); // a failure always says what kind
        (void)result.error().userMessage();
        return 0;
    }
    const nlohmann::json &d = result.value();
    tryDecode<Trove::Task>(d, "task", false);
    tryDecode<Trove::Model>(d, "model", false);
    tryDecode<Trove::Project>(d, "project", false);
    tryDecode<Trove::Task>(d, "tasks", true);
    tryDecode<Trove::Model>(d, "models", true);
    tryDecode<Trove::Project>(d, "projects", true);
    tryDecode<Trove::User>(d, "users", true);
    return 0;
}
