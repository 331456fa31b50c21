#include "jsontreenode.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QLocale>

#include <cmath>

namespace Trove {

JsonTreeNode
JsonTreeNode::fromJson(const QJsonValue &value, const QString &key, int maxChildren, int maxDepth)
{
    JsonTreeNode node;
    node.key = key;
    switch (value.type()) {
    case QJsonValue::Object: {
        node.type = Type::Object;
        const QJsonObject obj = value.toObject();
        if (maxDepth <= 0) {
            node.truncated = !obj.isEmpty();
            break;
        }
        int n = 0;
        for (auto it = obj.begin(); it != obj.end(); ++it, ++n) {
            if (n >= maxChildren) {
                node.truncated = true;
                break;
            }
            node.children.push_back(fromJson(it.value(), it.key(), maxChildren, maxDepth - 1));
        }
        break;
    }
    case QJsonValue::Array: {
        node.type = Type::Array;
        const QJsonArray arr = value.toArray();
        if (maxDepth <= 0) {
            node.truncated = !arr.isEmpty();
            break;
        }
        for (qsizetype i = 0; i < arr.size(); ++i) {
            if (i >= maxChildren) {
                node.truncated = true;
                break;
            }
            node.children.push_back(
                    fromJson(arr.at(i), QString::number(i), maxChildren, maxDepth - 1));
        }
        break;
    }
    case QJsonValue::String:
        node.type = Type::String;
        node.valueText = value.toString();
        break;
    case QJsonValue::Double: {
        node.type = Type::Number;
        // Shortest round-trip text; plain decimals for ordinary magnitudes (0.0003, not 3e-04).
        const double d = value.toDouble();
        const double a = std::abs(d);
        const bool plain = a == 0 || (a >= 1e-5 && a < 1e15);
        node.valueText = QString::number(d, plain ? 'f' : 'g', QLocale::FloatingPointShortest);
        break;
    }
    case QJsonValue::Bool:
        node.type = Type::Bool;
        node.valueText = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        break;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        node.type = Type::Null;
        node.valueText = QStringLiteral("null");
        break;
    }
    return node;
}

QString JsonTreeNode::typeName(Type type)
{
    switch (type) {
    case Type::Object:
        return QCoreApplication::translate("JsonTreeNode", "object");
    case Type::Array:
        return QCoreApplication::translate("JsonTreeNode", "array");
    case Type::String:
        return QCoreApplication::translate("JsonTreeNode", "string");
    case Type::Number:
        return QCoreApplication::translate("JsonTreeNode", "number");
    case Type::Bool:
        return QCoreApplication::translate("JsonTreeNode", "boolean");
    case Type::Null:
        return QCoreApplication::translate("JsonTreeNode", "null");
    }
    return {};
}

} // namespace Trove
