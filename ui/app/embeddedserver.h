#pragma once

#include "config/clearmlconfig.h"

#include <QObject>

namespace Trove {

/// The embedded local server Trove falls back to when no ClearML server is configured: a
/// whole trove-server with the demo workspace, running in-process on free loopback ports.
/// ui only sees this interface; the application provides the implementation (it links
/// Trove::Server), so ui stays independent of the server library.
///
/// start() returns at once; the server starts (and fills the demo workspace on first start,
/// which takes seconds) off the GUI thread and reports through stateChanged().
class EmbeddedServer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmbeddedServer)

public:
    enum class State { Stopped, Starting, Running, Failed };
    Q_ENUM(State)

    explicit EmbeddedServer(QObject *parent = nullptr);
    ~EmbeddedServer() override;

    /// Starts the server unless it is starting or running.
    virtual void start() = 0;
    virtual State state() const = 0;
    /// Hosts and keys of the running server.
    virtual ClearmlConfig config() const = 0;
    virtual QString dataDir() const = 0;
    /// Why the last start failed; or a warning about a running server (ports changed).
    virtual QString errorString() const = 0;

    /// The data folder: `explicitDir`, else $TROVE_EMBEDDED_DATA, else
    /// <GenericDataLocation>/trove/embedded (~/.local/share/trove/embedded).
    static QString resolveDataDir(const QString &explicitDir = QString());

signals:
    void stateChanged(Trove::EmbeddedServer::State state);
};

} // namespace Trove
