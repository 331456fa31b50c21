#include "columnstatsview.h"

#include <QCoreApplication>
#include <QLocale>

namespace Trove {

QString ColumnStatsView::toolTip() const
{
    auto tr = [](const char *s) {
        return QCoreApplication::translate("ColumnStatsView", s);
    };
    const QLocale locale;
    const QString dash = QStringLiteral("—");
    QString html = QStringLiteral("<b>%1</b> <i>%2</i><table>")
                           .arg(name.toHtmlEscaped(), type.toHtmlEscaped());
    auto row = [&html](const QString &k, const QString &v) {
        html += QStringLiteral("<tr><td>%1&nbsp;&nbsp;</td><td align=right>%2</td></tr>")
                        .arg(k, v.toHtmlEscaped());
    };
    row(tr("Nulls"), nulls >= 0 ? locale.toString(nulls) : dash);
    row(tr("Distinct"), distinct >= 0 ? locale.toString(distinct) : dash);
    row(tr("Min"), min.isEmpty() ? dash : min);
    row(tr("Max"), max.isEmpty() ? dash : max);
    row(tr("Mean"), mean ? locale.toString(*mean, 'g', 6) : dash);
    html += QStringLiteral("</table>");
    if (rowsScanned >= 0)
        html += QStringLiteral("<small>")
                + tr("over the first %1 rows").arg(locale.toString(rowsScanned))
                + QStringLiteral("</small>");
    return html;
}

} // namespace Trove
