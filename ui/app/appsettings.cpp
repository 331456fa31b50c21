#include "appsettings.h"

#include "cache/cachelimits.h"

#include <QSettings>

#include <algorithm>

namespace Trove {

AppSettings AppSettings::load(QSettings &settings)
{
    AppSettings s;
    settings.beginGroup(QStringLiteral("gui"));
    s.cacheFolder = settings.value(QStringLiteral("cacheFolder")).toString();
    s.parallelTransfers
            = std::clamp(settings.value(QStringLiteral("parallelTransfers"), 3).toInt(), 1, 16);
    settings.endGroup();
    const CacheLimits limits = CacheLimits::load(settings);
    s.cacheMaxEntries = limits.maxEntries;
    s.cacheMaxBytes = limits.maxBytes;
    return s;
}

void AppSettings::save(QSettings &settings) const
{
    settings.beginGroup(QStringLiteral("gui"));
    settings.setValue(QStringLiteral("cacheFolder"), cacheFolder);
    settings.setValue(QStringLiteral("parallelTransfers"), parallelTransfers);
    settings.endGroup();
    CacheLimits limits;
    limits.maxEntries = cacheMaxEntries;
    limits.maxBytes = cacheMaxBytes;
    limits.save(settings);
    settings.sync();
}

void AppSettings::applyTo(ClearmlConfig *config, SessionOptions *options) const
{
    if (!cacheFolder.trimmed().isEmpty())
        config->cacheBaseDir = ClearmlConfig::expandPath(cacheFolder.trimmed(),
                                                         QProcessEnvironment::systemEnvironment());
    options->maxParallelTransfers = std::clamp(parallelTransfers, 1, 16);
}

} // namespace Trove
