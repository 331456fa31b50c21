#pragma once

#include "preview/picklesafety.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace Trove {

/// One object of a disassembled pickle. Objects live in PickleTree's arena and refer to each
/// other by index, so shared (memoized) and even self-referencing objects are fine.
struct PickleNode
{
    enum class Type {
        Elided, ///< stands for objects past the object cap
        None,
        Bool,
        Int,
        Float,
        Str,
        Bytes,
        ByteArray,
        List,
        Tuple,
        Dict,
        Set,
        FrozenSet,
        Global, ///< text = module, text2 = name
        Reduce, ///< kids = callable, args (also INST/OBJ)
        NewObj, ///< kids = cls, args [, kwargs]
        PersId, ///< kids = persistent id
        Ext,    ///< integer = extension code
        Buffer, ///< out-of-band buffer (protocol 5)
    };
    Type type = Type::None;
    QString text;       ///< str value (truncated), int/float text, global module
    QString text2;      ///< global name
    QByteArray head;    ///< first bytes of bytes/bytearray
    qint64 length = 0;  ///< full length of str/bytes
    qint64 integer = 0; ///< int value when it fits; ext code
    double real = 0;
    bool boolean = false; ///< bool value
    bool fitsInt = false; ///< integer holds the exact value
    bool truncated = false;
    std::vector<int> kids;  ///< structure: see Type
    std::vector<int> items; ///< list/tuple/set items, or items APPENDed to an object
    std::vector<int> pairs; ///< dict key,value,key,value... or SETITEMs on an object
    qint64 itemCount = 0;   ///< items/pairs added, including ones not stored (cap)
    int state = -1;         ///< BUILD state applied to this object
};

/// One import a pickle names (GLOBAL, STACK_GLOBAL, INST), with how risky it is.
struct PickleImport
{
    QString module;
    QString name;
    PickleSafety safety = PickleSafety::Unknown;
    int count = 0;
    QString fullName() const { return module + QLatin1Char('.') + name; }
};

/// The result of PickleDisassembler: an object tree, the imports and notes. Nothing in it was
/// ever executed. toJson()/toText() recognize numpy arrays, pandas frames and torch tensors.
class PickleTree final
{
public:
    std::vector<PickleNode> nodes;
    int root = -1;
    int protocol = 0;
    qint64 opcodeCount = 0;
    bool truncated = false; ///< the object cap was reached: later objects are elided
    QList<PickleImport> imports;
    QStringList warnings;
    QList<QPair<QString, qint64>> persistentIds; ///< rendered persistent ids (torch storages)

    const PickleNode *node(int id) const;
    /// The int value of node `id`, if it is an int that fits in 64 bits.
    std::optional<qint64> intValue(int id) const;
    std::optional<QString> strValue(int id) const;
    bool isGlobal(int id, const QString &module, const QString &name) const;
    /// Global name "module.name" of node `id`, or empty.
    QString globalName(int id) const;
    /// Item ids of a tuple/list node (empty if not one).
    const std::vector<int> *sequence(int id) const;
    /// Value of `key` in a dict node (or SETITEMs of an object), or -1.
    int dictValue(int id, const QString &key) const;

    bool hasDangerousImports() const;

    /// numpy array description {shape, dtype, order, data_bytes} if `id` is an ndarray.
    std::optional<nlohmann::json> ndarrayInfo(int id) const;
    /// torch tensor description {dtype, shape, stride, storage_offset, storage: {key, location,
    /// numel, dtype}} if `id` is a torch._utils._rebuild_tensor* (or _rebuild_parameter) call.
    std::optional<nlohmann::json> tensorInfo(int id, int depth = 0) const;
    /// pandas DataFrame description {columns, shape} if `id` is a DataFrame.
    std::optional<nlohmann::json> dataFrameInfo(int id) const;

    /// The object tree as JSON, bounded: depth, items per container and total nodes capped.
    nlohmann::json toJson(int maxDepth = 48, int maxItems = 200, int maxNodes = 20000) const;
    /// Python-like indented rendering of a toJson() tree (used by trove-cli and tooltips).
    static QString renderJson(const nlohmann::json &tree, int maxChars = 200000);

private:
    nlohmann::json nodeJson(int id,
                            int depth,
                            int maxDepth,
                            int maxItems,
                            int &budget,
                            std::vector<int> &path) const;
    QString dtypeString(int id) const;
    std::optional<nlohmann::json> indexInfo(int id, bool wantValues) const;
    nlohmann::json scalarJson(int id) const;
    std::optional<nlohmann::json>
    tensorCall(const QString &fn, const std::vector<int> &args, int depth) const;
};

} // namespace Trove
