#pragma once

#include "common/bytesource.h"
#include "storage/storageaccess.h"

#include <atomic>
#include <memory>

namespace Trove {

/// Opens random-access bytes for any storage URI the previews may need:
///  - file:// and local paths: the file itself (openFileSource);
///  - the files server, http(s), s3://: HTTP Range reads (`remote` below);
///  - gs://, azure://: Error::Kind::Unsupported ("not supported yet").
///
/// The remote source is **blocking**: call size()/read() from a worker thread only, never the
/// GUI thread. Each read runs a private QNetworkAccessManager and event loop in the calling
/// thread, so any QThread or QThreadPool worker works. Reads go through a small read-ahead
/// cache (256 KiB blocks, 8 kept, LRU), so decoders that read headers piecemeal cost one
/// request per block. `cancel`, if given, must outlive the source; setting it makes a pending
/// or later read() fail with Error::Kind::Cancelled promptly. A server that ignores Range
/// (200) is read as a stream and the connection dropped once the range is in hand.
///
/// Opening performs the first request (block 0) to learn the size and fail early on 401/404.
std::unique_ptr<ByteSource> openRemoteSource(const QString &uri,
                                             const StorageAccess &access,
                                             const std::atomic_bool *cancel = nullptr,
                                             Error *error = nullptr);

} // namespace Trove
