#pragma once

#include <memory>
#include <regex>
#include <string>

namespace Trove::Server {

/// A Python-flavoured regular expression (what the SDK sends, e.g. "^great\ project$") run
/// with std::regex ECMAScript after translating the Python-only syntax: identity escapes of
/// any non-alphanumeric character, \A and \Z, (?P<name>…) groups and a leading (?i).
/// Matching is a search (like MongoDB's $regex). Throws ApiError 400/12 on a bad pattern.
class PyRegex final
{
public:
    explicit PyRegex(const std::string &pattern, bool caseInsensitive = false);
    bool search(const std::string &text) const;

    static std::string translate(const std::string &pattern, bool *caseInsensitive);

private:
    std::regex m_re;
};

} // namespace Trove::Server
