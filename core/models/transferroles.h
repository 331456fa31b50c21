#pragma once

#include <Qt>

namespace Trove {

/// Item roles of a transfer list, one row per transfer (column 0). The single definition:
/// core's TransferListModel provides them and ui's TransfersDock/TransferDelegate read them
/// (ui/widgets/transferroles.h only includes this header), so any QAbstractItemModel that
/// fills these roles (e.g. a QStandardItemModel in the widget gallery) works with the dock.
///
/// | role            | type     | meaning                                                  |
/// |-----------------|----------|----------------------------------------------------------|
/// | NameRole        | QString  | file or artifact name shown to the user                  |
/// | DirectionRole   | int      | TransferDirection                                        |
/// | BytesDoneRole   | qint64   | bytes transferred so far                                 |
/// | BytesTotalRole  | qint64   | total size, or -1 when unknown                           |
/// | RateRole        | double   | current rate in bytes per second, <= 0 if unknown        |
/// | EtaRole         | qint64   | seconds left, or -1 when unknown                         |
/// | StateRole       | int      | TransferState                                            |
/// | ErrorRole       | QString  | user-facing error message when state is Failed           |
/// | ResultPathRole  | QString  | finished: the local file/folder (download/copy result,   |
/// |                 |          | upload source); empty before                             |
/// | SourceRole      | QString  | the URI downloaded, or the local path uploaded/copied    |
namespace TransferRoles {
enum Role : int {
    NameRole = Qt::UserRole + 0x100,
    DirectionRole,
    BytesDoneRole,
    BytesTotalRole,
    RateRole,
    EtaRole,
    StateRole,
    ErrorRole,
    ResultPathRole,
    SourceRole,
};
} // namespace TransferRoles

/// Copy is a local copy run by the transfer manager (e.g. "Save as…" out of the cache).
enum class TransferDirection : int { Download = 0, Upload = 1, Copy = 2 };

/// Same order as TransferJob::State.
enum class TransferState : int {
    Queued = 0,
    Running = 1,
    Finished = 2,
    Failed = 3,
    Cancelled = 4,
};

} // namespace Trove
