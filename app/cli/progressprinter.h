#pragma once

#include "transfers/transferjob.h"

#include <QElapsedTimer>
#include <QString>
#include <QTextStream>

namespace Trove::Cli {

/// Transfer progress on stderr: a redrawn bar on a terminal, and sparse lines otherwise (one
/// per quarter of a known size, or every 10 s) so logs of scripts stay short.
class ProgressPrinter final
{
public:
    ProgressPrinter(QTextStream &err, QString label, bool terminal);
    void update(const TransferProgress &progress);
    /// Ends the bar's line; on success prints the final size.
    void finish(bool ok);

private:
    QString describe(const TransferProgress &p) const;

    QTextStream &m_err;
    QString m_label;
    bool m_terminal;
    bool m_drawn = false;
    int m_lastQuarter = 0;
    qint64 m_lastLineMs = 0;
    qint64 m_lastDrawMs = -1000;
    TransferProgress m_last;
    QElapsedTimer m_clock;
};

} // namespace Trove::Cli
