#include "statusstyle.h"

#include "palettehelpers.h"

#include <QDateTime>
#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace Trove::StatusStyle {

using PaletteHelpers::Tone;

QColor statusColor(TaskStatus status, const QPalette &palette)
{
    const bool dark = PaletteHelpers::isDark(palette);
    switch (status) {
    case TaskStatus::Completed:
    case TaskStatus::Published:
        return PaletteHelpers::toneColor(Tone::Positive, palette);
    case TaskStatus::InProgress:
    case TaskStatus::Publishing:
        return PaletteHelpers::toneColor(Tone::Information, palette);
    case TaskStatus::Queued:
        return dark ? QColor(0xb3, 0x8a, 0xf0) : QColor(0x7b, 0x4c, 0xc2);
    case TaskStatus::Failed:
        return PaletteHelpers::toneColor(Tone::Error, palette);
    case TaskStatus::Stopped:
    case TaskStatus::Closed:
        return PaletteHelpers::toneColor(Tone::Warning, palette);
    case TaskStatus::Created:
    case TaskStatus::Unknown:
        break;
    }
    return PaletteHelpers::toneColor(Tone::Neutral, palette);
}

namespace {

QString humanize(const QString &wire)
{
    if (wire.isEmpty())
        return wire;
    QString s = wire;
    s.replace(QLatin1Char('_'), QLatin1Char(' '));
    s[0] = s.at(0).toUpper();
    return s;
}

} // namespace

QString statusLabel(const QString &statusText)
{
    if (statusText == QLatin1String("created"))
        return QStringLiteral("Draft");
    return humanize(statusText);
}

QString typeLabel(const QString &typeText)
{
    if (typeText == QLatin1String("qc"))
        return QStringLiteral("QC");
    return humanize(typeText);
}

QIcon dotIcon(const QColor &color)
{
    static QHash<QRgb, QIcon> cache;
    const QRgb key = color.rgba();
    auto it = cache.constFind(key);
    if (it != cache.constEnd())
        return *it;
    QIcon icon;
    for (int size : {12, 16, 24}) {
        QPixmap pm(size, size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        const double d = size * 0.55;
        p.drawEllipse(QRectF((size - d) / 2, (size - d) / 2, d, d));
        p.end();
        icon.addPixmap(pm);
    }
    cache.insert(key, icon);
    return icon;
}

QString formatTime(const QDateTime &time)
{
    if (!time.isValid())
        return QString();
    return time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace Trove::StatusStyle
