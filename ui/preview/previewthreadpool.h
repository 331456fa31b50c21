#pragma once

#include <atomic>
#include <memory>

class QThreadPool;

namespace Trove {

/// The worker threads of the previews: opening sources, decoding, network reads, statistics.
/// Separate from QThreadPool::globalInstance() (sized to the CPU count) because most preview
/// work waits on the network or the disk, and a long statistics scan must not delay the next
/// preview's first screen. Call from the GUI thread.
QThreadPool *previewThreadPool();

/// A new cancel flag for preview work. Every flag made here is also set when the application
/// shuts down (aboutToQuit, or the QCoreApplication destructor's post routines, while events
/// are still delivered), and the pool is then waited for, so no read outlives the application.
std::shared_ptr<std::atomic<bool>> newPreviewCancelFlag();

} // namespace Trove
