#include "kinddetector.h"

#include "preview/imagedecoder.h"
#include "preview/pickledisassembler.h"
#include "preview/textdecoder.h"
#include "preview/torchdecoder.h"
#include "preview/zipreader.h"

#include <zlib.h>

#include <cstring>

namespace Trove {
namespace {

bool endsWithAny(const QString &name, std::initializer_list<const char *> suffixes)
{
    for (const char *s : suffixes) {
        if (name.endsWith(QLatin1String(s)))
            return true;
    }
    return false;
}

/// First bytes of a gzip stream, decompressed (for the tar check).
QByteArray gunzipHead(const QByteArray &gz, int want)
{
    z_stream z;
    std::memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
        return {};
    QByteArray out(want, '\0');
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(gz.constData()));
    z.avail_in = uInt(gz.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(want);
    inflate(&z, Z_SYNC_FLUSH);
    out.resize(want - int(z.avail_out));
    inflateEnd(&z);
    return out;
}

bool looksLikeSafetensors(const QByteArray &head)
{
    if (head.size() < 10)
        return false;
    quint64 n = 0;
    for (int i = 7; i >= 0; --i)
        n = (n << 8) | static_cast<unsigned char>(head.at(i));
    return n >= 2 && n < (quint64(100) << 20) && head.at(8) == '{'
           && (head.at(9) == '"' || head.at(9) == ' ' || head.at(9) == '}');
}

bool looksLikeOnnx(const QByteArray &head)
{
    // ModelProto usually starts with ir_version (field 1, varint, small) then producer_name
    // (field 2), opset/graph or another small field.
    if (head.size() < 4 || head.at(0) != 0x08)
        return false;
    const auto v = static_cast<unsigned char>(head.at(1));
    const auto next = static_cast<unsigned char>(head.at(2));
    return v >= 1 && v <= 20
           && (next == 0x12 || next == 0x1a || next == 0x22 || next == 0x28 || next == 0x32
               || next == 0x3a || next == 0x42);
}

} // namespace

QString KindDetector::kindName(PreviewKind kind)
{
    switch (kind) {
    case PreviewKind::Unknown:
        return QStringLiteral("unknown");
    case PreviewKind::Table:
        return QStringLiteral("table");
    case PreviewKind::NumpyArray:
        return QStringLiteral("numpy-array");
    case PreviewKind::NumpyZip:
        return QStringLiteral("numpy-zip");
    case PreviewKind::Image:
        return QStringLiteral("image");
    case PreviewKind::Text:
        return QStringLiteral("text");
    case PreviewKind::Json:
        return QStringLiteral("json");
    case PreviewKind::Yaml:
        return QStringLiteral("yaml");
    case PreviewKind::Archive:
        return QStringLiteral("archive");
    case PreviewKind::Pickle:
        return QStringLiteral("pickle");
    case PreviewKind::Safetensors:
        return QStringLiteral("safetensors");
    case PreviewKind::TorchZip:
        return QStringLiteral("torch");
    case PreviewKind::Onnx:
        return QStringLiteral("onnx");
    case PreviewKind::Binary:
        return QStringLiteral("binary");
    }
    return {};
}

PreviewKind KindDetector::fromExtension(const QString &fileName)
{
    const QString n = fileName.toLower();
    if (endsWithAny(n, {".csv", ".tsv", ".csv.gz", ".tsv.gz"}))
        return PreviewKind::Table;
    if (endsWithAny(n, {".npy"}))
        return PreviewKind::NumpyArray;
    if (endsWithAny(n, {".npz"}))
        return PreviewKind::NumpyZip;
    if (endsWithAny(n, {".pkl", ".pickle"}))
        return PreviewKind::Pickle;
    if (endsWithAny(n, {".safetensors"}))
        return PreviewKind::Safetensors;
    if (endsWithAny(n, {".pt", ".pth"}))
        return PreviewKind::TorchZip;
    if (endsWithAny(n, {".onnx"}))
        return PreviewKind::Onnx;
    if (endsWithAny(n, {".zip", ".tar", ".tgz", ".tar.gz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz",
                        ".tar.zst"}))
        return PreviewKind::Archive;
    if (endsWithAny(n, {".json"}))
        return PreviewKind::Json;
    if (endsWithAny(n, {".yaml", ".yml"}))
        return PreviewKind::Yaml;
    if (endsWithAny(n, {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".tif", ".tiff", ".svg"}))
        return PreviewKind::Image;
    if (endsWithAny(n, {".txt",  ".log",   ".md",  ".rst",       ".py",     ".cfg", ".ini",
                        ".toml", ".conf",  ".sh",  ".jsonl",     ".ndjson", ".xml", ".html",
                        ".htm",  ".c",     ".cpp", ".h",         ".js",     ".ts",  ".sql",
                        ".r",    ".ipynb", ".env", ".properties"}))
        return PreviewKind::Text;
    return PreviewKind::Unknown;
}

PreviewKind KindDetector::fromArtifactType(const PreviewHints &hints)
{
    const QString type = hints.artifactType.toLower();
    const QString content = hints.contentType.toLower();
    const PreviewKind ext = fromExtension(hints.fileName);
    if (type == QLatin1String("numpy"))
        return ext == PreviewKind::NumpyArray ? PreviewKind::NumpyArray : PreviewKind::NumpyZip;
    if (type == QLatin1String("pandas")) {
        if (content.contains(QLatin1String("csv")) || ext == PreviewKind::Table)
            return PreviewKind::Table;
        if (ext == PreviewKind::Pickle || content.contains(QLatin1String("pickle")))
            return PreviewKind::Pickle;
        return PreviewKind::Unknown; // parquet and friends: let the bytes decide
    }
    if (type == QLatin1String("image"))
        return PreviewKind::Image;
    if (type == QLatin1String("dict") || type == QLatin1String("json")) {
        if (content.contains(QLatin1String("yaml")) || ext == PreviewKind::Yaml)
            return PreviewKind::Yaml;
        return PreviewKind::Json;
    }
    if (type == QLatin1String("yaml"))
        return PreviewKind::Yaml;
    if (type == QLatin1String("pickle"))
        return PreviewKind::Pickle;
    if (type == QLatin1String("archive") || type == QLatin1String("zip"))
        return PreviewKind::Archive;
    if (type == QLatin1String("text") || type == QLatin1String("string"))
        return PreviewKind::Text;
    return PreviewKind::Unknown;
}

PreviewKind KindDetector::fromMagic(const QByteArray &head)
{
    if (head.startsWith("\x93NUMPY"))
        return PreviewKind::NumpyArray;
    if (ZipReader::looksLikeZip(head))
        return PreviewKind::Archive;
    if (TorchDecoder::isLegacyTorch(head))
        return PreviewKind::TorchZip;
    if (PickleDisassembler::looksLikePickle(head))
        return PreviewKind::Pickle;
    if (!ImageDecoder::formatFromMagic(head).isEmpty()) {
        // "BM" alone is weak: require a plausible BMP header (reserved bytes zero).
        if (!head.startsWith("BM") || (head.size() >= 10 && head.mid(6, 4) == QByteArray(4, '\0')))
            return PreviewKind::Image;
    }
    if (head.startsWith("\x1f\x8b")) {
        const QByteArray inner = gunzipHead(head, 512);
        if (inner.size() >= 262 && inner.mid(257, 5) == "ustar")
            return PreviewKind::Archive;
        return PreviewKind::Binary;
    }
    if (head.size() >= 262 && head.mid(257, 5) == "ustar")
        return PreviewKind::Archive;
    if (looksLikeSafetensors(head))
        return PreviewKind::Safetensors;
    if (TextDecoder::looksLikeText(head)) {
        int bom = 0;
        const TextEncoding e = TextDecoder::detectEncoding(head, &bom);
        const QString text = TextDecoder::decode(head.mid(bom), e).trimmed();
        if (text.startsWith(QLatin1Char('{')) || text.startsWith(QLatin1Char('[')))
            return PreviewKind::Json;
        if (text.startsWith(QLatin1String("<?xml")) || text.startsWith(QLatin1String("<svg")))
            return text.left(1024).contains(QLatin1String("<svg")) ? PreviewKind::Image
                                                                   : PreviewKind::Text;
        if (text.startsWith(QLatin1String("---")) || text.startsWith(QLatin1String("%YAML")))
            return PreviewKind::Yaml;
        return PreviewKind::Text;
    }
    if (looksLikeOnnx(head))
        return PreviewKind::Onnx;
    return PreviewKind::Binary;
}

PreviewKind KindDetector::detect(ByteSource &source,
                                 const PreviewHints &hints,
                                 const PreviewOptions &options,
                                 Clue *clue)
{
    auto set = [clue](Clue c) {
        if (clue)
            *clue = c;
    };
    if (const PreviewKind k = fromArtifactType(hints); k != PreviewKind::Unknown) {
        set(Clue::ArtifactType);
        return k;
    }
    if (const PreviewKind k = fromExtension(hints.fileName); k != PreviewKind::Unknown) {
        set(Clue::Extension);
        return k;
    }
    set(Clue::Magic);
    auto head = source.read(0, 4096);
    if (!head)
        return PreviewKind::Binary;
    PreviewKind k = fromMagic(*head);
    if (k == PreviewKind::Archive && ZipReader::looksLikeZip(*head)) {
        ZipReader zip(source, options);
        if (zip.open().ok() && !zip.entries().isEmpty()) {
            bool allNpy = true;
            for (const ZipEntry &e : zip.entries()) {
                if (e.name == QLatin1String("data.pkl")
                    || e.name.endsWith(QLatin1String("/data.pkl")))
                    return PreviewKind::TorchZip;
                if (!e.isDirectory && !e.name.endsWith(QLatin1String(".npy")))
                    allNpy = false;
            }
            if (allNpy)
                return PreviewKind::NumpyZip;
        }
    }
    return k;
}

} // namespace Trove
