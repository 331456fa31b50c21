#include "hexview.h"

namespace Trove {

QString HexView::dump(const QByteArray &bytes, qint64 baseOffset)
{
    QString out;
    static const char hex[] = "0123456789abcdef";
    for (qsizetype line = 0; line < bytes.size(); line += 16) {
        QString l = QStringLiteral("%1  ").arg(baseOffset + line, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (int i = 0; i < 16; ++i) {
            if (line + i < bytes.size()) {
                const auto c = static_cast<unsigned char>(bytes.at(line + i));
                l += QLatin1Char(hex[c >> 4]);
                l += QLatin1Char(hex[c & 15]);
                l += QLatin1Char(' ');
                ascii += (c >= 0x20 && c < 0x7f) ? QLatin1Char(char(c)) : QLatin1Char('.');
            } else {
                l += QStringLiteral("   ");
            }
            if (i == 7)
                l += QLatin1Char(' ');
        }
        out += l + QStringLiteral(" |") + ascii + QStringLiteral("|\n");
    }
    return out;
}

} // namespace Trove
