#include "pickletreeview.h"

#include "widgets/messagebar.h"
#include "widgets/palettehelpers.h"

#include <QHeaderView>
#include <QStandardItemModel>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

#include <functional>

namespace Trove {

PickleTreeView::PickleTreeView(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeView)
    , m_model(new QStandardItemModel(this))
    , m_banner(new MessageBar)
{
    setAccessibleName(tr("Pickle structure"));
    m_model->setHorizontalHeaderLabels({tr("Name"), tr("Type"), tr("Value")});
    m_tree->setModel(m_model);
    m_tree->setAccessibleName(tr("Pickle tree"));
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setFrameShape(QFrame::NoFrame);
    m_tree->header()->resizeSection(NameColumn, 240);
    m_tree->header()->resizeSection(TypeColumn, 180);
    m_banner->setCloseButtonVisible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_banner);
    layout->addWidget(m_tree, 1);
}

PickleTreeView::~PickleTreeView() = default;

void PickleTreeView::setRoot(const PickleNodeView &root)
{
    m_model->removeRows(0, m_model->rowCount());
    m_dangerous.clear();
    const QIcon danger = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warn = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    const QColor dangerColor = PaletteHelpers::toneColor(PaletteHelpers::Tone::Error, palette());
    const QColor warnColor = PaletteHelpers::toneColor(PaletteHelpers::Tone::Warning, palette());
    QList<QModelIndex> toExpand;
    int unknown = 0;

    std::function<void(const PickleNodeView &, QStandardItem *)> add
            = [&](const PickleNodeView &node, QStandardItem *parent) {
                  QList<QStandardItem *> row{new QStandardItem(node.label),
                                             new QStandardItem(node.type),
                                             new QStandardItem(node.value)};
                  for (auto *item : row)
                      item->setEditable(false);
                  QStringList notes;
                  if (node.warnings & PickleNodeView::DangerousImport) {
                      row[0]->setIcon(danger);
                      for (auto *item : row)
                          item->setForeground(dangerColor);
                      QFont bold = font();
                      bold.setWeight(QFont::DemiBold);
                      row[0]->setFont(bold);
                      if (!node.importName.isEmpty() && !m_dangerous.contains(node.importName))
                          m_dangerous << node.importName;
                      notes << tr("Dangerous import: loading this pickle in Python would call %1.")
                                       .arg(node.importName);
                  } else if (node.warnings
                             & (PickleNodeView::UnknownGlobal | PickleNodeView::Reduce)) {
                      row[0]->setIcon(warn);
                      for (auto *item : row)
                          item->setForeground(warnColor);
                      ++unknown;
                      notes << tr("Imports or calls code outside the known-safe list.");
                  }
                  if (node.warnings & PickleNodeView::Truncated) {
                      row[2]->setText(row[2]->text() + tr(" … truncated"));
                      notes << tr("The inspector stopped early inside this node.");
                  }
                  if (!notes.isEmpty())
                      for (auto *item : row)
                          item->setToolTip(notes.join(QLatin1Char('\n')));
                  parent->appendRow(row);
                  for (const auto &child : node.children)
                      add(child, row[0]);
                  if (node.warnings
                      & (PickleNodeView::DangerousImport | PickleNodeView::UnknownGlobal))
                      for (QStandardItem *p = parent; p && p != m_model->invisibleRootItem();
                           p = p->parent())
                          toExpand << p->index();
              };
    add(root, m_model->invisibleRootItem());
    m_tree->expandToDepth(0);
    for (const QModelIndex &i : std::as_const(toExpand))
        m_tree->expand(i);

    if (!m_dangerous.isEmpty()) {
        m_banner->showMessage(
                tr("This pickle imports <b>%1</b> — it was inspected, never executed. "
                   "Do not load it with pickle.load() unless you trust its source.")
                        .arg(m_dangerous.join(QStringLiteral(", ")).toHtmlEscaped()),
                MessageBar::Type::Error);
    } else if (unknown > 0) {
        m_banner->showMessage(
                tr("This pickle references %1 outside the known-safe list. It was "
                   "inspected, never executed.")
                        .arg(PaletteHelpers::countText(unknown, tr("class"), tr("classes"))),
                MessageBar::Type::Warning);
    } else {
        m_banner->showMessage(tr("Inspected without executing: no imports outside the "
                                 "known-safe list."),
                              MessageBar::Type::Positive);
    }
}

} // namespace Trove
