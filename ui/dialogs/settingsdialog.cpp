#include "settingsdialog.h"

#include "app/connectioncontroller.h"
#include "dialogs/addserverdialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Trove {

namespace {
constexpr qint64 kMiB = 1024 * 1024;
}

SettingsDialog::SettingsDialog(ConnectionController *connection, QWidget *parent)
    : QDialog(parent)
    , m_connection(connection)
    , m_tabs(new QTabWidget)
    , m_servers(new QListWidget)
    , m_cacheFolder(new QLineEdit)
    , m_cacheEntries(new QSpinBox)
    , m_cacheMegabytes(new QSpinBox)
    , m_parallel(new QSpinBox)
{
    setWindowTitle(tr("Settings"));
    setAccessibleName(tr("Settings"));
    auto *layout = new QVBoxLayout(this);
    m_tabs->setAccessibleName(tr("Settings pages"));

    // Servers
    auto *serversPage = new QWidget;
    auto *serversLayout = new QVBoxLayout(serversPage);
    auto *serversLabel = new QLabel(tr("&Servers Trove knows (secrets are never shown):"));
    serversLabel->setBuddy(m_servers);
    m_servers->setAccessibleName(tr("Servers"));
    auto *serverButtons = new QHBoxLayout;
    auto *add = new QPushButton(tr("&Add…"));
    add->setAccessibleName(tr("Add server"));
    m_remove = new QPushButton(tr("&Remove"));
    m_remove->setAccessibleName(tr("Remove server"));
    connect(add, &QPushButton::clicked, this, &SettingsDialog::addServer);
    connect(m_remove, &QPushButton::clicked, this, &SettingsDialog::removeServer);
    connect(m_servers, &QListWidget::currentRowChanged, this, [this] {
        const QListWidgetItem *item = m_servers->currentItem();
        m_remove->setEnabled(item && item->data(Qt::UserRole + 1).toBool());
    });
    serverButtons->addWidget(add);
    serverButtons->addWidget(m_remove);
    serverButtons->addStretch(1);
    serversLayout->addWidget(serversLabel);
    serversLayout->addWidget(m_servers, 1);
    serversLayout->addLayout(serverButtons);
    m_tabs->addTab(serversPage, tr("Ser&vers"));

    // Cache
    auto *cachePage = new QWidget;
    auto *cacheForm = new QFormLayout(cachePage);
    auto *folderRow = new QHBoxLayout;
    m_cacheFolder->setAccessibleName(tr("Cache folder"));
    m_cacheFolder->setPlaceholderText(tr("as clearml.conf says (~/.clearml/cache)"));
    m_cacheFolder->setClearButtonEnabled(true);
    auto *browse = new QPushButton(tr("&Browse…"));
    browse->setAccessibleName(tr("Choose the cache folder"));
    connect(browse, &QPushButton::clicked, this, [this] {
        auto *chooser = new QFileDialog(this, tr("Cache Folder"), m_cacheFolder->text());
        chooser->setAttribute(Qt::WA_DeleteOnClose);
        chooser->setFileMode(QFileDialog::Directory);
        chooser->setOption(QFileDialog::ShowDirsOnly);
        connect(chooser, &QFileDialog::fileSelected, m_cacheFolder, &QLineEdit::setText);
        chooser->open();
    });
    folderRow->addWidget(m_cacheFolder, 1);
    folderRow->addWidget(browse);
    auto *folderLabel = new QLabel(tr("Cache &folder:"));
    folderLabel->setBuddy(m_cacheFolder);
    cacheForm->addRow(folderLabel, folderRow);
    m_cacheEntries->setAccessibleName(tr("Cache entries to keep"));
    m_cacheEntries->setRange(0, 1000000);
    m_cacheEntries->setSpecialValueText(tr("as clearml.conf says (100)"));
    cacheForm->addRow(tr("&Entries to keep:"), m_cacheEntries);
    m_cacheMegabytes->setAccessibleName(tr("Cache size limit in MiB"));
    m_cacheMegabytes->setRange(0, 100 * 1024 * 1024);
    m_cacheMegabytes->setSuffix(tr(" MiB"));
    m_cacheMegabytes->setSpecialValueText(tr("No limit"));
    cacheForm->addRow(tr("Size &limit:"), m_cacheMegabytes);
    auto *note = new QLabel(tr("The cache is shared with the ClearML SDK. CLEARML_CACHE_DIR, "
                               "when set, wins over the folder. Changes apply to the next "
                               "connection."));
    note->setWordWrap(true);
    note->setEnabled(false);
    cacheForm->addRow(note);
    m_tabs->addTab(cachePage, tr("&Cache"));

    // Transfers
    auto *transfersPage = new QWidget;
    auto *transfersForm = new QFormLayout(transfersPage);
    m_parallel->setAccessibleName(tr("Parallel transfers"));
    m_parallel->setRange(1, 16);
    transfersForm->addRow(tr("&Parallel transfers:"), m_parallel);
    m_tabs->addTab(transfersPage, tr("&Transfers"));

    layout->addWidget(m_tabs, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    if (m_connection) {
        setSettings(m_connection->appSettings());
        connect(m_connection, &ConnectionController::serversChanged, this,
                &SettingsDialog::fillServers);
    }
    fillServers();
    resize(560, 400);
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::fillServers()
{
    m_servers->clear();
    if (!m_connection)
        return;
    for (const ServerEntry &e : m_connection->servers()) {
        auto *item = new QListWidgetItem(e.label, m_servers);
        item->setToolTip(e.detail);
        item->setData(Qt::UserRole, e.id);
        item->setData(Qt::UserRole + 1, e.kind == ServerEntry::Kind::Profile);
        if (e.kind == ServerEntry::Kind::Profile)
            item->setText(e.detail);
    }
    m_remove->setEnabled(false);
}

void SettingsDialog::addServer()
{
    if (!m_connection)
        return;
    auto *dialog = new AddServerDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setExistingProfiles(m_connection->profiles());
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (Status saved = m_connection->saveProfile(dialog->profile()); !saved) {
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Add Server"),
                                        saved.error().userMessage(), QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
    });
    dialog->open();
}

void SettingsDialog::removeServer()
{
    const QListWidgetItem *item = m_servers->currentItem();
    if (!m_connection || !item || !item->data(Qt::UserRole + 1).toBool())
        return;
    const QString id = item->data(Qt::UserRole).toString();
    m_connection->removeProfile(id.section(QLatin1Char(':'), 1));
}

AppSettings SettingsDialog::settings() const
{
    AppSettings s;
    s.cacheFolder = m_cacheFolder->text().trimmed();
    s.cacheMaxEntries = m_cacheEntries->value();
    s.cacheMaxBytes = qint64(m_cacheMegabytes->value()) * kMiB;
    s.parallelTransfers = m_parallel->value();
    return s;
}

void SettingsDialog::setSettings(const AppSettings &s)
{
    m_cacheFolder->setText(s.cacheFolder);
    m_cacheEntries->setValue(s.cacheMaxEntries);
    m_cacheMegabytes->setValue(int(std::min<qint64>(s.cacheMaxBytes / kMiB, 100 * 1024 * 1024)));
    m_parallel->setValue(s.parallelTransfers);
}

void SettingsDialog::accept()
{
    if (m_connection && settings() != m_connection->appSettings())
        m_connection->setAppSettings(settings());
    QDialog::accept();
}

} // namespace Trove
