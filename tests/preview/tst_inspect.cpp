#include "previewtestutil.h"
#include "zipbuilder.h"

#include "common/bytesource.h"
#include "preview/hexview.h"
#include "preview/inspect.h"
#include "preview/kinddetector.h"

#include <QBuffer>
#include <QDirIterator>
#include <QImage>
#include <QtTest>

using namespace Trove;
using json = nlohmann::json;

namespace {

QByteArray fixture(const QString &path)
{
    QFile f(qEnvironmentVariable("TROVE_TEST_DATA") + QStringLiteral("/preview/") + path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

PreviewHints
hintsFor(const QString &fileName, const QString &type = {}, const QString &content = {})
{
    PreviewHints h;
    h.fileName = fileName;
    h.artifactType = type;
    h.contentType = content;
    return h;
}

QByteArray png()
{
    QImage img(8, 4, QImage::Format_RGB32);
    img.fill(Qt::green);
    QByteArray out;
    QBuffer b(&out);
    b.open(QIODevice::WriteOnly);
    img.save(&b, "PNG");
    return out;
}

} // namespace

class TestInspect final : public QObject
{
    Q_OBJECT

private slots:
    void kindFromArtifactType_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("kind");
        QTest::newRow("numpy") << "numpy"
                               << ""
                               << "a.npz" << int(PreviewKind::NumpyZip);
        QTest::newRow("numpy npy") << "numpy"
                                   << ""
                                   << "a.npy" << int(PreviewKind::NumpyArray);
        QTest::newRow("pandas csv") << "pandas"
                                    << "text/csv"
                                    << "df.csv.gz" << int(PreviewKind::Table);
        QTest::newRow("image") << "image"
                               << "image/png"
                               << "x.bin" << int(PreviewKind::Image);
        QTest::newRow("dict json") << "dict"
                                   << "application/json"
                                   << "d.json" << int(PreviewKind::Json);
        QTest::newRow("dict yaml") << "dict"
                                   << "text/yaml"
                                   << "d.yaml" << int(PreviewKind::Yaml);
        QTest::newRow("pickle") << "pickle"
                                << ""
                                << "x.pkl" << int(PreviewKind::Pickle);
        QTest::newRow("archive") << "archive"
                                 << "application/zip"
                                 << "x.zip" << int(PreviewKind::Archive);
        QTest::newRow("custom") << "custom"
                                << ""
                                << "x" << int(PreviewKind::Unknown);
    }
    void kindFromArtifactType()
    {
        QFETCH(QString, type);
        QFETCH(QString, content);
        QFETCH(QString, file);
        QFETCH(int, kind);
        QCOMPARE(int(KindDetector::fromArtifactType(hintsFor(file, type, content))), kind);
    }

    void kindFromExtension_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("kind");
        const QList<QPair<QString, PreviewKind>> cases = {
                {QStringLiteral("a.csv"), PreviewKind::Table},
                {QStringLiteral("a.TSV"), PreviewKind::Table},
                {QStringLiteral("a.csv.gz"), PreviewKind::Table},
                {QStringLiteral("a.npy"), PreviewKind::NumpyArray},
                {QStringLiteral("a.npz"), PreviewKind::NumpyZip},
                {QStringLiteral("a.pkl"), PreviewKind::Pickle},
                {QStringLiteral("a.pickle"), PreviewKind::Pickle},
                {QStringLiteral("m.safetensors"), PreviewKind::Safetensors},
                {QStringLiteral("m.pt"), PreviewKind::TorchZip},
                {QStringLiteral("m.pth"), PreviewKind::TorchZip},
                {QStringLiteral("m.onnx"), PreviewKind::Onnx},
                {QStringLiteral("a.zip"), PreviewKind::Archive},
                {QStringLiteral("a.tar"), PreviewKind::Archive},
                {QStringLiteral("a.tgz"), PreviewKind::Archive},
                {QStringLiteral("a.tar.gz"), PreviewKind::Archive},
                {QStringLiteral("a.json"), PreviewKind::Json},
                {QStringLiteral("a.yaml"), PreviewKind::Yaml},
                {QStringLiteral("a.yml"), PreviewKind::Yaml},
                {QStringLiteral("a.txt"), PreviewKind::Text},
                {QStringLiteral("a.log"), PreviewKind::Text},
                {QStringLiteral("a.md"), PreviewKind::Text},
                {QStringLiteral("a.png"), PreviewKind::Image},
                {QStringLiteral("a.JPG"), PreviewKind::Image},
                {QStringLiteral("a.svg"), PreviewKind::Image},
                {QStringLiteral("noext"), PreviewKind::Unknown},
        };
        for (const auto &c : cases)
            QTest::newRow(qPrintable(c.first)) << c.first << int(c.second);
    }
    void kindFromExtension()
    {
        QFETCH(QString, file);
        QFETCH(int, kind);
        QCOMPARE(int(KindDetector::fromExtension(file)), kind);
    }

    void kindFromMagic_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("kind");
        TroveTest::ZipBuilder torch;
        torch.add("archive/data.pkl", fixture(QStringLiteral("pickle/torch_state_dict.pkl")));
        TroveTest::ZipBuilder npz;
        npz.add("a.npy", "\x93NUMPY");
        npz.add("b.npy", "\x93NUMPY");
        TroveTest::ZipBuilder zip;
        zip.add("readme.txt", "x");
        QTest::newRow("npy") << QByteArray("\x93NUMPY\x01\x00") << int(PreviewKind::NumpyArray);
        QTest::newRow("torch zip") << torch.build() << int(PreviewKind::TorchZip);
        QTest::newRow("npz") << npz.build() << int(PreviewKind::NumpyZip);
        QTest::newRow("zip") << zip.build() << int(PreviewKind::Archive);
        QTest::newRow("pickle") << fixture(QStringLiteral("pickle/proto4.pkl"))
                                << int(PreviewKind::Pickle);
        QTest::newRow("png") << png() << int(PreviewKind::Image);
        QTest::newRow("jpeg") << QByteArray("\xFF\xD8\xFF\xE0\x00\x10JFIF")
                              << int(PreviewKind::Image);
        QTest::newRow("gif") << QByteArray("GIF89a\x01\x00") << int(PreviewKind::Image);
        QTest::newRow("webp") << QByteArray("RIFF\x10\x00\x00\x00WEBPVP8 ", 16)
                              << int(PreviewKind::Image);
        QTest::newRow("tiff") << QByteArray("II*\x00\x08\x00\x00\x00", 8)
                              << int(PreviewKind::Image);
        QTest::newRow("svg") << QByteArray("<?xml version='1.0'?>\n<svg xmlns='x'/>")
                             << int(PreviewKind::Image);
        QTest::newRow("tar.gz") << fixture(QStringLiteral("archive/sample.tar.gz"))
                                << int(PreviewKind::Archive);
        QTest::newRow("tar") << fixture(QStringLiteral("archive/sample.tar"))
                             << int(PreviewKind::Archive);
        QTest::newRow("safetensors") << fixture(QStringLiteral("models/tiny.safetensors"))
                                     << int(PreviewKind::Safetensors);
        QTest::newRow("json") << QByteArray("  {\"a\": 1}") << int(PreviewKind::Json);
        QTest::newRow("yaml") << QByteArray("---\na: 1\n") << int(PreviewKind::Yaml);
        QTest::newRow("text") << QByteArray("hello\nworld\n") << int(PreviewKind::Text);
        QTest::newRow("binary") << QByteArray("\x00\x01\x02\x03\x04\xfe\xff", 7)
                                << int(PreviewKind::Binary);
    }
    void kindFromMagic()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, kind);
        QVERIFY(!bytes.isEmpty());
        auto src = memorySource(bytes);
        KindDetector::Clue clue;
        QCOMPARE(int(KindDetector::detect(*src, PreviewHints{}, PreviewOptions{}, &clue)), kind);
        QCOMPARE(int(clue), int(KindDetector::Clue::Magic));
    }

    void hexView()
    {
        const QString h = HexView::dump(QByteArray("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDRxyz", 19));
        QCOMPARE(h.section(QLatin1Char('\n'), 0, 0),
                 QStringLiteral("00000000  89 50 4e 47 0d 0a 1a 0a  00 00 00 0d 49 48 44 52  "
                                "|.PNG........IHDR|"));
        QVERIFY(h.section(QLatin1Char('\n'), 1, 1)
                        .startsWith(QStringLiteral("00000010  78 79 7a")));
    }

    void inspectEachKind()
    {
        struct Case
        {
            QString file;
            QByteArray bytes;
            const char *kind;
            const char *section;
            const char *textNeedle;
        };
        TroveTest::ZipBuilder torch;
        torch.add("archive/data.pkl", fixture(QStringLiteral("pickle/torch_state_dict.pkl")));
        torch.add("archive/data/0", QByteArray(512, '\0'));
        const QList<Case> cases = {
                {QStringLiteral("m.pt"), torch.build(), "torch", "model",
                 "fc1.weight float32 [16, 8]"},
                {QStringLiteral("s.safetensors"),
                 fixture(QStringLiteral("models/tiny.safetensors")), "safetensors", "model",
                 "w F16 [2, 2]"},
                {QStringLiteral("evil.pkl"), fixture(QStringLiteral("pickle/os_system.pkl")),
                 "pickle", "pickle", "DANGEROUS"},
                {QStringLiteral("a.tar.gz"), fixture(QStringLiteral("archive/sample.tar.gz")),
                 "archive", "archive", "dir/hello.txt"},
                {QStringLiteral("p.png"), png(), "image", "image", "png image 8x4"},
                {QStringLiteral("d.json"), QByteArray("{\"alpha\": [1, 2]}"), "json", "json",
                 "alpha"},
                {QStringLiteral("c.yaml"), QByteArray("a: 1\nb: [x]\n"), "yaml", "text", "b: [x]"},
                {QStringLiteral("n.txt"), QString(QStringLiteral("caf\u00e9\n")).toLatin1(), "text",
                 "text", "ISO-8859-1"},
                {QStringLiteral("blob"), QByteArray("\x00\x01\x02\xff", 4), "binary", "hex",
                 "00 01 02 ff"},
        };
        for (const Case &c : cases) {
            QVERIFY2(!c.bytes.isEmpty(), qPrintable(c.file));
            auto src = memorySource(c.bytes, c.file);
            PreviewHints hints = hintsFor(c.file);
            hints.storedPreview = QStringLiteral("stored text");
            auto r = inspect(*src, hints, PreviewOptions{});
            QVERIFY2(r.ok(), qPrintable(c.file + QStringLiteral(": ")
                                        + (r.ok() ? QString() : r.error().message)));
            QCOMPARE(r->at("kind").get<std::string>(), std::string(c.kind));
            QVERIFY2(r->contains(c.section), c.section);
            const QString text = renderInspectText(*r);
            QVERIFY2(text.contains(QString::fromUtf8(c.textNeedle)),
                     qPrintable(c.file + QStringLiteral(":\n") + text));
        }
    }

    void inspectTablesAndArrays()
    {
        // One entry point covers the table and array kinds too.
        auto csv = memorySource("name,score,when\nada,1.5,2024-01-02\nbob,2,2024-02-03\n");
        auto t = inspect(*csv, hintsFor(QStringLiteral("t.csv")), PreviewOptions{});
        QVERIFY2(t.ok(), t.ok() ? "" : qPrintable(t.error().userMessage()));
        QCOMPARE(t->at("kind").get<std::string>(), "table");
        const json &table = t->at("table");
        QCOMPARE(table.at("columns").size(), 3u);
        QCOMPARE(table.at("columns").at(1).at("name").get<std::string>(), "score");
        QCOMPARE(table.at("columns").at(1).at("type").get<std::string>(), "float");
        QCOMPARE(table.at("rows").at(1).at(0).get<std::string>(), "bob");
        QVERIFY(!table.contains("stats")); // inspect never scans the whole file
        QString text = renderInspectText(*t);
        QVERIFY2(text.contains(QLatin1String("score: float")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("2 rows")), qPrintable(text));

        QByteArray data;
        for (float f : {1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f})
            data.append(reinterpret_cast<const char *>(&f), sizeof f);
        const QByteArray npyBytes
                = TestUtil::makeNpy(TestUtil::npyDict("'<f4'", false, "(2, 3)"), data);
        auto npy = memorySource(npyBytes);
        auto a = inspect(*npy, hintsFor(QStringLiteral("a.npy")), PreviewOptions{});
        QVERIFY2(a.ok(), a.ok() ? "" : qPrintable(a.error().userMessage()));
        QCOMPARE(a->at("kind").get<std::string>(), "numpy-array");
        QCOMPARE(a->at("npy").at("shape"), json({2, 3}));
        QCOMPARE(a->at("npy").at("dtype").at("name").get<std::string>(), "float32");
        text = renderInspectText(*a);
        QVERIFY2(text.contains(QLatin1String("dtype float32")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("shape [2, 3]")), qPrintable(text));

        TroveTest::ZipBuilder npzZip;
        npzZip.add("weights.npy", npyBytes);
        npzZip.add("bias.npy", TestUtil::makeNpy(TestUtil::npyDict("'<i8'", false, "(4,)"),
                                                 QByteArray(32, '\0')));
        auto npz = memorySource(npzZip.build());
        auto z = inspect(*npz, hintsFor(QStringLiteral("z.npz")), PreviewOptions{});
        QVERIFY2(z.ok(), z.ok() ? "" : qPrintable(z.error().userMessage()));
        QCOMPARE(z->at("kind").get<std::string>(), "numpy-zip");
        QCOMPARE(z->at("npz").at("members").size(), 2u);
        text = renderInspectText(*z);
        QVERIFY2(text.contains(QLatin1String("weights")) && text.contains(QLatin1String("bias"))
                         && text.contains(QLatin1String("int64")),
                 qPrintable(text));

        // A broken array is one clear error, not a crash.
        auto bad = memorySource(fixture(QStringLiteral("npy/bad_header_len.npy")));
        auto b = inspect(*bad, hintsFor(QStringLiteral("b.npy")), PreviewOptions{});
        QVERIFY(!b.ok());
        QVERIFY(!b.error().userMessage().isEmpty());
    }

    void problemsNameWhatIsUnsafe_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("problem"); // empty: a sound file has no problems
        QTest::newRow("sound tar") << "archive/sample.tar.gz"
                                   << "";
        QTest::newRow("sound pickle") << "pickle/proto4.pkl"
                                      << "";
        QTest::newRow("sound safetensors") << "models/tiny.safetensors"
                                           << "";
        QTest::newRow("tar slip") << "archive/slip.tar"
                                  << "path traversal";
        QTest::newRow("zip slip") << "zip/zipslip.zip"
                                  << "path traversal";
        QTest::newRow("zip overlap") << "zip/overlap.zip"
                                     << "overlap";
        QTest::newRow("zip bomb") << "zip/bomb.zip"
                                  << "decompression bomb";
        QTest::newRow("tar.gz bomb") << "archive/bomb.tar.gz"
                                     << "decompression bomb";
        QTest::newRow("os.system") << "pickle/os_system.pkl"
                                   << "posix.system";
        QTest::newRow("eval") << "pickle/eval.pkl"
                              << "eval";
        QTest::newRow("truncated npy") << "npy/truncated_big_shape.npy"
                                       << "truncated";
    }
    void problemsNameWhatIsUnsafe()
    {
        QFETCH(QString, file);
        QFETCH(QString, problem);
        const QByteArray bytes = fixture(file);
        QVERIFY(!bytes.isEmpty());
        auto src = memorySource(bytes, file);
        auto r = inspect(*src, hintsFor(QFileInfo(file).fileName()), PreviewOptions{});
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().userMessage()));
        const json &problems = r->at("problems");
        if (problem.isEmpty()) {
            QVERIFY2(problems.empty(), problems.dump().c_str());
            return;
        }
        QCOMPARE(problems.size(), 1u);
        QVERIFY2(QString::fromStdString(problems.at(0).get<std::string>()).contains(problem),
                 problems.dump().c_str());
        QVERIFY(renderInspectText(*r).contains(QStringLiteral("PROBLEM: ")));
    }

    void legacyTorchSaysSo()
    {
        auto src = memorySource(
                QByteArray("\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19.", 15));
        auto r = inspect(*src, hintsFor(QStringLiteral("old.pt")), PreviewOptions{});
        QVERIFY(r.ok());
        QVERIFY(renderInspectText(*r).contains(QStringLiteral("legacy")));
    }

    void everyHostileFixtureGivesOneClearAnswer()
    {
        // Every checked-in fixture and fuzz seed, under every name: a result or one error.
        const QString root = qEnvironmentVariable("TROVE_SOURCE_DIR");
        QStringList files;
        for (const QString &dir : {root + QStringLiteral("/tests/data/preview"),
                                   root + QStringLiteral("/tests/fuzz/corpus")}) {
            QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext())
                files << it.next();
        }
        QVERIFY(files.size() > 30);
        const QStringList names = {QString(),
                                   QStringLiteral("x.zip"),
                                   QStringLiteral("x.pkl"),
                                   QStringLiteral("x.pt"),
                                   QStringLiteral("x.json"),
                                   QStringLiteral("x.png"),
                                   QStringLiteral("x.onnx"),
                                   QStringLiteral("x.safetensors"),
                                   QStringLiteral("x.tar.gz")};
        PreviewOptions opts;
        opts.maxDecompressedBytes = 16 << 20;
        int results = 0, errors = 0;
        for (const QString &f : std::as_const(files)) {
            auto src = openFileSource(f);
            QVERIFY(src);
            for (const QString &n : names) {
                auto r = inspect(*src, hintsFor(n.isEmpty() ? QFileInfo(f).fileName() : n), opts);
                if (r.ok()) {
                    ++results;
                    QVERIFY(!renderInspectText(*r).isEmpty());
                } else {
                    ++errors;
                    QVERIFY2(!r.error().userMessage().isEmpty(), qPrintable(f));
                }
            }
        }
        QVERIFY(results > 0);
        QVERIFY(errors > 0);
    }
};

QTEST_MAIN(TestInspect)
#include "tst_inspect.moc"
