#pragma once

#include "archivetreeview.h"
#include "arraydocument.h"
#include "jsontreenode.h"
#include "modelsummaryview.h"
#include "pickletreeview.h"
#include "previewsource.h"

#include "preview/imagedecoder.h"
#include "preview/kinddetector.h"
#include "preview/textdecoder.h"

#include <QSize>
#include <QStringList>

#include <memory>
#include <optional>

namespace Trove {

class TableDecoder;

/// A listing of an archive, ready for ArchiveTreeView.
struct ArchiveLoad
{
    QString format;
    QList<ArchiveEntryView> entries;
    bool truncated = false;
    qint64 totalSize = 0;
};

/// The JSON preview: pretty text of the first megabytes, and the outline tree (unless it was
/// left for a second pass because the file is large).
struct JsonLoad
{
    QString pretty;
    bool prettyComplete = true; ///< the whole file is in `pretty`
    std::optional<JsonTreeNode> tree;
    QString treeError; ///< the outline failed (invalid JSON): the text is still shown
};

/// Everything the first screen of a preview needs, decoded on a worker thread. Exactly one of
/// the kind-specific members is set, by `kind`; the decoders in it keep reading the same
/// source afterwards (table blocks, array values, text pages, archive members).
struct PreviewLoad
{
    PreviewKind kind = PreviewKind::Unknown;
    KindDetector::Clue clue = KindDetector::Clue::None;
    PreviewSourcePtr source;
    QStringList notes; ///< shown above the viewer (truncation, warnings)

    std::shared_ptr<TableDecoder> table;
    ArrayDocumentPtr arrays;
    std::optional<ArrayMemberLoad> firstArray;
    std::optional<ImagePreview> image;
    std::optional<TextChunk> text; ///< Text and Yaml
    std::optional<JsonLoad> json;
    std::optional<ArchiveLoad> archive;
    std::optional<PickleNodeView> pickle;
    std::optional<ModelSummaryData> model;
    QByteArray hexHead; ///< Binary: the first bytes
    QString fileType;   ///< Binary: what the magic bytes say ("HDF5 data"), or empty
};

/// The sizes the loader works with.
struct PreviewLimits
{
    QSize imageBox{2048, 2048};           ///< images are decoded to fit (device pixels)
    qint64 firstTextBytes = 2 << 20;      ///< text shown at once
    qint64 jsonTreeInlineBytes = 8 << 20; ///< larger JSON files get their tree in a second pass
    qint64 hexBytes = 64 << 10;           ///< bytes of the binary fallback
};

/// Detects the kind (artifact type, extension, magic) and decodes the first screen. Blocking:
/// run it on a worker thread. Cancelled through the source's flag.
/// `detected` receives the kind even when decoding fails (for the error message).
Result<PreviewLoad> loadPreview(const PreviewSourcePtr &source,
                                const PreviewHints &hints,
                                const PreviewLimits &limits,
                                PreviewKind *detected = nullptr);

/// The next page of a text preview from `offset` (blocking).
Result<TextChunk> loadTextPage(const PreviewSourcePtr &source,
                               qint64 offset,
                               TextEncoding encoding,
                               int bomSize,
                               qint64 maxBytes = 1 << 20);

/// The outline tree of a whole JSON file, streamed (blocking).
Result<JsonTreeNode> loadJsonTree(const PreviewSourcePtr &source);

/// What a binary file is, from its magic bytes ("HDF5 data (Keras/h5py)"), or empty.
QString describeBinary(const QByteArray &head);

} // namespace Trove
