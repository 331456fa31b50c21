#pragma once

#include "common/error.h"
#include "transfers/downloadjob.h"

#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace Trove {

class Session;
class TransferJob;

/// Knows, for each download request (an artifact or model of a session), whether its bytes
/// are already on disk — and where — without the GUI thread touching the disk: the first
/// state() query schedules a check (DownloadJob::localResult, batched, in a worker thread)
/// and answers Checking until changed(key) reports the outcome. It follows the session's
/// TransferManager, so a download started anywhere (dock, actions, drag-out) turns the
/// request into Downloading and then Cached (or Failed) for every view at once.
///
/// One tracker per Session, in the GUI thread: `new LocalCopyTracker(session, session)`.
/// Requests are identified by keyOf(): uri, artifact key, expected hash and extraction, so a
/// replaced artifact (new hash) is checked afresh.
class LocalCopyTracker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalCopyTracker)

public:
    enum class State { Unknown, Checking, Missing, Downloading, Cached, Failed };
    Q_ENUM(State)

    explicit LocalCopyTracker(Session *session, QObject *parent = nullptr);
    ~LocalCopyTracker() override;

    Session *session() const;
    static QString keyOf(const DownloadRequest &request);

    /// The known state; Unknown schedules a check and returns Checking.
    State state(const DownloadRequest &request);
    /// Cached: the local file or folder; else empty.
    QString localPath(const DownloadRequest &request) const;
    /// Failed: why the last download failed.
    Error error(const DownloadRequest &request) const;
    /// The download in flight for `request`, if any.
    DownloadJob *job(const DownloadRequest &request) const;
    /// Starts a download unless one is running (returned) or the copy is known to be cached
    /// (nullptr: use localPath()). The download appears in the transfers dock.
    DownloadJob *download(const DownloadRequest &request);
    using FetchCallback = std::function<void(const QString &path, const Error &error)>;
    /// Calls `done(path, {})` once the bytes of `request` are on disk, or `done({}, error)`
    /// (also for a cancel): a known cached copy is first confirmed to still exist (worker
    /// thread; the SDK may have evicted it, a replaced artifact was invalidated), else it is
    /// downloaded. `done` is never called after `context` is destroyed, and always from the
    /// event loop. Returns the download job when one was started right away.
    DownloadJob *fetch(const DownloadRequest &request, QObject *context, FetchCallback done);
    /// Forgets what is known (e.g. after the cache was cleaned) and checks again.
    void recheck(const DownloadRequest &request);
    void forgetAll();

Q_SIGNALS:
    /// The state, path or error of `key` changed.
    void changed(const QString &key);

private:
    struct Entry
    {
        State state = State::Unknown;
        QString path;
        Error error;
        QPointer<DownloadJob> job;
        DownloadRequest request;
    };
    void scheduleCheck(const QString &key);
    void runChecks();
    void onChecked();
    void onJobAdded(TransferJob *job);
    void onJobFinished(TransferJob *job);

    QPointer<Session> m_session;
    QHash<QString, Entry> m_entries;
    QStringList m_toCheck;
    QStringList m_checking;
    QTimer m_checkTimer;
    QFutureWatcher<QStringList> m_watcher;
};

} // namespace Trove
