#include "previewthreadpool.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThread>
#include <QThreadPool>

namespace Trove {

QThreadPool *previewThreadPool()
{
    // Owned by the application: destroyed (waiting for the jobs, which their owners have
    // cancelled by then) before Qt itself goes away.
    static QPointer<QThreadPool> pool;
    if (!pool) {
        pool = new QThreadPool(QCoreApplication::instance());
        pool->setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
        pool->setExpiryTimeout(30000);
    }
    return pool;
}

} // namespace Trove
