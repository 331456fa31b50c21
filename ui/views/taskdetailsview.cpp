#include "taskdetailsview.h"

#include "api/clearmlapi.h"
#include "models/artifactlistmodel.h"
#include "models/modellistmodel.h"
#include "session/session.h"
#include "storage/uriprobe.h"
#include "transfers/transfermanager.h"
#include "views/artifactsview.h"
#include "views/modelsview.h"
#include "views/taskinfowidget.h"

#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Trove {

namespace {

/// What a refresh compares: anything the tabs show.
QString fingerprint(const Task &t)
{
    QStringList parts{t.name,
                      t.statusText,
                      t.statusMessage,
                      t.lastUpdate.toString(Qt::ISODate),
                      t.tags.join(QLatin1Char(',')),
                      t.comment};
    for (const Artifact &a : t.artifacts)
        parts << a.key << a.mode << a.uri << a.hash << QString::number(a.contentSize)
              << QString::number(a.timestamp);
    return parts.join(QLatin1Char('\n'));
}

} // namespace

TaskDetailsView::TaskDetailsView(QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget)
    , m_info(new TaskInfoWidget)
    , m_artifacts(new ArtifactsView)
    , m_models(new ModelsView)
    , m_artifactModel(new ArtifactListModel(this))
    , m_modelModel(new ModelListModel(nullptr, this))
{
    setAccessibleName(tr("Task details"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs->setAccessibleName(tr("Task details tabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_info, tr("&Info"));
    m_tabs->addTab(m_artifacts, tr("&Artifacts"));
    m_tabs->addTab(m_models, tr("&Models"));
    auto *placeholder = new QLabel(tr("The lineage view is not available in this build."));
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setEnabled(false);
    placeholder->setAccessibleName(tr("Lineage"));
    m_lineage = placeholder;
    m_tabs->addTab(m_lineage, tr("&Lineage"));
    layout->addWidget(m_tabs);

    m_artifacts->setSourceModel(m_artifactModel);
    m_models->setSourceModel(m_modelModel);
    clear();
}

TaskDetailsView::~TaskDetailsView()
{
    if (m_taskReply)
        m_taskReply->cancel();
    for (const auto &r : std::as_const(m_nameReplies))
        if (r)
            r->cancel();
}

void TaskDetailsView::setSession(Session *session)
{
    ++m_generation;
    if (m_taskReply)
        m_taskReply->cancel();
    m_session = session;
    delete m_probe;
    m_probe = nullptr;
    m_models->setSourceModel(nullptr);
    delete m_modelModel;
    m_modelModel = new ModelListModel(session ? session->api() : nullptr, this);
    m_models->setSourceModel(m_modelModel);
    connect(m_modelModel, &ModelListModel::errorOccurred, this, [this](const Error &e) {
        emit errorOccurred(e);
        if (m_modelsRefreshing) {
            m_modelsRefreshing = false;
            finishRefreshStep(false);
        }
    });
    connect(m_modelModel, &ModelListModel::loaded, this, [this] {
        applyPendingSelections();
        if (m_modelsRefreshing) {
            m_modelsRefreshing = false;
            finishRefreshStep(false);
        }
    });
    auto modelsChanged = [this] {
        if (m_modelsRefreshing)
            m_refreshChanged = true;
    };
    connect(m_modelModel, &QAbstractItemModel::dataChanged, this, modelsChanged);
    connect(m_modelModel, &QAbstractItemModel::modelReset, this, modelsChanged);
    if (session) {
        m_probe = new UriProbe(session->transfers()->network(), session->storageAccess(), this);
        connect(m_probe, &UriProbe::probed, this,
                [this](const QString &uri, UriProbe::Availability availability) {
                    if (availability == UriProbe::Availability::Unknown)
                        return;
                    const bool missing = availability == UriProbe::Availability::Missing;
                    m_available.insert(uri, !missing);
                    for (const Artifact &a : std::as_const(m_task.artifacts))
                        if (a.uri == uri)
                            m_artifactModel->setPending(a.key, a.mode, missing);
                });
    }
    clear();
}

void TaskDetailsView::clear(const QString &message)
{
    ++m_generation;
    if (m_taskReply)
        m_taskReply->cancel();
    m_taskReply = nullptr;
    m_taskId.clear();
    m_task = Task();
    m_projectPath.clear();
    m_lastError = Error();
    m_available.clear();
    m_pendingArtifact.clear();
    m_pendingModel.clear();
    m_refreshSteps = 0;
    m_modelsRefreshing = false;
    if (m_probe)
        m_probe->cancelAll();
    m_info->clear(message.isEmpty() ? tr("Select a task to see its details.") : message);
    m_artifactModel->clear();
    m_artifacts->setPlaceholder(tr("Select a task to see its artifacts."));
    m_modelModel->setTaskModels(QString(), TaskModels());
    m_models->setPlaceholder(tr("Select a task to see its models."));
}

void TaskDetailsView::showTask(const QString &taskId)
{
    if (taskId.isEmpty()) {
        clear();
        return;
    }
    if (taskId == m_taskId)
        return;
    clear(tr("Loading…"));
    m_taskId = taskId;
    m_artifacts->setPlaceholder(tr("Loading…"));
    m_models->setPlaceholder(tr("Loading…"));
    reload();
}

void TaskDetailsView::reload()
{
    if (!m_session || m_taskId.isEmpty())
        return;
    if (m_taskReply)
        m_taskReply->cancel();
    const quint64 generation = ++m_generation;
    m_lastError = Error();
    m_taskReply = m_session->api()->getTask(m_taskId);
    m_taskReply->onFinished(this, [this, generation](ApiReply &r) {
        if (generation == m_generation)
            onTask(r, false);
    });
    if (m_modelModel->taskId() != m_taskId || m_modelModel->lastError().kind != Error::Kind::None)
        m_modelModel->load(m_taskId);
}

bool TaskDetailsView::refresh()
{
    if (!m_session || !hasTask() || m_taskReply || m_refreshSteps > 0)
        return false;
    m_refreshChanged = false;
    m_refreshSteps = 1;
    const quint64 generation = m_generation;
    m_taskReply = m_session->api()->getTask(m_taskId);
    m_taskReply->onFinished(this, [this, generation](ApiReply &r) {
        if (generation == m_generation)
            onTask(r, true);
    });
    if (m_modelModel->refresh()) {
        ++m_refreshSteps;
        m_modelsRefreshing = true;
    }
    return true;
}

void TaskDetailsView::finishRefreshStep(bool changed)
{
    m_refreshChanged = m_refreshChanged || changed;
    if (m_refreshSteps > 0 && --m_refreshSteps == 0)
        emit refreshed(m_refreshChanged);
}

void TaskDetailsView::onTask(ApiReply &reply, bool isRefresh)
{
    m_taskReply = nullptr;
    auto task = reply.value<Task>();
    if (!task) {
        if (!task.error().isCancelled()) {
            if (!isRefresh) {
                m_lastError = task.error();
                m_info->clear(tr("The task could not be read: %1").arg(task.error().userMessage()));
            }
            emit errorOccurred(task.error());
        }
        if (isRefresh)
            finishRefreshStep(false);
        return;
    }
    m_lastError = Error();
    const bool changed = fingerprint(task.value()) != fingerprint(m_task);
    m_task = std::move(task.value());
    m_info->setTask(m_task);
    m_artifactModel->setTask(m_task);
    m_artifacts->setPlaceholder(QString());
    m_models->setPlaceholder(QString());
    probeArtifacts(isRefresh);
    if (!isRefresh) {
        resolveNames();
        emit taskLoaded(m_task);
        applyPendingSelections();
    } else {
        finishRefreshStep(changed);
    }
}

void TaskDetailsView::resolveNames()
{
    for (const auto &r : std::as_const(m_nameReplies))
        if (r)
            r->cancel();
    m_nameReplies.clear();
    if (!m_session)
        return;
    const QString taskId = m_task.id;
    if (!m_task.project.id.isEmpty()) {
        ApiReply *r = m_session->api()->getProject(m_task.project.id);
        m_nameReplies << r;
        r->onResult<Project>(this, [this, taskId](Result<Project> p) {
            if (!p || taskId != m_task.id)
                return;
            m_projectPath = p->name;
            m_info->setProjectName(p->name);
            emit projectResolved(p->id, p->name);
        });
    }
    if (!m_task.user.id.isEmpty() && m_task.user.name.isEmpty()) {
        ApiReply *r = m_session->api()->getUsers({m_task.user.id});
        m_nameReplies << r;
        r->onResult<QList<User>>(this, [this, taskId](Result<QList<User>> users) {
            if (!users || taskId != m_task.id)
                return;
            for (const User &u : users.value())
                if (u.id == m_task.user.id)
                    m_info->setUserName(u.name);
        });
    }
}

void TaskDetailsView::probeArtifacts(bool recheck)
{
    if (!m_probe || !m_session)
        return;
    const StorageAccess access = m_session->storageAccess();
    for (const Artifact &a : std::as_const(m_task.artifacts)) {
        if (a.uri.isEmpty() || m_available.value(a.uri, false))
            continue;
        if (!recheck && m_available.contains(a.uri))
            continue;
        // Files uploaded by the SDK: the files server and object stores. Registered web
        // links (plain http) are never uploaded later, so they are not checked.
        const StorageAccess::Kind kind = access.classify(StorageAccess::parse(a.uri));
        if (kind == StorageAccess::Kind::FilesServer || kind == StorageAccess::Kind::S3)
            m_probe->probe(a.uri);
    }
}

bool TaskDetailsView::isLoading() const
{
    for (const auto &r : m_nameReplies)
        if (r && !r->isFinished())
            return true;
    return m_taskReply || m_modelModel->isLoading() || (m_probe && m_probe->pending() > 0)
           || (!m_taskId.isEmpty() && !hasTask() && m_lastError.kind == Error::Kind::None);
}

void TaskDetailsView::setCurrentTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

TaskDetailsView::Tab TaskDetailsView::currentTab() const
{
    return Tab(m_tabs->currentIndex());
}

void TaskDetailsView::setLineageWidget(QWidget *widget)
{
    const int index = m_tabs->indexOf(m_lineage);
    const bool current = m_tabs->currentIndex() == index;
    m_tabs->removeTab(index);
    delete m_lineage;
    m_lineage = widget;
    m_tabs->insertTab(index, widget, tr("&Lineage"));
    if (current)
        m_tabs->setCurrentIndex(index);
}

void TaskDetailsView::selectArtifact(const QString &key)
{
    m_pendingArtifact = key;
    applyPendingSelections();
}

void TaskDetailsView::selectModel(const QString &modelId)
{
    m_pendingModel = modelId;
    applyPendingSelections();
}

void TaskDetailsView::applyPendingSelections()
{
    if (!m_pendingArtifact.isEmpty() && hasTask()) {
        if (m_artifacts->selectArtifact(m_pendingArtifact))
            setCurrentTab(Tab::Artifacts);
        m_pendingArtifact.clear();
    }
    if (!m_pendingModel.isEmpty() && m_modelModel->taskId() == m_taskId
        && !m_modelModel->isLoading()) {
        if (m_models->selectModel(m_pendingModel))
            setCurrentTab(Tab::Models);
        m_pendingModel.clear();
    }
}

Session *TaskDetailsView::session() const
{
    return m_session;
}

} // namespace Trove
