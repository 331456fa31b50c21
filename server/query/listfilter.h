#pragma once

#include "common/util.h"

#include <vector>

namespace Trove::Server {

/// ClearML's list-filter syntax (contract §3.5) for tags, ids, types, statuses, references:
/// values are OR-ed; "-value" excludes; "__$not" negates the next value; "__$all"/"__$and"
/// switch to AND, "__$any"/"__$or" back to OR, "__$nop" is ignored; a null entry matches a
/// missing value.
class ListFilter final
{
public:
    /// Builds from the request value (a list, or a single scalar). Throws ApiError 400/12 on
    /// values that are neither strings nor null.
    explicit ListFilter(const Json &spec, bool allowLegacyExclude = true);

    /// values: what the document holds (a scalar becomes a one-element list; a missing field
    /// is an empty list).
    bool matches(const std::vector<const Json *> &values) const;
    bool isEmpty() const { return m_empty; }

private:
    std::vector<Json> m_anyInclude;
    std::vector<Json> m_allInclude;
    std::vector<Json> m_exclude;
    std::vector<Json> m_allExclude;
    bool m_empty = true;
};

} // namespace Trove::Server
