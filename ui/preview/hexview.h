#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QSplitter;

namespace Trove {

class HexDumpWidget;

/// Fallback preview for binary data: a hexdump of the first bytes plus a panel with the
/// preview text ClearML stored with the artifact (`type_data.preview`), when there is one.
class HexView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HexView)

public:
    explicit HexView(QWidget *parent = nullptr);
    ~HexView() override;

    /// `totalBytes` is the size of the whole source (-1 if unknown); `data` its first bytes.
    void setData(const QByteArray &data, qint64 totalBytes = -1);
    /// The stored preview text; the panel hides when it is empty.
    void setStoredPreview(const QString &text);

    HexDumpWidget *hexDump() const { return m_hex; }
    QPlainTextEdit *storedPreview() const { return m_preview; }

private:
    void updateStatus(qint64 index);

    HexDumpWidget *m_hex = nullptr;
    QPlainTextEdit *m_preview = nullptr;
    QWidget *m_previewPanel = nullptr;
    QLabel *m_header = nullptr;
    QLabel *m_status = nullptr;
    qint64 m_total = -1;
};

} // namespace Trove
