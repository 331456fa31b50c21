#include "addserverdialog.h"

#include "widgets/palettehelpers.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Trove {

namespace {

QUrl hostUrl(const QString &text)
{
    const QString t = text.trimmed();
    return t.isEmpty() ? QUrl() : QUrl::fromUserInput(t);
}

} // namespace

AddServerDialog::AddServerDialog(QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit)
    , m_tabs(new QTabWidget)
    , m_snippet(new QPlainTextEdit)
    , m_api(new QLineEdit)
    , m_web(new QLineEdit)
    , m_files(new QLineEdit)
    , m_accessKey(new QLineEdit)
    , m_secretKey(new QLineEdit)
    , m_verify(new QCheckBox(tr("&Verify the TLS certificate")))
    , m_error(new QLabel)
{
    setWindowTitle(tr("Add Server"));
    setAccessibleName(tr("Add server"));
    auto *layout = new QVBoxLayout(this);
    auto *nameForm = new QFormLayout;
    m_name->setAccessibleName(tr("Server name"));
    m_name->setPlaceholderText(tr("e.g. work (defaults to the API host)"));
    nameForm->addRow(tr("&Name:"), m_name);
    layout->addLayout(nameForm);

    auto *pastePage = new QWidget;
    auto *pasteLayout = new QVBoxLayout(pastePage);
    auto *pasteLabel = new QLabel(tr("Paste the configuration the ClearML web UI shows under "
                                     "Settings → Workspace → Create new credentials, or a "
                                     "whole clearml.conf:"));
    pasteLabel->setWordWrap(true);
    pasteLabel->setBuddy(m_snippet);
    m_snippet->setAccessibleName(tr("Pasted configuration"));
    m_snippet->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_snippet->setPlaceholderText(QStringLiteral("api {\n  web_server: https://app.clear.ml\n"
                                                 "  api_server: https://api.clear.ml\n"
                                                 "  files_server: https://files.clear.ml\n"
                                                 "  credentials {\n    \"access_key\" = \"…\"\n"
                                                 "    \"secret_key\" = \"…\"\n  }\n}"));
    m_snippet->setTabChangesFocus(true);
    pasteLayout->addWidget(pasteLabel);
    pasteLayout->addWidget(m_snippet, 1);
    m_tabs->addTab(pastePage, tr("&Paste configuration"));

    auto *keysPage = new QWidget;
    auto *keysForm = new QFormLayout(keysPage);
    m_api->setAccessibleName(tr("API server"));
    m_api->setPlaceholderText(QStringLiteral("https://api.clear.ml"));
    m_web->setAccessibleName(tr("Web server"));
    m_web->setPlaceholderText(tr("derived from the API server when empty"));
    m_files->setAccessibleName(tr("Files server"));
    m_files->setPlaceholderText(tr("derived from the web server when empty"));
    m_accessKey->setAccessibleName(tr("Access key"));
    m_secretKey->setAccessibleName(tr("Secret key"));
    m_secretKey->setEchoMode(QLineEdit::Password);
    m_verify->setChecked(true);
    keysForm->addRow(tr("&API server:"), m_api);
    keysForm->addRow(tr("&Web server:"), m_web);
    keysForm->addRow(tr("&Files server:"), m_files);
    keysForm->addRow(tr("Access &key:"), m_accessKey);
    keysForm->addRow(tr("&Secret key:"), m_secretKey);
    keysForm->addRow(QString(), m_verify);
    m_tabs->addTab(keysPage, tr("&Enter keys"));
    m_tabs->setAccessibleName(tr("How to add the server"));
    layout->addWidget(m_tabs, 1);

    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Problem"));
    QPalette p = m_error->palette();
    p.setColor(QPalette::WindowText,
               PaletteHelpers::toneColor(PaletteHelpers::Tone::Error, palette()));
    m_error->setPalette(p);
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &AddServerDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, 440);
}

AddServerDialog::~AddServerDialog() = default;

void AddServerDialog::setExistingProfiles(const ServerProfiles &profiles)
{
    m_existing.clear();
    for (const ServerProfile &p : profiles.profiles())
        m_existing << p.name;
}

Result<ServerProfile> AddServerDialog::buildProfile() const
{
    const QString name = m_name->text().trimmed();
    if (m_tabs->currentIndex() == 0) {
        if (m_snippet->toPlainText().trimmed().isEmpty())
            return Error::make(Error::Kind::Parse, tr("paste a configuration first"));
        return ServerProfile::fromSnippet(name, m_snippet->toPlainText());
    }
    ServerProfile p;
    p.apiServer = hostUrl(m_api->text());
    p.webServer = hostUrl(m_web->text());
    p.filesServer = hostUrl(m_files->text());
    p.accessKey = m_accessKey->text().trimmed();
    p.secretKey = m_secretKey->text().trimmed();
    p.verifyCertificate = m_verify->isChecked();
    p.name = name.isEmpty() ? p.apiServer.host() : name;
    if (!p.apiServer.isValid() || p.apiServer.host().isEmpty())
        return Error::make(Error::Kind::Parse, tr("enter the API server, e.g. "
                                                  "https://api.clear.ml"));
    if (p.accessKey.isEmpty() || p.secretKey.isEmpty())
        return Error::make(Error::Kind::Parse, tr("enter both the access key and the secret "
                                                  "key"));
    return p;
}

void AddServerDialog::accept()
{
    auto profile = buildProfile();
    if (!profile) {
        m_error->setText(profile.error().userMessage());
        m_error->show();
        return;
    }
    if (m_existing.contains(profile->name)) {
        m_error->setText(tr("A server named \"%1\" exists already: choose another name.")
                                 .arg(profile->name));
        m_error->show();
        return;
    }
    m_profile = profile.value();
    QDialog::accept();
}

} // namespace Trove
