#include "cacheentrymodel.h"

#include <QLocale>

namespace Trove {

CacheEntryModel::CacheEntryModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void CacheEntryModel::setEntries(const QList<SdkCache::Entry> &entries)
{
    beginResetModel();
    m_entries = entries;
    m_totalBytes = 0;
    for (const SdkCache::Entry &e : entries)
        m_totalBytes += e.bytes;
    endResetModel();
}

int CacheEntryModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_entries.size(); ++row)
        if (m_entries.at(row).name == name)
            return row;
    return -1;
}

int CacheEntryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int CacheEntryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CacheEntryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SdkCache::Entry &e = m_entries.at(index.row());
    switch (role) {
    case NameRole:
        return e.name;
    case PathRole:
        return e.path;
    case FolderRole:
        return e.folder;
    case BytesRole:
        return e.bytes;
    case LastUsedRole:
        return e.lastUsed;
    case LockedRole:
        return e.locked;
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return e.name.toLower();
        case KindColumn:
            return e.folder;
        case SizeColumn:
            return e.bytes;
        case LastUsedColumn:
            return e.lastUsed;
        case StatusColumn:
            return e.locked;
        default:
            return {};
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return e.name;
        case KindColumn:
            return e.folder ? tr("Extracted folder") : tr("File");
        case SizeColumn:
            // The binary units with traditional names used across Trove ("3.0 MB").
            return QLocale().formattedDataSize(e.bytes, 1, QLocale::DataSizeTraditionalFormat);
        case LastUsedColumn:
            return QLocale().toString(e.lastUsed, QLocale::ShortFormat);
        case StatusColumn:
            return e.locked ? tr("In use") : QString();
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == StatusColumn && e.locked)
            return tr("A ClearML SDK process (or Trove) holds this entry's lock: it is kept.");
        return e.path;
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant CacheEntryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case KindColumn:
        return tr("Kind");
    case SizeColumn:
        return tr("Size");
    case LastUsedColumn:
        return tr("Last used");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

QHash<int, QByteArray> CacheEntryModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(NameRole, "name");
    names.insert(PathRole, "path");
    names.insert(FolderRole, "folder");
    names.insert(BytesRole, "bytes");
    names.insert(LastUsedRole, "lastUsed");
    names.insert(LockedRole, "locked");
    names.insert(SortRole, "sortValue");
    return names;
}

} // namespace Trove
