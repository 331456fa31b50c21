#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <memory>

namespace Trove {

/// Random-access bytes for the preview decoders: a cached file, or a remote object read by
/// HTTP Range (file server, http(s), s3). Decoders never assume the whole file is local and
/// never read it whole: they ask for the ranges they need.
///
/// Implementations are used from worker threads (never from the GUI thread) and may block.
/// read() must honour the cancel flag passed at construction when it can (remote sources).
class ByteSource
{
public:
    virtual ~ByteSource() = default;

    /// Total size in bytes, or -1 if unknown (a stream without Content-Length).
    virtual qint64 size() const = 0;

    /// Reads up to `length` bytes at `offset`. Returns fewer only at the end of the data.
    virtual Result<QByteArray> read(qint64 offset, qint64 length) = 0;

    /// A short human name for messages: a file path or a URL.
    virtual QString name() const = 0;

    /// If the bytes are a local file, its path (decoders may memory-map it); else empty.
    virtual QString localPath() const { return QString(); }
};

/// A local file, opened read-only. Uses QFile; map() is available through localPath().
std::unique_ptr<ByteSource> openFileSource(const QString &path, Error *error = nullptr);

/// Bytes held in memory (tests, small embedded members).
std::unique_ptr<ByteSource> memorySource(QByteArray data, QString name = QString());

} // namespace Trove
