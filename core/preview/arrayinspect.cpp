#include "arrayinspect.h"

#include "preview/arrayview.h"
#include "preview/npydecoder.h"
#include "preview/npzdecoder.h"

namespace Trove {
namespace {
constexpr int kCornerColumns = 8;

nlohmann::json headerJson(const NpyHeader &h)
{
    nlohmann::json j;
    j["version"] = QStringLiteral("%1.%2").arg(h.major).arg(h.minor).toStdString();
    j["dtype"] = h.dtype.toJson();
    j["shape"] = std::vector<qint64>(h.shape.begin(), h.shape.end());
    j["order"] = h.fortranOrder ? "F" : "C";
    j["count"] = h.count;
    j["nbytes"] = h.dataBytes;
    return j;
}

// Adds the corner of values and, if asked, the stats of an opened decoder to `j`.
Status describeValues(NpyDecoder &decoder,
                      const PreviewOptions &options,
                      bool withStats,
                      nlohmann::json &j)
{
    j["truncated"] = decoder.truncated();
    if (!decoder.header().dtype.isNumeric()) {
        j["values"] = "not loaded (" + decoder.header().dtype.name().toStdString() + ")";
        return {};
    }
    ArrayView view(decoder);
    auto corner = view.text(0, std::max(1, options.maxRows), 0, kCornerColumns);
    if (!corner) {
        if (corner.error().isCancelled())
            return corner.error();
        j["cornerError"] = corner.error().message.toStdString();
    } else {
        auto rows = nlohmann::json::array();
        for (const auto &row : corner.value()) {
            auto r = nlohmann::json::array();
            for (const auto &cell : row)
                r.push_back(cell.toStdString());
            rows.push_back(std::move(r));
        }
        j["corner"] = std::move(rows);
    }
    if (withStats && !decoder.truncated()) {
        auto stats = decoder.stats();
        if (!stats)
            return stats.error();
        j["stats"] = stats->toJson();
    }
    return {};
}
} // namespace

Result<nlohmann::json> inspectNpy(ByteSource &source,
                                  const PreviewHints &hints,
                                  const PreviewOptions &options,
                                  bool withStats)
{
    Q_UNUSED(hints);
    NpyDecoder decoder(source, options);
    auto header = decoder.open();
    if (!header)
        return header.error();
    nlohmann::json j = headerJson(header.value());
    j["kind"] = "npy";
    if (auto st = describeValues(decoder, options, withStats, j); !st)
        return st.error();
    return j;
}

Result<nlohmann::json> inspectNpz(ByteSource &source,
                                  const PreviewHints &hints,
                                  const PreviewOptions &options,
                                  bool withStats)
{
    Q_UNUSED(hints);
    NpzDecoder npz(source, options);
    auto members = npz.open();
    if (!members)
        return members.error();
    nlohmann::json j;
    j["kind"] = "npz";
    auto list = nlohmann::json::array();
    for (int i = 0; i < members->size(); ++i) {
        const NpzMember &m = members->at(i);
        nlohmann::json mj = m.header ? headerJson(*m.header) : nlohmann::json::object();
        mj["name"] = m.name.toStdString();
        mj["compressed"] = m.compressed;
        mj["size"] = m.size;
        mj["compressedSize"] = m.compressedSize;
        if (!m.header) {
            mj["error"] = m.error.toStdString();
        } else if (i < 64) { // corners for the first members only: the listing stays cheap
            auto decoder = npz.member(i);
            if (!decoder)
                mj["error"] = decoder.error().message.toStdString();
            else if (auto st = describeValues(**decoder, options, withStats, mj); !st) {
                if (st.error().isCancelled())
                    return st.error();
                mj["error"] = st.error().message.toStdString();
            }
        }
        list.push_back(std::move(mj));
    }
    j["members"] = std::move(list);
    if (!npz.warnings().isEmpty()) {
        auto w = nlohmann::json::array();
        for (const auto &s : npz.warnings())
            w.push_back(s.toStdString());
        j["warnings"] = std::move(w);
    }
    return j;
}

} // namespace Trove
