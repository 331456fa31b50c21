#pragma once

#include <QImage>
#include <QWidget>

class QLabel;
class QToolButton;

namespace Trove {

class ImageCanvas;

/// Image preview: zoom (wheel, Ctrl+plus/minus, toolbar), pan (drag, scroll bars, arrows),
/// fit to window (Ctrl+0 / F), actual size (Ctrl+1), smooth scaling and a checkerboard behind
/// transparency. The status line shows size, depth and format, and the RGBA and hex value of
/// the pixel under the cursor in image coordinates.
class ImageViewer final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImageViewer)

public:
    explicit ImageViewer(QWidget *parent = nullptr);
    ~ImageViewer() override;

    /// `formatName` is the file format ("PNG", "JPEG"), shown in the status line.
    void setImage(const QImage &image, const QString &formatName = {});
    QImage image() const;

    double zoom() const;
    bool isFitToWindow() const;
    ImageCanvas *canvas() const { return m_canvas; }
    /// The status line text ("1920 × 1080 · 32-bit ARGB · PNG · (x, y) RGBA(...) #rrggbbaa").
    QString statusText() const;
    /// "RGBA(r, g, b, a)  #rrggbbaa" for `pixel`, empty when outside the image.
    QString pixelText(QPoint pixel) const;
    static QString describeFormat(QImage::Format format);

public slots:
    void zoomIn();
    void zoomOut();
    void fitToWindow();
    void actualSize();
    void setZoom(double zoom);

signals:
    void zoomChanged(double zoom);

private:
    void updateInfo();
    void updateZoomLabel();

    ImageCanvas *m_canvas = nullptr;
    QLabel *m_info = nullptr;
    QLabel *m_pixel = nullptr;
    QLabel *m_zoomLabel = nullptr;
    QToolButton *m_fitButton = nullptr;
    QString m_formatName;
    QPoint m_hovered{-1, -1};
};

} // namespace Trove
