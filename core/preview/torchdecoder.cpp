#include "torchdecoder.h"

#include "preview/pickledisassembler.h"
#include "preview/zipreader.h"

#include <QHash>
#include <QSet>

namespace Trove {
namespace {

using json = nlohmann::json;
constexpr int kMaxTensors = 200000;

struct Walk
{
    const PickleTree &tree;
    ModelSummary &out;
    QSet<int> visited;
};

/// Iterative walk of the pickle object graph collecting tensors by dotted path.
void collectTensors(Walk &w)
{
    struct Item
    {
        int id;
        QString path;
        int depth;
    };
    std::vector<Item> stack{{w.tree.root, QString(), 0}};
    while (!stack.empty()) {
        Item it = std::move(stack.back());
        stack.pop_back();
        if (it.depth > 64 || w.visited.contains(it.id))
            continue;
        w.visited.insert(it.id);
        if (auto t = w.tree.tensorInfo(it.id)) {
            if (w.out.tensors.size() >= kMaxTensors) {
                w.out.tensorsTruncated = true;
                continue;
            }
            TensorEntry e;
            e.name = it.path.isEmpty() ? QStringLiteral("<root>") : it.path;
            e.dtype = QString::fromStdString(t->value("dtype", std::string("?")));
            for (const auto &d : t->at("shape"))
                e.shape.push_back(d.get<qint64>());
            e.numel = t->value("numel", qint64(-1));
            json extra = {{"stride", t->at("stride")},
                          {"storage_offset", t->value("storage_offset", qint64(0))}};
            if (t->contains("storage"))
                extra["storage"] = t->at("storage");
            if (t->value("parameter", false))
                extra["parameter"] = true;
            e.extra = extra;
            if (e.numel > 0)
                w.out.parameterCount += e.numel;
            w.out.tensors.append(std::move(e));
            continue;
        }
        const PickleNode *n = w.tree.node(it.id);
        if (!n)
            continue;
        auto child = [&](int id, const QString &key) {
            stack.push_back(
                    {id, it.path.isEmpty() ? key : it.path + QLatin1Char('.') + key, it.depth + 1});
        };
        // Push in reverse so that the walk (LIFO) visits entries in file order.
        if (n->state >= 0)
            stack.push_back({n->state, it.path, it.depth + 1});
        for (qsizetype i = qsizetype(n->items.size()) - 1; i >= 0; --i)
            child(n->items[size_t(i)], QString::number(i));
        for (qsizetype i = qsizetype(n->pairs.size()) - 2; i >= 0; i -= 2) {
            const auto key = w.tree.strValue(n->pairs[size_t(i)]);
            const auto ikey = w.tree.intValue(n->pairs[size_t(i)]);
            child(n->pairs[size_t(i + 1)], key    ? *key
                                           : ikey ? QString::number(*ikey)
                                                  : QStringLiteral("?"));
        }
        if (n->type == PickleNode::Type::Reduce || n->type == PickleNode::Type::NewObj) {
            for (qsizetype i = qsizetype(n->kids.size()) - 1; i >= 1; --i)
                stack.push_back({n->kids[size_t(i)], it.path, it.depth + 1});
        }
    }
}

} // namespace

bool TorchDecoder::isLegacyTorch(const QByteArray &head)
{
    // PROTO 2, LONG1 10 bytes: torch's legacy magic number 0x1950a86a20f9469cfc6c.
    static const QByteArray magic("\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19", 14);
    return head.startsWith(magic);
}

Result<ModelSummary> TorchDecoder::decode(ByteSource &source, const PreviewOptions &options)
{
    auto head = source.read(0, 16);
    if (!head)
        return head.error();
    if (isLegacyTorch(*head))
        return Error::make(Error::Kind::Unsupported,
                           QStringLiteral("legacy (pre-1.6, non-zip) PyTorch file: no tensor "
                                          "preview; re-save it with a recent torch.save"),
                           source.name());
    ZipReader zip(source, options);
    if (auto s = zip.open(); !s)
        return s.error();
    int pkl = -1;
    QString prefix;
    for (int i = 0; i < zip.entries().size(); ++i) {
        const QString &name = zip.entries().at(i).name;
        if (name == QLatin1String("data.pkl") || name.endsWith(QLatin1String("/data.pkl"))) {
            if (pkl < 0
                || name.count(QLatin1Char('/'))
                           < zip.entries().at(pkl).name.count(QLatin1Char('/'))) {
                pkl = i;
                prefix = name.left(name.size() - int(qstrlen("data.pkl")));
            }
        }
    }
    if (pkl < 0)
        return Error::make(Error::Kind::Parse,
                           QStringLiteral("zip has no data.pkl: not a PyTorch checkpoint"),
                           source.name());
    auto member = zip.memberSource(pkl);
    if (!member)
        return member.error();
    auto tree = PickleDisassembler::disassemble(**member, options);
    if (!tree)
        return tree.error();

    ModelSummary out;
    out.format = QStringLiteral("torch");
    Walk w{*tree, out, {}};
    collectTensors(w);

    // Storage sizes from the data/<key> members.
    QHash<QString, qint64> storageBytes;
    for (const ZipEntry &e : zip.entries()) {
        if (e.name.startsWith(prefix + QStringLiteral("data/")))
            storageBytes.insert(e.name.mid(prefix.size() + 5), qint64(e.uncompressedSize));
    }
    for (TensorEntry &t : out.tensors) {
        if (t.extra.contains("storage")) {
            const QString key
                    = QString::fromStdString(t.extra.at("storage").value("key", std::string()));
            if (storageBytes.contains(key)) {
                t.extra["storage"]["bytes"] = storageBytes.value(key);
                t.byteSize = storageBytes.value(key);
            }
        }
    }
    json imports = json::array();
    for (const PickleImport &i : tree->imports) {
        imports.push_back({{"name", i.fullName().toStdString()},
                           {"safety", PickleSafetyClassifier::toString(i.safety).toStdString()},
                           {"count", i.count}});
        if (i.safety == PickleSafety::Dangerous)
            out.warnings << QStringLiteral("data.pkl imports %1: DANGEROUS, do not load this "
                                           "file with torch.load")
                                    .arg(i.fullName());
    }
    out.warnings += tree->warnings;
    out.metadata["imports"] = imports;
    out.metadata["pickle_member"] = zip.entries().at(pkl).name.toStdString();
    out.metadata["storages"] = storageBytes.size();
    const int version = zip.findEntry(prefix + QStringLiteral("version"));
    if (version >= 0) {
        auto v = zip.readMember(version, 64);
        if (v.ok())
            out.metadata["version"] = v->trimmed().toStdString();
    }
    if (out.tensors.isEmpty())
        out.warnings << QStringLiteral("no tensors found in data.pkl");
    return out;
}

} // namespace Trove
