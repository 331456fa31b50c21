#include "imagedecoder.h"

#include <QBuffer>
#include <QImageReader>

namespace Trove {
namespace {

constexpr qint64 kMaxPixels = qint64(1) << 30;

QString transformName(QImageIOHandler::Transformations t)
{
    QStringList parts;
    if (t & QImageIOHandler::TransformationRotate90)
        parts << QStringLiteral("rotate 90");
    if (t & QImageIOHandler::TransformationMirror)
        parts << QStringLiteral("mirror");
    if (t & QImageIOHandler::TransformationFlip)
        parts << QStringLiteral("flip");
    return parts.join(QStringLiteral(", "));
}

} // namespace

QString ImageDecoder::formatFromMagic(const QByteArray &head)
{
    if (head.startsWith("\x89PNG\r\n\x1a\n"))
        return QStringLiteral("png");
    if (head.startsWith("\xFF\xD8\xFF"))
        return QStringLiteral("jpeg");
    if (head.startsWith("GIF87a") || head.startsWith("GIF89a"))
        return QStringLiteral("gif");
    if (head.startsWith("BM") && head.size() >= 14)
        return QStringLiteral("bmp");
    if (head.startsWith("RIFF") && head.mid(8, 4) == "WEBP")
        return QStringLiteral("webp");
    if (head.startsWith(QByteArray("II*\0", 4)) || head.startsWith(QByteArray("MM\0*", 4)))
        return QStringLiteral("tiff");
    const QByteArray lower = head.left(1024).toLower();
    if (lower.contains("<svg"))
        return QStringLiteral("svg");
    return {};
}

Result<ImagePreview>
ImageDecoder::decode(ByteSource &source, const PreviewOptions &options, QSize box)
{
    const qint64 size = source.size();
    if (size < 0 || size > options.maxBytesInMemory)
        return Error::make(Error::Kind::Unsupported,
                           QStringLiteral("image file of %1 bytes is above the %2-byte preview cap")
                                   .arg(size)
                                   .arg(options.maxBytesInMemory),
                           source.name());
    auto bytes = source.read(0, size);
    if (!bytes)
        return bytes.error();
    if (options.cancelled())
        return Error::make(Error::Kind::Cancelled, QString(), source.name());
    QBuffer buffer(&bytes.value());
    buffer.open(QIODevice::ReadOnly);
    const QString magic = formatFromMagic(*bytes);
    QImageReader reader(&buffer, magic.toLatin1());
    reader.setAutoTransform(true);
    // Qt refuses to allocate decoded images above this many MiB (formats that cannot decode
    // scaled allocate the full image first, so allow a few times the in-memory cap).
    QImageReader::setAllocationLimit(
            int(std::clamp<qint64>((options.maxBytesInMemory * 4) >> 20, 128, 1024)));

    ImagePreview out;
    out.format = QString::fromLatin1(reader.format());
    if (out.format.isEmpty())
        out.format = magic;
    if (!reader.canRead())
        return Error::make(Error::Kind::Parse,
                           QStringLiteral("not a readable image (%1)").arg(reader.errorString()),
                           source.name());
    out.originalSize = reader.size();
    out.frameCount = reader.imageCount();
    const bool vector = out.format == QLatin1String("svg") || out.format == QLatin1String("svgz");
    if (out.originalSize.isValid()) {
        const qint64 pixels = qint64(out.originalSize.width()) * out.originalSize.height();
        if (!vector && pixels > kMaxPixels)
            return Error::make(Error::Kind::Unsupported,
                               QStringLiteral("image of %1x%2 pixels is too large to preview")
                                       .arg(out.originalSize.width())
                                       .arg(out.originalSize.height()),
                               source.name());
        // Vector images render at the box size; raster images only ever scale down.
        if (vector || out.originalSize.width() > box.width()
            || out.originalSize.height() > box.height()) {
            QSize target = out.originalSize.scaled(box, Qt::KeepAspectRatio);
            if (target.isEmpty())
                target = QSize(1, 1);
            out.scaled = target != out.originalSize;
            reader.setScaledSize(target);
        }
    }
    out.transformation = transformName(reader.transformation());
    if (!reader.read(&out.image) || out.image.isNull())
        return Error::make(Error::Kind::Parse,
                           QStringLiteral("broken image: %1").arg(reader.errorString()),
                           source.name());
    out.depth = out.image.depth();
    return out;
}

} // namespace Trove
