#pragma once

#include "common/result.h"
#include "storage/s3config.h"

#include <QByteArray>
#include <QNetworkRequest>
#include <QUrl>

#include <atomic>
#include <functional>

class QObject;

namespace Trove {

/// Gives the file-server Bearer token. Injected by the owner of the API session; the storage
/// layer never logs in itself. It may be called from worker threads (remote byte sources), so
/// it must be thread-safe; returning an empty string sends no Authorization header.
using TokenProvider = std::function<QString()>;

/// Asks the API session for a fresh token (the files server answered 401: the token expired
/// while the session sat idle), then calls `done` once the TokenProvider gives the new token,
/// or once the refresh failed. Transfer jobs call it from the API session's thread with a
/// `context` in that thread (`done` runs there, unless `context` is gone). Remote byte sources
/// call it from worker threads with `context` nullptr: the refresher then starts the login in
/// the session's own thread and calls `done` from there.
using TokenRefresher = std::function<void(QObject *context, std::function<void()> done)>;

/// Knows every place an artifact or model URI may point to and how to reach it: the ClearML
/// file server (Bearer token, sent ONLY to the configured files host), any http(s) URL (no
/// credentials), s3:// (AWS Signature V4), file:// and plain local paths (used in place).
/// gs:// and azure:// are recognised and refused with Error::Kind::Unsupported.
///
/// A plain value: copy it into jobs and worker threads freely.
class StorageAccess final
{
public:
    enum class Kind { FilesServer, Http, S3, Local, Unsupported, Invalid };

    StorageAccess() = default;
    StorageAccess(QUrl filesServer, TokenProvider tokenProvider, S3Config s3 = {});

    void setFilesServer(const QUrl &filesServer) { m_filesServer = filesServer; }
    void setTokenProvider(TokenProvider provider) { m_tokenProvider = std::move(provider); }
    void setTokenRefresher(TokenRefresher refresher) { m_tokenRefresher = std::move(refresher); }
    /// True when a 401 from `url` is worth one retry after refreshToken(): a files-server URL
    /// and a refresher to call.
    bool canRefreshTokenFor(const QUrl &url) const
    {
        return m_tokenRefresher && isFilesServerUrl(url);
    }
    void refreshToken(QObject *context, std::function<void()> done) const
    {
        m_tokenRefresher(context, std::move(done));
    }
    /// refreshToken() for worker threads (remote byte sources): waits up to `timeoutMs` for
    /// the new token; gives up early when `cancel` is set. Never call it from the thread of
    /// the API session (it would wait for a login that can only finish there). Returns false
    /// on timeout or cancel.
    bool refreshTokenBlocking(const std::atomic_bool *cancel, int timeoutMs) const;
    void setS3Config(S3Config config) { m_s3 = std::move(config); }
    QUrl filesServer() const { return m_filesServer; }
    const S3Config &s3Config() const { return m_s3; }

    /// Parses a URI as the SDK stores it: a URL, or a bare local path.
    static QUrl parse(const QString &uri);
    Kind classify(const QUrl &url) const;
    /// For Kind::Local: the path to use in place (no copy), else empty.
    static QString localPath(const QUrl &url);
    /// True when `url` is under the configured files server (same scheme, host, port, path
    /// prefix): only then does the Bearer token go out.
    bool isFilesServerUrl(const QUrl &url) const;

    struct RequestOptions
    {
        qint64 rangeStart = -1;      ///< >= 0: send "Range: bytes=start-[end]"
        qint64 rangeEnd = -1;        ///< inclusive end, -1 = to the end
        QByteArray ifRange;          ///< validator (ETag or Last-Modified) for resumed reads
        QByteArray payloadSha256Hex; ///< S3 PUT: the body's sha256 (hex); empty = empty body
        QByteArray contentType;
        QByteArray query; ///< S3: extra wire query, percent-encoded ("uploads",
                          ///< "partNumber=1&uploadId=x")
    };

    /// A ready QNetworkRequest for `method` on `url` (http/https/files server/s3), with the
    /// right credentials, "Accept-Encoding: identity" (byte offsets must stay true) and
    /// same-origin-only redirects. Sign each attempt anew (S3 signatures carry the time).
    Result<QNetworkRequest>
    prepare(const QUrl &url, const QByteArray &method, const RequestOptions &options) const;

    /// An HTTP failure as an Error: the S3 XML error code and message when the body holds one
    /// ("SignatureDoesNotMatch: …"), else the start of the body.
    static Error httpError(const QString &uri, int status, const QByteArray &body);

    /// Unsupported/invalid URL → the matching error; else none.
    Error unsupportedError(const QUrl &url) const;

private:
    QUrl m_filesServer;
    TokenProvider m_tokenProvider;
    TokenRefresher m_tokenRefresher;
    S3Config m_s3;
};

} // namespace Trove
