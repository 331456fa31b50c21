#include "arraystatsview.h"

#include <QCoreApplication>
#include <QLocale>

namespace Trove {

QString ArrayStatsView::summary() const
{
    if (!valid)
        return {};
    const QLocale locale;
    auto num = [&](double v) {
        return locale.toString(v, 'g', 6);
    };
    QString text = QCoreApplication::translate("Trove::ArrayStatsView",
                                               "%1min %2  ·  max %3  ·  mean %4  ·  std %5")
                           .arg(magnitude ? QStringLiteral("|z|: ") : QString(), num(min), num(max),
                                num(mean), num(std));
    if (nans > 0)
        text += QCoreApplication::translate("Trove::ArrayStatsView", "  ·  NaN %1")
                        .arg(locale.toString(nans));
    if (infinities > 0)
        text += QCoreApplication::translate("Trove::ArrayStatsView", "  ·  ±inf %1")
                        .arg(locale.toString(infinities));
    return text;
}

} // namespace Trove
