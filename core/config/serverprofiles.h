#pragma once

#include "clearmlconfig.h"

#include <QList>
#include <QSettings>
#include <QString>
#include <QUrl>

namespace Trove {

/// One server Trove knows: either a clearml.conf file, or hosts and keys entered (or pasted)
/// in Trove. Profiles let several servers live side by side.
struct ServerProfile
{
    QString name;
    QString configFile; ///< when set, the hosts and keys come from this file
    QUrl apiServer;
    QUrl webServer;   ///< optional, derived when empty
    QUrl filesServer; ///< optional, derived when empty
    QString accessKey;
    QString secretKey; ///< never logged or shown in full: see maskSecret()
    bool verifyCertificate = true;

    bool usesConfigFile() const { return !configFile.isEmpty(); }

    /// The effective configuration: the file (with the environment's keys and hosts
    /// ignored, so each profile stays itself), or the entered values with derived hosts.
    Result<ClearmlConfig> resolve() const;

    /// A profile from a pasted clearml.conf snippet: the `api { ... }` block the web UI's
    /// "Create new credentials" dialog shows (or a whole clearml.conf).
    static Result<ServerProfile> fromSnippet(const QString &name, const QString &snippet);

    /// A one-line description with the secret masked, for logs and lists.
    QString describe() const;
};

/// The persisted list of profiles (QSettings group "servers"), plus the current one.
/// Note: QSettings stores the keys in clear text in the user's settings file, like
/// clearml.conf does.
class ServerProfiles final
{
public:
    ServerProfiles() = default;

    const QList<ServerProfile> &profiles() const { return m_profiles; }
    const ServerProfile *find(const QString &name) const;
    /// Adds, or replaces the profile with the same name. An empty name is refused.
    Status upsert(const ServerProfile &profile);
    bool remove(const QString &name);

    QString current() const { return m_current; }
    void setCurrent(const QString &name) { m_current = name; }

    void load(QSettings &settings);
    void save(QSettings &settings) const;

private:
    QList<ServerProfile> m_profiles;
    QString m_current;
};

} // namespace Trove
