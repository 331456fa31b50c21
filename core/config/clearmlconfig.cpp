#include "clearmlconfig.h"

#include "hoconparser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace Trove {

namespace {

QString str(const nlohmann::json *j)
{
    if (!j || j->is_null())
        return QString();
    if (j->is_string())
        return QString::fromStdString(j->get<std::string>());
    if (j->is_boolean())
        return j->get<bool>() ? QStringLiteral("true") : QStringLiteral("false");
    if (j->is_number_integer())
        return QString::number(j->get<qint64>());
    if (j->is_number())
        return QString::number(j->get<double>());
    return QString();
}

std::optional<bool> parseBool(const QString &s)
{
    const QString v = s.trimmed().toLower();
    if (v == QLatin1String("1") || v == QLatin1String("true") || v == QLatin1String("yes")
        || v == QLatin1String("on") || v == QLatin1String("y"))
        return true;
    if (v == QLatin1String("0") || v == QLatin1String("false") || v == QLatin1String("no")
        || v == QLatin1String("off") || v == QLatin1String("n"))
        return false;
    return std::nullopt;
}

bool boolAt(const nlohmann::json *j, bool fallback)
{
    if (!j || j->is_null())
        return fallback;
    if (j->is_boolean())
        return j->get<bool>();
    return parseBool(str(j)).value_or(fallback);
}

QString envValue(const QProcessEnvironment &env, const char *clearml, const char *trains)
{
    const QString a = env.value(QLatin1String(clearml));
    if (!a.isEmpty())
        return a;
    return trains ? env.value(QLatin1String(trains)) : QString();
}

QUrl hostUrl(const QString &s)
{
    QString t = s.trimmed();
    while (t.endsWith(QLatin1Char('/')))
        t.chop(1);
    if (t.isEmpty())
        return QUrl();
    if (!t.contains(QLatin1String("://")))
        t.prepend(QLatin1String("http://"));
    return QUrl(t, QUrl::TolerantMode);
}

QString urlText(const QUrl &u)
{
    QString s = u.toString();
    while (s.endsWith(QLatin1Char('/')))
        s.chop(1);
    return s;
}

S3BucketConfig bucketFrom(const nlohmann::json &j)
{
    S3BucketConfig b;
    auto at = [&](const char *k) {
        return j.contains(k) ? &j.at(k) : nullptr;
    };
    b.bucket = str(at("bucket"));
    b.host = str(at("host"));
    b.subdir = str(at("subdir"));
    b.key = str(at("key"));
    b.secret = str(at("secret"));
    b.token = str(at("token"));
    b.region = str(at("region"));
    b.acl = str(at("acl"));
    b.profile = str(at("profile"));
    b.multipart = boolAt(at("multipart"), true);
    b.secure = boolAt(at("secure"), true);
    b.verify = boolAt(at("verify"), true);
    return b;
}

} // namespace

const S3BucketConfig *S3Config::find(const QString &bucket, const QString &host) const
{
    for (const S3BucketConfig &b : credentials) {
        if (!host.isEmpty()) {
            if (b.host == host && (b.bucket.isEmpty() || b.bucket == bucket))
                return &b;
        } else if (b.host.isEmpty() && b.bucket == bucket) {
            return &b;
        }
    }
    return nullptr;
}

const nlohmann::json *ClearmlConfig::find(const nlohmann::json &tree, const QString &dottedPath)
{
    const nlohmann::json *cur = &tree;
    const QStringList parts = dottedPath.split(QLatin1Char('.'));
    for (const QString &p : parts) {
        if (!cur->is_object())
            return nullptr;
        auto it = cur->find(p.toStdString());
        if (it == cur->end())
            return nullptr;
        cur = &*it;
    }
    return cur;
}

void ClearmlConfig::mergeTree(nlohmann::json &into, const nlohmann::json &over)
{
    if (!into.is_object() || !over.is_object()) {
        into = over;
        return;
    }
    for (auto it = over.begin(); it != over.end(); ++it) {
        auto mine = into.find(it.key());
        if (mine != into.end() && mine->is_object() && it->is_object())
            mergeTree(*mine, *it);
        else
            into[it.key()] = *it;
    }
}

QString ClearmlConfig::expandPath(const QString &path, const QProcessEnvironment &env)
{
    QString out = path.trimmed();
    const QString home = env.value(QStringLiteral("HOME"), QDir::homePath());
    if (out == QLatin1String("~"))
        out = home;
    else if (out.startsWith(QLatin1String("~/")))
        out = home + out.mid(1);
    static const QRegularExpression var(
            QStringLiteral(R"(\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*))"));
    QString result;
    qsizetype last = 0;
    auto it = var.globalMatch(out);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString name = m.captured(1).isEmpty() ? m.captured(2) : m.captured(1);
        result += out.mid(last, m.capturedStart() - last);
        result += env.contains(name) ? env.value(name) : m.captured(0);
        last = m.capturedEnd();
    }
    result += out.mid(last);
    return result;
}

QUrl ClearmlConfig::deriveWebHost(const QUrl &api)
{
    const QString s = urlText(api);
    if (s.isEmpty())
        return QUrl();
    if (s.contains(QLatin1String("://demoapi.")))
        return QUrl(QString(s).replace(QLatin1String("://demoapi."), QLatin1String("://demoapp.")));
    if (s.contains(QLatin1String("://api.")))
        return QUrl(QString(s).replace(QLatin1String("://api."), QLatin1String("://app.")));
    if (api.port() == 8008) {
        QUrl u = api;
        u.setPort(8080);
        return QUrl(urlText(u));
    }
    return QUrl();
}

QUrl ClearmlConfig::deriveFilesHost(const QUrl &web)
{
    const QString s = urlText(web);
    if (s.isEmpty())
        return QUrl();
    if (web.port() != -1) {
        QUrl u = web;
        u.setPort(8081);
        return QUrl(urlText(u));
    }
    if (s.contains(QLatin1String("://demoapp.")))
        return QUrl(
                QString(s).replace(QLatin1String("://demoapp."), QLatin1String("://demofiles.")));
    if (s.contains(QLatin1String("://app.")))
        return QUrl(QString(s).replace(QLatin1String("://app."), QLatin1String("://files.")));
    QUrl u = web;
    u.setPort(8081);
    return QUrl(urlText(u));
}

ClearmlConfig ClearmlConfig::fromTree(nlohmann::json tree, const QProcessEnvironment &env)
{
    ClearmlConfig c;
    if (!tree.is_object())
        tree = nlohmann::json::object();
    auto at = [&](const char *path) {
        return find(tree, QLatin1String(path));
    };

    QString api = str(at("api.api_server"));
    if (api.isEmpty())
        api = str(at("api.host"));
    QString web = str(at("api.web_server"));
    QString files = str(at("api.files_server"));
    c.accessKey = str(at("api.credentials.access_key"));
    c.secretKey = str(at("api.credentials.secret_key"));
    c.verifyCertificate = boolAt(at("api.verify_certificate"), true);
    if (const auto *t = at("api.auth.token_expiration_threshold_sec"); t && t->is_number()) {
        const double v = t->get<double>();
        if (v >= 0 && v < 1e7)
            c.tokenExpirationThresholdSec = int(v);
    }

    // The environment wins over the files.
    if (const QString v = envValue(env, "CLEARML_API_HOST", "TRAINS_API_HOST"); !v.isEmpty())
        api = v;
    if (const QString v = envValue(env, "CLEARML_WEB_HOST", "TRAINS_WEB_HOST"); !v.isEmpty())
        web = v;
    if (const QString v = envValue(env, "CLEARML_FILES_HOST", "TRAINS_FILES_HOST"); !v.isEmpty())
        files = v;
    if (const QString v = envValue(env, "CLEARML_API_ACCESS_KEY", "TRAINS_API_ACCESS_KEY");
        !v.isEmpty())
        c.accessKey = v;
    if (const QString v = envValue(env, "CLEARML_API_SECRET_KEY", "TRAINS_API_SECRET_KEY");
        !v.isEmpty())
        c.secretKey = v;
    c.authToken = envValue(env, "CLEARML_AUTH_TOKEN", "TRAINS_AUTH_TOKEN");
    if (const QString v
        = envValue(env, "CLEARML_API_HOST_VERIFY_CERT", "TRAINS_API_HOST_VERIFY_CERT");
        !v.isEmpty())
        c.verifyCertificate = parseBool(v).value_or(c.verifyCertificate);
    c.maxApiVersion = envValue(env, "CLEARML_FORCE_MAX_API_VERSION", nullptr);
    if (!c.authToken.isEmpty())
        c.tokenExpirationThresholdSec = std::max(c.tokenExpirationThresholdSec, 3600);

    c.apiServer = hostUrl(api.isEmpty() ? QStringLiteral("https://api.clear.ml") : api);
    c.webServer = hostUrl(web);
    if (c.webServer.isEmpty()) {
        c.webServer = deriveWebHost(c.apiServer);
        if (c.webServer.isEmpty())
            c.warnings << QStringLiteral("cannot derive the web server from %1; set api.web_server")
                                  .arg(urlText(c.apiServer));
    }
    c.filesServer = hostUrl(files);
    if (c.filesServer.isEmpty())
        c.filesServer = deriveFilesHost(c.webServer);

    // sdk.*
    QString cache = envValue(env, "CLEARML_CACHE_DIR", "TRAINS_CACHE_DIR");
    if (cache.isEmpty())
        cache = str(at("sdk.storage.cache.default_base_dir"));
    if (cache.isEmpty())
        cache = QStringLiteral("~/.clearml/cache");
    c.cacheBaseDir = QDir::cleanPath(expandPath(cache, env));
    if (const auto *n = at("sdk.storage.cache.default_cache_manager_size")) {
        if (n->is_number_integer() && n->get<qint64>() > 0)
            c.cacheManagerSize = int(std::min<qint64>(n->get<qint64>(), 1000000));
        else if (bool ok = false; n->is_string()) {
            const int v = str(n).toInt(&ok);
            if (ok && v > 0)
                c.cacheManagerSize = v;
        }
    }
    c.defaultOutputUri = envValue(env, "CLEARML_DEFAULT_OUTPUT_URI", "TRAINS_DEFAULT_OUTPUT_URI");
    if (c.defaultOutputUri.isEmpty())
        c.defaultOutputUri = str(at("sdk.development.default_output_uri"));

    c.s3.key = str(at("sdk.aws.s3.key"));
    c.s3.secret = str(at("sdk.aws.s3.secret"));
    c.s3.token = str(at("sdk.aws.s3.token"));
    c.s3.region = str(at("sdk.aws.s3.region"));
    c.s3.useCredentialsChain = boolAt(at("sdk.aws.s3.use_credentials_chain"), false);
    if (c.s3.key.isEmpty())
        c.s3.key = env.value(QStringLiteral("AWS_ACCESS_KEY_ID"));
    if (c.s3.secret.isEmpty())
        c.s3.secret = env.value(QStringLiteral("AWS_SECRET_ACCESS_KEY"));
    if (c.s3.token.isEmpty())
        c.s3.token = env.value(QStringLiteral("AWS_SESSION_TOKEN"));
    if (c.s3.region.isEmpty())
        c.s3.region = env.value(QStringLiteral("AWS_DEFAULT_REGION"));
    if (const auto *list = at("sdk.aws.s3.credentials"); list && list->is_array())
        for (const auto &entry : *list)
            if (entry.is_object())
                c.s3.credentials << bucketFrom(entry);

    c.tree = std::move(tree);
    return c;
}

Result<ClearmlConfig>
ClearmlConfig::fromText(const QByteArray &text, const QString &name, const QProcessEnvironment &env)
{
    HoconParser::Options options;
    options.environment = env;
    QStringList warnings;
    auto tree = HoconParser::parse(text, name, options, &warnings);
    if (!tree)
        return tree.error();
    ClearmlConfig c = fromTree(std::move(tree.value()), env);
    c.warnings = warnings + c.warnings;
    return c;
}

Result<ClearmlConfig> ClearmlConfig::fromFile(const QString &path, const QProcessEnvironment &env)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, f.errorString(), path);
    if (f.size() > 16 * 1024 * 1024)
        return Error::make(Error::Kind::Parse, QStringLiteral("file larger than 16 MB"), path);
    auto c = fromText(f.readAll(), path, env);
    if (c)
        c->sourceFiles << path;
    return c;
}

Result<ClearmlConfig> ClearmlConfig::load(const QProcessEnvironment &env)
{
    const QString explicitFile = envValue(env, "CLEARML_CONFIG_FILE", "TRAINS_CONFIG_FILE");
    QStringList files;
    if (!explicitFile.isEmpty()) {
        files << expandPath(explicitFile, env);
    } else {
        const QString home = env.value(QStringLiteral("HOME"), QDir::homePath());
        for (const char *name : {"trains.conf", "clearml.conf"}) {
            const QString p = QDir(home).filePath(QLatin1String(name));
            if (QFileInfo::exists(p))
                files << p;
        }
    }
    HoconParser::Options options;
    options.environment = env;
    nlohmann::json merged = nlohmann::json::object();
    QStringList warnings;
    QStringList read;
    for (const QString &path : files) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            if (!explicitFile.isEmpty())
                return Error::make(Error::Kind::Io, f.errorString(), path);
            continue;
        }
        auto tree = HoconParser::parse(f.read(16 * 1024 * 1024), path, options, &warnings);
        if (!tree)
            return tree.error();
        mergeTree(merged, tree.value());
        read << path;
    }
    ClearmlConfig c = fromTree(std::move(merged), env);
    c.sourceFiles = read;
    c.warnings = warnings + c.warnings;
    return c;
}

QString maskSecret(const QString &secret)
{
    if (secret.size() < 16)
        return QStringLiteral("****");
    return secret.left(3) + QStringLiteral("****") + secret.right(3);
}

} // namespace Trove
