#pragma once

namespace Trove::Server {

/// The trove-server program: parses the command line, opens the data folder, starts both
/// listeners, prints api_server=/files_server= and serves until SIGTERM/SIGINT. Returns the
/// process exit code.
int runServer(int argc, char **argv);

} // namespace Trove::Server
