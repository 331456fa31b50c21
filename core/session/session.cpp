#include "session.h"

#include "cache/cachelimits.h"
#include "session/configsource.h"
#include "transfers/transfermanager.h"

#include <QMutex>
#include <QMutexLocker>
#include <QPointer>
#include <QSettings>

namespace Trove {

struct Session::TokenBox
{
    QMutex mutex;
    QString token;
};

Session::Session(ClearmlConfig config, SessionOptions options, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_token(std::make_shared<TokenBox>())
{
    m_client = new ApiClient(m_config, options.api, this);
    m_api = new ClearmlApi(m_client, this);
    m_transfers = new TransferManager(storageAccess(), this);
    m_transfers->setMaxParallel(options.maxParallelTransfers);
    connect(m_client, &ApiClient::loggedIn, this, &Session::updateToken);
    updateToken(); // CLEARML_AUTH_TOKEN: usable before any login
}

Session::~Session() = default;

void Session::updateToken()
{
    QByteArray header = m_client->authorizationHeader();
    if (header.startsWith("Bearer "))
        header.remove(0, 7);
    QMutexLocker lock(&m_token->mutex);
    m_token->token = QString::fromUtf8(header.trimmed());
}

StorageAccess Session::storageAccess() const
{
    std::shared_ptr<TokenBox> box = m_token;
    TokenProvider provider = [box] {
        QMutexLocker lock(&box->mutex);
        return box->token;
    };
    S3Config s3 = m_config.s3;
    s3.applyEnvironment();
    StorageAccess access(m_config.filesServer, std::move(provider), std::move(s3));
    // A 401 from the files server: log in again (loggedIn → updateToken fills the box first),
    // then let the job retry once.
    QPointer<ApiClient> client = m_client;
    access.setTokenRefresher([client](QObject *context, std::function<void()> done) {
        if (!client) {
            done();
            return;
        }
        if (!context) {
            // A worker thread (remote byte source): log in on the client's own thread; `done`
            // runs there when the reply finishes (or at once if the client is gone by then).
            QMetaObject::invokeMethod(
                    client.data(),
                    [client, done] {
                        if (!client)
                            return done();
                        ApiReply *reply = client->login();
                        QObject::connect(reply, &ApiReply::finished, reply, [done] { done(); });
                    },
                    Qt::QueuedConnection);
            return;
        }
        ApiReply *reply = client->login();
        QObject::connect(reply, &ApiReply::finished, context, [done] { done(); });
    });
    return access;
}

SdkCache Session::cacheFor(const ClearmlConfig &config, const QProcessEnvironment &env)
{
    return SdkCache(SdkCache::resolveBaseDir(config.cacheBaseDir, env));
}

SdkCache::EvictionPolicy Session::evictionPolicy() const
{
    const auto settings = ConfigSource::openSettings();
    return CacheLimits::load(*settings).policy(m_config.cacheManagerSize);
}

DownloadRequest Session::artifactDownload(const Artifact &artifact) const
{
    DownloadRequest r;
    r.uri = artifact.uri;
    r.cache = cache();
    r.eviction = evictionPolicy();
    r.expectedSha256 = artifact.hash;
    r.expectedSize = artifact.contentSize;
    r.extractArchive = artifact.type == QLatin1String("archive");
    r.artifactKey = artifact.key;
    return r;
}

DownloadRequest Session::modelDownload(const Model &model) const
{
    DownloadRequest r;
    r.uri = model.uri;
    r.cache = cache();
    r.eviction = evictionPolicy();
    return r;
}

QString Session::uploadDestination(const Task &task) const
{
    if (!task.outputDestination.isEmpty())
        return task.outputDestination;
    return m_config.filesServer.toString(QUrl::StripTrailingSlash);
}

UploadRequest Session::artifactUpload(const Task &task,
                                      const QString &projectName,
                                      const QString &localPath,
                                      const QString &artifactName) const
{
    return UploadRequest::forArtifact(localPath, uploadDestination(task), projectName,
                                      task.project.id, task.name, task.id, artifactName);
}

UploadRequest
Session::modelUpload(const Task &task, const QString &projectName, const QString &localPath) const
{
    return UploadRequest::forModel(localPath, uploadDestination(task), projectName, task.project.id,
                                   task.name, task.id);
}

Artifact Session::artifactFromSpec(const ArtifactSpec &spec)
{
    Artifact a;
    a.key = spec.key;
    a.type = spec.type;
    a.mode = QStringLiteral("output");
    a.uri = spec.uri;
    a.contentSize = spec.contentSize;
    a.hash = spec.hash;
    a.timestamp = spec.timestamp;
    a.preview = spec.preview;
    a.contentType = spec.contentType;
    return a;
}

} // namespace Trove
