#pragma once

#include <QString>

namespace Trove {

/// One error type for everything core does: transport, HTTP, ClearML, parsing, disk.
/// Layered like mtxclient's ClientError: each layer fills the fields it knows, and
/// userMessage() turns them into one sentence fit for a person.
struct Error
{
    enum class Kind {
        None,
        Network,   ///< transport failure: refused, reset, timeout, TLS
        Http,      ///< an HTTP status outside 2xx with no ClearML envelope
        Server,    ///< a ClearML envelope with result_code != 200
        Parse,     ///< bytes that do not decode (JSON, CSV, npy, pickle, zip, config ...)
        Io,        ///< local disk: cannot open, read, write, rename, disk full
        Cancelled, ///< the user or the owner cancelled; never shown as a failure
        Unsupported, ///< a valid request Trove cannot serve yet (gs://, azure://, ...)
        Integrity, ///< checksum mismatch, size mismatch
    };

    Kind kind = Kind::None;
    int networkError = 0;  ///< QNetworkReply::NetworkError, when kind == Network
    int httpStatus = 0;    ///< HTTP status, when one was received
    int resultCode = 0;    ///< ClearML meta.result_code
    int resultSubcode = 0; ///< ClearML meta.result_subcode
    QString message;       ///< technical detail (server text, parser position, errno text)
    QString endpoint;      ///< the API call, URL or file the error is about

    static Error make(Kind kind, QString message, QString endpoint = {})
    {
        Error e;
        e.kind = kind;
        e.message = std::move(message);
        e.endpoint = std::move(endpoint);
        return e;
    }

    bool isCancelled() const { return kind == Kind::Cancelled; }

    /// One sentence for the message bar or for trove-cli's stderr line.
    QString userMessage() const;
};

} // namespace Trove
