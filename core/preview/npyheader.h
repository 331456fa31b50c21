#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

#include <vector>

namespace Trove {

struct NpyField;

/// A numpy dtype as written in an .npy header's `descr`.
struct NpyDtype
{
    enum class Kind {
        Bool,
        Int,
        UInt,
        Float,
        Complex, // numeric: values can be shown
        Bytes,
        Unicode,
        Object,
        Void,
        DateTime,
        TimeDelta,
        Structured, // described only
    };
    Kind kind = Kind::Float;
    qint64 itemSize = 8;
    bool bigEndian = false;
    QString descr;                ///< the dtype text (`<f8`), or `structured`
    std::vector<NpyField> fields; ///< Structured only

    /// Bool, Int, UInt, Float (2/4/8 bytes), Complex (8/16): values can be read and shown.
    bool isNumeric() const;
    QString name() const; ///< numpy's name: float64, int8, complex128, bool, object, ...
    nlohmann::json toJson() const;
};

struct NpyField
{
    QString name;
    NpyDtype dtype;
    QList<qint64> shape; ///< sub-array shape, empty for a scalar field
};

/// The parsed header of an .npy file (format versions 1.0, 2.0, 3.0).
struct NpyHeader
{
    int major = 1;
    int minor = 0;
    NpyDtype dtype;
    bool fortranOrder = false;
    QList<qint64> shape;   ///< empty for a 0-d array
    qint64 dataOffset = 0; ///< from the start of the .npy bytes
    qint64 count = 1;      ///< number of elements (product of shape, 1 for 0-d)
    qint64 dataBytes = 0;  ///< count * itemSize

    /// Parses the header from the first bytes of an .npy file. Returns how many bytes are needed
    /// if `bytes` is too short (see requiredBytes). Strict and safe: only the literal syntax
    /// numpy writes (a dict of str keys with str/bool/int/tuple/list values, depth-limited),
    /// exactly the keys descr/fortran_order/shape, non-negative dimensions whose product and
    /// byte size do not overflow 63 bits.
    static Result<NpyHeader> parse(const QByteArray &bytes, const QString &name = {});
    /// How many leading bytes parse() needs, from the first 12 bytes (or an error).
    static Result<qint64> requiredBytes(const QByteArray &first12, const QString &name = {});
};

/// Parses a Python literal as written by numpy's header writer (dict, list, tuple, str, int,
/// True/False/None) into JSON (tuples become arrays). Exposed for tests and fuzzing.
Result<nlohmann::json> parsePythonLiteral(QByteArrayView text);

/// Parses a dtype descr (a str like `<f8`, or a structured list) from its JSON literal form.
Result<NpyDtype> parseNpyDtype(const nlohmann::json &descr, int depth = 0);

} // namespace Trove
