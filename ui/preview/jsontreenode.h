#pragma once

#include <QString>

#include <vector>

class QJsonValue;

namespace Trove {

/// One node of a JSON-like tree, as a bounded decoder produces it (JSON, YAML or a pickle's
/// dict/list structure). `valueText` is the display text of a scalar; containers leave it empty
/// and list their `children`. `truncated` says the decoder stopped before the end of this
/// node (more children, or a longer string, than it was allowed to keep).
struct JsonTreeNode
{
    enum class Type { Object, Array, String, Number, Bool, Null };

    QString key;
    Type type = Type::Null;
    QString valueText;
    std::vector<JsonTreeNode> children;
    bool truncated = false;

    /// Converts a QJsonValue, keeping at most `maxChildren` children per container (the rest is
    /// marked `truncated`) and at most `maxDepth` levels.
    static JsonTreeNode fromJson(const QJsonValue &value,
                                 const QString &key = {},
                                 int maxChildren = 10000,
                                 int maxDepth = 64);
    static QString typeName(Type type);
};

} // namespace Trove
