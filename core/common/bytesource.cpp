#include "bytesource.h"

#include <QFile>
#include <QMutex>
#include <QMutexLocker>

namespace Trove {
namespace {

class FileSource final : public ByteSource
{
public:
    explicit FileSource(const QString &path)
        : m_file(path)
    {}

    bool open(Error *error)
    {
        if (m_file.open(QIODevice::ReadOnly))
            return true;
        if (error)
            *error = Error::make(Error::Kind::Io, m_file.errorString(), m_file.fileName());
        return false;
    }

    qint64 size() const override { return m_file.size(); }

    Result<QByteArray> read(qint64 offset, qint64 length) override
    {
        QMutexLocker lock(&m_mutex);
        if (offset < 0 || length < 0)
            return Error::make(Error::Kind::Io, QStringLiteral("negative read range"), name());
        if (!m_file.seek(offset))
            return Error::make(Error::Kind::Io, m_file.errorString(), name());
        QByteArray out = m_file.read(length);
        if (out.isNull() && length > 0 && offset < m_file.size())
            return Error::make(Error::Kind::Io, m_file.errorString(), name());
        return out;
    }

    QString name() const override { return m_file.fileName(); }
    QString localPath() const override { return m_file.fileName(); }

private:
    QFile m_file;
    QMutex m_mutex;
};

class MemorySource final : public ByteSource
{
public:
    MemorySource(QByteArray data, QString name)
        : m_data(std::move(data))
        , m_name(std::move(name))
    {}
    qint64 size() const override { return m_data.size(); }
    Result<QByteArray> read(qint64 offset, qint64 length) override
    {
        if (offset < 0 || length < 0)
            return Error::make(Error::Kind::Io, QStringLiteral("negative read range"), m_name);
        if (offset >= m_data.size())
            return QByteArray();
        return m_data.mid(offset, length);
    }
    QString name() const override { return m_name; }

private:
    QByteArray m_data;
    QString m_name;
};

} // namespace

std::unique_ptr<ByteSource> openFileSource(const QString &path, Error *error)
{
    auto source = std::make_unique<FileSource>(path);
    if (!source->open(error))
        return nullptr;
    return source;
}

std::unique_ptr<ByteSource> memorySource(QByteArray data, QString name)
{
    return std::make_unique<MemorySource>(std::move(data),
                                          name.isEmpty() ? QStringLiteral("<memory>") : name);
}

} // namespace Trove
