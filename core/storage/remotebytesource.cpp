#include "remotebytesource.h"

#include "storage/s3error.h"

#include <QEventLoop>
#include <QMutex>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QThread>
#include <QTimer>

#include <list>
#include <map>

namespace Trove {
namespace {

constexpr qint64 kBlock = 256 * 1024;
constexpr size_t kBlocksKept = 8;
constexpr int kAttempts = 3;
constexpr int kStallTimeoutMs = 30000; ///< a read with no byte for this long fails

class RemoteSource final : public ByteSource
{
public:
    RemoteSource(QUrl url, StorageAccess access, const std::atomic_bool *cancel)
        : m_url(std::move(url))
        , m_access(std::move(access))
        , m_cancel(cancel)
    {}

    Error open()
    {
        auto first = block(0);
        return first ? Error() : first.error();
    }

    qint64 size() const override { return m_size; }

    Result<QByteArray> read(qint64 offset, qint64 length) override
    {
        if (offset < 0 || length < 0)
            return Error::make(Error::Kind::Io, QStringLiteral("negative read range"), name());
        QMutexLocker lock(&m_mutex);
        if (m_size >= 0) {
            if (offset >= m_size)
                return QByteArray();
            length = std::min(length, m_size - offset);
        }
        if (length == 0)
            return QByteArray();
        // Large reads bypass the cache (they would only evict useful blocks).
        if (length > qint64(kBlocksKept / 2) * kBlock)
            return fetch(offset, length);
        QByteArray out;
        out.reserve(length);
        qint64 pos = offset;
        while (out.size() < length) {
            const qint64 index = pos / kBlock;
            auto data = block(index);
            if (!data)
                return data.error();
            const qint64 within = pos - index * kBlock;
            if (within >= data->size())
                break; // end of data
            const qint64 take = std::min<qint64>(length - out.size(), data->size() - within);
            out.append(data->constData() + within, take);
            pos += take;
            if (data->size() < kBlock)
                break;
        }
        return out;
    }

    QString name() const override { return m_url.toDisplayString(); }

private:
    Result<QByteArray> block(qint64 index)
    {
        auto it = m_blocks.find(index);
        if (it != m_blocks.end()) {
            m_lru.remove(index);
            m_lru.push_front(index);
            return it->second;
        }
        auto data = fetch(index * kBlock, kBlock);
        if (!data)
            return data;
        m_blocks[index] = data.value();
        m_lru.push_front(index);
        while (m_lru.size() > kBlocksKept) {
            m_blocks.erase(m_lru.back());
            m_lru.pop_back();
        }
        return data;
    }

    Result<QByteArray> fetch(qint64 offset, qint64 length)
    {
        auto r = fetchRetrying(offset, length);
        if (!r && r.error().kind == Error::Kind::Http && r.error().httpStatus == 401
            && m_access.canRefreshTokenFor(m_url)
            && m_access.refreshTokenBlocking(m_cancel, kStallTimeoutMs)) {
            // The session's token expired while it sat idle: one fresh login, one more try.
            r = fetchRetrying(offset, length);
        }
        return r;
    }

    Result<QByteArray> fetchRetrying(qint64 offset, qint64 length)
    {
        Error last;
        for (int attempt = 0; attempt < kAttempts; ++attempt) {
            if (attempt > 0)
                QThread::msleep(static_cast<unsigned long>(200 * attempt));
            auto r = fetchOnce(offset, length);
            if (r)
                return r;
            last = r.error();
            const bool retryable = last.kind == Error::Kind::Network
                                   || (last.kind == Error::Kind::Http
                                       && (last.httpStatus >= 500 || last.httpStatus == 429));
            if (!retryable)
                break;
        }
        return last;
    }

    Result<QByteArray> fetchOnce(qint64 offset, qint64 length)
    {
        if (m_cancel && m_cancel->load())
            return Error::make(Error::Kind::Cancelled, QString(), name());
        StorageAccess::RequestOptions options;
        options.rangeStart = offset;
        options.rangeEnd = offset + length - 1;
        auto request = m_access.prepare(m_url, "GET", options);
        if (!request)
            return request.error();

        request->setTransferTimeout(kStallTimeoutMs);
        QNetworkAccessManager nam;
        QEventLoop loop;
        QNetworkReply *reply = nam.get(*request);
        reply->setReadBufferSize(kBlock);
        QByteArray out;
        qint64 skip = -1; // bytes still to skip on a 200 answer; -1 until headers are seen
        bool done = false;
        bool cancelled = false;
        auto consume = [&] {
            if (skip < 0) {
                const int status
                        = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (status == 206) {
                    skip = 0;
                    const ContentRange range
                            = ContentRange::parse(reply->rawHeader("Content-Range"));
                    if (range.valid && range.total >= 0)
                        m_size = range.total;
                } else if (status == 200) {
                    skip = offset;
                    const QVariant len = reply->header(QNetworkRequest::ContentLengthHeader);
                    if (len.isValid())
                        m_size = len.toLongLong();
                } else {
                    return; // an error answer: read in full at the end
                }
            }
            while (reply->bytesAvailable() > 0) {
                if (skip > 0) {
                    skip -= reply->skip(std::min(skip, reply->bytesAvailable()));
                    continue;
                }
                out += reply->read(length - out.size());
                if (out.size() >= length) {
                    done = true;
                    reply->abort();
                    loop.quit();
                    return;
                }
            }
        };
        QObject::connect(reply, &QNetworkReply::readyRead, &loop, consume);
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer poll;
        poll.setInterval(50);
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (m_cancel && m_cancel->load()) {
                cancelled = true;
                reply->abort();
                loop.quit();
            }
        });
        poll.start();
        if (!reply->isFinished())
            loop.exec();
        if (!done && !cancelled)
            consume();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const auto netError = reply->error();
        const QString netErrorText = reply->errorString();
        const QByteArray body = (status >= 400) ? reply->readAll().left(64 * 1024) : QByteArray();
        delete reply;
        if (cancelled)
            return Error::make(Error::Kind::Cancelled, QString(), name());
        if (done)
            return out;
        if (status == 416)
            return QByteArray(); // past the end
        if (status >= 400 || (status != 0 && status != 200 && status != 206)) {
            return StorageAccess::httpError(name(), status, body);
        }
        if (netError != QNetworkReply::NoError) {
            const bool stalled = netError == QNetworkReply::OperationCanceledError
                                 || netError == QNetworkReply::TimeoutError;
            Error e = Error::make(Error::Kind::Network,
                                  stalled ? QStringLiteral("no data from the server for %1 s")
                                                    .arg(kStallTimeoutMs / 1000)
                                          : netErrorText,
                                  name());
            e.networkError = netError;
            return e;
        }
        return out; // shorter than asked: the end of the object
    }

    QUrl m_url;
    StorageAccess m_access;
    const std::atomic_bool *m_cancel;
    QMutex m_mutex;
    qint64 m_size = -1;
    std::map<qint64, QByteArray> m_blocks;
    std::list<qint64> m_lru;
};

} // namespace

std::unique_ptr<ByteSource> openRemoteSource(const QString &uri,
                                             const StorageAccess &access,
                                             const std::atomic_bool *cancel,
                                             Error *error)
{
    const QUrl url = StorageAccess::parse(uri);
    switch (access.classify(url)) {
    case StorageAccess::Kind::Local:
        return openFileSource(StorageAccess::localPath(url), error);
    case StorageAccess::Kind::Invalid:
    case StorageAccess::Kind::Unsupported:
        if (error)
            *error = access.unsupportedError(url);
        return nullptr;
    default:
        break;
    }
    auto source = std::make_unique<RemoteSource>(url, access, cancel);
    const Error e = source->open();
    if (e.kind != Error::Kind::None) {
        if (error)
            *error = e;
        return nullptr;
    }
    return source;
}

} // namespace Trove
