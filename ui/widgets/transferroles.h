#pragma once

#include <Qt>

namespace Trove {

/// Item roles that TransfersDock reads from any QAbstractItemModel (one row per transfer,
/// column 0). Core's transfer model maps its own roles onto these, e.g. with a
/// QIdentityProxyModel, so ui does not depend on how core stores transfers.
///
/// | role            | type     | meaning                                            |
/// |-----------------|----------|----------------------------------------------------|
/// | NameRole        | QString  | file or artifact name shown to the user            |
/// | DirectionRole   | int      | TransferDirection                                  |
/// | BytesDoneRole   | qint64   | bytes transferred so far                           |
/// | BytesTotalRole  | qint64   | total size, or -1 when unknown                     |
/// | RateRole        | double   | current rate in bytes per second, <= 0 if unknown  |
/// | EtaRole         | qint64   | seconds left, or -1 when unknown                   |
/// | StateRole       | int      | TransferState                                      |
/// | ErrorRole       | QString  | user-facing error message when state is Failed     |
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
};
} // namespace TransferRoles

enum class TransferDirection : int { Download = 0, Upload = 1 };

enum class TransferState : int {
    Queued = 0,
    Running = 1,
    Finished = 2,
    Failed = 3,
    Cancelled = 4,
};

} // namespace Trove
