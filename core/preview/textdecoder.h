#pragma once

#include "common/bytesource.h"
#include "common/result.h"
#include "preview/previewtypes.h"

#include <QString>

namespace Trove {

enum class TextEncoding { Utf8, Utf16LE, Utf16BE, Utf32LE, Utf32BE, Latin1, Windows1252 };

/// One page of decoded text: bytes [offset, nextOffset) of the source.
struct TextChunk
{
    QString text;
    qint64 offset = 0;
    qint64 nextOffset = 0; ///< where the next page starts (aligned to a line or a character)
    bool atEnd = false;
    TextEncoding encoding = TextEncoding::Utf8;
    bool hasBom = false;
};

/// Text preview: encoding detection and paging by byte offset.
///
/// Encoding: a BOM (UTF-8/16/32) wins; else UTF-16 without BOM is recognized by its zero
/// bytes; else valid UTF-8; else Windows-1252 when C1 bytes (0x80-0x9F) occur, else Latin-1.
/// Pages: readChunk() decodes at most `maxBytes` from `offset` and cuts at the last line end
/// inside them (or at a character boundary for a single huge line), so pages never split a
/// character or a line, and memory stays bounded by the page. Show the first megabytes at
/// once, then call readChunk(nextOffset) on demand. Blocking; call from a worker thread.
class TextDecoder final
{
public:
    static TextEncoding detectEncoding(const QByteArray &head, int *bomSize = nullptr);
    static QString encodingName(TextEncoding encoding);
    /// Decodes a whole byte array in `encoding` (no BOM handling).
    static QString decode(const QByteArray &bytes, TextEncoding encoding);
    /// True if `head` looks like text (few control bytes, decodable).
    static bool looksLikeText(const QByteArray &head);

    /// Reads a page; `encoding` is detected from the start of the source when not given.
    static Result<TextChunk>
    readChunk(ByteSource &source, qint64 offset, qint64 maxBytes, const PreviewOptions &options);
    static Result<TextChunk> readChunk(ByteSource &source,
                                       qint64 offset,
                                       qint64 maxBytes,
                                       const PreviewOptions &options,
                                       TextEncoding encoding,
                                       int bomSize);
};

} // namespace Trove
