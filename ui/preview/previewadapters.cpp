#include "previewadapters.h"

#include "preview/archivedecoder.h"
#include "preview/modelsummary.h"
#include "preview/pickletree.h"
#include "preview/tabledecoder.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace Trove::PreviewAdapters {

namespace {

using json = nlohmann::json;

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("Trove::PreviewAdapters", text, disambiguation, n);
}

QString str(const json &j, const char *key)
{
    auto it = j.find(key);
    if (it == j.end() || it->is_null())
        return {};
    if (it->is_string())
        return QString::fromStdString(it->get<std::string>());
    return QString::fromStdString(it->dump());
}

QString shapeText(const json &shape)
{
    QStringList dims;
    for (const json &d : shape)
        dims << (d.is_number() && d.get<double>() >= 0 ? QString::fromStdString(d.dump())
                                                       : QStringLiteral("?"));
    return QLatin1Char('(') + dims.join(QStringLiteral(", "))
           + (dims.size() == 1 ? QStringLiteral(",)") : QStringLiteral(")"));
}

QString numberText(double v)
{
    const double a = std::abs(v);
    const bool plain = a == 0 || (a >= 1e-4 && a < 1e12);
    return QLocale::c().toString(v, plain ? 'f' : 'g', plain ? QLocale::FloatingPointShortest : 6);
}

/// Converts one node of PickleTree::toJson(); `budget` caps the nodes of the whole tree.
PickleNodeView pickleNode(const json &j, const QString &label, int &budget)
{
    PickleNodeView v;
    v.label = label;
    const std::string t = j.value("type", std::string());
    v.type = QString::fromStdString(t);
    if (--budget < 0) {
        v.type = tr("…");
        v.warnings = PickleNodeView::Truncated;
        return v;
    }
    const qint64 count = j.value("count", qint64(-1));
    auto add = [&](const json &child, const QString &childLabel) {
        v.children.push_back(pickleNode(child, childLabel, budget));
    };
    if (t == "global") {
        v.type = QStringLiteral("GLOBAL");
        v.importName = str(j, "module") + QLatin1Char('.') + str(j, "name");
        v.value = v.importName;
        const std::string safety = j.value("safety", std::string());
        if (safety == "dangerous")
            v.warnings |= PickleNodeView::DangerousImport;
        else if (safety != "safe")
            v.warnings |= PickleNodeView::UnknownGlobal;
    } else if (t == "ndarray") {
        v.type = QStringLiteral("numpy.ndarray");
        v.value = str(j, "dtype") + QLatin1Char(' ') + shapeText(j.value("shape", json::array()));
    } else if (t == "tensor") {
        v.type = QStringLiteral("torch.Tensor");
        v.value = str(j, "dtype") + QLatin1Char(' ') + shapeText(j.value("shape", json::array()));
    } else if (t == "dataframe") {
        v.type = QStringLiteral("pandas.DataFrame");
        v.value = tr("shape %1").arg(shapeText(j.value("shape", json::array())));
        if (j.contains("columns"))
            v.value += QStringLiteral("  ") + str(j, "columns").left(200);
    } else if (t == "str") {
        v.value = QLatin1Char('\'') + str(j, "value") + QLatin1Char('\'');
        if (j.value("truncated", false))
            v.value += tr(" … (%1 characters)").arg(j.value("length", qint64(0)));
    } else if (t == "bytes" || t == "bytearray") {
        v.value = tr("%1 bytes: %2").arg(j.value("length", qint64(0))).arg(str(j, "head"));
    } else if (t == "int" || t == "bool") {
        v.value = str(j, "value");
    } else if (t == "float") {
        v.value = j.contains("value") && j.at("value").is_number()
                          ? numberText(j.at("value").get<double>())
                          : str(j, "value");
    } else if (t == "none") {
        v.value = QStringLiteral("None");
    } else if (t == "reduce" || t == "newobj") {
        v.type = t == "reduce" ? QStringLiteral("REDUCE") : QStringLiteral("NEWOBJ");
        const json &callable = j.contains("callable") ? j.at("callable")
                               : j.contains("cls")    ? j.at("cls")
                                                      : json();
        v.value = str(callable, "module") + QLatin1Char('.') + str(callable, "name");
        if (callable.value("safety", std::string()) != "safe")
            v.warnings |= PickleNodeView::Reduce;
    } else if (t == "ext") {
        v.value = str(j, "code");
    } else if (t == "elided" || t == "omitted" || t == "deep") {
        v.warnings |= PickleNodeView::Truncated;
    } else if (t == "cycle") {
        v.value = tr("(refers to an enclosing object)");
    }

    for (const char *key : {"callable", "cls", "args", "kwargs", "pid"}) {
        if (j.contains(key))
            add(j.at(key), QString::fromLatin1(key));
    }
    const bool pairs = t == "dict";
    for (const char *key : {"items", "dict_items"}) {
        if (!j.contains(key))
            continue;
        const bool isDict = pairs || std::string(key) == "dict_items";
        int i = 0;
        for (const json &item : j.at(key)) {
            if (isDict && item.is_object() && item.contains("key")) {
                const json &k = item.at("key");
                const QString keyText = k.value("type", std::string()) == "str"
                                                ? str(k, "value")
                                                : PickleTree::renderJson(k, 200).trimmed();
                add(item.value("value", json()), keyText);
            } else {
                add(item, QStringLiteral("[%1]").arg(i));
            }
            ++i;
        }
    }
    if (j.contains("state"))
        add(j.at("state"), QStringLiteral("state"));
    if (count >= 0 && t != "reduce" && t != "newobj") {
        if (v.value.isEmpty())
            v.value = pairs ? tr("%n key(s)", nullptr, int(count))
                            : tr("%n item(s)", nullptr, int(count));
        if (count > qint64(v.children.size()))
            v.warnings |= PickleNodeView::Truncated;
    }
    return v;
}

} // namespace

QList<ColumnStatsView> columnStats(const TableSchema &schema,
                                   const std::optional<TableStats> &stats)
{
    QList<ColumnStatsView> out;
    for (int c = 0; c < schema.columns.size(); ++c) {
        ColumnStatsView v;
        v.name = schema.columns[c].name;
        v.type = columnTypeName(schema.columns[c].type);
        if (stats && c < stats->columns.size()) {
            const ColumnStats &s = stats->columns[c];
            v.type = columnTypeName(s.type);
            v.nulls = s.nullCount;
            if (s.min && s.max) {
                v.min = numberText(*s.min);
                v.max = numberText(*s.max);
            } else {
                v.min = s.minText;
                v.max = s.maxText;
            }
            v.mean = s.mean;
            v.distinct = qint64(std::llround(s.distinctEstimate));
        }
        out.append(v);
    }
    return out;
}

QList<ArchiveEntryView> archiveEntries(const ArchiveListing &listing)
{
    QList<ArchiveEntryView> out;
    out.reserve(listing.members.size());
    for (const ArchiveMember &m : listing.members) {
        ArchiveEntryView e;
        e.isDirectory = m.type == QLatin1String("dir");
        e.path = m.name;
        if (e.isDirectory && !e.path.endsWith(QLatin1Char('/')))
            e.path += QLatin1Char('/');
        e.size = m.size;
        e.compressedSize = m.compressedSize;
        e.modified = m.modified;
        if (m.unsafeName)
            e.flags |= ArchiveEntryView::UnsafePath;
        if (m.type == QLatin1String("symlink") || m.type == QLatin1String("hardlink"))
            e.flags |= ArchiveEntryView::Symlink;
        if (m.method.contains(QLatin1String("encrypt"), Qt::CaseInsensitive))
            e.flags |= ArchiveEntryView::Encrypted;
        if (m.compressedSize > 0 && m.size > (1 << 20) && m.size / m.compressedSize > 100)
            e.flags |= ArchiveEntryView::SuspiciousRatio;
        out.append(e);
    }
    return out;
}

PickleNodeView pickleTree(const PickleTree &tree)
{
    int budget = 20000;
    PickleNodeView root;
    root.label = tr("pickle");
    root.type = tr("protocol %1").arg(tree.protocol);
    root.value = tr("%n object(s), never executed", nullptr, int(tree.nodes.size()));
    if (tree.truncated)
        root.warnings |= PickleNodeView::Truncated;
    root.children.push_back(pickleNode(tree.toJson(), tr("object"), budget));

    PickleNodeView imports;
    imports.label = tr("imports");
    imports.type = tr("list");
    imports.value = tr("%n import(s)", nullptr, int(tree.imports.size()));
    for (const PickleImport &i : tree.imports) {
        PickleNodeView n;
        n.label = i.fullName();
        n.type = QStringLiteral("GLOBAL");
        n.importName = i.fullName();
        n.value = tr("%1 · used %n time(s)", nullptr, i.count)
                          .arg(PickleSafetyClassifier::toString(i.safety));
        if (i.safety == PickleSafety::Dangerous)
            n.warnings |= PickleNodeView::DangerousImport;
        else if (i.safety == PickleSafety::Unknown)
            n.warnings |= PickleNodeView::UnknownGlobal;
        imports.children.push_back(std::move(n));
    }
    root.children.push_back(std::move(imports));
    return root;
}

ModelSummaryData modelSummary(const ModelSummary &summary)
{
    ModelSummaryData d;
    d.format = summary.format == QLatin1String("torch")  ? tr("PyTorch checkpoint")
               : summary.format == QLatin1String("onnx") ? QStringLiteral("ONNX")
                                                         : summary.format;
    d.truncated = summary.tensorsTruncated;
    for (const TensorEntry &t : summary.tensors) {
        ModelTensorView v;
        v.name = t.name;
        v.dtype = t.dtype;
        for (qint64 s : t.shape)
            v.shape.append(s);
        d.tensors.append(std::move(v));
    }
    if (summary.metadata.is_object()) {
        for (auto it = summary.metadata.begin(); it != summary.metadata.end(); ++it) {
            const QString value = it->is_string() ? QString::fromStdString(it->get<std::string>())
                                                  : QString::fromStdString(it->dump());
            d.metadata.append({QString::fromStdString(it.key()), value.left(4000)});
        }
    }
    return d;
}

JsonTreeNode jsonOutline(const nlohmann::json &outline)
{
    JsonTreeNode n;
    n.key = str(outline, "key");
    const std::string t = outline.value("type", std::string());
    n.type = t == "object"    ? JsonTreeNode::Type::Object
             : t == "array"   ? JsonTreeNode::Type::Array
             : t == "string"  ? JsonTreeNode::Type::String
             : t == "number"  ? JsonTreeNode::Type::Number
             : t == "boolean" ? JsonTreeNode::Type::Bool
                              : JsonTreeNode::Type::Null;
    n.valueText = str(outline, "value");
    n.truncated = outline.value("truncated", false);
    if (auto it = outline.find("children"); it != outline.end() && it->is_array()) {
        n.children.reserve(it->size());
        int i = 0;
        for (const json &child : *it) {
            n.children.push_back(jsonOutline(child));
            if (n.type == JsonTreeNode::Type::Array)
                n.children.back().key = QString::number(i);
            ++i;
        }
    }
    if (n.type == JsonTreeNode::Type::Null && n.valueText.isEmpty())
        n.valueText = QStringLiteral("null");
    return n;
}

} // namespace Trove::PreviewAdapters
