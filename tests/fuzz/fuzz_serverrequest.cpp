// Fuzzes what trove-server does with untrusted request bytes before any handler runs: the API
// path, query-string merge, JSON body, list filters / regexes / paging of get_all, only_fields
// projection and the file server's path checks. Input: first line "path?query", rest = body.
#include "api/apierror.h"
#include "api/apirequest.h"
#include "files/filestorage.h"
#include "query/docfilter.h"
#include "query/pager.h"

#include <cstddef>
#include <cstdint>
#include <string>

using namespace Trove::Server;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string input(reinterpret_cast<const char *>(data), size);
    const auto newline = input.find('\n');
    const std::string target = input.substr(0, newline);
    const std::string body
            = newline == std::string::npos ? std::string() : input.substr(newline + 1);
    const auto q = target.find('?');
    const std::string path = target.substr(0, q);
    const std::string query = q == std::string::npos ? std::string() : target.substr(q + 1);

    ApiRequest request;
    ApiRequest::parsePath(path, &request);
    FileStorage storage;
    storage.relativePath(path, true);
    storage.relativePath(body.substr(0, 300), false);

    static const std::vector<Json> docs
            = {Json::parse(R"({"id":"a","name":"great project","tags":["x","y"],"status":"created",
                        "created":"2025-01-02T03:04:05.123000+00:00","last_iteration":3,
                        "models":{"input":[{"name":"w","model":"m1"}],"output":[]},
                        "project":{"id":"p","name":"demo"}})"),
               Json::parse(R"({"id":"b","name":"other","tags":[],"ready":true,"comment":null})"),
               Json::parse(R"({"id":"c"})")};
    static Pager pager;
    try {
        Json parsed = ApiRequest::parseBody(body);
        ApiRequest::mergeParams(ApiRequest::parseQuery(query), &parsed);
        FilterSpec spec;
        spec.listFields = {"id", "tags", "status", "models.input.model", "project"};
        spec.listPrefixes = {"hyperparams."};
        spec.regexFields = {"name", "comment"};
        spec.dateFields = {"created"};
        spec.rangeFields = {"last_iteration"};
        spec.boolFields = {"ready"};
        spec.searchTextFields = {"name", "id"};
        const DocFilter filter(parsed, spec);
        std::vector<const Json *> matched;
        for (const Json &d : docs)
            if (filter.matches(d))
                matched.push_back(&d);
        auto page = pager.window(matched, parsed);
        for (const Json &d : page.items)
            projectFields(d, parsed.value("only_fields", Json()));
    } catch (const ApiError &) {
        // A clean 4xx is the expected outcome for hostile input.
    }
    return 0;
}
