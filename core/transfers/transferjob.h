#pragma once

#include "common/error.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

namespace Trove {

/// Progress of one transfer. total is -1 while unknown; rate is bytes/s over the last few
/// seconds; eta is -1 while unknown.
struct TransferProgress
{
    qint64 bytes = 0;
    qint64 total = -1;
    double bytesPerSecond = 0;
    qint64 etaSeconds = -1;
};

/// One upload or download run by the TransferManager. Lives in the manager's thread (the GUI
/// thread): all work is asynchronous (network signals, QtConcurrent for hashing/zipping).
/// finished() is emitted exactly once; then state() is Finished, Failed or Cancelled, and
/// error() explains a failure. Cancelling is not an error.
class TransferJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferJob)

public:
    enum class State { Queued, Running, Finished, Failed, Cancelled };
    Q_ENUM(State)

    State state() const { return m_state; }
    bool isDone() const
    {
        return m_state == State::Finished || m_state == State::Failed
               || m_state == State::Cancelled;
    }
    const Error &error() const { return m_error; }
    TransferProgress progress() const { return m_progress; }
    /// A short label for lists: the file name or URL.
    QString name() const { return m_name; }

    /// Stops the transfer; a partial file is removed. Safe in any state.
    virtual void cancel() = 0;

Q_SIGNALS:
    void progressChanged(const Trove::TransferProgress &progress);
    void stateChanged(Trove::TransferJob::State state);
    void finished();

protected:
    explicit TransferJob(QString name, QObject *parent);

    friend class TransferManager;
    /// Called by the manager when a slot is free.
    virtual void start() = 0;

    void setRunning();
    void reportProgress(qint64 bytes, qint64 total);
    void finishOk();
    void finishWithError(Error error);
    void finishCancelled();

private:
    void finishAs(State state);

    QString m_name;
    State m_state = State::Queued;
    Error m_error;
    TransferProgress m_progress;
    QElapsedTimer m_clock;
    qint64 m_windowStartMs = 0;
    qint64 m_windowStartBytes = 0;
    double m_rate = 0;
};

} // namespace Trove
