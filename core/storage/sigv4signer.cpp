#include "sigv4signer.h"

#include <QCryptographicHash>
#include <QMap>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>

namespace Trove {
namespace {

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
           || c == '_' || c == '.' || c == '~';
}

QByteArray trimAndCollapse(const QByteArray &value)
{
    QByteArray out;
    out.reserve(value.size());
    bool space = false;
    for (char c : value.trimmed()) {
        if (c == ' ' || c == '\t') {
            space = true;
            continue;
        }
        if (space && !out.isEmpty())
            out += ' ';
        space = false;
        out += c;
    }
    return out;
}

} // namespace

SigV4Signer::SigV4Signer(SigV4Credentials credentials,
                         QString region,
                         QString service,
                         UriMode mode)
    : m_credentials(std::move(credentials))
    , m_region(std::move(region))
    , m_service(std::move(service))
    , m_mode(mode)
{}

QByteArray SigV4Signer::uriEncode(const QByteArray &raw, bool encodeSlash)
{
    static const char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(raw.size() * 3);
    for (char c : raw) {
        if (isUnreserved(c) || (c == '/' && !encodeSlash)) {
            out += c;
        } else {
            const auto u = static_cast<unsigned char>(c);
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 0xF];
        }
    }
    return out;
}

QByteArray SigV4Signer::canonicalUri(const QByteArray &wirePath, UriMode mode)
{
    QByteArray path = wirePath.isEmpty() ? QByteArray("/") : wirePath;
    const QList<QByteArray> segments = path.split('/');
    if (mode == UriMode::S3) {
        QList<QByteArray> encoded;
        encoded.reserve(segments.size());
        for (const QByteArray &segment : segments)
            encoded << uriEncode(QByteArray::fromPercentEncoding(segment), true);
        return encoded.join('/');
    }
    // Generic: remove empty and "." segments, resolve "..", then encode each segment twice
    // (once for the wire form, once more for the canonical form).
    QList<QByteArray> kept;
    for (const QByteArray &segment : segments) {
        const QByteArray decoded = QByteArray::fromPercentEncoding(segment);
        if (decoded.isEmpty() || decoded == ".")
            continue;
        if (decoded == "..") {
            if (!kept.isEmpty())
                kept.removeLast();
            continue;
        }
        kept << uriEncode(uriEncode(decoded, true), true);
    }
    QByteArray out = "/" + kept.join('/');
    if (path.endsWith('/') && !kept.isEmpty())
        out += '/';
    return out;
}

QByteArray SigV4Signer::canonicalQuery(const QByteArray &wireQuery)
{
    if (wireQuery.isEmpty())
        return QByteArray();
    QList<QPair<QByteArray, QByteArray>> pairs;
    for (const QByteArray &part : wireQuery.split('&')) {
        if (part.isEmpty())
            continue;
        const int eq = part.indexOf('=');
        const QByteArray name = eq < 0 ? part : part.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : part.mid(eq + 1);
        pairs.append({uriEncode(QByteArray::fromPercentEncoding(name), true),
                      uriEncode(QByteArray::fromPercentEncoding(value), true)});
    }
    std::sort(pairs.begin(), pairs.end());
    QByteArray out;
    for (const auto &[name, value] : pairs) {
        if (!out.isEmpty())
            out += '&';
        out += name + '=' + value;
    }
    return out;
}

QByteArray SigV4Signer::sha256Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray SigV4Signer::emptyPayloadHash()
{
    return QByteArrayLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

QByteArray SigV4Signer::hmacSha256(const QByteArray &key, const QByteArray &data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int outLength = 0;
    HMAC(EVP_sha256(), key.constData(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char *>(data.constData()),
         static_cast<size_t>(data.size()), out, &outLength);
    return QByteArray(reinterpret_cast<const char *>(out), static_cast<int>(outLength));
}

SigV4Signer::Signed SigV4Signer::sign(const SigV4Request &request, const QDateTime &utc) const
{
    Signed result;
    const QDateTime time = utc.toUTC();
    const QByteArray amzDate = time.toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
    const QByteArray date = amzDate.left(8);

    // Lower-case names; values of repeated names are joined with ',' in their order.
    QMap<QByteArray, QByteArray> headers;
    bool hasDate = false;
    bool hasToken = false;
    for (const auto &[name, value] : request.headers) {
        const QByteArray lower = name.toLower().trimmed();
        if (lower == "x-amz-date")
            hasDate = true;
        if (lower == "x-amz-security-token")
            hasToken = true;
        const QByteArray v = trimAndCollapse(value);
        auto it = headers.find(lower);
        if (it == headers.end())
            headers.insert(lower, v);
        else
            it.value() += ',' + v;
    }
    if (!hasDate) {
        headers.insert("x-amz-date", amzDate);
        result.addedHeaders.append({"x-amz-date", amzDate});
    }
    if (!m_credentials.sessionToken.isEmpty() && !hasToken) {
        const QByteArray token = m_credentials.sessionToken.toUtf8();
        headers.insert("x-amz-security-token", token);
        result.addedHeaders.append({"x-amz-security-token", token});
    }

    QByteArray canonicalHeaders;
    QByteArray signedHeaders;
    for (auto it = headers.cbegin(); it != headers.cend(); ++it) {
        canonicalHeaders += it.key() + ':' + it.value() + '\n';
        if (!signedHeaders.isEmpty())
            signedHeaders += ';';
        signedHeaders += it.key();
    }
    const QByteArray payloadHash
            = request.payloadHash.isEmpty() ? emptyPayloadHash() : request.payloadHash;

    result.canonicalRequest = request.method.toUpper() + '\n' + canonicalUri(request.path, m_mode)
                              + '\n' + canonicalQuery(request.query) + '\n' + canonicalHeaders
                              + '\n' + signedHeaders + '\n' + payloadHash;

    const QByteArray scope
            = date + '/' + m_region.toUtf8() + '/' + m_service.toUtf8() + "/aws4_request";
    result.stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + '\n' + scope + '\n'
                          + sha256Hex(result.canonicalRequest);

    QByteArray key = hmacSha256("AWS4" + m_credentials.secretKey.toUtf8(), date);
    key = hmacSha256(key, m_region.toUtf8());
    key = hmacSha256(key, m_service.toUtf8());
    key = hmacSha256(key, "aws4_request");
    result.signature = hmacSha256(key, result.stringToSign).toHex();

    result.authorization = "AWS4-HMAC-SHA256 Credential=" + m_credentials.accessKey.toUtf8() + '/'
                           + scope + ", SignedHeaders=" + signedHeaders
                           + ", Signature=" + result.signature;
    result.addedHeaders.append({"Authorization", result.authorization});
    return result;
}

} // namespace Trove
