#include "refexpander.h"

#include "jsonpath.h"

namespace Trove::Server {

void RefExpander::expand(Json *doc, const Json &onlyFields) const
{
    for (const Ref &ref : m_refs) {
        std::vector<std::string> subFields;
        bool explicitFields = false;
        if (onlyFields.is_array() && !onlyFields.empty()) {
            explicitFields = true;
            const std::string prefix = ref.path + ".";
            for (const Json &f : onlyFields) {
                if (!f.is_string())
                    continue;
                const std::string s = f.get<std::string>();
                if (Util::startsWith(s, prefix))
                    subFields.push_back(s.substr(prefix.size()));
            }
        }
        if (!explicitFields)
            subFields = {"name"};
        expandAt(doc, Util::split(ref.path, '.'), 0, ref, subFields);
    }
}

void RefExpander::expandAt(Json *node,
                           const std::vector<std::string> &parts,
                           std::size_t i,
                           const Ref &ref,
                           const std::vector<std::string> &subFields) const
{
    if (node->is_array()) {
        for (Json &item : *node)
            expandAt(&item, parts, i, ref, subFields);
        return;
    }
    if (!node->is_object())
        return;
    const auto it = node->find(parts[i]);
    if (i + 1 < parts.size()) {
        if (it != node->end())
            expandAt(&*it, parts, i + 1, ref, subFields);
        return;
    }
    if (it == node->end())
        return;
    if (it->is_object())
        return; // already expanded
    if (!it->is_string() || it->get<std::string>().empty()) {
        *it = Json::object();
        return;
    }
    const std::string id = it->get<std::string>();
    Json object{{"id", id}};
    if (!subFields.empty()) {
        if (const auto target = m_lookup(ref.collection, id)) {
            for (const auto &f : subFields)
                if (f != "id")
                    JsonPath::copy(*target, &object, f);
        }
    }
    *it = object;
}

} // namespace Trove::Server
