#include "pickletree.h"

#include <algorithm>

namespace Trove {
namespace {

using json = nlohmann::json;
using Type = PickleNode::Type;

std::string s8(const QString &s)
{
    return s.toStdString();
}

const char *typeName(Type t)
{
    switch (t) {
    case Type::Elided:
        return "elided";
    case Type::None:
        return "none";
    case Type::Bool:
        return "bool";
    case Type::Int:
        return "int";
    case Type::Float:
        return "float";
    case Type::Str:
        return "str";
    case Type::Bytes:
        return "bytes";
    case Type::ByteArray:
        return "bytearray";
    case Type::List:
        return "list";
    case Type::Tuple:
        return "tuple";
    case Type::Dict:
        return "dict";
    case Type::Set:
        return "set";
    case Type::FrozenSet:
        return "frozenset";
    case Type::Global:
        return "global";
    case Type::Reduce:
        return "reduce";
    case Type::NewObj:
        return "newobj";
    case Type::PersId:
        return "persid";
    case Type::Ext:
        return "ext";
    case Type::Buffer:
        return "buffer";
    }
    return "?";
}

QString torchDtypeFromStorage(const QString &name)
{
    static const QList<QPair<QString, QString>> map = {
            {QStringLiteral("FloatStorage"), QStringLiteral("float32")},
            {QStringLiteral("DoubleStorage"), QStringLiteral("float64")},
            {QStringLiteral("HalfStorage"), QStringLiteral("float16")},
            {QStringLiteral("BFloat16Storage"), QStringLiteral("bfloat16")},
            {QStringLiteral("LongStorage"), QStringLiteral("int64")},
            {QStringLiteral("IntStorage"), QStringLiteral("int32")},
            {QStringLiteral("ShortStorage"), QStringLiteral("int16")},
            {QStringLiteral("CharStorage"), QStringLiteral("int8")},
            {QStringLiteral("ByteStorage"), QStringLiteral("uint8")},
            {QStringLiteral("BoolStorage"), QStringLiteral("bool")},
            {QStringLiteral("ComplexFloatStorage"), QStringLiteral("complex64")},
            {QStringLiteral("ComplexDoubleStorage"), QStringLiteral("complex128")},
            {QStringLiteral("QInt8Storage"), QStringLiteral("qint8")},
            {QStringLiteral("QUInt8Storage"), QStringLiteral("quint8")},
            {QStringLiteral("QInt32Storage"), QStringLiteral("qint32")},
            {QStringLiteral("Float8_e4m3fnStorage"), QStringLiteral("float8_e4m3fn")},
            {QStringLiteral("Float8_e5m2Storage"), QStringLiteral("float8_e5m2")},
            {QStringLiteral("UntypedStorage"), QStringLiteral("uint8")},
    };
    for (const auto &p : map) {
        if (p.first == name)
            return p.second;
    }
    return name; // torch.float32 style dtype globals, or unknown
}

} // namespace

const PickleNode *PickleTree::node(int id) const
{
    if (id < 0 || size_t(id) >= nodes.size())
        return nullptr;
    return &nodes[size_t(id)];
}

std::optional<qint64> PickleTree::intValue(int id) const
{
    const PickleNode *n = node(id);
    if (n && n->type == Type::Int && n->fitsInt)
        return n->integer;
    if (n && n->type == Type::Bool)
        return n->boolean ? 1 : 0;
    return std::nullopt;
}

std::optional<QString> PickleTree::strValue(int id) const
{
    const PickleNode *n = node(id);
    if (n && n->type == Type::Str)
        return n->text;
    return std::nullopt;
}

bool PickleTree::isGlobal(int id, const QString &module, const QString &name) const
{
    const PickleNode *n = node(id);
    return n && n->type == Type::Global && n->text == module && n->text2 == name;
}

QString PickleTree::globalName(int id) const
{
    const PickleNode *n = node(id);
    if (!n || n->type != Type::Global)
        return {};
    return n->text + QLatin1Char('.') + n->text2;
}

const std::vector<int> *PickleTree::sequence(int id) const
{
    const PickleNode *n = node(id);
    if (n && (n->type == Type::Tuple || n->type == Type::List))
        return &n->items;
    return nullptr;
}

int PickleTree::dictValue(int id, const QString &key) const
{
    const PickleNode *n = node(id);
    if (!n)
        return -1;
    for (size_t i = 0; i + 1 < n->pairs.size(); i += 2) {
        if (strValue(n->pairs[i]) == key)
            return n->pairs[i + 1];
    }
    return -1;
}

bool PickleTree::hasDangerousImports() const
{
    return std::any_of(imports.begin(), imports.end(),
                       [](const PickleImport &i) { return i.safety == PickleSafety::Dangerous; });
}

QString PickleTree::dtypeString(int id) const
{
    const PickleNode *n = node(id);
    if (!n || n->type != Type::Reduce || n->kids.size() < 2)
        return {};
    if (!isGlobal(n->kids[0], QStringLiteral("numpy"), QStringLiteral("dtype")))
        return {};
    const auto *args = sequence(n->kids[1]);
    if (!args || args->empty())
        return {};
    QString type = strValue(args->at(0)).value_or(QString());
    if (type.startsWith(QLatin1Char('O')))
        return QStringLiteral("object");
    QString endian;
    if (const auto *st = sequence(n->state); st && st->size() > 1)
        endian = strValue(st->at(1)).value_or(QString());
    if (endian == QLatin1String("|") || endian == QLatin1String("="))
        endian.clear();
    return endian + type;
}

std::optional<json> PickleTree::ndarrayInfo(int id) const
{
    const PickleNode *n = node(id);
    if (!n || n->type != Type::Reduce || n->kids.size() < 2 || n->state < 0)
        return std::nullopt;
    const QString callable = globalName(n->kids[0]);
    if (callable != QLatin1String("numpy.core.multiarray._reconstruct")
        && callable != QLatin1String("numpy._core.multiarray._reconstruct"))
        return std::nullopt;
    const auto *st = sequence(n->state);
    if (!st || st->size() < 4)
        return std::nullopt;
    const size_t base = st->size() >= 5 ? 1 : 0; // (version,) shape, dtype, fortran, data
    json shape = json::array();
    if (const auto *dims = sequence(st->at(base))) {
        for (int d : *dims)
            shape.push_back(intValue(d).value_or(-1));
    }
    json out = {{"type", "ndarray"},
                {"shape", shape},
                {"dtype", s8(dtypeString(st->at(base + 1)))},
                {"order", intValue(st->at(base + 2)).value_or(0) ? "F" : "C"}};
    if (base + 3 < st->size()) {
        const PickleNode *data = node(st->at(base + 3));
        if (data && (data->type == Type::Bytes || data->type == Type::ByteArray))
            out["data_bytes"] = data->length;
        else if (data && data->type == Type::List)
            out["data_items"] = data->itemCount;
    }
    return out;
}

std::optional<json> PickleTree::indexInfo(int id, bool wantValues) const
{
    const PickleNode *n = node(id);
    if (!n || n->type != Type::Reduce || n->kids.size() < 2)
        return std::nullopt;
    if (globalName(n->kids[0]) != QLatin1String("pandas.core.indexes.base._new_Index"))
        return std::nullopt;
    const auto *args = sequence(n->kids[1]);
    if (!args || args->size() < 2)
        return std::nullopt;
    const QString cls = globalName(args->at(0));
    const int d = args->at(1);
    json out = {{"class", s8(cls)}};
    if (cls.endsWith(QLatin1String("RangeIndex"))) {
        const qint64 start = intValue(dictValue(d, QStringLiteral("start"))).value_or(0);
        const qint64 stop = intValue(dictValue(d, QStringLiteral("stop"))).value_or(0);
        const qint64 step = intValue(dictValue(d, QStringLiteral("step"))).value_or(1);
        const qint64 len = step > 0   ? std::max<qint64>(0, (stop - start + step - 1) / step)
                           : step < 0 ? std::max<qint64>(0, (start - stop - step - 1) / -step)
                                      : 0;
        out["length"] = len;
        if (wantValues) {
            json v = json::array();
            for (qint64 i = 0; i < std::min<qint64>(len, 1000); ++i)
                v.push_back(std::to_string(start + i * step));
            out["values"] = v;
        }
        return out;
    }
    const int data = dictValue(d, QStringLiteral("data"));
    if (auto arr = ndarrayInfo(data)) {
        if (arr->at("shape").size() > 0)
            out["length"] = arr->at("shape")[0];
        if (wantValues) {
            json v = json::array();
            const PickleNode *a = node(data);
            const auto *st = sequence(a->state);
            const PickleNode *list = st && !st->empty() ? node(st->back()) : nullptr;
            if (list && list->type == Type::List) {
                for (size_t i = 0; i < list->items.size() && i < 1000; ++i)
                    v.push_back(scalarJson(list->items[i]));
            }
            out["values"] = v;
        }
    }
    return out;
}

std::optional<json> PickleTree::dataFrameInfo(int id) const
{
    const PickleNode *n = node(id);
    if (!n || (n->type != Type::NewObj && n->type != Type::Reduce) || n->kids.empty())
        return std::nullopt;
    if (globalName(n->kids[0]) != QLatin1String("pandas.core.frame.DataFrame"))
        return std::nullopt;
    json out = {{"type", "dataframe"}};
    int mgr = dictValue(n->state, QStringLiteral("_mgr"));
    if (mgr < 0)
        mgr = dictValue(n->state, QStringLiteral("_data"));
    const PickleNode *m = node(mgr);
    const std::vector<int> *axes = nullptr;
    if (m && m->type == Type::Reduce && m->kids.size() == 2) {
        if (const auto *args = sequence(m->kids[1]); args && args->size() >= 2)
            axes = sequence(args->at(1));
    }
    if (!axes && m) {
        if (const auto *st = sequence(m->state); st && st->size() >= 4) {
            const int v = dictValue(st->at(3), QStringLiteral("0.14.1"));
            axes = sequence(dictValue(v, QStringLiteral("axes")));
        }
    }
    if (axes && axes->size() >= 2) {
        auto cols = indexInfo(axes->at(0), true);
        auto rows = indexInfo(axes->at(1), false);
        if (cols && cols->contains("values"))
            out["columns"] = cols->at("values");
        out["shape"] = {rows && rows->contains("length") ? rows->at("length") : json(nullptr),
                        cols && cols->contains("length") ? cols->at("length") : json(nullptr)};
    }
    return out;
}

std::optional<json> PickleTree::tensorInfo(int id, int depth) const
{
    if (depth > 8)
        return std::nullopt;
    const PickleNode *n = node(id);
    if (!n || n->type != Type::Reduce || n->kids.size() < 2)
        return std::nullopt;
    const QString fn = globalName(n->kids[0]);
    const auto *args = sequence(n->kids[1]);
    if (!args || args->empty())
        return std::nullopt;
    return tensorCall(fn, *args, depth);
}

std::optional<json>
PickleTree::tensorCall(const QString &fn, const std::vector<int> &argv, int depth) const
{
    const std::vector<int> *args = &argv;
    if (fn == QLatin1String("torch._utils._rebuild_parameter")
        || fn == QLatin1String("torch._utils._rebuild_parameter_with_state")) {
        auto inner = tensorInfo(args->at(0), depth + 1);
        if (inner)
            (*inner)["parameter"] = true;
        return inner;
    }
    if (fn == QLatin1String("torch._tensor._rebuild_from_type_v2") && args->size() >= 3) {
        // (func, type, args, state): the rebuild function applied to args
        const auto *inner = sequence(args->at(2));
        if (!inner || inner->empty() || globalName(args->at(0)) == fn)
            return std::nullopt;
        return tensorCall(globalName(args->at(0)), *inner, depth + 1);
    }
    if (fn != QLatin1String("torch._utils._rebuild_tensor_v2")
        && fn != QLatin1String("torch._utils._rebuild_tensor"))
        return std::nullopt;
    if (args->size() < 4)
        return std::nullopt;
    json out = {{"type", "tensor"}};
    const PickleNode *pid = node(args->at(0));
    if (pid && pid->type == Type::PersId && !pid->kids.empty()) {
        if (const auto *t = sequence(pid->kids[0]); t && t->size() >= 5) {
            const PickleNode *st = node(t->at(1));
            QString stype = st && st->type == Type::Global ? st->text2 : QString();
            json storage = {{"key", s8(strValue(t->at(2)).value_or(QString()))},
                            {"location", s8(strValue(t->at(3)).value_or(QString()))},
                            {"numel", intValue(t->at(4)).value_or(-1)},
                            {"type", s8(stype)}};
            out["storage"] = storage;
            out["dtype"] = s8(torchDtypeFromStorage(stype));
        }
    }
    out["storage_offset"] = intValue(args->at(1)).value_or(0);
    json shape = json::array();
    qint64 numel = 1;
    if (const auto *dims = sequence(args->at(2))) {
        for (int d : *dims) {
            const qint64 v = intValue(d).value_or(-1);
            shape.push_back(v);
            numel = (v >= 0 && numel >= 0) ? numel * v : -1;
        }
    }
    out["shape"] = shape;
    out["numel"] = numel;
    json stride = json::array();
    if (const auto *dims = sequence(args->at(3))) {
        for (int d : *dims)
            stride.push_back(intValue(d).value_or(-1));
    }
    out["stride"] = stride;
    return out;
}

json PickleTree::scalarJson(int id) const
{
    const PickleNode *n = node(id);
    if (!n)
        return nullptr;
    switch (n->type) {
    case Type::Str:
    case Type::Int:
    case Type::Float:
        return s8(n->text);
    case Type::Bool:
        return n->boolean;
    case Type::None:
        return nullptr;
    default:
        return std::string(typeName(n->type));
    }
}

json PickleTree::toJson(int maxDepth, int maxItems, int maxNodes) const
{
    int budget = maxNodes;
    std::vector<int> path;
    return nodeJson(root, 0, maxDepth, maxItems, budget, path);
}

json PickleTree::nodeJson(
        int id, int depth, int maxDepth, int maxItems, int &budget, std::vector<int> &path) const
{
    const PickleNode *n = node(id);
    if (!n)
        return {{"type", "missing"}};
    if (--budget < 0)
        return {{"type", "omitted"}};
    if (depth > maxDepth)
        return {{"type", "deep"}};
    if (std::find(path.begin(), path.end(), id) != path.end())
        return {{"type", "cycle"}};
    if (auto t = tensorInfo(id))
        return *t;
    if (auto a = ndarrayInfo(id))
        return *a;
    if (auto df = dataFrameInfo(id))
        return *df;

    json out = {{"type", typeName(n->type)}};
    switch (n->type) {
    case Type::Bool:
        out["value"] = n->boolean;
        break;
    case Type::Int:
        out["value"] = s8(n->text);
        break;
    case Type::Float:
        out["value"] = n->real;
        break;
    case Type::Str:
        out["value"] = s8(n->text);
        out["length"] = n->length;
        if (n->truncated)
            out["truncated"] = true;
        break;
    case Type::Bytes:
    case Type::ByteArray:
        out["length"] = n->length;
        out["head"] = n->head.toHex().toStdString();
        break;
    case Type::Global:
        out["module"] = s8(n->text);
        out["name"] = s8(n->text2);
        out["safety"] = s8(PickleSafetyClassifier::toString(
                PickleSafetyClassifier::classify(n->text, n->text2)));
        break;
    case Type::Ext:
        out["code"] = n->integer;
        break;
    default:
        break;
    }
    path.push_back(id);
    auto child = [&](int c) {
        return nodeJson(c, depth + 1, maxDepth, maxItems, budget, path);
    };
    if (n->type == Type::Reduce || n->type == Type::NewObj || n->type == Type::PersId) {
        static const char *const reduceKeys[] = {"callable", "args"};
        static const char *const newobjKeys[] = {"cls", "args", "kwargs"};
        for (size_t i = 0; i < n->kids.size() && i < 3; ++i) {
            const char *key = n->type == Type::PersId   ? "pid"
                              : n->type == Type::Reduce ? (i < 2 ? reduceKeys[i] : "extra")
                                                        : newobjKeys[i];
            out[key] = child(n->kids[i]);
        }
    }
    if (!n->items.empty() || n->type == Type::List || n->type == Type::Tuple || n->type == Type::Set
        || n->type == Type::FrozenSet) {
        json items = json::array();
        for (size_t i = 0; i < n->items.size() && int(i) < maxItems; ++i)
            items.push_back(child(n->items[i]));
        out["items"] = items;
        out["count"] = n->itemCount;
    }
    if (!n->pairs.empty() || n->type == Type::Dict) {
        json items = json::array();
        for (size_t i = 0; i + 1 < n->pairs.size() && int(i / 2) < maxItems; i += 2)
            items.push_back({{"key", child(n->pairs[i])}, {"value", child(n->pairs[i + 1])}});
        out[n->type == Type::Dict ? "items" : "dict_items"] = items;
        out["count"] = n->itemCount;
    }
    if (n->state >= 0)
        out["state"] = child(n->state);
    path.pop_back();
    return out;
}

} // namespace Trove
