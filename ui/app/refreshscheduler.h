#pragma once

#include <QObject>
#include <QTimer>

namespace Trove {

/// When the main window polls the server for news (live refresh). One refresh at a time:
/// refreshDue() fires, the window refreshes its models and reports back with
/// reportResult() or reportError(); only then is the next one scheduled.
///
/// The delay starts at the minimum (5 s), doubles after every refresh that changed nothing
/// and after every error, up to the maximum (60 s), and drops back to the minimum when
/// something changed or the user did something (userActivity()).
class RefreshScheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefreshScheduler)

public:
    explicit RefreshScheduler(QObject *parent = nullptr);
    ~RefreshScheduler() override;

    void setIntervals(int minimumMs, int maximumMs);
    int minimumInterval() const { return m_minimum; }
    int maximumInterval() const { return m_maximum; }
    /// The delay before the next refresh.
    int interval() const { return m_interval; }
    bool isActive() const { return m_active; }
    /// A refresh was announced and not reported yet.
    bool isWaiting() const { return m_waiting; }
    bool isTimerRunning() const { return m_timer.isActive(); }

public slots:
    void start();
    void stop();
    void reportResult(bool changed);
    void reportError();
    void userActivity();

signals:
    void refreshDue();

private:
    void schedule();
    void onTimeout();

    QTimer m_timer;
    int m_minimum = 5000;
    int m_maximum = 60000;
    int m_interval = 5000;
    bool m_active = false;
    bool m_waiting = false;
};

} // namespace Trove
