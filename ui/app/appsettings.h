#pragma once

#include "session/session.h"

#include <QString>

class QSettings;

namespace Trove {

/// The preferences of the Settings dialog, stored in the settings file shared with
/// trove-cli (ConfigSource::openSettings()): the cache limits as CacheLimits (read by
/// Session::evictionPolicy() at every download), the rest in group "gui". Empty or zero
/// values keep what clearml.conf (or the SDK's defaults) says, so Trove and the SDK share
/// one cache.
struct AppSettings
{
    QString cacheFolder;      ///< empty: CLEARML_CACHE_DIR / sdk.storage.cache.default_base_dir
    int cacheMaxEntries = 0;  ///< CacheLimits::maxEntries; 0: clearml.conf's count
    qint64 cacheMaxBytes = 0; ///< CacheLimits::maxBytes; 0: no byte cap
    int parallelTransfers = 3;

    static AppSettings load(QSettings &settings);
    void save(QSettings &settings) const;

    /// Applies the cache folder and parallel transfers to a new Session's configuration and
    /// options (the limits need nothing: the session reads them).
    void applyTo(ClearmlConfig *config, SessionOptions *options) const;

    friend bool operator==(const AppSettings &, const AppSettings &) = default;
};

} // namespace Trove
