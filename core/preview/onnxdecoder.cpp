#include "onnxdecoder.h"

#include <QMap>

#include <limits>

namespace Trove {
namespace {

using json = nlohmann::json;
constexpr qint64 kChunk = 256 << 10;
constexpr qint64 kMaxSmallField = 1 << 20; ///< strings and small messages read whole

/// Sequential protobuf field reader over [begin, end) of a ByteSource, buffered.
class Reader
{
public:
    Reader(ByteSource &source, const PreviewOptions &options, qint64 begin, qint64 end)
        : m_src(&source)
        , m_options(options)
        , m_pos(begin)
        , m_end(end)
    {}

    struct Field
    {
        int number = 0;
        int wire = 0;
        quint64 value = 0; ///< varint / fixed value
        qint64 offset = 0; ///< length-delimited payload start
        qint64 length = 0;
    };

    bool atEnd() const { return m_pos >= m_end; }

    /// A reader of a length-delimited field's payload. Small payloads are taken from this
    /// reader's buffer (no new read: a remote source pays per request); large ones are read
    /// lazily from the source.
    Result<Reader> sub(const Field &f)
    {
        if (f.length > kMaxSmallField)
            return Reader(*m_src, m_options, f.offset, f.offset + f.length);
        auto b = payload(f);
        if (!b)
            return b.error();
        Reader r(*m_src, m_options, 0, 0);
        r.m_owned = std::shared_ptr<ByteSource>(memorySource(*b, m_src->name()));
        r.m_src = r.m_owned.get();
        r.m_end = b->size();
        r.m_buf = *b;
        r.m_bufStart = 0;
        return r;
    }
    qint64 pos() const { return m_pos; }

    Result<Field> next()
    {
        if (++m_count % 4096 == 0 && m_options.cancelled())
            return Error::make(Error::Kind::Cancelled, QString(), m_src->name());
        auto key = varint();
        if (!key)
            return key.error();
        Field f;
        f.number = int(*key >> 3);
        f.wire = int(*key & 7);
        if (f.number == 0)
            return bad(QStringLiteral("field number 0"));
        switch (f.wire) {
        case 0: {
            auto v = varint();
            if (!v)
                return v.error();
            f.value = *v;
            break;
        }
        case 1:
        case 5: {
            const int n = f.wire == 1 ? 8 : 4;
            auto b = bytes(n);
            if (!b)
                return b.error();
            for (int i = n - 1; i >= 0; --i)
                f.value = (f.value << 8) | static_cast<unsigned char>(b->at(i));
            break;
        }
        case 2: {
            auto len = varint();
            if (!len)
                return len.error();
            if (*len > quint64(m_end - m_pos))
                return bad(QStringLiteral("field %1 length %2 runs past its message")
                                   .arg(f.number)
                                   .arg(*len));
            f.offset = m_pos;
            f.length = qint64(*len);
            m_pos += f.length;
            break;
        }
        default:
            return bad(QStringLiteral("unsupported wire type %1").arg(f.wire));
        }
        return f;
    }

    /// Payload bytes of a length-delimited field (only for small fields).
    Result<QByteArray> payload(const Field &f)
    {
        if (f.length > kMaxSmallField)
            return bad(
                    QStringLiteral("field %1 is too large (%2 bytes)").arg(f.number).arg(f.length));
        const qint64 save = m_pos;
        m_pos = f.offset;
        auto b = bytes(f.length);
        m_pos = save;
        return b;
    }

    Error bad(const QString &what) const
    {
        return Error::make(Error::Kind::Parse,
                           QStringLiteral("onnx: %1 (offset %2)").arg(what).arg(m_pos),
                           m_src->name());
    }

private:
    Result<QByteArray> bytes(qint64 n)
    {
        if (n > m_end - m_pos)
            return bad(QStringLiteral("truncated"));
        if (!(m_pos >= m_bufStart && m_pos + n <= m_bufStart + m_buf.size())) {
            auto r = m_src->read(m_pos, std::max(n, std::min(kChunk, m_end - m_pos)));
            if (!r)
                return r.error();
            m_buf = std::move(r.value());
            m_bufStart = m_pos;
            if (m_buf.size() < n)
                return bad(QStringLiteral("file is truncated"));
        }
        QByteArray out = m_buf.mid(m_pos - m_bufStart, n);
        m_pos += n;
        return out;
    }
    Result<quint64> varint()
    {
        quint64 v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            auto b = bytes(1);
            if (!b)
                return b.error();
            const auto c = static_cast<unsigned char>(b->at(0));
            if (shift == 63 && c > 1)
                return bad(QStringLiteral("varint overflows 64 bits"));
            v |= quint64(c & 0x7f) << shift;
            if (!(c & 0x80))
                return v;
        }
        return bad(QStringLiteral("varint too long"));
    }

    std::shared_ptr<ByteSource> m_owned;
    ByteSource *m_src;
    const PreviewOptions &m_options;
    qint64 m_pos;
    qint64 m_end;
    QByteArray m_buf;
    qint64 m_bufStart = 0;
    qint64 m_count = 0;
};

using Field = Reader::Field;

QString str(Reader &r, const Field &f)
{
    auto b = r.payload(f);
    return b ? QString::fromUtf8(b->left(4096)) : QString();
}

struct ValueInfo
{
    QString name;
    int elemType = 0;
    json dims = json::array();
};

Result<ValueInfo> valueInfo(Reader &parent, const Field &f)
{
    ValueInfo v;
    auto sr = parent.sub(f);
    if (!sr)
        return sr.error();
    Reader &r = *sr;
    while (!r.atEnd()) {
        auto x = r.next();
        if (!x)
            return x.error();
        if (x->number == 1 && x->wire == 2) {
            v.name = str(r, *x);
        } else if (x->number == 2 && x->wire == 2) { // TypeProto
            auto tSub = r.sub(*x);
            if (!tSub)
                return tSub.error();
            Reader &t = *tSub;
            while (!t.atEnd()) {
                auto y = t.next();
                if (!y)
                    return y.error();
                if (y->number != 1 || y->wire != 2) // tensor_type
                    continue;
                auto ttSub = t.sub(*y);
                if (!ttSub)
                    return ttSub.error();
                Reader &tt = *ttSub;
                while (!tt.atEnd()) {
                    auto z = tt.next();
                    if (!z)
                        return z.error();
                    if (z->number == 1 && z->wire == 0) {
                        v.elemType = int(z->value);
                    } else if (z->number == 2 && z->wire == 2) { // TensorShapeProto
                        auto shSub = tt.sub(*z);
                        if (!shSub)
                            return shSub.error();
                        Reader &sh = *shSub;
                        while (!sh.atEnd() && v.dims.size() < 64) {
                            auto d = sh.next();
                            if (!d)
                                return d.error();
                            if (d->number != 1 || d->wire != 2)
                                continue;
                            auto dimSub = sh.sub(*d);
                            if (!dimSub)
                                return dimSub.error();
                            Reader &dim = *dimSub;
                            json value = nullptr;
                            while (!dim.atEnd()) {
                                auto dv = dim.next();
                                if (!dv)
                                    return dv.error();
                                if (dv->number == 1 && dv->wire == 0)
                                    value = qint64(dv->value);
                                else if (dv->number == 2 && dv->wire == 2)
                                    value = str(dim, *dv).toStdString();
                            }
                            v.dims.push_back(value);
                        }
                    }
                }
            }
        }
    }
    return v;
}

/// Reads packed varints of [offset, offset+length).
Status packedVarints(Reader &r, const Field &f, std::vector<qint64> &out)
{
    if (f.wire == 0) {
        out.push_back(qint64(f.value));
        return {};
    }
    // Packed: a sequence of varints. Wrap each as a synthetic field-1 varint by reading the
    // payload and decoding it here.
    auto b = r.payload(f);
    if (!b)
        return b.error();
    quint64 v = 0;
    int shift = 0;
    for (char c : *b) {
        if (shift > 63)
            return r.bad(QStringLiteral("bad packed varint"));
        v |= quint64(static_cast<unsigned char>(c) & 0x7f) << shift;
        if (static_cast<unsigned char>(c) & 0x80) {
            shift += 7;
        } else {
            if (out.size() < 64)
                out.push_back(qint64(v));
            v = 0;
            shift = 0;
        }
    }
    return {};
}

} // namespace

QString OnnxDecoder::elemTypeName(int type)
{
    static const char *const names[]
            = {"UNDEFINED",      "FLOAT",    "UINT8",        "INT8",           "UINT16",
               "INT16",          "INT32",    "INT64",        "STRING",         "BOOL",
               "FLOAT16",        "DOUBLE",   "UINT32",       "UINT64",         "COMPLEX64",
               "COMPLEX128",     "BFLOAT16", "FLOAT8E4M3FN", "FLOAT8E4M3FNUZ", "FLOAT8E5M2",
               "FLOAT8E5M2FNUZ", "UINT4",    "INT4"};
    if (type >= 0 && type < int(sizeof names / sizeof names[0]))
        return QString::fromLatin1(names[type]);
    return QString::number(type);
}

Result<ModelSummary> OnnxDecoder::decode(ByteSource &source, const PreviewOptions &options)
{
    const qint64 size = source.size();
    if (size <= 0)
        return Error::make(Error::Kind::Parse, QStringLiteral("onnx: empty or unsized file"),
                           source.name());
    ModelSummary out;
    out.format = QStringLiteral("onnx");
    json &meta = out.metadata;
    json opsets = json::array();
    json inputs = json::array();
    json outputs = json::array();
    QMap<QString, qint64> ops;
    qint64 nodes = 0;
    bool sawGraph = false;
    bool sawIr = false;

    Reader model(source, options, 0, size);
    while (!model.atEnd()) {
        auto f = model.next();
        if (!f)
            return f.error();
        switch (f->number) {
        case 1:
            meta["ir_version"] = qint64(f->value);
            sawIr = f->wire == 0;
            break;
        case 2:
            meta["producer_name"] = str(model, *f).toStdString();
            break;
        case 3:
            meta["producer_version"] = str(model, *f).toStdString();
            break;
        case 4:
            meta["domain"] = str(model, *f).toStdString();
            break;
        case 5:
            meta["model_version"] = qint64(f->value);
            break;
        case 8: {
            if (f->wire != 2)
                break;
            auto rSub = model.sub(*f);
            if (!rSub)
                return rSub.error();
            Reader &r = *rSub;
            json op = {{"domain", ""}, {"version", 0}};
            while (!r.atEnd()) {
                auto x = r.next();
                if (!x)
                    return x.error();
                if (x->number == 1 && x->wire == 2)
                    op["domain"] = str(r, *x).toStdString();
                else if (x->number == 2 && x->wire == 0)
                    op["version"] = qint64(x->value);
            }
            opsets.push_back(op);
            break;
        }
        case 7: {
            if (f->wire != 2)
                return model.bad(QStringLiteral("graph is not a message"));
            sawGraph = true;
            auto gSub = model.sub(*f);
            if (!gSub)
                return gSub.error();
            Reader &g = *gSub;
            while (!g.atEnd()) {
                auto x = g.next();
                if (!x)
                    return x.error();
                if (x->wire != 2)
                    continue;
                if (x->number == 2) {
                    meta["graph_name"] = str(g, *x).toStdString();
                } else if (x->number == 1) { // NodeProto
                    ++nodes;
                    auto nSub = g.sub(*x);
                    if (!nSub)
                        return nSub.error();
                    Reader &n = *nSub;
                    QString opType, domain;
                    while (!n.atEnd()) {
                        auto y = n.next();
                        if (!y)
                            return y.error();
                        if (y->number == 4 && y->wire == 2)
                            opType = str(n, *y);
                        else if (y->number == 7 && y->wire == 2)
                            domain = str(n, *y);
                    }
                    if (!domain.isEmpty() && domain != QLatin1String("ai.onnx"))
                        opType = domain + QLatin1Char('.') + opType;
                    if (ops.size() < 10000 || ops.contains(opType))
                        ++ops[opType];
                } else if (x->number == 11 || x->number == 12) {
                    auto v = valueInfo(g, *x);
                    if (!v)
                        return v.error();
                    json j = {{"name", v->name.toStdString()},
                              {"elem_type", elemTypeName(v->elemType).toStdString()},
                              {"dims", v->dims}};
                    json &list = x->number == 11 ? inputs : outputs;
                    if (list.size() < 10000)
                        list.push_back(j);
                } else if (x->number == 5) { // TensorProto initializer
                    auto tSub = g.sub(*x);
                    if (!tSub)
                        return tSub.error();
                    Reader &t = *tSub;
                    TensorEntry e;
                    int dataType = 0;
                    while (!t.atEnd()) {
                        auto y = t.next();
                        if (!y)
                            return y.error();
                        if (y->number == 1) {
                            if (auto s = packedVarints(t, *y, e.shape); !s)
                                return s.error();
                        } else if (y->number == 2 && y->wire == 0) {
                            dataType = int(y->value);
                        } else if (y->number == 8 && y->wire == 2) {
                            e.name = str(t, *y);
                        } else if (y->number == 9 && y->wire == 2) {
                            e.byteSize = y->length;
                        }
                    }
                    e.dtype = elemTypeName(dataType);
                    e.numel = 1;
                    for (qint64 d : e.shape)
                        e.numel = (d >= 0 && e.numel >= 0 && d < (qint64(1) << 40)) ? e.numel * d
                                                                                    : -1;
                    if (e.numel > 0 && e.numel < (qint64(1) << 50))
                        out.parameterCount += e.numel;
                    if (out.tensors.size() < 200000)
                        out.tensors.append(std::move(e));
                    else
                        out.tensorsTruncated = true;
                }
            }
            break;
        }
        default:
            break;
        }
    }
    if (!sawGraph && !sawIr)
        return Error::make(Error::Kind::Parse,
                           QStringLiteral("onnx: no ir_version and no graph: not an ONNX model"),
                           source.name());
    json hist = json::object();
    for (auto it = ops.constBegin(); it != ops.constEnd(); ++it)
        hist[it.key().toStdString()] = it.value();
    meta["opset_import"] = opsets;
    meta["inputs"] = inputs;
    meta["outputs"] = outputs;
    meta["node_count"] = nodes;
    meta["op_types"] = hist;
    meta["initializer_count"] = out.tensors.size();
    return out;
}

} // namespace Trove
