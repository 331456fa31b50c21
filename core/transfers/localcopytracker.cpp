#include "localcopytracker.h"

#include "session/session.h"
#include "transfers/transfermanager.h"

#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace Trove {

LocalCopyTracker::LocalCopyTracker(Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    m_checkTimer.setSingleShot(true);
    m_checkTimer.setInterval(0);
    connect(&m_checkTimer, &QTimer::timeout, this, &LocalCopyTracker::runChecks);
    connect(&m_watcher, &QFutureWatcher<QStringList>::finished, this, &LocalCopyTracker::onChecked);
    if (session) {
        connect(session->transfers(), &TransferManager::jobAdded, this,
                &LocalCopyTracker::onJobAdded);
        connect(session->transfers(), &TransferManager::jobFinished, this,
                &LocalCopyTracker::onJobFinished);
    }
}

LocalCopyTracker::~LocalCopyTracker()
{
    m_watcher.waitForFinished(); // a few stat() calls
}

Session *LocalCopyTracker::session() const
{
    return m_session;
}

QString LocalCopyTracker::keyOf(const DownloadRequest &request)
{
    return request.uri + QLatin1Char('\n') + request.artifactKey + QLatin1Char('\n')
           + request.expectedSha256.toLower() + QLatin1Char('\n')
           + (request.extractArchive ? QLatin1Char('x') : QLatin1Char('-')) + QLatin1Char('\n')
           + request.destination;
}

LocalCopyTracker::State LocalCopyTracker::state(const DownloadRequest &request)
{
    const QString key = keyOf(request);
    Entry &e = m_entries[key];
    if (e.state == State::Unknown) {
        e.request = request;
        e.state = State::Checking;
        scheduleCheck(key);
    }
    return e.state;
}

QString LocalCopyTracker::localPath(const DownloadRequest &request) const
{
    const auto it = m_entries.constFind(keyOf(request));
    return it != m_entries.cend() && it->state == State::Cached ? it->path : QString();
}

Error LocalCopyTracker::error(const DownloadRequest &request) const
{
    const auto it = m_entries.constFind(keyOf(request));
    return it != m_entries.cend() ? it->error : Error();
}

DownloadJob *LocalCopyTracker::job(const DownloadRequest &request) const
{
    const auto it = m_entries.constFind(keyOf(request));
    return it != m_entries.cend() ? it->job.data() : nullptr;
}

DownloadJob *LocalCopyTracker::download(const DownloadRequest &request)
{
    const QString key = keyOf(request);
    Entry &e = m_entries[key];
    if (e.job && !e.job->isDone())
        return e.job;
    if (e.state == State::Cached || !m_session)
        return nullptr;
    e.request = request;
    // jobAdded (synchronous) records the job and the Downloading state.
    return m_session->transfers()->download(request);
}

DownloadJob *
LocalCopyTracker::fetch(const DownloadRequest &request, QObject *context, FetchCallback done)
{
    QPointer<QObject> guard(context);
    auto whenDownloaded = [guard, done](DownloadJob *job) {
        QPointer<DownloadJob> j(job);
        connect(job, &TransferJob::finished, guard.data(), [j, done] {
            if (!j)
                return;
            if (j->state() == TransferJob::State::Finished)
                done(j->resultPath(), Error());
            else
                done(QString(), j->error());
        });
    };
    const QString path = localPath(request);
    if (path.isEmpty()) {
        DownloadJob *job = download(request);
        if (!job) {
            const Error e = Error::make(Error::Kind::Io, QStringLiteral("nothing to download"),
                                        request.uri);
            QTimer::singleShot(0, context, [done, e] { done(QString(), e); });
            return nullptr;
        }
        whenDownloaded(job);
        return job;
    }
    // Cached as far as we know: confirm off the GUI thread before handing the path out.
    auto *watcher = new QFutureWatcher<bool>(context);
    const QString key = keyOf(request);
    QPointer<LocalCopyTracker> self(this);
    connect(watcher, &QFutureWatcher<bool>::finished, context,
            [this, self, watcher, key, path, request, done, whenDownloaded] {
                watcher->deleteLater();
                if (watcher->result())
                    return done(path, Error());
                if (!self)
                    return done(QString(), Error::make(Error::Kind::Cancelled, QString(), path));
                auto it = m_entries.find(key);
                if (it != m_entries.end() && it->state == State::Cached) {
                    it->state = State::Missing;
                    it->path.clear();
                    Q_EMIT changed(key);
                }
                if (DownloadJob *job = download(request))
                    whenDownloaded(job);
                else
                    done(QString(), Error::make(Error::Kind::Io,
                                                QStringLiteral("the cached copy is gone"), path));
            });
    watcher->setFuture(QtConcurrent::run([path] { return QFileInfo::exists(path); }));
    return nullptr;
}

void LocalCopyTracker::recheck(const DownloadRequest &request)
{
    const QString key = keyOf(request);
    Entry &e = m_entries[key];
    if (e.state == State::Downloading)
        return;
    e.request = request;
    e.state = State::Checking;
    scheduleCheck(key);
    Q_EMIT changed(key);
}

void LocalCopyTracker::forgetAll()
{
    const QStringList keys = m_entries.keys();
    for (const QString &key : keys) {
        Entry &e = m_entries[key];
        if (e.state == State::Downloading || e.state == State::Checking)
            continue;
        e.state = State::Unknown;
        e.path.clear();
        Q_EMIT changed(key);
    }
}

void LocalCopyTracker::scheduleCheck(const QString &key)
{
    if (!m_toCheck.contains(key))
        m_toCheck << key;
    if (!m_watcher.isRunning())
        m_checkTimer.start();
}

void LocalCopyTracker::runChecks()
{
    if (m_watcher.isRunning() || m_toCheck.isEmpty())
        return;
    m_checking = std::exchange(m_toCheck, {});
    QList<DownloadRequest> requests;
    for (const QString &key : std::as_const(m_checking))
        requests << m_entries.value(key).request;
    m_watcher.setFuture(QtConcurrent::run([requests] {
        QStringList paths;
        for (const DownloadRequest &r : requests)
            paths << DownloadJob::localResult(r);
        return paths;
    }));
}

void LocalCopyTracker::onChecked()
{
    const QStringList paths = m_watcher.result();
    const QStringList keys = std::exchange(m_checking, {});
    for (int i = 0; i < keys.size() && i < paths.size(); ++i) {
        auto it = m_entries.find(keys.at(i));
        if (it == m_entries.end() || it->state != State::Checking)
            continue; // a download started meanwhile decides
        it->path = paths.at(i);
        it->state = it->path.isEmpty() ? State::Missing : State::Cached;
        Q_EMIT changed(keys.at(i));
    }
    if (!m_toCheck.isEmpty())
        m_checkTimer.start();
}

void LocalCopyTracker::onJobAdded(TransferJob *job)
{
    auto *download = qobject_cast<DownloadJob *>(job);
    if (!download)
        return;
    const QString key = keyOf(download->request());
    Entry &e = m_entries[key];
    e.request = download->request();
    e.job = download;
    e.state = State::Downloading;
    e.error = Error();
    Q_EMIT changed(key);
}

void LocalCopyTracker::onJobFinished(TransferJob *job)
{
    auto *download = qobject_cast<DownloadJob *>(job);
    if (!download)
        return;
    const QString key = keyOf(download->request());
    auto it = m_entries.find(key);
    if (it == m_entries.end() || (it->job && it->job != download))
        return; // an older job of a request downloading again
    switch (download->state()) {
    case TransferJob::State::Finished:
        it->state = State::Cached;
        it->path = download->resultPath();
        it->error = Error();
        break;
    case TransferJob::State::Failed:
        it->state = State::Failed;
        it->error = download->error();
        break;
    default: // cancelled: as if never asked
        it->state = State::Checking;
        scheduleCheck(key);
        break;
    }
    Q_EMIT changed(key);
}

} // namespace Trove
