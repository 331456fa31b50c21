#pragma once

// Shared setup of the integration tests: the real trove-server (TestServer) and a client
// session against it. Test code: blocking waits are fine here.
#include "api/apiclient.h"
#include "api/clearmlapi.h"
#include "api/syncapi.h"
#include "testserver.h"

#include <QtTest>

#include <memory>

struct ApiTestEnv
{
    TestServer server;
    std::unique_ptr<Trove::ApiClient> client;
    Trove::ClearmlApi *api = nullptr;
    std::unique_ptr<Trove::SyncApi> sync;

    Trove::ClearmlConfig config() const
    {
        Trove::ClearmlConfig c;
        c.apiServer = server.apiUrl();
        c.filesServer = server.filesUrl();
        c.webServer = server.apiUrl();
        c.accessKey = server.accessKey();
        c.secretKey = server.secretKey();
        return c;
    }

    static Trove::ApiClientOptions fastOptions()
    {
        Trove::ApiClientOptions o;
        o.backoffBaseMs = 10;
        o.backoffMaxMs = 50;
        o.maxRetries = 4;
        o.timeoutMs = 15000;
        o.useSystemProxy = false;
        return o;
    }

    bool start(const QStringList &extraArgs = {QStringLiteral("--test-hooks")})
    {
        TestServer::Options o;
        o.extraArgs = extraArgs;
        if (!server.start(o)) {
            qWarning() << "trove-server did not start:" << server.errorString();
            return false;
        }
        client = std::make_unique<Trove::ApiClient>(config(), fastOptions());
        api = new Trove::ClearmlApi(client.get());
        sync = std::make_unique<Trove::SyncApi>(api);
        return true;
    }

    /// A raw call, blocking; fails the test on error.
    nlohmann::json call(const char *endpoint, const nlohmann::json &body)
    {
        auto r = sync->waitData(client->call(QLatin1String(endpoint), body), 30000);
        if (!r)
            qWarning() << endpoint << r.error().userMessage();
        return r ? r.value() : nlohmann::json();
    }

    QString createProject(const QString &name)
    {
        auto id = sync->wait<QString>(api->createProject(name), 30000);
        return id ? id.value() : QString();
    }

    QString createTask(const QString &name,
                       const QString &project,
                       const nlohmann::json &extra = nlohmann::json::object())
    {
        auto id = sync->wait<QString>(
                api->createTask(name, project, QStringLiteral("training"), extra), 30000);
        if (!id)
            qWarning() << "createTask" << id.error().userMessage();
        return id ? id.value() : QString();
    }
};
