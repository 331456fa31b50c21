#include "picklewriter.h"

#include <cstring>

namespace Trove::Server {

namespace Op {
constexpr quint8 Mark = '(';
constexpr quint8 Stop = '.';
constexpr quint8 None = 'N';
constexpr quint8 NewTrue = 0x88;
constexpr quint8 NewFalse = 0x89;
constexpr quint8 BinInt = 'J';
constexpr quint8 BinInt1 = 'K';
constexpr quint8 BinInt2 = 'M';
constexpr quint8 Long1 = 0x8a;
constexpr quint8 BinFloat = 'G';
constexpr quint8 BinUnicode = 'X';
constexpr quint8 ShortBinUnicode = 0x8c;
constexpr quint8 BinBytes = 'B';
constexpr quint8 ShortBinBytes = 'C';
constexpr quint8 EmptyList = ']';
constexpr quint8 EmptyDict = '}';
constexpr quint8 EmptyTuple = ')';
constexpr quint8 Append = 'a';
constexpr quint8 Appends = 'e';
constexpr quint8 SetItem = 's';
constexpr quint8 SetItems = 'u';
constexpr quint8 Tuple = 't';
constexpr quint8 Tuple1 = 0x85;
constexpr quint8 Global = 'c';
constexpr quint8 StackGlobal = 0x93;
constexpr quint8 Reduce = 'R';
constexpr quint8 Build = 'b';
constexpr quint8 BinPersId = 'Q';
constexpr quint8 Memoize = 0x94;
constexpr quint8 BinPut = 'q';
constexpr quint8 LongBinPut = 'r';
constexpr quint8 Proto = 0x80;
constexpr quint8 Frame = 0x95;
} // namespace Op

PickleWriter::PickleWriter(int protocol)
    : m_protocol(protocol)
{}

void PickleWriter::le(quint64 value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        m_body.append(char((value >> (8 * i)) & 0xff));
}

void PickleWriter::none()
{
    op(Op::None);
}

void PickleWriter::boolean(bool value)
{
    op(value ? Op::NewTrue : Op::NewFalse);
}

void PickleWriter::integer(qint64 value)
{
    if (value >= 0 && value < 256) {
        op(Op::BinInt1);
        le(quint64(value), 1);
    } else if (value >= 0 && value < 65536) {
        op(Op::BinInt2);
        le(quint64(value), 2);
    } else if (value >= -2147483648LL && value <= 2147483647LL) {
        op(Op::BinInt);
        le(quint64(value) & 0xffffffffULL, 4);
    } else {
        // LONG1: the shortest little-endian two's complement.
        QByteArray bytes;
        qint64 v = value;
        for (;;) {
            bytes.append(char(v & 0xff));
            const qint64 rest = v >> 8;
            const bool signBit = (bytes.back() & 0x80) != 0;
            if ((rest == 0 && !signBit) || (rest == -1 && signBit))
                break;
            v = rest;
        }
        op(Op::Long1);
        m_body.append(char(bytes.size()));
        m_body.append(bytes);
    }
}

void PickleWriter::floating(double value)
{
    op(Op::BinFloat);
    quint64 bits;
    std::memcpy(&bits, &value, 8);
    for (int i = 7; i >= 0; --i)
        m_body.append(char((bits >> (8 * i)) & 0xff));
}

void PickleWriter::string(const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    if (m_protocol >= 4 && utf8.size() < 256) {
        op(Op::ShortBinUnicode);
        le(quint64(utf8.size()), 1);
    } else {
        op(Op::BinUnicode);
        le(quint64(utf8.size()), 4);
    }
    m_body.append(utf8);
    memoize();
}

void PickleWriter::bytes(const QByteArray &value)
{
    if (m_protocol < 3) {
        // Protocol 2 has no bytes opcode: Python writes _codecs.encode(text, 'latin1').
        global(QStringLiteral("_codecs"), QStringLiteral("encode"));
        string(QString::fromLatin1(value));
        string(QStringLiteral("latin1"));
        tupleN(2);
        reduce();
        memoize();
        return;
    }
    if (value.size() < 256) {
        op(Op::ShortBinBytes);
        le(quint64(value.size()), 1);
    } else {
        op(Op::BinBytes);
        le(quint64(value.size()), 4);
    }
    m_body.append(value);
    memoize();
}

void PickleWriter::mark()
{
    op(Op::Mark);
}

void PickleWriter::emptyList()
{
    op(Op::EmptyList);
    memoize();
}

void PickleWriter::emptyDict()
{
    op(Op::EmptyDict);
    memoize();
}

void PickleWriter::emptyTuple()
{
    op(Op::EmptyTuple);
}

void PickleWriter::append()
{
    op(Op::Append);
}

void PickleWriter::appends()
{
    op(Op::Appends);
}

void PickleWriter::setItem()
{
    op(Op::SetItem);
}

void PickleWriter::setItems()
{
    op(Op::SetItems);
}

void PickleWriter::tuple()
{
    op(Op::Tuple);
    memoize();
}

void PickleWriter::tupleN(int n)
{
    Q_ASSERT(n >= 1 && n <= 3);
    op(quint8(Op::Tuple1 + n - 1));
    memoize();
}

void PickleWriter::global(const QString &module, const QString &name)
{
    if (m_protocol >= 4) {
        string(module);
        string(name);
        op(Op::StackGlobal);
    } else {
        op(Op::Global);
        m_body.append(module.toUtf8());
        m_body.append('\n');
        m_body.append(name.toUtf8());
        m_body.append('\n');
    }
    memoize();
}

void PickleWriter::reduce()
{
    op(Op::Reduce);
    memoize();
}

void PickleWriter::build()
{
    op(Op::Build);
}

void PickleWriter::persistentId()
{
    op(Op::BinPersId);
}

void PickleWriter::memoize()
{
    if (m_protocol >= 4) {
        op(Op::Memoize);
    } else if (m_memo < 256) {
        op(Op::BinPut);
        le(quint64(m_memo), 1);
    } else {
        op(Op::LongBinPut);
        le(quint64(m_memo), 4);
    }
    ++m_memo;
}

QByteArray PickleWriter::finish()
{
    op(Op::Stop);
    QByteArray out;
    out.append(char(Op::Proto));
    out.append(char(m_protocol));
    if (m_protocol >= 4) {
        out.append(char(Op::Frame));
        const quint64 n = quint64(m_body.size());
        for (int i = 0; i < 8; ++i)
            out.append(char((n >> (8 * i)) & 0xff));
    }
    out.append(m_body);
    return out;
}

} // namespace Trove::Server
