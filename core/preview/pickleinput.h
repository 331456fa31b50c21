#pragma once

#include "common/bytesource.h"
#include "common/result.h"

namespace Trove {

/// Internal to PickleDisassembler: sequential, buffered reads over a ByteSource in 1 MiB
/// chunks; large payloads are skipped (only their head is read); text lines are capped.
class PickleInput final
{
public:
    PickleInput(ByteSource &source, qint64 offset)
        : m_source(source)
        , m_pos(offset)
    {}
    qint64 pos() const { return m_pos; }

    Result<QByteArray> take(qint64 n)
    {
        if (auto s = ensure(n); !s)
            return s.error();
        QByteArray out = m_buf.mid(m_pos - m_bufStart, n);
        m_pos += n;
        return out;
    }
    Result<unsigned char> byte()
    {
        if (auto s = ensure(1); !s)
            return s.error();
        return static_cast<unsigned char>(m_buf.at(m_pos++ - m_bufStart));
    }
    /// Reads the first `keep` bytes of an `n`-byte payload and skips the rest.
    Result<QByteArray> head(qint64 n, qint64 keep)
    {
        const qint64 size = m_source.size();
        if (n < 0 || (size >= 0 && n > size - m_pos) || (size < 0 && n > (qint64(1) << 48)))
            return eof();
        auto h = take(std::min(n, keep));
        if (!h)
            return h;
        m_pos += n - h->size();
        return h;
    }
    Result<QByteArray> line()
    {
        QByteArray out;
        while (true) {
            if (auto s = ensure(1); !s)
                return s.error();
            const qint64 at = m_pos - m_bufStart;
            const qsizetype nl = m_buf.indexOf('\n', at);
            if (nl >= 0) {
                out += m_buf.mid(at, nl - at);
                m_pos += nl - at + 1;
                break;
            }
            out += m_buf.mid(at);
            m_pos += m_buf.size() - at;
            if (out.size() > kMaxLine)
                return Error::make(
                        Error::Kind::Parse,
                        QStringLiteral("text opcode line too long at offset %1").arg(m_pos),
                        m_source.name());
        }
        if (out.endsWith('\r'))
            out.chop(1);
        return out;
    }

private:
    static constexpr qint64 kChunk = 1 << 20;
    static constexpr int kMaxLine = 1 << 16;

    Error eof() const
    {
        return Error::make(Error::Kind::Parse,
                           QStringLiteral("pickle is truncated at offset %1").arg(m_pos),
                           m_source.name());
    }
    Status ensure(qint64 n)
    {
        if (m_pos >= m_bufStart && m_pos + n <= m_bufStart + m_buf.size())
            return {};
        const qint64 want = std::max(n, kChunk);
        auto r = m_source.read(m_pos, want);
        if (!r)
            return r.error();
        m_buf = std::move(r.value());
        m_bufStart = m_pos;
        if (m_buf.size() < n)
            return eof();
        return {};
    }

    ByteSource &m_source;
    qint64 m_pos;
    QByteArray m_buf;
    qint64 m_bufStart = 0;
};

} // namespace Trove
