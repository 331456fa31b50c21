#pragma once

#include "common/util.h"

#include <string>

namespace Trove::Server {

/// Builds the ClearML {meta, data} answer. HTTP status == meta.result_code.
struct Envelope
{
    std::string endpoint;
    std::string requestedVersion = "2.31";
    std::string actualVersion = "2.31";
    std::string trx;

    std::string success(const Json &data) const;
    std::string failure(int code,
                        int subcode,
                        const std::string &message,
                        const Json &errorData = Json::object()) const;

private:
    Json meta(int code, int subcode, const std::string &message, const Json &errorData) const;
};

} // namespace Trove::Server
