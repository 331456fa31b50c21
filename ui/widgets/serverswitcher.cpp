#include "serverswitcher.h"

namespace Trove {

namespace {
const QString kAddId = QStringLiteral("\n+add");
}

ServerSwitcher::ServerSwitcher(QWidget *parent)
    : QComboBox(parent)
{
    setAccessibleName(tr("Server"));
    setToolTip(tr("The ClearML server Trove shows"));
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    setMinimumContentsLength(16);
    connect(this, &QComboBox::activated, this, &ServerSwitcher::onActivated);
}

ServerSwitcher::~ServerSwitcher() = default;

void ServerSwitcher::setServers(const QList<Item> &servers, const QString &currentId)
{
    const QSignalBlocker block(this);
    clear();
    for (const Item &s : servers) {
        addItem(s.label, s.id);
        setItemData(count() - 1, s.toolTip, Qt::ToolTipRole);
    }
    insertSeparator(count());
    addItem(tr("Add server…"), kAddId);
    m_currentId.clear();
    setCurrentId(currentId);
}

int ServerSwitcher::rowOf(const QString &id) const
{
    return id.isEmpty() ? -1 : findData(id);
}

void ServerSwitcher::setCurrentId(const QString &id)
{
    const QSignalBlocker block(this);
    m_currentId = id;
    setCurrentIndex(rowOf(id));
}

QString ServerSwitcher::currentId() const
{
    return m_currentId;
}

void ServerSwitcher::onActivated(int index)
{
    const QString id = itemData(index).toString();
    if (id == kAddId) {
        setCurrentId(m_currentId);
        emit addRequested();
        return;
    }
    if (id.isEmpty() || id == m_currentId)
        return;
    m_currentId = id;
    emit serverChosen(id);
}

} // namespace Trove
