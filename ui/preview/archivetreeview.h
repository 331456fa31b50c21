#pragma once

#include <QDateTime>
#include <QList>
#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTreeView;

namespace Trove {

class MessageBar;

/// One member of an archive listing, as the zip/tar decoder reports it.
struct ArchiveEntryView
{
    enum Flag {
        NoFlags = 0,
        UnsafePath = 1 << 0, ///< absolute, "..", or otherwise escapes the extraction folder
        Symlink = 1 << 1,
        Encrypted = 1 << 2,
        SuspiciousRatio = 1 << 3, ///< compression ratio typical of a zip bomb
    };
    Q_DECLARE_FLAGS(Flags, Flag)

    QString path; ///< member path with '/' separators; a trailing '/' marks a directory
    qint64 size = -1;
    qint64 compressedSize = -1;
    QDateTime modified;
    bool isDirectory = false;
    Flags flags = NoFlags;
};

/// Tree of archive members built from flat paths (folders are synthesised), with size,
/// packed size, ratio, date and warnings. Unsafe entries get a warning icon and a banner.
/// Double-click or Enter on a file emits activated(path).
class ArchiveTreeView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArchiveTreeView)

public:
    enum Column { NameColumn, SizeColumn, PackedColumn, RatioColumn, ModifiedColumn, NotesColumn };

    explicit ArchiveTreeView(QWidget *parent = nullptr);
    ~ArchiveTreeView() override;

    /// `truncated` = the decoder stopped listing (too many members).
    void setEntries(const QList<ArchiveEntryView> &entries, bool truncated = false);
    QTreeView *treeView() const { return m_tree; }
    QStandardItemModel *model() const { return m_model; }
    MessageBar *messageBar() const { return m_banner; }
    int unsafeCount() const { return m_unsafe; }

signals:
    void activated(const QString &path);

private:
    QTreeView *m_tree = nullptr;
    QStandardItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QLabel *m_summary = nullptr;
    MessageBar *m_banner = nullptr;
    int m_unsafe = 0;
};

} // namespace Trove

Q_DECLARE_OPERATORS_FOR_FLAGS(Trove::ArchiveEntryView::Flags)
