#include "jsontreeview.h"

#include "jsontreemodel.h"
#include "widgets/palettehelpers.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Trove {

namespace {
/// Colours scalar values by type, palette-aware.
class JsonValueDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.column() != JsonTreeModel::ValueColumn
            || (option->state & QStyle::State_Selected))
            return;
        const bool dark = PaletteHelpers::isDark(option->palette);
        QColor c;
        switch (JsonTreeNode::Type(index.data(JsonTreeModel::NodeTypeRole).toInt())) {
        case JsonTreeNode::Type::String:
            c = dark ? QColor(0x98, 0xc3, 0x79) : QColor(0x1d, 0x7a, 0x2e);
            break;
        case JsonTreeNode::Type::Number:
            c = dark ? QColor(0xd1, 0x9a, 0x66) : QColor(0xa3, 0x51, 0x0a);
            break;
        case JsonTreeNode::Type::Bool:
        case JsonTreeNode::Type::Null:
            c = dark ? QColor(0xc6, 0x78, 0xdd) : QColor(0x8a, 0x2b, 0xe2);
            break;
        case JsonTreeNode::Type::Object:
        case JsonTreeNode::Type::Array:
            c = PaletteHelpers::mix(option->palette.color(QPalette::Text),
                                    option->palette.color(QPalette::Base), 0.45);
            break;
        }
        option->palette.setColor(QPalette::Text, c);
    }
};

QToolButton *toolButton(const QString &text, const QString &tip, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    b->setAccessibleName(tip);
    b->setAutoRaise(true);
    return b;
}

int countNodes(const JsonTreeNode &n)
{
    int count = 1;
    for (const auto &c : n.children)
        count += countNodes(c);
    return count;
}
} // namespace

JsonTreeView::JsonTreeView(QWidget *parent)
    : QWidget(parent)
    , m_model(new JsonTreeModel(this))
    , m_tree(new QTreeView(this))
    , m_summary(new QLabel(this))
{
    setAccessibleName(tr("JSON tree"));
    m_tree->setModel(m_model);
    m_tree->setAccessibleName(tr("JSON document tree"));
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setItemDelegate(new JsonValueDelegate(m_tree));
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setFrameShape(QFrame::NoFrame);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::KeyColumn, QHeaderView::Interactive);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::TypeColumn,
                                           QHeaderView::ResizeToContents);
    m_tree->header()->resizeSection(JsonTreeModel::KeyColumn, 220);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 4);
    bar->setSpacing(2);
    auto *expand = toolButton(tr("Expand all"), tr("Expand all (Ctrl+E)"), this);
    auto *collapse = toolButton(tr("Collapse all"), tr("Collapse all (Ctrl+Shift+E)"), this);
    auto *copy = toolButton(tr("Copy value"), tr("Copy value (Ctrl+C)"), this);
    connect(expand, &QToolButton::clicked, this, &JsonTreeView::expandAll);
    connect(collapse, &QToolButton::clicked, this, &JsonTreeView::collapseAll);
    connect(copy, &QToolButton::clicked, this, &JsonTreeView::copyValue);
    bar->addWidget(expand);
    bar->addWidget(collapse);
    bar->addWidget(copy);
    bar->addStretch(1);
    m_summary->setAccessibleName(tr("Document summary"));
    bar->addWidget(m_summary);

    auto addShortcut = [this](const QKeySequence &key, void (JsonTreeView::*slot)()) {
        auto *a = new QAction(this);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
    };
    addShortcut(QKeySequence::Copy, &JsonTreeView::copyValue);
    addShortcut(QKeySequence(Qt::CTRL | Qt::Key_E), &JsonTreeView::expandAll);
    addShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), &JsonTreeView::collapseAll);

    connect(m_tree, &QTreeView::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (!m_tree->indexAt(pos).isValid())
            return;
        QMenu menu(this);
        menu.addAction(tr("Copy value"), this, &JsonTreeView::copyValue);
        menu.addAction(tr("Copy path"), this, &JsonTreeView::copyPath);
        menu.addSeparator();
        menu.addAction(tr("Expand all"), this, &JsonTreeView::expandAll);
        menu.addAction(tr("Collapse all"), this, &JsonTreeView::collapseAll);
        menu.exec(m_tree->viewport()->mapToGlobal(pos));
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_tree, 1);
}

JsonTreeView::~JsonTreeView() = default;

void JsonTreeView::setRoot(JsonTreeNode root)
{
    const int nodes = countNodes(root) - 1;
    const bool truncated = root.truncated;
    m_model->setRoot(std::move(root));
    const QString count = PaletteHelpers::countText(nodes, tr("node"), tr("nodes"));
    m_summary->setText(truncated ? tr("%1, truncated").arg(count) : count);
    // Small documents open expanded two levels deep.
    m_tree->expandToDepth(nodes < 2000 ? 1 : 0);
    if (m_model->rowCount() > 0)
        m_tree->setCurrentIndex(m_model->index(0, 0));
}

void JsonTreeView::expandAll()
{
    m_tree->expandAll();
}

void JsonTreeView::collapseAll()
{
    m_tree->collapseAll();
}

void JsonTreeView::copyValue()
{
    const QModelIndex i = m_tree->currentIndex();
    if (!i.isValid())
        return;
    const JsonTreeNode *n = m_model->node(i);
    const bool container
            = n->type == JsonTreeNode::Type::Object || n->type == JsonTreeNode::Type::Array;
    QApplication::clipboard()->setText(container ? m_model->path(i) : n->valueText);
}

void JsonTreeView::copyPath()
{
    const QModelIndex i = m_tree->currentIndex();
    if (i.isValid())
        QApplication::clipboard()->setText(m_model->path(i));
}

} // namespace Trove
