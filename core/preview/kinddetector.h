#pragma once

#include "common/bytesource.h"
#include "preview/previewtypes.h"

#include <QByteArray>
#include <QString>

namespace Trove {

/// Decides which decoder previews an artifact, from three clues in this order of trust:
///  1. the ClearML artifact type (numpy, pandas, image, dict, pickle, archive, ...), refined by
///     the content type and extension (e.g. pandas + text/csv -> Table, dict + yaml -> Yaml);
///  2. the file name's extension (.csv, .csv.gz, .npy, .npz, .pkl, .safetensors, .pt, .onnx,
///     .zip, .tar.gz, .json, .yaml, .txt, .png, ...);
///  3. the magic bytes (\x93NUMPY, PK\x03\x04 then a look at the members: data.pkl -> TorchZip,
///     only .npy -> NumpyZip; \x80 + protocol -> Pickle; PNG/JPEG/GIF/BMP/WebP/TIFF/SVG;
///     gzip (tar inside -> Archive); "ustar" at 257; safetensors header; ONNX protobuf start;
///     JSON/YAML/text heuristics). Anything else is Binary.
class KindDetector final
{
public:
    enum class Clue { None, ArtifactType, Extension, Magic };

    static PreviewKind fromArtifactType(const PreviewHints &hints);
    static PreviewKind fromExtension(const QString &fileName);
    /// From the first bytes only (zips are reported as Archive).
    static PreviewKind fromMagic(const QByteArray &head);

    /// Full detection; reads the first 4 KiB and, for zips, the central directory. Blocking.
    static PreviewKind detect(ByteSource &source,
                              const PreviewHints &hints,
                              const PreviewOptions &options,
                              Clue *clue = nullptr);

    static QString kindName(PreviewKind kind);
};

} // namespace Trove
