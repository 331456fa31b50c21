#include "groupedtableview.h"

#include "models/groupedtablemodel.h"

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
        const QModelIndex source = m_model ? m_model->mapToSource(index) : QModelIndex();
        if (source.isValid())
            emit sourceActivated(source);
    });
}

GroupedTableView::~GroupedTableView() = default;

void GroupedTableView::setGroupedModel(GroupedTableModel *model)
{
    m_model = model;
    setModel(model);
    if (!model)
        return;
    auto respan = [this] {
        spanGroups();
        expandAll();
    };
    connect(model, &QAbstractItemModel::modelReset, this, respan);
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this, respan](const QModelIndex &parent) {
                if (!parent.isValid())
                    respan();
            });
    connect(model, &QAbstractItemModel::layoutChanged, this, respan);
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                emit currentSourceChanged(m_model ? m_model->mapToSource(current) : QModelIndex());
            });
    respan();
}

void GroupedTableView::spanGroups()
{
    if (!m_model)
        return;
    for (int row = 0; row < m_model->rowCount(); ++row)
        setFirstColumnSpanned(row, QModelIndex(), true);
}

QModelIndex GroupedTableView::currentSourceIndex() const
{
    return m_model ? m_model->mapToSource(currentIndex()) : QModelIndex();
}

bool GroupedTableView::selectSource(const QModelIndex &source)
{
    if (!m_model)
        return false;
    const QModelIndex index = m_model->mapFromSource(source);
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
    if (!index.isValid() || !m_model || m_model->isGroup(index))
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
    QMenu menu(this);
    menu.setAccessibleName(tr("Row actions"));
    if (index.isValid() && m_model && !m_model->isGroup(index)) {
        setCurrentIndex(index);
        source = m_model->mapToSource(index);
        for (int c = 0; c < m_model->columnCount(); ++c) {
            const QModelIndex cell = index.siblingAtColumn(c);
            const QString value = cell.data(GroupedTableModel::CopyRole).toString();
            if (value.isEmpty())
                continue;
            const QString header = m_model->headerData(c, Qt::Horizontal).toString();
            QAction *a = menu.addAction(tr("Copy %1").arg(header));
            if (c == index.column())
                a->setShortcut(QKeySequence::Copy);
            connect(a, &QAction::triggered, this,
                    [value] { QApplication::clipboard()->setText(value); });
        }
    }
    emit contextMenuRequested(&menu, source);
    if (menu.isEmpty())
        return;
    const QPoint at = event->reason() == QContextMenuEvent::Mouse
                              ? event->globalPos()
                              : viewport()->mapToGlobal(visualRect(currentIndex()).center());
    menu.exec(at);
}

} // namespace Trove
