#include "taskinfowidget.h"

#include "widgets/statusstyle.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QRegularExpression>
#include <QToolButton>
#include <QVBoxLayout>

namespace Trove {

TaskInfoWidget::TaskInfoWidget(QWidget *parent)
    : QScrollArea(parent)
    , m_page(new QWidget)
    , m_message(new QLabel)
{
    setAccessibleName(tr("Task information"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    auto *outer = new QVBoxLayout(m_page);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setEnabled(false);
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Task information status"));
    outer->addWidget(m_message, 1); // fills the page (centred) while no task is shown
    m_grid = new QGridLayout;
    m_grid->setColumnStretch(1, 1);
    m_grid->setHorizontalSpacing(12);
    outer->addLayout(m_grid);
    m_bottom = new QWidget; // takes the rest below the fields
    outer->addWidget(m_bottom, 1);

    QLabel *name = addField(QStringLiteral("name"), tr("Name"));
    QFont big = name->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    name->setFont(big);

    // The ID with its Copy button.
    auto *idRow = new QWidget;
    auto *idLayout = new QHBoxLayout(idRow);
    idLayout->setContentsMargins(0, 0, 0, 0);
    auto *id = new QLabel;
    id->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    id->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    id->setFocusPolicy(Qt::StrongFocus);
    id->setAccessibleName(tr("ID"));
    m_copyId = new QToolButton;
    m_copyId->setText(tr("Copy"));
    m_copyId->setToolTip(tr("Copy the task ID"));
    m_copyId->setAccessibleName(tr("Copy task ID"));
    m_copyId->setAutoRaise(true);
    connect(m_copyId, &QToolButton::clicked, this, &TaskInfoWidget::copyId);
    idLayout->addWidget(id);
    idLayout->addWidget(m_copyId);
    idLayout->addStretch(1);
    addRow(QStringLiteral("id"), tr("ID"), idRow);
    m_fields.insert(QStringLiteral("id"), id);

    addField(QStringLiteral("project"), tr("Project"));
    addField(QStringLiteral("status"), tr("Status"))->setTextFormat(Qt::RichText);
    addField(QStringLiteral("type"), tr("Type"));
    addField(QStringLiteral("user"), tr("User"));
    addField(QStringLiteral("created"), tr("Created"));
    addField(QStringLiteral("started"), tr("Started"));
    addField(QStringLiteral("completed"), tr("Completed"));
    addField(QStringLiteral("updated"), tr("Last update"));
    addField(QStringLiteral("tags"), tr("Tags"));
    addField(QStringLiteral("parent"), tr("Parent task"));
    addField(QStringLiteral("output"), tr("Output destination"));
    addField(QStringLiteral("comment"), tr("Comment"));
    setWidget(m_page);
    clear(tr("Select a task to see its details."));
}

TaskInfoWidget::~TaskInfoWidget() = default;

QLabel *TaskInfoWidget::addField(const QString &key, const QString &label)
{
    auto *value = new QLabel;
    value->setWordWrap(true);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    value->setFocusPolicy(Qt::StrongFocus);
    value->setAccessibleName(label);
    value->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    addRow(key, label, value);
    m_fields.insert(key, value);
    return value;
}

void TaskInfoWidget::addRow(const QString &key, const QString &label, QWidget *field)
{
    auto *title = new QLabel(label + QLatin1Char(':'));
    title->setAlignment(Qt::AlignRight | Qt::AlignTop);
    title->setBuddy(field);
    const int row = m_grid->rowCount();
    m_grid->addWidget(title, row, 0, Qt::AlignRight | Qt::AlignTop);
    m_grid->addWidget(field, row, 1);
    m_rows.insert(key, {title, field});
}

void TaskInfoWidget::setRowVisible(const QString &key, bool visible)
{
    const auto row = m_rows.value(key);
    if (row.first) {
        row.first->setVisible(visible);
        row.second->setVisible(visible);
    }
}

void TaskInfoWidget::clear(const QString &message)
{
    m_task = Task();
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    m_bottom->setVisible(message.isEmpty());
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it)
        setRowVisible(it.key(), false);
    for (QLabel *l : std::as_const(m_fields))
        l->clear();
}

void TaskInfoWidget::setTask(const Task &task)
{
    const bool sameTask = task.id == m_task.id;
    const QString projectName = sameTask ? fieldText(QStringLiteral("project")) : QString();
    const QString userName = sameTask ? fieldText(QStringLiteral("user")) : QString();
    m_task = task;
    m_message->hide();
    m_bottom->show();
    auto set = [this](const char *key, const QString &text) {
        QLabel *l = m_fields.value(QLatin1String(key));
        l->setText(text);
        setRowVisible(QLatin1String(key), !text.isEmpty());
    };
    set("name", task.name);
    set("id", task.id);
    set("project", projectName.isEmpty()
                           ? task.project.name.isEmpty() ? task.project.id : task.project.name
                           : projectName);
    set("type", StatusStyle::typeLabel(task.typeText));
    set("user",
        userName.isEmpty() ? task.user.name.isEmpty() ? task.user.id : task.user.name : userName);
    set("created", StatusStyle::formatTime(task.created));
    set("started", StatusStyle::formatTime(task.started));
    set("completed", StatusStyle::formatTime(task.completed));
    set("updated", StatusStyle::formatTime(task.lastUpdate));
    set("tags", task.tags.join(QStringLiteral(", ")));
    set("parent", task.parent.name.isEmpty() ? task.parent.id : task.parent.name);
    set("output", task.outputDestination);
    set("comment", task.comment);
    updateStatus();
}

void TaskInfoWidget::updateStatus()
{
    QLabel *l = m_fields.value(QStringLiteral("status"));
    if (m_task.id.isEmpty())
        return;
    const QColor color = StatusStyle::statusColor(m_task.status, palette());
    QString html = QStringLiteral("<span style=\"color:%1\">&#9679;</span> %2")
                           .arg(color.name(),
                                StatusStyle::statusLabel(m_task.statusText).toHtmlEscaped());
    QString detail = m_task.statusMessage;
    if (detail.isEmpty() && m_task.statusReason != m_task.statusText)
        detail = m_task.statusReason;
    if (!detail.isEmpty())
        html += QStringLiteral(" — ") + detail.toHtmlEscaped();
    l->setText(html);
    setRowVisible(QStringLiteral("status"), true);
}

void TaskInfoWidget::setProjectName(const QString &name)
{
    if (!name.isEmpty() && !m_task.id.isEmpty())
        m_fields.value(QStringLiteral("project"))->setText(name);
}

void TaskInfoWidget::setUserName(const QString &name)
{
    if (!name.isEmpty() && !m_task.id.isEmpty()) {
        QLabel *l = m_fields.value(QStringLiteral("user"));
        l->setText(name);
        setRowVisible(QStringLiteral("user"), true);
    }
}

QString TaskInfoWidget::fieldText(const QString &field) const
{
    const QLabel *l = m_fields.value(field);
    if (!l)
        return QString();
    if (l->textFormat() == Qt::RichText) {
        QString plain = l->text();
        plain.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
        return plain.replace(QStringLiteral("&#9679;"), QString()).trimmed();
    }
    return l->text();
}

void TaskInfoWidget::copyId()
{
    if (!m_task.id.isEmpty())
        QApplication::clipboard()->setText(m_task.id);
}

void TaskInfoWidget::changeEvent(QEvent *event)
{
    QScrollArea::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateStatus();
}

} // namespace Trove
