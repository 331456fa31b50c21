#include "apiserver.h"

#include "dispatcher.h"

#include <httplib.h>

namespace Trove::Server {

static constexpr std::size_t MaxApiBody = 64 * 1024 * 1024;

static std::string cookieValue(const httplib::Request &req, const std::string &name)
{
    const std::string cookies = req.get_header_value("Cookie");
    std::size_t pos = 0;
    while (pos < cookies.size()) {
        std::size_t end = cookies.find(';', pos);
        if (end == std::string::npos)
            end = cookies.size();
        std::string item = cookies.substr(pos, end - pos);
        item.erase(0, item.find_first_not_of(' '));
        if (item.compare(0, name.size() + 1, name + "=") == 0)
            return item.substr(name.size() + 1);
        pos = end + 1;
    }
    return {};
}

ApiServer::ApiServer(const Dispatcher &dispatcher)
    : m_dispatcher(dispatcher)
    , m_server(std::make_unique<httplib::Server>())
{
    httplib::Server &s = *m_server;
    s.set_keep_alive_max_count(1);
    s.set_payload_max_length(MaxApiBody);
    s.set_read_timeout(60);
    s.set_default_headers({{"server", "clearml"}});
    s.set_pre_routing_handler([](const httplib::Request &req, httplib::Response &res) {
        if (req.has_header("Content-Encoding")) {
            const auto reply = Dispatcher::errorReply(
                    415, 0,
                    "unsupported media type: Content-Encoding '"
                            + req.get_header_value("Content-Encoding") + "' is not accepted");
            res.status = reply.status;
            res.set_content(reply.body, "application/json");
            return httplib::Server::HandlerResponse::Handled;
        }
        if (req.method == "OPTIONS") {
            res.status = 200;
            res.set_header("Access-Control-Allow-Origin", "*");
            res.set_header("Access-Control-Allow-Methods", "GET, POST, PUT, OPTIONS");
            res.set_header("Access-Control-Allow-Headers", "*");
            return httplib::Server::HandlerResponse::Handled;
        }
        // cpp-httplib 0.11 reads no body for GET/HEAD; the SDK sends GET with a JSON body.
        // Route such requests through the POST path (which reads the body); the handler
        // treats all methods alike.
        if ((req.method == "GET" || req.method == "HEAD")
            && (req.get_header_value<uint64_t>("Content-Length") > 0
                || req.has_header("Transfer-Encoding")))
            const_cast<httplib::Request &>(req).method = "POST";
        return httplib::Server::HandlerResponse::Unhandled;
    });
    auto handler = [this](const httplib::Request &req, httplib::Response &res) {
        Dispatcher::Input in;
        in.path = req.path;
        in.body = req.body;
        in.contentType = req.get_header_value("Content-Type");
        in.authorization = req.get_header_value("Authorization");
        in.cookieToken = cookieValue(req, "clearml_token_basic");
        in.trx = req.get_header_value("X-ClearML-Trx");
        const auto q = req.target.find('?');
        if (q != std::string::npos)
            in.query = req.target.substr(q + 1);
        const Dispatcher::Reply reply = m_dispatcher.dispatch(in);
        res.status = reply.status;
        for (const auto &[k, v] : reply.headers)
            res.set_header(k, v);
        res.set_content(reply.body, "application/json");
    };
    s.Get(".*", handler);
    s.Post(".*", handler);
    s.Put(".*", handler);
    s.Patch(".*", handler);
    s.Delete(".*", handler);
    s.set_error_handler([](const httplib::Request &req, httplib::Response &res) {
        if (!res.body.empty())
            return;
        std::string msg = "bad request";
        if (res.status == 413)
            msg = "request entity too large: the body exceeds the server limit";
        else if (res.status == 404)
            msg = "endpoint not found: " + req.path.substr(0, 200);
        else if (res.status == 415)
            msg = "unsupported media type";
        const auto reply = Dispatcher::errorReply(res.status, 0, msg);
        res.set_content(reply.body, "application/json");
    });
    s.set_exception_handler(
            [](const httplib::Request &, httplib::Response &res, std::exception_ptr) {
                const auto reply = Dispatcher::errorReply(500, 0, "general error");
                res.status = 500;
                res.set_content(reply.body, "application/json");
            });
}

ApiServer::~ApiServer()
{
    stop();
}

int ApiServer::bind(const std::string &host, int port)
{
    if (port == 0)
        return m_server->bind_to_any_port(host);
    return m_server->bind_to_port(host, port) ? port : -1;
}

void ApiServer::start()
{
    m_thread = std::thread([this] { m_server->listen_after_bind(); });
}

void ApiServer::stop()
{
    if (m_thread.joinable()) {
        m_server->stop();
        m_thread.join();
    }
}

} // namespace Trove::Server
