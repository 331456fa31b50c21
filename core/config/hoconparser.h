#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace Trove {

/// A HOCON parser (the format of clearml.conf), written for Trove with no dependency.
///
/// Supported: an implicit or braced root object; nested blocks `a { }`; dotted keys `a.b.c: v`;
/// `:` and `=` separators (none before `{`); `+=` appends to a list; quoted keys and strings
/// with JSON escapes; `"""triple quoted"""` strings; unquoted strings (URLs such as
/// `http://host:8008` included); numbers, booleans, null; `#` and `//` comments; lists over
/// several lines with trailing commas; merging of repeated object keys (later wins);
/// value concatenation (`${HOME}/x`); substitutions `${path}` and `${?path}` resolved against
/// the whole document first, then the environment. `include` statements are skipped with a
/// warning.
///
/// The input is untrusted: every malformed input gives an Error of kind Parse whose message
/// starts with "line L, column C:" and whose endpoint is the file name. Nesting is bounded.
/// Options of HoconParser::parse(). (Declared outside the class: a nested struct with default
/// member initializers cannot be a default argument inside its enclosing class.)
struct HoconOptions
{
    /// Environment used for substitutions that the document does not define.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    int maxDepth = 100;
};

class HoconParser final
{
public:
    using Options = HoconOptions;

    /// Parses `text` (UTF-8). `fileName` names the source in errors and warnings.
    static Result<nlohmann::json> parse(const QByteArray &text,
                                        const QString &fileName = QString(),
                                        const Options &options = Options(),
                                        QStringList *warnings = nullptr);
};

} // namespace Trove
