#pragma once

#include "app/appsettings.h"

#include <QDialog>

class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace Trove {

class ConnectionController;

/// Settings: the servers Trove knows (add from a pasted clearml.conf or keys, remove), the
/// cache shared with the SDK (folder, entry count, optional byte cap) and how many
/// transfers run at once. Server changes apply at once; the rest on OK.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    explicit SettingsDialog(ConnectionController *connection, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    AppSettings settings() const;
    void setSettings(const AppSettings &settings);

    QTabWidget *tabs() const { return m_tabs; }
    QListWidget *serverList() const { return m_servers; }
    QLineEdit *cacheFolderField() const { return m_cacheFolder; }
    QSpinBox *cacheEntriesBox() const { return m_cacheEntries; }
    QSpinBox *cacheMegabytesBox() const { return m_cacheMegabytes; }
    QSpinBox *parallelBox() const { return m_parallel; }

    void accept() override;

public slots:
    void addServer();
    void removeServer();

private:
    void fillServers();

    ConnectionController *m_connection = nullptr;
    QTabWidget *m_tabs = nullptr;
    QListWidget *m_servers = nullptr;
    QPushButton *m_remove = nullptr;
    QLineEdit *m_cacheFolder = nullptr;
    QSpinBox *m_cacheEntries = nullptr;
    QSpinBox *m_cacheMegabytes = nullptr;
    QSpinBox *m_parallel = nullptr;
};

} // namespace Trove
