#pragma once

#include "common/util.h"
#include "listfilter.h"
#include "pyregex.h"

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace Trove::Server {

/// Which request fields filter which document paths, per collection.
struct FilterSpec
{
    std::set<std::string> listFields;       ///< list filters on the same-named path
    std::vector<std::string> listPrefixes;  ///< e.g. "hyperparams.", "metadata.": list filters
    std::set<std::string> regexFields;      ///< name, comment, basename, description
    std::set<std::string> dateFields;       ///< ">=2025-01-01" style comparisons or [from, to]
    std::set<std::string> rangeFields;      ///< numeric [min, max] (null = open)
    std::vector<std::string> rangePrefixes; ///< e.g. "last_metrics."
    std::set<std::string> boolFields;       ///< ready
    std::vector<std::string> searchTextFields;
};

/// The filter part of a get_all request, compiled once and applied per document.
class DocFilter final
{
public:
    /// Throws ApiError 400/12 on malformed filter values.
    DocFilter(const Json &body, const FilterSpec &spec);
    bool matches(const Json &doc) const;

private:
    struct Condition
    {
        std::function<bool(const Json &)> test;
    };
    void addDate(const std::string &field, const Json &value);
    void addRange(const std::string &field, const Json &value);
    void addAnyAll(const Json &value, bool all);
    std::vector<Condition> m_conditions;
};

} // namespace Trove::Server
