#include "httplistener.h"

HttpListener::HttpListener(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &HttpListener::onConnection);
}

HttpListener::~HttpListener()
{
    // Sockets are the server's children: stop their signals before our members go.
    const auto sockets = m_server.findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets)
        socket->disconnect(this);
}

bool HttpListener::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QString HttpListener::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort());
}

int HttpListener::openConnections() const
{
    return m_active;
}

void HttpListener::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        ++m_active;
        maxConcurrent = std::max(maxConcurrent, m_active);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            --m_active;
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void HttpListener::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    const int end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    buffer.remove(0, end + 4);
    Request request;
    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
    request.method = first.value(0);
    request.path = first.value(1);
    for (int i = 1; i < lines.size(); ++i) {
        const int colon = lines[i].indexOf(':');
        if (colon > 0)
            request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                   lines[i].mid(colon + 1).trimmed());
    }
    requests << request;
    Q_EMIT requestSeen();
    respond(socket, request);
}

void HttpListener::respond(QTcpSocket *socket, const Request &request)
{
    if (failWith503 > 0) {
        --failWith503;
        socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n"
                      "Connection: close\r\n\r\nbusy");
        socket->disconnectFromHost();
        return;
    }
    qint64 start = 0;
    const QByteArray range = request.headers.value("range");
    const QByteArray ifRange = request.headers.value("if-range");
    const bool rangeOk = range.startsWith("bytes=") && (ifRange.isEmpty() || ifRange == etag);
    if (rangeOk)
        start = range.mid(6, range.indexOf('-') - 6).toLongLong();
    QByteArray head;
    const QByteArray part = body.mid(start);
    if (rangeOk) {
        head = "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + QByteArray::number(start)
               + '-' + QByteArray::number(body.size() - 1) + '/' + QByteArray::number(body.size())
               + "\r\n";
    } else {
        head = "HTTP/1.1 200 OK\r\n";
    }
    head += "ETag: " + etag + "\r\nContent-Length: " + QByteArray::number(part.size())
            + "\r\nConnection: close\r\n\r\n";
    socket->write(head);
    if (cutAfterBytes >= 0) {
        socket->write(part.left(cutAfterBytes));
        if (cutOnce)
            cutAfterBytes = -1;
        // A graceful close before Content-Length is reached: the client sees a broken body.
        socket->disconnectFromHost();
        return;
    }
    if (stallAfterBytes >= 0) {
        socket->write(part.left(stallAfterBytes));
        m_stalled.append({socket, part.mid(stallAfterBytes)});
        return;
    }
    socket->write(part);
    socket->disconnectFromHost();
}

void HttpListener::releaseStalled()
{
    const auto stalled = m_stalled;
    m_stalled.clear();
    for (const auto &[socket, rest] : stalled) {
        if (!socket)
            continue;
        socket->write(rest);
        socket->disconnectFromHost();
    }
}
