// trove-cli transfers end to end: get/get-model into the SDK-shared cache (cache hits make no
// request: the files server sits behind a byte-counting relay), archives extracted under the
// SDK's folder name, put of a file and a folder (the zip layout the SDK unzips), put onto a
// completed task, put-model, lineage in three formats, cache listing and --clear with a held
// SDK lock, and Ctrl+C during a throttled download.
#include "clitestenv.h"

#include "preview/zipreader.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QRegularExpression>
#include <QtTest>

#include <csignal>
#include <sys/stat.h>

using namespace Trove;
using nlohmann::json;

namespace {

QByteArray pattern(qint64 size, char seed)
{
    QByteArray out;
    out.reserve(size);
    for (qint64 i = 0; i < size; ++i)
        out.append(char((i * 31 + seed + i / 251) & 0xff));
    return out;
}

ino_t inodeOf(const QString &path)
{
    struct stat st = {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_ino : 0;
}

/// Relative path → sha256 of every file below `root`.
QMap<QString, QByteArray> treeOf(const QString &root)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        out.insert(QDir(root).relativeFilePath(path), CliTestEnv::sha256Of(path));
    }
    return out;
}

QString md5Hex(const QString &text)
{
    return QString::fromLatin1(
            QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Md5).toHex());
}

} // namespace

class TestCliTransfers final : public QObject
{
    Q_OBJECT

private:
    CliTestEnv m_env;
    QString m_project;

    /// trove-cli with the files server reached through the counting relay.
    CliRun cli(const QStringList &args) const { return m_env.run(args, m_env.relayEnvironment()); }

    QString newTask(const QString &name) { return m_env.createTask(name, m_project); }

    Artifact artifactOf(const QString &taskId, const QString &key)
    {
        for (const Artifact &a : m_env.task(taskId).artifacts)
            if (a.key == key)
                return a;
        return Artifact{};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_env.start());
        QVERIFY(m_env.startFilesRelay());
        m_project = m_env.createProject(QStringLiteral("Cli Transfers/Sub"));
        QVERIFY(!m_project.isEmpty());
    }

    void putThenGetAFileAndACacheHit()
    {
        const QString task = newTask(QStringLiteral("file round trip"));
        const QByteArray data = pattern(3 << 20, 7);
        const QString file = m_env.writeFile(QStringLiteral("weights table.bin"), data);
        CliRun r = cli({QStringLiteral("put"), task, file});
        QVERIFY2(r.exitCode == 0, r.describe());
        const QString uri = r.lastLine();
        QVERIFY2(uri.startsWith(m_env.relay->url().toString()), r.describe());
        QVERIFY2(r.errLines().last().contains(
                         QLatin1String("registered artifact \"weights table\"")),
                 r.describe());
        const Artifact a = artifactOf(task, QStringLiteral("weights table"));
        QCOMPARE(a.uri, uri);
        QCOMPARE(a.hash.toUtf8(), CliTestEnv::sha256Of(file));
        QCOMPARE(a.contentSize, qint64(data.size()));

        // get: the cache path is the last stdout line, progress went to stderr.
        m_env.relay->reset();
        r = cli({QStringLiteral("get"), task, QStringLiteral("weights table")});
        QVERIFY2(r.exitCode == 0, r.describe());
        QCOMPARE(r.outLines().size(), 1);
        const QString path = r.lastLine();
        QCOMPARE(QFileInfo(path).absolutePath(),
                 QFileInfo(m_env.cacheContextDir()).absoluteFilePath());
        QCOMPARE(QFileInfo(path).fileName(), md5Hex(uri) + QStringLiteral(".weights%20table.bin"));
        QCOMPARE(CliTestEnv::sha256Of(path), CliTestEnv::sha256Of(file));
        QVERIFY2(r.err.contains("weights table: done"), r.describe());
        QVERIFY(m_env.relay->bytesToClient() >= data.size());

        // Second get: a cache hit, no request to the files server, the same file.
        const ino_t inode = inodeOf(path);
        m_env.relay->reset();
        r = cli({QStringLiteral("get"), task, QStringLiteral("weights table"),
                 QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe());
        const json j = r.json();
        QCOMPARE(j.at("from_cache").get<bool>(), true);
        QCOMPARE(QString::fromStdString(j.at("path").get<std::string>()), path);
        QCOMPARE(m_env.relay->connections(), 0);
        QCOMPARE(m_env.relay->bytesToClient(), 0);
        QCOMPARE(inodeOf(path), inode);
    }

    void folderPutIsAZipTheSdkUnzipsAndGetExtractsIt()
    {
        const QString task = newTask(QStringLiteral("folder round trip"));
        m_env.writeFile(QStringLiteral("dataset/readme.txt"), "hello\n");
        m_env.writeFile(QStringLiteral("dataset/images/a.png"), pattern(70000, 1));
        m_env.writeFile(QStringLiteral("dataset/images/deep/b.csv"), "x,y\n1,2\n");
        const QString folder = m_env.home.filePath(QStringLiteral("work/dataset"));
        CliRun r = cli({QStringLiteral("put"), task, folder, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe());
        const json put = r.json();
        QCOMPARE(put.at("key").get<std::string>(), "dataset");
        QCOMPARE(put.at("type").get<std::string>(), "archive");
        const QString uri = QString::fromStdString(put.at("uri").get<std::string>());
        QVERIFY2(uri.endsWith(QLatin1String("/dataset.zip")), qPrintable(uri));

        r = cli({QStringLiteral("get"), task, QStringLiteral("dataset")});
        QVERIFY2(r.exitCode == 0, r.describe());
        const QString extracted = r.lastLine();
        // The SDK's folder: <md5(uri)>.<name without .zip>_artifacts_archive_<key>.
        QCOMPARE(QFileInfo(extracted).fileName(),
                 md5Hex(uri) + QStringLiteral(".dataset_artifacts_archive_dataset"));
        QVERIFY(QFileInfo(extracted).isDir());
        QCOMPARE(treeOf(extracted), treeOf(folder));

        // The zip itself (kept beside the folder, as the SDK does) holds paths relative to
        // the folder, exactly what the SDK's unzip expects: no "dataset/" prefix.
        const QString zipPath = m_env.cacheContextDir() + QLatin1Char('/') + md5Hex(uri)
                                + QStringLiteral(".dataset.zip");
        auto source = openFileSource(zipPath);
        QVERIFY(source);
        ZipReader zip(*source);
        QVERIFY(zip.open().ok());
        QStringList names;
        for (const ZipEntry &e : zip.entries())
            if (!e.isDirectory)
                names << e.name;
        names.sort();
        QCOMPARE(names,
                 (QStringList{QStringLiteral("images/a.png"), QStringLiteral("images/deep/b.csv"),
                              QStringLiteral("readme.txt")}));
    }

    void putOntoACompletedTaskKeepsTheOtherArtifacts()
    {
        const QString task = newTask(QStringLiteral("completed task"));
        const QString first = m_env.writeFile(QStringLiteral("first.txt"), "one\n");
        QCOMPARE(cli({QStringLiteral("put"), task, first}).exitCode, 0);
        QVERIFY(m_env.setStatus(task, QStringLiteral("completed")));
        QCOMPARE(m_env.task(task).statusText, QStringLiteral("completed"));

        const QString second = m_env.writeFile(QStringLiteral("second.json"), "{\"a\": 1}");
        const CliRun r = cli({QStringLiteral("put"), task, second, QStringLiteral("--name"),
                              QStringLiteral("extra")});
        QVERIFY2(r.exitCode == 0, r.describe());
        const Task after = m_env.task(task);
        QCOMPARE(after.statusText, QStringLiteral("completed"));
        QStringList keys;
        for (const Artifact &a : after.artifacts)
            keys << a.key;
        keys.sort();
        QCOMPARE(keys, (QStringList{QStringLiteral("extra"), QStringLiteral("first")}));
    }

    void putModelThenGetModelAndLineage()
    {
        // A chain: trainer → model A → fine-tuner (input A) → model B.
        const QString trainer = newTask(QStringLiteral("trainer"));
        const QString tuner = newTask(QStringLiteral("fine-tuner"));
        const QByteArray weights = pattern(200000, 3);
        const QString file = m_env.writeFile(QStringLiteral("base.safetensors"), weights);
        CliRun r = cli({QStringLiteral("put-model"), trainer, file, QStringLiteral("--name"),
                        QStringLiteral("base model"), QStringLiteral("--framework"),
                        QStringLiteral("PyTorch")});
        QVERIFY2(r.exitCode == 0, r.describe());
        const QString modelA = r.lastLine();
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$")).match(modelA).hasMatch(),
                 r.describe());

        // The task lists it as an output model.
        r = cli({QStringLiteral("models"), trainer, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe());
        QCOMPARE(r.json().at("output").size(), 1u);
        QCOMPARE(r.json().at("output").at(0).at("id").get<std::string>(), modelA.toStdString());
        QCOMPARE(r.json().at("output").at(0).at("name").get<std::string>(), "base model");
        QCOMPARE(r.json().at("output").at(0).at("framework").get<std::string>(), "PyTorch");

        r = cli({QStringLiteral("get-model"), modelA});
        QVERIFY2(r.exitCode == 0, r.describe());
        QCOMPARE(CliTestEnv::sha256Of(r.lastLine()), CliTestEnv::sha256Of(file));

        QVERIFY(m_env.sync
                        ->wait<json>(m_env.api->addOrUpdateModel(tuner, QStringLiteral("base"),
                                                                 modelA, QStringLiteral("input")),
                                     30000)
                        .ok());
        const QString tuned
                = m_env.writeFile(QStringLiteral("tuned.safetensors"), pattern(1000, 9));
        r = cli({QStringLiteral("put-model"), tuner, tuned, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe());
        const QString modelB = QString::fromStdString(r.json().at("id").get<std::string>());
        QCOMPARE(r.json().at("name").get<std::string>(), "fine-tuner"); // default: task name

        // Text: the tuner, what it consumed (and where that came from), what it produced.
        r = cli({QStringLiteral("lineage"), tuner});
        QVERIFY2(r.exitCode == 0, r.describe());
        const QString text = QString::fromUtf8(r.out);
        QVERIFY2(text.startsWith(QStringLiteral("task fine-tuner [%1]").arg(tuner)), r.describe());
        QVERIFY2(text.contains(QStringLiteral("consumed: model base model [%1]").arg(modelA)),
                 r.describe());
        QVERIFY2(text.contains(QStringLiteral("produced: task trainer [%1]").arg(trainer)),
                 r.describe());
        QVERIFY2(text.contains(QStringLiteral("produced: model fine-tuner [%1]").arg(modelB)),
                 r.describe());
        QVERIFY(text.endsWith(QLatin1Char('\n')));

        r = cli({QStringLiteral("lineage"), modelB, QStringLiteral("--format"),
                 QStringLiteral("json")});
        QVERIFY2(r.exitCode == 0, r.describe());
        const json graph = r.json();
        QCOMPARE(graph.at("nodes").size(), 4u);
        QCOMPARE(graph.at("edges").size(), 3u);
        QSet<QString> edges;
        for (const json &e : graph.at("edges"))
            edges << QString::fromStdString(e.at("from").get<std::string>() + ">"
                                            + e.at("kind").get<std::string>() + ">"
                                            + e.at("to").get<std::string>());
        QCOMPARE(edges,
                 (QSet<QString>{QStringLiteral("task:%1>produced>model:%2").arg(trainer, modelA),
                                QStringLiteral("model:%1>consumed>task:%2").arg(modelA, tuner),
                                QStringLiteral("task:%1>produced>model:%2").arg(tuner, modelB)}));

        r = cli({QStringLiteral("lineage"), modelA, QStringLiteral("--format"),
                 QStringLiteral("dot"), QStringLiteral("--depth"), QStringLiteral("1")});
        QVERIFY2(r.exitCode == 0, r.describe());
        QVERIFY(r.out.startsWith("digraph"));
        QVERIFY(r.out.trimmed().endsWith("}"));
        QCOMPARE(r.out.count(" -> "), 2); // depth 1: the trainer and the tuner only
        QVERIFY(r.out.contains("\"model:" + modelA.toUtf8() + "\""));
    }

    void cacheListingAndClearKeepAHeldLock()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("flock")).isEmpty())
            QSKIP("flock(1) is not installed");
        const QString task = newTask(QStringLiteral("cache task"));
        const QString a = m_env.writeFile(QStringLiteral("keep.txt"), "keep me\n");
        const QString b = m_env.writeFile(QStringLiteral("drop.txt"), QByteArray(5000, 'd'));
        QCOMPARE(cli({QStringLiteral("put"), task, a}).exitCode, 0);
        QCOMPARE(cli({QStringLiteral("put"), task, b}).exitCode, 0);
        const QString kept = cli({QStringLiteral("get"), task, QStringLiteral("keep")}).lastLine();
        const QString dropped
                = cli({QStringLiteral("get"), task, QStringLiteral("drop")}).lastLine();
        QVERIFY(QFile::exists(kept) && QFile::exists(dropped));

        // The SDK holds a lock on `kept`, as portalocker does (-o: only flock itself holds
        // it, so killing flock releases it).
        const QString lock = m_env.cacheContextDir() + QStringLiteral("/.lock.000.")
                             + QFileInfo(kept).fileName() + QStringLiteral(".clearml");
        QProcess holder;
        holder.start(QStringLiteral("flock"),
                     {QStringLiteral("-x"), QStringLiteral("-o"), lock, QStringLiteral("-c"),
                      QStringLiteral("echo held; sleep 60")});
        QVERIFY(holder.waitForReadyRead(5000));
        auto release = qScopeGuard([&holder] {
            holder.kill();
            holder.waitForFinished();
        });

        CliRun r = cli({QStringLiteral("cache"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe());
        const json listing = r.json();
        QCOMPARE(QString::fromStdString(listing.at("location").get<std::string>()),
                 m_env.cacheContextDir());
        bool sawKept = false, sawDropped = false;
        qint64 total = 0;
        for (const json &e : listing.at("entries")) {
            const QString path = QString::fromStdString(e.at("path").get<std::string>());
            total += e.at("size").get<qint64>();
            QVERIFY(!QFileInfo(path).fileName().startsWith(QLatin1String(".lock.")));
            if (path == kept) {
                sawKept = true;
                QCOMPARE(e.at("locked").get<bool>(), true);
                QCOMPARE(e.at("size").get<qint64>(), 8);
            } else if (path == dropped) {
                sawDropped = true;
                QCOMPARE(e.at("locked").get<bool>(), false);
                QCOMPARE(e.at("size").get<qint64>(), 5000);
            }
        }
        QVERIFY(sawKept && sawDropped);
        QCOMPARE(listing.at("total_bytes").get<qint64>(), total);
        QCOMPARE(listing.at("count").get<qint64>(), qint64(listing.at("entries").size()));

        r = cli({QStringLiteral("cache")});
        QVERIFY2(r.exitCode == 0, r.describe());
        QVERIFY(r.out.endsWith('\n'));
        QVERIFY2(r.out.contains("file (locked)"), r.describe());
        QVERIFY2(r.lastLine().startsWith(QLatin1String("total: ")), r.describe());
        QVERIFY(r.err.isEmpty());

        // A download in progress (the SDK's "<name>_<time>.partially") is not an entry: clear
        // leaves it to finish.
        const QString partial
                = m_env.cacheContextDir()
                  + QStringLiteral("/0123456789abcdef0123456789abcdef.big.bin_1733300000.5."
                                   "partially");
        {
            QFile f(partial);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(1000, 'p'));
        }

        r = cli({QStringLiteral("cache"), QStringLiteral("--clear")});
        QVERIFY2(r.exitCode == 0, r.describe());
        QVERIFY(r.out.endsWith('\n'));
        QVERIFY2(r.lastLine().contains(QLatin1String("kept 1 locked")), r.describe());
        QVERIFY(QFile::exists(kept));
        QVERIFY(QFile::exists(lock));
        QVERIFY(!QFile::exists(dropped));
        QVERIFY(QFile::exists(partial));
        QVERIFY(QFile::remove(partial));
        const QStringList left = m_env.cacheEntries();
        QCOMPARE(left, (QStringList{QFileInfo(lock).fileName(), QFileInfo(kept).fileName()}));
        release.dismiss();
        holder.kill();
        holder.waitForFinished();

        // Released: the next clear removes it (and its stale lock file).
        r = cli({QStringLiteral("cache"), QStringLiteral("--clear"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe());
        QCOMPARE(r.json().at("kept").size(), 0u);
        QVERIFY(!QFile::exists(kept));
    }

    void interruptDuringASlowDownloadLeavesNothing()
    {
        // A second server whose file GETs crawl at 64 KB/s.
        CliTestEnv slow;
        QVERIFY(slow.start({QStringLiteral("--throttle-files"), QStringLiteral("65536")}));
        const QString project = slow.createProject(QStringLiteral("slow"));
        const QString task = slow.createTask(QStringLiteral("big download"), project);
        const QString file = slow.writeFile(QStringLiteral("big.bin"), pattern(8 << 20, 5));
        CliRun r = slow.run({QStringLiteral("put"), task, file});
        QVERIFY2(r.exitCode == 0, r.describe());

        auto process = slow.startCli({QStringLiteral("get"), task, QStringLiteral("big")});
        QVERIFY(process->waitForStarted(10000));
        // Interrupt once the download is really under way: its partial file exists.
        auto partial = [&slow] {
            for (const QString &n : slow.cacheEntries())
                if (n.endsWith(QLatin1String(".partially")))
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(partial() || process->state() == QProcess::NotRunning, 30000);
        QVERIFY2(process->state() == QProcess::Running,
                 process->readAllStandardError().constData());
        ::kill(pid_t(process->processId()), SIGINT);
        r = CliTestEnv::finish(*process, 30000);
        QVERIFY2(!r.crashed, r.describe());
        QCOMPARE(r.exitCode, 130);
        QVERIFY2(r.out.isEmpty(), r.describe());
        QVERIFY2(r.errLines().last() == QLatin1String("trove-cli: interrupted"), r.describe());
        QCOMPARE(slow.cacheEntries(), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestCliTransfers)
#include "tst_clitransfers.moc"
