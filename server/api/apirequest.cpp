#include "apirequest.h"

#include "apierror.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <regex>

namespace Trove::Server {

bool ApiRequest::parsePath(const std::string &path, ApiRequest *out)
{
    static const std::regex re(R"(^/?(v(\d+)\.?(\d+)/)?([A-Za-z_]\w+\.[A-Za-z_]\w+)/?$)");
    if (path.size() > 512)
        return false;
    std::smatch m;
    if (!std::regex_match(path, m, re))
        return false;
    out->endpoint = m[4].str();
    if (m[1].matched) {
        out->requestedVersion = m[2].str() + "." + m[3].str();
        int major = 0;
        int minor = 0;
        const std::string a = m[2].str();
        const std::string b = m[3].str();
        const auto ra = std::from_chars(a.data(), a.data() + a.size(), major);
        const auto rb = std::from_chars(b.data(), b.data() + b.size(), minor);
        if (ra.ec != std::errc() || rb.ec != std::errc() || major > 2
            || (major == 2 && minor > 31)) {
            major = 2;
            minor = 31;
        }
        out->versionMajor = major;
        out->versionMinor = minor;
    } else {
        out->requestedVersion = "2.31";
        out->versionMajor = 2;
        out->versionMinor = 31;
    }
    return true;
}

Json ApiRequest::parseBody(const std::string &body)
{
    std::size_t i = 0;
    while (i < body.size() && std::isspace(static_cast<unsigned char>(body[i])))
        ++i;
    if (i == body.size())
        return Json::object();
    Json parsed = Json::parse(body, nullptr, false);
    if (parsed.is_discarded())
        throw ApiError(400, 12, "validation error: request body is not valid JSON");
    if (parsed.is_null())
        return Json::object();
    if (!parsed.is_object())
        throw ApiError(400, 12, "validation error: request body must be a JSON object");
    return parsed;
}

std::vector<std::pair<std::string, std::string>> ApiRequest::parseQuery(const std::string &text)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (std::string item : Util::split(text, '&')) {
        if (item.empty())
            continue;
        std::replace(item.begin(), item.end(), '+', ' ');
        const auto eq = item.find('=');
        std::string key;
        std::string value;
        if (!Util::percentDecode(item.substr(0, eq), &key))
            key = item.substr(0, eq);
        if (eq != std::string::npos && !Util::percentDecode(item.substr(eq + 1), &value))
            value = item.substr(eq + 1);
        out.emplace_back(std::move(key), std::move(value));
        if (out.size() > 1000)
            break;
    }
    return out;
}

Json ApiRequest::convertValue(const std::string &value)
{
    if (value == "true")
        return true;
    if (value == "false")
        return false;
    if (value == "null")
        return nullptr;
    if (!value.empty() && value.size() < 20) {
        long long n = 0;
        const auto r = std::from_chars(value.data(), value.data() + value.size(), n);
        if (r.ec == std::errc() && r.ptr == value.data() + value.size())
            return n;
        double d = 0;
        const auto rd = std::from_chars(value.data(), value.data() + value.size(), d);
        if (rd.ec == std::errc() && rd.ptr == value.data() + value.size())
            return d;
    }
    return value;
}

void ApiRequest::mergeParams(const std::vector<std::pair<std::string, std::string>> &params,
                             Json *body)
{
    // Group by key first so that repeated keys become lists.
    std::vector<std::pair<std::string, std::vector<std::string>>> grouped;
    std::vector<bool> forcedList;
    for (const auto &[rawKey, value] : params) {
        std::string key = rawKey;
        bool listKey = false;
        if (key.size() > 2 && key.compare(key.size() - 2, 2, "[]") == 0) {
            key.resize(key.size() - 2);
            listKey = true;
        }
        if (key.empty())
            continue;
        auto it = std::find_if(grouped.begin(), grouped.end(),
                               [&](const auto &g) { return g.first == key; });
        if (it == grouped.end()) {
            grouped.push_back({key, {value}});
            forcedList.push_back(listKey);
        } else {
            it->second.push_back(value);
            forcedList[static_cast<std::size_t>(it - grouped.begin())] = true;
        }
    }
    for (std::size_t g = 0; g < grouped.size(); ++g) {
        const auto &[key, values] = grouped[g];
        Json value;
        if (forcedList[g] || values.size() > 1) {
            value = Json::array();
            for (const auto &v : values)
                value.push_back(convertValue(v));
        } else {
            value = convertValue(values.front());
        }
        const auto parts = Util::split(key, '.');
        Json *node = body;
        bool ok = true;
        for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
            if (parts[i].empty()) {
                ok = false;
                break;
            }
            Json &child = (*node)[parts[i]];
            if (!child.is_object())
                child = Json::object();
            node = &child;
        }
        if (!ok || parts.back().empty())
            continue;
        (*node)[parts.back()] = value;
    }
}

} // namespace Trove::Server
