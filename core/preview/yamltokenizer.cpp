#include "yamltokenizer.h"

#include <QRegularExpression>

namespace Trove {
namespace {

bool isKeyword(const QString &w)
{
    static const QStringList words
            = {QStringLiteral("true"), QStringLiteral("false"), QStringLiteral("null"),
               QStringLiteral("True"), QStringLiteral("False"), QStringLiteral("Null"),
               QStringLiteral("TRUE"), QStringLiteral("FALSE"), QStringLiteral("NULL"),
               QStringLiteral("yes"),  QStringLiteral("no"),    QStringLiteral("on"),
               QStringLiteral("off"),  QStringLiteral("~")};
    return words.contains(w);
}

bool isNumber(const QString &w)
{
    static const QRegularExpression re(
            QStringLiteral("^[-+]?(\\d[\\d_]*(\\.\\d*)?([eE][-+]?\\d+)?|\\.\\d+([eE][-+]?\\d+)?|0x["
                           "0-9a-fA-F]+|0o[0-7]+"
                           "|\\.inf|\\.Inf|\\.nan|\\.NaN)$"));
    return re.match(w).hasMatch();
}

} // namespace

QList<YamlTokenizer::Token> YamlTokenizer::tokenize(const QString &line)
{
    QList<Token> out;
    const int n = int(line.size());
    int i = 0;
    while (i < n && line.at(i).isSpace())
        ++i;
    if (i == 0
        && (line.startsWith(QLatin1String("---")) || line.startsWith(QLatin1String("...")))) {
        out.append({0, 3, Type::DocumentMarker});
        i = 3;
    }
    bool valueSide = false; // after "key:" or "- "
    while (i < n) {
        const QChar c = line.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == QLatin1Char('#') && (i == 0 || line.at(i - 1).isSpace())) {
            out.append({i, n - i, Type::Comment});
            break;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            int j = i + 1;
            while (j < n) {
                if (c == QLatin1Char('"') && line.at(j) == QLatin1Char('\\')) {
                    j += 2;
                    continue;
                }
                if (line.at(j) == c)
                    break;
                ++j;
            }
            j = std::min(j + 1, n);
            // A quoted key: "a b": value
            int k = j;
            while (k < n && line.at(k) == QLatin1Char(' '))
                ++k;
            const bool key = !valueSide && k < n && line.at(k) == QLatin1Char(':');
            out.append({i, j - i, key ? Type::Key : Type::String});
            i = j;
            continue;
        }
        if (QStringLiteral("-[]{},:?|>").contains(c)
            && (c != QLatin1Char('-') || i + 1 >= n || line.at(i + 1).isSpace())) {
            out.append({i, 1, Type::Punctuation});
            if (c == QLatin1Char(':'))
                valueSide = true;
            else if (QStringLiteral("-?{[,").contains(c))
                valueSide = false; // a new entry: a key may follow
            ++i;
            continue;
        }
        if (c == QLatin1Char('&') || c == QLatin1Char('*') || c == QLatin1Char('!')) {
            int j = i + 1;
            while (j < n && !line.at(j).isSpace() && line.at(j) != QLatin1Char(','))
                ++j;
            out.append({i, j - i, c == QLatin1Char('!') ? Type::Tag : Type::Anchor});
            i = j;
            continue;
        }
        // A plain scalar: up to ": ", " #", a flow indicator inside flow context, or the end.
        int j = i;
        while (j < n) {
            const QChar d = line.at(j);
            if (d == QLatin1Char(':') && (j + 1 == n || line.at(j + 1).isSpace()))
                break;
            if (d == QLatin1Char('#') && line.at(j - 1).isSpace())
                break;
            if (d == QLatin1Char(',') || d == QLatin1Char(']') || d == QLatin1Char('}'))
                break;
            ++j;
        }
        const QString word = line.mid(i, j - i).trimmed();
        const int len = int(word.size());
        Type t = Type::String;
        if (!valueSide && j < n && line.at(j) == QLatin1Char(':'))
            t = Type::Key;
        else if (isKeyword(word))
            t = Type::Keyword;
        else if (isNumber(word))
            t = Type::Number;
        out.append({i, len, t});
        i = std::max(j, i + 1);
    }
    return out;
}

} // namespace Trove
