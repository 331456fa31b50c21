#pragma once

// A ByteSource wrapper that records every read, to prove which ranges a decoder touched
// (a remote source pays one HTTP Range request per read). Test code only.

#include "common/bytesource.h"

#include <QList>
#include <QPair>

namespace TroveTest {

class CountingSource final : public Trove::ByteSource
{
public:
    explicit CountingSource(Trove::ByteSource &inner)
        : m_inner(inner)
    {}
    qint64 size() const override { return m_inner.size(); }
    Trove::Result<QByteArray> read(qint64 offset, qint64 length) override
    {
        m_reads.append({offset, length});
        m_bytes += length;
        return m_inner.read(offset, length);
    }
    QString name() const override { return m_inner.name(); }

    const QList<QPair<qint64, qint64>> &reads() const { return m_reads; }
    qint64 bytesRequested() const { return m_bytes; }
    qint64 lowestOffset() const
    {
        qint64 low = size();
        for (const auto &r : m_reads)
            low = std::min(low, r.first);
        return low;
    }

private:
    Trove::ByteSource &m_inner;
    QList<QPair<qint64, qint64>> m_reads;
    qint64 m_bytes = 0;
};

} // namespace TroveTest
