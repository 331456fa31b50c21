#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace Trove {

/// Rule-based highlighter for the languages TextViewer knows. Colours come from the palette of
/// the document's widget (dark and light variants), set with setDarkTheme().
class SyntaxHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyntaxHighlighter)

public:
    enum class Language { Plain, Json, Yaml, Python };
    Q_ENUM(Language)

    explicit SyntaxHighlighter(QTextDocument *document);

    void setLanguage(Language language);
    Language language() const { return m_language; }
    void setDarkTheme(bool dark);

    /// Guesses the language from a file name ("a.json", "conf.yaml", "train.py").
    static Language languageForFileName(const QString &fileName);

    /// Format categories, exposed for tests.
    enum class Category { Key, String, Number, Keyword, Comment, Punctuation, Decorator };
    QTextCharFormat formatFor(Category category) const;

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rule
    {
        QRegularExpression pattern;
        Category category;
        int group = 0;
    };
    void rebuildRules();
    void applyRules(const QString &text);

    Language m_language = Language::Plain;
    bool m_dark = false;
    QList<Rule> m_rules;
};

} // namespace Trove
