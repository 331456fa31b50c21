#pragma once

#include "app/servercontext.h"

#include <QString>

#include <memory>
#include <string>

namespace Trove::Server {

/// One running trove-server: the data folder opened (credentials, SQLite store, file root),
/// both listeners serving on their own threads and, with options.demo, the demo workspace in
/// place. `trove-server` runs one until SIGTERM; the GUI runs one in-process as its embedded
/// default.
///
/// start() blocks (binding, and the demo workspace on first start, which takes seconds):
/// call it off the GUI thread. stop() and the destructor shut both listeners down.
class LocalServer final
{
public:
    LocalServer();
    ~LocalServer();
    LocalServer(const LocalServer &) = delete;
    LocalServer &operator=(const LocalServer &) = delete;

    /// Opens options.dataDir (created when missing), binds and starts serving. On failure
    /// returns false with *error set and nothing left running.
    bool start(const ServerOptions &options, QString *error);
    void stop();
    bool isRunning() const;

    /// "http://127.0.0.1:PORT" once started.
    std::string apiUrl() const;
    std::string filesUrl() const;
    /// The key pair of the data folder (never log the secret).
    const Credentials &credentials() const;

    /// The default data folder: $XDG_DATA_HOME/trove/server (~/.local/share/trove/server).
    static QString defaultDataDir();

private:
    struct Running;
    std::unique_ptr<ServerContext> m_context;
    std::unique_ptr<Running> m_running;
};

} // namespace Trove::Server
