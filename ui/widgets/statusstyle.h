#pragma once

#include "api/wiretypes.h"

#include <QColor>
#include <QIcon>
#include <QPalette>
#include <QString>

class QDateTime;

namespace Trove {

/// How task statuses, types and times look everywhere in the main window: one palette-aware
/// colour per status (light and dark), readable labels ("In progress" for in_progress),
/// and a small coloured dot icon for item views.
namespace StatusStyle {

QColor statusColor(TaskStatus status, const QPalette &palette);
/// "in_progress" → "In progress"; unknown values are shown as they came.
QString statusLabel(const QString &statusText);
/// "data_processing" → "Data processing".
QString typeLabel(const QString &typeText);
/// A filled circle of `color`, cached per colour.
QIcon dotIcon(const QColor &color);
/// Local time, short and sortable ("2026-12-04 07:02"); empty for an invalid time.
QString formatTime(const QDateTime &time);

} // namespace StatusStyle
} // namespace Trove
