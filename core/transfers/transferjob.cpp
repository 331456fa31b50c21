#include "transferjob.h"

namespace Trove {

TransferJob::TransferJob(QString name, QObject *parent)
    : QObject(parent)
    , m_name(std::move(name))
{}

void TransferJob::setRunning()
{
    m_state = State::Running;
    m_clock.start();
    m_windowStartMs = 0;
    m_windowStartBytes = m_progress.bytes;
    Q_EMIT stateChanged(m_state);
}

void TransferJob::reportProgress(qint64 bytes, qint64 total)
{
    const qint64 now = m_clock.isValid() ? m_clock.elapsed() : 0;
    const qint64 window = now - m_windowStartMs;
    if (window >= 500) {
        const double instant = double(bytes - m_windowStartBytes) * 1000.0 / double(window);
        m_rate = m_rate <= 0 ? instant : 0.5 * m_rate + 0.5 * instant;
        m_windowStartMs = now;
        m_windowStartBytes = bytes;
    }
    m_progress.bytes = bytes;
    m_progress.total = total;
    m_progress.bytesPerSecond = std::max(0.0, m_rate);
    m_progress.etaSeconds
            = (total >= 0 && m_rate > 1) ? static_cast<qint64>(double(total - bytes) / m_rate) : -1;
    Q_EMIT progressChanged(m_progress);
}

void TransferJob::finishOk()
{
    finishAs(State::Finished);
}

void TransferJob::finishWithError(Error error)
{
    m_error = std::move(error);
    finishAs(State::Failed);
}

void TransferJob::finishCancelled()
{
    m_error = Error::make(Error::Kind::Cancelled, QString(), m_name);
    finishAs(State::Cancelled);
}

void TransferJob::finishAs(State state)
{
    if (isDone())
        return;
    m_state = state;
    Q_EMIT stateChanged(m_state);
    Q_EMIT finished();
}

} // namespace Trove
