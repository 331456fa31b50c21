#pragma once

#include "cache/sdkcache.h"
#include "common/bytesource.h"
#include "preview/previewtypes.h"
#include "storage/storageaccess.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace Trove {

using CancelFlag = std::shared_ptr<std::atomic<bool>>;

/// The bytes one preview reads, wherever they come from, with a count of what was read.
///
/// Every follow-up read of a preview (text pages, table blocks, array values, archive members)
/// goes through the same PreviewSource, which keeps alive what the inner source depends on: the
/// cancel flag a remote source polls, the zip reader of an archive member, the temporary folder
/// of an extracted tar member. Thread-safe as far as the inner source is (all of core's are).
class PreviewSource final : public ByteSource
{
public:
    enum class Origin {
        Local,  ///< a local file or file:// uri, used in place
        Cache,  ///< the copy in the cache shared with the ClearML SDK
        Remote, ///< HTTP Range reads (file server, http(s), s3)
        Member, ///< one member of an archive
        Stored, ///< text stored with the task (an artifact without a file)
    };

    PreviewSource(std::unique_ptr<ByteSource> inner,
                  Origin origin,
                  CancelFlag cancel,
                  std::shared_ptr<void> keepAlive = {});
    ~PreviewSource() override;
    Q_DISABLE_COPY_MOVE(PreviewSource)

    qint64 size() const override { return m_inner->size(); }
    Result<QByteArray> read(qint64 offset, qint64 length) override;
    QString name() const override { return m_inner->name(); }
    QString localPath() const override { return m_inner->localPath(); }

    Origin origin() const { return m_origin; }
    /// Bytes returned by read() so far (memory-mapped reads of local files are not counted).
    qint64 bytesRead() const { return m_read.load(std::memory_order_relaxed); }
    /// The flag every decoder working on this source polls; set when the preview goes away.
    const CancelFlag &cancelFlag() const { return m_cancel; }
    /// PreviewOptions wired to the cancel flag.
    PreviewOptions options() const;

    static QString originText(Origin origin);

private:
    CancelFlag m_cancel; ///< declared first: outlives the inner source that polls it
    std::shared_ptr<void> m_keepAlive;
    std::unique_ptr<ByteSource> m_inner;
    Origin m_origin;
    std::atomic<qint64> m_read{0};
};

using PreviewSourcePtr = std::shared_ptr<PreviewSource>;

/// What to preview and where it may be found. Plain values: copied into the worker thread.
struct PreviewTarget
{
    QString uri;       ///< an artifact/model uri (files server, http(s), s3://, file://) or path
    QString localPath; ///< a local file, used in place (wins over `uri`)
    PreviewHints hints;
    std::optional<SdkCache> cache; ///< looked up first: a cached copy is read locally
    StorageAccess access;
    bool isModel = false; ///< a model's weights (messages say "model format")
    /// Opens something else than a uri (an archive member); runs on the worker thread.
    std::function<Result<PreviewSourcePtr>(const CancelFlag &)> opener;

    QString displayName() const;
};

/// Opens a target on a worker thread (blocking): a local file in place, the cached copy if the
/// cache has one, else Range reads of the remote object (never a whole download).
Result<PreviewSourcePtr> openPreviewSource(const PreviewTarget &target, const CancelFlag &cancel);

/// Opens one member of an archive (blocking). Zip members are read in place through the
/// central directory (stored: a sub-range; deflated: streamed, bounded, CRC-checked); tar
/// members are extracted alone into a temporary folder that lives as long as the source.
/// Unsafe names, encrypted members and bombs give a clear Error.
Result<PreviewSourcePtr> openArchiveMember(const PreviewSourcePtr &archive,
                                           const QString &memberPath,
                                           const CancelFlag &cancel);

} // namespace Trove
