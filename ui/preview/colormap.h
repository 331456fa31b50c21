#pragma once

#include <QColor>

namespace Trove {

/// Perceptually uniform colour maps for heatmaps.
namespace ColorMap {
/// matplotlib's viridis at `t` in [0, 1] (clamped), interpolated from 16 control points.
QColor viridis(double t);
/// The colour used for NaN cells: a neutral grey outside viridis' range.
QColor nanColor(bool darkTheme);
} // namespace ColorMap

} // namespace Trove
