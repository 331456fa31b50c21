#pragma once

#include <QString>

#include <memory>
#include <string>
#include <thread>

namespace httplib {
class Server;
}

namespace Trove::Server {

class Dispatcher;

/// The API listener (cpp-httplib). Accepts any method with a body (a GET body is read too),
/// merges the query string, closes the connection after every answer (the SDK forks after
/// pooling connections) and answers with `server: clearml`.
class ApiServer final
{
public:
    explicit ApiServer(const Dispatcher &dispatcher);
    ~ApiServer();

    /// Binds host:port (0 = any free port); returns the port or -1.
    int bind(const std::string &host, int port);
    void start(); ///< serves on a background thread
    void stop();

private:
    const Dispatcher &m_dispatcher;
    std::unique_ptr<httplib::Server> m_server;
    std::thread m_thread;
};

} // namespace Trove::Server
