// Trove side of tests/bench/bench_preview.py: one operation per process, so that the peak
// resident memory (VmHWM) belongs to that operation alone. Prints one JSON line.
//   trove_bench_preview table-first <file>         open + first screen (200 rows)
//   trove_bench_preview table-scan <file>          open + full scan (row count, column stats)
//   trove_bench_preview npy-slice <file> r0 r1 c0 c1   open + one 2-D slice (sum of values)
#include "preview/arrayview.h"
#include "preview/npydecoder.h"
#include "preview/tabledecoder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <ctime>

using namespace Trove;

namespace {
long peakRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    return -1;
}

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + ts.tv_nsec / 1e9;
}

int fail(const Error &e)
{
    std::fprintf(stderr, "error: %s\n", qPrintable(e.userMessage()));
    return 1;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3)
        return 2;
    const QString mode = args[1];
    const QString path = args[2];
    Error error;
    auto source = openFileSource(path, &error);
    if (!source)
        return fail(error);
    QElapsedTimer timer;
    timer.start();
    const double cpu0 = cpuSeconds();
    PreviewHints hints;
    hints.fileName = QFileInfo(path).fileName();
    if (mode == QLatin1String("table-first") || mode == QLatin1String("table-scan")) {
        TableDecoder decoder(*source, hints);
        auto schema = decoder.open();
        if (!schema)
            return fail(schema.error());
        qint64 rows = decoder.firstRows().size();
        if (mode == QLatin1String("table-scan")) {
            auto stats = decoder.scan();
            if (!stats)
                return fail(stats.error());
            rows = stats->rowCount;
        }
        std::printf("{\"seconds\": %.4f, \"cpu\": %.4f, \"rows\": %lld, \"peak_rss_kb\": %ld}\n",
                    timer.nsecsElapsed() / 1e9, cpuSeconds() - cpu0, rows, peakRssKb());
        return 0;
    }
    if (mode == QLatin1String("npy-slice") && args.size() == 7) {
        NpyDecoder decoder(*source);
        auto header = decoder.open();
        if (!header)
            return fail(header.error());
        ArrayView view(decoder);
        auto values = view.values(args[3].toLongLong(), args[4].toLongLong(), args[5].toLongLong(),
                                  args[6].toLongLong());
        if (!values)
            return fail(values.error());
        double sum = 0;
        qint64 count = 0;
        for (const auto &row : *values)
            for (double v : row) {
                sum += v;
                ++count;
            }
        std::printf("{\"seconds\": %.4f, \"cpu\": %.4f, \"count\": %lld, \"sum\": %.6g, "
                    "\"peak_rss_kb\": %ld}\n",
                    timer.nsecsElapsed() / 1e9, cpuSeconds() - cpu0, count, sum, peakRssKb());
        return 0;
    }
    return 2;
}
