#pragma once

#include "common/util.h"

#include <string>
#include <vector>

namespace Trove::Server::JsonPath {

/// All values at a dotted path, descending through arrays ("models.input.model" on a task
/// yields every input model id). A missing path yields nothing.
std::vector<Json> collect(const Json &doc, const std::string &path);

/// The value at a dotted path without descending arrays, or nullptr.
const Json *find(const Json &doc, const std::string &path);

/// Copies the value at path from src into dst, creating the parents.
void copy(const Json &src, Json *dst, const std::string &path);

} // namespace Trove::Server::JsonPath
