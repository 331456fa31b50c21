#pragma once
// Test processes run side by side (ctest -j): each one gets settings of its own.
//
// QStandardPaths' test mode moves every user folder under ~/.qttest, but that folder is shared
// by all test processes and kept between runs, so a server profile or a cache limit written by
// one test would be read by the next. isolateUserSettings() turns the test mode on (data and
// cache folders) and points QSettings' user scope, where ConfigSource::openSettings() keeps
// Trove's settings, at a fresh temporary folder of this process.
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace Trove::Test {

/// Returns the settings folder (removed when the process ends).
inline QString isolateUserSettings()
{
    static QTemporaryDir dir;
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
    return dir.path();
}

} // namespace Trove::Test
