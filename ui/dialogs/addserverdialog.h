#pragma once

#include "config/serverprofiles.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTabWidget;

namespace Trove {

/// "Add server…": a pasted clearml.conf snippet (the `api { … }` block the ClearML web UI
/// shows under "Create new credentials", or a whole clearml.conf), or hosts and keys typed
/// in. The secret is entered in a password field and never shown again in full.
class AddServerDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddServerDialog)

public:
    explicit AddServerDialog(QWidget *parent = nullptr);
    ~AddServerDialog() override;

    /// The profiles Trove has: their names are taken (a profile with the same name would be
    /// replaced).
    void setExistingProfiles(const ServerProfiles &profiles);
    /// The profile built from the input; valid after accept().
    ServerProfile profile() const { return m_profile; }
    /// Builds the profile from the current input, or says what is wrong.
    Result<ServerProfile> buildProfile() const;

    QLineEdit *nameField() const { return m_name; }
    QPlainTextEdit *snippetField() const { return m_snippet; }
    QTabWidget *tabs() const { return m_tabs; }
    QLineEdit *apiField() const { return m_api; }
    QLineEdit *accessKeyField() const { return m_accessKey; }
    QLineEdit *secretKeyField() const { return m_secretKey; }

    void accept() override;

private:
    QLineEdit *m_name = nullptr;
    QTabWidget *m_tabs = nullptr;
    QPlainTextEdit *m_snippet = nullptr;
    QLineEdit *m_api = nullptr;
    QLineEdit *m_web = nullptr;
    QLineEdit *m_files = nullptr;
    QLineEdit *m_accessKey = nullptr;
    QLineEdit *m_secretKey = nullptr;
    QCheckBox *m_verify = nullptr;
    QLabel *m_error = nullptr;
    QStringList m_existing;
    ServerProfile m_profile;
};

} // namespace Trove
