#pragma once

#include <QWidget>

class QLabel;

namespace Trove {

class MessageBar;

/// What the preview pane shows around one viewer: a header line (file name, kind, size, where
/// the bytes come from, and a live status such as "1.2 MiB read"), a message bar for the
/// decoder's notes and warnings, and the viewer itself.
class PreviewFrame final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreviewFrame)

public:
    /// Takes ownership of `content`.
    explicit PreviewFrame(QWidget *content, QWidget *parent = nullptr);
    ~PreviewFrame() override;

    void setTitle(const QString &title, const QString &details);
    void setStatus(const QString &status);
    /// Shows `notes` (one per line) as a warning; hides the bar when empty.
    void setNotes(const QStringList &notes);

    QWidget *content() const { return m_content; }
    MessageBar *messageBar() const { return m_bar; }
    QLabel *titleLabel() const { return m_title; }
    QLabel *detailsLabel() const { return m_details; }
    QLabel *statusLabel() const { return m_status; }

private:
    QWidget *m_content = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_details = nullptr;
    QLabel *m_status = nullptr;
    MessageBar *m_bar = nullptr;
};

} // namespace Trove
