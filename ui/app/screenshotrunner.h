#pragma once

#include "app/startupoptions.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Trove {

class MainWindow;

/// `trove --screenshot FILE`: shows the window at a fixed size, asks for the chosen state
/// (task, artifact, tab), waits without blocking until MainWindow::pendingWork() is empty
/// (project tree, task, artifacts, models, preview loaded), grabs the window with
/// QWidget::grab() and saves a PNG. finished(0) on success; finished(1) with one line in
/// errorString() when the connection fails, the task or artifact is not there, or the data
/// does not arrive within the timeout.
class ScreenshotRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScreenshotRunner)

public:
    ScreenshotRunner(MainWindow *window, StartupOptions options, QObject *parent = nullptr);
    ~ScreenshotRunner() override;

    void start();
    QString errorString() const { return m_error; }

signals:
    void finished(int exitCode);

private:
    void poll();
    void finish(const QString &error);
    QString checkSelection() const;

    QPointer<MainWindow> m_window;
    StartupOptions m_options;
    QTimer m_poll;
    QElapsedTimer m_clock;
    int m_idlePolls = 0;
    bool m_done = false;
    QString m_error;
};

} // namespace Trove
