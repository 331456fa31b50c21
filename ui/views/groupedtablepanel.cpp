#include "groupedtablepanel.h"

#include "models/groupedtablemodel.h"
#include "views/groupedtableview.h"

#include <QLabel>
#include <QStackedLayout>

namespace Trove {

GroupedTablePanel::GroupedTablePanel(const QString &emptyText, QWidget *parent)
    : QWidget(parent)
    , m_table(new GroupedTableModel(this))
    , m_view(new GroupedTableView)
    , m_placeholder(new QLabel)
    , m_stack(new QStackedLayout(this))
    , m_emptyText(emptyText)
{
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setEnabled(false);
    m_placeholder->setWordWrap(true);
    m_view->setGroupedModel(m_table);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_placeholder);
    connect(m_table, &QAbstractItemModel::modelReset, this, &GroupedTablePanel::updatePlaceholder);
    connect(m_table, &QAbstractItemModel::rowsInserted, this,
            &GroupedTablePanel::updatePlaceholder);
    connect(m_table, &QAbstractItemModel::rowsRemoved, this, &GroupedTablePanel::updatePlaceholder);
    updatePlaceholder();
}

GroupedTablePanel::~GroupedTablePanel() = default;

void GroupedTablePanel::setSource(QAbstractItemModel *source)
{
    m_table->setSourceModel(source);
    updatePlaceholder();
}

void GroupedTablePanel::setPlaceholder(const QString &text)
{
    m_placeholderText = text;
    updatePlaceholder();
}

QString GroupedTablePanel::placeholderText() const
{
    return m_placeholder->text();
}

void GroupedTablePanel::updatePlaceholder()
{
    m_placeholder->setText(m_placeholderText.isEmpty() ? m_emptyText : m_placeholderText);
    m_stack->setCurrentWidget(m_table->rowCount() == 0 ? static_cast<QWidget *>(m_placeholder)
                                                       : m_view);
}

} // namespace Trove
