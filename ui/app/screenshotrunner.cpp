#include "screenshotrunner.h"

#include "views/artifactsview.h"
#include "views/mainwindow.h"
#include "views/taskdetailsview.h"

#include <QDir>
#include <QFileInfo>
#include <QPixmap>

namespace Trove {

namespace {
constexpr int kPollMs = 100;
constexpr int kIdlePollsBeforeGrab = 5; // layouts, fits and deferred deletes settle
} // namespace

ScreenshotRunner::ScreenshotRunner(MainWindow *window, StartupOptions options, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_options(std::move(options))
{
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, &ScreenshotRunner::poll);
}

ScreenshotRunner::~ScreenshotRunner() = default;

void ScreenshotRunner::start()
{
    m_window->setPersistState(false);
    m_window->resize(m_options.size);
    m_window->show();
    if (!m_options.selectTask.isEmpty())
        m_window->selectTask(m_options.selectTask, m_options.selectArtifact);
    static const QStringList tabs{QStringLiteral("info"), QStringLiteral("artifacts"),
                                  QStringLiteral("models"), QStringLiteral("lineage")};
    if (!m_options.view.isEmpty())
        m_window->details()->setCurrentTab(TaskDetailsView::Tab(tabs.indexOf(m_options.view)));
    m_clock.start();
    m_poll.start();
}

QString ScreenshotRunner::checkSelection() const
{
    if (m_options.selectTask.isEmpty())
        return QString();
    const TaskDetailsView *details = m_window->details();
    if (details->taskId() != m_options.selectTask || !details->hasTask()) {
        const Error &e = details->lastError();
        return e.kind == Error::Kind::None
                       ? QStringLiteral("task %1 could not be shown").arg(m_options.selectTask)
                       : QStringLiteral("task %1: %2").arg(m_options.selectTask, e.userMessage());
    }
    if (!m_options.selectArtifact.isEmpty()
        && (!details->artifacts()->hasCurrentArtifact()
            || details->artifacts()->currentArtifact().key != m_options.selectArtifact))
        return QStringLiteral("task %1 has no artifact \"%2\"")
                .arg(m_options.selectTask, m_options.selectArtifact);
    return QString();
}

void ScreenshotRunner::poll()
{
    if (m_done || !m_window)
        return;
    if (const QString failure = m_window->failure(); !failure.isEmpty())
        return finish(failure);
    const QString pending = m_window->pendingWork();
    if (!pending.isEmpty()) {
        m_idlePolls = 0;
        if (m_clock.elapsed() > qint64(m_options.timeoutSec) * 1000)
            finish(QStringLiteral("timed out after %1 s while %2")
                           .arg(m_options.timeoutSec)
                           .arg(pending));
        return;
    }
    // A --select whose task failed to load leaves nothing pending: say so.
    if (const QString problem = checkSelection(); !problem.isEmpty() && m_idlePolls > 0)
        return finish(problem);
    if (++m_idlePolls < kIdlePollsBeforeGrab)
        return;
    const QString path = QFileInfo(m_options.screenshotFile).absoluteFilePath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (!m_window->grab().save(path, "PNG"))
        return finish(QStringLiteral("cannot write %1").arg(path));
    finish(QString());
}

void ScreenshotRunner::finish(const QString &error)
{
    m_done = true;
    m_poll.stop();
    m_error = error;
    emit finished(error.isEmpty() ? 0 : 1);
}

} // namespace Trove
