#pragma once

#include "config/clearmlconfig.h"

#include <QProcessEnvironment>
#include <QString>

#include <memory>

class QSettings;

namespace Trove {

/// Where the configuration of a Session comes from, in the order trove-cli and the GUI offer
/// it: a saved Trove server profile (`--server NAME`), one clearml.conf file (`--config FILE`,
/// environment still applied, as with CLEARML_CONFIG_FILE), or, with neither, the SDK's own
/// resolution (CLEARML_CONFIG_FILE, ~/trains.conf + ~/clearml.conf, CLEARML_* environment).
struct ConfigSource
{
    QString configFile;  ///< --config
    QString profileName; ///< --server

    /// Resolves the configuration. Blocking file I/O (small files); fine on any thread.
    Result<ClearmlConfig> resolve(const QProcessEnvironment &env
                                  = QProcessEnvironment::systemEnvironment()) const;

    /// The settings store shared by trove and trove-cli (organization "Trove", application
    /// "trove", INI format: $XDG_CONFIG_HOME/Trove/trove.ini on Linux). ServerProfiles live in it.
    static std::unique_ptr<QSettings> openSettings();
};

} // namespace Trove
