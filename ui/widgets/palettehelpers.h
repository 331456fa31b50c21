#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

class QLocale;

namespace Trove {

/// Palette-aware colour helpers shared by the widgets. Every semantic colour is derived from
/// the active QPalette so the widgets read well in light and dark themes alike.
namespace PaletteHelpers {

enum class Tone { Information, Positive, Warning, Error, Neutral };

/// True when the window background is darker than its text.
bool isDark(const QPalette &palette);
/// Linear blend: `t` = 0 gives `a`, `t` = 1 gives `b`.
QColor mix(const QColor &a, const QColor &b, double t);
/// A saturated accent colour for `tone`, slightly brighter in dark themes.
QColor toneColor(Tone tone, const QPalette &palette);
/// A soft background for a message of `tone` on top of the window colour.
QColor toneBackground(Tone tone, const QPalette &palette);
/// Text colour dimmed towards the background, for secondary information.
QColor secondaryText(const QPalette &palette);

/// A complete dark palette (every group, disabled colours included): the gallery's --dark,
/// screenshots in tests, and a dark theme where the platform offers none.
QPalette darkPalette();

/// "1 item" / "3 items": English plural until translations exist; `n` locale-formatted.
QString countText(qint64 n, const QString &singular, const QString &plural);

/// "1.5 MiB", "312 B" - binary units, locale-aware digits.
QString formatBytes(qint64 bytes);
/// "12 s", "3 min 4 s", "2 h 5 min"; empty when unknown (< 0).
QString formatDuration(qint64 seconds);

} // namespace PaletteHelpers
} // namespace Trove
