#include "uriprobe.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace Trove {

UriProbe::UriProbe(QNetworkAccessManager *network, StorageAccess access, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_access(std::move(access))
{}

UriProbe::~UriProbe()
{
    cancelAll();
}

UriProbe::Availability UriProbe::availabilityFor(int httpStatus)
{
    if (httpStatus >= 200 && httpStatus < 300)
        return Availability::Available;
    if (httpStatus == 404 || httpStatus == 410)
        return Availability::Missing;
    return Availability::Unknown;
}

void UriProbe::probe(const QString &uri)
{
    if (m_inFlight.contains(uri))
        return;
    const QUrl url = StorageAccess::parse(uri);
    const StorageAccess::Kind kind = m_access.classify(url);
    const bool remote = kind == StorageAccess::Kind::FilesServer
                        || kind == StorageAccess::Kind::Http || kind == StorageAccess::Kind::S3;
    auto answerUnknown = [this, uri] {
        // Asynchronously all the same, as the callers expect.
        QTimer::singleShot(0, this, [this, uri] { emit probed(uri, Availability::Unknown); });
    };
    if (!remote || !m_network)
        return answerUnknown();
    auto request = m_access.prepare(url, "HEAD", {});
    if (!request)
        return answerUnknown();
    request->setTransferTimeout(m_timeoutMs);
    QNetworkReply *reply = m_network->head(request.value());
    m_inFlight.insert(uri, reply);
    connect(reply, &QNetworkReply::finished, this, [this, uri, reply] {
        reply->deleteLater();
        if (m_inFlight.value(uri) != reply)
            return; // cancelled
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        finish(uri, availabilityFor(status));
    });
}

void UriProbe::finish(const QString &uri, Availability availability)
{
    m_inFlight.remove(uri);
    emit probed(uri, availability);
}

void UriProbe::cancelAll()
{
    const auto replies = std::exchange(m_inFlight, {});
    for (const QPointer<QNetworkReply> &r : replies)
        if (r)
            r->abort();
}

} // namespace Trove
