#include "s3peer.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

S3Peer::~S3Peer()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->closeWriteChannel();
        m_process->terminate();
        if (!m_process->waitForFinished(3000))
            m_process->kill();
        m_process->waitForFinished(3000);
    }
}

QString S3Peer::endpoint() const
{
    return QStringLiteral("127.0.0.1:%1").arg(m_proxyPort);
}

bool S3Peer::start(const QString &bucket)
{
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    const QString peers = qEnvironmentVariable("TROVE_SOURCE_DIR") + QStringLiteral("/tests/peers");
    if (node.isEmpty()) {
        m_notInstalled = true;
        m_reason = QStringLiteral("node is not installed (scripts/setup.sh test installs it)");
        return false;
    }
    if (!QFileInfo::exists(peers + QStringLiteral("/node_modules/s3rver"))
        || !QFileInfo::exists(peers + QStringLiteral("/node_modules/aws4"))) {
        m_notInstalled = true;
        m_reason = QStringLiteral("tests/peers/node_modules is missing: run `npm ci` in "
                                  "tests/peers (scripts/setup.sh test does)");
        return false;
    }
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setWorkingDirectory(peers);
    m_process->start(node, {peers + QStringLiteral("/s3-peer.js"), QStringLiteral("--dir"),
                            m_dir.path(), QStringLiteral("--bucket"), bucket});
    if (!m_process->waitForStarted(10000)) {
        m_reason = m_process->errorString();
        return false;
    }
    QByteArray out;
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired() && !out.contains('\n')) {
        if (m_process->state() == QProcess::NotRunning)
            break;
        m_process->waitForReadyRead(200);
        out += m_process->readAllStandardOutput();
    }
    const QJsonObject info = QJsonDocument::fromJson(out.left(out.indexOf('\n'))).object();
    m_proxyPort = info.value(QStringLiteral("proxyPort")).toInt();
    m_s3rverPort = info.value(QStringLiteral("s3rverPort")).toInt();
    m_accessKey = info.value(QStringLiteral("accessKey")).toString();
    m_secretKey = info.value(QStringLiteral("secretKey")).toString();
    m_region = info.value(QStringLiteral("region")).toString();
    if (m_proxyPort <= 0) {
        m_reason = QStringLiteral("s3-peer.js did not start: ")
                   + QString::fromUtf8(out + m_process->readAllStandardError());
        return false;
    }
    return true;
}
