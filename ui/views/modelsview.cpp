#include "modelsview.h"

#include "models/groupedtablemodel.h"
#include "models/modellistmodel.h"
#include "views/groupedtableview.h"
#include "widgets/palettehelpers.h"
#include "widgets/statusstyle.h"

#include <QGuiApplication>
#include <QHeaderView>

namespace Trove {

namespace {

using Cell = GroupedTableModel::CellFunction;

Cell textColumn(int dataRole)
{
    return [dataRole](const QModelIndex &s, int role) -> QVariant {
        switch (role) {
        case Qt::DisplayRole:
        case Qt::ToolTipRole:
        case GroupedTableModel::SortRole:
            return s.data(dataRole).toString();
        default:
            return QVariant();
        }
    };
}

QList<GroupedTableModel::Column> modelColumns()
{
    QList<GroupedTableModel::Column> columns(ModelsView::ColumnCount);
    columns[ModelsView::NameColumn]
            = {QObject::tr("Name"), [](const QModelIndex &s, int role) -> QVariant {
                   switch (role) {
                   case Qt::DisplayRole:
                   case GroupedTableModel::SortRole:
                       return s.data(Qt::DisplayRole);
                   case Qt::ToolTipRole:
                       return s.data(ModelListModel::UriRole);
                   case Qt::ForegroundRole:
                       if (s.data(ModelListModel::MissingRole).toBool())
                           return PaletteHelpers::secondaryText(QGuiApplication::palette());
                       return QVariant();
                   default:
                       return QVariant();
                   }
               }};
    columns[ModelsView::FrameworkColumn]
            = {QObject::tr("Framework"), textColumn(ModelListModel::FrameworkRole)};
    columns[ModelsView::StateColumn]
            = {QObject::tr("State"), [](const QModelIndex &s, int role) -> QVariant {
                   const bool missing = s.data(ModelListModel::MissingRole).toBool();
                   const bool ready = s.data(ModelListModel::ReadyRole).toBool();
                   const QString text = missing ? QObject::tr("Not found")
                                        : ready ? QObject::tr("Published")
                                                : QObject::tr("Draft");
                   switch (role) {
                   case Qt::DisplayRole:
                   case GroupedTableModel::SortRole:
                       return text;
                   case Qt::ToolTipRole:
                       return missing ? QObject::tr("The task refers to this model, but the "
                                                    "server did not return it (deleted, or "
                                                    "no access).")
                                      : text;
                   case Qt::DecorationRole:
                       return StatusStyle::dotIcon(
                               StatusStyle::statusColor(missing ? TaskStatus::Failed
                                                        : ready ? TaskStatus::Published
                                                                : TaskStatus::Created,
                                                        QGuiApplication::palette()));
                   default:
                       return QVariant();
                   }
               }};
    columns[ModelsView::CreatedColumn]
            = {QObject::tr("Created"), [](const QModelIndex &s, int role) -> QVariant {
                   const QDateTime t = s.data(ModelListModel::CreatedRole).toDateTime();
                   if (role == Qt::DisplayRole)
                       return StatusStyle::formatTime(t);
                   if (role == GroupedTableModel::SortRole)
                       return t;
                   return QVariant();
               }};
    columns[ModelsView::UriColumn] = {QObject::tr("URI"), textColumn(ModelListModel::UriRole)};
    columns[ModelsView::EntryColumn]
            = {QObject::tr("Task entry"), textColumn(ModelListModel::EntryNameRole)};
    columns[ModelsView::IdColumn] = {QObject::tr("ID"), textColumn(ModelListModel::IdRole)};
    return columns;
}

} // namespace

ModelsView::ModelsView(QWidget *parent)
    : GroupedTablePanel(tr("This task has no models."), parent)
{
    GroupedTableModel *table = tableModel();
    GroupedTableView *tableView = view();
    setAccessibleName(tr("Models"));
    table->setGroups(ModelListModel::DirectionRole,
                     {{QStringLiteral("input"), tr("Input models")},
                      {QStringLiteral("output"), tr("Output models")}});
    table->setColumns(modelColumns());
    tableView->setAccessibleName(tr("Model table"));
    QHeaderView *header = tableView->header();
    header->resizeSection(NameColumn, 220);
    header->resizeSection(FrameworkColumn, 100);
    header->resizeSection(StateColumn, 100);
    header->resizeSection(CreatedColumn, 130);
    header->resizeSection(UriColumn, 260);
    header->resizeSection(EntryColumn, 120);

    connect(tableView, &GroupedTableView::currentSourceChanged, this,
            [this](const QModelIndex &source) {
                emit currentModelChanged(modelAt(source), source.isValid());
            });
    connect(tableView, &GroupedTableView::sourceActivated, this,
            [this](const QModelIndex &source) { emit modelActivated(modelAt(source)); });
    connect(tableView, &GroupedTableView::contextMenuRequested, this,
            [this](QMenu *menu, const QModelIndex &source) {
                emit contextMenuRequested(menu, modelAt(source), source.isValid());
            });
}

ModelsView::~ModelsView() = default;

void ModelsView::setSourceModel(ModelListModel *model)
{
    m_source = model;
    setSource(model);
}

Model ModelsView::modelAt(const QModelIndex &source) const
{
    if (!m_source || !source.isValid() || source.model() != m_source)
        return Model();
    return m_source->modelAt(source.row());
}

QString ModelsView::currentModelId() const
{
    return view()->currentSourceIndex().data(ModelListModel::IdRole).toString();
}

bool ModelsView::hasCurrentModel() const
{
    return view()->currentSourceIndex().isValid();
}

Model ModelsView::currentModel() const
{
    return modelAt(view()->currentSourceIndex());
}

bool ModelsView::selectModel(const QString &modelId)
{
    if (!m_source)
        return false;
    const int row = m_source->rowOfId(modelId);
    return row >= 0 && view()->selectSource(m_source->index(row));
}

} // namespace Trove
