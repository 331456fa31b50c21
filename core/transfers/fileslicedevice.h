#pragma once

#include <QFile>
#include <QIODevice>

namespace Trove {

/// A read-only, seekable window [offset, offset + length) of a file: the body of one S3
/// multipart part, streamed from disk by QNetworkAccessManager without loading it.
class FileSliceDevice final : public QIODevice
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileSliceDevice)

public:
    FileSliceDevice(const QString &path, qint64 offset, qint64 length, QObject *parent = nullptr);

    bool open(OpenMode mode) override;
    void close() override;
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_length; }
    bool seek(qint64 pos) override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QFile m_file;
    qint64 m_offset;
    qint64 m_length;
};

} // namespace Trove
