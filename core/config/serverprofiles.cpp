#include "serverprofiles.h"

namespace Trove {

namespace {

/// The environment without any variable that would override a profile's own values.
QProcessEnvironment profileEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys())
        if (key.startsWith(QLatin1String("CLEARML_API_"))
            || key.startsWith(QLatin1String("TRAINS_API_"))
            || key.endsWith(QLatin1String("_WEB_HOST"))
            || key.endsWith(QLatin1String("_FILES_HOST"))
            || key.endsWith(QLatin1String("_AUTH_TOKEN"))
            || key.endsWith(QLatin1String("_CONFIG_FILE")))
            env.remove(key);
    return env;
}

} // namespace

Result<ClearmlConfig> ServerProfile::resolve() const
{
    const QProcessEnvironment env = profileEnvironment();
    if (usesConfigFile())
        return ClearmlConfig::fromFile(configFile, env);
    if (apiServer.isEmpty())
        return Error::make(Error::Kind::Parse, QStringLiteral("the profile has no API server"),
                           name);
    nlohmann::json tree = nlohmann::json::object();
    ClearmlConfig c = ClearmlConfig::fromTree(tree, env);
    c.apiServer = apiServer;
    c.webServer = webServer.isEmpty() ? ClearmlConfig::deriveWebHost(apiServer) : webServer;
    c.filesServer
            = filesServer.isEmpty() ? ClearmlConfig::deriveFilesHost(c.webServer) : filesServer;
    c.accessKey = accessKey;
    c.secretKey = secretKey;
    c.verifyCertificate = verifyCertificate;
    return c;
}

Result<ServerProfile> ServerProfile::fromSnippet(const QString &name, const QString &snippet)
{
    auto parsed = ClearmlConfig::fromText(snippet.toUtf8(), QStringLiteral("pasted text"),
                                          profileEnvironment());
    if (!parsed)
        return parsed.error();
    const ClearmlConfig &c = parsed.value();
    if (!ClearmlConfig::find(c.tree, QStringLiteral("api.api_server"))
        && !ClearmlConfig::find(c.tree, QStringLiteral("api.host")))
        return Error::make(Error::Kind::Parse,
                           QStringLiteral("no api_server in the pasted configuration"),
                           QStringLiteral("pasted text"));
    if (c.accessKey.isEmpty() || c.secretKey.isEmpty())
        return Error::make(Error::Kind::Parse,
                           QStringLiteral("no credentials { access_key, secret_key } in the pasted "
                                          "configuration"),
                           QStringLiteral("pasted text"));
    ServerProfile p;
    p.name = name.isEmpty() ? c.apiServer.host() : name;
    p.apiServer = c.apiServer;
    p.webServer = c.webServer;
    p.filesServer = c.filesServer;
    p.accessKey = c.accessKey;
    p.secretKey = c.secretKey;
    p.verifyCertificate = c.verifyCertificate;
    return p;
}

QString ServerProfile::describe() const
{
    if (usesConfigFile())
        return QStringLiteral("%1: %2").arg(name, configFile);
    return QStringLiteral("%1: %2 (key %3, secret %4)")
            .arg(name, apiServer.toString(), accessKey, maskSecret(secretKey));
}

const ServerProfile *ServerProfiles::find(const QString &name) const
{
    for (const ServerProfile &p : m_profiles)
        if (p.name == name)
            return &p;
    return nullptr;
}

Status ServerProfiles::upsert(const ServerProfile &profile)
{
    if (profile.name.trimmed().isEmpty())
        return Error::make(Error::Kind::Parse, QStringLiteral("a server profile needs a name"));
    for (ServerProfile &p : m_profiles) {
        if (p.name == profile.name) {
            p = profile;
            return {};
        }
    }
    m_profiles << profile;
    return {};
}

bool ServerProfiles::remove(const QString &name)
{
    const auto before = m_profiles.size();
    m_profiles.removeIf([&](const ServerProfile &p) { return p.name == name; });
    if (m_current == name)
        m_current.clear();
    return m_profiles.size() != before;
}

void ServerProfiles::load(QSettings &settings)
{
    m_profiles.clear();
    settings.beginGroup(QStringLiteral("servers"));
    m_current = settings.value(QStringLiteral("current")).toString();
    const int n = settings.beginReadArray(QStringLiteral("profiles"));
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        ServerProfile p;
        p.name = settings.value(QStringLiteral("name")).toString();
        p.configFile = settings.value(QStringLiteral("configFile")).toString();
        p.apiServer = QUrl(settings.value(QStringLiteral("apiServer")).toString());
        p.webServer = QUrl(settings.value(QStringLiteral("webServer")).toString());
        p.filesServer = QUrl(settings.value(QStringLiteral("filesServer")).toString());
        p.accessKey = settings.value(QStringLiteral("accessKey")).toString();
        p.secretKey = settings.value(QStringLiteral("secretKey")).toString();
        p.verifyCertificate = settings.value(QStringLiteral("verifyCertificate"), true).toBool();
        if (!p.name.isEmpty())
            m_profiles << p;
    }
    settings.endArray();
    settings.endGroup();
}

void ServerProfiles::save(QSettings &settings) const
{
    settings.beginGroup(QStringLiteral("servers"));
    settings.remove(QString());
    settings.setValue(QStringLiteral("current"), m_current);
    settings.beginWriteArray(QStringLiteral("profiles"), int(m_profiles.size()));
    for (int i = 0; i < m_profiles.size(); ++i) {
        const ServerProfile &p = m_profiles.at(i);
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), p.name);
        settings.setValue(QStringLiteral("configFile"), p.configFile);
        settings.setValue(QStringLiteral("apiServer"), p.apiServer.toString());
        settings.setValue(QStringLiteral("webServer"), p.webServer.toString());
        settings.setValue(QStringLiteral("filesServer"), p.filesServer.toString());
        settings.setValue(QStringLiteral("accessKey"), p.accessKey);
        settings.setValue(QStringLiteral("secretKey"), p.secretKey);
        settings.setValue(QStringLiteral("verifyCertificate"), p.verifyCertificate);
    }
    settings.endArray();
    settings.endGroup();
    settings.sync();
}

} // namespace Trove
