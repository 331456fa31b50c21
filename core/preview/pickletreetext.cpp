// PickleTree::renderJson(): the Python-like text rendering of a pickle JSON tree.
#include "pickletree.h"

#include <QStringList>

namespace Trove {

using json = nlohmann::json;

namespace {

QString q(const json &j, const char *key)
{
    if (!j.contains(key))
        return {};
    const json &v = j.at(key);
    if (v.is_string())
        return QString::fromStdString(v.get<std::string>());
    return QString::fromStdString(v.dump());
}

QString shapeText(const json &shape)
{
    QStringList dims;
    for (const auto &d : shape)
        dims << (d.is_null() ? QStringLiteral("?") : QString::fromStdString(d.dump()));
    return QLatin1Char('[') + dims.join(QStringLiteral(", ")) + QLatin1Char(']');
}

QString inlineText(const json &j, int budget);

QString joinItems(const json &items, bool pairs, int budget)
{
    QStringList parts;
    for (const auto &it : items) {
        if (budget <= 0) {
            parts << QStringLiteral("...");
            break;
        }
        QString p = pairs ? inlineText(it.at("key"), budget) + QStringLiteral(": ")
                                    + inlineText(it.at("value"), budget)
                          : inlineText(it, budget);
        budget -= int(p.size());
        parts << p;
    }
    return parts.join(QStringLiteral(", "));
}

QString inlineText(const json &j, int budget)
{
    const std::string t = j.value("type", std::string());
    const qint64 count = j.value("count", qint64(0));
    auto more = [&](const char *key) {
        const auto n = j.contains(key) ? qint64(j.at(key).size()) : 0;
        return count > n ? QStringLiteral(", ... %1 more").arg(count - n) : QString();
    };
    QString out;
    if (t == "tensor")
        out = QStringLiteral("Tensor(%1, %2)")
                      .arg(q(j, "dtype"), shapeText(j.value("shape", json::array())));
    else if (t == "ndarray")
        out = QStringLiteral("ndarray(%1, %2)")
                      .arg(q(j, "dtype"), shapeText(j.value("shape", json::array())));
    else if (t == "dataframe")
        out = QStringLiteral("DataFrame(shape=%1, columns=%2)")
                      .arg(shapeText(j.value("shape", json::array())), q(j, "columns"));
    else if (t == "str")
        out = QLatin1Char('\'') + q(j, "value")
              + (j.value("truncated", false) ? QStringLiteral("...'") : QStringLiteral("'"));
    else if (t == "int" || t == "float" || t == "bool")
        out = q(j, "value");
    else if (t == "none")
        out = QStringLiteral("None");
    else if (t == "bytes" || t == "bytearray")
        out = QStringLiteral("%1[%2]").arg(QString::fromStdString(t), q(j, "length"));
    else if (t == "global") {
        out = q(j, "module") + QLatin1Char('.') + q(j, "name");
        if (j.value("safety", std::string()) == "dangerous")
            out += QStringLiteral(" [DANGEROUS]");
    } else if (t == "list")
        out = QLatin1Char('[') + joinItems(j.value("items", json::array()), false, budget)
              + more("items") + QLatin1Char(']');
    else if (t == "tuple")
        out = QLatin1Char('(') + joinItems(j.value("items", json::array()), false, budget)
              + more("items") + QLatin1Char(')');
    else if (t == "set" || t == "frozenset")
        out = QString::fromStdString(t) + QStringLiteral("({")
              + joinItems(j.value("items", json::array()), false, budget) + more("items")
              + QStringLiteral("})");
    else if (t == "dict")
        out = QLatin1Char('{') + joinItems(j.value("items", json::array()), true, budget)
              + more("items") + QLatin1Char('}');
    else if (t == "reduce")
        out = QStringLiteral("Reduce(%1, %2)")
                      .arg(inlineText(j.value("callable", json::object()), budget),
                           inlineText(j.value("args", json::object()), budget));
    else if (t == "newobj")
        out = QStringLiteral("NewObj(%1, %2)")
                      .arg(inlineText(j.value("cls", json::object()), budget),
                           inlineText(j.value("args", json::object()), budget));
    else if (t == "persid")
        out = QStringLiteral("PersistentId(%1)")
                      .arg(inlineText(j.value("pid", json::object()), budget));
    else if (t == "ext")
        out = QStringLiteral("Ext(%1)").arg(q(j, "code"));
    else
        out = QLatin1Char('<') + QString::fromStdString(t) + QLatin1Char('>');
    if (t == "reduce" || t == "newobj") {
        if (j.contains("dict_items"))
            out += QStringLiteral(" + {") + joinItems(j.at("dict_items"), true, budget)
                   + more("dict_items") + QLatin1Char('}');
        if (j.contains("items"))
            out += QStringLiteral(" + [") + joinItems(j.at("items"), false, budget) + more("items")
                   + QLatin1Char(']');
    }
    if (j.contains("state"))
        out = QStringLiteral("Build(%1, %2)").arg(out, inlineText(j.at("state"), budget));
    return out;
}

void blockText(const json &j, int indent, QString &out, int maxChars)
{
    if (out.size() > maxChars)
        return;
    const QString pad(indent * 2, QLatin1Char(' '));
    const QString line = inlineText(j, 400);
    const std::string t = j.value("type", std::string());
    const bool container = (t == "dict" || t == "list" || t == "tuple") && j.contains("items");
    if (line.size() <= 100 || !container) {
        out += pad + line.left(2000) + QLatin1Char('\n');
        return;
    }
    const bool pairs = t == "dict";
    out += pad
           + (pairs         ? QStringLiteral("{")
              : t == "list" ? QStringLiteral("[")
                            : QStringLiteral("("))
           + QLatin1Char('\n');
    for (const auto &it : j.at("items")) {
        if (out.size() > maxChars)
            break;
        if (pairs) {
            out += pad + QStringLiteral("  ") + inlineText(it.at("key"), 200)
                   + QStringLiteral(":\n");
            blockText(it.at("value"), indent + 2, out, maxChars);
        } else {
            blockText(it, indent + 1, out, maxChars);
        }
    }
    const qint64 count = j.value("count", qint64(0));
    if (count > qint64(j.at("items").size()))
        out += pad + QStringLiteral("  ... %1 more\n").arg(count - qint64(j.at("items").size()));
    out += pad
           + (pairs         ? QStringLiteral("}")
              : t == "list" ? QStringLiteral("]")
                            : QStringLiteral(")"))
           + QLatin1Char('\n');
}

} // namespace

QString PickleTree::renderJson(const json &tree, int maxChars)
{
    QString out;
    blockText(tree, 0, out, maxChars);
    if (out.size() > maxChars) {
        out.truncate(maxChars);
        out += QStringLiteral("\n... (truncated)\n");
    }
    return out;
}

} // namespace Trove
