#pragma once

#include "cache/sdkcache.h"

#include <QAbstractTableModel>

namespace Trove {

/// The entries of the SDK-shared cache (SdkCache::entries()) as a table: name, kind, size,
/// last used, in use. DisplayRole gives readable text; the typed roles (and SortRole on every
/// column) give raw values for sorting and for the actions.
class CacheEntryModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CacheEntryModel)

public:
    enum Column { NameColumn, KindColumn, SizeColumn, LastUsedColumn, StatusColumn, ColumnCount };
    enum Role {
        NameRole = Qt::UserRole + 1,
        PathRole,
        FolderRole,   ///< bool: an extracted archive folder
        BytesRole,    ///< qint64
        LastUsedRole, ///< QDateTime
        LockedRole,   ///< bool: an SDK lock is held (cannot be removed now)
        SortRole,     ///< the column's raw value
    };
    Q_ENUM(Role)

    explicit CacheEntryModel(QObject *parent = nullptr);

    /// Replaces the rows (one reset: a listing is a new snapshot).
    void setEntries(const QList<SdkCache::Entry> &entries);
    const QList<SdkCache::Entry> &entries() const { return m_entries; }
    const SdkCache::Entry &entry(int row) const { return m_entries.at(row); }
    int rowOf(const QString &name) const;
    qint64 totalBytes() const { return m_totalBytes; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<SdkCache::Entry> m_entries;
    qint64 m_totalBytes = 0;
};

} // namespace Trove
