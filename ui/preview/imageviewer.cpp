#include "imageviewer.h"

#include "imagecanvas.h"
#include "widgets/palettehelpers.h"

#include <QAction>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace Trove {

namespace {
QToolButton *
makeButton(QWidget *parent, const QString &text, const QString &tip, const QKeySequence &key)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setAccessibleName(tip);
    b->setToolTip(key.isEmpty() ? tip
                                : QStringLiteral("%1 (%2)").arg(
                                        tip, key.toString(QKeySequence::NativeText)));
    b->setAutoRaise(true);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return b;
}
} // namespace

ImageViewer::ImageViewer(QWidget *parent)
    : QWidget(parent)
    , m_canvas(new ImageCanvas(this))
    , m_info(new QLabel(this))
    , m_pixel(new QLabel(this))
    , m_zoomLabel(new QLabel(this))
{
    setAccessibleName(tr("Image viewer"));

    auto *toolbar = new QHBoxLayout;
    toolbar->setContentsMargins(6, 4, 6, 4);
    toolbar->setSpacing(2);
    auto *out = makeButton(this, QStringLiteral("−"), tr("Zoom out"), QKeySequence::ZoomOut);
    auto *in = makeButton(this, QStringLiteral("+"), tr("Zoom in"), QKeySequence::ZoomIn);
    m_fitButton = makeButton(this, tr("Fit"), tr("Fit to window"), QKeySequence(tr("Ctrl+0")));
    m_fitButton->setCheckable(true);
    auto *one = makeButton(this, tr("1:1"), tr("Actual size"), QKeySequence(tr("Ctrl+1")));
    connect(out, &QToolButton::clicked, this, &ImageViewer::zoomOut);
    connect(in, &QToolButton::clicked, this, &ImageViewer::zoomIn);
    connect(m_fitButton, &QToolButton::clicked, this, &ImageViewer::fitToWindow);
    connect(one, &QToolButton::clicked, this, &ImageViewer::actualSize);
    m_zoomLabel->setMinimumWidth(
            m_zoomLabel->fontMetrics().horizontalAdvance(QStringLiteral("6400 %")));
    m_zoomLabel->setAlignment(Qt::AlignCenter);
    m_zoomLabel->setAccessibleName(tr("Zoom level"));
    toolbar->addWidget(out);
    toolbar->addWidget(m_zoomLabel);
    toolbar->addWidget(in);
    toolbar->addSpacing(8);
    toolbar->addWidget(m_fitButton);
    toolbar->addWidget(one);
    toolbar->addStretch(1);
    m_info->setAccessibleName(tr("Image information"));
    toolbar->addWidget(m_info);

    auto addShortcut = [this](const QKeySequence &key, void (ImageViewer::*slot)()) {
        auto *a = new QAction(this);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
    };
    addShortcut(QKeySequence::ZoomIn, &ImageViewer::zoomIn);
    addShortcut(QKeySequence(Qt::CTRL | Qt::Key_Equal), &ImageViewer::zoomIn);
    addShortcut(QKeySequence::ZoomOut, &ImageViewer::zoomOut);
    addShortcut(QKeySequence(Qt::CTRL | Qt::Key_0), &ImageViewer::fitToWindow);
    addShortcut(QKeySequence(Qt::Key_F), &ImageViewer::fitToWindow);
    addShortcut(QKeySequence(Qt::CTRL | Qt::Key_1), &ImageViewer::actualSize);

    m_pixel->setAccessibleName(tr("Pixel under cursor"));
    m_pixel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_pixel->setFont(mono);
    auto *status = new QHBoxLayout;
    status->setContentsMargins(6, 3, 6, 3);
    status->addWidget(m_pixel, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(toolbar);
    layout->addWidget(m_canvas, 1);
    layout->addLayout(status);

    connect(m_canvas, &ImageCanvas::zoomChanged, this, [this](double z) {
        updateZoomLabel();
        emit zoomChanged(z);
    });
    connect(m_canvas, &ImageCanvas::hoveredPixelChanged, this, [this](QPoint p) {
        m_hovered = p;
        updateInfo();
    });
    updateInfo();
    updateZoomLabel();
}

ImageViewer::~ImageViewer() = default;

void ImageViewer::setImage(const QImage &image, const QString &formatName)
{
    m_formatName = formatName;
    m_hovered = QPoint(-1, -1);
    m_canvas->setImage(image);
    updateInfo();
    updateZoomLabel();
}

QImage ImageViewer::image() const
{
    return m_canvas->image();
}

double ImageViewer::zoom() const
{
    return m_canvas->zoom();
}

bool ImageViewer::isFitToWindow() const
{
    return m_canvas->isFitToWindow();
}

void ImageViewer::zoomIn()
{
    setZoom(m_canvas->zoom() * 1.25);
}

void ImageViewer::zoomOut()
{
    setZoom(m_canvas->zoom() / 1.25);
}

void ImageViewer::fitToWindow()
{
    m_canvas->setFitToWindow(true);
    updateZoomLabel();
}

void ImageViewer::actualSize()
{
    setZoom(1.0);
}

void ImageViewer::setZoom(double zoom)
{
    m_canvas->setZoom(zoom);
    updateZoomLabel();
}

QString ImageViewer::describeFormat(QImage::Format format)
{
    switch (format) {
    case QImage::Format_Mono:
    case QImage::Format_MonoLSB:
        return tr("1-bit monochrome");
    case QImage::Format_Indexed8:
        return tr("8-bit indexed");
    case QImage::Format_Grayscale8:
        return tr("8-bit grayscale");
    case QImage::Format_Grayscale16:
        return tr("16-bit grayscale");
    case QImage::Format_RGB32:
    case QImage::Format_RGB888:
    case QImage::Format_BGR888:
    case QImage::Format_RGBX8888:
        return tr("8-bit RGB");
    case QImage::Format_ARGB32:
    case QImage::Format_RGBA8888:
        return tr("8-bit RGBA");
    case QImage::Format_ARGB32_Premultiplied:
    case QImage::Format_RGBA8888_Premultiplied:
        return tr("8-bit RGBA (premultiplied)");
    case QImage::Format_RGB16:
        return tr("16-bit RGB565");
    case QImage::Format_RGBX64:
        return tr("16-bit RGB");
    case QImage::Format_RGBA64:
    case QImage::Format_RGBA64_Premultiplied:
        return tr("16-bit RGBA");
    case QImage::Format_RGBA16FPx4:
    case QImage::Format_RGBA32FPx4:
    case QImage::Format_RGBX16FPx4:
    case QImage::Format_RGBX32FPx4:
        return tr("floating-point RGBA");
    default:
        break;
    }
    return tr("other format");
}

QString ImageViewer::pixelText(QPoint pixel) const
{
    const QImage &img = m_canvas->image();
    if (!img.rect().contains(pixel))
        return {};
    const QColor c = img.pixelColor(pixel);
    return QStringLiteral("RGBA(%1, %2, %3, %4)  #%5%6%7%8")
            .arg(c.red())
            .arg(c.green())
            .arg(c.blue())
            .arg(c.alpha())
            .arg(c.red(), 2, 16, QLatin1Char('0'))
            .arg(c.green(), 2, 16, QLatin1Char('0'))
            .arg(c.blue(), 2, 16, QLatin1Char('0'))
            .arg(c.alpha(), 2, 16, QLatin1Char('0'));
}

QString ImageViewer::statusText() const
{
    return m_info->text() + QStringLiteral("  ") + m_pixel->text();
}

void ImageViewer::updateInfo()
{
    const QImage &img = m_canvas->image();
    if (img.isNull()) {
        m_info->setText(tr("No image"));
        m_pixel->clear();
        return;
    }
    QStringList parts;
    parts << QStringLiteral("%1 × %2").arg(img.width()).arg(img.height())
          << tr("%1 bpp, %2").arg(img.depth()).arg(describeFormat(img.format()));
    if (!m_formatName.isEmpty())
        parts << m_formatName;
    m_info->setText(parts.join(QStringLiteral("  ·  ")));
    if (m_hovered.x() >= 0)
        m_pixel->setText(QStringLiteral("(%1, %2)  %3")
                                 .arg(m_hovered.x())
                                 .arg(m_hovered.y())
                                 .arg(pixelText(m_hovered)));
    else
        m_pixel->setText(tr("Move the pointer over the image to read pixel values"));
}

void ImageViewer::updateZoomLabel()
{
    m_zoomLabel->setText(QStringLiteral("%1 %").arg(
            QLocale().toString(m_canvas->zoom() * 100, 'f', m_canvas->zoom() < 0.1 ? 1 : 0)));
    m_fitButton->setChecked(m_canvas->isFitToWindow());
}

} // namespace Trove
