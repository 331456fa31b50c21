#include "democlient.h"

#include <QFile>
#include <QUuid>

#include <httplib.h>

#include <memory>

namespace Trove::Server {

namespace {

std::unique_ptr<httplib::Client> clientFor(const QUrl &url)
{
    const std::string base
            = url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment)
                      .toString(QUrl::StripTrailingSlash)
                      .toStdString();
    auto client = std::make_unique<httplib::Client>(base);
    client->set_connection_timeout(10);
    client->set_read_timeout(120);
    client->set_write_timeout(120);
    return client;
}

std::string basePath(const QUrl &url)
{
    QString path = url.path();
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    return path.toStdString();
}

} // namespace

DemoClient::DemoClient(const DemoTarget &target)
    : m_target(target)
{}

bool DemoClient::login(QString *error)
{
    auto client = clientFor(m_target.apiUrl);
    client->set_basic_auth(m_target.accessKey.toStdString(), m_target.secretKey.toStdString());
    const auto res = client->Get(basePath(m_target.apiUrl) + "auth.login");
    if (!res) {
        *error = QStringLiteral("auth.login: %1")
                         .arg(QString::fromStdString(httplib::to_string(res.error())));
        return false;
    }
    const auto reply = nlohmann::json::parse(res->body, nullptr, false);
    if (res->status != 200 || reply.is_discarded() || !reply.contains("data")
        || !reply["data"].contains("token")) {
        *error = QStringLiteral("auth.login: HTTP %1 %2")
                         .arg(res->status)
                         .arg(QString::fromStdString(res->body.substr(0, 300)));
        return false;
    }
    m_token = reply["data"]["token"].get<std::string>();
    return true;
}

std::optional<nlohmann::json>
DemoClient::call(const std::string &endpoint, const nlohmann::json &body, QString *error)
{
    auto client = clientFor(m_target.apiUrl);
    const httplib::Headers headers{{"Authorization", "Bearer " + m_token},
                                   {"X-ClearML-Client", "trove-demo"}};
    const auto res = client->Post(basePath(m_target.apiUrl) + "v2.23/" + endpoint, headers,
                                  body.dump(), "application/json");
    const QString name = QString::fromStdString(endpoint);
    if (!res) {
        *error = QStringLiteral("%1: %2").arg(
                name, QString::fromStdString(httplib::to_string(res.error())));
        return std::nullopt;
    }
    const auto reply = nlohmann::json::parse(res->body, nullptr, false);
    if (res->status != 200 || reply.is_discarded() || !reply.is_object()) {
        QString msg = QString::fromStdString(res->body.substr(0, 300));
        if (!reply.is_discarded() && reply.is_object() && reply.contains("meta"))
            msg = QString::fromStdString(reply["meta"].value("result_msg", std::string()));
        *error = QStringLiteral("%1: HTTP %2: %3").arg(name).arg(res->status).arg(msg);
        return std::nullopt;
    }
    return reply.value("data", nlohmann::json::object());
}

QString DemoClient::uriFor(const QString &key) const
{
    QString base = m_target.filesUrl.toString(QUrl::StripTrailingSlash);
    return base + QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(key, "/"));
}

bool DemoClient::upload(const QString &key,
                        const QString &localPath,
                        const QString &mime,
                        QString *uri,
                        QString *error)
{
    auto file = std::make_shared<QFile>(localPath);
    if (!file->open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(localPath, file->errorString());
        return false;
    }
    const std::string boundary = QUuid::createUuid().toString(QUuid::Id128).toStdString();
    const std::string partName = "/" + key.toStdString();
    const std::string head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                             + partName + "\"; filename=\"" + partName
                             + "\"\r\nContent-Type: " + mime.toStdString() + "\r\n\r\n";
    const std::string tail = "\r\n--" + boundary + "--\r\n";
    const qint64 fileSize = file->size();
    const size_t total = head.size() + size_t(fileSize) + tail.size();

    auto client = clientFor(m_target.filesUrl);
    const httplib::Headers headers{{"Authorization", "Bearer " + m_token}};
    httplib::ContentProvider provider = [&, file](size_t offset, size_t length,
                                                  httplib::DataSink &sink) {
        if (offset < head.size()) {
            const size_t n = std::min(length, head.size() - offset);
            return sink.write(head.data() + offset, n);
        }
        const size_t fileEnd = head.size() + size_t(fileSize);
        if (offset < fileEnd) {
            const size_t want = std::min<size_t>({length, fileEnd - offset, size_t(1) << 20});
            if (!file->seek(qint64(offset - head.size())))
                return false;
            std::string buf(want, '\0');
            const qint64 got = file->read(buf.data(), qint64(want));
            if (got <= 0)
                return false;
            return sink.write(buf.data(), size_t(got));
        }
        const size_t t = offset - fileEnd;
        return sink.write(tail.data() + t, std::min(length, tail.size() - t));
    };
    const auto res = client->Post(basePath(m_target.filesUrl), headers, total, provider,
                                  "multipart/form-data; boundary=" + boundary);
    if (!res || res->status != 200) {
        *error = QStringLiteral("upload of %1: %2")
                         .arg(key,
                              res ? QStringLiteral("HTTP %1 %2")
                                              .arg(res->status)
                                              .arg(QString::fromStdString(res->body.substr(0, 200)))
                                  : QString::fromStdString(httplib::to_string(res.error())));
        return false;
    }
    *uri = uriFor(key);
    return true;
}

} // namespace Trove::Server
