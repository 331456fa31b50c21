#pragma once

#include <QByteArray>
#include <QString>

namespace Trove {

/// The fallback preview: hexdump-style lines of the first bytes.
class HexView final
{
public:
    /// "00000000  89 50 4e 47 0d 0a 1a 0a  00 00 00 0d 49 48 44 52  |.PNG........IHDR|"
    static QString dump(const QByteArray &bytes, qint64 baseOffset = 0);
};

} // namespace Trove
