// trove-storage-bench: drives Trove's TransferManager for the storage benchmarks
// (tests/bench/storage_bench.sh compares it with curl and Python's zipfile).
//
//   trove-storage-bench download <url> <files-server-url> <token> <destination>
//   trove-storage-bench upload <folder> <files-server-url> <token>
//
// Prints one line: "<seconds> <bytes> <peak RSS KiB> <CPU seconds (user + system)>".
#include "transfers/transfermanager.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>

#include <cstdio>
#include <sys/resource.h>

using namespace Trove;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 5) {
        std::fprintf(stderr, "usage: see the header of storage_bench.cpp\n");
        return 2;
    }
    const QString token = args.at(4);
    TransferManager manager(StorageAccess(QUrl(args.at(3)), [token] { return token; }));
    QElapsedTimer clock;
    clock.start();
    TransferJob *job = nullptr;
    if (args.at(1) == QLatin1String("download") && args.size() >= 6) {
        DownloadRequest r;
        r.uri = args.at(2);
        r.destination = args.at(5);
        job = manager.download(r);
    } else if (args.at(1) == QLatin1String("upload")) {
        job = manager.upload(UploadRequest::forArtifact(
                args.at(2), args.at(3), QStringLiteral("bench"), QStringLiteral("pid"),
                QStringLiteral("bench task"), QStringLiteral("0123456789abcdef0123456789abcdef"),
                QStringLiteral("folder")));
    } else {
        return 2;
    }
    QObject::connect(job, &TransferJob::finished, &app, &QCoreApplication::quit);
    app.exec();
    if (job->state() != TransferJob::State::Finished) {
        std::fprintf(stderr, "failed: %s\n", qPrintable(job->error().userMessage()));
        return 1;
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval &t) {
        return double(t.tv_sec) + double(t.tv_usec) / 1e6;
    };
    std::printf("%.3f %lld %ld %.3f\n", double(clock.nsecsElapsed()) / 1e9,
                static_cast<long long>(job->progress().bytes), usage.ru_maxrss,
                seconds(usage.ru_utime) + seconds(usage.ru_stime));
    return 0;
}
