#pragma once

#include "session/session.h"

#include <QString>

class QSettings;

namespace Trove {

/// The preferences of the Settings dialog, stored in the settings file shared with
/// trove-cli (ConfigSource::openSettings(), group "gui"). Empty or zero values keep what
/// clearml.conf (or the SDK's defaults) says, so Trove and the SDK share one cache.
struct AppSettings
{
    QString cacheFolder;      ///< empty: CLEARML_CACHE_DIR / sdk.storage.cache.default_base_dir
    int cacheMaxEntries = 0;  ///< 0: sdk.storage.cache.default_cache_manager_size
    qint64 cacheMaxBytes = 0; ///< 0: no byte cap
    int parallelTransfers = 3;

    static AppSettings load(QSettings &settings);
    void save(QSettings &settings) const;

    /// Applies the overrides to the configuration and options of a new Session.
    void applyTo(ClearmlConfig *config, SessionOptions *options) const;

    friend bool operator==(const AppSettings &, const AppSettings &) = default;
};

} // namespace Trove
