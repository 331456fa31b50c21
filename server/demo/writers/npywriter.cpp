#include "npywriter.h"

#include "zipwriter.h"

#include <QStringList>
#include <QtEndian>

#include <charconv>
#include <cmath>
#include <cstring>

namespace Trove::Server::Npy {

QString shapeRepr(const std::vector<qint64> &shape)
{
    if (shape.empty())
        return QStringLiteral("()");
    QStringList parts;
    for (qint64 d : shape)
        parts << QString::number(d);
    if (shape.size() == 1)
        return QLatin1Char('(') + parts.first() + QStringLiteral(",)");
    return QLatin1Char('(') + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
}

QByteArray header(const QString &descr, const std::vector<qint64> &shape, bool fortranOrder)
{
    constexpr int growthAxisMaxDigits = 21; // numpy.lib.format.GROWTH_AXIS_MAX_DIGITS
    constexpr int arrayAlign = 64;
    QString dict
            = QStringLiteral("{'descr': '%1', 'fortran_order': %2, 'shape': %3, }")
                      .arg(descr, fortranOrder ? QStringLiteral("True") : QStringLiteral("False"),
                           shapeRepr(shape));
    if (!shape.empty()) {
        const qint64 growthAxis = fortranOrder ? shape.back() : shape.front();
        dict += QString(growthAxisMaxDigits - int(QString::number(growthAxis).size()),
                        QLatin1Char(' '));
    }
    QByteArray text = dict.toLatin1();
    const int hlen = int(text.size()) + 1;
    const int padlen = arrayAlign - ((6 + 2 + 2 + hlen) % arrayAlign);
    const int total = hlen + padlen;
    QByteArray out("\x93NUMPY\x01\x00", 8);
    out.append(char(total & 0xff));
    out.append(char((total >> 8) & 0xff));
    out.append(text);
    out.append(QByteArray(padlen, ' '));
    out.append('\n');
    return out;
}

QByteArray file(const QString &descr, const std::vector<qint64> &shape, const QByteArray &data)
{
    return header(descr, shape) + data;
}

QByteArray float64Bytes(const std::vector<double> &values)
{
    QByteArray out(qsizetype(values.size() * 8), Qt::Uninitialized);
    for (size_t i = 0; i < values.size(); ++i) {
        quint64 bits;
        std::memcpy(&bits, &values[i], 8);
        qToLittleEndian(bits, out.data() + i * 8);
    }
    return out;
}

bool writeNpz(const QString &path,
              const std::vector<std::pair<QString, QByteArray>> &npyMembers,
              QString *error)
{
    ZipWriter zip(path);
    if (!zip.open()) {
        *error = zip.errorString();
        return false;
    }
    // numpy stamps every member with the time of the call.
    const QDateTime now = QDateTime::currentDateTime();
    for (const auto &[key, npy] : npyMembers) {
        if (!zip.addFile(key + QStringLiteral(".npy"), npy, ZipWriter::Method::Deflated, now, 0,
                         0100600)) {
            *error = zip.errorString();
            return false;
        }
    }
    if (!zip.close()) {
        *error = zip.errorString();
        return false;
    }
    return true;
}

namespace {

// numpy's default float repr for values that print with a trailing '.', e.g. "1." or "0.5".
QString floatItem(double v, bool allIntegral)
{
    if (allIntegral)
        return QString::number(qint64(v)) + QLatin1Char('.');
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    QString s = QString::fromLatin1(buf, int(res.ptr - buf));
    if (!s.contains(QLatin1Char('.')))
        s += QLatin1Char('.');
    return s;
}

} // namespace

QString reprFloat2d(const std::vector<double> &values, qint64 rows, qint64 cols)
{
    const bool summarize = rows * cols > 1000;
    const int edge = 3;
    bool allIntegral = true;
    for (double v : values)
        allIntegral = allIntegral && std::floor(v) == v && std::fabs(v) < 1e15;
    auto rowIndices = [&](qint64 n) {
        std::vector<qint64> idx;
        if (summarize && n > 2 * edge) {
            for (int i = 0; i < edge; ++i)
                idx.push_back(i);
            idx.push_back(-1);
            for (qint64 i = n - edge; i < n; ++i)
                idx.push_back(i);
        } else {
            for (qint64 i = 0; i < n; ++i)
                idx.push_back(i);
        }
        return idx;
    };
    int width = 0;
    for (double v : values)
        width = std::max(width, int(floatItem(v, allIntegral).size()));
    QStringList lines;
    for (qint64 r : rowIndices(rows)) {
        if (r < 0) {
            lines << QStringLiteral("...");
            continue;
        }
        QStringList items;
        for (qint64 c : rowIndices(cols))
            items << (c < 0 ? QStringLiteral("...")
                            : floatItem(values[size_t(r * cols + c)], allIntegral)
                                      .rightJustified(width, QLatin1Char(' ')));
        lines << QLatin1Char('[') + items.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    return QStringLiteral("array([") + lines.join(QStringLiteral(",\n       "))
           + QStringLiteral("])");
}

} // namespace Trove::Server::Npy
