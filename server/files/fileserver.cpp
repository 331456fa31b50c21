#include "fileserver.h"

#include "api/apierror.h"
#include "app/servercontext.h"
#include "auth/authenticator.h"
#include "files/httpfileresponse.h"

#include <httplib.h>

namespace fs = std::filesystem;

namespace Trove::Server {

static void textReply(httplib::Response &res, int status, const std::string &text)
{
    res.status = status;
    res.set_content(text, "text/plain; charset=utf-8");
}

static void jsonReply(httplib::Response &res, int status, const Json &json)
{
    res.status = status;
    res.set_content(json.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json");
}

FileServer::FileServer(ServerContext &context, FileStorage &storage)
    : m_context(context)
    , m_storage(storage)
    , m_auth(std::make_unique<Authenticator>(context))
    , m_server(std::make_unique<httplib::Server>())
{
    httplib::Server &s = *m_server;
    s.set_default_headers({{"server", "clearml"}});
    s.set_read_timeout(120);
    s.set_write_timeout(120);
    s.set_keep_alive_max_count(1);
    s.set_pre_routing_handler([](const httplib::Request &req, httplib::Response &res) {
        if (req.method == "OPTIONS") {
            res.status = 200;
            res.set_header("Access-Control-Allow-Origin", "*");
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    s.Get(".*", [this](const httplib::Request &req, httplib::Response &res) {
        if (req.path == "/") {
            textReply(res, 200, "OK");
            return;
        }
        if (!authorized(req, res))
            return;
        download(req, res);
    });
    s.Post(".*", [this](const httplib::Request &req, httplib::Response &res,
                        const httplib::ContentReader &reader) {
        if (!authorized(req, res))
            return; // the connection closes; the unread body is dropped
        if (req.path == "/delete_many") {
            // cpp-httplib tries content-reader routes first, so this one is dispatched here.
            std::string body;
            const bool ok = reader([&](const char *data, std::size_t size) {
                if (body.size() + size > 16 * 1024 * 1024)
                    return false;
                body.append(data, size);
                return true;
            });
            if (!ok) {
                jsonReply(res, 413, Json{{"error", "delete_many body too large"}});
                return;
            }
            removeMany(body, res);
            return;
        }
        upload(req, res, reader);
    });
    s.Delete(".*", [this](const httplib::Request &req, httplib::Response &res) {
        if (authorized(req, res))
            removeOne(req, res);
    });
    s.set_error_handler([](const httplib::Request &, httplib::Response &res) {
        if (res.body.empty() && res.status != 304 && res.status != 206 && res.status != 200)
            res.set_content("HTTP error " + std::to_string(res.status), "text/plain");
    });
}

FileServer::~FileServer()
{
    stop();
}

int FileServer::bind(const std::string &host, int port)
{
    if (port == 0)
        return m_server->bind_to_any_port(host);
    return m_server->bind_to_port(host, port) ? port : -1;
}

void FileServer::start()
{
    m_thread = std::thread([this] { m_server->listen_after_bind(); });
}

void FileServer::stop()
{
    if (m_thread.joinable()) {
        m_server->stop();
        m_thread.join();
    }
}

bool FileServer::authorized(const httplib::Request &req, httplib::Response &res) const
{
    if (!m_context.options.filesAuth)
        return true;
    std::string token;
    const std::string header = req.get_header_value("Authorization");
    if (header.size() > 7 && Util::toLower(header.substr(0, 7)) == "bearer ") {
        token = header.substr(7);
    } else if (header.empty()) {
        const std::string cookies = req.get_header_value("Cookie");
        const auto pos = cookies.find("clearml_token_basic=");
        if (pos != std::string::npos) {
            token = cookies.substr(pos + 20);
            token = token.substr(0, token.find(';'));
        }
    }
    if (token.empty()) {
        res.set_header("Connection", "close");
        jsonReply(res, 401,
                  Json{{"error", "unauthorized: a Bearer token of this server is required"}});
        return false;
    }
    try {
        m_auth->checkToken(token);
        return true;
    } catch (const ApiError &e) {
        res.set_header("Connection", "close");
        jsonReply(res, 401, Json{{"error", e.what()}});
        return false;
    }
}

void FileServer::upload(const httplib::Request &req,
                        httplib::Response &res,
                        const httplib::ContentReader &reader)
{
    Json stored = Json::array();
    std::string failure;
    int failureStatus = 400;
    if (req.is_multipart_form_data()) {
        std::unique_ptr<FileStorage::Upload> current;
        auto finishCurrent = [&]() -> bool {
            if (!current)
                return true;
            std::string error;
            const bool ok = current->commit(&error);
            if (ok)
                stored.push_back(current->relative());
            else {
                failure = error;
                failureStatus = 500;
            }
            current.reset();
            return ok;
        };
        const bool ok = reader(
                [&](const httplib::MultipartFormData &part) {
                    if (!finishCurrent())
                        return false;
                    const std::string name = part.name.empty() ? part.filename : part.name;
                    const auto relative = m_storage.relativePath(name, false);
                    if (!relative || !m_storage.resolve(*relative)) {
                        failure = "invalid upload path: " + name;
                        failureStatus = 404;
                        return false;
                    }
                    current = std::make_unique<FileStorage::Upload>(m_storage, *relative);
                    if (!current->isOpen()) {
                        failure = "cannot create a temporary file";
                        failureStatus = 500;
                        return false;
                    }
                    return true;
                },
                [&](const char *data, std::size_t size) {
                    if (!current)
                        return true;
                    if (!current->write(data, size)) {
                        failure = "cannot write upload (disk full?)";
                        failureStatus = 500;
                        return false;
                    }
                    return true;
                });
        if (ok)
            finishCurrent();
        else if (failure.empty())
            failure = "upload interrupted or malformed multipart body";
    } else {
        // A raw body stored at the URL path (not what the SDK does, but handy).
        const auto relative = m_storage.relativePath(req.path, false);
        if (!relative || !m_storage.resolve(*relative)) {
            textReply(res, 404, "Not Found");
            return;
        }
        FileStorage::Upload upload(m_storage, *relative);
        const bool ok = reader(
                [&](const char *data, std::size_t size) { return upload.write(data, size); });
        std::string error;
        if (ok && upload.commit(&error))
            stored.push_back(*relative);
        else
            failure = error.empty() ? "upload interrupted" : error;
    }
    if (!failure.empty()) {
        res.set_header("Connection", "close");
        jsonReply(res, failureStatus, Json{{"error", failure}, {"stored", stored}});
        return;
    }
    jsonReply(res, 200, stored);
}

void FileServer::download(const httplib::Request &req, httplib::Response &res)
{
    if (req.method == "GET") {
        if (const int fault = m_context.faults.takeFilesFault()) {
            jsonReply(res, fault, Json{{"error", "injected fault (test hook)"}});
            return;
        }
    }
    const auto relative = m_storage.relativePath(req.path, false);
    const auto target = relative ? m_storage.resolve(*relative) : std::nullopt;
    std::error_code ec;
    if (!target || !fs::is_regular_file(*target, ec)) {
        textReply(res, 404, "Not Found");
        return;
    }
    HttpFileResponse::serve(req, res, *target, m_context.options.throttleFilesBytesPerSec);
}

void FileServer::removeOne(const httplib::Request &req, httplib::Response &res)
{
    const auto relative = m_storage.relativePath(req.path, false);
    std::string error;
    if (!relative || !m_storage.remove(*relative, false, &error)) {
        textReply(res, 404, "Not Found");
        return;
    }
    jsonReply(res, 200, Json(*relative));
}

void FileServer::removeMany(const std::string &requestBody, httplib::Response &res)
{
    const Json body = Json::parse(requestBody, nullptr, false);
    if (!body.is_object() || !body.contains("files") || !body["files"].is_array()) {
        jsonReply(res, 400, Json{{"error", "expected {\"files\": [paths]}"}});
        return;
    }
    Json deleted = Json::object();
    Json errors = Json::object();
    for (const Json &f : body["files"]) {
        const std::string path = f.is_string() ? f.get<std::string>() : std::string();
        const auto relative = m_storage.relativePath(path, false);
        std::string error;
        if (!relative) {
            error = path.empty() ? "empty path" : "invalid path";
        } else if (m_storage.remove(*relative, true, &error)) {
            deleted[path] = *relative;
            continue;
        }
        if (!errors.contains(error))
            errors[error] = Json::array();
        errors[error].push_back(path);
    }
    jsonReply(res, 200, Json{{"deleted", deleted}, {"errors", errors}});
}

} // namespace Trove::Server
