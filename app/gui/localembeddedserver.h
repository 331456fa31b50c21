#pragma once

#include "app/embeddedserver.h"

#include <QFutureWatcher>

#include <memory>

namespace Trove::Server {
class LocalServer;
}

namespace Trove {

/// The embedded server of the `trove` application: Trove::Server::LocalServer started in a
/// worker thread (QtConcurrent) on loopback, with the demo workspace, in `dataDir`.
///
/// The first start picks free ports and remembers them in <data>/trove-gui.ini: the demo's
/// artifact URIs name the files server's port, so later starts ask for the same ports and
/// fall back to free ones (with a warning in errorString()) only when those are taken.
class LocalEmbeddedServer final : public EmbeddedServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalEmbeddedServer)

public:
    explicit LocalEmbeddedServer(QString dataDir, QObject *parent = nullptr);
    /// Waits for a start in progress (only at shutdown), then stops the server.
    ~LocalEmbeddedServer() override;

    void start() override;
    State state() const override { return m_state; }
    ClearmlConfig config() const override { return m_config; }
    QString dataDir() const override { return m_dataDir; }
    QString errorString() const override { return m_error; }

private:
    struct Outcome
    {
        bool ok = false;
        QString error;
        QString warning;
        ClearmlConfig config;
    };
    static Outcome run(Server::LocalServer *server, const QString &dataDir);
    void onStarted();

    QString m_dataDir;
    std::unique_ptr<Server::LocalServer> m_server;
    QFutureWatcher<Outcome> m_watcher;
    State m_state = State::Stopped;
    ClearmlConfig m_config;
    QString m_error;
};

} // namespace Trove
