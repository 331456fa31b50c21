#pragma once

#include <QObject>

#include <csignal>

class QSocketNotifier;

namespace Trove::Cli {

/// While alive, turns SIGINT/SIGTERM into the interrupted() signal (self-pipe trick: the
/// handler only writes a byte, a QSocketNotifier delivers it in the event loop), so that a
/// transfer in progress is cancelled cleanly instead of leaving the process mid-write.
/// The previous handlers are restored on destruction. One guard at a time.
class InterruptGuard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InterruptGuard)

public:
    explicit InterruptGuard(QObject *parent = nullptr);
    ~InterruptGuard() override;

signals:
    void interrupted();

private:
    void onActivated();

    QSocketNotifier *m_notifier = nullptr;
    struct sigaction m_oldInt = {};
    struct sigaction m_oldTerm = {};
};

} // namespace Trove::Cli
