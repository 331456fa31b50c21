#include "faultinjector.h"

namespace Trove::Server {

void FaultInjector::setEndpointFault(const std::string &endpoint, int status, int count)
{
    std::lock_guard lock(m_mutex);
    if (count <= 0)
        m_endpoints.erase(endpoint);
    else
        m_endpoints[endpoint] = {status, count};
}

void FaultInjector::setFilesFault(int status, int count)
{
    std::lock_guard lock(m_mutex);
    m_files = {status, count};
}

int FaultInjector::takeEndpointFault(const std::string &endpoint)
{
    std::lock_guard lock(m_mutex);
    for (const std::string &key : {endpoint, std::string("*")}) {
        const auto it = m_endpoints.find(key);
        if (it == m_endpoints.end())
            continue;
        const int status = it->second.status;
        if (--it->second.count <= 0)
            m_endpoints.erase(it);
        return status;
    }
    return 0;
}

int FaultInjector::takeFilesFault()
{
    std::lock_guard lock(m_mutex);
    if (m_files.count <= 0)
        return 0;
    --m_files.count;
    return m_files.status;
}

} // namespace Trove::Server
