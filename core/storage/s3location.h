#pragma once

#include "common/result.h"
#include "storage/s3config.h"
#include "storage/sigv4signer.h"

#include <QUrl>

namespace Trove {

/// Where an `s3://` URL really lives, and how to sign for it.
///
/// - `s3://bucket/key` is AWS: virtual-host style `https://bucket.s3.<region>.amazonaws.com/key`
///   (path style when the bucket name holds a dot, which breaks TLS wildcard names).
/// - `s3://host:port/bucket/key` is a custom endpoint (MinIO style), path-style addressing,
///   `secure:false` → http. A netloc with a port, or one that matches a `host` entry of the
///   configuration, is an endpoint.
struct S3Location
{
    QString endpoint; ///< host[:port] the request goes to
    bool secure = true;
    bool verify = true;
    bool pathStyle = false;
    QString bucket;
    QString key; ///< decoded object key, no leading '/'
    QString region;
    SigV4Credentials credentials;

    /// The http(s) URL of the object (or of the bucket when key is empty).
    QUrl httpUrl() const;
    /// The wire path of httpUrl(), percent-encoded the way it is signed.
    QByteArray wirePath() const;
};

/// Resolves an s3:// URL against the configuration (per-bucket and per-host entries first,
/// then the defaults). Fails with Error::Kind::Unsupported for a non-s3 URL, Parse for a URL
/// without a bucket.
Result<S3Location> resolveS3Location(const QUrl &url, const S3Config &config);

} // namespace Trove
