#include "common/bytesource.h"
#include "preview/jsonpreview.h"
#include "preview/textdecoder.h"
#include "preview/yamltokenizer.h"

#include <QStringEncoder>
#include <QtTest>

using namespace Trove;
using json = nlohmann::json;

class TestTextJson final : public QObject
{
    Q_OBJECT

private slots:
    void encodings_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("encoding");
        QTest::addColumn<QString>("text");
        const QString s = QStringLiteral("h\u00e9llo w\u00f6rld \u20ac\n");
        auto enc = [&](QStringConverter::Encoding e, bool bom) {
            QStringEncoder encoder(e, bom ? QStringConverter::Flag::WriteBom
                                          : QStringConverter::Flag::Default);
            return QByteArray(encoder.encode(s));
        };
        QTest::newRow("utf8") << s.toUtf8() << int(TextEncoding::Utf8) << s;
        QTest::newRow("utf8 bom") << enc(QStringConverter::Utf8, true) << int(TextEncoding::Utf8)
                                  << s;
        QTest::newRow("utf16le bom")
                << enc(QStringConverter::Utf16LE, true) << int(TextEncoding::Utf16LE) << s;
        QTest::newRow("utf16be bom")
                << enc(QStringConverter::Utf16BE, true) << int(TextEncoding::Utf16BE) << s;
        QTest::newRow("utf32le bom")
                << enc(QStringConverter::Utf32LE, true) << int(TextEncoding::Utf32LE) << s;
        QTest::newRow("utf16le no bom") << enc(QStringConverter::Utf16LE, false).repeated(4)
                                        << int(TextEncoding::Utf16LE) << s.repeated(4);
        const QString latin = QStringLiteral("caf\u00e9 na\u00efve\n");
        QTest::newRow("latin1") << latin.toLatin1() << int(TextEncoding::Latin1) << latin;
        QTest::newRow("cp1252") << QByteArray("price \x80 5 \x93quoted\x94\n")
                                << int(TextEncoding::Windows1252)
                                << QStringLiteral("price \u20ac 5 \u201cquoted\u201d\n");
    }
    void encodings()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, encoding);
        QFETCH(QString, text);
        auto src = memorySource(bytes);
        auto c = TextDecoder::readChunk(*src, 0, 1 << 20, PreviewOptions{});
        QVERIFY(c.ok());
        QCOMPARE(int(c->encoding), encoding);
        QCOMPARE(c->text, text);
        QVERIFY(c->atEnd);
    }

    void pagingAlignsToLinesAndCharacters()
    {
        QString all;
        for (int i = 0; i < 2000; ++i)
            all += QStringLiteral("line %1 \u00e9\u20ac\U0001F600\n").arg(i);
        for (auto e : {QStringConverter::Utf8, QStringConverter::Utf16LE}) {
            QStringEncoder encoder(e, QStringConverter::Flag::WriteBom);
            const QByteArray bytes = encoder.encode(all);
            auto src = memorySource(bytes);
            QString joined;
            qint64 offset = 0;
            int pages = 0;
            while (true) {
                auto c = TextDecoder::readChunk(*src, offset, 1000, PreviewOptions{});
                QVERIFY(c.ok());
                QVERIFY(c->text.endsWith(QLatin1Char('\n')) || c->atEnd);
                QVERIFY(!c->text.contains(QChar::ReplacementCharacter));
                joined += c->text;
                ++pages;
                if (c->atEnd)
                    break;
                QVERIFY(c->nextOffset > offset);
                offset = c->nextOffset;
            }
            QVERIFY(pages > 10);
            QCOMPARE(joined, all);
        }
        // One huge line is cut at a character boundary, never inside a character.
        const QByteArray line = QString(QStringLiteral("\u20ac")).repeated(1000).toUtf8();
        auto src = memorySource(line);
        auto c = TextDecoder::readChunk(*src, 0, 1000, PreviewOptions{});
        QVERIFY(c.ok());
        QVERIFY(!c->atEnd);
        QCOMPARE(c->nextOffset % 3, 0);
        QVERIFY(!c->text.contains(QChar::ReplacementCharacter));
    }

    void textHeuristics()
    {
        QVERIFY(TextDecoder::looksLikeText("hello\nworld\n"));
        QVERIFY(!TextDecoder::looksLikeText(QByteArray("\x00\x01\x02\x03binary", 10)));
        QVERIFY(TextDecoder::looksLikeText(QByteArray()));
    }

    void prettyPrint()
    {
        auto src = memorySource("{\"a\":[1,2,{\"b\":\"x,y:{\"}],\"e\":{},\"f\":[]}");
        auto p = JsonPreview::prettyPrint(*src, PreviewOptions{});
        QVERIFY(p.ok());
        QCOMPARE(*p, QStringLiteral("{\n  \"a\": [\n    1,\n    2,\n    {\n      \"b\": "
                                    "\"x,y:{\"\n    }\n  ],\n  \"e\": {},\n  \"f\": []\n}"));
    }

    void outlineTree()
    {
        auto src = memorySource(
                "{\"name\":\"trove\",\"list\":[1,2.5,true,null],\"obj\":{\"k\":\"v\"}}");
        auto t = JsonPreview::outline(*src, PreviewOptions{});
        QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().message));
        QCOMPARE(t->at("type").get<std::string>(), std::string("object"));
        QCOMPARE(t->at("count").get<int>(), 3);
        const json &list = t->at("children")[1];
        QCOMPARE(list.at("key").get<std::string>(), std::string("list"));
        QCOMPARE(list.at("count").get<int>(), 4);
        QCOMPARE(list.at("children")[1].at("value").get<std::string>(), std::string("2.5"));
        QCOMPARE(list.at("children")[3].at("type").get<std::string>(), std::string("null"));
    }

    void outlineIsBounded()
    {
        // 200,000 array items: all counted, only maxChildren stored.
        QByteArray big = "[";
        for (int i = 0; i < 200000; ++i)
            big += QByteArray::number(i) + ",";
        big += "0]";
        auto src = memorySource(big);
        auto t = JsonPreview::outline(*src, PreviewOptions{});
        QVERIFY(t.ok());
        QCOMPARE(t->at("count").get<int>(), 200001);
        QCOMPARE(t->at("children").size(), size_t(1000));
        QVERIFY(t->at("truncated").get<bool>());
    }

    void nestingBomb()
    {
        const QByteArray bomb = QByteArray(1000000, '[') + QByteArray(1000000, ']');
        auto src = memorySource(bomb);
        auto t = JsonPreview::outline(*src, PreviewOptions{});
        QVERIFY(!t.ok());
        QVERIFY(t.error().message.contains(QStringLiteral("nesting")));
        auto p = JsonPreview::prettyPrint(*src, PreviewOptions{}, 1 << 20, 1 << 20);
        QVERIFY(p.ok());
        QVERIFY(p->size() <= (1 << 20) + 100);
    }

    void yamlTokens()
    {
        using T = YamlTokenizer::Type;
        auto types = [](const QString &line) {
            QList<T> out;
            for (const auto &t : YamlTokenizer::tokenize(line))
                out << t.type;
            return out;
        };
        QCOMPARE(types(QStringLiteral("key: 12 # note")),
                 (QList<T>{T::Key, T::Punctuation, T::Number, T::Comment}));
        QCOMPARE(types(QStringLiteral("- \"quoted: x\"")), (QList<T>{T::Punctuation, T::String}));
        QCOMPARE(types(QStringLiteral("---")), (QList<T>{T::DocumentMarker}));
        QCOMPARE(types(QStringLiteral("flag: true")),
                 (QList<T>{T::Key, T::Punctuation, T::Keyword}));
        QCOMPARE(types(QStringLiteral("base: &anchor {a: 1}")),
                 (QList<T>{T::Key, T::Punctuation, T::Anchor, T::Punctuation, T::Key,
                           T::Punctuation, T::Number, T::Punctuation}));
        const auto toks = YamlTokenizer::tokenize(QStringLiteral("  name: trove"));
        QCOMPARE(toks.at(0).start, 2);
        QCOMPARE(toks.at(0).length, 4);
        QCOMPARE(toks.at(2).start, 8);
        QCOMPARE(toks.at(2).length, 5);
        QVERIFY(YamlTokenizer::tokenize(QString()).isEmpty());
    }

    void hugeSingleValueIsRefused()
    {
        PreviewOptions opts;
        opts.maxBytesInMemory = 4 << 20; // token cap: 1 MiB
        const QByteArray doc = "{\"a\": \"" + QByteArray(5 << 20, 'x') + "\"}";
        auto src = memorySource(doc);
        auto t = JsonPreview::outline(*src, opts);
        QVERIFY(!t.ok());
        QVERIFY(t.error().message.contains(QStringLiteral("larger than")));
        // Many values of ordinary size are fine however large the file.
        QByteArray many = "[";
        for (int i = 0; i < 3000; ++i)
            many += "\"" + QByteArray(1000, 'y') + "\",";
        many += "1]";
        auto src2 = memorySource(many);
        QVERIFY(JsonPreview::outline(*src2, opts).ok());
    }

    void invalidJson()
    {
        auto src = memorySource("{\"a\": [1, 2,, 3]}");
        auto t = JsonPreview::outline(*src, PreviewOptions{});
        QVERIFY(!t.ok());
        QCOMPARE(t.error().kind, Error::Kind::Parse);
        QVERIFY(t.error().message.contains(QStringLiteral("byte")));
        auto trunc = memorySource("{\"a\": [1, 2");
        QVERIFY(!JsonPreview::outline(*trunc, PreviewOptions{}).ok());
    }
};

QTEST_GUILESS_MAIN(TestTextJson)
#include "tst_textjson.moc"
