#pragma once

#include "arraydataprovider.h"
#include "previewsource.h"

#include <QFutureWatcher>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QSet>

#include <memory>
#include <optional>
#include <vector>

namespace Trove {

class NpyDecoder;

/// Reads single elements of an opened .npy array by element number (storage order), for the
/// asynchronous provider below. Owns the decoder and everything it reads from; all decoder use
/// is serialized by a mutex, so jobs on any worker thread may share it. Blocking.
class NpyPointReader final
{
public:
    NpyPointReader(std::unique_ptr<NpyDecoder> decoder, std::shared_ptr<void> keepAlive);
    ~NpyPointReader();
    Q_DISABLE_COPY_MOVE(NpyPointReader)

    QVector<qint64> shape() const { return m_shape; }
    QString dtype() const { return m_dtype; }
    bool integral() const { return m_integral; }
    /// Element number (in storage order) of an N-D index; -1 outside the array.
    qint64 elementAt(const QVector<qint64> &index) const;

    /// Values of the given elements (sorted ascending), NaN for elements that are missing
    /// (truncated data). Neighbouring elements are read together (one ranged read per run).
    /// Stops with the error of the first failing read (Cancelled included).
    Result<std::vector<double>> read(const std::vector<qint64> &sortedElements);

private:
    std::shared_ptr<void> m_keepAlive; ///< declared first: outlives the decoder
    std::unique_ptr<NpyDecoder> m_decoder;
    QMutex m_mutex;
    QVector<qint64> m_shape;
    QVector<qint64> m_strides; ///< in elements
    QString m_dtype;
    qint64 m_itemSize = 1;
    qint64 m_available = 0;
    bool m_integral = false;
};

using NpyPointReaderPtr = std::shared_ptr<NpyPointReader>;

/// Values read ahead on the worker thread for the first screen.
struct ArrayPrefetch
{
    QHash<qint64, double> values;                   ///< element number -> value
    std::optional<std::pair<double, double>> range; ///< min/max of the finite values read
    bool exact = false; ///< every cell of the slice was read (else a strided sample)
};

/// Reads the cells of `slice` (all of them up to `maxCells`, else a strided sample grid of
/// about `maxCells`) so the first screen is drawn from memory. Blocking, worker thread.
Result<ArrayPrefetch>
prefetchSlice(NpyPointReader &reader, const ArraySlice &slice, qint64 maxCells = 1 << 18);

/// An ArrayDataProvider over an .npy array (a file, a remote object, an .npz member) that never
/// blocks the GUI thread: value() answers from a bounded cache of elements; a miss returns NaN
/// and queues the element, the queued elements are read together on a worker thread, and
/// valuesArrived() tells the viewer to repaint (ArrayViewer::refreshValues). The widgets only
/// ask for what is on screen, so the cache follows the screen: two generations of at most
/// kGenerationSize values each, the older one dropped when the newer fills.
class NpyArrayProvider final : public QObject, public ArrayDataProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NpyArrayProvider)

public:
    static constexpr qsizetype kGenerationSize = 2'000'000;
    static constexpr qsizetype kMaxBatch = 1'000'000;

    NpyArrayProvider(NpyPointReaderPtr reader, CancelFlag cancel, QObject *parent = nullptr);
    ~NpyArrayProvider() override;

    /// Adds values read ahead (prefetchSlice) to the cache.
    void seed(const QHash<qint64, double> &values);

    QVector<qint64> shape() const override { return m_reader->shape(); }
    QString dtype() const override { return m_reader->dtype(); }
    double value(const QVector<qint64> &index) const override;
    bool isIntegral() const override { return m_reader->integral(); }

    qsizetype cachedValues() const { return m_current.size() + m_previous.size(); }
    /// Elements waiting for, or being read by, a worker job.
    qsizetype pendingValues() const { return m_wanted.size() + m_inFlight.size(); }
    bool isReading() const { return m_watcher.isRunning(); }

signals:
    void valuesArrived();
    /// A read failed (not cancelled); the affected cells stay empty (NaN).
    void readFailed(const QString &message);

private:
    void scheduleRead() const;
    void startRead();
    void readFinished();
    void store(qint64 element, double value);

    NpyPointReaderPtr m_reader;
    CancelFlag m_cancel;
    QHash<qint64, double> m_current;
    QHash<qint64, double> m_previous;
    mutable QSet<qint64> m_wanted;
    std::vector<qint64> m_inFlight;
    QSet<qint64> m_inFlightSet;
    mutable bool m_scheduled = false;
    bool m_failed = false;
    QFutureWatcher<Result<std::vector<double>>> m_watcher;
};

} // namespace Trove
