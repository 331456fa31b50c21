#pragma once

#include <QIdentityProxyModel>

namespace Trove {

/// The visuals of the task table on top of core's TaskListModel (which has none): readable
/// status and type labels, a palette-coloured status dot, local short times, and dimmed text
/// for archived tasks. Colours follow the application palette (light and dark).
class TaskDecorationProxyModel final : public QIdentityProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskDecorationProxyModel)

public:
    explicit TaskDecorationProxyModel(QObject *parent = nullptr);
    ~TaskDecorationProxyModel() override;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
};

} // namespace Trove
