#include "archivetreeview.h"

#include "widgets/messagebar.h"
#include "widgets/palettehelpers.h"

#include <QFileIconProvider>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

#include <functional>

namespace Trove {

namespace {
constexpr int kSortRole = Qt::UserRole + 1;
constexpr int kPathRole = Qt::UserRole + 2;

QList<QStandardItem *> makeRow(const QString &name, const QIcon &icon)
{
    QList<QStandardItem *> row;
    for (int c = 0; c <= ArchiveTreeView::NotesColumn; ++c) {
        auto *item = new QStandardItem;
        item->setEditable(false);
        row << item;
    }
    row[0]->setText(name);
    row[0]->setIcon(icon);
    for (int c :
         {ArchiveTreeView::SizeColumn, ArchiveTreeView::PackedColumn, ArchiveTreeView::RatioColumn})
        row[c]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return row;
}
} // namespace

ArchiveTreeView::ArchiveTreeView(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeView)
    , m_model(new QStandardItemModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_summary(new QLabel)
    , m_banner(new MessageBar)
{
    setAccessibleName(tr("Archive contents"));
    m_model->setHorizontalHeaderLabels(
            {tr("Name"), tr("Size"), tr("Packed"), tr("Ratio"), tr("Modified"), tr("Notes")});
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(kSortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_tree->setModel(m_proxy);
    m_tree->setAccessibleName(tr("Archive members"));
    m_tree->setUniformRowHeights(true);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(NameColumn, Qt::AscendingOrder);
    m_tree->setAlternatingRowColors(true);
    m_tree->setFrameShape(QFrame::NoFrame);
    m_tree->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    for (int c = SizeColumn; c <= NotesColumn; ++c)
        m_tree->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const QString path = index.siblingAtColumn(0).data(kPathRole).toString();
        if (!path.isEmpty())
            emit activated(path);
    });
    m_summary->setAccessibleName(tr("Archive summary"));
    m_summary->setContentsMargins(6, 4, 6, 4);
    m_banner->setCloseButtonVisible(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_banner);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);
}

ArchiveTreeView::~ArchiveTreeView() = default;

void ArchiveTreeView::setEntries(const QList<ArchiveEntryView> &entries, bool truncated)
{
    m_model->removeRows(0, m_model->rowCount());
    m_unsafe = 0;
    const QLocale locale;
    QFileIconProvider icons;
    const QIcon folderIcon = icons.icon(QFileIconProvider::Folder);
    const QIcon fileIcon = icons.icon(QFileIconProvider::File);
    const QIcon warnIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    const QColor warnColor = PaletteHelpers::toneColor(PaletteHelpers::Tone::Error, palette());
    QHash<QString, QStandardItem *> folders;
    qint64 files = 0, totalSize = 0, totalPacked = 0;

    std::function<QStandardItem *(const QString &)> folderFor
            = [&](const QString &dir) -> QStandardItem * {
        if (dir.isEmpty())
            return m_model->invisibleRootItem();
        if (auto *f = folders.value(dir))
            return f;
        const qsizetype slash = dir.lastIndexOf(QLatin1Char('/'));
        QStandardItem *parent = folderFor(slash < 0 ? QString() : dir.left(slash));
        auto row = makeRow(dir.mid(slash + 1), folderIcon);
        row[0]->setData(QStringLiteral("0") + dir.mid(slash + 1).toLower(), kSortRole);
        row[0]->setAccessibleText(tr("Folder %1").arg(dir));
        parent->appendRow(row);
        folders.insert(dir, row[0]);
        return row[0];
    };

    for (const ArchiveEntryView &e : entries) {
        QString path = e.path;
        const bool dir = e.isDirectory || path.endsWith(QLatin1Char('/'));
        while (path.endsWith(QLatin1Char('/')))
            path.chop(1);
        // Show unsafe paths literally at the top level rather than resolving "..".
        const bool unsafe = e.flags & ArchiveEntryView::UnsafePath;
        QString parentDir;
        QString name = path;
        if (!unsafe) {
            const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
            parentDir = slash < 0 ? QString() : path.left(slash);
            name = path.mid(slash + 1);
        }
        if (dir && !unsafe) {
            folderFor(path);
            continue;
        }
        QStandardItem *parent = folderFor(parentDir);
        auto row = makeRow(name.isEmpty() ? e.path : name, dir ? folderIcon : fileIcon);
        row[0]->setData(e.path, kPathRole);
        row[0]->setData(QStringLiteral("1") + name.toLower(), kSortRole);
        row[0]->setToolTip(e.path);
        if (e.size >= 0) {
            row[SizeColumn]->setText(PaletteHelpers::formatBytes(e.size));
            row[SizeColumn]->setData(e.size, kSortRole);
            totalSize += e.size;
        }
        if (e.compressedSize >= 0) {
            row[PackedColumn]->setText(PaletteHelpers::formatBytes(e.compressedSize));
            row[PackedColumn]->setData(e.compressedSize, kSortRole);
            totalPacked += e.compressedSize;
        }
        if (e.size > 0 && e.compressedSize >= 0) {
            const double ratio = 100.0 * (1.0 - double(e.compressedSize) / double(e.size));
            row[RatioColumn]->setText(QStringLiteral("%1 %").arg(locale.toString(ratio, 'f', 0)));
            row[RatioColumn]->setData(ratio, kSortRole);
        }
        if (e.modified.isValid()) {
            row[ModifiedColumn]->setText(locale.toString(e.modified, QLocale::ShortFormat));
            row[ModifiedColumn]->setData(e.modified, kSortRole);
        }
        QStringList notes;
        if (unsafe)
            notes << tr("unsafe path");
        if (e.flags & ArchiveEntryView::Symlink)
            notes << tr("symlink");
        if (e.flags & ArchiveEntryView::Encrypted)
            notes << tr("encrypted");
        if (e.flags & ArchiveEntryView::SuspiciousRatio)
            notes << tr("suspicious ratio");
        row[NotesColumn]->setText(notes.join(QStringLiteral(", ")));
        if (unsafe || (e.flags & ArchiveEntryView::SuspiciousRatio)) {
            ++m_unsafe;
            row[0]->setIcon(warnIcon);
            for (auto *item : row)
                item->setForeground(warnColor);
            row[0]->setToolTip(tr("%1\nThis entry would be written outside the target folder; "
                                  "Trove never extracts it there.")
                                       .arg(e.path));
        }
        parent->appendRow(row);
        ++files;
    }
    m_tree->expandToDepth(0);
    m_summary->setText(tr("%1 files, %2 folders  ·  %3 (%4 packed)%5")
                               .arg(locale.toString(files), locale.toString(qint64(folders.size())),
                                    PaletteHelpers::formatBytes(totalSize),
                                    PaletteHelpers::formatBytes(totalPacked),
                                    truncated ? tr("  ·  listing truncated") : QString()));
    if (m_unsafe > 0)
        m_banner->showMessage(tr("%1 unsafe paths or sizes. They are listed for inspection "
                                 "and are never extracted outside the target folder.")
                                      .arg(PaletteHelpers::countText(m_unsafe, tr("entry has"),
                                                                     tr("entries have"))),
                              MessageBar::Type::Warning);
    else
        m_banner->hide();
}

} // namespace Trove
