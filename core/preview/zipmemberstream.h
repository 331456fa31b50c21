#pragma once

#include "common/bytesource.h"
#include "common/result.h"
#include "preview/previewtypes.h"
#include "preview/zipreader.h"

#include <atomic>
#include <memory>

namespace Trove {

/// Sequential reader of one zip member's uncompressed bytes, created by ZipReader::openMember.
///
/// Memory stays bounded: it holds one compressed chunk (64 KiB) plus what the caller asks for.
/// It never produces more than the member's declared size (more is an error: a lying header or
/// a bomb), checks the CRC-32 when the end is reached, and charges every produced byte to the
/// reader's decompression budget. Blocking; call from a worker thread.
class ZipMemberStream final
{
public:
    ~ZipMemberStream();
    ZipMemberStream(const ZipMemberStream &) = delete;
    ZipMemberStream &operator=(const ZipMemberStream &) = delete;

    const ZipEntry &entry() const { return m_entry; }
    /// Declared uncompressed size.
    qint64 size() const { return qint64(m_entry.uncompressedSize); }
    qint64 position() const { return m_produced; }
    bool atEnd() const { return m_finished; }

    /// Up to `maxBytes` next bytes; an empty array at the end. Errors: truncated or corrupt
    /// data, size or CRC mismatch (Integrity), budget exceeded, cancelled.
    Result<QByteArray> read(qint64 maxBytes);
    /// Reads and discards `count` bytes (or up to the end).
    Status skip(qint64 count);

private:
    friend class ZipReader;
    ZipMemberStream(ByteSource &source,
                    ZipEntry entry,
                    quint64 dataOffset,
                    const PreviewOptions &options,
                    std::shared_ptr<std::atomic<qint64>> budget);
    Status init();
    Status fillInput();
    Status finish();
    Status charge(qint64 bytes);

    struct Inflater;
    ByteSource &m_source;
    ZipEntry m_entry;
    quint64 m_dataOffset;
    PreviewOptions m_options;
    std::shared_ptr<std::atomic<qint64>> m_budget;
    std::unique_ptr<Inflater> m_inflater;
    QByteArray m_input;
    quint64 m_compressedRead = 0;
    qint64 m_produced = 0;
    quint32 m_crc = 0;
    bool m_finished = false;
};

} // namespace Trove
