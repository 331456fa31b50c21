#include "router.h"

namespace Trove::Server {

void Router::add(const std::string &endpoint, Handler handler, bool requiresAuth)
{
    m_routes[endpoint] = Route{std::move(handler), requiresAuth};
}

const Router::Route *Router::find(const std::string &endpoint) const
{
    const auto it = m_routes.find(endpoint);
    return it == m_routes.end() ? nullptr : &it->second;
}

std::vector<std::string> Router::endpoints() const
{
    std::vector<std::string> names;
    for (const auto &[name, route] : m_routes)
        names.push_back(name);
    return names;
}

} // namespace Trove::Server
