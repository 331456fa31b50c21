#include "arraydocument.h"

#include "preview/npydecoder.h"
#include "preview/npzdecoder.h"

#include <QCoreApplication>

namespace Trove {

namespace {

/// Remote arrays up to this size get their statistics at once; larger ones on request.
constexpr qint64 kRemoteStatsBytes = 64 << 20;

QString tr(const char *text)
{
    return QCoreApplication::translate("Trove::ArrayDocument", text);
}

ArrayMemberInfo infoFor(const NpyHeader &h)
{
    ArrayMemberInfo m;
    m.dtype = h.dtype.name();
    for (qint64 d : h.shape)
        m.shape.append(d);
    m.numeric = h.dtype.isNumeric();
    m.dataBytes = h.dataBytes;
    return m;
}

} // namespace

QString ArrayMemberInfo::description() const
{
    if (!error.isEmpty())
        return error;
    QStringList dims;
    for (qint64 d : shape)
        dims << QString::number(d);
    return QStringLiteral("%1 (%2%3)")
            .arg(dtype, dims.join(QStringLiteral(", ")),
                 shape.size() == 1 ? QStringLiteral(",") : QString());
}

ArrayDocument::~ArrayDocument() = default;

Result<std::shared_ptr<ArrayDocument>> ArrayDocument::openNpy(PreviewSourcePtr source)
{
    std::shared_ptr<ArrayDocument> doc(new ArrayDocument);
    doc->m_source = std::move(source);
    NpyDecoder npy(*doc->m_source, doc->m_source->options());
    auto header = npy.open();
    if (!header)
        return header.error();
    ArrayMemberInfo m = infoFor(*header);
    m.name = doc->m_source->name().section(QLatin1Char('/'), -1);
    m.storedBytes = doc->m_source->size();
    if (npy.truncated() && m.numeric)
        doc->m_warnings << tr("The file is truncated: %1 of %2 values are present.")
                                   .arg(npy.availableCount())
                                   .arg(header->count);
    doc->m_members.append(m);
    return doc;
}

Result<std::shared_ptr<ArrayDocument>> ArrayDocument::openNpz(PreviewSourcePtr source)
{
    std::shared_ptr<ArrayDocument> doc(new ArrayDocument);
    doc->m_source = std::move(source);
    doc->m_npz = std::make_unique<NpzDecoder>(*doc->m_source, doc->m_source->options());
    auto members = doc->m_npz->open();
    if (!members)
        return members.error();
    for (const NpzMember &z : *members) {
        ArrayMemberInfo m = z.header ? infoFor(*z.header) : ArrayMemberInfo();
        m.name = z.name;
        m.compressed = z.compressed;
        m.storedBytes = qint64(z.compressedSize);
        if (!z.header)
            m.error = z.error.isEmpty() ? tr("unreadable header") : z.error;
        doc->m_members.append(m);
    }
    doc->m_warnings = doc->m_npz->warnings();
    if (doc->m_members.isEmpty())
        doc->m_warnings << tr("The archive holds no arrays.");
    return doc;
}

int ArrayDocument::defaultMember() const
{
    for (int i = 0; i < m_members.size(); ++i)
        if (m_members[i].numeric && m_members[i].error.isEmpty())
            return i;
    return 0;
}

Result<std::unique_ptr<NpyDecoder>> ArrayDocument::decoder(int index)
{
    if (index < 0 || index >= m_members.size())
        return Error::make(Error::Kind::Parse, tr("no such array"), m_source->name());
    if (!m_members[index].error.isEmpty())
        return Error::make(Error::Kind::Parse, m_members[index].error, m_source->name());
    if (m_npz) {
        QMutexLocker lock(&m_mutex);
        return m_npz->member(index);
    }
    auto npy = std::make_unique<NpyDecoder>(*m_source, m_source->options());
    if (auto h = npy->open(); !h)
        return h.error();
    return npy;
}

Result<ArrayMemberLoad> loadArrayMember(const ArrayDocumentPtr &document, int index)
{
    ArrayMemberLoad out;
    out.member = index;
    if (index < 0 || index >= document->members().size())
        return out; // an empty archive: nothing to show
    const ArrayMemberInfo &info = document->members().at(index);
    if (!info.error.isEmpty()) {
        out.notes << tr("\"%1\" cannot be read: %2").arg(info.name, info.error);
        return out;
    }
    if (!info.numeric) {
        out.notes << tr("Values of dtype %1 cannot be shown (only bool, integer, float and "
                        "complex arrays are).")
                             .arg(info.dtype);
        return out;
    }
    auto decoder = document->decoder(index);
    if (!decoder)
        return decoder.error();
    out.truncated = (*decoder)->truncated();
    if (out.truncated && document->isNpz())
        out.notes << tr("\"%1\" is truncated: %2 of %3 values are present.")
                             .arg(info.name)
                             .arg((*decoder)->availableCount())
                             .arg((*decoder)->header().count);
    out.reader = std::make_shared<NpyPointReader>(std::move(decoder.value()), document);
    out.slice = ArraySlice::defaultFor(out.reader->shape());
    auto prefetch = prefetchSlice(*out.reader, out.slice);
    if (!prefetch)
        return prefetch.error();
    out.prefetch = std::move(prefetch.value());
    return out;
}

bool arrayStatsAreCheap(const ArrayDocument &document, int index)
{
    if (index < 0 || index >= document.members().size())
        return false;
    const ArrayMemberInfo &m = document.members().at(index);
    if (!m.numeric || !m.error.isEmpty())
        return false;
    const auto origin = document.source()->origin();
    if (origin != PreviewSource::Origin::Remote)
        return true;
    const qint64 bytes = m.compressed ? m.storedBytes : m.dataBytes;
    return bytes >= 0 && bytes <= kRemoteStatsBytes;
}

Result<ArrayStatsView> computeArrayStats(const ArrayDocumentPtr &document,
                                         int index,
                                         const std::function<void(qint64, qint64)> &progress)
{
    auto decoder = document->decoder(index);
    if (!decoder)
        return decoder.error();
    auto stats = (*decoder)->stats(progress);
    if (!stats)
        return stats.error();
    ArrayStatsView v;
    v.valid = true;
    v.count = stats->count;
    v.nans = stats->nanCount;
    v.infinities = stats->posInfCount + stats->negInfCount;
    v.min = stats->min;
    v.max = stats->max;
    v.mean = stats->mean;
    v.std = stats->std;
    v.magnitude = stats->magnitude;
    const qsizetype bins = stats->histogram.size();
    if (bins > 0) {
        const double width = (stats->histogramHigh - stats->histogramLow) / double(bins);
        for (qsizetype i = 0; i <= bins; ++i)
            v.edges.append(stats->histogramLow + double(i) * width);
        for (qint64 c : stats->histogram)
            v.counts.append(c);
    }
    return v;
}

} // namespace Trove
