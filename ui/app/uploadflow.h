#pragma once

#include "api/wiretypes.h"
#include "common/error.h"
#include "transfers/artifactpublisher.h"

#include <QObject>
#include <QPointer>

class QWidget;

namespace Trove {

class ApiReply;
class Session;

/// The upload flow of the main window: local files dropped on a task (its row in the task
/// table, its Artifacts tab, its Models tab) → the task is read afresh (status, artifacts)
/// → UploadDialog (ModelUploadDialog for one weights file), non-modal → one
/// ArtifactPublisher per item: uploaded through the transfers dock, then registered on the
/// task. Nothing blocks; a failure is reported with the publisher, whose retry() continues
/// from the failed step.
class UploadFlow final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UploadFlow)

public:
    explicit UploadFlow(QWidget *dialogParent, QObject *parent = nullptr);
    ~UploadFlow() override;

    void setSession(Session *session);
    void uploadArtifacts(const QString &taskId, const QStringList &paths);
    void uploadModel(const QString &taskId, const QString &weightsPath);
    /// Publications under way (task reads, open dialogs, publishers not done).
    int activeCount() const;

signals:
    /// A publication finished: `taskId` has a new artifact or output model.
    void published(const QString &taskId);
    /// A publication failed; `publisher->retry()` tries again from the failed step.
    void failed(const QString &message, Trove::ArtifactPublisher *publisher);
    /// The task could not be read before the dialog.
    void errorOccurred(const Trove::Error &error);

private:
    void withTask(const QString &taskId, std::function<void(const Task &)> then);
    void publish(const QList<ArtifactPublisher::Request> &requests);

    QPointer<QWidget> m_dialogParent;
    QPointer<Session> m_session;
    QList<QPointer<ApiReply>> m_reads;
    QList<QPointer<QObject>> m_dialogs;
    QList<QPointer<ArtifactPublisher>> m_publishers;
};

} // namespace Trove
