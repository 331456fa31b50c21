#pragma once

#include "archivetreeview.h"
#include "columnstatsview.h"
#include "jsontreenode.h"
#include "modelsummaryview.h"
#include "pickletreeview.h"

#include <QList>

#include <nlohmann/json.hpp>

#include <optional>

namespace Trove {

struct ArchiveListing;
struct ModelSummary;
struct TableSchema;
struct TableStats;
class PickleTree;

/// Turns core's decoder results into the plain input structs of ui's viewers. Pure functions
/// of values: they may run on the worker thread that decoded.
namespace PreviewAdapters {

/// Column names and guessed types from the first screen; counts, ranges and distinct values
/// once a scan has finished.
QList<ColumnStatsView> columnStats(const TableSchema &schema,
                                   const std::optional<TableStats> &stats);

/// Members as flat paths (directories end in '/'), flagged: unsafe names, links, suspicious
/// compression ratios.
QList<ArchiveEntryView> archiveEntries(const ArchiveListing &listing);

/// The object tree of a disassembled pickle, with dangerous and unknown imports flagged, plus
/// an "imports" branch listing every import and how risky it is.
PickleNodeView pickleTree(const PickleTree &tree);

ModelSummaryData modelSummary(const ModelSummary &summary);

/// A JsonPreview::outline() node as a JsonTreeNode.
JsonTreeNode jsonOutline(const nlohmann::json &outline);

} // namespace PreviewAdapters
} // namespace Trove
