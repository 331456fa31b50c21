#include "fields.h"

namespace Trove::Server::Fields {

std::string requireString(const Json &body, const std::string &name)
{
    const auto it = body.find(name);
    if (it == body.end() || it->is_null())
        throw ApiError::missingField(name);
    if (!it->is_string())
        throw ApiError::validation(name + " must be a string");
    return it->get<std::string>();
}

std::string optString(const Json &body, const std::string &name, const std::string &fallback)
{
    const auto it = body.find(name);
    if (it == body.end() || it->is_null())
        return fallback;
    if (!it->is_string())
        throw ApiError::validation(name + " must be a string");
    return it->get<std::string>();
}

bool optBool(const Json &body, const std::string &name, bool fallback)
{
    const auto it = body.find(name);
    if (it == body.end() || it->is_null())
        return fallback;
    if (!it->is_boolean())
        throw ApiError::validation(name + " must be a boolean");
    return it->get<bool>();
}

std::vector<std::string> optStringList(const Json &body, const std::string &name)
{
    std::vector<std::string> out;
    const auto it = body.find(name);
    if (it == body.end() || it->is_null())
        return out;
    if (it->is_string())
        return {it->get<std::string>()};
    if (!it->is_array())
        throw ApiError::validation(name + " must be a list of strings");
    for (const Json &v : *it) {
        if (!v.is_string())
            throw ApiError::validation(name + " must be a list of strings");
        out.push_back(v.get<std::string>());
    }
    return out;
}

void checkName(const std::string &name, const std::string &field)
{
    if (name.size() < 3)
        throw ApiError::validation(field + " must be at least 3 characters long, got '" + name
                                   + "'");
}

Json stringListValue(const Json &value, const std::string &name)
{
    if (value.is_null())
        return Json::array();
    if (!value.is_array())
        throw ApiError::validation(name + " must be a list of strings");
    for (const Json &v : value)
        if (!v.is_string())
            throw ApiError::validation(name + " must be a list of strings");
    return value;
}

Json objectValue(const Json &value, const std::string &name)
{
    if (value.is_null())
        return Json::object();
    if (!value.is_object())
        throw ApiError::validation(name + " must be an object");
    return value;
}

} // namespace Trove::Server::Fields
