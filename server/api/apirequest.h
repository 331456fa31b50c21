#pragma once

#include "common/util.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace Trove::Server {

/// The parsed, transport-free form of one API call: endpoint, version and the JSON body with
/// query-string fields merged in. Pure functions, fuzzed in tests/fuzz/fuzz_apirequest.cpp.
struct ApiRequest
{
    std::string endpoint;         ///< "tasks.get_all"
    std::string requestedVersion; ///< as asked ("2.23"), "2.31" when none
    int versionMajor = 2;
    int versionMinor = 31;
    Json body = Json::object();

    /// True when the requested version is at least major.minor.
    bool atLeast(int major, int minor) const
    {
        return versionMajor > major || (versionMajor == major && versionMinor >= minor);
    }

    /// Splits "/v2.23/tasks.get_all" (or "/tasks.get_all"). Returns false when the path is
    /// not an API path. Versions above 2.31 are treated as 2.31.
    static bool parsePath(const std::string &path, ApiRequest *out);

    /// Parses the body as one JSON object (empty → {}). Throws ApiError 400/12 otherwise.
    static Json parseBody(const std::string &body);

    /// Merges query/form fields into body: "a.b=1" nests, numbers and booleans are converted,
    /// repeated keys or "key[]" become lists.
    static void mergeParams(const std::vector<std::pair<std::string, std::string>> &params,
                            Json *body);

    /// Splits "a=1&b=x%20y" (a query string or a form body) into decoded pairs.
    static std::vector<std::pair<std::string, std::string>> parseQuery(const std::string &text);

    /// Converts one query value: integers, floats, true/false, null; else the string.
    static Json convertValue(const std::string &value);
};

} // namespace Trove::Server
