#include <cstdio>

int main()
{
    std::fprintf(stderr, "trove-server: not built yet\n");
    return 1;
}
