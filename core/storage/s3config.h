#pragma once

#include <QList>
#include <QProcessEnvironment>
#include <QString>

namespace Trove {

/// One entry of clearml.conf's `sdk.aws.s3.credentials[]`: credentials for a bucket on AWS
/// (`bucket`), or for a custom S3-compatible endpoint (`host`, e.g. "minio.local:9000").
struct S3BucketConfig
{
    QString bucket;
    QString host;
    QString key;
    QString secret;
    QString token;
    QString region;
    QString subdir;
    bool secure = true; ///< false: plain http to the endpoint
    bool verify = true; ///< false: do not verify the TLS certificate
};

/// The `sdk.aws.s3` section of clearml.conf, as a plain value. The config helper fills it from
/// clearml.conf; applyEnvironment() then fills what is still empty from AWS_* variables, the
/// way the SDK falls back to them.
struct S3Config
{
    QString key;
    QString secret;
    QString token;
    QString region;
    QList<S3BucketConfig> credentials;

    /// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_DEFAULT_REGION (and
    /// AWS_REGION) fill the default key/secret/token/region when those are empty.
    void applyEnvironment(const QProcessEnvironment &env
                          = QProcessEnvironment::systemEnvironment());
};

} // namespace Trove
