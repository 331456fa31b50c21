#include "common/bytesource.h"
#include "preview/pickledisassembler.h"
#include "preview/picklesafety.h"

#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

using namespace Trove;
using json = nlohmann::json;

namespace {

QString dataFile(const QString &name)
{
    return qEnvironmentVariable("TROVE_TEST_DATA") + QStringLiteral("/preview/pickle/") + name;
}

Result<PickleTree> disassembleFile(const QString &name)
{
    auto src = openFileSource(dataFile(name));
    if (!src)
        return Error::make(Error::Kind::Io, QStringLiteral("missing fixture"), name);
    return PickleDisassembler::disassemble(*src, PreviewOptions{});
}

Result<PickleTree> disassembleBytes(const QByteArray &bytes,
                                    const PickleDisassembler::Limits &limits = {})
{
    auto src = memorySource(bytes);
    return PickleDisassembler::disassemble(*src, PreviewOptions{}, limits);
}

const json *findKey(const json &dict, const std::string &key)
{
    for (const auto &item : dict.at("items")) {
        if (item.at("key").value("value", std::string()) == key)
            return &item.at("value");
    }
    return nullptr;
}

bool importFlagged(const PickleTree &t, const QString &full, PickleSafety safety)
{
    for (const auto &i : t.imports) {
        if (i.fullName() == full)
            return i.safety == safety;
    }
    return false;
}

} // namespace

class TestPickle final : public QObject
{
    Q_OBJECT

private slots:
    void everyProtocol_data()
    {
        QTest::addColumn<int>("protocol");
        for (int p = 0; p <= 5; ++p)
            QTest::newRow(qPrintable(QStringLiteral("protocol %1").arg(p))) << p;
    }
    void everyProtocol()
    {
        QFETCH(int, protocol);
        auto t = disassembleFile(QStringLiteral("proto%1.pkl").arg(protocol));
        QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().message));
        QCOMPARE(t->protocol, protocol >= 2 ? protocol : 0);
        const json j = t->toJson();
        QCOMPARE(j.at("type").get<std::string>(), std::string("dict"));
        QCOMPARE(findKey(j, "name")->at("value").get<std::string>(), std::string("trove"));
        QCOMPARE(findKey(j, "count")->at("value").get<std::string>(), std::string("42"));
        QCOMPARE(findKey(j, "neg")->at("value").get<std::string>(), std::string("-5"));
        QCOMPARE(findKey(j, "ratio")->at("value").get<double>(), 0.25);
        const json *flags = findKey(j, "flags");
        QCOMPARE(flags->at("count").get<int>(), 3);
        QCOMPARE(flags->at("items")[0].at("value").get<bool>(), true);
        QCOMPARE(flags->at("items")[2].at("type").get<std::string>(), std::string("none"));
        QCOMPARE(findKey(j, "tuple")->at("count").get<int>(), 3);
        const json *bytes = findKey(j, "bytes");
        QVERIFY(bytes);
        // Protocols 0-2 write bytes as _codecs.encode(str, 'latin1'): a Reduce.
        if (protocol >= 3) {
            QCOMPARE(bytes->at("length").get<int>(), 3);
            QCOMPARE(bytes->at("head").get<std::string>(), std::string("000102"));
        }
        const json *nested = findKey(j, "nested");
        QCOMPARE(findKey(*nested, "a")->at("items")[1].at("type").get<std::string>(),
                 std::string("dict"));
        QVERIFY(importFlagged(*t, QStringLiteral("datetime.date"), PickleSafety::Safe));
        QVERIFY(importFlagged(*t, QStringLiteral("collections.OrderedDict"), PickleSafety::Safe));
        QVERIFY(!t->hasDangerousImports());
        if (protocol == 5)
            QCOMPARE(findKey(j, "ba")->at("type").get<std::string>(), std::string("bytearray"));
        const QString text = PickleTree::renderJson(j);
        QVERIFY(text.contains(QStringLiteral("'trove'")));
        QVERIFY(text.contains(QStringLiteral("datetime.date")));
    }

    void pythonGeneratedAtTestTime()
    {
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty())
            QSKIP("python3 not available");
        // One interpreter run writes the six pickles, each prefixed by its 8-byte length.
        QProcess proc;
        proc.start(python,
                   {QStringLiteral("-c"),
                    QStringLiteral("import pickle,struct,sys\n"
                                   "for p in range(6):\n"
                                   "  b=pickle.dumps({'k':[1,2.5,'s',b'b',(None,True)]*3},"
                                   "protocol=p)\n"
                                   "  sys.stdout.buffer.write(struct.pack('<Q',len(b))+b)\n")});
        QVERIFY(proc.waitForFinished(30000));
        const QByteArray all = proc.readAllStandardOutput();
        if (proc.exitCode() != 0 || all.isEmpty())
            QSKIP("python3 cannot run here");
        qsizetype pos = 0;
        int count = 0;
        while (pos + 8 <= all.size()) {
            qint64 n = 0;
            for (int i = 7; i >= 0; --i)
                n = (n << 8) | static_cast<unsigned char>(all.at(pos + i));
            auto t = disassembleBytes(all.mid(pos + 8, n));
            QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().message));
            QCOMPARE(t->protocol, count >= 2 ? count : 0);
            const json j = t->toJson();
            QCOMPARE(findKey(j, "k")->at("count").get<int>(), 15);
            pos += 8 + n;
            ++count;
        }
        QCOMPARE(count, 6);
    }

    void dangerousImportsAreFlaggedNotRun()
    {
        struct Case
        {
            const char *file;
            const char *import;
        };
        const Case cases[] = {{"os_system.pkl", "posix.system"},
                              {"subprocess.pkl", "subprocess.Popen"},
                              {"eval.pkl", "__builtin__.eval"}};
        for (const auto &c : cases) {
            auto t = disassembleFile(QString::fromLatin1(c.file));
            QVERIFY2(t.ok(), c.file);
            QVERIFY2(t->hasDangerousImports(), c.file);
            QVERIFY2(importFlagged(*t, QString::fromLatin1(c.import), PickleSafety::Dangerous),
                     c.file);
            QVERIFY(PickleTree::renderJson(t->toJson()).contains(QStringLiteral("[DANGEROUS]")));
        }
    }

    void classification_data()
    {
        QTest::addColumn<QString>("module");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("safety");
        const int safe = int(PickleSafety::Safe);
        const int unknown = int(PickleSafety::Unknown);
        const int bad = int(PickleSafety::Dangerous);
        QTest::newRow("os") << QStringLiteral("os") << QStringLiteral("system") << bad;
        QTest::newRow("nt") << QStringLiteral("nt") << QStringLiteral("system") << bad;
        QTest::newRow("os.path") << QStringLiteral("os.path") << QStringLiteral("join") << bad;
        QTest::newRow("exec") << QStringLiteral("builtins") << QStringLiteral("exec") << bad;
        QTest::newRow("getattr") << QStringLiteral("builtins") << QStringLiteral("getattr") << bad;
        QTest::newRow("import") << QStringLiteral("__builtin__") << QStringLiteral("__import__")
                                << bad;
        QTest::newRow("importlib")
                << QStringLiteral("importlib") << QStringLiteral("import_module") << bad;
        QTest::newRow("pickle.loads") << QStringLiteral("pickle") << QStringLiteral("loads") << bad;
        QTest::newRow("runpy") << QStringLiteral("runpy") << QStringLiteral("run_path") << bad;
        QTest::newRow("ctypes") << QStringLiteral("ctypes") << QStringLiteral("CDLL") << bad;
        QTest::newRow("socket") << QStringLiteral("socket") << QStringLiteral("socket") << bad;
        QTest::newRow("shutil") << QStringLiteral("shutil") << QStringLiteral("rmtree") << bad;
        QTest::newRow("sys") << QStringLiteral("sys") << QStringLiteral("modules") << bad;
        QTest::newRow("marshal") << QStringLiteral("marshal") << QStringLiteral("loads") << bad;
        QTest::newRow("pty") << QStringLiteral("pty") << QStringLiteral("spawn") << bad;
        QTest::newRow("ordered") << QStringLiteral("collections") << QStringLiteral("OrderedDict")
                                 << safe;
        QTest::newRow("reconstruct") << QStringLiteral("numpy.core.multiarray")
                                     << QStringLiteral("_reconstruct") << safe;
        QTest::newRow("rebuild") << QStringLiteral("torch._utils")
                                 << QStringLiteral("_rebuild_tensor_v2") << safe;
        QTest::newRow("storage") << QStringLiteral("torch") << QStringLiteral("HalfStorage")
                                 << safe;
        QTest::newRow("datetime") << QStringLiteral("datetime") << QStringLiteral("datetime")
                                  << safe;
        QTest::newRow("builtins set")
                << QStringLiteral("builtins") << QStringLiteral("set") << safe;
        QTest::newRow("sklearn") << QStringLiteral("sklearn.linear_model")
                                 << QStringLiteral("LogisticRegression") << unknown;
        QTest::newRow("osmosis") << QStringLiteral("osmosis") << QStringLiteral("x") << unknown;
    }
    void classification()
    {
        QFETCH(QString, module);
        QFETCH(QString, name);
        QFETCH(int, safety);
        QCOMPARE(int(PickleSafetyClassifier::classify(module, name)), safety);
    }

    void numpyAndPandasRecognized()
    {
        auto a = disassembleFile(QStringLiteral("numpy_array.pkl"));
        QVERIFY(a.ok());
        const json j = a->toJson();
        QCOMPARE(j.at("type").get<std::string>(), std::string("ndarray"));
        QCOMPARE(j.at("shape"), json({3, 4}));
        QCOMPARE(j.at("dtype").get<std::string>(), std::string("<f4"));
        QCOMPARE(j.at("order").get<std::string>(), std::string("C"));

        auto df = disassembleFile(QStringLiteral("dataframe.pkl"));
        QVERIFY2(df.ok(), qPrintable(df.ok() ? QString() : df.error().message));
        const json d = df->toJson();
        QCOMPARE(d.at("type").get<std::string>(), std::string("dataframe"));
        QCOMPARE(d.at("columns"), json({"a", "b"}));
        QCOMPARE(d.at("shape"), json({3, 2}));
    }

    void torchStateDict()
    {
        auto t = disassembleFile(QStringLiteral("torch_state_dict.pkl"));
        QVERIFY(t.ok());
        const json j = t->toJson();
        QCOMPARE(j.at("type").get<std::string>(), std::string("reduce"));
        const auto &items = j.at("dict_items");
        QCOMPARE(items.size(), size_t(3));
        const json &w = items[0].at("value");
        QCOMPARE(w.at("type").get<std::string>(), std::string("tensor"));
        QCOMPARE(w.at("dtype").get<std::string>(), std::string("float32"));
        QCOMPARE(w.at("shape"), json({16, 8}));
        QCOMPARE(w.at("storage").at("key").get<std::string>(), std::string("0"));
        QCOMPARE(w.at("storage").at("numel").get<int>(), 128);
    }

    void handCraftedOpcodes()
    {
        // Protocol 5 out-of-band buffers, EXT codes, DUP/POP/POP_MARK, frozenset, NEWOBJ_EX,
        // FRAME, LONG1/LONG4, LONG_BINPUT/LONG_BINGET, PERSID.
        QByteArray p("\x80\x05", 2);
        p += QByteArray("\x95\x00\x00\x00\x00\x00\x00\x00\x00", 9); // FRAME 0
        p += "(";                                                   // MARK
        p += QByteArray("\x97\x98", 2);                             // NEXT_BUFFER READONLY
        p += QByteArray("\x82\x07", 2);                             // EXT1 7
        p += QByteArray("\x8a\x02\xff\x7f", 4);                     // LONG1 32767
        p += QByteArray("\x8b\x01\x00\x00\x00\xfe", 6);             // LONG4 -2
        p += QByteArray("r\x10\x00\x00\x00", 5);                    // LONG_BINPUT 16
        p += QByteArray("j\x10\x00\x00\x00", 5);                    // LONG_BINGET 16
        p += "2";                                                   // DUP
        p += "0";                                                   // POP
        p += "(K\x01"
             "1";                                     // MARK 1 POP_MARK
        p += QByteArray("(K\x01K\x02\x91", 6);        // frozenset
        p += QByteArray("\x8c\x01m\x8c\x01n\x93", 7); // STACK_GLOBAL m.n
        p += ")}";                                    // args kwargs
        p += QByteArray("\x92", 1);                   // NEWOBJ_EX
        p += "Pstorage-0\n";                          // PERSID
        p += "t.";                                    // TUPLE STOP
        auto t = disassembleBytes(p);
        QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().message));
        const json j = t->toJson();
        QCOMPARE(j.at("type").get<std::string>(), std::string("tuple"));
        const auto &it = j.at("items");
        QCOMPARE(it.size(), size_t(8));
        QCOMPARE(it[0].at("type").get<std::string>(), std::string("buffer"));
        QCOMPARE(it[1].at("code").get<int>(), 7);
        QCOMPARE(it[2].at("value").get<std::string>(), std::string("32767"));
        QCOMPARE(it[3].at("value").get<std::string>(), std::string("-2"));
        QCOMPARE(it[4].at("value").get<std::string>(), std::string("-2"));
        QCOMPARE(it[5].at("type").get<std::string>(), std::string("frozenset"));
        QCOMPARE(it[6].at("type").get<std::string>(), std::string("newobj"));
        QCOMPARE(it[6].at("cls").at("name").get<std::string>(), std::string("n"));
        QCOMPARE(it[7].at("type").get<std::string>(), std::string("persid"));
        QVERIFY(!t->warnings.isEmpty()); // the EXT code
    }

    void selfReferenceIsBounded()
    {
        // l = []; l.append(l)  -> ']' MEMOIZE, BINGET 0, APPEND, STOP
        const QByteArray p("\x80\x04]\x94h\x00"
                           "a.",
                           8);
        auto t = disassembleBytes(p);
        QVERIFY(t.ok());
        const json j = t->toJson();
        QCOMPARE(j.at("items")[0].at("type").get<std::string>(), std::string("cycle"));
        QVERIFY(!PickleTree::renderJson(j).isEmpty());
    }

    void deepNestingIsNotRecursive()
    {
        // 100,000 nested lists: parsing is iterative, rendering depth-capped.
        QByteArray p("\x80\x04", 2);
        for (int i = 0; i < 100000; ++i)
            p += "(";
        p += "]";
        for (int i = 0; i < 100000; ++i)
            p += "l";
        p += ".";
        // Each "l" pops the mark and wraps the list before it.
        auto t = disassembleBytes(p);
        QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().message));
        const json j = t->toJson();
        QVERIFY(j.dump().find("deep") != std::string::npos);
        QVERIFY(PickleTree::renderJson(j).size() < 300000);
    }

    void objectCapElidesButKeepsImports()
    {
        QByteArray p("\x80\x04]\x28", 4); // EMPTY_LIST MARK
        for (int i = 0; i < 5000; ++i)
            p += QByteArray("K\x01", 2);
        p += "e"; // APPENDS
        p += QByteArray("\x8c\x02os\x8c\x06system\x93", 13);
        p += "a.";
        PickleDisassembler::Limits limits;
        limits.maxObjects = 100;
        auto t = disassembleBytes(p, limits);
        QVERIFY(t.ok());
        QVERIFY(t->truncated);
        QVERIFY(t->nodes.size() <= 100);
        QVERIFY(importFlagged(*t, QStringLiteral("os.system"), PickleSafety::Dangerous));
    }

    void repeatedReferencesAreCapped()
    {
        // One list appended with the same memoized object 100,000 times.
        QByteArray p("\x80\x04N\x94]", 5); // NONE MEMOIZE EMPTY_LIST
        for (int i = 0; i < 1000; ++i) {
            p += "(";
            for (int k = 0; k < 100; ++k)
                p += QByteArray("h\x00", 2);
            p += "e";
        }
        p += ".";
        PickleDisassembler::Limits limits;
        limits.maxObjects = 1000;
        auto t = disassembleBytes(p, limits);
        QVERIFY(t.ok());
        QVERIFY(t->truncated);
        const json j = t->toJson();
        QCOMPARE(j.at("count").get<int>(), 100000);
        QVERIFY(t->node(t->root)->items.size() <= 4000);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QFile f(dataFile(QStringLiteral("truncated.pkl")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QTest::newRow("truncated file") << f.readAll();
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("no stop") << QByteArray("\x80\x04K\x01", 4);
        QTest::newRow("underflow") << QByteArray("\x80\x04R.", 4);
        QTest::newRow("bad opcode") << QByteArray("\x80\x04\xff.", 4);
        QTest::newRow("proto 9") << QByteArray("\x80\x09N.", 4);
        QTest::newRow("missing memo") << QByteArray("\x80\x04h\x05.", 5);
        QTest::newRow("no mark") << QByteArray("\x80\x04K\x01t.", 6);
        QTest::newRow("huge length")
                << QByteArray("\x80\x04\x8e\xff\xff\xff\xff\xff\xff\xff\x7f.", 12);
        QTest::newRow("negative LONG4") << QByteArray("\x80\x04\x8b\xff\xff\xff\xff.", 8);
        QTest::newRow("stack global ints") << QByteArray("\x80\x04K\x01K\x02\x93.", 8);
        QTest::newRow("odd setitems") << QByteArray("\x80\x04}(K\x01u.", 7);
        QTest::newRow("long line") << QByteArray("\x80\x02I") + QByteArray(100000, '1');
    }
    void malformed()
    {
        QFETCH(QByteArray, bytes);
        auto t = disassembleBytes(bytes);
        QVERIFY(!t.ok());
        QCOMPARE(t.error().kind, Error::Kind::Parse);
        QVERIFY(!t.error().message.isEmpty());
    }

    void largePayloadIsSkippedNotRead()
    {
        // A 50 MB bytes payload: only its head is kept.
        QByteArray p("\x80\x04\x8e", 3);
        const qint64 n = 50 << 20;
        for (int i = 0; i < 8; ++i)
            p += char((n >> (8 * i)) & 0xff);
        p += QByteArray(n, 'x');
        p += ".";
        auto t = disassembleBytes(p);
        QVERIFY(t.ok());
        const json j = t->toJson();
        QCOMPARE(j.at("length").get<qint64>(), n);
        QCOMPARE(j.at("head").get<std::string>().size(), size_t(64));
    }
};

QTEST_GUILESS_MAIN(TestPickle)
#include "tst_pickle.moc"
