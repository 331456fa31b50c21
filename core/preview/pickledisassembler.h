#pragma once

#include "common/bytesource.h"
#include "common/result.h"
#include "preview/pickletree.h"
#include "preview/previewtypes.h"

namespace Trove {

/// A static disassembler of Python pickles, protocols 0 to 5. It NEVER executes anything: it
/// interprets each opcode on a symbolic stack and builds a PickleTree of what the pickle would
/// construct, with every import it names classified (PickleSafetyClassifier). REDUCE, NEWOBJ,
/// BUILD, INST and OBJ are recorded as nodes, never called.
///
/// Bounded: objects (beyond the cap they are elided but imports are still collected), memo
/// entries, stack size, text-line length; large str/bytes payloads are skipped on the source
/// (only their head is read), so a multi-GB pickle costs little memory. Malformed or truncated
/// input gives one Parse error naming the offset. Blocking; call from a worker thread.
class PickleDisassembler final
{
public:
    struct Limits
    {
        int maxObjects = 250000; ///< further objects are elided (PickleTree::truncated)
        int maxStack = 1000000;
        int maxMemo = 1000000;
        int maxStringChars = 256; ///< str values kept for display
        int maxBytesHead = 32;    ///< bytes kept from bytes payloads
        qint64 maxOpcodes = 200000000;
    };

    /// Disassembles the pickle starting at `offset` of `source`.
    static Result<PickleTree>
    disassemble(ByteSource &source, const PreviewOptions &options, qint64 offset = 0);
    static Result<PickleTree> disassemble(ByteSource &source,
                                          const PreviewOptions &options,
                                          const Limits &limits,
                                          qint64 offset = 0);

    /// True if `head` starts like a pickle of protocol 2+ (PROTO opcode).
    static bool looksLikePickle(const QByteArray &head);
};

} // namespace Trove
