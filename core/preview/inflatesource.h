#pragma once

#include "common/bytesource.h"
#include "preview/previewtypes.h"

#include <QMutex>

#include <memory>
#include <optional>
#include <vector>

namespace Trove {

/// Inflate checkpoints shared by every InflateSource over the same compressed bytes
/// (zran-style): at a deflate block boundary every `spacing` output bytes, the compressed
/// offset, the bit offset and the 32 KiB window are kept, so a late range can be inflated from
/// the nearest checkpoint instead of from the start. The number of checkpoints is capped
/// (maxCheckpoints): past it, every other one is dropped and the spacing doubles, so memory
/// stays bounded (at most maxCheckpoints x 32 KiB) whatever the file size.
struct InflateIndex
{
    struct Checkpoint
    {
        qint64 out = 0;      ///< uncompressed offset
        qint64 in = 0;       ///< compressed offset of the first byte not fully consumed
        int bits = 0;        ///< bits of the byte at in-1 still to use (0..7)
        bool header = false; ///< at the start of a gzip member: no window, wrapper mode
        QByteArray window;   ///< last 32 KiB of output before `out`
    };

    mutable QMutex mutex;
    std::vector<Checkpoint> points;
    qint64 spacing = qint64(4) << 20;
    int maxCheckpoints = 256;
    qint64 knownSize = -1; ///< set once the end of the stream has been reached
};

/// The uncompressed bytes of a gzip file (multi-member included) or of a raw deflate stream
/// (a zip member), as a ByteSource. Sequential reads stream; a read before the current
/// position, or far after it, restarts from the nearest checkpoint of the shared InflateIndex.
/// Memory: one input chunk, one output chunk, a 32 KiB window, plus the index.
///
/// Blocking; call from a worker thread. One InflateSource is not thread-safe; create one per
/// thread and share the InflateIndex. Truncated or corrupt data: the bytes decoded before the
/// damage are served, reads past them return no bytes (as at an end), and streamError() tells
/// what happened. Callers that know the expected size treat a short read as an error.
class InflateSource final : public ByteSource
{
public:
    enum class Format { Gzip, RawDeflate };

    InflateSource(ByteSource &compressed,
                  Format format,
                  PreviewOptions options,
                  qint64 compressedOffset = 0,
                  qint64 compressedLength = -1,
                  qint64 uncompressedSize = -1,
                  std::shared_ptr<InflateIndex> index = {});
    ~InflateSource() override;

    qint64 size() const override;
    Result<QByteArray> read(qint64 offset, qint64 length) override;
    QString name() const override;

    const std::shared_ptr<InflateIndex> &index() const { return m_index; }
    /// Compressed bytes consumed so far (for progress against the compressed size).
    qint64 compressedPosition() const { return m_inPos - m_compressedOffset; }
    /// Set when the stream was found truncated or corrupt; the bytes before were served.
    const std::optional<Error> &streamError() const { return m_streamError; }
    int checkpointCount() const;

private:
    Status restore(qint64 offset);
    Status fillInput();
    void addCheckpoint();
    void pushWindow(const char *data, qint64 n);

    ByteSource &m_compressed;
    Format m_format;
    PreviewOptions m_options;
    qint64 m_compressedOffset;
    qint64 m_compressedEnd; ///< absolute, exclusive; -1 = to the end of the source
    qint64 m_uncompressedSize;
    std::shared_ptr<InflateIndex> m_index;

    struct Stream;
    std::unique_ptr<Stream> m_z;
    bool m_rawMode = false; ///< restored from a checkpoint: raw deflate, gzip trailer by hand
    bool m_end = false;     ///< stream end reached
    qint64 m_outPos = 0;    ///< uncompressed offset of the next byte inflate produces
    qint64 m_inPos = 0;     ///< absolute compressed offset of the next byte to fetch
    QByteArray m_in;        ///< input chunk being consumed
    QByteArray m_ring;      ///< last 32 KiB of output (ring)
    qint64 m_ringFill = 0;
    qint64 m_ringPos = 0;
    std::optional<Error> m_streamError;
};

} // namespace Trove
