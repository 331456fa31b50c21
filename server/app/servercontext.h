#pragma once

#include "app/faultinjector.h"
#include "auth/credentials.h"
#include "auth/jwt.h"
#include "query/listcache.h"
#include "query/pager.h"
#include "store/store.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <string>

namespace Trove::Server {

/// Options from the command line.
struct ServerOptions
{
    QString dataDir;
    QString host = QStringLiteral("127.0.0.1");
    int apiPort = 8008;
    int filesPort = 8081;
    bool demo = false;
    bool filesAuth = true;
    bool testHooks = false;
    std::int64_t throttleFilesBytesPerSec = 0;
    bool printCredentials = false;
};

/// Everything the services share: store, secrets, scroll state, test hooks.
struct ServerContext
{
    ServerOptions options;
    Credentials credentials;
    Jwt jwt{std::string()};
    Store store;
    Pager pager;
    ListCache lists; ///< ordered results of recent get_all queries
    FaultInjector faults;
    std::string filesUrl; ///< "http://127.0.0.1:8081" once listening
    std::string apiUrl;
    QString filesRoot; ///< <data>/files

    static constexpr const char *ServerVersion = "2.0.0";
    static constexpr const char *ApiVersion = "2.31";
};

} // namespace Trove::Server
