#include "artifactsview.h"

#include "models/artifactlistmodel.h"
#include "models/groupedtablemodel.h"
#include "views/groupedtableview.h"
#include "widgets/palettehelpers.h"
#include "widgets/statusstyle.h"

#include <QFont>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLocale>

namespace Trove {

namespace {

using Role = ArtifactListModel::Role;
using Cell = GroupedTableModel::CellFunction;

QVariant pendingLook(const QModelIndex &source, int role)
{
    if (!source.data(ArtifactListModel::PendingRole).toBool())
        return QVariant();
    if (role == Qt::FontRole) {
        QFont f;
        f.setItalic(true);
        return f;
    }
    if (role == Qt::ForegroundRole)
        return PaletteHelpers::secondaryText(QGuiApplication::palette());
    return QVariant();
}

/// A column showing one role as text, sorted by the same value.
Cell textColumn(int dataRole)
{
    return [dataRole](const QModelIndex &s, int role) -> QVariant {
        switch (role) {
        case Qt::DisplayRole:
        case Qt::ToolTipRole:
        case GroupedTableModel::SortRole:
            return s.data(dataRole).toString();
        default:
            return pendingLook(s, role);
        }
    };
}

QString metadataText(const QModelIndex &s)
{
    const QVariantMap map = s.data(ArtifactListModel::MetadataRole).toMap();
    QStringList parts;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        parts << it.key() + QStringLiteral(": ") + it.value().toString();
    return parts.join(QStringLiteral(", "));
}

QList<GroupedTableModel::Column> artifactColumns()
{
    QList<GroupedTableModel::Column> columns(ArtifactsView::ColumnCount);
    columns[ArtifactsView::NameColumn]
            = {QObject::tr("Name"), [](const QModelIndex &s, int role) -> QVariant {
                   switch (role) {
                   case Qt::DisplayRole:
                   case GroupedTableModel::SortRole:
                       return s.data(ArtifactListModel::KeyRole);
                   case Qt::ToolTipRole: {
                       const QString preview = s.data(ArtifactListModel::PreviewRole).toString();
                       return preview.isEmpty() ? s.data(ArtifactListModel::KeyRole) : preview;
                   }
                   case Qt::DecorationRole:
                       if (s.data(ArtifactListModel::PendingRole).toBool())
                           return StatusStyle::dotIcon(PaletteHelpers::toneColor(
                                   PaletteHelpers::Tone::Warning, QGuiApplication::palette()));
                       return QVariant();
                   default:
                       return pendingLook(s, role);
                   }
               }};
    columns[ArtifactsView::TypeColumn] = {QObject::tr("Type"), textColumn(Role::TypeRole)};
    columns[ArtifactsView::SizeColumn]
            = {QObject::tr("Size"), [](const QModelIndex &s, int role) -> QVariant {
                   const qint64 size = s.data(ArtifactListModel::SizeRole).toLongLong();
                   const bool pending = s.data(ArtifactListModel::PendingRole).toBool();
                   switch (role) {
                   case Qt::DisplayRole:
                       if (pending)
                           return QObject::tr("pending");
                       return size >= 0 ? PaletteHelpers::formatBytes(size) : QString();
                   case Qt::ToolTipRole:
                       if (pending)
                           return QObject::tr("The file is not on the storage yet (the SDK "
                                              "registers an artifact before uploading it).");
                       return size >= 0 ? QObject::tr("%1 bytes").arg(QLocale().toString(size))
                                        : QObject::tr("Size unknown");
                   case GroupedTableModel::SortRole:
                       return size;
                   case GroupedTableModel::CopyRole:
                       return size >= 0 ? QString::number(size) : QString();
                   case Qt::TextAlignmentRole:
                       return int(Qt::AlignRight | Qt::AlignVCenter);
                   default:
                       return pendingLook(s, role);
                   }
               }};
    columns[ArtifactsView::HashColumn]
            = {QObject::tr("Hash"), [](const QModelIndex &s, int role) -> QVariant {
                   const QString hash = s.data(ArtifactListModel::HashRole).toString();
                   switch (role) {
                   case Qt::DisplayRole:
                       return hash.size() > 12 ? hash.left(12) + QStringLiteral("…") : hash;
                   case Qt::ToolTipRole:
                       return hash.isEmpty() ? QVariant()
                                             : QVariant(QObject::tr("SHA-256 %1 (Ctrl+C copies "
                                                                    "it)")
                                                                .arg(hash));
                   case GroupedTableModel::SortRole:
                   case GroupedTableModel::CopyRole:
                       return hash;
                   case Qt::FontRole: {
                       QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
                       return f;
                   }
                   default:
                       return pendingLook(s, role);
                   }
               }};
    columns[ArtifactsView::UriColumn] = {QObject::tr("URI"), textColumn(Role::UriRole)};
    columns[ArtifactsView::UploadedColumn]
            = {QObject::tr("Uploaded"), [](const QModelIndex &s, int role) -> QVariant {
                   const QDateTime t = s.data(ArtifactListModel::TimestampRole).toDateTime();
                   switch (role) {
                   case Qt::DisplayRole:
                       return StatusStyle::formatTime(t);
                   case Qt::ToolTipRole:
                       return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::LongFormat)
                                          : QVariant();
                   case GroupedTableModel::SortRole:
                       return t;
                   default:
                       return pendingLook(s, role);
                   }
               }};
    columns[ArtifactsView::ModeColumn] = {QObject::tr("Mode"), textColumn(Role::ModeRole)};
    columns[ArtifactsView::MetadataColumn]
            = {QObject::tr("Metadata"), [](const QModelIndex &s, int role) -> QVariant {
                   switch (role) {
                   case Qt::DisplayRole:
                   case Qt::ToolTipRole:
                   case GroupedTableModel::SortRole:
                       return metadataText(s);
                   default:
                       return pendingLook(s, role);
                   }
               }};
    return columns;
}

} // namespace

ArtifactsView::ArtifactsView(QWidget *parent)
    : GroupedTablePanel(tr("This task has no artifacts."), parent)
{
    GroupedTableModel *table = tableModel();
    GroupedTableView *tableView = view();
    setAccessibleName(tr("Artifacts"));
    table->setGroups(ArtifactListModel::ModeRole,
                     {{QStringLiteral("input"), tr("Input artifacts")},
                      {QStringLiteral("output"), tr("Output artifacts")}});
    table->setColumns(artifactColumns());
    tableView->setAccessibleName(tr("Artifact table"));
    QHeaderView *header = tableView->header();
    header->resizeSection(NameColumn, 200);
    header->resizeSection(TypeColumn, 80);
    header->resizeSection(SizeColumn, 80);
    header->resizeSection(HashColumn, 120);
    header->resizeSection(UriColumn, 260);
    header->resizeSection(UploadedColumn, 130);
    header->resizeSection(ModeColumn, 60);

    connect(tableView, &GroupedTableView::currentSourceChanged, this,
            [this](const QModelIndex &source) {
                emit currentArtifactChanged(artifactAt(source), source.isValid());
            });
    connect(tableView, &GroupedTableView::sourceActivated, this,
            [this](const QModelIndex &source) { emit artifactActivated(artifactAt(source)); });
    connect(tableView, &GroupedTableView::contextMenuRequested, this,
            [this](QMenu *menu, const QModelIndex &source) {
                emit contextMenuRequested(menu, artifactAt(source), source.isValid());
            });
}

ArtifactsView::~ArtifactsView() = default;

void ArtifactsView::setSourceModel(ArtifactListModel *model)
{
    m_source = model;
    setSource(model);
}

Artifact ArtifactsView::artifactAt(const QModelIndex &source) const
{
    if (!m_source || !source.isValid() || source.model() != m_source)
        return Artifact();
    return m_source->artifact(source.row());
}

bool ArtifactsView::hasCurrentArtifact() const
{
    return view()->currentSourceIndex().isValid();
}

Artifact ArtifactsView::currentArtifact() const
{
    return artifactAt(view()->currentSourceIndex());
}

bool ArtifactsView::selectArtifact(const QString &key)
{
    if (!m_source)
        return false;
    int row = m_source->rowOf(key, QStringLiteral("output"));
    if (row < 0)
        row = m_source->rowOf(key, QStringLiteral("input"));
    return row >= 0 && view()->selectSource(m_source->index(row));
}

} // namespace Trove
