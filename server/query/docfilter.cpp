#include "docfilter.h"

#include "api/apierror.h"
#include "jsonpath.h"

#include <algorithm>
#include <optional>

namespace Trove::Server {

static bool hasPrefix(const std::vector<std::string> &prefixes, const std::string &key)
{
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [&](const std::string &p) { return Util::startsWith(key, p); });
}

static std::string asText(const Json &v)
{
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_null())
        return {};
    return v.dump();
}

DocFilter::DocFilter(const Json &body, const FilterSpec &spec)
{
    for (const auto &[key, value] : body.items()) {
        if (spec.listFields.count(key) || hasPrefix(spec.listPrefixes, key)) {
            if (value.is_null())
                continue;
            auto filter = std::make_shared<ListFilter>(value);
            if (filter->isEmpty())
                continue;
            const std::vector<std::string> parts = Util::split(key, '.');
            m_conditions.push_back({[filter, parts](const Json &doc) {
                return filter->matches(JsonPath::collectRefs(doc, parts));
            }});
        } else if (spec.regexFields.count(key)) {
            if (value.is_null())
                continue;
            if (!value.is_string())
                throw ApiError(400, 12, "validation error: " + key + " must be a string (regex)");
            auto re = std::make_shared<PyRegex>(value.get<std::string>());
            const std::string path = key;
            m_conditions.push_back({[re, path](const Json &doc) {
                const Json *v = JsonPath::find(doc, path);
                return v && v->is_string() && re->search(v->get<std::string>());
            }});
        } else if (spec.dateFields.count(key)) {
            addDate(key, value);
        } else if (spec.rangeFields.count(key) || hasPrefix(spec.rangePrefixes, key)) {
            addRange(key, value);
        } else if (spec.boolFields.count(key)) {
            if (value.is_null())
                continue;
            if (!value.is_boolean())
                throw ApiError(400, 12, "validation error: " + key + " must be a boolean");
            const bool want = value.get<bool>();
            const std::string path = key;
            m_conditions.push_back({[want, path](const Json &doc) {
                const Json *v = JsonPath::find(doc, path);
                return (v && v->is_boolean() ? v->get<bool>() : false) == want;
            }});
        } else if (key == "search_text") {
            if (value.is_null())
                continue;
            if (!value.is_string())
                throw ApiError(400, 12, "validation error: search_text must be a string");
            const std::string needle = Util::toLower(value.get<std::string>());
            if (needle.empty())
                continue;
            const auto fields = spec.searchTextFields;
            m_conditions.push_back({[needle, fields](const Json &doc) {
                for (const auto &f : fields)
                    for (const Json &v : JsonPath::collect(doc, f))
                        if (Util::toLower(asText(v)).find(needle) != std::string::npos)
                            return true;
                return false;
            }});
        } else if (key == "_any_" || key == "_all_") {
            addAnyAll(value, key == "_all_");
        }
    }
}

void DocFilter::addAnyAll(const Json &value, bool all)
{
    if (value.is_null())
        return;
    if (!value.is_object())
        throw ApiError(400, 12, "validation error: _any_/_all_ must be {pattern, fields}");
    const Json pattern = value.value("pattern", Json());
    if (pattern.is_null())
        return;
    if (!pattern.is_string())
        throw ApiError(400, 12, "validation error: _any_/_all_ pattern must be a string");
    std::vector<std::string> fields;
    const Json f = value.value("fields", Json::array());
    if (!f.is_array())
        throw ApiError(400, 12, "validation error: _any_/_all_ fields must be a list");
    for (const Json &x : f) {
        if (!x.is_string())
            throw ApiError(400, 12, "validation error: _any_/_all_ fields must be strings");
        fields.push_back(x.get<std::string>());
    }
    if (fields.empty())
        return;
    auto re = std::make_shared<PyRegex>(pattern.get<std::string>(), true);
    m_conditions.push_back({[re, fields, all](const Json &doc) {
        for (const auto &field : fields) {
            bool hit = false;
            for (const Json &v : JsonPath::collect(doc, field))
                if (re->search(asText(v))) {
                    hit = true;
                    break;
                }
            if (all && !hit)
                return false;
            if (!all && hit)
                return true;
        }
        return all;
    }});
}

void DocFilter::addDate(const std::string &field, const Json &value)
{
    if (value.is_null())
        return;
    struct Cmp
    {
        std::string op;
        std::int64_t ms;
    };
    std::vector<Cmp> cmps;
    auto parseOne = [&](const std::string &text, const std::string &defaultOp) {
        std::string op = defaultOp;
        std::string rest = text;
        for (const char *candidate : {">=", "<=", ">", "<"}) {
            if (Util::startsWith(text, candidate)) {
                op = candidate;
                rest = text.substr(op.size());
                break;
            }
        }
        const std::int64_t ms = Util::parseIsoMs(rest);
        if (ms < 0)
            throw ApiError(400, 12, "validation error: " + field + ": invalid date '" + text + "'");
        cmps.push_back({op, ms});
    };
    if (value.is_string()) {
        parseOne(value.get<std::string>(), ">=");
    } else if (value.is_array()) {
        const bool range
                = value.size() == 2 && std::none_of(value.begin(), value.end(), [](const Json &v) {
                      return v.is_string() && (v.get<std::string>().find_first_of("<>") == 0);
                  });
        for (std::size_t i = 0; i < value.size(); ++i) {
            const Json &v = value[i];
            if (v.is_null())
                continue;
            if (!v.is_string())
                throw ApiError(400, 12, "validation error: " + field + " takes date strings");
            parseOne(v.get<std::string>(), range ? (i == 0 ? ">=" : "<=") : ">=");
        }
    } else {
        throw ApiError(400, 12, "validation error: " + field + " takes date strings");
    }
    m_conditions.push_back({[field, cmps](const Json &doc) {
        const Json *v = JsonPath::find(doc, field);
        if (!v || !v->is_string())
            return false;
        const std::int64_t ms = Util::parseIsoMs(v->get<std::string>());
        for (const auto &c : cmps) {
            if ((c.op == ">=" && !(ms >= c.ms)) || (c.op == ">" && !(ms > c.ms))
                || (c.op == "<=" && !(ms <= c.ms)) || (c.op == "<" && !(ms < c.ms)))
                return false;
        }
        return true;
    }});
}

void DocFilter::addRange(const std::string &field, const Json &value)
{
    if (value.is_null())
        return;
    if (!value.is_array() || value.size() != 2)
        throw ApiError(400, 12, "validation error: " + field + " takes a [min, max] range");
    std::optional<double> lo;
    std::optional<double> hi;
    for (std::size_t i = 0; i < 2; ++i) {
        if (value[i].is_null())
            continue;
        if (!value[i].is_number())
            throw ApiError(400, 12, "validation error: " + field + " range values must be numbers");
        (i == 0 ? lo : hi) = value[i].get<double>();
    }
    m_conditions.push_back({[field, lo, hi](const Json &doc) {
        const Json *v = JsonPath::find(doc, field);
        if (!v || !v->is_number())
            return false;
        const double d = v->get<double>();
        return (!lo || d >= *lo) && (!hi || d <= *hi);
    }});
}

bool DocFilter::matches(const Json &doc) const
{
    for (const auto &c : m_conditions)
        if (!c.test(doc))
            return false;
    return true;
}

} // namespace Trove::Server
