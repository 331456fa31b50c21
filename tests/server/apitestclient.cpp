#include "apitestclient.h"

#include <QByteArray>

ApiTestClient::ApiTestClient(const TestServer &server)
    : m_apiHost(server.apiUrl().host().toStdString())
    , m_apiPort(server.apiUrl().port())
    , m_filesHost(server.filesUrl().host().toStdString())
    , m_filesPort(server.filesUrl().port())
    , m_access(server.accessKey().toStdString())
    , m_secret(server.secretKey().toStdString())
{}

ApiTestClient::Reply ApiTestClient::send(const std::string &host, int port, httplib::Request req)
{
    httplib::Client client(host, port);
    client.set_read_timeout(60);
    client.set_keep_alive(false);
    httplib::Response res;
    httplib::Error error = httplib::Error::Success;
    Reply reply;
    if (!client.send(req, res, error))
        return reply;
    reply.status = res.status;
    reply.body = res.body;
    reply.headers = res.headers;
    reply.json = Json::parse(res.body, nullptr, false);
    if (reply.json.is_discarded())
        reply.json = Json();
    return reply;
}

ApiTestClient::Reply ApiTestClient::raw(const std::string &method,
                                        const std::string &target,
                                        const std::string &body,
                                        const httplib::Headers &headers)
{
    httplib::Request req;
    req.method = method;
    req.path = target;
    req.headers = headers;
    req.body = body;
    if (!body.empty() && !req.has_header("Content-Type"))
        req.set_header("Content-Type", "application/json");
    return send(m_apiHost, m_apiPort, std::move(req));
}

ApiTestClient::Reply ApiTestClient::call(const std::string &endpoint,
                                         const Json &body,
                                         const std::string &method,
                                         const std::string &version)
{
    httplib::Headers headers;
    if (!m_token.empty())
        headers.emplace("Authorization", "Bearer " + m_token);
    const std::string path = (version.empty() ? "" : "/" + version) + "/" + endpoint;
    return raw(method, path, body.dump(), headers);
}

bool ApiTestClient::login(int expirationSec)
{
    httplib::Headers headers;
    headers.emplace("Authorization", "Basic "
                                             + QByteArray::fromStdString(m_access + ":" + m_secret)
                                                       .toBase64()
                                                       .toStdString());
    const std::string target
            = expirationSec > 0 ? "/auth.login?expiration_sec=" + std::to_string(expirationSec)
                                : std::string("/auth.login");
    const Reply r = raw("GET", target, {}, headers);
    if (r.status != 200 || !r.json.is_object())
        return false;
    m_token = r.data().value("token", std::string());
    return !m_token.empty();
}

ApiTestClient::Reply ApiTestClient::files(const std::string &method,
                                          const std::string &target,
                                          const std::string &body,
                                          httplib::Headers headers,
                                          bool withToken)
{
    httplib::Request req;
    req.method = method;
    req.path = target;
    if (withToken && !m_token.empty() && headers.find("Authorization") == headers.end())
        headers.emplace("Authorization", "Bearer " + m_token);
    req.headers = headers;
    req.body = body;
    return send(m_filesHost, m_filesPort, std::move(req));
}

ApiTestClient::Reply ApiTestClient::upload(const std::string &path, const std::string &content)
{
    const std::string boundary = "0123456789abcdef0123456789abcdef";
    std::string body = "--" + boundary + "\r\n";
    body += "Content-Disposition: form-data; name=\"" + path + "\"; filename=\"" + path + "\"\r\n";
    body += "Content-Type: application/octet-stream\r\n\r\n";
    body += content;
    body += "\r\n--" + boundary + "--\r\n";
    httplib::Headers headers{{"Content-Type", "multipart/form-data; boundary=" + boundary}};
    return files("POST", "/", body, headers);
}

std::string ApiTestClient::create(const std::string &endpoint, const Json &body)
{
    const Reply r = call(endpoint, body);
    if (r.status != 200)
        return {};
    return r.data().value("id", std::string());
}
