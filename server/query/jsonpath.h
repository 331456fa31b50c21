#pragma once

#include "common/util.h"

#include <string>
#include <vector>

namespace Trove::Server::JsonPath {

/// All values at a dotted path, descending through arrays ("models.input.model" on a task
/// yields every input model id). A missing path yields nothing.
std::vector<Json> collect(const Json &doc, const std::string &path);

/// The same without copying: pointers into doc, for a path already split at the dots
/// (filters split once per request, not once per document).
std::vector<const Json *> collectRefs(const Json &doc, const std::vector<std::string> &parts);

/// The value at a dotted path without descending arrays, or nullptr.
const Json *find(const Json &doc, const std::string &path);
const Json *find(const Json &doc, const std::vector<std::string> &parts);

/// Copies the value at path from src into dst, creating the parents; arrays on the way are
/// projected element by element ("models.output.model" keeps each entry's model).
void copy(const Json &src, Json *dst, const std::string &path);

} // namespace Trove::Server::JsonPath
