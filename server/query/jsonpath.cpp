#include "jsonpath.h"

namespace Trove::Server::JsonPath {

static void collectInto(const Json &node,
                        const std::vector<std::string> &parts,
                        std::size_t i,
                        std::vector<Json> *out)
{
    if (i == parts.size()) {
        if (node.is_array()) {
            for (const Json &v : node)
                out->push_back(v);
        } else if (!node.is_null()) {
            out->push_back(node);
        }
        return;
    }
    if (node.is_array()) {
        for (const Json &v : node)
            collectInto(v, parts, i, out);
        return;
    }
    if (!node.is_object())
        return;
    const auto it = node.find(parts[i]);
    if (it == node.end())
        return;
    collectInto(*it, parts, i + 1, out);
}

std::vector<Json> collect(const Json &doc, const std::string &path)
{
    std::vector<Json> out;
    collectInto(doc, Util::split(path, '.'), 0, &out);
    return out;
}

const Json *find(const Json &doc, const std::string &path)
{
    const Json *node = &doc;
    for (const auto &part : Util::split(path, '.')) {
        if (!node->is_object())
            return nullptr;
        const auto it = node->find(part);
        if (it == node->end())
            return nullptr;
        node = &*it;
    }
    return node;
}

void copy(const Json &src, Json *dst, const std::string &path)
{
    const Json *value = find(src, path);
    if (!value)
        return;
    const auto parts = Util::split(path, '.');
    Json *node = dst;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        Json &child = (*node)[parts[i]];
        if (!child.is_object())
            child = Json::object();
        node = &child;
    }
    (*node)[parts.back()] = *value;
}

} // namespace Trove::Server::JsonPath
