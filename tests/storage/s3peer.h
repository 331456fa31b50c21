#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

/// Starts tests/peers/s3-peer.js: s3rver (a real S3-compatible server) behind a proxy that
/// verifies every AWS Signature V4 with the `aws4` reference signer. available() is false
/// (with reason()) when node or tests/peers/node_modules is missing: tests QSKIP then.
class S3Peer final
{
public:
    S3Peer() = default;
    ~S3Peer();
    S3Peer(const S3Peer &) = delete;
    S3Peer &operator=(const S3Peer &) = delete;

    bool start(const QString &bucket);
    QString reason() const { return m_reason; }
    bool notInstalled() const { return m_notInstalled; }

    int proxyPort() const { return m_proxyPort; }
    int s3rverPort() const { return m_s3rverPort; }
    QString accessKey() const { return m_accessKey; }
    QString secretKey() const { return m_secretKey; }
    QString region() const { return m_region; }
    /// "127.0.0.1:<proxy port>", the `host` of an sdk.aws.s3.credentials entry.
    QString endpoint() const;

private:
    std::unique_ptr<QProcess> m_process;
    QTemporaryDir m_dir;
    QString m_reason;
    bool m_notInstalled = false;
    int m_proxyPort = 0;
    int m_s3rverPort = 0;
    QString m_accessKey;
    QString m_secretKey;
    QString m_region;
};
