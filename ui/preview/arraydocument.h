#pragma once

#include "arraystatsview.h"
#include "npyarrayprovider.h"
#include "previewsource.h"

#include <QList>
#include <QMutex>
#include <QStringList>

#include <functional>
#include <memory>

namespace Trove {

class NpyDecoder;
class NpzDecoder;

/// One array of an .npy file (the only member) or of an .npz archive.
struct ArrayMemberInfo
{
    QString name;
    QString dtype;
    QVector<qint64> shape;
    bool numeric = false;    ///< values can be shown (bool, int, uint, float, complex)
    bool compressed = false; ///< a deflated .npz member (np.savez_compressed)
    qint64 dataBytes = -1;   ///< uncompressed size of the values
    qint64 storedBytes = -1; ///< bytes in the file (compressed for deflated members)
    QString error;           ///< why the header could not be read

    /// "float64 (100, 100)".
    QString description() const;
};

/// An .npy or .npz file opened for the array preview: the member list from the headers only,
/// then a fresh decoder per use (the view and the statistics read concurrently). Blocking
/// methods: call them from worker threads. Thread-safe.
class ArrayDocument final
{
public:
    ~ArrayDocument();
    Q_DISABLE_COPY_MOVE(ArrayDocument)

    static Result<std::shared_ptr<ArrayDocument>> openNpy(PreviewSourcePtr source);
    static Result<std::shared_ptr<ArrayDocument>> openNpz(PreviewSourcePtr source);

    bool isNpz() const { return m_npz != nullptr; }
    const QList<ArrayMemberInfo> &members() const { return m_members; }
    QStringList warnings() const { return m_warnings; }
    /// The first member whose values can be shown, else 0.
    int defaultMember() const;
    const PreviewSourcePtr &source() const { return m_source; }

    /// An opened decoder for member `index`.
    Result<std::unique_ptr<NpyDecoder>> decoder(int index);

private:
    ArrayDocument() = default;

    PreviewSourcePtr m_source;
    std::unique_ptr<NpzDecoder> m_npz;
    QMutex m_mutex;
    QList<ArrayMemberInfo> m_members;
    QStringList m_warnings;
};

using ArrayDocumentPtr = std::shared_ptr<ArrayDocument>;

/// What the worker prepares before one member is shown: a point reader and the first screen.
struct ArrayMemberLoad
{
    int member = -1;
    NpyPointReaderPtr reader; ///< null for values that cannot be shown
    ArraySlice slice;
    ArrayPrefetch prefetch;
    QStringList notes;      ///< truncated data, non-numeric dtype, ...
    bool truncated = false; ///< fewer values than the shape says: no statistics
};

/// Opens member `index` and reads its first screen (blocking, worker thread).
Result<ArrayMemberLoad> loadArrayMember(const ArrayDocumentPtr &document, int index);

/// Whether statistics of member `index` should start on their own: always for local bytes,
/// for remote ones only when the values are small (a full pass reads all of them).
bool arrayStatsAreCheap(const ArrayDocument &document, int index);

/// One pass over every value of member `index`: min/max/mean/std, NaN/inf counts, histogram
/// (blocking, worker thread; cancelled through the source's flag).
Result<ArrayStatsView> computeArrayStats(const ArrayDocumentPtr &document,
                                         int index,
                                         const std::function<void(qint64, qint64)> &progress);

} // namespace Trove
