#include "taskdecorationproxymodel.h"

#include "models/tasklistmodel.h"
#include "widgets/palettehelpers.h"
#include "widgets/statusstyle.h"

#include <QGuiApplication>

namespace Trove {

TaskDecorationProxyModel::TaskDecorationProxyModel(QObject *parent)
    : QIdentityProxyModel(parent)
{}

TaskDecorationProxyModel::~TaskDecorationProxyModel() = default;

QVariant TaskDecorationProxyModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return QVariant();
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case TaskListModel::StatusColumn:
            return StatusStyle::statusLabel(
                    QIdentityProxyModel::data(index, TaskListModel::StatusTextRole).toString());
        case TaskListModel::TypeColumn:
            return StatusStyle::typeLabel(
                    QIdentityProxyModel::data(index, TaskListModel::TypeTextRole).toString());
        case TaskListModel::LastUpdateColumn:
            return StatusStyle::formatTime(
                    QIdentityProxyModel::data(index, TaskListModel::LastUpdateRole).toDateTime());
        case TaskListModel::CreatedColumn:
            return StatusStyle::formatTime(
                    QIdentityProxyModel::data(index, TaskListModel::CreatedRole).toDateTime());
        default:
            break;
        }
        break;
    case Qt::DecorationRole:
        if (column == TaskListModel::StatusColumn) {
            const auto status = TaskStatus(
                    QIdentityProxyModel::data(index, TaskListModel::StatusRole).toInt());
            return StatusStyle::dotIcon(
                    StatusStyle::statusColor(status, QGuiApplication::palette()));
        }
        break;
    case Qt::ForegroundRole:
        if (QIdentityProxyModel::data(index, TaskListModel::ArchivedRole).toBool())
            return PaletteHelpers::secondaryText(QGuiApplication::palette());
        break;
    case Qt::AccessibleTextRole:
        return data(index, Qt::DisplayRole);
    default:
        break;
    }
    return QIdentityProxyModel::data(index, role);
}

} // namespace Trove
