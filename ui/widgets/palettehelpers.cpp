#include "palettehelpers.h"

#include <QLocale>

#include <algorithm>

namespace Trove::PaletteHelpers {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF()
           < palette.color(QPalette::WindowText).lightnessF();
}

QColor mix(const QColor &a, const QColor &b, double t)
{
    t = std::clamp(t, 0.0, 1.0);
    const QColor ra = a.toRgb();
    const QColor rb = b.toRgb();
    return QColor::fromRgbF(float(ra.redF() + (rb.redF() - ra.redF()) * t),
                            float(ra.greenF() + (rb.greenF() - ra.greenF()) * t),
                            float(ra.blueF() + (rb.blueF() - ra.blueF()) * t),
                            float(ra.alphaF() + (rb.alphaF() - ra.alphaF()) * t));
}

QColor toneColor(Tone tone, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (tone) {
    case Tone::Information:
        return dark ? QColor(0x3d, 0xae, 0xe9) : QColor(0x1d, 0x78, 0xc1);
    case Tone::Positive:
        return dark ? QColor(0x2e, 0xcc, 0x71) : QColor(0x21, 0x8c, 0x4c);
    case Tone::Warning:
        return dark ? QColor(0xf6, 0x93, 0x2e) : QColor(0xc2, 0x5e, 0x00);
    case Tone::Error:
        return dark ? QColor(0xed, 0x5b, 0x6b) : QColor(0xc0, 0x27, 0x3a);
    case Tone::Neutral:
        break;
    }
    return secondaryText(palette);
}

QColor toneBackground(Tone tone, const QPalette &palette)
{
    return mix(palette.color(QPalette::Window), toneColor(tone, palette),
               isDark(palette) ? 0.22 : 0.14);
}

QColor secondaryText(const QPalette &palette)
{
    return mix(palette.color(QPalette::WindowText), palette.color(QPalette::Window), 0.4);
}

QString countText(qint64 n, const QString &singular, const QString &plural)
{
    return QLocale().toString(n) + QLatin1Char(' ') + (n == 1 ? singular : plural);
}

QString formatBytes(qint64 bytes)
{
    if (bytes < 0)
        return QStringLiteral("?");
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString formatDuration(qint64 seconds)
{
    if (seconds < 0)
        return {};
    if (seconds < 60)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 3600)
        return QStringLiteral("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return QStringLiteral("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1f, 0x20, 0x23), text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3b));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    p.setColor(QPalette::Light, QColor(0x45, 0x47, 0x4b));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3c, 0x40));
    p.setColor(QPalette::Mid, QColor(0x2f, 0x31, 0x35));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    return p;
}

} // namespace Trove::PaletteHelpers
