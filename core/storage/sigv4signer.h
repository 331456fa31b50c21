#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

namespace Trove {

/// AWS credentials for one request: access key, secret, optional STS session token.
struct SigV4Credentials
{
    QString accessKey;
    QString secretKey;
    QString sessionToken;
};

/// One HTTP request as it will go on the wire, the input of SigV4Signer::sign().
struct SigV4Request
{
    QByteArray method;                            ///< "GET", "PUT", ...
    QByteArray path;                              ///< wire path, percent-encoded ("/b/my%20key")
    QByteArray query;                             ///< wire query without '?', may be empty
    QList<QPair<QByteArray, QByteArray>> headers; ///< must contain "host"; names any case
    QByteArray payloadHash; ///< hex sha256 of the body, "UNSIGNED-PAYLOAD", or empty = empty body
};

/// AWS Signature Version 4 (header form), written against the published algorithm:
/// canonical request → string to sign → HMAC-SHA256 chain (OpenSSL) → Authorization.
///
/// Two URI modes: S3 encodes the path once and never normalizes it (S3 keys may hold "//" or
/// "."), the generic mode (every other service, and AWS's sigv4 test suite) normalizes the
/// path and encodes it twice.
class SigV4Signer final
{
public:
    enum class UriMode { S3, Generic };

    struct Signed
    {
        QByteArray canonicalRequest;
        QByteArray stringToSign;
        QByteArray signature;     ///< hex
        QByteArray authorization; ///< the full Authorization header value
        /// Headers the caller must send besides its own: x-amz-date, x-amz-security-token
        /// (when a session token is set) and Authorization.
        QList<QPair<QByteArray, QByteArray>> addedHeaders;
    };

    SigV4Signer(SigV4Credentials credentials, QString region, QString service, UriMode mode);

    /// Signs `request` as made at `utc` (seconds precision).
    Signed sign(const SigV4Request &request, const QDateTime &utc) const;

    /// RFC 3986 unreserved characters stay, everything else becomes %XX (upper-case hex).
    static QByteArray uriEncode(const QByteArray &raw, bool encodeSlash);
    static QByteArray canonicalUri(const QByteArray &wirePath, UriMode mode);
    static QByteArray canonicalQuery(const QByteArray &wireQuery);
    static QByteArray sha256Hex(const QByteArray &data);
    static QByteArray hmacSha256(const QByteArray &key, const QByteArray &data);

    /// The hash of an empty payload.
    static QByteArray emptyPayloadHash();

private:
    SigV4Credentials m_credentials;
    QString m_region;
    QString m_service;
    UriMode m_mode;
};

} // namespace Trove
