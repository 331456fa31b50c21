#include "refreshcycle.h"

#include "app/refreshscheduler.h"
#include "models/projecttreemodel.h"
#include "models/tasklistmodel.h"
#include "views/taskdetailsview.h"

namespace Trove {

RefreshCycle::RefreshCycle(RefreshScheduler *scheduler, TaskDetailsView *details, QObject *parent)
    : QObject(parent)
    , m_scheduler(scheduler)
    , m_details(details)
{
    connect(scheduler, &RefreshScheduler::refreshDue, this, &RefreshCycle::run);
    connect(details, &TaskDetailsView::refreshed, this,
            [this](bool changed) { step(Details, changed, false); });
    // The details emit refreshed() after an error too: only mark the cycle failed.
    connect(details, &TaskDetailsView::errorOccurred, this, [this] {
        if (m_waiting & Details)
            m_failed = true;
    });
}

RefreshCycle::~RefreshCycle() = default;

void RefreshCycle::setModels(ProjectTreeModel *tree, TaskListModel *tasks)
{
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_waiting = 0;
    m_tree = tree;
    m_tasks = tasks;
    if (tree) {
        m_connections << connect(tree, &ProjectTreeModel::refreshed, this,
                                 [this](bool changed) { step(Tree, changed, false); });
        // A failed level still ends in refreshed(): only mark the cycle failed.
        m_connections << connect(tree, &ProjectTreeModel::errorOccurred, this, [this] {
            if (m_waiting & Tree)
                m_failed = true;
        });
    }
    if (tasks) {
        m_connections << connect(tasks, &TaskListModel::refreshed, this,
                                 [this](bool changed) { step(Tasks, changed, false); });
        m_connections << connect(tasks, &TaskListModel::errorOccurred, this,
                                 [this] { step(Tasks, false, true); });
    }
}

void RefreshCycle::run()
{
    if (m_waiting != 0)
        return; // the running cycle reports to the scheduler
    if (!m_tree) {
        m_scheduler->reportResult(false);
        return;
    }
    m_changed = false;
    m_failed = false;
    if (m_tree->refresh())
        m_waiting |= Tree;
    if (m_tasks && m_tasks->refresh())
        m_waiting |= Tasks;
    if (m_details->refresh())
        m_waiting |= Details;
    if (m_waiting == 0)
        m_scheduler->reportResult(false);
}

void RefreshCycle::step(int part, bool changed, bool failed)
{
    if (!(m_waiting & part))
        return;
    m_waiting &= ~part;
    m_changed = m_changed || changed;
    m_failed = m_failed || failed;
    if (m_waiting != 0)
        return;
    if (m_failed)
        m_scheduler->reportError();
    else
        m_scheduler->reportResult(m_changed);
    emit finished(m_changed, m_failed);
}

} // namespace Trove
