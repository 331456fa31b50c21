#include "configsource.h"

#include "config/serverprofiles.h"

#include <QFileInfo>
#include <QSettings>

namespace Trove {

std::unique_ptr<QSettings> ConfigSource::openSettings()
{
    return std::make_unique<QSettings>(QSettings::IniFormat, QSettings::UserScope,
                                       QStringLiteral("Trove"), QStringLiteral("trove"));
}

Result<ClearmlConfig> ConfigSource::resolve(const QProcessEnvironment &env) const
{
    if (!profileName.isEmpty()) {
        ServerProfiles profiles;
        auto settings = openSettings();
        profiles.load(*settings);
        const ServerProfile *profile = profiles.find(profileName);
        if (!profile) {
            QStringList names;
            for (const ServerProfile &p : profiles.profiles())
                names << p.name;
            return Error::make(Error::Kind::Io,
                               names.isEmpty()
                                       ? QStringLiteral("no saved server profiles")
                                       : QStringLiteral("known servers: ") + names.join(u", "),
                               QStringLiteral("server profile \"%1\"").arg(profileName));
        }
        return profile->resolve();
    }
    if (!configFile.isEmpty()) {
        const QString path = ClearmlConfig::expandPath(configFile, env);
        if (!QFileInfo(path).isFile())
            return Error::make(Error::Kind::Io, QStringLiteral("no such file"), path);
        return ClearmlConfig::fromFile(path, env);
    }
    return ClearmlConfig::load(env);
}

} // namespace Trove
