#include "safetensorsdecoder.h"

#include "preview/lebytes.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace Trove {
namespace {

using json = nlohmann::json;
constexpr qint64 kMaxHeader = 100 << 20;
constexpr int kMaxDepth = 32;
constexpr int kMaxTensors = 1000000;

Error bad(const ByteSource &source, const QString &message)
{
    return Error::make(Error::Kind::Parse, QStringLiteral("safetensors: %1").arg(message),
                       source.name());
}

} // namespace

int SafetensorsDecoder::dtypeSize(const QString &dtype)
{
    static const QList<QPair<QString, int>> sizes = {
            {QStringLiteral("F64"), 8},     {QStringLiteral("F32"), 4},
            {QStringLiteral("F16"), 2},     {QStringLiteral("BF16"), 2},
            {QStringLiteral("I64"), 8},     {QStringLiteral("I32"), 4},
            {QStringLiteral("I16"), 2},     {QStringLiteral("I8"), 1},
            {QStringLiteral("U64"), 8},     {QStringLiteral("U32"), 4},
            {QStringLiteral("U16"), 2},     {QStringLiteral("U8"), 1},
            {QStringLiteral("BOOL"), 1},    {QStringLiteral("F8_E4M3"), 1},
            {QStringLiteral("F8_E5M2"), 1}, {QStringLiteral("C64"), 8},
    };
    for (const auto &p : sizes) {
        if (p.first == dtype)
            return p.second;
    }
    return 0;
}

Result<ModelSummary> SafetensorsDecoder::decode(ByteSource &source, const PreviewOptions &options)
{
    const qint64 size = source.size();
    auto head = source.read(0, 8);
    if (!head)
        return head.error();
    if (head->size() < 8)
        return bad(source, QStringLiteral("file is shorter than its 8-byte header length"));
    const quint64 n = LeBytes::u64(*head, 0);
    const qint64 cap = std::min<qint64>(kMaxHeader, options.maxBytesInMemory);
    if (n < 2 || n > quint64(cap))
        return bad(source,
                   QStringLiteral("header length %1 is out of range (cap %2)").arg(n).arg(cap));
    if (size >= 0 && qint64(n) > size - 8)
        return bad(source, QStringLiteral("header length %1 runs past the end of the file").arg(n));
    auto text = source.read(8, qint64(n));
    if (!text)
        return text.error();
    if (text->size() != qint64(n))
        return bad(source, QStringLiteral("file is truncated inside the header"));
    if (options.cancelled())
        return Error::make(Error::Kind::Cancelled, QString(), source.name());

    json header;
    try {
        header = json::parse(text->constBegin(), text->constEnd(),
                             [](int depth, json::parse_event_t, json &) {
                                 if (depth > kMaxDepth)
                                     throw std::runtime_error("nesting too deep");
                                 return true;
                             });
    } catch (const std::exception &e) {
        return bad(
                source,
                QStringLiteral("header is not valid JSON (%1)").arg(QString::fromUtf8(e.what())));
    }
    if (!header.is_object())
        return bad(source, QStringLiteral("header is not a JSON object"));

    const qint64 dataSize = size >= 0 ? size - 8 - qint64(n) : std::numeric_limits<qint64>::max();
    ModelSummary out;
    out.format = QStringLiteral("safetensors");
    out.metadata["header_bytes"] = n;
    out.metadata["data_bytes"] = size >= 0 ? json(dataSize) : json(nullptr);
    struct Range
    {
        qint64 begin, end;
        QString name;
    };
    std::vector<Range> ranges;
    for (auto it = header.begin(); it != header.end(); ++it) {
        const QString name = QString::fromStdString(it.key());
        if (name == QLatin1String("__metadata__")) {
            if (!it.value().is_object())
                return bad(source, QStringLiteral("__metadata__ is not an object"));
            out.metadata["user"] = it.value();
            continue;
        }
        if (out.tensors.size() >= kMaxTensors) {
            out.tensorsTruncated = true;
            break;
        }
        const json &t = it.value();
        if (!t.is_object() || !t.contains("dtype") || !t.contains("shape")
            || !t.contains("data_offsets") || !t.at("dtype").is_string()
            || !t.at("shape").is_array() || !t.at("data_offsets").is_array()
            || t.at("data_offsets").size() != 2)
            return bad(
                    source,
                    QStringLiteral("tensor \"%1\" lacks dtype, shape or data_offsets").arg(name));
        TensorEntry e;
        e.name = name;
        e.dtype = QString::fromStdString(t.at("dtype").get<std::string>());
        const int itemSize = dtypeSize(e.dtype);
        if (!itemSize)
            return bad(source,
                       QStringLiteral("tensor \"%1\" has unknown dtype %2").arg(name, e.dtype));
        qint64 numel = 1;
        for (const json &d : t.at("shape")) {
            if (!d.is_number_unsigned())
                return bad(source, QStringLiteral("tensor \"%1\" has a bad shape").arg(name));
            const quint64 v = d.get<quint64>();
            if (v > quint64(std::numeric_limits<qint64>::max())
                || (v && quint64(numel) > quint64(std::numeric_limits<qint64>::max()) / v / 8))
                return bad(source, QStringLiteral("tensor \"%1\" shape overflows").arg(name));
            numel *= qint64(v);
            e.shape.push_back(qint64(v));
        }
        const json &off = t.at("data_offsets");
        if (!off[0].is_number_unsigned() || !off[1].is_number_unsigned())
            return bad(source, QStringLiteral("tensor \"%1\" has bad data_offsets").arg(name));
        const quint64 b = off[0].get<quint64>();
        const quint64 en = off[1].get<quint64>();
        if (b > en || en > quint64(dataSize))
            return bad(source, QStringLiteral("tensor \"%1\" data_offsets [%2, %3] lie outside the "
                                              "%4-byte data area")
                                       .arg(name)
                                       .arg(b)
                                       .arg(en)
                                       .arg(dataSize));
        if (en - b != quint64(numel) * quint64(itemSize))
            return bad(source, QStringLiteral("tensor \"%1\" has %2 bytes, shape and dtype need %3")
                                       .arg(name)
                                       .arg(en - b)
                                       .arg(quint64(numel) * quint64(itemSize)));
        e.numel = numel;
        e.byteSize = qint64(en - b);
        e.extra = {{"data_offsets", {b, en}}};
        ranges.push_back({qint64(b), qint64(en), name});
        out.parameterCount += numel;
        out.tensors.append(std::move(e));
    }
    std::sort(ranges.begin(), ranges.end(),
              [](const Range &a, const Range &b) { return a.begin < b.begin; });
    for (size_t i = 1; i < ranges.size(); ++i) {
        if (ranges[i].begin < ranges[i - 1].end)
            return bad(source, QStringLiteral("tensors \"%1\" and \"%2\" overlap")
                                       .arg(ranges[i - 1].name, ranges[i].name));
    }
    if (!ranges.empty() && size >= 0 && ranges.back().end != dataSize)
        out.warnings << QStringLiteral("%1 bytes after the last tensor")
                                .arg(dataSize - ranges.back().end);
    return out;
}

} // namespace Trove
