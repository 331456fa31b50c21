#include "deeplinkdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace Trove {

DeepLinkDialog::DeepLinkDialog(QWidget *parent)
    : QDialog(parent)
    , m_field(new QLineEdit)
    , m_hint(new QLabel)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel))
{
    setWindowTitle(tr("Open Link"));
    setAccessibleName(tr("Open link"));
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(tr("Paste a ClearML link to a &task or a model:"));
    label->setBuddy(m_field);
    m_field->setAccessibleName(tr("Link"));
    m_field->setPlaceholderText(QStringLiteral("https://app.clear.ml/projects/…/experiments/…"));
    m_field->setClearButtonEnabled(true);
    m_field->setMinimumWidth(520);
    m_hint->setAccessibleName(tr("What the link points to"));
    m_hint->setWordWrap(true);
    layout->addWidget(label);
    layout->addWidget(m_field);
    layout->addWidget(m_hint);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_field, &QLineEdit::textChanged, this, &DeepLinkDialog::validate);
    validate();
}

DeepLinkDialog::~DeepLinkDialog() = default;

WebLink DeepLinkDialog::parseLinkText(const QString &text)
{
    const QString t = text.trimmed();
    static const QRegularExpression bareId(QStringLiteral("^[0-9a-fA-F]{32}$"));
    if (bareId.match(t).hasMatch()) {
        WebLink link;
        link.kind = WebLink::Kind::Task;
        link.id = t.toLower();
        return link;
    }
    return WebLink::parse(QUrl::fromUserInput(t));
}

void DeepLinkDialog::setText(const QString &text)
{
    m_field->setText(text);
}

QString DeepLinkDialog::text() const
{
    return m_field->text().trimmed();
}

void DeepLinkDialog::validate()
{
    m_link = parseLinkText(m_field->text());
    switch (m_link.kind) {
    case WebLink::Kind::Task:
        m_hint->setText(tr("Task %1").arg(m_link.id));
        break;
    case WebLink::Kind::Model:
        m_hint->setText(tr("Model %1").arg(m_link.id));
        break;
    case WebLink::Kind::None:
        m_hint->setText(m_field->text().trimmed().isEmpty()
                                ? tr("Links to tasks (experiments) and models work, as does a "
                                     "task ID.")
                                : tr("Not a link to a ClearML task or model."));
        break;
    }
    m_buttons->button(QDialogButtonBox::Open)->setEnabled(m_link.isValid());
}

} // namespace Trove
