#include "npyarrayprovider.h"

#include "previewthreadpool.h"

#include "preview/npydecoder.h"

#include <QtConcurrent>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Trove {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr qint64 kMaxGapBytes = 64 << 10; ///< elements closer than this are read in one go
constexpr qint64 kMaxRunBytes = 1 << 20;
} // namespace

NpyPointReader::NpyPointReader(std::unique_ptr<NpyDecoder> decoder, std::shared_ptr<void> keepAlive)
    : m_keepAlive(std::move(keepAlive))
    , m_decoder(std::move(decoder))
{
    const NpyHeader &h = m_decoder->header();
    m_itemSize = std::max<qint64>(1, h.dtype.itemSize);
    for (qint64 d : h.shape)
        m_shape.append(d);
    for (qint64 s : m_decoder->strides())
        m_strides.append(s / m_itemSize);
    m_dtype = h.dtype.name();
    m_available = m_decoder->availableCount();
    m_integral = h.dtype.kind == NpyDtype::Kind::Int || h.dtype.kind == NpyDtype::Kind::UInt
                 || h.dtype.kind == NpyDtype::Kind::Bool;
}

NpyPointReader::~NpyPointReader() = default;

qint64 NpyPointReader::elementAt(const QVector<qint64> &index) const
{
    qint64 element = 0;
    for (qsizetype a = 0; a < m_shape.size(); ++a) {
        const qint64 i = a < index.size() ? index[a] : 0;
        if (i < 0 || i >= m_shape[a])
            return -1;
        element += i * m_strides.value(a);
    }
    return element;
}

Result<std::vector<double>> NpyPointReader::read(const std::vector<qint64> &elements)
{
    QMutexLocker lock(&m_mutex);
    std::vector<double> out(elements.size(), kNaN);
    size_t i = 0;
    while (i < elements.size()) {
        if (elements[i] < 0 || elements[i] >= m_available) {
            ++i;
            continue;
        }
        // One run: following elements within the gap and run limits, all present.
        const qint64 start = elements[i] * m_itemSize;
        size_t j = i + 1;
        while (j < elements.size() && elements[j] < m_available
               && elements[j] * m_itemSize - (elements[j - 1] + 1) * m_itemSize <= kMaxGapBytes
               && (elements[j] + 1) * m_itemSize - start <= kMaxRunBytes)
            ++j;
        const qint64 end = (elements[j - 1] + 1) * m_itemSize;
        auto bytes = m_decoder->readData(start, end - start);
        if (!bytes)
            return bytes.error();
        for (size_t k = i; k < j; ++k)
            out[k] = m_decoder->toDouble(bytes->constData() + (elements[k] * m_itemSize - start));
        i = j;
    }
    return out;
}

Result<ArrayPrefetch>
prefetchSlice(NpyPointReader &reader, const ArraySlice &slice, qint64 maxCells)
{
    const QVector<qint64> shape = reader.shape();
    const qint64 rows = slice.rows(shape);
    const qint64 cols = slice.cols(shape);
    ArrayPrefetch out;
    if (rows <= 0 || cols <= 0)
        return out;
    out.exact = rows * cols <= maxCells;
    const qint64 side = std::max<qint64>(1, qint64(std::sqrt(double(maxCells))));
    const qint64 rowStep = out.exact ? 1 : std::max<qint64>(1, rows / side);
    const qint64 colStep = out.exact ? 1 : std::max<qint64>(1, cols / side);
    std::vector<qint64> elements;
    for (qint64 r = 0; r < rows; r += rowStep)
        for (qint64 c = 0; c < cols; c += colStep)
            elements.push_back(reader.elementAt(slice.indexOf(shape, r, c)));
    std::sort(elements.begin(), elements.end());
    elements.erase(std::unique(elements.begin(), elements.end()), elements.end());
    auto values = reader.read(elements);
    if (!values)
        return values.error();
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    out.values.reserve(qsizetype(elements.size()));
    for (size_t k = 0; k < elements.size(); ++k) {
        const double v = (*values)[k];
        out.values.insert(elements[k], v);
        if (std::isfinite(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    if (std::isfinite(lo))
        out.range = std::make_pair(lo, hi);
    return out;
}

NpyArrayProvider::NpyArrayProvider(NpyPointReaderPtr reader, CancelFlag cancel, QObject *parent)
    : QObject(parent)
    , m_reader(std::move(reader))
    , m_cancel(std::move(cancel))
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &NpyArrayProvider::readFinished);
}

NpyArrayProvider::~NpyArrayProvider()
{
    // The job keeps the reader alive on its own; it stops at the owner's cancel flag.
    m_watcher.disconnect(this);
}

void NpyArrayProvider::seed(const QHash<qint64, double> &values)
{
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        store(it.key(), it.value());
}

double NpyArrayProvider::value(const QVector<qint64> &index) const
{
    const qint64 element = m_reader->elementAt(index);
    if (element < 0)
        return kNaN;
    if (auto it = m_current.constFind(element); it != m_current.cend())
        return *it;
    if (auto it = m_previous.constFind(element); it != m_previous.cend())
        return *it;
    if (!m_failed && m_wanted.size() < kMaxBatch && !m_inFlightSet.contains(element)) {
        m_wanted.insert(element);
        scheduleRead();
    }
    return kNaN;
}

void NpyArrayProvider::scheduleRead() const
{
    if (m_scheduled || m_watcher.isRunning())
        return;
    m_scheduled = true;
    // After the paint that asked: one job reads everything this paint missed.
    QMetaObject::invokeMethod(const_cast<NpyArrayProvider *>(this), &NpyArrayProvider::startRead,
                              Qt::QueuedConnection);
}

void NpyArrayProvider::startRead()
{
    m_scheduled = false;
    if (m_wanted.isEmpty() || m_watcher.isRunning() || m_cancel->load())
        return;
    m_inFlight.assign(m_wanted.cbegin(), m_wanted.cend());
    m_inFlightSet = m_wanted;
    m_wanted.clear();
    std::sort(m_inFlight.begin(), m_inFlight.end());
    m_watcher.setFuture(
            QtConcurrent::run(previewThreadPool(), [reader = m_reader, elements = m_inFlight] {
                return reader->read(elements);
            }));
}

void NpyArrayProvider::readFinished()
{
    const auto result = m_watcher.result();
    const std::vector<qint64> elements = std::move(m_inFlight);
    m_inFlight.clear();
    m_inFlightSet.clear();
    if (!result) {
        if (result.error().isCancelled())
            return;
        // Remember the failure as NaN so the screen does not ask again and again.
        m_failed = true;
        for (qint64 e : elements)
            store(e, kNaN);
        emit readFailed(result.error().userMessage());
        emit valuesArrived();
        return;
    }
    for (size_t k = 0; k < elements.size(); ++k)
        store(elements[k], (*result)[k]);
    emit valuesArrived();
    if (!m_wanted.isEmpty())
        scheduleRead();
}

void NpyArrayProvider::store(qint64 element, double value)
{
    if (m_current.size() >= kGenerationSize) {
        m_previous = std::move(m_current);
        m_current = {};
    }
    m_current.insert(element, value);
}

} // namespace Trove
