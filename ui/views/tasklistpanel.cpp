#include "tasklistpanel.h"

#include "models/taskdecorationproxymodel.h"
#include "models/tasklistmodel.h"
#include "widgets/palettehelpers.h"
#include "widgets/statusstyle.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace Trove {

namespace {

constexpr int kMaxPendingPages = 20; // selectTask() reads at most this many pages
const QString kHeaderKey = QStringLiteral("gui/taskTableHeader");
const QString kSubprojectsKey = QStringLiteral("gui/taskIncludeSubprojects");

const QList<TaskStatus> kStatuses
        = {TaskStatus::Created,   TaskStatus::Queued, TaskStatus::InProgress, TaskStatus::Stopped,
           TaskStatus::Completed, TaskStatus::Failed, TaskStatus::Published,  TaskStatus::Closed};
const QList<TaskType> kTypes
        = {TaskType::Training,    TaskType::Testing, TaskType::Inference,  TaskType::DataProcessing,
           TaskType::Application, TaskType::Monitor, TaskType::Controller, TaskType::Optimizer,
           TaskType::Service,     TaskType::Qc,      TaskType::Custom};

/// The field the server sorts a column by.
QString orderField(int column)
{
    switch (column) {
    case TaskListModel::NameColumn:
        return QStringLiteral("name");
    case TaskListModel::StatusColumn:
        return QStringLiteral("status");
    case TaskListModel::TypeColumn:
        return QStringLiteral("type");
    case TaskListModel::UserColumn:
        return QStringLiteral("user");
    case TaskListModel::IdColumn:
        return QStringLiteral("id");
    case TaskListModel::ProjectColumn:
        return QStringLiteral("project");
    case TaskListModel::TagsColumn:
        return QStringLiteral("tags");
    case TaskListModel::CreatedColumn:
        return QStringLiteral("created");
    case TaskListModel::LastUpdateColumn:
    default:
        return QStringLiteral("last_update");
    }
}

} // namespace

TaskListPanel::TaskListPanel(QWidget *parent)
    : QWidget(parent)
    , m_proxy(new TaskDecorationProxyModel(this))
    , m_view(new QTableView)
    , m_search(new QLineEdit)
    , m_tags(new QLineEdit)
    , m_user(new QComboBox)
    , m_statusButton(new QToolButton)
    , m_typeButton(new QToolButton)
    , m_subprojects(new QToolButton)
    , m_count(new QLabel)
{
    setAccessibleName(tr("Tasks panel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(2, 2, 2, 0);
    m_search->setPlaceholderText(tr("Search name, ID or comment…"));
    m_search->setAccessibleName(tr("Search tasks"));
    m_search->setClearButtonEnabled(true);
    m_statusMenu = makeStatusMenu();
    m_statusButton->setMenu(m_statusMenu);
    m_statusButton->setPopupMode(QToolButton::InstantPopup);
    m_statusButton->setAccessibleName(tr("Filter by status"));
    m_typeMenu = makeTypeMenu();
    m_typeButton->setMenu(m_typeMenu);
    m_typeButton->setPopupMode(QToolButton::InstantPopup);
    m_typeButton->setAccessibleName(tr("Filter by type"));
    m_tags->setPlaceholderText(tr("Tags"));
    m_tags->setToolTip(tr("Tasks with any of these tags (comma-separated)"));
    m_tags->setAccessibleName(tr("Filter by tags"));
    m_tags->setClearButtonEnabled(true);
    m_tags->setMaximumWidth(160);
    m_user->setAccessibleName(tr("Filter by user"));
    m_user->addItem(tr("Any user"), QString());
    m_user->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_subprojects->setText(tr("Subprojects"));
    m_subprojects->setToolTip(tr("Include the tasks of subprojects"));
    m_subprojects->setAccessibleName(tr("Include subprojects"));
    m_subprojects->setCheckable(true);
    m_subprojects->setChecked(true);
    m_subprojects->setAutoRaise(true);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_statusButton);
    bar->addWidget(m_typeButton);
    bar->addWidget(m_tags);
    bar->addWidget(m_user);
    bar->addWidget(m_subprojects);
    layout->addLayout(bar);

    m_view->setAccessibleName(tr("Task table"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    header->setSortIndicator(TaskListModel::LastUpdateColumn, Qt::DescendingOrder);
    connect(header, &QHeaderView::customContextMenuRequested, this, &TaskListPanel::showHeaderMenu);
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this] {
        emit userActivity();
        applyQuery();
    });
    layout->addWidget(m_view, 1);
    m_count->setAccessibleName(tr("Task count"));
    m_count->setContentsMargins(4, 0, 4, 2);
    layout->addWidget(m_count);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, &TaskListPanel::applyQuery);
    auto typed = [this] {
        emit userActivity();
        m_debounce.start();
    };
    connect(m_search, &QLineEdit::textChanged, this, typed);
    connect(m_tags, &QLineEdit::textChanged, this, typed);
    connect(m_search, &QLineEdit::returnPressed, this, &TaskListPanel::applyQuery);
    connect(m_user, &QComboBox::activated, this, [this] {
        emit userActivity();
        applyQuery();
    });
    connect(m_subprojects, &QToolButton::toggled, this, [this] {
        emit userActivity();
        applyQuery();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TaskListPanel::onCurrentChanged);

    updateFilterButtons();
    updateCount();
}

TaskListPanel::~TaskListPanel() = default;

QMenu *TaskListPanel::makeStatusMenu()
{
    auto *menu = new QMenu(this);
    menu->setAccessibleName(tr("Status filter"));
    for (TaskStatus s : kStatuses) {
        QAction *a = menu->addAction(StatusStyle::statusLabel(taskStatusToString(s)));
        a->setCheckable(true);
        a->setData(int(s));
        a->setIcon(StatusStyle::dotIcon(StatusStyle::statusColor(s, palette())));
        connect(a, &QAction::toggled, this, [this] {
            emit userActivity();
            updateFilterButtons();
            applyQuery();
        });
    }
    menu->addSeparator();
    connect(menu->addAction(tr("Any status")), &QAction::triggered, this,
            [this] { setStatusFilter({}); });
    return menu;
}

QMenu *TaskListPanel::makeTypeMenu()
{
    auto *menu = new QMenu(this);
    menu->setAccessibleName(tr("Type filter"));
    for (TaskType t : kTypes) {
        QAction *a = menu->addAction(StatusStyle::typeLabel(taskTypeToString(t)));
        a->setCheckable(true);
        a->setData(int(t));
        connect(a, &QAction::toggled, this, [this] {
            emit userActivity();
            updateFilterButtons();
            applyQuery();
        });
    }
    menu->addSeparator();
    connect(menu->addAction(tr("Any type")), &QAction::triggered, this,
            [this] { setTypeFilter({}); });
    return menu;
}

void TaskListPanel::updateFilterButtons()
{
    const TaskFilter f = filter();
    m_statusButton->setText(f.statuses.isEmpty() ? tr("Status")
                                                 : tr("Status (%1)").arg(f.statuses.size()));
    m_typeButton->setText(f.types.isEmpty() ? tr("Type") : tr("Type (%1)").arg(f.types.size()));
}

TaskFilter TaskListPanel::filter() const
{
    TaskFilter f;
    f.text = m_search->text().trimmed();
    for (QAction *a : m_statusMenu->actions())
        if (a->isCheckable() && a->isChecked())
            f.statuses.insert(TaskStatus(a->data().toInt()));
    for (QAction *a : m_typeMenu->actions())
        if (a->isCheckable() && a->isChecked())
            f.types.insert(TaskType(a->data().toInt()));
    for (const QString &t : m_tags->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!t.trimmed().isEmpty())
            f.tags << t.trimmed();
    f.userId = m_user->currentData().toString();
    return f;
}

void TaskListPanel::setStatusFilter(const QSet<TaskStatus> &statuses)
{
    for (QAction *a : m_statusMenu->actions()) {
        if (!a->isCheckable())
            continue;
        const QSignalBlocker block(a);
        a->setChecked(statuses.contains(TaskStatus(a->data().toInt())));
    }
    updateFilterButtons();
    applyQuery();
}

void TaskListPanel::setTypeFilter(const QSet<TaskType> &types)
{
    for (QAction *a : m_typeMenu->actions()) {
        if (!a->isCheckable())
            continue;
        const QSignalBlocker block(a);
        a->setChecked(types.contains(TaskType(a->data().toInt())));
    }
    updateFilterButtons();
    applyQuery();
}

void TaskListPanel::setFilter(const TaskFilter &f)
{
    {
        const QSignalBlocker b1(m_search);
        const QSignalBlocker b2(m_tags);
        m_search->setText(f.text);
        m_tags->setText(f.tags.join(QStringLiteral(", ")));
    }
    int userIndex = m_user->findData(f.userId);
    if (userIndex < 0) {
        m_user->addItem(f.userId, f.userId);
        userIndex = m_user->count() - 1;
    }
    m_user->setCurrentIndex(userIndex);
    for (QAction *a : m_typeMenu->actions()) {
        const QSignalBlocker block(a);
        if (a->isCheckable())
            a->setChecked(f.types.contains(TaskType(a->data().toInt())));
    }
    setStatusFilter(f.statuses); // applies
}

void TaskListPanel::setModel(TaskListModel *model)
{
    for (const auto &c : std::as_const(m_modelConnections))
        disconnect(c);
    m_modelConnections.clear();
    m_model = model;
    // The header forgets hidden and moved sections when its columns go away: keep them.
    QHeaderView *header = m_view->horizontalHeader();
    if (header->count() > 0)
        m_headerState = header->saveState();
    m_proxy->setSourceModel(model);
    if (model && header->count() > 0) {
        const QSignalBlocker block(header);
        if (m_headerState.isEmpty() || !header->restoreState(m_headerState)) {
            // Defaults: ID, tags and creation time are one right-click away.
            for (int c : {int(TaskListModel::IdColumn), int(TaskListModel::TagsColumn),
                          int(TaskListModel::CreatedColumn)})
                header->setSectionHidden(c, true);
            const int digit = m_view->fontMetrics().horizontalAdvance(QLatin1Char('0'));
            header->resizeSection(TaskListModel::NameColumn, 300);
            header->resizeSection(TaskListModel::StatusColumn, 120);
            header->resizeSection(TaskListModel::TypeColumn, 130);
            header->resizeSection(TaskListModel::UserColumn, 120);
            header->resizeSection(TaskListModel::LastUpdateColumn, digit * 16 + 24);
            header->resizeSection(TaskListModel::CreatedColumn, digit * 16 + 24);
            header->resizeSection(TaskListModel::ProjectColumn, 240);
            header->setSortIndicator(TaskListModel::LastUpdateColumn, Qt::DescendingOrder);
        }
    }
    m_lastEmitted.clear();
    m_user->clear();
    m_user->addItem(tr("Any user"), QString());
    if (model) {
        m_modelConnections << connect(
                model, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
        m_modelConnections << connect(model, &TaskListModel::loadingChanged, this,
                                      &TaskListPanel::updateCount);
        m_modelConnections << connect(model, &QAbstractItemModel::rowsRemoved, this,
                                      &TaskListPanel::updateCount);
        m_modelConnections << connect(model, &QAbstractItemModel::modelReset, this, [this] {
            m_lastEmitted.clear(); // a new query: selecting the same task again is news
            updateCount();
        });
        m_modelConnections << connect(model, &TaskListModel::fullyLoaded, this, [this] {
            m_pendingId.clear(); // everything is here: the task is not in this list
            updateCount();
        });
        applyQuery();
    }
    updateCount();
}

void TaskListPanel::setProject(const QString &projectId)
{
    if (projectId == m_projectId && m_model && !m_model->query().projectIds.isEmpty())
        return;
    m_projectId = projectId;
    applyQuery();
}

void TaskListPanel::applyQuery()
{
    m_debounce.stop();
    updateFilterButtons();
    if (!m_model)
        return;
    TaskQuery q;
    if (!m_projectId.isEmpty()) {
        q.projectIds = {m_projectId};
        q.includeSubprojects = m_subprojects->isChecked();
    }
    filter().applyTo(q);
    const QHeaderView *header = m_view->horizontalHeader();
    const QString field = orderField(header->sortIndicatorSection());
    q.orderBy = {
            (header->sortIndicatorOrder() == Qt::DescendingOrder ? QStringLiteral("-") : QString())
            + field};
    if (field != QLatin1String("last_update"))
        q.orderBy << QStringLiteral("-last_update");
    q.extended = true; // project and user names come back with the references
    q.onlyFields = {QStringLiteral("id"),          QStringLiteral("name"),
                    QStringLiteral("status"),      QStringLiteral("type"),
                    QStringLiteral("user.name"),   QStringLiteral("project.name"),
                    QStringLiteral("last_update"), QStringLiteral("created"),
                    QStringLiteral("tags"),        QStringLiteral("system_tags"),
                    QStringLiteral("comment")};
    q.size = 100;
    if (m_pendingId.isEmpty()) {
        // Keep the row the user is on selected if the new list shows it (without paging
        // further for it: it may well not match any more).
        m_pendingId = currentTaskId();
        m_pendingPages = kMaxPendingPages;
    } else {
        m_pendingPages = 0;
    }
    m_model->setQuery(q);
    if (m_model->canFetchMore(QModelIndex()))
        m_model->fetchMore(QModelIndex());
    updateCount();
}

QString TaskListPanel::currentTaskId() const
{
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() ? i.siblingAtColumn(0).data(TaskListModel::IdRole).toString() : QString();
}

bool TaskListPanel::isIdle() const
{
    return !m_debounce.isActive() && m_model && !m_model->isLoading() && !m_model->isRefreshing();
}

void TaskListPanel::selectTask(const QString &taskId)
{
    m_pendingId = taskId;
    m_pendingPages = 0;
    trySelectPending();
}

bool TaskListPanel::isSelecting() const
{
    if (m_pendingId.isEmpty() || !m_model)
        return false;
    return m_model->isLoading() || m_model->isRefreshing()
           || (m_model->canFetchMore(QModelIndex()) && m_pendingPages < kMaxPendingPages);
}

void TaskListPanel::trySelectPending()
{
    if (m_pendingId.isEmpty() || !m_model)
        return;
    const int row = m_model->indexOfId(m_pendingId);
    if (row >= 0) {
        m_pendingId.clear();
        const QModelIndex index = m_proxy->index(row, 0);
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect
                                                                 | QItemSelectionModel::Rows);
        m_view->scrollTo(index);
        return;
    }
    if (m_model->canFetchMore(QModelIndex()) && m_pendingPages < kMaxPendingPages) {
        ++m_pendingPages;
        m_model->fetchMore(QModelIndex());
    }
}

void TaskListPanel::onRowsInserted(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        const QModelIndex i = m_model->index(row, 0);
        const QString userId = i.data(TaskListModel::UserIdRole).toString();
        if (userId.isEmpty() || m_user->findData(userId) >= 0)
            continue;
        const QString name = i.data(TaskListModel::UserNameRole).toString();
        m_user->addItem(name.isEmpty() ? userId : name, userId);
    }
    updateCount();
    trySelectPending();
}

void TaskListPanel::updateCount()
{
    if (!m_model) {
        m_count->clear();
        return;
    }
    const int n = m_model->rowCount();
    QString text = PaletteHelpers::countText(n, tr("task"), tr("tasks"));
    if (m_model->isLoading())
        text += tr(", loading…");
    else if (!m_model->atEnd() && n > 0)
        text += tr(", more below");
    m_count->setText(text);
}

void TaskListPanel::onCurrentChanged()
{
    const QString id = currentTaskId();
    if (!id.isEmpty() && id != m_pendingId)
        m_pendingId.clear(); // the user chose: forget the row we were waiting for
    if (id.isEmpty() || id == m_lastEmitted)
        return;
    m_lastEmitted = id;
    emit userActivity();
    emit taskSelected(id);
}

void TaskListPanel::showHeaderMenu(const QPoint &pos)
{
    QHeaderView *header = m_view->horizontalHeader();
    auto *menu = new QMenu(this); // popup(), not exec(): no nested event loop
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setAccessibleName(tr("Columns"));
    for (int c = 0; c < m_proxy->columnCount(); ++c) {
        QAction *a = menu->addAction(m_proxy->headerData(c, Qt::Horizontal).toString());
        a->setCheckable(true);
        a->setChecked(!header->isSectionHidden(c));
        a->setEnabled(c != TaskListModel::NameColumn);
        connect(a, &QAction::toggled, header,
                [header, c](bool on) { header->setSectionHidden(c, !on); });
    }
    menu->popup(header->mapToGlobal(pos));
}

QString TaskListPanel::taskIdAt(const QPoint &globalPos) const
{
    const QModelIndex i = m_view->indexAt(m_view->viewport()->mapFromGlobal(globalPos));
    return i.isValid() ? i.siblingAtColumn(0).data(TaskListModel::IdRole).toString() : QString();
}

void TaskListPanel::saveState(QSettings &settings) const
{
    const QHeaderView *header = m_view->horizontalHeader();
    settings.setValue(kHeaderKey, header->count() > 0 ? header->saveState() : m_headerState);
    settings.setValue(kSubprojectsKey, m_subprojects->isChecked());
}

void TaskListPanel::restoreState(QSettings &settings)
{
    m_headerState = settings.value(kHeaderKey).toByteArray();
    QHeaderView *header = m_view->horizontalHeader();
    if (!m_headerState.isEmpty() && header->count() > 0) {
        const QSignalBlocker block(header);
        header->restoreState(m_headerState);
    }
    const QSignalBlocker block(m_subprojects);
    m_subprojects->setChecked(settings.value(kSubprojectsKey, true).toBool());
}

TaskListModel *TaskListPanel::model() const
{
    return m_model;
}

} // namespace Trove
