#include "listfilter.h"

#include "api/apierror.h"

#include <algorithm>

namespace Trove::Server {

static bool containsValue(const std::vector<const Json *> &values, const Json &v)
{
    if (v.is_null())
        return values.empty() || std::all_of(values.begin(), values.end(), [](const Json *x) {
                   return x->is_null();
               });
    return std::any_of(values.begin(), values.end(), [&](const Json *x) { return *x == v; });
}

ListFilter::ListFilter(const Json &spec, bool allowLegacyExclude)
{
    Json list = spec;
    if (!list.is_array())
        list = Json::array({spec});
    bool allMode = false;
    bool negateNext = false;
    for (const Json &item : list) {
        if (!item.is_null() && !item.is_string() && !item.is_number() && !item.is_boolean())
            throw ApiError(400, 12,
                           "validation error: list filter values must be strings, got "
                                   + item.dump());
        Json value = item;
        bool negate = false;
        if (item.is_string()) {
            const std::string s = item.get<std::string>();
            if (s == "__$not") {
                negateNext = true;
                continue;
            }
            if (s == "__$all" || s == "__$and") {
                allMode = true;
                continue;
            }
            if (s == "__$any" || s == "__$or") {
                allMode = false;
                continue;
            }
            if (s == "__$nop")
                continue;
            if (allowLegacyExclude && s.size() > 1 && s[0] == '-') {
                negate = true;
                value = s.substr(1);
            }
        }
        if (negateNext) {
            negate = !negate;
            negateNext = false;
        }
        m_empty = false;
        if (negate)
            (allMode ? m_allExclude : m_exclude).push_back(value);
        else
            (allMode ? m_allInclude : m_anyInclude).push_back(value);
    }
}

bool ListFilter::matches(const std::vector<const Json *> &values) const
{
    if (m_empty)
        return true;
    if (!m_anyInclude.empty()
        && std::none_of(m_anyInclude.begin(), m_anyInclude.end(),
                        [&](const Json &v) { return containsValue(values, v); }))
        return false;
    for (const Json &v : m_allInclude)
        if (!containsValue(values, v))
            return false;
    for (const Json &v : m_exclude)
        if (containsValue(values, v))
            return false;
    if (!m_allExclude.empty()
        && std::all_of(m_allExclude.begin(), m_allExclude.end(),
                       [&](const Json &v) { return containsValue(values, v); }))
        return false;
    return true;
}

} // namespace Trove::Server
