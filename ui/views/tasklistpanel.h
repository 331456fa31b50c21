#pragma once

#include "models/taskfilter.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QSettings;
class QTableView;
class QToolButton;

namespace Trove {

class TaskDecorationProxyModel;
class TaskListModel;

/// The task table of the selected project: server-side search as you type (debounced),
/// filters by status, type, tags and user, sorting by header click (order_by), lazy paging
/// as the view scrolls, and chosen columns that are remembered. Every change builds a new
/// TaskQuery for core's TaskListModel; colours and labels come from TaskDecorationProxyModel.
///
/// selectTask() selects a task that may not be loaded yet: it keeps fetching pages (a
/// bounded number) until the task arrives.
class TaskListPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskListPanel)

public:
    explicit TaskListPanel(QWidget *parent = nullptr);
    ~TaskListPanel() override;

    /// The panel does not own the model; setting one starts a query.
    void setModel(TaskListModel *model);
    TaskListModel *model() const;
    QTableView *view() const { return m_view; }
    QLineEdit *searchField() const { return m_search; }
    QLineEdit *tagsField() const { return m_tags; }
    QComboBox *userBox() const { return m_user; }
    QToolButton *statusButton() const { return m_statusButton; }
    QToolButton *typeButton() const { return m_typeButton; }
    QToolButton *subprojectsButton() const { return m_subprojects; }

    void setProject(const QString &projectId);
    QString projectId() const { return m_projectId; }
    TaskFilter filter() const;
    /// Sets every filter control and queries at once (no debounce).
    void setFilter(const TaskFilter &filter);
    void setStatusFilter(const QSet<TaskStatus> &statuses);
    void setTypeFilter(const QSet<TaskType> &types);

    void selectTask(const QString &taskId);
    /// selectTask() is still waiting for the task's row to arrive.
    bool isSelecting() const;
    QString currentTaskId() const;
    /// No page or refresh in flight, no search typed but not applied yet.
    bool isIdle() const;
    /// The task of the row under a global position (drops), or empty.
    QString taskIdAt(const QPoint &globalPos) const;

    void saveState(QSettings &settings) const;
    void restoreState(QSettings &settings);

public slots:
    /// Applies the typed search and filters now.
    void applyQuery();

signals:
    void taskSelected(const QString &taskId);
    /// Typing, filtering, sorting: the live refresh resets its back-off.
    void userActivity();

private:
    QMenu *makeStatusMenu();
    QMenu *makeTypeMenu();
    void updateFilterButtons();
    void updateCount();
    void onRowsInserted(int first, int last);
    void trySelectPending();
    void showHeaderMenu(const QPoint &pos);
    void onCurrentChanged();

    QPointer<TaskListModel> m_model;
    TaskDecorationProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_search = nullptr;
    QLineEdit *m_tags = nullptr;
    QComboBox *m_user = nullptr;
    QToolButton *m_statusButton = nullptr;
    QToolButton *m_typeButton = nullptr;
    QToolButton *m_subprojects = nullptr;
    QMenu *m_statusMenu = nullptr;
    QMenu *m_typeMenu = nullptr;
    QLabel *m_count = nullptr;
    QTimer m_debounce;
    QString m_projectId;
    QString m_pendingId;
    int m_pendingPages = 0;
    QString m_lastEmitted;
    QByteArray m_headerState;
    QList<QMetaObject::Connection> m_modelConnections;
};

} // namespace Trove
