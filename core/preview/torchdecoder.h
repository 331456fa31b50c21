#pragma once

#include "common/bytesource.h"
#include "common/result.h"
#include "preview/modelsummary.h"
#include "preview/previewtypes.h"

namespace Trove {

/// Summarizes a PyTorch .pt/.pth zip checkpoint without running it: finds `<prefix>/data.pkl`
/// with ZipReader (central directory only), disassembles it with PickleDisassembler (never
/// executed), and resolves torch._utils._rebuild_tensor_v2 calls whose persistent ids are
/// ('storage', torch.FloatStorage|..., key, location, numel) into tensors named by their
/// dotted path in the state dict (nested checkpoints like {"model": state_dict} included).
/// Storage sizes come from the `<prefix>/data/<key>` members. Pickle imports and their safety
/// are reported in metadata; dangerous ones in warnings.
///
/// Legacy (pre-1.6, non-zip) torch files give Error::Kind::Unsupported with a clear message.
/// Blocking; call from a worker thread.
class TorchDecoder final
{
public:
    static Result<ModelSummary> decode(ByteSource &source, const PreviewOptions &options);
    /// True if `head` is the start of a legacy (non-zip) torch.save file.
    static bool isLegacyTorch(const QByteArray &head);
};

} // namespace Trove
