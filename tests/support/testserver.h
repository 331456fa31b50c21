#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

/// Starts the real trove-server binary (TROVE_SERVER_BIN) on free loopback ports with a fresh
/// data folder, the way mtxclient's tests use a live Synapse. Nothing is mocked.
///
/// Tests may block here: this is test code, never GUI code.
class TestServer
{
public:
    struct Options
    {
        bool demo = false;
        QStringList extraArgs;
        QString dataDir; ///< reuse this data folder instead of a fresh temporary one
        int apiPort = 0;
        int filesPort = 0;
    };

    TestServer();
    ~TestServer();
    TestServer(const TestServer &) = delete;
    TestServer &operator=(const TestServer &) = delete;

    /// Starts the server and waits (up to timeoutMs) for its api_server= and files_server=
    /// lines. Returns false with errorString() set on failure.
    bool start(const Options &options, int timeoutMs = 60000);
    bool start() { return start(Options{}); }

    /// SIGTERM, then waits for a clean exit. Returns the exit code (-1 if it had to be killed).
    int stop(int timeoutMs = 15000);

    /// SIGKILL, no chance to clean up: for crash-consistency tests.
    void kill();

    /// Starts again on the same data folder and the same ports.
    bool restart(int timeoutMs = 60000);

    bool isRunning() const;

    QUrl apiUrl() const { return m_apiUrl; }
    QUrl filesUrl() const { return m_filesUrl; }
    QString accessKey() const { return m_accessKey; }
    QString secretKey() const { return m_secretKey; }
    QString dataDir() const { return m_dataDir; }
    QString errorString() const { return m_error; }
    QByteArray stderrLog() const { return m_stderr; }
    qint64 pid() const;

    /// Path of the trove-server binary under test.
    static QString binary();

    /// The environment the official SDK (or our client) needs to talk to this server.
    QProcessEnvironment clearmlEnvironment() const;

private:
    bool readCredentials();

    std::unique_ptr<QTemporaryDir> m_tempDir;
    std::unique_ptr<QProcess> m_process;
    Options m_options;
    QString m_dataDir;
    QUrl m_apiUrl;
    QUrl m_filesUrl;
    QString m_accessKey;
    QString m_secretKey;
    QString m_error;
    QByteArray m_stderr;
};
