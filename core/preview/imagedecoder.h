#pragma once

#include "common/bytesource.h"
#include "common/result.h"
#include "preview/previewtypes.h"

#include <QImage>
#include <QSize>

namespace Trove {

/// A decoded preview image and what is known about the original.
struct ImagePreview
{
    QImage image;           ///< scaled to fit the requested box, EXIF orientation applied
    QSize originalSize;     ///< as the header declares (before orientation)
    QString format;         ///< "png", "jpeg", "gif", "bmp", "webp", "tiff", "svg"
    int depth = 0;          ///< bits per pixel of the decoded image
    int frameCount = 0;     ///< animation frames (0 if unknown)
    bool scaled = false;    ///< decoded smaller than the original
    QString transformation; ///< EXIF orientation applied, e.g. "rotate 90"
};

/// Decodes images through Qt's image plugins (QImageReader: png, jpeg, gif, bmp; webp and tiff
/// with qt6-image-formats-plugins; svg with qt6-svg).
///
/// Huge images are never decoded at full size: the header size is read first and the image is
/// decoded scaled (setScaledSize) to fit `box`, under QImageReader's allocation limit (set from
/// PreviewOptions::maxBytesInMemory). Raster images above 1 gigapixel are refused from the
/// header alone. EXIF orientation is applied (setAutoTransform). Broken images give a Parse
/// error with Qt's reason. Sources over the memory cap are refused. Blocking; worker thread
/// only (QImage is fine off the GUI thread).
class ImageDecoder final
{
public:
    static Result<ImagePreview>
    decode(ByteSource &source, const PreviewOptions &options, QSize box = QSize(2048, 2048));
    /// Qt's format name for the magic bytes of `head`, or empty.
    static QString formatFromMagic(const QByteArray &head);
};

} // namespace Trove
