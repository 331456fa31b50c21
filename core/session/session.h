#pragma once

#include "api/apiclient.h"
#include "api/clearmlapi.h"
#include "cache/sdkcache.h"
#include "config/clearmlconfig.h"
#include "storage/storageaccess.h"
#include "transfers/downloadjob.h"
#include "transfers/uploadjob.h"

#include <QObject>

#include <memory>

namespace Trove {

class TransferManager;

struct SessionOptions
{
    ApiClientOptions api;
    int maxParallelTransfers = 3;
};

/// Everything needed to work with one ClearML server, assembled from one ClearmlConfig so that
/// trove-cli and the GUI wire it the same way:
///
///   ClearmlConfig → ApiClient → ClearmlApi
///                 → StorageAccess (files server, the API session's token, sdk.aws.s3)
///                 → TransferManager
///                 → SdkCache (the cache shared with the SDK: CLEARML_CACHE_DIR > conf)
///
/// The storage layer never logs in: its token provider reads the API session's current JWT,
/// refreshed on every login, from a mutex-guarded box (safe for worker threads).
///
/// The request builders below encode the SDK's conventions (cache naming, archive
/// extraction, upload destination) in one place. Lives in the thread that created it.
class Session final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)

public:
    explicit Session(ClearmlConfig config,
                     SessionOptions options = SessionOptions(),
                     QObject *parent = nullptr);
    ~Session() override;

    const ClearmlConfig &config() const { return m_config; }
    ApiClient *client() const { return m_client; }
    ClearmlApi *api() const { return m_api; }
    TransferManager *transfers() const { return m_transfers; }
    StorageAccess storageAccess() const;

    /// The SDK-shared cache, context "global" (artifacts and models).
    SdkCache cache() const { return cacheFor(m_config); }
    /// The eviction of every download: the limits set in Trove (CacheLimits, read from the
    /// shared settings each time), else clearml.conf's default_cache_manager_size.
    SdkCache::EvictionPolicy evictionPolicy() const;
    /// The cache of a configuration, without a session (e.g. `trove-cli cache` offline).
    static SdkCache cacheFor(const ClearmlConfig &config,
                             const QProcessEnvironment &env
                             = QProcessEnvironment::systemEnvironment());

    /// Download of an artifact into the shared cache, as `Artifact.get_local_copy()` does:
    /// sha256 and size checked when known, `archive` artifacts extracted into the SDK's
    /// `<md5>.<name>_artifacts_archive_<key>` folder.
    DownloadRequest artifactDownload(const Artifact &artifact) const;
    /// Download of a model's weights into the shared cache (`file://` uris used in place).
    DownloadRequest modelDownload(const Model &model) const;

    /// Where uploads of `task` go: its output destination, else the files server.
    QString uploadDestination(const Task &task) const;
    /// An artifact upload with the SDK's key layout. `projectName` is the full project path.
    UploadRequest artifactUpload(const Task &task,
                                 const QString &projectName,
                                 const QString &localPath,
                                 const QString &artifactName) const;
    /// A model weights upload to `<…>/models/<file>`.
    UploadRequest
    modelUpload(const Task &task, const QString &projectName, const QString &localPath) const;
    /// The artifact to register for a finished upload.
    static Artifact artifactFromSpec(const ArtifactSpec &spec);

private:
    struct TokenBox;
    void updateToken();

    ClearmlConfig m_config;
    ApiClient *m_client = nullptr;
    ClearmlApi *m_api = nullptr;
    TransferManager *m_transfers = nullptr;
    std::shared_ptr<TokenBox> m_token;
};

} // namespace Trove
