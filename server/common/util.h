#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace Trove::Server {

using Json = nlohmann::json;

/// Small value helpers shared by the whole server (ids, clocks, strings).
namespace Util {

/// 32 lowercase hex characters from the system RNG, like uuid4().hex.
std::string newId();

/// Current time as ClearML prints it: ISO-8601 UTC with "+00:00", fraction left out when 0.
std::string nowIso();

/// Seconds since the epoch.
std::int64_t nowSeconds();

/// Parses an ISO-8601 date (any offset); returns milliseconds since the epoch or -1.
std::int64_t parseIsoMs(const std::string &text);

std::vector<std::string> split(std::string_view text, char sep);
bool startsWith(std::string_view text, std::string_view prefix);
std::string toLower(std::string text);

/// Percent-decodes a URL path ("%20" → " "); returns false on a malformed escape.
bool percentDecode(std::string_view in, std::string *out);

std::string base64UrlEncode(std::string_view data);
bool base64UrlDecode(std::string_view data, std::string *out);
bool base64Decode(std::string_view data, std::string *out);

} // namespace Util
} // namespace Trove::Server
