#include "preview/codeeditor.h"
#include "preview/findbar.h"
#include "preview/textviewer.h"

#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

using namespace Trove;

class TestTextViewer : public QObject
{
    Q_OBJECT

private:
    static QString lines(int from, int count)
    {
        QString s;
        for (int i = from; i < from + count; ++i)
            s += QStringLiteral("line %1\n").arg(i);
        return s;
    }

private slots:
    void pagingAsksForMoreAtTheEnd()
    {
        TextViewer viewer;
        viewer.resize(600, 300);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        const QString first = lines(0, 300);
        const qint64 firstBytes = first.toUtf8().size();
        viewer.setText(first, firstBytes, firstBytes * 2);
        QVERIFY(viewer.hasMore());
        QSignalSpy spy(&viewer, &TextViewer::moreRequested);

        QScrollBar *vs = viewer.editor()->verticalScrollBar();
        QVERIFY(vs->maximum() > 0);
        vs->setValue(vs->maximum() / 2);
        QCOMPARE(spy.count(), 0);
        vs->setValue(vs->maximum());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toLongLong(), firstBytes);
        QVERIFY(viewer.isRequestPending());
        // No duplicate request while one is pending.
        vs->setValue(vs->maximum() - 1);
        vs->setValue(vs->maximum());
        QCOMPARE(spy.count(), 1);

        // The chunk continues the last line and keeps line numbering going.
        viewer.appendChunk(QStringLiteral("tail of a line\n") + lines(300, 10), firstBytes * 2);
        QVERIFY(!viewer.isRequestPending());
        QVERIFY(viewer.text().contains(QStringLiteral("line 299\ntail of a line\nline 300")));
        QVERIFY(!viewer.hasMore());
        vs->setValue(vs->maximum());
        QCOMPARE(spy.count(), 1); // everything is loaded
    }

    void failedRequestCanBeRetried()
    {
        TextViewer viewer;
        viewer.setText(QStringLiteral("abc"), 3, 100);
        QSignalSpy spy(&viewer, &TextViewer::moreRequested);
        viewer.requestMore();
        QCOMPARE(spy.count(), 1);
        viewer.moreFailed(QStringLiteral("connection reset"));
        QVERIFY(!viewer.isRequestPending());
        viewer.requestMore();
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.at(1).at(0).toLongLong(), 3);
    }

    void completeTextOffersNoMore()
    {
        TextViewer viewer;
        QSignalSpy spy(&viewer, &TextViewer::moreRequested);
        viewer.setText(lines(0, 10));
        QVERIFY(!viewer.hasMore());
        viewer.requestMore();
        QCOMPARE(spy.count(), 0);
        // Unknown total: more until a chunk says it is the last.
        viewer.setText(lines(0, 10), 80);
        QVERIFY(viewer.hasMore());
        viewer.requestMore();
        QCOMPARE(spy.count(), 1);
        viewer.appendChunk(lines(10, 1), 88, true);
        QVERIFY(!viewer.hasMore());
    }

    void highlightsJson()
    {
        TextViewer viewer;
        viewer.setFileName(QStringLiteral("config.json"));
        QCOMPARE(viewer.language(), TextViewer::Language::Json);
        viewer.setText(QStringLiteral("{\"key\": 12, \"flag\": true}"));
        const QTextBlock block = viewer.editor()->document()->firstBlock();
        const QList<QTextLayout::FormatRange> formats = block.layout()->formats();
        QVERIFY(!formats.isEmpty());
        auto colorAt = [&](int pos) {
            QColor c;
            for (const auto &r : formats)
                if (pos >= r.start && pos < r.start + r.length)
                    c = r.format.foreground().color();
            return c;
        };
        const auto *hl = viewer.highlighter();
        using C = SyntaxHighlighter::Category;
        QCOMPARE(colorAt(1), hl->formatFor(C::Key).foreground().color());      // "key"
        QCOMPARE(colorAt(8), hl->formatFor(C::Number).foreground().color());   // 12
        QCOMPARE(colorAt(21), hl->formatFor(C::Keyword).foreground().color()); // true
        QVERIFY(hl->formatFor(C::Key).foreground().color()
                != hl->formatFor(C::Number).foreground().color());
    }

    void languageGuess()
    {
        using L = SyntaxHighlighter::Language;
        QCOMPARE(SyntaxHighlighter::languageForFileName(QStringLiteral("a.yaml")), L::Yaml);
        QCOMPARE(SyntaxHighlighter::languageForFileName(QStringLiteral("b.YML")), L::Yaml);
        QCOMPARE(SyntaxHighlighter::languageForFileName(QStringLiteral("train.py")), L::Python);
        QCOMPARE(SyntaxHighlighter::languageForFileName(QStringLiteral("log.txt")), L::Plain);
    }

    void findBar()
    {
        TextViewer viewer;
        viewer.resize(600, 300);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        viewer.setText(lines(0, 50));
        viewer.editor()->setFocus();
        QVERIFY(viewer.findBar()->isHidden());
        QTest::keyClick(viewer.editor(), Qt::Key_F, Qt::ControlModifier);
        QVERIFY(viewer.findBar()->isVisible());
        QTest::keyClicks(viewer.findBar()->lineEdit(), QStringLiteral("line 4"));
        // "line 4", "line 40".."line 49"
        QCOMPARE(viewer.findBar()->matchCount(), 11);
        QCOMPARE(viewer.editor()->textCursor().selectedText(), QStringLiteral("line 4"));
        QVERIFY(viewer.findBar()->findNext());
        QCOMPARE(viewer.editor()->textCursor().blockNumber(), 40);
        QTest::keyClick(viewer.findBar()->lineEdit(), Qt::Key_Escape);
        QVERIFY(viewer.findBar()->isHidden());
    }
};

QTEST_MAIN(TestTextViewer)
#include "tst_textviewer.moc"
