#include "groupedtableview.h"

#include "models/groupedtablemodel.h"
#include "widgets/artifactdragsource.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>

namespace Trove {

GroupedTableView::GroupedTableView(QWidget *parent)
    : QTreeView(parent)
{
    setRootIsDecorated(true);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setAllColumnsShowFocus(true);
    setTextElideMode(Qt::ElideMiddle);
    header()->setSectionsMovable(true);
    header()->setStretchLastSection(true);
    header()->setSortIndicator(-1, Qt::AscendingOrder); // the server's order until clicked
    setSortingEnabled(true);
    connect(this, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const QModelIndex source = sourceIndexOf(index);
        if (source.isValid())
            emit sourceActivated(source);
    });
}

GroupedTableView::~GroupedTableView() = default;

void GroupedTableView::setGroupedModel(GroupedTableModel *model)
{
    m_model = model;
    m_top = nullptr;
    install(model);
}

void GroupedTableView::setTopModel(QAbstractProxyModel *top)
{
    m_top = top;
    install(top ? static_cast<QAbstractItemModel *>(top) : m_model);
}

void GroupedTableView::setLocalCopies(LocalCopyTracker *tracker,
                                      LocalCopyProxyModel::RequestBuilder builder)
{
    delete m_dragSource;
    LocalCopyProxyModel *old = m_localCopies;
    if (tracker) {
        m_localCopies = new LocalCopyProxyModel(tracker, std::move(builder), this);
        m_localCopies->setSourceModel(m_model);
        setTopModel(m_localCopies);
        m_dragSource = new ArtifactDragSource(this, m_localCopies, this);
    } else {
        setTopModel(nullptr);
    }
    delete old;
}

QModelIndex GroupedTableView::toGrouped(const QModelIndex &viewIndex) const
{
    return m_top && viewIndex.model() == m_top ? m_top->mapToSource(viewIndex) : viewIndex;
}

QModelIndex GroupedTableView::fromGrouped(const QModelIndex &groupedIndex) const
{
    return m_top ? m_top->mapFromSource(groupedIndex) : groupedIndex;
}

void GroupedTableView::install(QAbstractItemModel *shown)
{
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    setModel(shown);
    if (!shown)
        return;
    auto respan = [this] {
        spanGroups();
        expandAll();
    };
    m_connections << connect(shown, &QAbstractItemModel::modelReset, this, respan);
    m_connections << connect(shown, &QAbstractItemModel::rowsInserted, this,
                             [respan](const QModelIndex &parent) {
                                 if (!parent.isValid())
                                     respan();
                             });
    m_connections << connect(shown, &QAbstractItemModel::layoutChanged, this, respan);
    m_connections << connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                             [this](const QModelIndex &current) {
                                 emit currentSourceChanged(sourceIndexOf(current));
                             });
    respan();
}

void GroupedTableView::spanGroups()
{
    if (!model())
        return;
    for (int row = 0; row < model()->rowCount(); ++row)
        setFirstColumnSpanned(row, QModelIndex(), true);
}

QModelIndex GroupedTableView::sourceIndexOf(const QModelIndex &viewIndex) const
{
    return m_model ? m_model->mapToSource(toGrouped(viewIndex)) : QModelIndex();
}

QModelIndex GroupedTableView::currentSourceIndex() const
{
    return sourceIndexOf(currentIndex());
}

bool GroupedTableView::selectSource(const QModelIndex &source)
{
    if (!m_model)
        return false;
    const QModelIndex index = fromGrouped(m_model->mapFromSource(source));
    if (!index.isValid())
        return false;
    expand(index.parent());
    selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect
                                                     | QItemSelectionModel::Rows);
    scrollTo(index);
    return true;
}

void GroupedTableView::copyCurrent()
{
    const QModelIndex index = currentIndex();
    if (!index.isValid() || !m_model || m_model->isGroup(toGrouped(index)))
        return;
    const QString text = index.data(GroupedTableModel::CopyRole).toString();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void GroupedTableView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copyCurrent();
        event->accept();
        return;
    }
    QTreeView::keyPressEvent(event);
}

void GroupedTableView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index
            = event->reason() == QContextMenuEvent::Mouse ? indexAt(event->pos()) : currentIndex();
    QModelIndex source;
    // Shown with popup(), not exec(): no nested event loop.
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setAccessibleName(tr("Row actions"));
    if (index.isValid() && m_model && !m_model->isGroup(toGrouped(index))) {
        setCurrentIndex(index);
        source = sourceIndexOf(index);
        for (int c = 0; c < m_model->columnCount(); ++c) {
            const QModelIndex cell = index.siblingAtColumn(c);
            const QString value = cell.data(GroupedTableModel::CopyRole).toString();
            if (value.isEmpty())
                continue;
            const QString header = m_model->headerData(c, Qt::Horizontal).toString();
            QAction *a = menu->addAction(tr("Copy %1").arg(header));
            if (c == index.column())
                a->setShortcut(QKeySequence::Copy);
            connect(a, &QAction::triggered, this,
                    [value] { QApplication::clipboard()->setText(value); });
        }
    }
    emit contextMenuRequested(menu, source);
    if (menu->isEmpty()) {
        delete menu;
        return;
    }
    const QPoint at = event->reason() == QContextMenuEvent::Mouse
                              ? event->globalPos()
                              : viewport()->mapToGlobal(visualRect(currentIndex()).center());
    menu->popup(at);
}

} // namespace Trove
