#include "app/serverapp.h"

int main(int argc, char **argv)
{
    return Trove::Server::runServer(argc, argv);
}
