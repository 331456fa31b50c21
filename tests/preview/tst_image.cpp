#include "common/bytesource.h"
#include "preview/imagedecoder.h"

#include <QBuffer>
#include <QImageWriter>
#include <QPainter>
#include <QtTest>

#include <zlib.h>

using namespace Trove;

namespace {

QByteArray encode(const QImage &img, const char *format, int quality = -1)
{
    QByteArray out;
    QBuffer buf(&out);
    buf.open(QIODevice::WriteOnly);
    QImageWriter w(&buf, format);
    if (quality >= 0)
        w.setQuality(quality);
    if (!w.write(img))
        return {};
    return out;
}

QImage sample(int w, int h)
{
    QImage img(w, h, QImage::Format_RGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    p.fillRect(0, 0, w / 2, h, Qt::red);
    return img;
}

void put32be(QByteArray &b, quint32 v)
{
    for (int i = 3; i >= 0; --i)
        b.append(char((v >> (8 * i)) & 0xff));
}

QByteArray pngChunk(const QByteArray &type, const QByteArray &data)
{
    QByteArray c;
    put32be(c, quint32(data.size()));
    const QByteArray body = type + data;
    c += body;
    put32be(c, quint32(crc32(0, reinterpret_cast<const Bytef *>(body.constData()),
                             uInt(body.size()))));
    return c;
}

/// A PNG whose header claims width x height, followed by a tiny IDAT.
QByteArray hugePng(quint32 width, quint32 height)
{
    QByteArray ihdr;
    put32be(ihdr, width);
    put32be(ihdr, height);
    ihdr += QByteArray("\x08\x02\x00\x00\x00", 5);
    QByteArray png("\x89PNG\r\n\x1a\n", 8);
    png += pngChunk("IHDR", ihdr);
    png += pngChunk("IDAT", QByteArray("\x78\x9c\x03\x00\x00\x00\x00\x01", 8));
    png += pngChunk("IEND", {});
    return png;
}

/// Inserts an EXIF APP1 segment with the given orientation right after the JPEG SOI.
QByteArray withExifOrientation(const QByteArray &jpeg, quint16 orientation)
{
    QByteArray tiff("II*\0", 4);
    tiff += QByteArray("\x08\x00\x00\x00", 4); // IFD at 8
    tiff += QByteArray("\x01\x00", 2);         // one entry
    tiff += QByteArray("\x12\x01\x03\x00\x01\x00\x00\x00", 8);
    tiff += char(orientation & 0xff);
    tiff += QByteArray("\x00\x00\x00", 3);
    tiff += QByteArray(4, '\0'); // next IFD
    QByteArray app1 = QByteArray("Exif\0\0", 6) + tiff;
    QByteArray seg("\xFF\xE1", 2);
    const int len = app1.size() + 2;
    seg += char(len >> 8);
    seg += char(len & 0xff);
    seg += app1;
    return jpeg.left(2) + seg + jpeg.mid(2);
}

} // namespace

class TestImage final : public QObject
{
    Q_OBJECT

private slots:
    void formats_data()
    {
        QTest::addColumn<QByteArray>("format");
        QTest::newRow("png") << QByteArray("png");
        QTest::newRow("jpeg") << QByteArray("jpeg");
        QTest::newRow("bmp") << QByteArray("bmp");
        QTest::newRow("webp") << QByteArray("webp");
        QTest::newRow("tiff") << QByteArray("tiff");
    }
    void formats()
    {
        QFETCH(QByteArray, format);
        if (!QImageWriter::supportedImageFormats().contains(format))
            QSKIP("image format plugin not installed");
        const QByteArray bytes = encode(sample(64, 32), format.constData());
        QVERIFY(!bytes.isEmpty());
        auto src = memorySource(bytes);
        auto r = ImageDecoder::decode(*src, PreviewOptions{});
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r->originalSize, QSize(64, 32));
        QCOMPARE(r->image.size(), QSize(64, 32));
        QCOMPARE(r->format, QString::fromLatin1(format));
        QVERIFY(r->depth > 0);
        QVERIFY(!r->scaled);
        QCOMPARE(ImageDecoder::formatFromMagic(bytes), QString::fromLatin1(format));
    }

    void gifAndSvg()
    {
        // A 1x1 GIF.
        const QByteArray gif = QByteArray::fromBase64(
                "R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");
        auto g = memorySource(gif);
        auto r = ImageDecoder::decode(*g, PreviewOptions{});
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r->format, QStringLiteral("gif"));
        QCOMPARE(r->originalSize, QSize(1, 1));

        const QByteArray svg = "<svg xmlns='http://www.w3.org/2000/svg' width='100' height='50'>"
                               "<rect width='100' height='50' fill='blue'/></svg>";
        auto s = memorySource(svg);
        auto v = ImageDecoder::decode(*s, PreviewOptions{}, QSize(400, 400));
        if (!v.ok() && v.error().message.contains(QStringLiteral("readable")))
            QSKIP("svg image plugin not installed");
        QVERIFY2(v.ok(), qPrintable(v.ok() ? QString() : v.error().message));
        QCOMPARE(v->format, QStringLiteral("svg"));
        QCOMPARE(v->image.size(), QSize(400, 200));
    }

    void largeImageIsDecodedScaled()
    {
        const QByteArray bytes = encode(sample(4000, 2000), "jpeg", 50);
        auto src = memorySource(bytes);
        auto r = ImageDecoder::decode(*src, PreviewOptions{}, QSize(400, 400));
        QVERIFY(r.ok());
        QCOMPARE(r->originalSize, QSize(4000, 2000));
        QCOMPARE(r->image.size(), QSize(400, 200));
        QVERIFY(r->scaled);
    }

    void hugeDimensionHeaderIsRefused()
    {
        auto src = memorySource(hugePng(100000, 100000));
        auto r = ImageDecoder::decode(*src, PreviewOptions{});
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QStringLiteral("100000x100000")));
    }

    void corruptImages_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const QByteArray jpeg = encode(sample(64, 64), "jpeg");
        QByteArray garbled = jpeg;
        for (int i = 2; i < 200 && i < garbled.size(); ++i)
            garbled[i] = char(0x5a);
        QTest::newRow("garbled jpeg") << garbled;
        QTest::newRow("jpeg magic only") << QByteArray("\xFF\xD8\xFF\xE0", 4);
        QTest::newRow("png truncated") << encode(sample(64, 64), "png").left(40);
        QTest::newRow("not an image") << QByteArray("hello world");
        QTest::newRow("empty") << QByteArray();
    }
    void corruptImages()
    {
        QFETCH(QByteArray, bytes);
        auto src = memorySource(bytes);
        auto r = ImageDecoder::decode(*src, PreviewOptions{});
        QVERIFY(!r.ok());
        QVERIFY(!r.error().message.isEmpty());
    }

    void exifOrientation()
    {
        const QByteArray jpeg = withExifOrientation(encode(sample(40, 20), "jpeg"), 6);
        auto src = memorySource(jpeg);
        auto r = ImageDecoder::decode(*src, PreviewOptions{});
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r->image.size(), QSize(20, 40)); // rotated 90 degrees
        QVERIFY(r->transformation.contains(QStringLiteral("rotate 90")));
    }

    void oversizedFileIsRefused()
    {
        PreviewOptions opts;
        opts.maxBytesInMemory = 100;
        auto src = memorySource(encode(sample(64, 64), "png"));
        auto r = ImageDecoder::decode(*src, opts);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, Error::Kind::Unsupported);
    }
};

QTEST_MAIN(TestImage)
#include "tst_image.moc"
