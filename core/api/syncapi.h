#pragma once

#include "apireply.h"
#include "clearmlapi.h"

#include <QEventLoop>
#include <QPointer>
#include <QTimer>

namespace Trove {

/// A blocking facade for sequential code: trove-cli and worker threads.
///
/// NEVER use it on the GUI thread: wait() runs a local QEventLoop until the reply finishes.
/// The ApiClient must live in the calling thread (a worker creates its own ApiClient).
///
///     SyncApi sync(&api);
///     Result<Task> task = sync.wait<Task>(api.getTask(id));
class SyncApi final
{
public:
    explicit SyncApi(ClearmlApi *api)
        : m_api(api)
    {}

    ClearmlApi *api() const { return m_api; }

    /// Blocks until `reply` finishes (or `timeoutMs` passes, then cancels it) and returns
    /// its typed value. T is the type the call documents ("→ T").
    template<typename T>
    Result<T> wait(ApiReply *reply, int timeoutMs = -1)
    {
        if (!waitFor(reply, timeoutMs))
            return Error::make(Error::Kind::Network, QStringLiteral("timed out"),
                               reply ? reply->endpoint() : QString());
        return reply->value<T>();
    }

    /// For raw ApiClient::call(): the `data` object.
    Result<nlohmann::json> waitData(ApiReply *reply, int timeoutMs = -1)
    {
        if (!waitFor(reply, timeoutMs))
            return Error::make(Error::Kind::Network, QStringLiteral("timed out"),
                               reply ? reply->endpoint() : QString());
        if (!reply->ok())
            return reply->error();
        return reply->data();
    }

    // Shortcuts for the most common sequential calls.
    Result<Task> task(const QString &id) { return wait<Task>(m_api->getTask(id)); }
    Result<Model> model(const QString &id) { return wait<Model>(m_api->getModel(id)); }
    Result<Page<Task>> tasks(const TaskQuery &q) { return wait<Page<Task>>(m_api->getTasks(q)); }
    Result<Page<Project>> projects(const ProjectQuery &q)
    {
        return wait<Page<Project>>(m_api->getProjects(q));
    }
    Result<Task> registerArtifact(const QString &taskId, const Artifact &a)
    {
        return wait<Task>(m_api->registerArtifact(taskId, a));
    }
    Result<QString> registerOutputModel(const QString &taskId,
                                        const QString &name,
                                        const QString &uri,
                                        const QString &framework = QString())
    {
        return wait<QString>(m_api->registerOutputModel(taskId, name, uri, framework));
    }

private:
    /// Keeps the reply alive past finished() (deleteLater runs only when control returns to
    /// the outer loop) and returns false on timeout.
    bool waitFor(ApiReply *reply, int timeoutMs)
    {
        if (!reply)
            return false;
        if (reply->isFinished())
            return true;
        QEventLoop loop;
        QObject::connect(reply, &ApiReply::finished, &loop, &QEventLoop::quit);
        QTimer timer;
        if (timeoutMs >= 0) {
            timer.setSingleShot(true);
            QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
            timer.start(timeoutMs);
        }
        loop.exec(QEventLoop::ExcludeUserInputEvents);
        if (!reply->isFinished()) {
            reply->cancel();
            return false;
        }
        return true;
    }

    ClearmlApi *m_api;
};

} // namespace Trove
