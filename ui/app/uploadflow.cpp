#include "uploadflow.h"

#include "api/clearmlapi.h"
#include "dialogs/modeluploaddialog.h"
#include "dialogs/uploaddialog.h"
#include "session/session.h"

#include <QWidget>

namespace Trove {

UploadFlow::UploadFlow(QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_dialogParent(dialogParent)
{}

UploadFlow::~UploadFlow()
{
    for (const auto &r : std::as_const(m_reads))
        if (r)
            r->cancel();
}

void UploadFlow::setSession(Session *session)
{
    for (const auto &r : std::as_const(m_reads))
        if (r)
            r->cancel();
    m_reads.clear();
    for (const auto &d : std::as_const(m_dialogs))
        delete d; // they belong to the old server
    m_dialogs.clear();
    // Publishers in flight finish on their own session (it outlives them: deleted later).
    m_session = session;
}

int UploadFlow::activeCount() const
{
    int n = 0;
    for (const auto &r : m_reads)
        n += r && !r->isFinished() ? 1 : 0;
    for (const auto &d : m_dialogs)
        n += d ? 1 : 0;
    for (const auto &p : m_publishers)
        n += p && !p->isDone() ? 1 : 0;
    return n;
}

void UploadFlow::withTask(const QString &taskId, std::function<void(const Task &)> then)
{
    if (!m_session || taskId.isEmpty())
        return;
    ApiReply *reply = m_session->api()->getTask(taskId);
    m_reads << reply;
    reply->onResult<Task>(this, [this, then = std::move(then)](Result<Task> task) {
        if (!task) {
            if (!task.error().isCancelled())
                emit errorOccurred(task.error());
            return;
        }
        then(task.value());
    });
}

void UploadFlow::uploadArtifacts(const QString &taskId, const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    withTask(taskId, [this, paths](const Task &task) {
        auto *dialog = new UploadDialog(task, paths, m_dialogParent);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        m_dialogs << dialog;
        connect(dialog, &QDialog::accepted, this, [this, dialog] { publish(dialog->requests()); });
        dialog->open();
    });
}

void UploadFlow::uploadModel(const QString &taskId, const QString &weightsPath)
{
    withTask(taskId, [this, weightsPath](const Task &task) {
        auto *dialog = new ModelUploadDialog(task, weightsPath, m_dialogParent);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        m_dialogs << dialog;
        connect(dialog, &QDialog::accepted, this, [this, dialog] { publish({dialog->request()}); });
        dialog->open();
    });
}

void UploadFlow::publish(const QList<ArtifactPublisher::Request> &requests)
{
    if (!m_session)
        return;
    m_publishers.removeAll(nullptr);
    for (const ArtifactPublisher::Request &request : requests) {
        auto *p = new ArtifactPublisher(m_session, request, this);
        m_publishers << p;
        connect(p, &ArtifactPublisher::finished, this, [this, p] {
            switch (p->state()) {
            case ArtifactPublisher::State::Finished:
                emit published(p->request().taskId);
                p->deleteLater();
                break;
            case ArtifactPublisher::State::Failed:
                emit failed(tr("\"%1\" could not be uploaded: %2")
                                    .arg(p->name().isEmpty() ? p->request().localPath : p->name(),
                                         p->error().userMessage()),
                            p);
                break; // kept for retry(); deleted with the flow
            default:
                p->deleteLater(); // cancelled: nothing to say
                break;
            }
        });
        p->start();
    }
}

} // namespace Trove
