#pragma once

#include "common/bytesource.h"
#include "preview/arraystats.h"
#include "preview/npyheader.h"
#include "preview/previewtypes.h"

#include <QFile>

#include <functional>
#include <memory>

namespace Trove {

using ArrayProgressFn = std::function<void(qint64 done, qint64 total)>;

/// Reads an .npy array from a ByteSource without loading it: open() reads the header only,
/// values are read by range (element offsets from the shape, the order and the item size), or
/// through a read-only memory map when the source is a local file. Object and structured dtypes
/// are described (name, fields, shape) but their values are never read.
///
/// The data may be shorter than the header claims (a truncated download): open() succeeds,
/// availableCount() tells how many leading elements exist, and reads past them fail cleanly.
///
/// Blocking; call from a worker thread. Reads are serialized by the ByteSource.
class NpyDecoder final
{
public:
    /// `base` is where the .npy bytes start inside `source` (0 for a plain file).
    explicit NpyDecoder(ByteSource &source, PreviewOptions options = {}, qint64 base = 0);
    NpyDecoder(std::unique_ptr<ByteSource> source, PreviewOptions options = {});
    ~NpyDecoder();
    Q_DISABLE_COPY_MOVE(NpyDecoder)

    Result<NpyHeader> open();
    const NpyHeader &header() const { return m_header; }
    /// Byte strides per axis in the data (C or Fortran order).
    const QList<qint64> &strides() const { return m_strides; }
    /// Elements actually present in the source (== header().count unless truncated).
    qint64 availableCount() const { return m_available; }
    bool truncated() const { return m_available < m_header.count; }

    /// Raw bytes of the data area [offset, offset + length); fails if any byte is missing.
    /// Reads of a page or more (up to 1 MiB) come from the memory map when there is one;
    /// single elements and the big sequential chunks of stats() are read with plain ranged
    /// reads, so touching a strided column or streaming the whole array does not map (and
    /// keep resident) the file's pages.
    Result<QByteArray> readData(qint64 offset, qint64 length);
    /// Byte offset in the data area of the element at `index` (one entry per axis).
    qint64 elementOffset(const QList<qint64> &index) const;

    /// One element's value as a double (complex: its magnitude, bool: 0/1). Numeric only.
    double toDouble(const char *item) const;
    /// One element as text, like numpy's repr of a scalar (complex as a+bj).
    QString toText(const char *item) const;

    /// Streams every element once in storage order: min/max/mean/std, NaN/inf counts and a
    /// histogram. Cancellable (PreviewOptions::cancel); `progress` is called per chunk.
    Result<ArrayStats> stats(const ArrayProgressFn &progress = {});

private:
    std::unique_ptr<ByteSource> m_owned;
    ByteSource &m_source;
    PreviewOptions m_options;
    qint64 m_base;
    NpyHeader m_header;
    QList<qint64> m_strides;
    qint64 m_available = 0;
    QFile m_mapFile;
    const uchar *m_map = nullptr;
    qint64 m_mapSize = 0;
};

} // namespace Trove
