// trove-cli inspect end to end: every fixture kind as a local PATH with its key facts; every
// hostile or broken fixture of tests/data/preview (and every fuzz seed) gives one stderr line
// and a bounded, crash-free exit; a remote URI and TASK_ID ARTIFACT read a large table by
// Range (the relay in front of the files server counts what crossed the wire); the cached
// copy is used when present; s3:// through a SigV4-verifying peer; Ctrl+C on a stalled read.
#include "../preview/zipbuilder.h"
#include "../storage/s3peer.h"
#include "clitestenv.h"

#include <QBuffer>
#include <QDirIterator>
#include <QImage>
#include <QtTest>

#include <csignal>

using namespace Trove;
using nlohmann::json;

namespace {

QString fixture(const QString &relative)
{
    return qEnvironmentVariable("TROVE_TEST_DATA") + QStringLiteral("/preview/") + relative;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray npy(const QByteArray &descr, const QByteArray &shape, const QByteArray &data)
{
    QByteArray header
            = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    while ((10 + header.size() + 1) % 64 != 0)
        header += ' ';
    header += '\n';
    QByteArray out("\x93NUMPY\x01\x00", 8);
    out += char(header.size() & 0xff);
    out += char((header.size() >> 8) & 0xff);
    return out + header + data;
}

QByteArray floats(std::initializer_list<float> values)
{
    QByteArray out;
    for (float f : values)
        out.append(reinterpret_cast<const char *>(&f), sizeof f);
    return out;
}

/// A CSV of about `bytes` bytes: id, name, score, day.
QByteArray bigCsv(qint64 bytes)
{
    QByteArray out = "id,name,score,day\n";
    out.reserve(bytes + 100);
    for (int i = 0; out.size() < bytes; ++i)
        out += QByteArray::number(i) + ",name " + QByteArray::number(i % 977) + ","
               + QByteArray::number(i * 0.25, 'f', 2) + ",2024-01-"
               + QByteArray::number(10 + i % 18) + '\n';
    return out;
}

} // namespace

class TestCliInspect final : public QObject
{
    Q_OBJECT

private:
    CliTestEnv m_env;
    QString m_project;

    /// trove-cli with the files server reached through the counting relay.
    CliRun cli(const QStringList &args) const { return m_env.run(args, m_env.relayEnvironment()); }

    /// inspect PATH --json, checked to succeed.
    json inspectJson(const QString &path, const QString &expectedKind)
    {
        const CliRun r = cli({QStringLiteral("inspect"), path, QStringLiteral("--json")});
        if (r.exitCode != 0 || !r.err.isEmpty()) {
            qWarning().noquote() << r.describe();
            return json();
        }
        const json j = r.json();
        if (!j.is_object() || j.value("kind", std::string()) != expectedKind.toStdString()) {
            qWarning().noquote() << "unexpected kind:" << r.describe();
            return json();
        }
        return j;
    }
    /// inspect PATH (text), checked to succeed.
    QString inspectText(const QString &path)
    {
        const CliRun r = cli({QStringLiteral("inspect"), path});
        if (r.exitCode != 0 || !r.err.isEmpty())
            qWarning().noquote() << r.describe();
        return r.exitCode == 0 ? QString::fromUtf8(r.out) : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_env.start());
        QVERIFY(m_env.startFilesRelay());
        m_project = m_env.createProject(QStringLiteral("Cli Inspect"));
        QVERIFY(!m_project.isEmpty());
    }

    void archives()
    {
        const json j = inspectJson(fixture(QStringLiteral("archive/sample.tar.gz")),
                                   QStringLiteral("archive"));
        QVERIFY(j.is_object());
        const json &a = j.at("archive");
        QCOMPARE(a.at("format").get<std::string>(), "tar.gz");
        QStringList names;
        for (const json &m : a.at("members"))
            names << QString::fromStdString(m.at("name").get<std::string>());
        QVERIFY2(names.contains(QStringLiteral("dir/hello.txt"))
                         && names.contains(QStringLiteral("dir/big.bin"))
                         && names.contains(QStringLiteral("notes.md")),
                 qPrintable(names.join(u',')));
        QVERIFY(j.at("problems").empty());
        QCOMPARE(j.at("source").at("path").get<std::string>(),
                 QFileInfo(fixture(QStringLiteral("archive/sample.tar.gz")))
                         .absoluteFilePath()
                         .toStdString());

        const QString text = inspectText(fixture(QStringLiteral("zip/zip64.zip")));
        QVERIFY2(text.contains(QLatin1String("zip archive, 2 members"))
                         && text.contains(QLatin1String("big.txt"))
                         && text.contains(QLatin1String("small.txt")),
                 qPrintable(text));
    }

    void models()
    {
        json j = inspectJson(fixture(QStringLiteral("models/tiny.safetensors")),
                             QStringLiteral("safetensors"));
        QVERIFY(j.is_object());
        const json &t = j.at("model").at("tensors").at(0);
        QCOMPARE(t.at("name").get<std::string>(), "w");
        QCOMPARE(t.at("dtype").get<std::string>(), "F16");
        QCOMPARE(t.at("shape"), json({2, 2}));
        QCOMPARE(j.at("model").at("parameter_count").get<int>(), 4);

        // A PyTorch zip checkpoint: the tensors come out of data.pkl, never unpickled.
        TroveTest::ZipBuilder torch;
        torch.add("archive/data.pkl",
                  readFile(fixture(QStringLiteral("pickle/torch_state_dict.pkl"))));
        torch.add("archive/data/0", QByteArray(512, '\0'));
        torch.add("archive/version", "3\n");
        const QString pt = m_env.writeFile(QStringLiteral("model.pt"), torch.build());
        const QString text = inspectText(pt);
        QVERIFY2(text.contains(QLatin1String("torch model"))
                         && text.contains(QLatin1String("fc1.weight float32 [16, 8]"))
                         && text.contains(QLatin1String("fc2.weight float32 [4, 16]")),
                 qPrintable(text));

        const QString onnx = qEnvironmentVariable("TROVE_SOURCE_DIR")
                             + QStringLiteral("/tests/fuzz/corpus/onnx/tiny.onnx");
        j = inspectJson(onnx, QStringLiteral("onnx"));
        QVERIFY(j.is_object());
        QCOMPARE(j.at("model").at("metadata").at("producer_name").get<std::string>(), "seed");
        QCOMPARE(j.at("model").at("tensors").at(0).at("shape"), json({2, 2}));
    }

    void arrays()
    {
        const QString path = m_env.writeFile(QStringLiteral("a.npy"),
                                             npy("<f4", "(2, 3)", floats({1, 2, 3, 4, 5, 6})));
        json j = inspectJson(path, QStringLiteral("numpy-array"));
        QVERIFY(j.is_object());
        QCOMPARE(j.at("npy").at("dtype").at("name").get<std::string>(), "float32");
        QCOMPARE(j.at("npy").at("shape"), json({2, 3}));
        QCOMPARE(j.at("npy").at("corner").at(1).at(2).get<std::string>(), "6");
        QString text = inspectText(path);
        QVERIFY2(text.contains(QLatin1String("dtype float32 (<f4), shape [2, 3]")),
                 qPrintable(text));

        j = inspectJson(fixture(QStringLiteral("npy/zero_size.npy")),
                        QStringLiteral("numpy-array"));
        QVERIFY(j.is_object());
        QCOMPARE(j.at("npy").at("shape"), json({0, 5}));

        TroveTest::ZipBuilder npz;
        npz.add("weights.npy", npy("<f4", "(2, 3)", floats({1, 2, 3, 4, 5, 6})), true);
        npz.add("labels.npy", npy("<i8", "(4,)", QByteArray(32, '\0')));
        const QString npzPath = m_env.writeFile(QStringLiteral("arrays.npz"), npz.build());
        j = inspectJson(npzPath, QStringLiteral("numpy-zip"));
        QVERIFY(j.is_object());
        QCOMPARE(j.at("npz").at("members").size(), 2u);
        QCOMPARE(j.at("npz").at("members").at(0).at("name").get<std::string>(), "weights");
        QCOMPARE(j.at("npz").at("members").at(1).at("dtype").at("name").get<std::string>(),
                 "int64");
        text = inspectText(npzPath);
        QVERIFY2(text.contains(QLatin1String("weights (deflated"))
                         && text.contains(QLatin1String("labels (stored")),
                 qPrintable(text));
    }

    void tables()
    {
        const QString path = m_env.writeFile(QStringLiteral("scores.csv"), bigCsv(4000));
        const json j = inspectJson(path, QStringLiteral("table"));
        QVERIFY(j.is_object());
        const json &t = j.at("table");
        QCOMPARE(t.at("columns").size(), 4u);
        QCOMPARE(t.at("columns").at(0).at("type").get<std::string>(), "int");
        QCOMPARE(t.at("columns").at(1).at("type").get<std::string>(), "text");
        QCOMPARE(t.at("columns").at(2).at("name").get<std::string>(), "score");
        QCOMPARE(t.at("columns").at(2).at("type").get<std::string>(), "float");
        QCOMPARE(t.at("columns").at(3).at("type").get<std::string>(), "date");
        QCOMPARE(t.at("rows").size(), 20u); // --rows default
        const CliRun r = cli(
                {QStringLiteral("inspect"), path, QStringLiteral("--rows"), QStringLiteral("3")});
        QVERIFY2(r.exitCode == 0, r.describe());
        QVERIFY2(r.out.contains("score: float") && r.out.contains("day: date"), r.describe());
        QVERIFY2(r.out.contains("  2   name 2  0.50   2024-01-12"), r.describe());
        QVERIFY2(!r.out.contains("name 3,"), r.describe());
    }

    void picklesImagesAndText()
    {
        json j = inspectJson(fixture(QStringLiteral("pickle/torch_state_dict.pkl")),
                             QStringLiteral("pickle"));
        QVERIFY(j.is_object());
        QCOMPARE(j.at("pickle").at("dangerous").get<bool>(), false);
        QStringList imports;
        for (const json &i : j.at("pickle").at("imports"))
            imports << QString::fromStdString(i.at("name").get<std::string>());
        QVERIFY(imports.contains(QStringLiteral("collections.OrderedDict")));
        QString text = inspectText(fixture(QStringLiteral("pickle/proto4.pkl")));
        QVERIFY2(text.contains(QLatin1String("pickle protocol 4")), qPrintable(text));

        QImage image(40, 30, QImage::Format_RGB32);
        image.fill(Qt::red);
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        j = inspectJson(m_env.writeFile(QStringLiteral("red.png"), png), QStringLiteral("image"));
        QVERIFY(j.is_object());
        QCOMPARE(j.at("image").at("width").get<int>(), 40);
        QCOMPARE(j.at("image").at("height").get<int>(), 30);

        j = inspectJson(
                m_env.writeFile(QStringLiteral("d.json"), "{\"alpha\": [1, 2], \"b\": null}"),
                QStringLiteral("json"));
        QVERIFY(j.is_object());
        text = inspectText(m_env.writeFile(QStringLiteral("c.yaml"), "lr: 0.01\nlayers: [1, 2]\n"));
        QVERIFY2(text.contains(QLatin1String("layers: [1, 2]")), qPrintable(text));
        text = inspectText(
                m_env.writeFile(QStringLiteral("blob"), QByteArray("\x00\x01\x02\xff", 4)));
        QVERIFY2(text.contains(QLatin1String("00 01 02 ff")), qPrintable(text));
    }

    void hostileAndBrokenFixturesFailWithOneLine()
    {
        // Every fixture except the sound ones below is broken or hostile.
        const QSet<QString> sound = {QStringLiteral("archive/sample.tar"),
                                     QStringLiteral("archive/sample.tar.gz"),
                                     QStringLiteral("models/tiny.safetensors"),
                                     QStringLiteral("npy/zero_size.npy"),
                                     QStringLiteral("pickle/dataframe.pkl"),
                                     QStringLiteral("pickle/numpy_array.pkl"),
                                     QStringLiteral("pickle/proto0.pkl"),
                                     QStringLiteral("pickle/proto1.pkl"),
                                     QStringLiteral("pickle/proto2.pkl"),
                                     QStringLiteral("pickle/proto3.pkl"),
                                     QStringLiteral("pickle/proto4.pkl"),
                                     QStringLiteral("pickle/proto5.pkl"),
                                     QStringLiteral("pickle/torch_state_dict.pkl"),
                                     QStringLiteral("zip/zip64.zip"),
                                     QStringLiteral("make_pickles.py")};
        const QString root = fixture(QString());
        QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
        int hostile = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            const QString name = QDir(root).relativeFilePath(path);
            for (bool asJson : {false, true}) {
                QStringList args = {QStringLiteral("inspect"), path};
                if (asJson)
                    args << QStringLiteral("--json");
                const CliRun r = cli(args);
                QVERIFY2(!r.crashed,
                         qPrintable(name + QLatin1Char(' ') + QString::fromUtf8(r.describe())));
                if (sound.contains(name)) {
                    QVERIFY2(r.exitCode == 0 && r.err.isEmpty(),
                             qPrintable(name + QLatin1Char(' ') + QString::fromUtf8(r.describe())));
                    continue;
                }
                QVERIFY2(r.exitCode == 1,
                         qPrintable(name + QLatin1Char(' ') + QString::fromUtf8(r.describe())));
                QVERIFY2(r.errLines().size() == 1
                                 && r.errLines().first().startsWith(QLatin1String("trove-cli: ")),
                         qPrintable(name + QLatin1Char(' ') + QString::fromUtf8(r.describe())));
                // A described hostile file still prints its description (valid JSON).
                if (asJson && !r.out.isEmpty())
                    QVERIFY2(!r.json().at("problems").empty(), qPrintable(name));
            }
            hostile += sound.contains(name) ? 0 : 1;
        }
        QVERIFY(hostile >= 20);

        // The danger is named, not just "error".
        CliRun r
                = cli({QStringLiteral("inspect"), fixture(QStringLiteral("pickle/os_system.pkl"))});
        QVERIFY2(r.errLines().first().contains(QLatin1String("posix.system")), r.describe());
        QVERIFY2(r.out.contains("DANGEROUS"), r.describe());
        r = cli({QStringLiteral("inspect"), fixture(QStringLiteral("zip/zipslip.zip"))});
        QVERIFY2(r.errLines().first().contains(QLatin1String("path traversal")), r.describe());
        QVERIFY2(r.out.contains("../../etc/evil.sh  [UNSAFE NAME]"), r.describe());
        r = cli({QStringLiteral("inspect"), fixture(QStringLiteral("zip/bomb.zip"))});
        QVERIFY2(r.errLines().first().contains(QLatin1String("decompression bomb")), r.describe());
    }

    void everyFuzzSeedEndsCleanly()
    {
        // Arbitrary bytes under their own names: an answer or one error line, never a crash
        // or a hang, never noise on stderr.
        QDirIterator it(qEnvironmentVariable("TROVE_SOURCE_DIR")
                                + QStringLiteral("/tests/fuzz/corpus"),
                        QDir::Files, QDirIterator::Subdirectories);
        int runs = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            const CliRun r = cli({QStringLiteral("inspect"), path});
            ++runs;
            QVERIFY2(!r.crashed,
                     qPrintable(path + QLatin1Char(' ') + QString::fromUtf8(r.describe())));
            QVERIFY2(r.exitCode == 0 || r.exitCode == 1, qPrintable(path));
            QVERIFY2(r.exitCode == 0 ? r.err.isEmpty() : r.errLines().size() == 1,
                     qPrintable(path + QLatin1Char(' ') + QString::fromUtf8(r.describe())));
        }
        QVERIFY(runs > 50);
    }

    void remoteTableIsReadByRangeNotDownloaded()
    {
        const QString task = m_env.createTask(QStringLiteral("big table"), m_project);
        const QByteArray csv = bigCsv(24 << 20);
        const QString file = m_env.writeFile(QStringLiteral("big table.csv"), csv);
        CliRun r = cli({QStringLiteral("put"), task, file});
        QVERIFY2(r.exitCode == 0, r.describe());
        const QString uri = r.lastLine();
        QVERIFY(uri.startsWith(m_env.relay->url().toString()));

        // TASK_ID ARTIFACT: type hints from the artifact, bytes by Range.
        m_env.relay->reset();
        r = cli({QStringLiteral("inspect"), task, QStringLiteral("big table"),
                 QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe());
        json j = r.json();
        QCOMPARE(j.at("kind").get<std::string>(), "table");
        QCOMPARE(j.at("size").get<qint64>(), qint64(csv.size()));
        QCOMPARE(j.at("table").at("columns").at(3).at("name").get<std::string>(), "day");
        QCOMPARE(j.at("source").at("from_cache").get<bool>(), false);
        QCOMPARE(QString::fromStdString(j.at("source").at("uri").get<std::string>()), uri);
        // What crossed the wire: a few 256 KiB blocks, not 24 MB; nothing entered the cache.
        QVERIFY2(m_env.relay->bytesToClient() > 0 && m_env.relay->bytesToClient() < (2 << 20),
                 qPrintable(QString::number(m_env.relay->bytesToClient())));
        QCOMPARE(m_env.cacheEntries(), QStringList());

        // The URI itself: the same, with the session's token sent to the files host only.
        m_env.relay->reset();
        r = cli({QStringLiteral("inspect"), uri});
        QVERIFY2(r.exitCode == 0, r.describe());
        QVERIFY2(r.out.contains("csv table, 4 columns"), r.describe());
        QVERIFY2(m_env.relay->bytesToClient() < (2 << 20),
                 qPrintable(QString::number(m_env.relay->bytesToClient())));
        QCOMPARE(m_env.cacheEntries(), QStringList());

        // Once cached (get), inspect reads the cached copy: no request at all.
        r = cli({QStringLiteral("get"), task, QStringLiteral("big table")});
        QVERIFY2(r.exitCode == 0, r.describe());
        const QString cached = r.lastLine();
        m_env.relay->reset();
        r = cli({QStringLiteral("inspect"), task, QStringLiteral("big table"),
                 QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe());
        j = r.json();
        QCOMPARE(j.at("source").at("from_cache").get<bool>(), true);
        QCOMPARE(QString::fromStdString(j.at("source").at("path").get<std::string>()), cached);
        QCOMPARE(m_env.relay->bytesToClient(), 0);
        QCOMPARE(j.at("table").at("columns").size(), 4u);
    }

    void remoteErrorsAreOneLine()
    {
        const QString task = m_env.createTask(QStringLiteral("remote errors"), m_project);
        Artifact gone;
        gone.key = QStringLiteral("gone");
        gone.type = QStringLiteral("custom");
        gone.mode = QStringLiteral("output");
        gone.uri = m_env.relay->url().toString() + QStringLiteral("/nowhere/gone.csv");
        QVERIFY(m_env.sync->registerArtifact(task, gone).ok());
        CliRun r = cli({QStringLiteral("inspect"), task, QStringLiteral("gone")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.errLines().size() == 1 && r.errLines().first().contains(QLatin1String("404")),
                 r.describe());
        r = cli({QStringLiteral("inspect"), QStringLiteral("gs://bucket/x.csv")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.errLines().size() == 1 && r.errLines().first().contains(QLatin1String("gs://")),
                 r.describe());
        r = cli({QStringLiteral("inspect"), m_env.home.filePath(QStringLiteral("missing.csv"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.errLines().size() == 1
                         && r.errLines().first().contains(QLatin1String("no such file")),
                 r.describe());
        r = cli({QStringLiteral("inspect"), task, QStringLiteral("nope")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.errLines().size() == 1, r.describe());
    }

    void interruptOnAStalledReadExits130()
    {
        const QString task = m_env.createTask(QStringLiteral("stalled"), m_project);
        const QString file = m_env.writeFile(QStringLiteral("stalled.csv"), bigCsv(1 << 20));
        CliRun r = cli({QStringLiteral("put"), task, file});
        QVERIFY2(r.exitCode == 0, r.describe());
        const QString uri = r.lastLine();

        m_env.relay->reset();
        m_env.relay->setHeld(true);
        auto release = qScopeGuard([this] { m_env.relay->setHeld(false); });
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(m_env.relayEnvironment());
        process->start(CliTestEnv::cliBinary(), {QStringLiteral("inspect"), uri});
        QVERIFY(process->waitForStarted(10000));
        // The file read is under way (its connection is open and held) before Ctrl+C.
        QTRY_VERIFY_WITH_TIMEOUT(m_env.relay->connections() > 0, 20000);
        QTest::qWait(200);
        QCOMPARE(process->state(), QProcess::Running);
        ::kill(pid_t(process->processId()), SIGINT);
        r = CliTestEnv::finish(*process, 20000);
        QVERIFY2(!r.crashed, r.describe());
        QCOMPARE(r.exitCode, 130);
        QVERIFY2(r.errLines() == QStringList{QStringLiteral("trove-cli: interrupted")},
                 r.describe());
        QVERIFY(r.out.isEmpty());
    }

    void s3UriThroughAVerifyingPeer()
    {
        S3Peer peer;
        if (!peer.start(QStringLiteral("trove"))) {
            if (peer.notInstalled())
                QSKIP(qPrintable(peer.reason()));
            QFAIL(qPrintable(peer.reason()));
        }
        // clearml.conf with the API keys and the bucket's S3 credentials; the task's output
        // goes to S3, so `put` uploads there (signed) and inspect reads it back by Range.
        const QString conf = m_env.writeFile(
                QStringLiteral("s3.conf"),
                QStringLiteral("api {\n"
                               "  api_server: %1\n"
                               "  files_server: %2\n"
                               "  credentials { access_key: \"%3\", secret_key: \"%4\" }\n"
                               "}\n"
                               "sdk.aws.s3.credentials: [\n"
                               "  { host: \"%5\", key: \"%6\", secret: \"%7\", secure: false }\n"
                               "]\n")
                        .arg(m_env.server.apiUrl().toString(), m_env.server.filesUrl().toString(),
                             m_env.server.accessKey(), m_env.server.secretKey(), peer.endpoint(),
                             peer.accessKey(), peer.secretKey())
                        .toUtf8());
        const QString destination = QStringLiteral("s3://%1/trove/out").arg(peer.endpoint());
        auto id = m_env.sync->wait<QString>(
                m_env.api->createTask(QStringLiteral("s3 task"), m_project,
                                      QStringLiteral("training"),
                                      json{{"output_dest", destination.toStdString()}}),
                30000);
        QVERIFY2(id.ok(), id.ok() ? "" : qPrintable(id.error().userMessage()));
        const QString task = id.value();
        if (m_env.task(task).outputDestination != destination)
            QVERIFY(m_env.sync
                            ->wait<json>(m_env.api->editTask(task,
                                                             json{{"output",
                                                                   {{"destination",
                                                                     destination.toStdString()}}}}),
                                         30000)
                            .ok());
        QCOMPARE(m_env.task(task).outputDestination, destination);

        QProcessEnvironment env = m_env.environment();
        for (const QString &k : env.keys())
            if (k.startsWith(QLatin1String("CLEARML_")) && k != QLatin1String("CLEARML_CACHE_DIR"))
                env.remove(k);
        const QString file = m_env.writeFile(QStringLiteral("s3 table.csv"), bigCsv(600000));
        CliRun r = m_env.run({QStringLiteral("--config"), conf, QStringLiteral("put"), task, file},
                             env);
        QVERIFY2(r.exitCode == 0, r.describe());
        const QString uri = r.lastLine();
        QVERIFY2(uri.startsWith(destination), qPrintable(uri));

        r = m_env.run({QStringLiteral("--config"), conf, QStringLiteral("inspect"), uri,
                       QStringLiteral("--json")},
                      env);
        QVERIFY2(r.exitCode == 0, r.describe());
        QCOMPARE(r.json().at("kind").get<std::string>(), "table");
        QCOMPARE(r.json().at("size").get<qint64>(), QFileInfo(file).size());
        QCOMPARE(r.json().at("table").at("columns").size(), 4u);

        r = m_env.run({QStringLiteral("--config"), conf, QStringLiteral("inspect"), task,
                       QStringLiteral("s3 table")},
                      env);
        QVERIFY2(r.exitCode == 0, r.describe());
        QVERIFY2(r.out.contains("csv table, 4 columns"), r.describe());
    }
};

QTEST_GUILESS_MAIN(TestCliInspect)
#include "tst_cliinspect.moc"
