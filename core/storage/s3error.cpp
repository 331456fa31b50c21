#include "s3error.h"

#include <QXmlStreamReader>

namespace Trove {

S3Error S3Error::parse(const QByteArray &body)
{
    S3Error out;
    QXmlStreamReader xml(body.left(64 * 1024));
    int depth = 0;
    bool inError = false;
    while (!xml.atEnd() && !xml.hasError()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            ++depth;
            if (depth == 1) {
                inError = xml.name() == QLatin1String("Error");
                if (!inError)
                    break;
            } else if (depth == 2 && inError) {
                const QString name = xml.name().toString();
                const QString text
                        = xml.readElementText(QXmlStreamReader::SkipChildElements).left(1000);
                --depth; // readElementText consumed the end element
                if (name == QLatin1String("Code"))
                    out.code = text.trimmed();
                else if (name == QLatin1String("Message"))
                    out.message = text.trimmed();
                else if (name == QLatin1String("Resource"))
                    out.resource = text.trimmed();
            }
        } else if (token == QXmlStreamReader::EndElement) {
            --depth;
        }
        if (depth > 64)
            break;
    }
    return out;
}

QString S3Error::text() const
{
    if (code.isEmpty())
        return QString();
    return message.isEmpty() ? code : code + QStringLiteral(": ") + message;
}

ContentRange ContentRange::parse(const QByteArray &header)
{
    ContentRange r;
    QByteArray h = header.trimmed();
    if (!h.startsWith("bytes"))
        return r;
    h = h.mid(5).trimmed();
    const int dash = h.indexOf('-');
    const int slash = h.indexOf('/');
    if (dash <= 0 || slash <= dash + 1 || slash + 1 >= h.size())
        return r;
    bool ok1 = false, ok2 = false, ok3 = true;
    const qint64 start = h.left(dash).toLongLong(&ok1);
    const qint64 end = h.mid(dash + 1, slash - dash - 1).toLongLong(&ok2);
    const QByteArray totalText = h.mid(slash + 1);
    const qint64 total = totalText == "*" ? -1 : totalText.toLongLong(&ok3);
    if (!ok1 || !ok2 || !ok3 || start < 0 || end < start || (total >= 0 && end >= total))
        return r;
    r.start = start;
    r.end = end;
    r.total = total;
    r.valid = true;
    return r;
}

} // namespace Trove
