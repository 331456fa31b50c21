#pragma once

#include <QList>
#include <QString>

namespace Trove {

/// A light, line-based YAML tokenizer for syntax highlighting of the text preview (YAML is
/// shown as text, never parsed into objects). Handles comments, document markers, keys,
/// quoted strings, numbers, booleans/null, anchors/aliases, tags and flow punctuation.
/// Multi-line scalars are not tracked: each line is tokenized on its own.
class YamlTokenizer final
{
public:
    enum class Type {
        Comment,
        DocumentMarker,
        Key,
        String,
        Number,
        Keyword,
        Anchor,
        Tag,
        Punctuation
    };
    struct Token
    {
        int start = 0;
        int length = 0;
        Type type = Type::String;
    };

    static QList<Token> tokenize(const QString &line);
};

} // namespace Trove
