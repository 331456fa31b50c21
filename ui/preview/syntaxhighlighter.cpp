#include "syntaxhighlighter.h"

#include <QFileInfo>

namespace Trove {

SyntaxHighlighter::SyntaxHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{}

void SyntaxHighlighter::setLanguage(Language language)
{
    if (language == m_language)
        return;
    m_language = language;
    rebuildRules();
    rehighlight();
}

void SyntaxHighlighter::setDarkTheme(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    rehighlight();
}

SyntaxHighlighter::Language SyntaxHighlighter::languageForFileName(const QString &fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == QLatin1String("json") || suffix == QLatin1String("ipynb")
        || suffix == QLatin1String("jsonl"))
        return Language::Json;
    if (suffix == QLatin1String("yaml") || suffix == QLatin1String("yml"))
        return Language::Yaml;
    if (suffix == QLatin1String("py") || suffix == QLatin1String("pyi"))
        return Language::Python;
    return Language::Plain;
}

QTextCharFormat SyntaxHighlighter::formatFor(Category category) const
{
    QTextCharFormat f;
    auto pick = [this](const char *light, const char *dark) {
        return QColor::fromString(QLatin1String(m_dark ? dark : light));
    };
    switch (category) {
    case Category::Key:
        f.setForeground(pick("#0b5cad", "#7cb7ff"));
        break;
    case Category::String:
        f.setForeground(pick("#1d7a2e", "#98c379"));
        break;
    case Category::Number:
        f.setForeground(pick("#a3510a", "#d19a66"));
        break;
    case Category::Keyword:
        f.setForeground(pick("#8a2be2", "#c678dd"));
        f.setFontWeight(QFont::DemiBold);
        break;
    case Category::Comment:
        f.setForeground(pick("#6a737d", "#7f848e"));
        f.setFontItalic(true);
        break;
    case Category::Punctuation:
        f.setForeground(pick("#57606a", "#abb2bf"));
        break;
    case Category::Decorator:
        f.setForeground(pick("#b0006b", "#e5c07b"));
        break;
    }
    return f;
}

void SyntaxHighlighter::rebuildRules()
{
    m_rules.clear();
    auto rx = [](const char *p) {
        return QRegularExpression(QLatin1String(p));
    };
    const QString number = QStringLiteral(
            R"((?<![\w.])-?(?:0[xX][0-9a-fA-F]+|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)\b)");
    switch (m_language) {
    case Language::Plain:
        break;
    case Language::Json:
        m_rules.append({rx(R"([{}\[\],:])"), Category::Punctuation});
        m_rules.append({QRegularExpression(number), Category::Number});
        m_rules.append({rx(R"(\b(?:true|false|null)\b)"), Category::Keyword});
        m_rules.append({rx(R"("(?:[^"\\]|\\.)*")"), Category::String});
        m_rules.append({rx(R"(("(?:[^"\\]|\\.)*")\s*:)"), Category::Key, 1});
        break;
    case Language::Yaml:
        m_rules.append({QRegularExpression(number), Category::Number});
        m_rules.append({rx(R"(\b(?:true|false|yes|no|null|True|False|~)\b)"), Category::Keyword});
        m_rules.append({rx(R"(^\s*(?:-\s+)?([^\s:#][^:#]*?)\s*:(?=\s|$))"), Category::Key, 1});
        m_rules.append({rx(R"(^\s*-(?=\s))"), Category::Punctuation});
        m_rules.append({rx(R"(^(?:---|\.\.\.)\s*$)"), Category::Punctuation});
        m_rules.append({rx(R"(&\w+|\*\w+|!!?\w+)"), Category::Decorator});
        m_rules.append({rx(R"("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')"), Category::String});
        m_rules.append({rx(R"((?:^|\s)(#.*)$)"), Category::Comment, 1});
        break;
    case Language::Python:
        m_rules.append({QRegularExpression(number), Category::Number});
        m_rules.append(
                {rx(R"(\b(?:and|as|assert|async|await|break|class|continue|def|del|elif|else|)"
                    R"(except|finally|for|from|global|if|import|in|is|lambda|nonlocal|not|or|)"
                    R"(pass|raise|return|try|while|with|yield|None|True|False|self)\b)"),
                 Category::Keyword});
        m_rules.append({rx(R"(^\s*(@[\w.]+))"), Category::Decorator, 1});
        m_rules.append({rx(R"([rbfu]{0,2}"(?:[^"\\]|\\.)*"|[rbfu]{0,2}'(?:[^'\\]|\\.)*')"),
                        Category::String});
        m_rules.append({rx(R"(#.*$)"), Category::Comment});
        break;
    }
}

void SyntaxHighlighter::applyRules(const QString &text)
{
    for (const Rule &rule : std::as_const(m_rules)) {
        auto it = rule.pattern.globalMatch(text);
        while (it.hasNext()) {
            const auto m = it.next();
            setFormat(int(m.capturedStart(rule.group)), int(m.capturedLength(rule.group)),
                      formatFor(rule.category));
        }
    }
}

void SyntaxHighlighter::highlightBlock(const QString &text)
{
    if (m_language == Language::Plain)
        return;
    applyRules(text);
    if (m_language != Language::Python)
        return;
    // Triple-quoted strings span blocks: state 1 = inside """, 2 = inside '''.
    int start = 0;
    int state = previousBlockState();
    if (state < 1)
        state = 0;
    const QStringList delims = {QStringLiteral("\"\"\""), QStringLiteral("'''")};
    setCurrentBlockState(0);
    while (start <= text.size()) {
        if (state == 0) {
            const int a = int(text.indexOf(delims[0], start));
            const int b = int(text.indexOf(delims[1], start));
            if (a < 0 && b < 0)
                return;
            if (a >= 0 && (b < 0 || a < b)) {
                state = 1;
                start = a;
            } else {
                state = 2;
                start = b;
            }
            const int end = int(text.indexOf(delims[state - 1], start + 3));
            if (end < 0) {
                setFormat(start, int(text.size()) - start, formatFor(Category::String));
                setCurrentBlockState(state);
                return;
            }
            setFormat(start, end + 3 - start, formatFor(Category::String));
            start = end + 3;
            state = 0;
        } else {
            const int end = int(text.indexOf(delims[state - 1], start));
            if (end < 0) {
                setFormat(0, int(text.size()), formatFor(Category::String));
                setCurrentBlockState(state);
                return;
            }
            setFormat(0, end + 3, formatFor(Category::String));
            start = end + 3;
            state = 0;
        }
    }
}

} // namespace Trove
