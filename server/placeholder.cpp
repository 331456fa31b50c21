// Replaced by the server implementation.
namespace Trove::Server {
int placeholder()
{
    return 0;
}
} // namespace Trove::Server
