#pragma once

#include <QString>

#include <atomic>
#include <cstdint>

namespace Trove {

/// What a preview decoder is dealing with. Detected from the artifact type, the extension and
/// the magic bytes, in that order of trust (see kinddetector.h).
enum class PreviewKind {
    Unknown,
    Table,      ///< CSV/TSV, optionally gzip-compressed (.csv.gz)
    NumpyArray, ///< .npy
    NumpyZip,   ///< .npz
    Image,      ///< PNG, JPEG, GIF, BMP, WebP, TIFF, SVG
    Text,       ///< plain text, logs, markdown, source code
    Json,
    Yaml,
    Archive, ///< zip, tar, tar.gz
    Pickle,
    Safetensors,
    TorchZip, ///< PyTorch .pt/.pth zip checkpoint
    Onnx,
    Binary, ///< anything else: hex view plus the stored preview text
};

/// What the caller knows about the bytes besides the bytes themselves.
struct PreviewHints
{
    QString artifactType;  ///< ClearML artifact `type` (numpy, pandas, image, dict, pickle, ...)
    QString contentType;   ///< `type_data.content_type`
    QString fileName;      ///< last path segment of the uri or the local file name
    QString storedPreview; ///< `type_data.preview`, shown by the fallback
};

/// Limits and cancellation shared by every decoder. Decoders check `cancel` between chunks of
/// work and return Error::Kind::Cancelled promptly when it is set.
struct PreviewOptions
{
    const std::atomic<bool> *cancel = nullptr;
    int maxRows = 20;                         ///< rows shown by text renderings (trove-cli)
    std::int64_t maxBytesInMemory = 64 << 20; ///< hard cap on what a decoder may hold at once
    std::int64_t maxDecompressedBytes = std::int64_t(4) << 30; ///< zip/gzip bomb guard

    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
};

} // namespace Trove
