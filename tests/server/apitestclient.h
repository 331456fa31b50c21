#pragma once

#include "testserver.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <string>

using Json = nlohmann::json;

/// A tiny synchronous client for the server tests (cpp-httplib): API calls with any method
/// (GET with a JSON body, as the SDK sends them), raw requests and file-server requests.
class ApiTestClient
{
public:
    struct Reply
    {
        int status = 0; ///< 0 = transport error
        std::string body;
        httplib::Headers headers;
        Json json;
        const Json &data() const { return json["data"]; }
        int subcode() const { return json["meta"].value("result_subcode", -1); }
        std::string message() const { return json["meta"].value("result_msg", std::string()); }
        std::string header(const std::string &name) const
        {
            const auto it = headers.find(name);
            return it == headers.end() ? std::string() : it->second;
        }
    };

    explicit ApiTestClient(const TestServer &server);

    /// auth.login with the server's key pair; stores the token for later calls.
    bool login(int expirationSec = 0);
    std::string token() const { return m_token; }
    void setToken(const std::string &token) { m_token = token; }

    /// An API call with a Bearer token (when logged in). method: GET/POST/PUT.
    Reply call(const std::string &endpoint,
               const Json &body = Json::object(),
               const std::string &method = "GET",
               const std::string &version = "v2.23");
    /// Any request to the API listener.
    Reply raw(const std::string &method,
              const std::string &target,
              const std::string &body,
              const httplib::Headers &headers = {});
    /// Any request to the file server (Bearer added unless headers has Authorization).
    Reply files(const std::string &method,
                const std::string &target,
                const std::string &body = {},
                httplib::Headers headers = {},
                bool withToken = true);
    /// Multipart upload of one part (name = storage path with a leading slash).
    Reply upload(const std::string &path, const std::string &content);

    /// Unwraps data.id of a create call (empty string on failure).
    std::string create(const std::string &endpoint, const Json &body);

private:
    Reply send(const std::string &host, int port, httplib::Request req);
    std::string m_apiHost;
    int m_apiPort = 0;
    std::string m_filesHost;
    int m_filesPort = 0;
    std::string m_access;
    std::string m_secret;
    std::string m_token;
};
