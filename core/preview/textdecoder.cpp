#include "textdecoder.h"

#include <QStringDecoder>

namespace Trove {
namespace {

const char16_t kCp1252[32]
        = {0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
           0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
           0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

/// Length of the valid UTF-8 prefix; a sequence cut by the end of `b` counts as valid.
bool validUtf8(const QByteArray &b)
{
    const auto *p = reinterpret_cast<const unsigned char *>(b.constData());
    const qsizetype n = b.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (!len || (c == 0xC0 || c == 0xC1 || c > 0xF4))
            return false;
        for (int k = 1; k < len; ++k) {
            if (i + k >= n)
                return true; // cut at the end of the sample
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
        }
        i += len;
    }
    return true;
}

int unitSize(TextEncoding e)
{
    switch (e) {
    case TextEncoding::Utf16LE:
    case TextEncoding::Utf16BE:
        return 2;
    case TextEncoding::Utf32LE:
    case TextEncoding::Utf32BE:
        return 4;
    default:
        return 1;
    }
}

/// Where to cut `b` (decoded from its start) so no line or character is split: after the last
/// newline; else at the last complete character.
qsizetype cutPoint(const QByteArray &b, TextEncoding e)
{
    const int unit = unitSize(e);
    const qsizetype whole = b.size() - b.size() % unit;
    for (qsizetype i = whole - unit; i >= 0; i -= unit) {
        bool nl = false;
        switch (e) {
        case TextEncoding::Utf16LE:
            nl = b.at(i) == '\n' && b.at(i + 1) == 0;
            break;
        case TextEncoding::Utf16BE:
            nl = b.at(i) == 0 && b.at(i + 1) == '\n';
            break;
        case TextEncoding::Utf32LE:
            nl = b.at(i) == '\n' && !b.at(i + 1) && !b.at(i + 2) && !b.at(i + 3);
            break;
        case TextEncoding::Utf32BE:
            nl = !b.at(i) && !b.at(i + 1) && !b.at(i + 2) && b.at(i + 3) == '\n';
            break;
        default:
            nl = b.at(i) == '\n';
        }
        if (nl)
            return i + unit;
    }
    // One long line: cut at a character boundary.
    if (e == TextEncoding::Utf8) {
        qsizetype i = b.size();
        int back = 0;
        while (i > 0 && back < 4 && (static_cast<unsigned char>(b.at(i - 1)) & 0xC0) == 0x80) {
            --i;
            ++back;
        }
        if (i > 0 && static_cast<unsigned char>(b.at(i - 1)) >= 0xC0)
            return i - 1; // lead byte of an incomplete sequence
        return b.size();
    }
    if (e == TextEncoding::Utf16LE || e == TextEncoding::Utf16BE) {
        // Do not split a surrogate pair.
        if (whole >= 2) {
            const unsigned char hi = static_cast<unsigned char>(
                    e == TextEncoding::Utf16LE ? b.at(whole - 1) : b.at(whole - 2));
            if (hi >= 0xD8 && hi <= 0xDB)
                return whole - 2;
        }
    }
    return whole;
}

} // namespace

TextEncoding TextDecoder::detectEncoding(const QByteArray &head, int *bomSize)
{
    int bom = 0;
    TextEncoding e = TextEncoding::Utf8;
    if (head.startsWith("\xEF\xBB\xBF")) {
        bom = 3;
    } else if (head.startsWith(QByteArray("\xFF\xFE\x00\x00", 4))) {
        bom = 4;
        e = TextEncoding::Utf32LE;
    } else if (head.startsWith(QByteArray("\x00\x00\xFE\xFF", 4))) {
        bom = 4;
        e = TextEncoding::Utf32BE;
    } else if (head.startsWith("\xFF\xFE")) {
        bom = 2;
        e = TextEncoding::Utf16LE;
    } else if (head.startsWith("\xFE\xFF")) {
        bom = 2;
        e = TextEncoding::Utf16BE;
    } else {
        // UTF-16 without BOM: ASCII-range text has a zero in every other byte.
        int evenZero = 0, oddZero = 0;
        const qsizetype n = std::min<qsizetype>(head.size(), 4096) & ~qsizetype(1);
        for (qsizetype i = 0; i < n; i += 2) {
            evenZero += head.at(i) == 0;
            oddZero += head.at(i + 1) == 0;
        }
        if (n >= 8 && oddZero > n / 2 * 0.7 && evenZero < n / 20)
            e = TextEncoding::Utf16LE;
        else if (n >= 8 && evenZero > n / 2 * 0.7 && oddZero < n / 20)
            e = TextEncoding::Utf16BE;
        else if (!validUtf8(head)) {
            e = TextEncoding::Latin1;
            for (char c : head) {
                const auto u = static_cast<unsigned char>(c);
                if (u >= 0x80 && u <= 0x9F) {
                    e = TextEncoding::Windows1252;
                    break;
                }
            }
        }
    }
    if (bomSize)
        *bomSize = bom;
    return e;
}

QString TextDecoder::encodingName(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Utf8:
        return QStringLiteral("UTF-8");
    case TextEncoding::Utf16LE:
        return QStringLiteral("UTF-16LE");
    case TextEncoding::Utf16BE:
        return QStringLiteral("UTF-16BE");
    case TextEncoding::Utf32LE:
        return QStringLiteral("UTF-32LE");
    case TextEncoding::Utf32BE:
        return QStringLiteral("UTF-32BE");
    case TextEncoding::Latin1:
        return QStringLiteral("ISO-8859-1");
    case TextEncoding::Windows1252:
        return QStringLiteral("Windows-1252");
    }
    return {};
}

QString TextDecoder::decode(const QByteArray &bytes, TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Utf8:
        return QString::fromUtf8(bytes);
    case TextEncoding::Latin1:
        return QString::fromLatin1(bytes);
    case TextEncoding::Windows1252: {
        QString out;
        out.reserve(bytes.size());
        for (char c : bytes) {
            const auto u = static_cast<unsigned char>(c);
            out.append(u >= 0x80 && u <= 0x9F ? QChar(kCp1252[u - 0x80]) : QChar(char16_t(u)));
        }
        return out;
    }
    default:
        break;
    }
    const auto enc = encoding == TextEncoding::Utf16LE   ? QStringConverter::Utf16LE
                     : encoding == TextEncoding::Utf16BE ? QStringConverter::Utf16BE
                     : encoding == TextEncoding::Utf32LE ? QStringConverter::Utf32LE
                                                         : QStringConverter::Utf32BE;
    QStringDecoder dec(enc, QStringConverter::Flag::Stateless);
    return dec.decode(bytes);
}

bool TextDecoder::looksLikeText(const QByteArray &head)
{
    if (head.isEmpty())
        return true;
    int bom = 0;
    const TextEncoding e = detectEncoding(head, &bom);
    if (bom || e == TextEncoding::Utf16LE || e == TextEncoding::Utf16BE)
        return true;
    qsizetype control = 0;
    for (char c : head) {
        const auto u = static_cast<unsigned char>(c);
        if (u == 0)
            return false;
        if (u < 0x20 && u != '\n' && u != '\r' && u != '\t' && u != '\f' && u != 0x1b)
            ++control;
    }
    return control * 100 < head.size() * 2 && (e == TextEncoding::Utf8 || control == 0);
}

Result<TextChunk> TextDecoder::readChunk(ByteSource &source,
                                         qint64 offset,
                                         qint64 maxBytes,
                                         const PreviewOptions &options)
{
    auto head = source.read(0, 4096);
    if (!head)
        return head.error();
    int bom = 0;
    const TextEncoding e = detectEncoding(*head, &bom);
    return readChunk(source, offset, maxBytes, options, e, bom);
}

Result<TextChunk> TextDecoder::readChunk(ByteSource &source,
                                         qint64 offset,
                                         qint64 maxBytes,
                                         const PreviewOptions &options,
                                         TextEncoding encoding,
                                         int bomSize)
{
    if (options.cancelled())
        return Error::make(Error::Kind::Cancelled, QString(), source.name());
    maxBytes = std::clamp<qint64>(maxBytes, 16, options.maxBytesInMemory);
    TextChunk chunk;
    chunk.encoding = encoding;
    chunk.hasBom = bomSize > 0;
    const qint64 start = std::max<qint64>(offset, bomSize);
    chunk.offset = start;
    auto bytes = source.read(start, maxBytes + 1); // one extra byte tells whether more follows
    if (!bytes)
        return bytes.error();
    const QByteArray raw = bytes.value();
    QByteArray b = raw;
    const bool more = b.size() > maxBytes;
    if (more) {
        b.truncate(maxBytes);
        b.truncate(cutPoint(b, encoding));
        if (b.isEmpty()) // a character longer than the page: take the page anyway
            b = raw.left(maxBytes);
    }
    chunk.text = decode(b, encoding);
    chunk.nextOffset = start + b.size();
    chunk.atEnd = !more;
    return chunk;
}

} // namespace Trove
