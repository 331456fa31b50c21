#pragma once

#include <map>
#include <mutex>
#include <string>

namespace Trove::Server {

/// Test hook (only with --test-hooks): makes the next N calls of an endpoint ("*" = any) or
/// of file GETs answer a given HTTP status.
class FaultInjector final
{
public:
    void setEndpointFault(const std::string &endpoint, int status, int count);
    void setFilesFault(int status, int count);
    /// Consumes one injected fault for this endpoint; returns its status or 0.
    int takeEndpointFault(const std::string &endpoint);
    int takeFilesFault();

private:
    struct Fault
    {
        int status = 0;
        int count = 0;
    };
    std::mutex m_mutex;
    std::map<std::string, Fault> m_endpoints;
    Fault m_files;
};

} // namespace Trove::Server
