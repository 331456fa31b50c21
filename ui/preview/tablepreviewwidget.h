#pragma once

#include <QWidget>

#include <memory>

namespace Trove {

class MessageBar;
class TableDecoder;
class TablePreviewModel;
class TableViewer;

/// The table preview: a TableViewer over core's TablePreviewModel (virtual scrolling, blocks
/// read on demand), and the background scan that counts the rows and computes the column
/// statistics. The scan starts on its own when it is cheap (local bytes, small remote files);
/// for a large remote file the user starts it, since it reads every byte over the network.
class TablePreviewWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TablePreviewWidget)

public:
    /// `sourceSize` (bytes, -1 unknown) gives a row estimate until the scan has counted.
    TablePreviewWidget(std::shared_ptr<TableDecoder> decoder,
                       qint64 sourceSize,
                       bool scanAtOnce,
                       QWidget *parent = nullptr);
    ~TablePreviewWidget() override;

    TableViewer *viewer() const { return m_viewer; }
    TablePreviewModel *model() const { return m_model; }
    MessageBar *messageBar() const { return m_bar; }
    bool isScanning() const { return m_scanning; }
    bool isScanned() const;

public slots:
    void startScan();

signals:
    void scanFinished();

private:
    TableViewer *m_viewer = nullptr;
    TablePreviewModel *m_model = nullptr;
    MessageBar *m_bar = nullptr;
    bool m_scanning = false;
};

} // namespace Trove
