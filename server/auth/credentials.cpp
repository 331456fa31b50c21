#include "credentials.h"

#include "common/util.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSaveFile>

namespace Trove::Server {

static std::string randomString(int length, const char *alphabet)
{
    const std::string chars(alphabet);
    std::string s;
    auto *rng = QRandomGenerator::system();
    for (int i = 0; i < length; ++i)
        s.push_back(chars[rng->bounded(static_cast<quint32>(chars.size()))]);
    return s;
}

bool Credentials::loadOrCreate(const QString &dataDir, Credentials *out, QString *error)
{
    const QString path = QDir(dataDir).filePath(QStringLiteral("credentials.json"));
    QFile file(path);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
            return false;
        }
        const Json j = Json::parse(file.readAll().toStdString(), nullptr, false);
        if (!j.is_object() || !j.contains("access_key") || !j.contains("secret_key")
            || !j.contains("jwt_secret")) {
            *error = QStringLiteral("%1 is damaged; remove it to create new credentials").arg(path);
            return false;
        }
        out->accessKey = j.value("access_key", std::string());
        out->secretKey = j.value("secret_key", std::string());
        out->jwtSecret = j.value("jwt_secret", std::string());
        out->userId = j.value("user_id", std::string());
        out->companyId = j.value("company_id", std::string());
        return true;
    }
    out->accessKey = randomString(24, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    out->secretKey
            = randomString(48, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
    out->jwtSecret = Util::newId() + Util::newId();
    out->userId = Util::newId();
    out->companyId = Util::newId();
    const Json j{{"access_key", out->accessKey},
                 {"secret_key", out->secretKey},
                 {"jwt_secret", out->jwtSecret},
                 {"user_id", out->userId},
                 {"company_id", out->companyId}};
    QSaveFile save(path);
    if (!save.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, save.errorString());
        return false;
    }
    save.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    save.write(QByteArray::fromStdString(j.dump(2)));
    if (!save.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, save.errorString());
        return false;
    }
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}

} // namespace Trove::Server
