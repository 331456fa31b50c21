#include "preview/imagecanvas.h"
#include "preview/imageviewer.h"

#include <QApplication>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

using namespace Trove;

class TestImageViewer : public QObject
{
    Q_OBJECT

private:
    static QImage makeImage(int w, int h)
    {
        QImage img(w, h, QImage::Format_ARGB32);
        img.fill(QColor(0, 0, 255, 255));
        img.setPixelColor(10, 20, QColor(255, 0, 0, 255));
        img.setPixelColor(11, 20, QColor(0, 128, 0, 64));
        return img;
    }

    static void moveTo(ImageCanvas *canvas, QPoint pos)
    {
        QMouseEvent ev(QEvent::MouseMove, QPointF(pos),
                       QPointF(canvas->viewport()->mapToGlobal(pos)), Qt::NoButton, Qt::NoButton,
                       Qt::NoModifier);
        QApplication::sendEvent(canvas->viewport(), &ev);
    }

private slots:
    void fitAndOneToOne()
    {
        ImageViewer viewer;
        viewer.resize(800, 600);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        viewer.setImage(makeImage(1600, 1200), QStringLiteral("PNG"));
        QVERIFY(viewer.isFitToWindow());
        const double fit = viewer.canvas()->fitZoom();
        QVERIFY(fit < 1.0);
        QCOMPARE(viewer.zoom(), fit);
        // The whole image fits the viewport.
        const QSize vp = viewer.canvas()->viewport()->size();
        QVERIFY(1600 * viewer.zoom() <= vp.width() + 0.5);
        QVERIFY(1200 * viewer.zoom() <= vp.height() + 0.5);

        viewer.actualSize();
        QCOMPARE(viewer.zoom(), 1.0);
        QVERIFY(!viewer.isFitToWindow());
        viewer.fitToWindow();
        QCOMPARE(viewer.zoom(), fit);
        QVERIFY(viewer.isFitToWindow());
    }

    void zoomInOut()
    {
        ImageViewer viewer;
        viewer.resize(800, 600);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        viewer.setImage(makeImage(300, 200));
        QSignalSpy spy(&viewer, &ImageViewer::zoomChanged);
        viewer.actualSize();
        viewer.zoomIn();
        QCOMPARE(viewer.zoom(), 1.25);
        viewer.zoomOut();
        QCOMPARE(viewer.zoom(), 1.0);
        QVERIFY(spy.count() >= 2);

        // Keyboard: Ctrl++ and Ctrl+-.
        viewer.canvas()->setFocus();
        QTest::keyClick(viewer.canvas(), Qt::Key_Equal, Qt::ControlModifier);
        QCOMPARE(viewer.zoom(), 1.25);
        QTest::keyClick(viewer.canvas(), Qt::Key_Minus, Qt::ControlModifier);
        QCOMPARE(viewer.zoom(), 1.0);

        // Wheel up zooms in, around the cursor.
        const QPoint at = viewer.canvas()->viewport()->rect().center();
        QWheelEvent wheel(QPointF(at), QPointF(viewer.canvas()->viewport()->mapToGlobal(at)),
                          QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase,
                          false);
        QApplication::sendEvent(viewer.canvas()->viewport(), &wheel);
        QCOMPARE(viewer.zoom(), 1.25);

        // Zoom is bounded.
        viewer.setZoom(1000);
        QCOMPARE(viewer.zoom(), ImageCanvas::kMaxZoom);
        viewer.setZoom(0);
        QCOMPARE(viewer.zoom(), ImageCanvas::kMinZoom);
    }

    void pixelReadout()
    {
        ImageViewer viewer;
        viewer.resize(800, 600);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        viewer.setImage(makeImage(300, 200));
        viewer.setZoom(4.0);
        QCOMPARE(viewer.pixelText(QPoint(10, 20)),
                 QStringLiteral("RGBA(255, 0, 0, 255)  #ff0000ff"));
        QCOMPARE(viewer.pixelText(QPoint(11, 20)),
                 QStringLiteral("RGBA(0, 128, 0, 64)  #00800040"));
        QVERIFY(viewer.pixelText(QPoint(300, 0)).isEmpty());

        ImageCanvas *canvas = viewer.canvas();
        QSignalSpy hover(canvas, &ImageCanvas::hoveredPixelChanged);
        const QPoint pos = canvas->mapFromImage(QPointF(10.5, 20.5)).toPoint();
        const QPointF back = canvas->mapToImage(pos);
        QCOMPARE(int(back.x()), 10);
        QCOMPARE(int(back.y()), 20);
        moveTo(canvas, pos);
        QCOMPARE(hover.count(), 1);
        QCOMPARE(hover.last().at(0).toPoint(), QPoint(10, 20));
        QVERIFY2(viewer.statusText().contains(QStringLiteral("(10, 20)")),
                 qPrintable(viewer.statusText()));
        QVERIFY(viewer.statusText().contains(QStringLiteral("#ff0000ff")));
        QVERIFY(viewer.statusText().contains(QStringLiteral("300 × 200")));
        QVERIFY(viewer.statusText().contains(QStringLiteral("32 bpp")));
    }

    void dragPans()
    {
        ImageViewer viewer;
        viewer.resize(400, 300);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        viewer.setImage(makeImage(2000, 2000));
        viewer.actualSize();
        QScrollBar *h = viewer.canvas()->horizontalScrollBar();
        QScrollBar *v = viewer.canvas()->verticalScrollBar();
        QVERIFY(h->maximum() > 0);
        const int h0 = h->value();
        const int v0 = v->value();
        QWidget *vp = viewer.canvas()->viewport();
        QTest::mousePress(vp, Qt::LeftButton, {}, QPoint(200, 150));
        QMouseEvent move(QEvent::MouseMove, QPointF(150, 100),
                         QPointF(vp->mapToGlobal(QPoint(150, 100))), Qt::NoButton, Qt::LeftButton,
                         Qt::NoModifier);
        QApplication::sendEvent(vp, &move);
        QTest::mouseRelease(vp, Qt::LeftButton, {}, QPoint(150, 100));
        QCOMPARE(h->value(), h0 + 50);
        QCOMPARE(v->value(), v0 + 50);
    }
};

QTEST_MAIN(TestImageViewer)
#include "tst_imageviewer.moc"
