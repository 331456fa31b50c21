#pragma once

#include "common/util.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace Trove::Server {

/// Turns reference ids into objects for the *_ex calls: "project":"p1" becomes
/// {"id":"p1","name":"demo"} with the sub-fields requested in only_fields ("project.name"),
/// or just id and name without only_fields; a missing reference becomes {}.
class RefExpander final
{
public:
    struct Ref
    {
        std::string path;       ///< dotted; may cross arrays ("models.output.model")
        std::string collection; ///< where the referenced document lives
    };
    using Lookup = std::function<std::optional<Json>(const std::string &collection,
                                                     const std::string &id)>;

    RefExpander(std::vector<Ref> refs, Lookup lookup)
        : m_refs(std::move(refs))
        , m_lookup(std::move(lookup))
    {}

    void expand(Json *doc, const Json &onlyFields) const;

private:
    void expandAt(Json *node,
                  const std::vector<std::string> &parts,
                  std::size_t i,
                  const Ref &ref,
                  const std::vector<std::string> &subFields) const;
    std::vector<Ref> m_refs;
    Lookup m_lookup;
};

} // namespace Trove::Server
