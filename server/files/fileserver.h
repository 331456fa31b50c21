#pragma once

#include "files/filestorage.h"

#include <memory>
#include <string>
#include <thread>

namespace httplib {
class Server;
struct Request;
struct Response;
class ContentReader;
} // namespace httplib

namespace Trove::Server {

struct ServerContext;
class Authenticator;

/// The file server (contract §5): multipart POST upload streamed to disk in constant memory,
/// GET/HEAD with Range/ETag/Last-Modified/If-None-Match/If-Range streamed from disk, DELETE and
/// POST /delete_many, GET / → OK. Requires a Bearer token of this server unless
/// --no-files-auth.
class FileServer final
{
public:
    FileServer(ServerContext &context, FileStorage &storage);
    ~FileServer();

    int bind(const std::string &host, int port);
    void start();
    void stop();

private:
    bool authorized(const httplib::Request &req, httplib::Response &res) const;
    void upload(const httplib::Request &req,
                httplib::Response &res,
                const httplib::ContentReader &reader);
    void download(const httplib::Request &req, httplib::Response &res);
    void removeOne(const httplib::Request &req, httplib::Response &res);
    void removeMany(const httplib::Request &req, httplib::Response &res);

    ServerContext &m_context;
    FileStorage &m_storage;
    std::unique_ptr<Authenticator> m_auth;
    std::unique_ptr<httplib::Server> m_server;
    std::thread m_thread;
};

} // namespace Trove::Server
