#include "copyjob.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>

namespace Trove {
namespace {

constexpr qint64 kBlock = 1 << 20;

Error cancelled(const QString &path)
{
    return Error::make(Error::Kind::Cancelled, QString(), path);
}

Status copyFile(const QString &from,
                const QString &to,
                const std::atomic_bool *cancel,
                std::atomic<qint64> *done)
{
    QFile in(from);
    if (!in.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, in.errorString(), from);
    QSaveFile out(to);
    if (!out.open(QIODevice::WriteOnly))
        return Error::make(Error::Kind::Io, out.errorString(), to);
    QByteArray block;
    while (!in.atEnd()) {
        if (cancel && cancel->load()) {
            out.cancelWriting();
            return cancelled(to);
        }
        block = in.read(kBlock);
        if (block.isEmpty() && in.error() != QFileDevice::NoError)
            return Error::make(Error::Kind::Io, in.errorString(), from);
        if (out.write(block) != block.size())
            return Error::make(Error::Kind::Io, out.errorString(), to);
        if (done)
            done->fetch_add(block.size());
    }
    if (!out.commit())
        return Error::make(Error::Kind::Io, out.errorString(), to);
    return {};
}

/// Regular files below `root` (symlinked folders skipped), relative paths.
QStringList filesBelow(const QString &root, qint64 *bytes)
{
    QStringList out;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    const QDir base(root);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        if (!info.isFile())
            continue;
        out << base.relativeFilePath(info.filePath());
        *bytes += info.size();
    }
    return out;
}

} // namespace

CopyJob::CopyJob(CopyRequest request, QObject *parent)
    : TransferJob(QFileInfo(request.destination).fileName(), parent)
    , m_request(std::move(request))
{
    m_poll.setInterval(150);
    connect(&m_poll, &QTimer::timeout, this, &CopyJob::poll);
    connect(&m_watcher, &QFutureWatcher<Status>::finished, this, &CopyJob::onCopied);
}

CopyJob::~CopyJob()
{
    m_shared->cancel.store(true);
    m_watcher.waitForFinished();
}

Status CopyJob::copy(const CopyRequest &request,
                     const std::atomic_bool *cancel,
                     std::atomic<qint64> *done,
                     std::atomic<qint64> *total)
{
    const QFileInfo source(request.source);
    if (request.destination.isEmpty())
        return Error::make(Error::Kind::Io, QStringLiteral("no destination given"), request.source);
    if (source.isFile()) {
        if (total)
            total->store(source.size());
        const QString parent = QFileInfo(request.destination).absolutePath();
        if (!QDir().mkpath(parent))
            return Error::make(Error::Kind::Io, QStringLiteral("cannot create the folder"), parent);
        return copyFile(source.absoluteFilePath(), request.destination, cancel, done);
    }
    if (!source.isDir())
        return Error::make(Error::Kind::Io, QStringLiteral("not a file or folder"), request.source);
    const QFileInfo target(request.destination);
    if (target.exists())
        return Error::make(Error::Kind::Io, QStringLiteral("already exists"), request.destination);
    const QString parent = target.absolutePath();
    if (!QDir().mkpath(parent))
        return Error::make(Error::Kind::Io, QStringLiteral("cannot create the folder"), parent);
    qint64 bytes = 0;
    const QStringList files = filesBelow(source.absoluteFilePath(), &bytes);
    if (total)
        total->store(bytes);
    QTemporaryDir staging(parent + QStringLiteral("/.trove-copy-XXXXXX"));
    if (!staging.isValid())
        return Error::make(Error::Kind::Io, staging.errorString(), parent);
    const QDir from(source.absoluteFilePath()), to(staging.path());
    for (const QString &rel : files) {
        if (cancel && cancel->load())
            return cancelled(request.destination);
        const QString dest = to.filePath(rel);
        if (!QDir().mkpath(QFileInfo(dest).absolutePath()))
            return Error::make(Error::Kind::Io, QStringLiteral("cannot create the folder"),
                               QFileInfo(dest).absolutePath());
        const Status copied = copyFile(from.filePath(rel), dest, cancel, done);
        if (!copied)
            return copied;
    }
    // Empty sub-folders are kept too.
    QDirIterator dirs(source.absoluteFilePath(), QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot,
                      QDirIterator::Subdirectories);
    while (dirs.hasNext()) {
        dirs.next();
        if (!dirs.fileInfo().isSymLink())
            QDir().mkpath(to.filePath(from.relativeFilePath(dirs.filePath())));
    }
    if (!QDir().rename(staging.path(), target.absoluteFilePath()))
        return Error::make(Error::Kind::Io, QStringLiteral("cannot move the copy into place"),
                           request.destination);
    staging.setAutoRemove(false);
    return {};
}

void CopyJob::start()
{
    if (isDone())
        return;
    setRunning();
    const CopyRequest request = m_request;
    auto shared = m_shared;
    m_watcher.setFuture(QtConcurrent::run([request, shared]() {
        return copy(request, &shared->cancel, &shared->done, &shared->total);
    }));
    m_poll.start();
}

void CopyJob::poll()
{
    const qint64 done = m_shared->done.load();
    if (done != progress().bytes || m_shared->total.load() != progress().total)
        reportProgress(done, m_shared->total.load());
}

void CopyJob::onCopied()
{
    m_poll.stop();
    const Status status = m_watcher.result();
    if (m_cancelled || (!status && status.error().isCancelled()))
        return finishCancelled();
    if (!status)
        return finishWithError(status.error());
    reportProgress(m_shared->done.load(), m_shared->total.load());
    m_resultPath = m_request.destination;
    finishOk();
}

void CopyJob::cancel()
{
    if (isDone())
        return;
    m_cancelled = true;
    m_shared->cancel.store(true);
    if (m_watcher.isRunning())
        return; // onCopied() reports the cancel
    finishCancelled();
}

} // namespace Trove
