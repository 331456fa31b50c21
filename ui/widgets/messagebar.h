#pragma once

#include <QFrame>

class QLabel;
class QHBoxLayout;
class QPushButton;
class QToolButton;

namespace Trove {

/// A non-modal, dismissable message bar shown above a view, in the spirit of KMessageWidget and
/// Dolphin's DolphinViewContainer::showMessage(). Errors reach the user here with a Retry action
/// instead of a modal dialog (STYLE.md §6).
///
/// The bar hides itself when dismissed; showMessage() replaces the current message and its
/// buttons. Buttons added with addButton() emit buttonClicked(id); the built-in Retry button
/// (Action::Retry) emits retryRequested().
class MessageBar final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageBar)

public:
    enum class Type { Information, Positive, Warning, Error };
    enum class Action { None = 0, Retry = 1 };

    explicit MessageBar(QWidget *parent = nullptr);
    ~MessageBar() override;

    /// Shows `text` with the style of `type`, replacing any previous message and buttons.
    void
    showMessage(const QString &text, Type type = Type::Information, Action action = Action::None);
    /// Adds a button to the current message. `id` is reported by buttonClicked().
    QPushButton *addButton(const QString &text, const QString &id);
    /// Whether the close (×) button is shown. Default: true.
    void setCloseButtonVisible(bool visible);

    QString text() const;
    Type type() const { return m_type; }
    QPushButton *retryButton() const { return m_retryButton; }
    QToolButton *closeButton() const { return m_closeButton; }

public slots:
    /// Hides the bar and emits dismissed().
    void dismiss();

signals:
    void retryRequested();
    void buttonClicked(const QString &id);
    void dismissed();

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void clearButtons();
    void updateIcon();

    Type m_type = Type::Information;
    QLabel *m_icon = nullptr;
    QLabel *m_label = nullptr;
    QHBoxLayout *m_buttons = nullptr;
    QPushButton *m_retryButton = nullptr;
    QToolButton *m_closeButton = nullptr;
};

} // namespace Trove
