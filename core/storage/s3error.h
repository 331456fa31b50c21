#pragma once

#include <QByteArray>
#include <QString>

namespace Trove {

/// The XML error document S3 (and S3-compatible servers) send with a 4xx/5xx:
/// <Error><Code>SignatureDoesNotMatch</Code><Message>…</Message>…</Error>.
/// Parses untrusted bytes: anything malformed yields an empty code, never a crash.
struct S3Error
{
    QString code;
    QString message;
    QString resource;

    static S3Error parse(const QByteArray &body);
    bool isEmpty() const { return code.isEmpty(); }
    /// "SignatureDoesNotMatch: The request signature we calculated does not match…"
    QString text() const;
};

/// "bytes START-END/TOTAL" (TOTAL may be "*"). Untrusted header text.
struct ContentRange
{
    qint64 start = -1;
    qint64 end = -1;
    qint64 total = -1; ///< -1 for "*"
    bool valid = false;

    static ContentRange parse(const QByteArray &header);
};

} // namespace Trove
