#pragma once

// Shared by the PreviewController tests: a shown pane with its controller and spies, a server
// that never answers, and small file writers. Test code: blocking waits are fine here.
#include "previewtestutil.h"

#include "preview/previewcontroller.h"
#include "preview/previewpane.h"
#include "preview/textviewer.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QtEndian>

#include <vector>

namespace PreviewTest {

using namespace Trove;

constexpr int kTimeout = 60000;

/// A pane and its controller, shown offscreen, with spies on the outcome.
struct Harness
{
    explicit Harness(Session *session = nullptr)
    {
        pane.resize(1000, 700);
        pane.show();
        controller.setSession(session);
    }
    /// Waits for the first outcome (ready or failed).
    bool settle(int timeoutMs = kTimeout)
    {
        return QTest::qWaitFor([this] { return ready.count() + failed.count() > 0; }, timeoutMs);
    }
    template<typename T>
    T *viewer() const
    {
        return qobject_cast<T *>(controller.currentViewer());
    }
    PreviewKind readyKind() const
    {
        return ready.isEmpty() ? PreviewKind::Unknown : ready.first().first().value<PreviewKind>();
    }
    Error failure() const
    {
        return failed.isEmpty() ? Error() : failed.first().first().value<Error>();
    }
    QString failureText() const { return failure().userMessage(); }

    PreviewPane pane;
    PreviewController controller{&pane};
    QSignalSpy ready{&controller, &PreviewController::previewReady};
    QSignalSpy failed{&controller, &PreviewController::previewFailed};
};

/// An HTTP server that accepts connections and never answers: a load that hangs until it is
/// cancelled. Reports whether the client dropped the connection.
class HangingServer
{
public:
    HangingServer()
    {
        m_server.listen(QHostAddress::LocalHost);
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection())
                m_sockets.append(s);
        });
    }
    QString url(const QString &file) const
    {
        return QStringLiteral("http://127.0.0.1:%1/%2").arg(m_server.serverPort()).arg(file);
    }
    int connections() const { return int(m_sockets.size()); }
    /// True when every accepted connection was closed by the client.
    bool allClosed() const
    {
        for (QTcpSocket *s : m_sockets)
            if (s->state() == QAbstractSocket::ConnectedState)
                return false;
        return !m_sockets.isEmpty();
    }

private:
    QTcpServer m_server;
    QList<QTcpSocket *> m_sockets;
};

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

/// A little-endian float64 .npy in C order.
inline QByteArray npy(const QByteArray &shape, const std::vector<double> &values)
{
    QByteArray data;
    for (double v : values) {
        const double le = qToLittleEndian(v);
        data.append(reinterpret_cast<const char *>(&le), sizeof le);
    }
    return TestUtil::makeNpy(TestUtil::npyDict("'<f8'", false, shape), data);
}

inline QString textOf(QWidget *w)
{
    auto *t = qobject_cast<TextViewer *>(w);
    return t ? t->text() : QString();
}

} // namespace PreviewTest
