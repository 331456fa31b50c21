#include "previewloader.h"

#include "previewadapters.h"

#include "preview/archivedecoder.h"
#include "preview/jsonpreview.h"
#include "preview/onnxdecoder.h"
#include "preview/pickledisassembler.h"
#include "preview/safetensorsdecoder.h"
#include "preview/tabledecoder.h"
#include "preview/torchdecoder.h"

#include <QCoreApplication>

namespace Trove {

namespace {

/// A TableDecoder with the source it reads, shared by the model and its jobs.
struct TableBundle
{
    TableBundle(PreviewSourcePtr s, const PreviewHints &hints)
        : source(std::move(s))
        , decoder(*source, hints, source->options())
    {}
    PreviewSourcePtr source;
    TableDecoder decoder;
};

Status loadTable(PreviewLoad &out, const PreviewHints &hints)
{
    auto bundle = std::make_shared<TableBundle>(out.source, hints);
    auto schema = bundle->decoder.open();
    if (!schema)
        return schema.error();
    out.notes << schema->notes;
    out.table = std::shared_ptr<TableDecoder>(bundle, &bundle->decoder);
    return {};
}

Status loadArrays(PreviewLoad &out, bool npz)
{
    auto doc = npz ? ArrayDocument::openNpz(out.source) : ArrayDocument::openNpy(out.source);
    if (!doc)
        return doc.error();
    auto first = loadArrayMember(*doc, (*doc)->defaultMember());
    if (!first)
        return first.error();
    out.arrays = std::move(doc.value());
    out.firstArray = std::move(first.value());
    return {};
}

Status loadJson(PreviewLoad &out, const PreviewLimits &limits)
{
    const PreviewOptions options = out.source->options();
    JsonLoad json;
    const qint64 size = out.source->size();
    json.prettyComplete = size >= 0 && size <= limits.firstTextBytes;
    auto pretty = JsonPreview::prettyPrint(*out.source, options, limits.firstTextBytes,
                                           4 * limits.firstTextBytes);
    if (!pretty)
        return pretty.error();
    json.pretty = std::move(pretty.value());
    if (size >= 0 && size <= limits.jsonTreeInlineBytes) {
        auto tree = loadJsonTree(out.source);
        if (tree)
            json.tree = std::move(tree.value());
        else if (tree.error().isCancelled())
            return tree.error();
        else
            json.treeError = tree.error().message;
    }
    out.json = std::move(json);
    return {};
}

Status loadModel(PreviewLoad &out, const PreviewLimits &limits)
{
    const PreviewOptions options = out.source->options();
    Result<ModelSummary> summary = out.kind == PreviewKind::Safetensors
                                           ? SafetensorsDecoder::decode(*out.source, options)
                                   : out.kind == PreviewKind::TorchZip
                                           ? TorchDecoder::decode(*out.source, options)
                                           : OnnxDecoder::decode(*out.source, options);
    if (!summary) {
        if (summary.error().kind != Error::Kind::Unsupported)
            return summary.error();
        // e.g. a legacy (pre-1.6) torch file: say so over the bytes.
        out.notes << summary.error().message;
        out.kind = PreviewKind::Binary;
        auto head = out.source->read(0, limits.hexBytes);
        if (!head)
            return head.error();
        out.hexHead = std::move(head.value());
        out.fileType = describeBinary(out.hexHead);
        return {};
    }
    out.notes << summary->warnings;
    out.model = PreviewAdapters::modelSummary(*summary);
    return {};
}

} // namespace

Result<PreviewLoad> loadPreview(const PreviewSourcePtr &source,
                                const PreviewHints &hints,
                                const PreviewLimits &limits,
                                PreviewKind *detected)
{
    PreviewLoad out;
    out.source = source;
    const PreviewOptions options = source->options();
    out.kind = KindDetector::detect(*source, hints, options, &out.clue);
    if (detected)
        *detected = out.kind;
    if (options.cancelled())
        return Error::make(Error::Kind::Cancelled, QString(), source->name());
    Status status;
    switch (out.kind) {
    case PreviewKind::Table:
        status = loadTable(out, hints);
        break;
    case PreviewKind::NumpyArray:
    case PreviewKind::NumpyZip:
        status = loadArrays(out, out.kind == PreviewKind::NumpyZip);
        break;
    case PreviewKind::Image: {
        auto image = ImageDecoder::decode(*source, options, limits.imageBox);
        if (!image)
            return image.error();
        out.image = std::move(image.value());
        break;
    }
    case PreviewKind::Text:
    case PreviewKind::Yaml: {
        auto chunk = TextDecoder::readChunk(*source, 0, limits.firstTextBytes, options);
        if (!chunk)
            return chunk.error();
        out.text = std::move(chunk.value());
        break;
    }
    case PreviewKind::Json:
        status = loadJson(out, limits);
        break;
    case PreviewKind::Archive: {
        auto listing = ArchiveDecoder::list(*source, options);
        if (!listing)
            return listing.error();
        ArchiveLoad archive;
        archive.format = listing->format;
        archive.entries = PreviewAdapters::archiveEntries(*listing);
        archive.truncated = listing->truncated;
        archive.totalSize = listing->totalSize;
        out.notes << listing->warnings.mid(0, 20);
        out.archive = std::move(archive);
        break;
    }
    case PreviewKind::Pickle: {
        auto tree = PickleDisassembler::disassemble(*source, options);
        if (!tree)
            return tree.error();
        out.notes << tree->warnings.mid(0, 20);
        out.pickle = PreviewAdapters::pickleTree(*tree);
        break;
    }
    case PreviewKind::Safetensors:
    case PreviewKind::TorchZip:
    case PreviewKind::Onnx:
        status = loadModel(out, limits);
        break;
    case PreviewKind::Unknown:
    case PreviewKind::Binary: {
        out.kind = PreviewKind::Binary;
        auto head = source->read(0, limits.hexBytes);
        if (!head)
            return head.error();
        out.hexHead = std::move(head.value());
        out.fileType = describeBinary(out.hexHead);
        break;
    }
    }
    if (!status)
        return status.error();
    return out;
}

Result<TextChunk> loadTextPage(const PreviewSourcePtr &source,
                               qint64 offset,
                               TextEncoding encoding,
                               int bomSize,
                               qint64 maxBytes)
{
    return TextDecoder::readChunk(*source, offset, maxBytes, source->options(), encoding, bomSize);
}

Result<JsonTreeNode> loadJsonTree(const PreviewSourcePtr &source)
{
    JsonPreview::Limits limits;
    limits.maxChildren = 2000;
    limits.maxNodes = 50000;
    auto outline = JsonPreview::outline(*source, source->options(), limits);
    if (!outline)
        return outline.error();
    return PreviewAdapters::jsonOutline(*outline);
}

QString describeBinary(const QByteArray &head)
{
    struct Magic
    {
        qsizetype offset;
        const char *bytes;
        const char *what;
    };
    static const Magic magics[] = {
            {0, "\x89HDF\r\n\x1a\n", QT_TR_NOOP("HDF5 data (Keras .h5, h5py)")},
            {0, "GGUF", QT_TR_NOOP("GGUF model (llama.cpp)")},
            {4, "TFL3", QT_TR_NOOP("TensorFlow Lite model")},
            {0, "PK\x03\x04", QT_TR_NOOP("zip archive")},
            {0, "\x1f\x8b", QT_TR_NOOP("gzip-compressed data")},
            {0, "BZh", QT_TR_NOOP("bzip2-compressed data")},
            {0,
             "\xfd"
             "7zXZ",
             QT_TR_NOOP("xz-compressed data")},
            {0, "\x28\xb5\x2f\xfd", QT_TR_NOOP("zstd-compressed data")},
            {0, "PAR1", QT_TR_NOOP("Parquet table")},
            {0, "ARROW1", QT_TR_NOOP("Arrow IPC file")},
            {0, "ORC", QT_TR_NOOP("ORC table")},
            {0, "SQLite format 3", QT_TR_NOOP("SQLite database")},
            {0,
             "\x7f"
             "ELF",
             QT_TR_NOOP("ELF executable")},
            {0, "%PDF", QT_TR_NOOP("PDF document")},
            {0, "\x80", QT_TR_NOOP("Python pickle (protocol 0/1 or damaged)")},
    };
    for (const Magic &m : magics) {
        const QByteArray magic(m.bytes);
        if (head.size() >= m.offset + magic.size() && head.mid(m.offset, magic.size()) == magic)
            return QCoreApplication::translate("Trove::PreviewLoader", m.what);
    }
    return {};
}

} // namespace Trove
