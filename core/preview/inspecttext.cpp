// renderInspectText(): the human-readable side of inspect.h.
#include "preview/inspect.h"
#include "preview/pickletree.h"

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

} // namespace

QString renderInspectText(const json &r)
{
    QString out = QStringLiteral("%1: %2, %3 bytes (detected by %4)\n")
                          .arg(q(r, "name"), q(r, "kind"), q(r, "size"), q(r, "detected_by"));
    if (r.contains("archive")) {
        const json &a = r.at("archive");
        out += QStringLiteral("%1 archive, %2 members, %3 bytes uncompressed%4\n")
                       .arg(q(a, "format"), q(a, "member_count"), q(a, "total_size"),
                            a.value("truncated", false) ? QStringLiteral(" (listing truncated)")
                                                        : QString());
        for (const auto &m : a.at("members")) {
            out += QStringLiteral("  %1 %2 %3 %4%5%6\n")
                           .arg(q(m, "type").leftJustified(8), q(m, "size").rightJustified(12),
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
