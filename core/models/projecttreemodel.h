#pragma once

#include "api/clearmlapi.h"
#include "common/error.h"

#include <QAbstractItemModel>
#include <QPointer>

#include <memory>
#include <vector>

namespace Trove {

/// The project hierarchy of one server, loaded lazily one level at a time
/// (projects.get_all_ex{parent, shallow_search, include_stats}) when a view expands a node
/// (canFetchMore/fetchMore). Task counts come from the stats. Archived projects are hidden
/// unless setShowArchived(true). One request per node at a time; replies to a tree that was
/// reloaded meanwhile are dropped (generation counter). A failed fetch clears the loading
/// flag of its node, leaves it fetchable again, and emits errorOccurred().
///
/// refresh() re-reads every level already loaded and merges it in place (task counts and
/// names change with dataChanged, new projects are appended, deleted ones removed), so a
/// view keeps its expansion and selection during live refresh.
class ProjectTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectTreeModel)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,         ///< full path "a/b/c"
        BasenameRole,     ///< last segment
        TaskCountRole,    ///< qint64, active tasks including sub-projects
        StatusCountsRole, ///< QVariantMap status → count
        ArchivedRole,
        LoadingRole, ///< a fetch of this node's children is in flight
        DescriptionRole,
        LastUpdateRole,
    };
    Q_ENUM(Role)

    explicit ProjectTreeModel(ClearmlApi *api, QObject *parent = nullptr);
    ~ProjectTreeModel() override;

    void setShowArchived(bool show);
    bool showArchived() const { return m_showArchived; }
    /// Drops everything and starts again from the top level (nothing fetched until asked).
    void reload();
    /// The project of an index (nullptr for the root or a foreign index).
    const Project *project(const QModelIndex &index) const;
    QModelIndex indexOfId(const QString &projectId) const;
    const Error &lastError() const { return m_lastError; }
    /// Number of fetches in flight.
    int pendingFetches() const { return m_pending; }
    /// Re-reads the loaded levels; emits refreshed() once all answered. Returns false (and
    /// does nothing) while fetches or another refresh are in flight, or nothing is loaded.
    bool refresh();
    bool isRefreshing() const { return m_refreshPending > 0; }

    QModelIndex
    index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    bool hasChildren(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void errorOccurred(const Trove::Error &error);
    /// The children of `parent` arrived (possibly none).
    void childrenLoaded(const QModelIndex &parent);
    /// A refresh() finished; `changed` when any project was added, removed or updated.
    void refreshed(bool changed);

private:
    struct Node
    {
        Project project;
        Node *parent = nullptr;
        std::vector<std::unique_ptr<Node>> children;
        bool fetched = false; ///< all pages loaded
        QPointer<ApiReply> fetching;
        QPointer<ApiReply> refreshing;
        QString scrollId;
    };

    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexFor(Node *node) const;
    int rowOf(const Node *node) const;
    void onChildren(ApiReply &reply, const QString &nodeId, quint64 generation);
    void cancelAll(Node *node);
    Node *findNode(Node *from, const QString &id) const;
    void collectFetched(Node *node, QList<Node *> *out) const;
    void onRefreshed(ApiReply &reply, const QString &parentId, quint64 generation);
    void refreshStep(bool changed);

    QPointer<ClearmlApi> m_api;
    std::unique_ptr<Node> m_root;
    bool m_showArchived = false;
    quint64 m_generation = 0;
    int m_pending = 0;
    int m_refreshPending = 0;
    bool m_refreshChanged = false;
    Error m_lastError;
};

} // namespace Trove
