#include "progressprinter.h"

#include "output.h"

#include <algorithm>

namespace Trove::Cli {

ProgressPrinter::ProgressPrinter(QTextStream &err, QString label, bool terminal)
    : m_err(err)
    , m_label(std::move(label))
    , m_terminal(terminal)
{
    m_clock.start();
}

QString ProgressPrinter::describe(const TransferProgress &p) const
{
    QString text = humanSize(p.bytes);
    if (p.total > 0)
        text += QStringLiteral(" / ") + humanSize(p.total);
    if (p.bytesPerSecond > 0)
        text += QStringLiteral("  ") + humanSize(qint64(p.bytesPerSecond)) + QStringLiteral("/s");
    if (p.etaSeconds >= 0 && p.total > 0 && p.bytes < p.total)
        text += QStringLiteral("  ETA %1s").arg(p.etaSeconds);
    return text;
}

void ProgressPrinter::update(const TransferProgress &p)
{
    m_last = p;
    const qint64 now = m_clock.elapsed();
    if (m_terminal) {
        if (now - m_lastDrawMs < 100 && !(p.total > 0 && p.bytes >= p.total))
            return;
        m_lastDrawMs = now;
        constexpr int width = 30;
        QString bar;
        if (p.total > 0) {
            const double f = std::clamp(double(p.bytes) / double(p.total), 0.0, 1.0);
            const int filled = int(f * width);
            bar = QStringLiteral("[") + QString(filled, QLatin1Char('#'))
                  + QString(width - filled, QLatin1Char(' '))
                  + QStringLiteral("] %1% ").arg(int(f * 100), 3);
        }
        m_err << '\r' << m_label << ' ' << bar << describe(p) << "\x1b[K";
        m_err.flush();
        m_drawn = true;
        return;
    }
    bool print = false;
    if (p.total > 0) {
        const int quarter = int(std::clamp(4.0 * double(p.bytes) / double(p.total), 0.0, 4.0));
        if (quarter > m_lastQuarter && quarter < 4) {
            m_lastQuarter = quarter;
            print = true;
        }
    } else if (now - m_lastLineMs >= 10000) {
        print = true;
    }
    if (print) {
        m_lastLineMs = now;
        m_err << m_label << ": " << describe(p) << '\n';
        m_err.flush();
    }
}

void ProgressPrinter::finish(bool ok)
{
    if (m_terminal && m_drawn) {
        m_err << '\r' << "\x1b[K";
        m_drawn = false;
    }
    if (ok && m_last.bytes > 0) {
        m_err << m_label << ": done, " << humanSize(m_last.bytes) << '\n';
    }
    m_err.flush();
}

} // namespace Trove::Cli
