#pragma once

#include <QString>
#include <QVector>

namespace Trove {

/// Statistics of a whole array, computed by the owner off the GUI thread (one streamed pass)
/// and shown by ArrayViewer: a summary line and the histogram tab.
struct ArrayStatsView
{
    bool valid = false; ///< false: not (yet) computed; `note` says why
    QString note;       ///< "Computing statistics… 40%", "Statistics skipped: …", or extra info
    qint64 count = 0;   ///< values seen
    qint64 nans = 0;
    qint64 infinities = 0;
    double min = 0, max = 0, mean = 0, std = 0; ///< over finite values
    bool magnitude = false;                     ///< complex values: statistics of |z|
    QVector<double> edges;                      ///< histogram of the finite values
    QVector<qint64> counts;

    /// "min 0 · max 1 · mean 0.01 · std 0.0995 · NaN 0".
    QString summary() const;
};

} // namespace Trove
