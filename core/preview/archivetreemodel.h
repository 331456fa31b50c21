#pragma once

#include "preview/archivedecoder.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace Trove {

/// A tree of an archive's members (folders synthesized from the '/'-separated names) for the
/// archive preview. Columns: name, size, compressed size, modified. Typed roles expose the raw
/// values; no visuals (the ui adds icons). Folder sizes are the sums of their contents.
/// Built once from an ArchiveListing (which ArchiveDecoder::list produced on a worker thread).
class ArchiveTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArchiveTreeModel)

public:
    enum Column { NameColumn, SizeColumn, CompressedColumn, ModifiedColumn, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1, ///< full member path (QString)
        SizeRole,                    ///< qint64
        CompressedSizeRole,          ///< qint64, -1 if unknown
        ModifiedRole,                ///< QDateTime
        IsFolderRole,                ///< bool
        UnsafeNameRole,              ///< bool: path traversal
        TypeRole,                    ///< file, dir, symlink, hardlink, other
    };

    explicit ArchiveTreeModel(QObject *parent = nullptr);
    ~ArchiveTreeModel() override;

    void setListing(const ArchiveListing &listing);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Node;
    Node *nodeFor(const QModelIndex &index) const;
    std::unique_ptr<Node> m_root;
};

} // namespace Trove
