#pragma once

#include "common/bytesource.h"
#include "common/result.h"
#include "preview/previewtypes.h"

#include <nlohmann/json.hpp>

namespace Trove {

/// JSON preview for files of any size, without building a DOM of the whole file.
///
/// - prettyPrint(): a streaming re-indenter (a tokenizer, not a parser) over the first bytes,
///   output capped; works on invalid or truncated JSON too.
/// - outline(): a bounded, collapsible tree built by nlohmann's SAX parser streaming from the
///   source: nesting depth capped (deeper input is an error, never a stack overflow), at most
///   `maxChildren` children kept per container and `maxNodes` nodes overall (the rest are
///   counted, not stored), strings truncated for display. The whole file is scanned, so the
///   counts are exact and syntax errors anywhere are reported with their byte offset. One
///   string or number larger than maxBytesInMemory / 4 (at least 1 MiB) is refused, since the
///   lexer holds a token whole.
///
/// Outline node: {"type": object|array|string|number|boolean|null, "key"?: str,
/// "value"?: scalar text, "count"?: children, "children"?: [...], "truncated"?: true}.
/// Blocking; call from a worker thread.
class JsonPreview final
{
public:
    struct Limits
    {
        int maxDepth = 512;
        int maxChildren = 1000;
        int maxNodes = 100000;
        int maxStringChars = 200;
    };

    static Result<QString> prettyPrint(ByteSource &source,
                                       const PreviewOptions &options,
                                       qint64 maxInputBytes = 4 << 20,
                                       qint64 maxOutputChars = 8 << 20);
    static Result<nlohmann::json>
    outline(ByteSource &source, const PreviewOptions &options, const Limits &limits);
    static Result<nlohmann::json> outline(ByteSource &source, const PreviewOptions &options);
};

} // namespace Trove
