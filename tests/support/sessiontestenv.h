#pragma once

// A Session (the real client stack) against the real trove-server, for the tests of the
// transfer model, the upload flow and the artifact actions. Test code: blocking waits are
// fine here, never in GUI code. Header-only: link Trove::Core to use it.
#include "api/syncapi.h"
#include "session/session.h"
#include "testfiles.h"
#include "testserver.h"
#include "transfers/transfermanager.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

struct SessionTestEnv
{
    TestServer server;
    QTemporaryDir dir; ///< cache and scratch files
    std::unique_ptr<Trove::Session> session;
    std::unique_ptr<Trove::SyncApi> sync;

    /// Starts the server (extra arguments e.g. --throttle-files) and a session whose SDK
    /// cache lives in this environment's temporary folder.
    bool start(const QStringList &extraArgs = {})
    {
        TestServer::Options o;
        o.extraArgs = extraArgs;
        if (!server.start(o)) {
            qWarning() << "trove-server did not start:" << server.errorString();
            return false;
        }
        qputenv("CLEARML_CACHE_DIR", dir.filePath(QStringLiteral("cache")).toUtf8());
        Trove::ClearmlConfig c;
        c.apiServer = server.apiUrl();
        c.filesServer = server.filesUrl();
        c.webServer = QUrl(QStringLiteral("http://web.example"));
        c.accessKey = server.accessKey();
        c.secretKey = server.secretKey();
        Trove::SessionOptions options;
        options.api.backoffBaseMs = 10;
        options.api.backoffMaxMs = 50;
        options.api.maxRetries = 4;
        options.api.timeoutMs = 15000;
        options.api.useSystemProxy = false;
        session = std::make_unique<Trove::Session>(c, options);
        sync = std::make_unique<Trove::SyncApi>(session->api());
        // Log in once so that storage requests carry a token.
        auto login = sync->waitData(session->client()->login(), 30000);
        if (!login)
            qWarning() << "login failed:" << login.error().userMessage();
        return login.ok();
    }

    QString createProject(const QString &name)
    {
        auto id = sync->wait<QString>(session->api()->createProject(name), 30000);
        return id ? id.value() : QString();
    }

    /// A task in `status`: "created", "in_progress", "completed" or "published".
    QString createTask(const QString &name, const QString &project, const QString &status)
    {
        auto id = sync->wait<QString>(session->api()->createTask(name, project), 30000);
        if (!id) {
            qWarning() << "createTask:" << id.error().userMessage();
            return QString();
        }
        auto set = [&](const char *action) {
            return sync
                    ->wait<nlohmann::json>(
                            session->api()->setTaskStatus(id.value(), QLatin1String(action), true),
                            30000)
                    .ok();
        };
        if (status != QLatin1String("created") && !set("started"))
            return QString();
        if ((status == QLatin1String("completed") || status == QLatin1String("published"))
            && !set("completed"))
            return QString();
        if (status == QLatin1String("published") && !set("publish"))
            return QString();
        return id.value();
    }

    Trove::Task task(const QString &id)
    {
        auto t = sync->task(id);
        return t ? t.value() : Trove::Task();
    }

    QString writeFile(const QString &relative, const QByteArray &data)
    {
        return TestFiles::write(dir.filePath(QStringLiteral("files")), relative, data);
    }

    /// A download to `dir/downloads/<name>` outside the cache, without retries.
    Trove::DownloadRequest plainDownload(const QString &uri, const QString &name) const
    {
        Trove::DownloadRequest r;
        r.uri = uri;
        r.destination = dir.filePath(QStringLiteral("downloads/") + name);
        r.maxAttempts = 1;
        return r;
    }

    static QByteArray pattern(int size, int seed = 0)
    {
        QByteArray out(size, Qt::Uninitialized);
        for (int i = 0; i < size; ++i)
            out[i] = static_cast<char>((i * 31 + seed * 7 + i / 1021) & 0xFF);
        return out;
    }

    static QString sha256(const QByteArray &data)
    {
        return QString::fromLatin1(
                QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
    }

    static QByteArray readAll(const QString &path) { return TestFiles::read(path); }

    /// Every file below `root` by relative path.
    static QMap<QString, QByteArray> tree(const QString &root)
    {
        QMap<QString, QByteArray> out;
        QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            out.insert(QDir(root).relativeFilePath(it.filePath()), readAll(it.filePath()));
        }
        return out;
    }

    static bool waitDone(Trove::TransferJob *job, int ms = 60000)
    {
        if (job->isDone())
            return true;
        QSignalSpy spy(job, &Trove::TransferJob::finished);
        return spy.wait(ms);
    }

    /// Downloads through the session's transfer manager; the local result or empty.
    QString download(const Trove::DownloadRequest &request, QString *error = nullptr)
    {
        Trove::DownloadJob *job = session->transfers()->download(request);
        if (!waitDone(job) || job->state() != Trove::TransferJob::State::Finished) {
            if (error)
                *error = job->error().userMessage();
            return QString();
        }
        return job->resultPath();
    }
};
