#pragma once

class QThreadPool;

namespace Trove {

/// The worker threads of the previews: opening sources, decoding, network reads, statistics.
/// Separate from QThreadPool::globalInstance() (sized to the CPU count) because most preview
/// work waits on the network or the disk, and a long statistics scan must not delay the next
/// preview's first screen.
QThreadPool *previewThreadPool();

} // namespace Trove
