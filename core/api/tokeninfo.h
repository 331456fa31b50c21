#pragma once

#include <QString>

namespace Trove {

/// The claims Trove reads from a ClearML JWT (decoded without verifying the signature, as
/// the SDK does): expiry, issue time and the API version the server speaks.
struct TokenInfo
{
    QString token;
    qint64 issuedAt = 0;  ///< iat, epoch seconds; 0 if absent
    qint64 expiresAt = 0; ///< exp, epoch seconds; 0 = never expires
    QString apiVersion;   ///< "2.31"; empty if absent
    QString serverVersion;
    QString userId;

    bool isValid() const { return !token.isEmpty(); }

    /// Decodes the middle part of `jwt`. A malformed token gives a TokenInfo that only holds
    /// the token (no expiry known).
    static TokenInfo decode(const QString &jwt);

    /// True when the token should be renewed before use at `nowSecs`: less than
    /// `thresholdSecs` left, with the threshold capped to half the token's lifetime so that
    /// short-lived tokens (tests, expiration_sec) are not renewed on every call.
    bool needsRefresh(qint64 nowSecs, qint64 thresholdSecs) const;
};

/// "2.31" ⇄ 231 style comparison helper: returns the lower of two "major.minor" versions
/// (an empty one counts as unlimited).
QString minApiVersion(const QString &a, const QString &b);

} // namespace Trove
