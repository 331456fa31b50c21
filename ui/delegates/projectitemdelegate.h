#pragma once

#include <QStyledItemDelegate>

namespace Trove {

/// Paints a project tree row: the project's name, and its task count right-aligned in the
/// secondary text colour (ProjectTreeModel::TaskCountRole), eliding the name first.
class ProjectItemDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectItemDelegate)

public:
    explicit ProjectItemDelegate(QObject *parent = nullptr);
    ~ProjectItemDelegate() override;

    void paint(QPainter *painter,
               const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static QString countText(const QModelIndex &index);
};

} // namespace Trove
