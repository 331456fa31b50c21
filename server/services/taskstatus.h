#pragma once

#include <string>

namespace Trove::Server::TaskStatus {

/// Whether from → to is allowed (contract §3.4). Repeating the current status is not.
bool canTransition(const std::string &from, const std::string &to);

/// Throws ApiError 400/110 naming from → to unless allowed (or force).
void checkTransition(const std::string &taskId,
                     const std::string &from,
                     const std::string &to,
                     bool force);

} // namespace Trove::Server::TaskStatus
