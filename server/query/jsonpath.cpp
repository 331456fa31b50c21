#include "jsonpath.h"

namespace Trove::Server::JsonPath {

static void collectInto(const Json &node,
                        const std::vector<std::string> &parts,
                        std::size_t i,
                        std::vector<const Json *> *out)
{
    if (i == parts.size()) {
        if (node.is_array()) {
            for (const Json &v : node)
                out->push_back(&v);
        } else if (!node.is_null()) {
            out->push_back(&node);
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

std::vector<const Json *> collectRefs(const Json &doc, const std::vector<std::string> &parts)
{
    std::vector<const Json *> out;
    collectInto(doc, parts, 0, &out);
    return out;
}

std::vector<Json> collect(const Json &doc, const std::string &path)
{
    std::vector<Json> out;
    for (const Json *v : collectRefs(doc, Util::split(path, '.')))
        out.push_back(*v);
    return out;
}

const Json *find(const Json &doc, const std::string &path)
{
    return find(doc, Util::split(path, '.'));
}

const Json *find(const Json &doc, const std::vector<std::string> &parts)
{
    const Json *node = &doc;
    for (const auto &part : parts) {
        if (!node->is_object())
            return nullptr;
        const auto it = node->find(part);
        if (it == node->end())
            return nullptr;
        node = &*it;
    }
    return node;
}

static void
copyParts(const Json &src, Json &dst, const std::vector<std::string> &parts, std::size_t i)
{
    if (i == parts.size()) {
        dst = src;
        return;
    }
    if (src.is_array()) {
        if (!dst.is_array() || dst.size() != src.size())
            dst = Json::array();
        while (dst.size() < src.size())
            dst.push_back(Json::object());
        for (std::size_t k = 0; k < src.size(); ++k)
            copyParts(src[k], dst[k], parts, i);
        return;
    }
    if (!src.is_object())
        return;
    const auto it = src.find(parts[i]);
    if (it == src.end())
        return;
    if (!dst.is_object())
        dst = Json::object();
    copyParts(*it, dst[parts[i]], parts, i + 1);
}

void copy(const Json &src, Json *dst, const std::string &path)
{
    copyParts(src, *dst, Util::split(path, '.'), 0);
}

} // namespace Trove::Server::JsonPath
