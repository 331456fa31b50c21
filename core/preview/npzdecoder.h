#pragma once

#include "common/bytesource.h"
#include "preview/npydecoder.h"
#include "preview/npyheader.h"
#include "preview/previewtypes.h"

#include <QList>

#include <memory>
#include <optional>

namespace Trove {

class ZipReader;

/// One array of an .npz archive.
struct NpzMember
{
    QString name;     ///< the array's key (member name without `.npy`)
    QString fileName; ///< the zip member name
    int zipIndex = -1;
    bool compressed = false; ///< deflated (np.savez_compressed) rather than stored (np.savez)
    quint64 compressedSize = 0;
    quint64 size = 0;
    std::optional<NpyHeader> header; ///< absent when the member's header is unreadable
    QString error;                   ///< why the header is absent
};

/// Reads an .npz (a zip of .npy members) from a ByteSource: the listing comes from the zip's
/// central directory (read from the end, so a remote archive costs two or three range reads),
/// then each member's .npy header is read from its first bytes (a deflated member inflates
/// only those). member() returns an NpyDecoder for one array: stored members are read by
/// range like a plain .npy; deflated members stream-inflate in bounded memory (forward reads
/// are cheap, a backward read restarts the member), so stats are one pass and slices skip
/// forward.
///
/// Blocking; call from a worker thread. The ByteSource must outlive the decoder.
class NpzDecoder final
{
public:
    static constexpr int kMaxHeaders = 4096;

    explicit NpzDecoder(ByteSource &source, PreviewOptions options = {});
    ~NpzDecoder();
    Q_DISABLE_COPY_MOVE(NpzDecoder)

    Result<QList<NpzMember>> open();
    const QList<NpzMember> &members() const { return m_members; }
    QStringList warnings() const;

    /// An opened decoder over member `index` of members().
    Result<std::unique_ptr<NpyDecoder>> member(int index);

private:
    ByteSource &m_source;
    PreviewOptions m_options;
    std::unique_ptr<ZipReader> m_zip;
    QList<NpzMember> m_members;
};

} // namespace Trove
