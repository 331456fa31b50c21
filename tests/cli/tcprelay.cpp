#include "tcprelay.h"

#include <QPointer>
#include <QTcpSocket>

TcpRelay::TcpRelay(QUrl target, QObject *parent)
    : QObject(parent)
    , m_target(std::move(target))
{
    connect(&m_server, &QTcpServer::newConnection, this, &TcpRelay::onConnection);
}

TcpRelay::~TcpRelay() = default;

bool TcpRelay::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl TcpRelay::url() const
{
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(m_server.serverPort());
    return u;
}

void TcpRelay::setHeld(bool held)
{
    m_held = held;
    if (!held)
        emit released();
}

void TcpRelay::onConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        ++m_connections;
        client->setParent(this);
        auto *upstream = new QTcpSocket(this);
        // QAbstractSocket: disconnected() also comes from ~QAbstractSocket, when the object is no
        // longer a QTcpSocket (a QPointer<QTcpSocket> would downcast it: UBSan).
        QPointer<QAbstractSocket> c(client), u(upstream);
        // Bytes from the client wait until the upstream connection is up.
        connect(client, &QTcpSocket::readyRead, upstream, [c, u] {
            if (c && u && u->state() == QAbstractSocket::ConnectedState)
                u->write(c->readAll());
        });
        connect(upstream, &QTcpSocket::connected, client, [c, u] {
            if (c && u)
                u->write(c->readAll());
        });
        auto forward = [this, c, u] {
            if (!c || !u || m_held)
                return;
            const QByteArray data = u->readAll();
            m_toClient += data.size();
            c->write(data);
        };
        connect(upstream, &QTcpSocket::readyRead, client, forward);
        connect(this, &TcpRelay::released, client, forward);
        auto closeBoth = [c, u] {
            if (c) {
                c->disconnectFromHost();
                c->deleteLater();
            }
            if (u) {
                u->disconnectFromHost();
                u->deleteLater();
            }
        };
        connect(client, &QTcpSocket::disconnected, this, closeBoth);
        connect(upstream, &QTcpSocket::disconnected, this, closeBoth);
        connect(upstream, &QTcpSocket::errorOccurred, this, closeBoth);
        upstream->connectToHost(m_target.host(), quint16(m_target.port()));
    }
}
