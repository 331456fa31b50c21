// Lists a zip with Trove's ZipReader several times; prints JSON with the median listing time,
// the entry count and the process's peak RSS. Driven by zip_listing.py (see README.md).
#include "common/bytesource.h"
#include "preview/zipreader.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <vector>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_zip_listing <zip> [repeats]\n");
        return 2;
    }
    const int repeats = argc > 2 ? std::atoi(argv[2]) : 20;
    std::vector<double> ms;
    qsizetype entries = 0;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer t;
        t.start();
        Trove::Error err;
        auto src = Trove::openFileSource(QString::fromLocal8Bit(argv[1]), &err);
        if (!src) {
            std::fprintf(stderr, "%s\n", qPrintable(err.userMessage()));
            return 1;
        }
        Trove::ZipReader zip(*src);
        if (auto s = zip.open(); !s) {
            std::fprintf(stderr, "%s\n", qPrintable(s.error().userMessage()));
            return 1;
        }
        entries = zip.entries().size();
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    std::printf("{\"entries\": %lld, \"median_ms\": %.3f, \"peak_rss_kb\": %ld}\n",
                static_cast<long long>(entries), ms[ms.size() / 2], ru.ru_maxrss);
    return 0;
}
