#include "modelsview.h"

#include "models/groupedtablemodel.h"
#include "models/modellistmodel.h"
#include "views/groupedtableview.h"
#include "widgets/palettehelpers.h"
#include "widgets/statusstyle.h"

#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QStackedLayout>

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
    : QWidget(parent)
    , m_table(new GroupedTableModel(this))
    , m_view(new GroupedTableView)
    , m_placeholder(new QLabel)
{
    setAccessibleName(tr("Models"));
    m_table->setGroups(ModelListModel::DirectionRole,
                       {{QStringLiteral("input"), tr("Input models")},
                        {QStringLiteral("output"), tr("Output models")}});
    m_table->setColumns(modelColumns());
    m_view->setAccessibleName(tr("Model table"));
    m_view->setGroupedModel(m_table);
    QHeaderView *header = m_view->header();
    header->resizeSection(NameColumn, 220);
    header->resizeSection(FrameworkColumn, 100);
    header->resizeSection(StateColumn, 100);
    header->resizeSection(CreatedColumn, 130);
    header->resizeSection(UriColumn, 260);
    header->resizeSection(EntryColumn, 120);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setEnabled(false);
    m_placeholder->setWordWrap(true);
    auto *stack = new QStackedLayout(this);
    stack->addWidget(m_view);
    stack->addWidget(m_placeholder);

    connect(m_view, &GroupedTableView::currentSourceChanged, this,
            [this](const QModelIndex &source) {
                emit currentModelChanged(modelAt(source), source.isValid());
            });
    connect(m_view, &GroupedTableView::sourceActivated, this,
            [this](const QModelIndex &source) { emit modelActivated(modelAt(source)); });
    connect(m_view, &GroupedTableView::contextMenuRequested, this,
            [this](QMenu *menu, const QModelIndex &source) {
                emit contextMenuRequested(menu, modelAt(source), source.isValid());
            });
    connect(m_table, &QAbstractItemModel::modelReset, this, &ModelsView::updatePlaceholder);
    connect(m_table, &QAbstractItemModel::rowsInserted, this, &ModelsView::updatePlaceholder);
    connect(m_table, &QAbstractItemModel::rowsRemoved, this, &ModelsView::updatePlaceholder);
    updatePlaceholder();
}

ModelsView::~ModelsView() = default;

void ModelsView::setSourceModel(ModelListModel *model)
{
    m_source = model;
    m_table->setSourceModel(model);
    updatePlaceholder();
}

void ModelsView::setPlaceholder(const QString &text)
{
    m_placeholderText = text;
    updatePlaceholder();
}

void ModelsView::updatePlaceholder()
{
    auto *stack = static_cast<QStackedLayout *>(layout());
    m_placeholder->setText(m_placeholderText.isEmpty() ? tr("This task has no models.")
                                                       : m_placeholderText);
    stack->setCurrentWidget(m_table->rowCount() == 0 ? static_cast<QWidget *>(m_placeholder)
                                                     : m_view);
}

Model ModelsView::modelAt(const QModelIndex &source) const
{
    if (!m_source || !source.isValid() || source.model() != m_source)
        return Model();
    return m_source->modelAt(source.row());
}

QString ModelsView::currentModelId() const
{
    return m_view->currentSourceIndex().data(ModelListModel::IdRole).toString();
}

bool ModelsView::hasCurrentModel() const
{
    return m_view->currentSourceIndex().isValid();
}

Model ModelsView::currentModel() const
{
    return modelAt(m_view->currentSourceIndex());
}

bool ModelsView::selectModel(const QString &modelId)
{
    if (!m_source)
        return false;
    const int row = m_source->rowOfId(modelId);
    return row >= 0 && m_view->selectSource(m_source->index(row));
}

} // namespace Trove
