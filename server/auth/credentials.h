#pragma once

#include <QString>

#include <string>

namespace Trove::Server {

/// The server's secrets, kept in <data>/credentials.json (mode 0600): the one key pair, the
/// JWT signing secret and the ids of the single user and company. Created on first start.
struct Credentials
{
    std::string accessKey;
    std::string secretKey;
    std::string jwtSecret;
    std::string userId;
    std::string companyId;

    /// Loads the file, creating it (atomically, 0600) when missing. On failure returns false
    /// and sets *error.
    static bool loadOrCreate(const QString &dataDir, Credentials *out, QString *error);
};

} // namespace Trove::Server
