#include "s3location.h"

namespace Trove {

QByteArray S3Location::wirePath() const
{
    QByteArray path;
    if (pathStyle)
        path = '/' + SigV4Signer::uriEncode(bucket.toUtf8(), true);
    path += '/' + SigV4Signer::uriEncode(key.toUtf8(), false);
    return path;
}

QUrl S3Location::httpUrl() const
{
    QUrl url;
    url.setScheme(secure ? QStringLiteral("https") : QStringLiteral("http"));
    const int colon = endpoint.lastIndexOf(QLatin1Char(':'));
    if (colon > 0 && !endpoint.contains(QLatin1Char(']'), Qt::CaseSensitive)) {
        url.setHost(endpoint.left(colon));
        url.setPort(endpoint.mid(colon + 1).toInt());
    } else {
        url.setHost(endpoint);
    }
    url.setPath(QString::fromLatin1(wirePath()), QUrl::TolerantMode);
    return url;
}

Result<S3Location> resolveS3Location(const QUrl &url, const S3Config &config)
{
    if (url.scheme() != QLatin1String("s3"))
        return Error::make(Error::Kind::Unsupported, QStringLiteral("not an s3:// URL"),
                           url.toString());
    QString netloc = url.host();
    if (url.port() > 0)
        netloc += QLatin1Char(':') + QString::number(url.port());
    const QString path = url.path(QUrl::FullyDecoded);
    if (netloc.isEmpty())
        return Error::make(Error::Kind::Parse, QStringLiteral("s3:// URL without a bucket"),
                           url.toString());

    S3Location loc;
    const S3BucketConfig *hostEntry = nullptr;
    for (const S3BucketConfig &entry : config.credentials) {
        if (!entry.host.isEmpty() && entry.host.compare(netloc, Qt::CaseInsensitive) == 0) {
            hostEntry = &entry;
            break;
        }
    }
    const bool endpointStyle = hostEntry || url.port() > 0;
    if (endpointStyle) {
        const QString rest = path.startsWith(QLatin1Char('/')) ? path.mid(1) : path;
        const int slash = rest.indexOf(QLatin1Char('/'));
        loc.bucket = slash < 0 ? rest : rest.left(slash);
        loc.key = slash < 0 ? QString() : rest.mid(slash + 1);
        if (loc.bucket.isEmpty())
            return Error::make(Error::Kind::Parse,
                               QStringLiteral("s3://host:port/ URL without a bucket"),
                               url.toString());
        loc.endpoint = netloc;
        loc.pathStyle = true;
    } else {
        loc.bucket = netloc;
        loc.key = path.startsWith(QLatin1Char('/')) ? path.mid(1) : path;
    }

    // Most specific entry: bucket (and host, when both are given), then host only.
    const S3BucketConfig *entry = nullptr;
    for (const S3BucketConfig &e : config.credentials) {
        if (e.bucket.isEmpty() || e.bucket != loc.bucket)
            continue;
        if (!e.host.isEmpty() && (!endpointStyle || e.host.compare(netloc, Qt::CaseInsensitive)))
            continue;
        entry = &e;
        break;
    }
    if (!entry)
        entry = hostEntry;

    loc.credentials.accessKey = entry && !entry->key.isEmpty() ? entry->key : config.key;
    loc.credentials.secretKey = entry && !entry->secret.isEmpty() ? entry->secret : config.secret;
    loc.credentials.sessionToken = entry && !entry->token.isEmpty() ? entry->token : config.token;
    loc.region = entry && !entry->region.isEmpty() ? entry->region : config.region;
    if (loc.region.isEmpty())
        loc.region = QStringLiteral("us-east-1");
    if (entry) {
        loc.secure = entry->secure;
        loc.verify = entry->verify;
    }

    if (!endpointStyle) {
        const QString regional = loc.region == QLatin1String("us-east-1")
                                         ? QStringLiteral("s3.amazonaws.com")
                                         : QStringLiteral("s3.%1.amazonaws.com").arg(loc.region);
        if (loc.bucket.contains(QLatin1Char('.'))) {
            loc.endpoint = regional;
            loc.pathStyle = true;
        } else {
            loc.endpoint = loc.bucket + QLatin1Char('.') + regional;
            loc.pathStyle = false;
        }
    }
    return loc;
}

} // namespace Trove
