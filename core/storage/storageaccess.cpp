#include "storageaccess.h"

#include "storage/s3error.h"
#include "storage/s3location.h"
#include "storage/sigv4signer.h"

#include <QDateTime>
#include <QDir>
#include <QSslConfiguration>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace Trove {

StorageAccess::StorageAccess(QUrl filesServer, TokenProvider tokenProvider, S3Config s3)
    : m_filesServer(std::move(filesServer))
    , m_tokenProvider(std::move(tokenProvider))
    , m_s3(std::move(s3))
{}

bool StorageAccess::refreshTokenBlocking(const std::atomic_bool *cancel, int timeoutMs) const
{
    if (!m_tokenRefresher)
        return false;
    struct Wait
    {
        std::mutex mutex;
        std::condition_variable changed;
        bool done = false;
    };
    // Shared: `done` may run after this function gave up.
    auto wait = std::make_shared<Wait>();
    m_tokenRefresher(nullptr, [wait] {
        const std::lock_guard<std::mutex> lock(wait->mutex);
        wait->done = true;
        wait->changed.notify_all();
    });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    std::unique_lock<std::mutex> lock(wait->mutex);
    while (!wait->done) {
        if (cancel && cancel->load())
            return false;
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        wait->changed.wait_for(lock, std::chrono::milliseconds(50));
    }
    return true;
}

QUrl StorageAccess::parse(const QString &uri)
{
    if (uri.startsWith(QLatin1Char('/')) || uri.startsWith(QLatin1String("~/"))
        || uri.startsWith(QLatin1String("./"))) {
        QString path = uri;
        if (path.startsWith(QLatin1String("~/")))
            path = QDir::homePath() + path.mid(1);
        return QUrl::fromLocalFile(path);
    }
    if (uri.size() > 2 && uri.at(1) == QLatin1Char(':')
        && (uri.at(2) == QLatin1Char('\\') || uri.at(2) == QLatin1Char('/')))
        return QUrl::fromLocalFile(uri); // a Windows drive path
    QUrl url(uri, QUrl::TolerantMode);
    if (url.scheme().isEmpty())
        return QUrl::fromLocalFile(QDir::current().absoluteFilePath(uri));
    return url;
}

StorageAccess::Kind StorageAccess::classify(const QUrl &url) const
{
    if (!url.isValid() || url.scheme().isEmpty())
        return Kind::Invalid;
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("file"))
        return Kind::Local;
    if (scheme == QLatin1String("s3"))
        return Kind::S3;
    if (scheme == QLatin1String("gs") || scheme == QLatin1String("azure"))
        return Kind::Unsupported;
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https"))
        return isFilesServerUrl(url) ? Kind::FilesServer : Kind::Http;
    return Kind::Unsupported;
}

QString StorageAccess::localPath(const QUrl &url)
{
    return url.isLocalFile() ? url.toLocalFile() : QString();
}

bool StorageAccess::isFilesServerUrl(const QUrl &url) const
{
    if (!m_filesServer.isValid() || m_filesServer.host().isEmpty())
        return false;
    auto defaultPort = [](const QUrl &u) {
        return u.port(u.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443
                                                                                           : 80);
    };
    if (url.scheme().compare(m_filesServer.scheme(), Qt::CaseInsensitive) != 0
        || url.host().compare(m_filesServer.host(), Qt::CaseInsensitive) != 0
        || defaultPort(url) != defaultPort(m_filesServer))
        return false;
    QString base = m_filesServer.path(QUrl::FullyEncoded);
    if (base.isEmpty() || base == QLatin1String("/"))
        return true;
    if (!base.endsWith(QLatin1Char('/')))
        base += QLatin1Char('/');
    const QString path = url.path(QUrl::FullyEncoded);
    return path.startsWith(base) || path + QLatin1Char('/') == base;
}

Error StorageAccess::httpError(const QString &uri, int status, const QByteArray &body)
{
    const S3Error s3 = S3Error::parse(body);
    QString message = s3.isEmpty() ? QString::fromUtf8(body.left(300)).trimmed() : s3.text();
    Error e = Error::make(Error::Kind::Http, message, uri);
    e.httpStatus = status;
    return e;
}

Error StorageAccess::unsupportedError(const QUrl &url) const
{
    switch (classify(url)) {
    case Kind::Invalid:
        return Error::make(Error::Kind::Parse, QStringLiteral("not a valid storage URI"),
                           url.toString());
    case Kind::Unsupported:
        return Error::make(Error::Kind::Unsupported,
                           QStringLiteral("%1:// storage is not supported yet").arg(url.scheme()),
                           url.toString());
    default:
        return Error();
    }
}

Result<QNetworkRequest> StorageAccess::prepare(const QUrl &url,
                                               const QByteArray &method,
                                               const RequestOptions &options) const
{
    const Kind kind = classify(url);
    if (kind == Kind::Invalid || kind == Kind::Unsupported)
        return unsupportedError(url);
    if (kind == Kind::Local)
        return Error::make(Error::Kind::Unsupported,
                           QStringLiteral("a local file is read in place, not over HTTP"),
                           url.toString());

    QByteArray range;
    if (options.rangeStart >= 0) {
        range = "bytes=" + QByteArray::number(options.rangeStart) + '-';
        if (options.rangeEnd >= 0)
            range += QByteArray::number(options.rangeEnd);
    }

    QNetworkRequest request;
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::SameOriginRedirectPolicy);
    request.setRawHeader("Accept-Encoding", "identity");
    if (!range.isEmpty())
        request.setRawHeader("Range", range);
    if (!options.ifRange.isEmpty())
        request.setRawHeader("If-Range", options.ifRange);
    if (!options.contentType.isEmpty())
        request.setRawHeader("Content-Type", options.contentType);

    if (kind != Kind::S3) {
        request.setUrl(url);
        if (kind == Kind::FilesServer && m_tokenProvider) {
            const QString token = m_tokenProvider();
            if (!token.isEmpty())
                request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        }
        return request;
    }

    auto location = resolveS3Location(url, m_s3);
    if (!location)
        return location.error();
    QUrl target = location->httpUrl();
    if (!options.query.isEmpty())
        target.setQuery(QString::fromLatin1(options.query), QUrl::TolerantMode);
    request.setUrl(target);
    if (!location->verify) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        request.setSslConfiguration(ssl);
    }
    if (location->credentials.accessKey.isEmpty())
        return request; // anonymous (public bucket)

    const QByteArray payloadHash = options.payloadSha256Hex.isEmpty()
                                           ? SigV4Signer::emptyPayloadHash()
                                           : options.payloadSha256Hex;
    SigV4Request sr;
    sr.method = method;
    sr.path = location->wirePath();
    sr.query = options.query;
    QByteArray host = target.host().toUtf8();
    if (target.port() > 0 && target.port() != (location->secure ? 443 : 80))
        host += ':' + QByteArray::number(target.port());
    sr.headers.append({"host", host});
    sr.headers.append({"x-amz-content-sha256", payloadHash});
    if (!range.isEmpty())
        sr.headers.append({"range", range});
    sr.payloadHash = payloadHash;
    SigV4Signer signer(location->credentials, location->region, QStringLiteral("s3"),
                       SigV4Signer::UriMode::S3);
    const auto signedRequest = signer.sign(sr, QDateTime::currentDateTimeUtc());
    request.setRawHeader("x-amz-content-sha256", payloadHash);
    for (const auto &[name, value] : signedRequest.addedHeaders)
        request.setRawHeader(name, value);
    return request;
}

} // namespace Trove
