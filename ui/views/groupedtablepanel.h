#pragma once

#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QStackedLayout;

namespace Trove {

class GroupedTableModel;
class GroupedTableView;

/// The shared body of the Artifacts and Models tabs: a GroupedTableView over a
/// GroupedTableModel of a flat source list, and a centred text instead of the table while
/// there are no rows ("Loading…", "This task has no artifacts."). Subclasses define the
/// groups and columns and turn source rows into their own typed signals.
class GroupedTablePanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupedTablePanel)

public:
    ~GroupedTablePanel() override;

    GroupedTableView *view() const { return m_view; }
    GroupedTableModel *tableModel() const { return m_table; }
    /// The text shown while there are no rows; empty restores the default one.
    void setPlaceholder(const QString &text);
    QString placeholderText() const;

protected:
    GroupedTablePanel(const QString &emptyText, QWidget *parent);
    void setSource(QAbstractItemModel *source);

private:
    void updatePlaceholder();

    GroupedTableModel *m_table = nullptr;
    GroupedTableView *m_view = nullptr;
    QLabel *m_placeholder = nullptr;
    QStackedLayout *m_stack = nullptr;
    QString m_emptyText;
    QString m_placeholderText;
};

} // namespace Trove
