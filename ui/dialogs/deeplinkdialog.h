#pragma once

#include "api/weblinks.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Trove {

/// "Open link" (Ctrl+L): paste a ClearML web UI link to a task or a model (or a bare task
/// ID); the dialog says what it found as you type and only accepts a usable link.
class DeepLinkDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeepLinkDialog)

public:
    explicit DeepLinkDialog(QWidget *parent = nullptr);
    ~DeepLinkDialog() override;

    void setText(const QString &text);
    QString text() const;
    WebLink link() const { return m_link; }
    QLineEdit *field() const { return m_field; }

    /// A web link, or a bare 32-hex task ID, as a WebLink (invalid when neither).
    static WebLink parseLinkText(const QString &text);

private:
    void validate();

    QLineEdit *m_field = nullptr;
    QLabel *m_hint = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    WebLink m_link;
};

} // namespace Trove
