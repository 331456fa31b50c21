#include "previewthreadpool.h"

#include <QCoreApplication>
#include <QMutex>
#include <QThread>
#include <QThreadPool>

#include <vector>

namespace Trove {

namespace {

struct Registry
{
    QMutex mutex;
    std::vector<std::weak_ptr<std::atomic<bool>>> flags;
    QThreadPool *pool = nullptr;
};

Registry &registry()
{
    static Registry r;
    return r;
}

/// Cancels every preview job and waits for the pool while the application still delivers
/// events (remote reads poll their flag from an event loop in the worker thread).
void shutdown()
{
    Registry &r = registry();
    QThreadPool *pool = nullptr;
    {
        QMutexLocker lock(&r.mutex);
        for (const auto &weak : r.flags)
            if (auto flag = weak.lock())
                flag->store(true);
        r.flags.clear();
        pool = r.pool;
        r.pool = nullptr;
    }
    if (pool) {
        pool->waitForDone(30000);
        delete pool;
    }
}

} // namespace

QThreadPool *previewThreadPool()
{
    Registry &r = registry();
    QMutexLocker lock(&r.mutex);
    if (!r.pool) {
        r.pool = new QThreadPool;
        r.pool->setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
        r.pool->setExpiryTimeout(30000);
        qAddPostRoutine(shutdown);
        if (auto *app = QCoreApplication::instance())
            QObject::connect(app, &QCoreApplication::aboutToQuit, app, shutdown);
    }
    return r.pool;
}

std::shared_ptr<std::atomic<bool>> newPreviewCancelFlag()
{
    auto flag = std::make_shared<std::atomic<bool>>(false);
    Registry &r = registry();
    QMutexLocker lock(&r.mutex);
    std::erase_if(r.flags, [](const auto &weak) { return weak.expired(); });
    r.flags.push_back(flag);
    return flag;
}

} // namespace Trove
