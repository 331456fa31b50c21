#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

/// A tiny HTTP/1.1 server for tests that must observe what Trove sends (headers such as
/// Authorization) or shape how bytes arrive (stall, cut the connection, 503 bursts). Serves
/// one body with Range/If-Range support. Not a stand-in for trove-server: the integration
/// tests use the real server; this is the "other host" a URL may point to.
class HttpListener final : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method;
        QByteArray path;
        QMap<QByteArray, QByteArray> headers; ///< lower-case names
    };

    explicit HttpListener(QObject *parent = nullptr);
    ~HttpListener() override;
    bool listen();
    QString baseUrl() const;

    QByteArray body;
    QByteArray etag = "\"v1\"";
    int failWith503 = 0;         ///< answer this many requests with 503 first
    qint64 cutAfterBytes = -1;   ///< close the connection after sending this many body bytes
    bool cutOnce = true;         ///< only the first response is cut
    qint64 stallAfterBytes = -1; ///< stop sending (keep the connection) after this many bytes

    QList<Request> requests;
    int openConnections() const;
    int maxConcurrent = 0;
    void releaseStalled(); ///< send the rest to stalled connections

Q_SIGNALS:
    void requestSeen();

private:
    void onConnection();
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const Request &request);

    QTcpServer m_server;
    QMap<QTcpSocket *, QByteArray> m_buffers;
    QList<QPair<QPointer<QTcpSocket>, QByteArray>> m_stalled;
    int m_active = 0;
};
