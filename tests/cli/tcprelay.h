#pragma once

#include <QByteArray>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

class QTcpSocket;

/// A byte-counting TCP relay for tests: listens on a free loopback port and forwards every
/// connection to `target` (host:port), counting the bytes sent back to the client. Pointing
/// trove-cli's files server at the relay measures how much of an object really crossed the
/// wire: an honest check that a preview read ranges instead of the whole file.
///
/// Runs in the test's thread: the test must spin the event loop while the client talks
/// (CliTestEnv::finish does).
class TcpRelay final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpRelay)

public:
    explicit TcpRelay(QUrl target, QObject *parent = nullptr);
    ~TcpRelay() override;

    bool listen();
    /// http://127.0.0.1:<port>
    QUrl url() const;

    /// While held, bytes from the server are kept back (a stalled server, for cancel tests).
    void setHeld(bool held);

    qint64 bytesToClient() const { return m_toClient; }
    int connections() const { return m_connections; }
    void reset()
    {
        m_toClient = 0;
        m_connections = 0;
    }

signals:
    void released(); ///< internal: setHeld(false) flushes what was kept back

private:
    void onConnection();

    QUrl m_target;
    QTcpServer m_server;
    qint64 m_toClient = 0;
    int m_connections = 0;
    bool m_held = false;
};
