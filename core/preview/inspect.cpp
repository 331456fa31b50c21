#include "inspect.h"

#include "preview/archivedecoder.h"
#include "preview/arrayinspect.h"
#include "preview/hexview.h"
#include "preview/imagedecoder.h"
#include "preview/jsonpreview.h"
#include "preview/kinddetector.h"
#include "preview/onnxdecoder.h"
#include "preview/pickledisassembler.h"
#include "preview/safetensorsdecoder.h"
#include "preview/tableinspect.h"
#include "preview/textdecoder.h"
#include "preview/torchdecoder.h"

namespace Trove {
namespace {

using json = nlohmann::json;

std::string s8(const QString &s)
{
    return s.toStdString();
}

json hexJson(ByteSource &source, const PreviewHints &hints, const QString &note)
{
    json out = {{"note", s8(note)}};
    auto head = source.read(0, 256);
    out["hex"] = head.ok() ? s8(HexView::dump(*head)) : std::string();
    if (!hints.storedPreview.isEmpty())
        out["stored_preview"] = s8(hints.storedPreview.left(4096));
    return out;
}

Result<json> inspectPickle(ByteSource &source, const PreviewOptions &options)
{
    auto tree = PickleDisassembler::disassemble(source, options);
    if (!tree)
        return tree.error();
    json imports = json::array();
    for (const PickleImport &i : tree->imports)
        imports.push_back({{"name", s8(i.fullName())},
                           {"safety", s8(PickleSafetyClassifier::toString(i.safety))},
                           {"count", i.count}});
    json warnings = json::array();
    for (const QString &w : tree->warnings)
        warnings.push_back(s8(w));
    return json{{"protocol", tree->protocol},
                {"opcodes", tree->opcodeCount},
                {"objects", qint64(tree->nodes.size())},
                {"truncated", tree->truncated},
                {"dangerous", tree->hasDangerousImports()},
                {"imports", imports},
                {"warnings", warnings},
                {"tree", tree->toJson()}};
}

Result<json> inspectText(ByteSource &source, const PreviewOptions &options)
{
    auto chunk = TextDecoder::readChunk(source, 0, 256 << 10, options);
    if (!chunk)
        return chunk.error();
    QStringList lines = chunk->text.split(QLatin1Char('\n'));
    const int maxLines = std::max(options.maxRows, 1) * 10;
    const bool cut = lines.size() > maxLines;
    if (cut)
        lines = lines.mid(0, maxLines);
    return json{{"encoding", s8(TextDecoder::encodingName(chunk->encoding))},
                {"bom", chunk->hasBom},
                {"head", s8(lines.join(QLatin1Char('\n')))},
                {"next_offset", chunk->nextOffset},
                {"truncated", cut || !chunk->atEnd}};
}

/// What makes a described file unsafe to load or extract, or broken: the "problems" list.
json problemsOf(const json &out, qint64 sourceSize)
{
    json problems = json::array();
    auto add = [&problems](const QString &text) {
        problems.push_back(s8(text));
    };
    auto dangerousImports = [](const json &imports) {
        QStringList names;
        for (const json &i : imports)
            if (i.value("safety", std::string()) == "dangerous")
                names << QString::fromStdString(i.value("name", std::string()));
        return names;
    };
    if (out.contains("archive")) {
        const json &a = out.at("archive");
        int unsafe = 0, overlapping = 0;
        for (const json &m : a.at("members")) {
            unsafe += m.value("unsafe_name", false) ? 1 : 0;
            overlapping += m.value("bad_range", false) ? 1 : 0;
        }
        if (unsafe > 0)
            add(QStringLiteral("%1 member name(s) escape the extraction folder (path traversal)")
                        .arg(unsafe));
        if (overlapping > 0)
            add(QStringLiteral("%1 member(s) overlap others or lie outside the data area")
                        .arg(overlapping));
        // Deflate peaks near 1032:1; real data stays far below 200:1.
        const qint64 total = a.value("total_size", qint64(0));
        if (sourceSize > 0 && total > (qint64(16) << 20) && total / sourceSize > 200)
            add(QStringLiteral("decompression bomb: %1 bytes from %2 (%3:1)")
                        .arg(total)
                        .arg(sourceSize)
                        .arg(total / sourceSize));
    }
    if (out.contains("pickle")) {
        const QStringList names = dangerousImports(out.at("pickle").at("imports"));
        if (!names.isEmpty())
            add(QStringLiteral("dangerous pickle imports (%1): never unpickle this file")
                        .arg(names.join(QStringLiteral(", "))));
    }
    if (out.contains("model")) {
        const json &meta = out.at("model").at("metadata");
        const QStringList names
                = dangerousImports(meta.contains("imports") ? meta.at("imports") : json::array());
        if (!names.isEmpty())
            add(QStringLiteral("dangerous pickle imports (%1): never torch.load this file")
                        .arg(names.join(QStringLiteral(", "))));
    }
    if (out.contains("npy") && out.at("npy").value("truncated", false))
        add(QStringLiteral("the array data is truncated (the header promises %1 bytes)")
                    .arg(out.at("npy").value("nbytes", qint64(0))));
    if (out.contains("npz")) {
        for (const json &m : out.at("npz").at("members")) {
            const QString name = QString::fromStdString(m.value("name", std::string()));
            if (m.contains("error"))
                add(QStringLiteral("member %1: %2")
                            .arg(name, QString::fromStdString(m.value("error", std::string()))));
            else if (m.value("truncated", false))
                add(QStringLiteral("member %1: the array data is truncated").arg(name));
        }
    }
    return problems;
}

Result<json> describe(ByteSource &source, const PreviewHints &hints, const PreviewOptions &options)
{
    KindDetector::Clue clue = KindDetector::Clue::None;
    const PreviewKind kind = KindDetector::detect(source, hints, options, &clue);
    json out = {{"name", s8(hints.fileName.isEmpty() ? source.name() : hints.fileName)},
                {"size", source.size()},
                {"kind", s8(KindDetector::kindName(kind))},
                {"detected_by", clue == KindDetector::Clue::ArtifactType ? "artifact type"
                                : clue == KindDetector::Clue::Extension  ? "extension"
                                                                         : "magic"}};
    if (options.cancelled())
        return Error::make(Error::Kind::Cancelled, QString(), source.name());
    auto model = [&](Result<ModelSummary> r) -> Result<json> {
        if (!r) {
            if (r.error().kind == Error::Kind::Unsupported) {
                out.update(hexJson(source, hints, r.error().message));
                return out;
            }
            return r.error();
        }
        out["model"] = r->toJson(std::max(options.maxRows, 1) * 50);
        return out;
    };
    // The table/array summaries carry their own "kind"; the top level already says it.
    auto section = [&](const char *key, Result<json> r) -> Result<json> {
        if (!r)
            return r.error();
        r->erase("kind");
        out[key] = std::move(r.value());
        return out;
    };
    switch (kind) {
    case PreviewKind::Table:
        // No statistics: they need the whole file, and inspect reads only what it shows.
        return section("table", inspectTable(source, hints, options, false));
    case PreviewKind::NumpyArray:
        return section("npy", inspectNpy(source, hints, options, false));
    case PreviewKind::NumpyZip:
        return section("npz", inspectNpz(source, hints, options, false));
    case PreviewKind::Archive: {
        auto r = ArchiveDecoder::list(source, options);
        if (!r)
            return r.error();
        out["archive"] = r->toJson(std::max(options.maxRows, 1) * 50);
        return out;
    }
    case PreviewKind::TorchZip:
        return model(TorchDecoder::decode(source, options));
    case PreviewKind::Safetensors:
        return model(SafetensorsDecoder::decode(source, options));
    case PreviewKind::Onnx:
        return model(OnnxDecoder::decode(source, options));
    case PreviewKind::Pickle: {
        auto r = inspectPickle(source, options);
        if (!r)
            return r.error();
        out["pickle"] = *r;
        return out;
    }
    case PreviewKind::Image: {
        auto r = ImageDecoder::decode(source, options, QSize(1024, 1024));
        if (!r)
            return r.error();
        out["image"] = {{"format", s8(r->format)},
                        {"width", r->originalSize.width()},
                        {"height", r->originalSize.height()},
                        {"depth", r->depth},
                        {"frames", r->frameCount},
                        {"preview_width", r->image.width()},
                        {"preview_height", r->image.height()},
                        {"scaled", r->scaled},
                        {"transformation", s8(r->transformation)}};
        return out;
    }
    case PreviewKind::Json: {
        JsonPreview::Limits limits;
        limits.maxChildren = std::max(options.maxRows, 1) * 5;
        limits.maxNodes = 5000;
        auto outline = JsonPreview::outline(source, options, limits);
        if (!outline)
            return outline.error();
        auto pretty = JsonPreview::prettyPrint(source, options, 64 << 10, 64 << 10);
        out["json"]
                = {{"outline", *outline}, {"pretty", pretty.ok() ? s8(*pretty) : std::string()}};
        return out;
    }
    case PreviewKind::Text:
    case PreviewKind::Yaml: {
        auto r = inspectText(source, options);
        if (!r)
            return r.error();
        out["text"] = *r;
        return out;
    }
    case PreviewKind::Binary:
    case PreviewKind::Unknown:
        break;
    }
    out.update(hexJson(source, hints, QStringLiteral("no preview for this file type")));
    return out;
}

} // namespace

Result<json> inspect(ByteSource &source, const PreviewHints &hints, const PreviewOptions &options)
{
    auto out = describe(source, hints, options);
    if (out)
        (*out)["problems"] = problemsOf(*out, source.size());
    return out;
}

} // namespace Trove
