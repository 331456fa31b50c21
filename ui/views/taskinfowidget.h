#pragma once

#include "api/wiretypes.h"

#include <QHash>
#include <QScrollArea>

class QGridLayout;
class QLabel;
class QToolButton;

namespace Trove {

/// The Info tab of a task: name, the ID (selectable, with a Copy button), project, status
/// (coloured, with its message), type, user, created/started/completed/last update times,
/// tags, parent task, output destination and the comment. Every value is selectable with the
/// mouse and the keyboard.
class TaskInfoWidget final : public QScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskInfoWidget)

public:
    explicit TaskInfoWidget(QWidget *parent = nullptr);
    ~TaskInfoWidget() override;

    void setTask(const Task &task);
    /// Names resolved later (the task itself only holds ids).
    void setProjectName(const QString &name);
    void setUserName(const QString &name);
    void clear(const QString &message = QString());

    /// The shown text of a field ("id", "name", "project", "status", …), for tests.
    QString fieldText(const QString &field) const;
    QToolButton *copyIdButton() const { return m_copyId; }

public slots:
    void copyId();

protected:
    void changeEvent(QEvent *event) override;

private:
    QLabel *addField(const QString &key, const QString &label);
    void addRow(const QString &key, const QString &label, QWidget *field);
    void setRowVisible(const QString &key, bool visible);
    void updateStatus();

    QWidget *m_page = nullptr;
    QGridLayout *m_grid = nullptr; // QFormLayout::setRowVisible() corrupts memory in Qt 6.4
    QLabel *m_message = nullptr;
    QWidget *m_bottom = nullptr;
    QToolButton *m_copyId = nullptr;
    QHash<QString, QLabel *> m_fields;
    QHash<QString, QPair<QWidget *, QWidget *>> m_rows; ///< key → (label, field)
    Task m_task;
};

} // namespace Trove
