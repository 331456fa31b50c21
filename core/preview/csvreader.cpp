#include "csvreader.h"

#include <map>

namespace Trove {
namespace {
constexpr qint64 kChunk = 256 * 1024;
} // namespace

CsvReader::CsvReader(ByteSource &source,
                     CsvDialect dialect,
                     qint64 startOffset,
                     PreviewOptions options,
                     CsvLimits limits)
    : m_source(source)
    , m_dialect(dialect)
    , m_options(options)
    , m_limits(limits)
    , m_bufStart(startOffset)
{}

bool CsvReader::fill()
{
    if (m_eof || m_error)
        return false;
    if (m_options.cancelled()) {
        m_error = Error::make(Error::Kind::Cancelled, QStringLiteral("cancelled"), m_source.name());
        return false;
    }
    const qint64 at = m_bufStart + m_buf.size();
    auto chunk = m_source.read(at, kChunk);
    if (!chunk) {
        m_error = chunk.error();
        return false;
    }
    m_bufStart = at;
    m_buf = std::move(chunk.value());
    m_bufPos = 0;
    if (m_buf.isEmpty()) {
        m_eof = true;
        return false;
    }
    return true;
}

bool CsvReader::next(CsvRecord &rec)
{
    enum class St { FieldStart, Unquoted, Quoted, QuoteSeen };
    St st = St::FieldStart;
    rec.fieldCount = 0;
    rec.truncated = false;
    bool started = false;
    qint64 stored = 0;
    QByteArray *field = nullptr;
    const char quote = m_dialect.quote;
    const char delim = m_dialect.delimiter;

    auto beginField = [&] {
        if (rec.fieldCount >= m_limits.maxFields) {
            field = nullptr;
            rec.truncated = true;
            return;
        }
        if (rec.fields.size() <= rec.fieldCount)
            rec.fields.append(QByteArray());
        field = &rec.fields[rec.fieldCount++];
        field->resize(0);
    };
    auto append = [&](const char *p, qint64 n) {
        if (!field || n <= 0)
            return;
        const qint64 room = std::min<qint64>(m_limits.maxFieldBytes - field->size(),
                                             m_limits.maxRecordBytes - stored);
        if (n > room) {
            n = std::max<qint64>(0, room);
            rec.truncated = true;
        }
        field->append(p, n);
        stored += n;
    };

    for (;;) {
        if (m_bufPos >= m_buf.size() && !fill()) {
            if (m_error || !started)
                return false;
            if (st == St::Quoted)
                m_unterminatedQuote = true;
            return true;
        }
        const char *b = m_buf.constData();
        const qint64 n = m_buf.size();
        qint64 i = m_bufPos;
        while (i < n) {
            const char c = b[i];
            switch (st) {
            case St::FieldStart:
                if (!started) {
                    if (c == '\n' || c == '\r') {
                        ++i;
                        continue;
                    }
                    started = true;
                    rec.offset = m_bufStart + i;
                    beginField();
                }
                if (c == quote) {
                    st = St::Quoted;
                    ++i;
                } else if (c == delim) {
                    ++i;
                    beginField();
                } else if (c == '\n' || c == '\r') {
                    m_bufPos = i + 1;
                    return true;
                } else {
                    st = St::Unquoted;
                }
                break;
            case St::Unquoted: {
                qint64 j = i;
                while (j < n && b[j] != delim && b[j] != '\n' && b[j] != '\r')
                    ++j;
                append(b + i, j - i);
                i = j;
                if (j < n) {
                    if (b[j] == delim) {
                        ++i;
                        beginField();
                        st = St::FieldStart;
                    } else {
                        m_bufPos = j + 1;
                        return true;
                    }
                }
                break;
            }
            case St::Quoted: {
                qint64 j = i;
                while (j < n && b[j] != quote)
                    ++j;
                append(b + i, j - i);
                i = j;
                if (j < n) {
                    ++i;
                    st = St::QuoteSeen;
                }
                break;
            }
            case St::QuoteSeen:
                if (c == quote) {
                    append(&quote, 1);
                    st = St::Quoted;
                    ++i;
                } else if (c == delim) {
                    ++i;
                    beginField();
                    st = St::FieldStart;
                } else if (c == '\n' || c == '\r') {
                    m_bufPos = i + 1;
                    return true;
                } else {
                    st = St::Unquoted;
                }
                break;
            }
        }
        m_bufPos = i;
    }
}

CsvDialect CsvReader::sniff(const QByteArray &sample, bool preferTab)
{
    const char candidates[] = {',', '\t', ';', '|'};
    CsvDialect best;
    best.delimiter = preferTab ? '\t' : ',';
    double bestScore = 0;
    auto source = memorySource(sample);
    for (char d : candidates) {
        CsvDialect dialect;
        dialect.delimiter = d;
        CsvReader reader(*source, dialect, 0);
        CsvRecord rec;
        QList<int> counts;
        while (counts.size() < 200 && reader.next(rec))
            counts.append(rec.fieldCount);
        if (counts.size() > 1 && reader.position() >= sample.size())
            counts.removeLast(); // the sample may have cut the last record
        if (counts.isEmpty())
            continue;
        std::map<int, int> freq;
        for (int c : counts)
            ++freq[c];
        int mode = 0;
        int modeCount = 0;
        for (auto [count, times] : freq) {
            if (times > modeCount || (times == modeCount && count > mode)) {
                mode = count;
                modeCount = times;
            }
        }
        if (mode <= 1)
            continue;
        const double score
                = double(modeCount) / counts.size() + (d == '\t' && preferTab ? 0.01 : 0);
        if (score > bestScore) {
            bestScore = score;
            best = dialect;
        }
    }
    return best;
}

} // namespace Trove
