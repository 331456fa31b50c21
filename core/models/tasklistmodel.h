#pragma once

#include "api/clearmlapi.h"
#include "common/error.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>

#include <optional>

namespace Trove {

/// A paged list of tasks for a table view, fetched by scroll_id as the view scrolls
/// (canFetchMore/fetchMore). One request in flight at most; a generation counter drops the
/// replies of an older query; a failed page clears the in-flight state, keeps the rows it
/// has, and reports through errorOccurred() (retry() or fetchMore() tries again).
///
/// refresh() re-reads the rows already loaded (live refresh) and merges them in place:
/// changed rows emit dataChanged, new tasks are inserted where the server lists them, and
/// tasks that no longer match are removed, so views keep their selection and scroll position.
class TaskListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskListModel)

public:
    enum Column {
        NameColumn,
        StatusColumn,
        TypeColumn,
        UserColumn,
        LastUpdateColumn,
        IdColumn,
        ProjectColumn, ///< full project path
        TagsColumn,
        CreatedColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,
        StatusRole,     ///< int(TaskStatus)
        StatusTextRole, ///< raw status string
        TypeRole,       ///< int(TaskType)
        TypeTextRole,
        ProjectIdRole,
        ProjectNameRole,
        UserIdRole,
        UserNameRole,
        CreatedRole,    ///< QDateTime (UTC)
        LastUpdateRole, ///< QDateTime (UTC)
        TagsRole,       ///< QStringList
        SystemTagsRole, ///< QStringList
        ArchivedRole,   ///< bool
    };
    Q_ENUM(Role)

    explicit TaskListModel(ClearmlApi *api, QObject *parent = nullptr);
    ~TaskListModel() override;

    /// Replaces the query and resets the model (search text, filters, order, page size).
    /// Nothing is fetched until fetchMore() (the view calls it). scrollId is ignored.
    void setQuery(const TaskQuery &query);
    const TaskQuery &query() const { return m_query; }

    const Task &task(int row) const { return m_tasks.at(row); }
    int indexOfId(const QString &taskId) const;
    bool isLoading() const { return m_inFlight != nullptr; }
    bool atEnd() const { return m_atEnd; }
    const Error &lastError() const { return m_lastError; }
    /// Fetches the next page again after a failure.
    void retry() { fetchMore(QModelIndex()); }
    /// Re-reads the loaded rows plus a page (at most 500) and merges them in place;
    /// emits refreshed() when done. Returns false (and does nothing) while a page or another
    /// refresh is in flight.
    bool refresh();
    bool isRefreshing() const { return m_refreshing != nullptr; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void loadingChanged(bool loading);
    void errorOccurred(const Trove::Error &error);
    /// The last page arrived: everything matching the query is loaded.
    void fullyLoaded();
    /// A refresh() finished; `changed` when any row was added, removed or updated.
    void refreshed(bool changed);

private:
    /// The page of a reply; a failure (not a cancel) is kept in lastError() and reported.
    std::optional<Page<Task>> pageOf(ApiReply &reply);
    void onPage(ApiReply &reply, quint64 generation);
    void onRefresh(ApiReply &reply, quint64 generation, int requested);
    void rebuildRowIndex();

    QPointer<ClearmlApi> m_api;
    TaskQuery m_query;
    QList<Task> m_tasks;
    QHash<QString, int> m_rowOfId;
    QString m_scrollId;
    bool m_atEnd = false;
    quint64 m_generation = 0;
    QPointer<ApiReply> m_inFlight;
    QPointer<ApiReply> m_refreshing;
    Error m_lastError;
};

} // namespace Trove
