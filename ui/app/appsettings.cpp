#include "appsettings.h"

#include <QSettings>

#include <algorithm>

namespace Trove {

AppSettings AppSettings::load(QSettings &settings)
{
    AppSettings s;
    settings.beginGroup(QStringLiteral("gui"));
    s.cacheFolder = settings.value(QStringLiteral("cacheFolder")).toString();
    s.cacheMaxEntries = std::max(0, settings.value(QStringLiteral("cacheMaxEntries"), 0).toInt());
    s.cacheMaxBytes
            = std::max<qint64>(0, settings.value(QStringLiteral("cacheMaxBytes"), 0).toLongLong());
    s.parallelTransfers
            = std::clamp(settings.value(QStringLiteral("parallelTransfers"), 3).toInt(), 1, 16);
    settings.endGroup();
    return s;
}

void AppSettings::save(QSettings &settings) const
{
    settings.beginGroup(QStringLiteral("gui"));
    settings.setValue(QStringLiteral("cacheFolder"), cacheFolder);
    settings.setValue(QStringLiteral("cacheMaxEntries"), cacheMaxEntries);
    settings.setValue(QStringLiteral("cacheMaxBytes"), cacheMaxBytes);
    settings.setValue(QStringLiteral("parallelTransfers"), parallelTransfers);
    settings.endGroup();
    settings.sync();
}

void AppSettings::applyTo(ClearmlConfig *config, SessionOptions *options) const
{
    if (!cacheFolder.trimmed().isEmpty())
        config->cacheBaseDir = ClearmlConfig::expandPath(cacheFolder.trimmed(),
                                                         QProcessEnvironment::systemEnvironment());
    if (cacheMaxEntries > 0)
        config->cacheManagerSize = cacheMaxEntries;
    options->cacheMaxBytes = cacheMaxBytes;
    options->maxParallelTransfers = std::clamp(parallelTransfers, 1, 16);
}

} // namespace Trove
