#pragma once

#include "common/result.h"

#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <nlohmann/json.hpp>

namespace Trove {

/// One `sdk.aws.s3.credentials[]` entry: matched by bucket name, or by `host` for MinIO-style
/// URLs `s3://host:port/bucket/path`.
struct S3BucketConfig
{
    QString bucket;
    QString host; ///< "minio.local:9000"; empty for AWS buckets
    QString subdir;
    QString key;
    QString secret;
    QString token;
    QString region;
    QString acl;
    QString profile;
    bool multipart = true;
    bool secure = true; ///< https for host entries
    bool verify = true;
};

/// `sdk.aws.s3`, as data for the storage layer (which does the signing).
struct S3Config
{
    QString key;    ///< default access key (falls back to AWS_ACCESS_KEY_ID)
    QString secret; ///< default secret (falls back to AWS_SECRET_ACCESS_KEY)
    QString token;  ///< AWS_SESSION_TOKEN
    QString region; ///< default region (falls back to AWS_DEFAULT_REGION)
    bool useCredentialsChain = false;
    QList<S3BucketConfig> credentials;

    /// The entry for `bucket` (and `host`, empty for AWS), or nullptr.
    const S3BucketConfig *find(const QString &bucket, const QString &host = QString()) const;

    /// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_DEFAULT_REGION (and
    /// AWS_REGION) fill the default key/secret/token/region when those are empty (defined in
    /// storage/s3config.cpp).
    void applyEnvironment(const QProcessEnvironment &env
                          = QProcessEnvironment::systemEnvironment());
};

/// The effective ClearML configuration, resolved the way the SDK does (contract §8):
/// defaults < clearml.conf file(s) < environment. Plain data, cheap to copy.
struct ClearmlConfig
{
    QUrl apiServer;
    QUrl webServer;   ///< derived from apiServer when not configured (may stay empty)
    QUrl filesServer; ///< derived from webServer when not configured
    QString accessKey;
    QString secretKey;
    QString authToken; ///< CLEARML_AUTH_TOKEN: a pre-issued JWT used instead of the keys
    bool verifyCertificate = true;
    int tokenExpirationThresholdSec = 360;
    QString maxApiVersion; ///< CLEARML_FORCE_MAX_API_VERSION, empty if unset

    QString cacheBaseDir; ///< expanded; CLEARML_CACHE_DIR > file > defaults
    int cacheManagerSize = 100;
    QString defaultOutputUri;
    S3Config s3;

    QStringList sourceFiles; ///< the files that were read, in order
    QStringList warnings;    ///< ignored includes, failed host derivations ...
    nlohmann::json tree;     ///< the merged HOCON tree, for anything not modelled above

    bool hasCredentials() const
    {
        return (!accessKey.isEmpty() && !secretKey.isEmpty()) || !authToken.isEmpty();
    }

    /// Reads the files the SDK reads: `CLEARML_CONFIG_FILE` (or `TRAINS_CONFIG_FILE`) alone,
    /// else `~/trains.conf` then `~/clearml.conf` merged; missing files are skipped. Then
    /// applies the environment. `~` is `HOME` from `env`. Blocking file I/O (small files).
    static Result<ClearmlConfig> load(const QProcessEnvironment &env
                                      = QProcessEnvironment::systemEnvironment());

    /// Parses one file and applies the environment.
    static Result<ClearmlConfig> fromFile(const QString &path,
                                          const QProcessEnvironment &env
                                          = QProcessEnvironment::systemEnvironment());

    /// Parses HOCON text (e.g. a pasted snippet) and applies the environment.
    static Result<ClearmlConfig> fromText(const QByteArray &text,
                                          const QString &name,
                                          const QProcessEnvironment &env
                                          = QProcessEnvironment::systemEnvironment());

    /// Builds the configuration from an already merged tree.
    static ClearmlConfig fromTree(nlohmann::json tree, const QProcessEnvironment &env);

    /// Deep merge of HOCON trees: objects merge, anything else in `over` wins.
    static void mergeTree(nlohmann::json &into, const nlohmann::json &over);

    /// The value at a dotted path in `tree`, or nullptr.
    static const nlohmann::json *find(const nlohmann::json &tree, const QString &dottedPath);

    /// Web host from the API host: `://api.` → `://app.`, `://demoapi.` → `://demoapp.`,
    /// `:8008` → `:8080`. An empty URL when none applies.
    static QUrl deriveWebHost(const QUrl &api);
    /// Files host from the web host: an explicit port → 8081, `app.` → `files.`,
    /// `demoapp.` → `demofiles.`, else `:8081` appended.
    static QUrl deriveFilesHost(const QUrl &web);
    /// `~` and `$VAR`/`${VAR}` expanded with `env`.
    static QString expandPath(const QString &path, const QProcessEnvironment &env);
};

/// "abcd…wxyz" style: a secret never shown or logged in full. Short secrets become "****".
QString maskSecret(const QString &secret);

} // namespace Trove
