#include "pyregex.h"

#include "api/apierror.h"

#include <cctype>

namespace Trove::Server {

std::string PyRegex::translate(const std::string &pattern, bool *caseInsensitive)
{
    std::string p = pattern;
    if (p.rfind("(?i)", 0) == 0) {
        *caseInsensitive = true;
        p = p.substr(4);
    }
    std::string out;
    out.reserve(p.size() + 8);
    for (std::size_t i = 0; i < p.size(); ++i) {
        const char c = p[i];
        if (c == '\\' && i + 1 < p.size()) {
            const char n = p[i + 1];
            ++i;
            if (n == 'A') {
                out += '^';
            } else if (n == 'Z' || n == 'z') {
                out += '$';
            } else if (std::isalnum(static_cast<unsigned char>(n)) || n == '\\') {
                out += '\\';
                out += n;
            } else if (n == '-' || n == '/' || n == ' ' || n == '#' || n == '~' || n == '\''
                       || n == '"' || n == '%' || n == '&' || n == ',' || n == ':' || n == ';'
                       || n == '<' || n == '>' || n == '=' || n == '@' || n == '`' || n == '!'
                       || n == '_') {
                // Python escapes these harmlessly; ECMAScript may not accept the escape.
                out += n;
            } else {
                out += '\\';
                out += n;
            }
            continue;
        }
        if (c == '(' && p.compare(i, 4, "(?P<") == 0) {
            const auto close = p.find('>', i + 4);
            if (close != std::string::npos) {
                out += '(';
                i = close;
                continue;
            }
        }
        out += c;
    }
    return out;
}

PyRegex::PyRegex(const std::string &pattern, bool caseInsensitive)
{
    if (pattern.size() > 2000)
        throw ApiError(400, 12, "validation error: regular expression too long");
    bool icase = caseInsensitive;
    const std::string translated = translate(pattern, &icase);
    try {
        auto flags = std::regex::ECMAScript;
        if (icase)
            flags |= std::regex::icase;
        m_re = std::regex(translated, flags);
    } catch (const std::regex_error &) {
        throw ApiError(400, 12, "validation error: invalid regular expression: " + pattern);
    }
}

bool PyRegex::search(const std::string &text) const
{
    try {
        return std::regex_search(text, m_re);
    } catch (const std::regex_error &) {
        return false; // too complex: treat as no match rather than failing the whole call
    }
}

} // namespace Trove::Server
