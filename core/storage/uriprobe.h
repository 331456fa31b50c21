#pragma once

#include "storage/storageaccess.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;
class QNetworkReply;

namespace Trove {

/// Asks whether the object behind an artifact or model URI exists yet, with one HEAD request
/// (files server with its token, http(s), signed S3). The SDK registers an artifact before
/// its upload finishes, so a 404 means "pending", not "broken". Asynchronous: the answer
/// arrives through probed(); local paths and schemes Trove cannot reach answer Unknown.
class UriProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UriProbe)

public:
    enum class Availability { Available, Missing, Unknown };
    Q_ENUM(Availability)

    UriProbe(QNetworkAccessManager *network, StorageAccess access, QObject *parent = nullptr);
    ~UriProbe() override;

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    /// Starts a HEAD on `uri` unless one is already in flight for it.
    void probe(const QString &uri);
    /// Aborts every request in flight; no probed() follows for them.
    void cancelAll();
    int pending() const { return int(m_inFlight.size()); }

    /// The answer an HTTP status means (0: no answer at all).
    static Availability availabilityFor(int httpStatus);

signals:
    void probed(const QString &uri, Trove::UriProbe::Availability availability);

private:
    void finish(const QString &uri, Availability availability);

    QPointer<QNetworkAccessManager> m_network;
    StorageAccess m_access;
    QHash<QString, QPointer<QNetworkReply>> m_inFlight;
    int m_timeoutMs = 15000;
};

} // namespace Trove
