#pragma once

#include "api/wiretypes.h"
#include "common/error.h"

#include <QHash>
#include <QPointer>
#include <QUrl>
#include <QWidget>

class QLabel;
class QTabWidget;

namespace Trove {

class ApiReply;
class ArtifactListModel;
class ArtifactsView;
class ModelListModel;
class ModelsView;
class Session;
class TaskInfoWidget;
class UriProbe;

/// The selected task: tabs Info, Artifacts, Models and Lineage. showTask() reads the task
/// (tasks.get_by_id) and its models; refresh() re-reads both and updates the tabs in place
/// (live refresh keeps the selected artifact or model). Artifacts whose file is not on the
/// storage yet are marked pending after a HEAD request each (re-checked on refresh).
///
/// The Lineage tab holds a placeholder until setLineageWidget() installs the real view.
class TaskDetailsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskDetailsView)

public:
    enum class Tab { Info, Artifacts, Models, Lineage };
    Q_ENUM(Tab)

    explicit TaskDetailsView(QWidget *parent = nullptr);
    ~TaskDetailsView() override;

    /// nullptr clears everything (no server).
    void setSession(Session *session);
    Session *session() const;

    void showTask(const QString &taskId);
    void clear(const QString &message = QString());
    /// Re-reads the shown task; refreshed() follows. False when no task is shown or a read
    /// is already in flight.
    bool refresh();
    /// Reads the shown task again after an error.
    void reload();

    QString taskId() const { return m_taskId; }
    bool hasTask() const { return !m_task.id.isEmpty() && m_task.id == m_taskId; }
    const Task &task() const { return m_task; }
    /// The full path of the task's project, once resolved (projectResolved()).
    QString projectPath() const { return m_projectPath; }
    /// The task, its models or a pending check are still loading.
    bool isLoading() const;
    /// Why the shown task could not be read (kind None when it could).
    const Error &lastError() const { return m_lastError; }

    void setCurrentTab(Tab tab);
    Tab currentTab() const;
    QTabWidget *tabs() const { return m_tabs; }
    TaskInfoWidget *info() const { return m_info; }
    ArtifactsView *artifacts() const { return m_artifacts; }
    ModelsView *models() const { return m_models; }
    ArtifactListModel *artifactModel() const { return m_artifactModel; }
    ModelListModel *modelModel() const { return m_modelModel; }
    /// Replaces the Lineage tab's placeholder (the view takes ownership).
    void setLineageWidget(QWidget *widget);
    QWidget *lineageWidget() const { return m_lineage; }

    /// Selects the artifact once the task's artifacts are shown (now or when they arrive).
    void selectArtifact(const QString &key);
    /// Selects the model (and shows the Models tab) once the models are loaded.
    void selectModel(const QString &modelId);

signals:
    void taskLoaded(const Trove::Task &task);
    /// The project's full path is known (for revealing it in the tree).
    void projectResolved(const QString &projectId, const QString &projectPath);
    void refreshed(bool changed);
    void errorOccurred(const Trove::Error &error);

private:
    void onTask(ApiReply &reply, bool isRefresh);
    void resolveNames();
    void probeArtifacts(bool recheckAll);
    void finishRefreshStep(bool changed);
    void applyPendingSelections();

    QPointer<Session> m_session;
    QTabWidget *m_tabs = nullptr;
    TaskInfoWidget *m_info = nullptr;
    ArtifactsView *m_artifacts = nullptr;
    ModelsView *m_models = nullptr;
    QWidget *m_lineage = nullptr;
    ArtifactListModel *m_artifactModel = nullptr;
    ModelListModel *m_modelModel = nullptr;
    UriProbe *m_probe = nullptr;
    QString m_taskId;
    Task m_task;
    QString m_projectPath;
    Error m_lastError;
    QPointer<ApiReply> m_taskReply;
    QList<QPointer<ApiReply>> m_nameReplies;
    QHash<QString, bool> m_available; ///< uri → confirmed on the storage
    QString m_pendingArtifact;
    QString m_pendingModel;
    int m_refreshSteps = 0;
    bool m_refreshChanged = false;
    bool m_modelsRefreshing = false;
    quint64 m_generation = 0;
};

} // namespace Trove
