// renderInspectText(): the human-readable side of inspect.h.
#include "preview/inspect.h"
#include "preview/pickletree.h"
#include "transfers/artifactspec.h"

#include <algorithm>

#include <QStringList>

namespace Trove {
namespace {

using json = nlohmann::json;

QString q(const json &j, const char *key)
{
    if (!j.is_object() || !j.contains(key))
        return {};
    const json &v = j.at(key);
    return v.is_string() ? QString::fromStdString(v.get<std::string>())
                         : QString::fromStdString(v.dump());
}

/// A byte count of `j[key]` as the SDK writes sizes ("2.32 KB"); "?" when absent.
QString size(const json &j, const char *key)
{
    if (!j.is_object() || !j.contains(key) || !j.at(key).is_number())
        return QStringLiteral("?");
    const qint64 bytes = j.at(key).get<qint64>();
    return bytes < 0 ? QStringLiteral("?") : ArtifactSpec::formatSize(bytes);
}

QString shape(const json &s)
{
    QStringList dims;
    for (const auto &d : s)
        dims << QString::fromStdString(d.is_string() ? d.get<std::string>() : d.dump());
    return QLatin1Char('[') + dims.join(QStringLiteral(", ")) + QLatin1Char(']');
}

void outlineText(const json &n, int indent, QString &out, int &budget)
{
    if (--budget < 0)
        return;
    QString line = QString(indent * 2, QLatin1Char(' '));
    if (n.contains("key"))
        line += q(n, "key") + QStringLiteral(": ");
    const std::string t = n.value("type", std::string());
    if (t == "object" || t == "array")
        line += QStringLiteral("%1 (%2)").arg(QString::fromStdString(t), q(n, "count"));
    else
        line += q(n, "value");
    out += line + QLatin1Char('\n');
    if (indent > 12)
        return;
    for (const auto &c : n.value("children", json::array()))
        outlineText(c, indent + 1, out, budget);
    if (n.value("truncated", false) && (t == "object" || t == "array"))
        out += QString((indent + 1) * 2, QLatin1Char(' ')) + QStringLiteral("...\n");
}

void warningsText(const json &w, QString &out)
{
    for (const auto &s : w)
        out += QStringLiteral("warning: %1\n").arg(QString::fromStdString(s.get<std::string>()));
}

void notesText(const json &n, QString &out)
{
    for (const auto &s : n)
        out += QStringLiteral("note: %1\n").arg(QString::fromStdString(s.get<std::string>()));
}

/// Rows of cells as an aligned block, each line indented by two spaces; long cells are cut.
void cellsText(QList<QStringList> rows, QString &out)
{
    constexpr qsizetype maxCell = 40;
    QList<qsizetype> widths;
    for (QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i) {
            QString &cell = row[i];
            cell.replace(QLatin1Char('\n'), QLatin1Char(' '));
            if (cell.size() > maxCell)
                cell = cell.left(maxCell - 1) + QChar(0x2026);
            if (widths.size() <= i)
                widths << 0;
            widths[i] = std::max(widths[i], cell.size());
        }
    }
    for (const QStringList &row : std::as_const(rows)) {
        QString line = QStringLiteral("  ");
        for (qsizetype i = 0; i < row.size(); ++i)
            line += row[i].leftJustified(widths[i]) + QStringLiteral("  ");
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        out += line + QLatin1Char('\n');
    }
}

QStringList strings(const json &a)
{
    QStringList out;
    for (const auto &v : a)
        out << QString::fromStdString(v.is_string() ? v.get<std::string>() : v.dump());
    return out;
}

void tableText(const json &t, QString &out)
{
    const json &columns = t.at("columns");
    out += QStringLiteral("%1 table%2, %3 columns, delimiter %4, %5%6\n")
                   .arg(q(t, "format"),
                        t.value("gzip", false) ? QStringLiteral(" (gzip)") : QString(),
                        QString::number(columns.size()), q(t, "delimiter"),
                        t.value("header", false) ? QStringLiteral("header row")
                                                 : QStringLiteral("no header row"),
                        t.contains("rowCount") ? QStringLiteral(", %1 rows").arg(q(t, "rowCount"))
                                               : QString());
    if (t.value("pandasIndex", false))
        out += QStringLiteral("column 0 is a pandas index\n");
    out += QStringLiteral("columns:\n");
    for (const auto &c : columns)
        out += QStringLiteral("  %1: %2\n").arg(q(c, "name"), q(c, "type"));
    QList<QStringList> rows;
    QStringList header;
    for (const auto &c : columns)
        header << q(c, "name");
    rows << header;
    for (const auto &r : t.at("rows"))
        rows << strings(r);
    if (rows.size() > 1) {
        out += QStringLiteral("first rows:\n");
        cellsText(rows, out);
    }
    if (t.contains("notes"))
        notesText(t.at("notes"), out);
}

void arrayText(const json &a, QString &out)
{
    const json &dtype = a.at("dtype");
    out += QStringLiteral("dtype %1 (%2), shape %3, %4 order, %5 elements, %6%7\n")
                   .arg(q(dtype, "name"), q(dtype, "descr"), shape(a.at("shape")),
                        q(a, "order") == QLatin1String("F") ? QStringLiteral("Fortran")
                                                            : QStringLiteral("C"),
                        q(a, "count"), size(a, "nbytes"),
                        a.value("truncated", false) ? QStringLiteral(" (data truncated)")
                                                    : QString());
    if (dtype.contains("fields"))
        for (const auto &f : dtype.at("fields"))
            out += QStringLiteral("  field %1: %2%3\n")
                           .arg(q(f, "field"), q(f, "name"),
                                f.contains("shape") ? QLatin1Char(' ') + shape(f.at("shape"))
                                                    : QString());
    if (a.contains("corner")) {
        QList<QStringList> rows;
        for (const auto &r : a.at("corner"))
            rows << strings(r);
        if (!rows.isEmpty()) {
            out += QStringLiteral("values (first rows and columns):\n");
            cellsText(rows, out);
        }
    } else if (a.contains("values")) {
        out += QStringLiteral("values %1\n").arg(q(a, "values"));
    }
    if (a.contains("cornerError"))
        out += QStringLiteral("values: %1\n").arg(q(a, "cornerError"));
}

void npzText(const json &z, QString &out)
{
    const json &members = z.at("members");
    out += QStringLiteral("npz archive, arrays: %1\n").arg(members.size());
    for (const auto &m : members) {
        out += QStringLiteral("%1 (%2, %3)\n")
                       .arg(q(m, "name"),
                            m.value("compressed", false) ? QStringLiteral("deflated")
                                                         : QStringLiteral("stored"),
                            size(m, "size"));
        if (m.contains("error")) {
            out += QStringLiteral("  error: %1\n").arg(q(m, "error"));
            continue;
        }
        QString block;
        arrayText(m, block);
        for (const QString &line : block.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            out += QStringLiteral("  ") + line + QLatin1Char('\n');
    }
    if (z.contains("warnings"))
        warningsText(z.at("warnings"), out);
}

} // namespace

QString renderInspectText(const json &r)
{
    QString out = QStringLiteral("%1: %2, %3 (detected by %4)\n")
                          .arg(q(r, "name"), q(r, "kind"), size(r, "size"), q(r, "detected_by"));
    if (r.contains("problems"))
        for (const auto &p : r.at("problems"))
            out += QStringLiteral("PROBLEM: %1\n")
                           .arg(QString::fromStdString(p.get<std::string>()));
    if (r.contains("table"))
        tableText(r.at("table"), out);
    if (r.contains("npy"))
        arrayText(r.at("npy"), out);
    if (r.contains("npz"))
        npzText(r.at("npz"), out);
    if (r.contains("archive")) {
        const json &a = r.at("archive");
        out += QStringLiteral("%1 archive, %2 members, %3 uncompressed%4\n")
                       .arg(q(a, "format"), q(a, "member_count"), size(a, "total_size"),
                            a.value("truncated", false) ? QStringLiteral(" (listing truncated)")
                                                        : QString());
        for (const auto &m : a.at("members")) {
            out += QStringLiteral("  %1 %2 %3 %4%5%6\n")
                           .arg(q(m, "type").leftJustified(8), size(m, "size").rightJustified(10),
                                q(m, "modified").leftJustified(19), q(m, "name"),
                                m.contains("link_target")
                                        ? QStringLiteral(" -> ") + q(m, "link_target")
                                        : QString(),
                                m.value("unsafe_name", false) ? QStringLiteral("  [UNSAFE NAME]")
                                                              : QString());
        }
        warningsText(a.at("warnings"), out);
    }
    if (r.contains("model")) {
        const json &m = r.at("model");
        out += QStringLiteral("%1 model: %2 tensors, %3 parameters\n")
                       .arg(q(m, "format"), q(m, "tensor_count"), q(m, "parameter_count"));
        const json &meta = m.at("metadata");
        for (const char *k : {"ir_version", "producer_name", "producer_version", "graph_name",
                              "node_count", "version", "pickle_member"}) {
            if (meta.contains(k))
                out += QStringLiteral("  %1: %2\n").arg(QString::fromLatin1(k), q(meta, k));
        }
        if (meta.contains("opset_import"))
            for (const auto &o : meta.at("opset_import"))
                out += QStringLiteral("  opset %1 %2\n")
                               .arg(q(o, "domain").isEmpty() ? QStringLiteral("ai.onnx")
                                                             : q(o, "domain"),
                                    q(o, "version"));
        if (meta.contains("op_types") && !meta.at("op_types").empty())
            out += QStringLiteral("  ops: %1\n")
                           .arg(QString::fromStdString(meta.at("op_types").dump()));
        for (const char *io : {"inputs", "outputs"}) {
            if (!meta.contains(io))
                continue;
            for (const auto &v : meta.at(io))
                out += QStringLiteral("  %1 %2: %3 %4\n")
                               .arg(QString::fromLatin1(io).chopped(1), q(v, "name"),
                                    q(v, "elem_type"), shape(v.at("dims")));
        }
        if (meta.contains("user"))
            out += QStringLiteral("  metadata: %1\n")
                           .arg(QString::fromStdString(meta.at("user").dump()));
        for (const auto &t : m.at("tensors"))
            out += QStringLiteral("  %1 %2 %3\n")
                           .arg(q(t, "name"), q(t, "dtype"), shape(t.at("shape")));
        if (m.value("tensors_truncated", false))
            out += QStringLiteral("  ...\n");
        warningsText(m.at("warnings"), out);
    }
    if (r.contains("pickle")) {
        const json &p = r.at("pickle");
        out += QStringLiteral("pickle protocol %1, %2 opcodes%3\n")
                       .arg(q(p, "protocol"), q(p, "opcodes"),
                            p.value("dangerous", false) ? QStringLiteral(
                                    " -- DANGEROUS IMPORTS: never unpickle this file")
                                                        : QString());
        for (const auto &i : p.at("imports"))
            out += QStringLiteral("  import %1 (%2)\n").arg(q(i, "name"), q(i, "safety"));
        warningsText(p.at("warnings"), out);
        out += PickleTree::renderJson(p.at("tree"), 100000);
    }
    if (r.contains("image")) {
        const json &i = r.at("image");
        out += QStringLiteral("%1 image %2x%3, %4-bit%5%6\n")
                       .arg(q(i, "format"), q(i, "width"), q(i, "height"), q(i, "depth"),
                            q(i, "frames").toInt() > 1
                                    ? QStringLiteral(", %1 frames").arg(q(i, "frames"))
                                    : QString(),
                            q(i, "transformation").isEmpty()
                                    ? QString()
                                    : QStringLiteral(", EXIF %1").arg(q(i, "transformation")));
    }
    if (r.contains("text")) {
        const json &t = r.at("text");
        out += QStringLiteral("encoding %1\n").arg(q(t, "encoding"));
        out += q(t, "head");
        if (!out.endsWith(QLatin1Char('\n')))
            out += QLatin1Char('\n');
        if (t.value("truncated", false))
            out += QStringLiteral("... (more)\n");
    }
    if (r.contains("json")) {
        int budget = 2000;
        outlineText(r.at("json").at("outline"), 0, out, budget);
    }
    if (r.contains("note"))
        out += q(r, "note") + QLatin1Char('\n');
    if (r.contains("stored_preview"))
        out += QStringLiteral("stored preview:\n%1\n").arg(q(r, "stored_preview"));
    if (r.contains("hex"))
        out += q(r, "hex");
    return out;
}

} // namespace Trove
