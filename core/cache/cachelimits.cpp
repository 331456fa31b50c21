#include "cachelimits.h"

#include <QSettings>

namespace Trove {

CacheLimits CacheLimits::load(const QSettings &settings)
{
    CacheLimits limits;
    bool ok = false;
    const qlonglong entries = settings.value(maxEntriesKey()).toLongLong(&ok);
    if (ok && entries > 0)
        limits.maxEntries = int(std::min<qlonglong>(entries, 1000000));
    const qlonglong bytes = settings.value(maxBytesKey()).toLongLong(&ok);
    if (ok && bytes > 0)
        limits.maxBytes = bytes;
    return limits;
}

void CacheLimits::save(QSettings &settings) const
{
    if (maxEntries > 0)
        settings.setValue(maxEntriesKey(), maxEntries);
    else
        settings.remove(maxEntriesKey());
    if (maxBytes > 0)
        settings.setValue(maxBytesKey(), maxBytes);
    else
        settings.remove(maxBytesKey());
}

SdkCache::EvictionPolicy CacheLimits::policy(int configuredMaxEntries) const
{
    SdkCache::EvictionPolicy p;
    p.maxEntries = maxEntries > 0             ? maxEntries
                   : configuredMaxEntries > 0 ? configuredMaxEntries
                                              : kSdkDefaultMaxEntries;
    p.maxBytes = std::max<qint64>(0, maxBytes);
    return p;
}

} // namespace Trove
