#pragma once

#include "api/apierror.h"
#include "common/util.h"

#include <string>
#include <vector>

namespace Trove::Server::Fields {

/// A required string field; 400/11 when missing, 400/12 when not a string.
std::string requireString(const Json &body, const std::string &name);
/// An optional string (null/missing → fallback); 400/12 when another type.
std::string optString(const Json &body, const std::string &name, const std::string &fallback = {});
bool optBool(const Json &body, const std::string &name, bool fallback = false);
/// A list of strings (a single string is accepted as a one-element list).
std::vector<std::string> optStringList(const Json &body, const std::string &name);
/// Validates an entity name: string, at least 3 characters.
void checkName(const std::string &name, const std::string &field = "name");
/// A string list field for storage (tags): 400/12 unless a list of strings.
Json stringListValue(const Json &value, const std::string &name);
/// An object field: 400/12 unless an object (null → {}).
Json objectValue(const Json &value, const std::string &name);

} // namespace Trove::Server::Fields
