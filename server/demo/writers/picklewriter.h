#pragma once

#include <QByteArray>
#include <QString>

namespace Trove::Server {

/// Emits a Python pickle opcode by opcode (protocols 2 and 4), the subset Python's own pickler
/// uses for plain containers, numpy arrays and torch state dicts. Protocol 4 output is framed
/// (FRAME after PROTO) and memoized like CPython's; protocol 2 uses GLOBAL and BINUNICODE as
/// torch.save does.
class PickleWriter final
{
public:
    explicit PickleWriter(int protocol = 4);

    int protocol() const { return m_protocol; }

    void none();
    void boolean(bool value);
    void integer(qint64 value);
    void floating(double value);
    void string(const QString &value);
    void bytes(const QByteArray &value);

    void mark();
    void emptyList();
    void emptyDict();
    void emptyTuple();
    void append();      ///< APPEND: one item onto the list below it
    void appends();     ///< APPENDS: items since the mark
    void setItem();     ///< SETITEM: one key/value pair
    void setItems();    ///< SETITEMS: pairs since the mark
    void tuple();       ///< TUPLE: items since the mark
    void tupleN(int n); ///< TUPLE1..TUPLE3
    void global(const QString &module, const QString &name);
    void reduce();
    void build();
    void persistentId(); ///< BINPERSID: pops the pid (usually a tuple)
    void memoize();      ///< MEMOIZE (proto 4) or BINPUT (proto 2)

    /// Appends STOP and returns the whole pickle (PROTO, FRAME, body, STOP).
    QByteArray finish();

private:
    void op(quint8 code) { m_body.append(char(code)); }
    void le(quint64 value, int bytes);

    int m_protocol;
    int m_memo = 0;
    QByteArray m_body;
};

} // namespace Trove::Server
