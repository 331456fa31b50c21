#include "colormap.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace Trove::ColorMap {

QColor viridis(double t)
{
    // viridis sampled at 16 evenly spaced points (public-domain colour map data).
    static constexpr std::array<std::array<int, 3>, 16> kStops = {{
            {68, 1, 84},
            {72, 26, 108},
            {71, 47, 125},
            {65, 68, 135},
            {57, 86, 140},
            {49, 104, 142},
            {42, 120, 142},
            {35, 136, 142},
            {31, 152, 139},
            {34, 168, 132},
            {53, 183, 121},
            {84, 197, 104},
            {122, 209, 81},
            {165, 219, 54},
            {210, 226, 27},
            {253, 231, 37},
    }};
    if (std::isnan(t))
        t = 0;
    t = std::clamp(t, 0.0, 1.0) * (kStops.size() - 1);
    const int i = std::min(int(t), int(kStops.size()) - 2);
    const double f = t - i;
    const auto &a = kStops[size_t(i)];
    const auto &b = kStops[size_t(i) + 1];
    return QColor(int(std::lround(a[0] + (b[0] - a[0]) * f)),
                  int(std::lround(a[1] + (b[1] - a[1]) * f)),
                  int(std::lround(a[2] + (b[2] - a[2]) * f)));
}

QColor nanColor(bool darkTheme)
{
    return darkTheme ? QColor(0x5a, 0x5a, 0x5a) : QColor(0xd0, 0xd0, 0xd0);
}

} // namespace Trove::ColorMap
