#pragma once

#include "cache/sdkcache.h"

class QSettings;

namespace Trove {

/// The limits of the SDK-shared cache set in Trove (the cache panel, the Settings dialog),
/// stored in the settings trove and trove-cli share (ConfigSource::openSettings()):
///
///   cache/maxEntries  int     entries kept by eviction; 0 or absent: clearml.conf's
///                             sdk.storage.cache.default_cache_manager_size (the SDK's 100)
///   cache/maxBytes    qint64  byte cap on the remaining entries; 0 or absent: none
///
/// Session::evictionPolicy() reads them for every download, so a change applies at once.
struct CacheLimits
{
    static QString maxEntriesKey() { return QStringLiteral("cache/maxEntries"); }
    static QString maxBytesKey() { return QStringLiteral("cache/maxBytes"); }
    /// The SDK's default_cache_manager_size.
    static constexpr int kSdkDefaultMaxEntries = 100;

    int maxEntries = 0;  ///< 0: the configured count (clearml.conf), else the SDK's 100
    qint64 maxBytes = 0; ///< 0: no byte cap

    /// Reads the keys above; missing, negative or non-numeric values read as 0.
    static CacheLimits load(const QSettings &settings);
    /// Writes the keys above (a 0 removes its key, so clearml.conf applies again).
    void save(QSettings &settings) const;

    /// The eviction policy: maxEntries when set, else `configuredMaxEntries` when positive
    /// (ClearmlConfig::cacheManagerSize), else the SDK's default; maxBytes as is.
    SdkCache::EvictionPolicy policy(int configuredMaxEntries) const;

    friend bool operator==(const CacheLimits &a, const CacheLimits &b)
    {
        return a.maxEntries == b.maxEntries && a.maxBytes == b.maxBytes;
    }
};

} // namespace Trove
