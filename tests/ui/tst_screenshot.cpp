// `trove --screenshot` end to end: the real binary against the real trove-server (and, with
// nothing configured, its embedded demo server), offscreen. It exits 0 with a PNG of the
// window, or non-zero with one clear line on stderr.
#include "testserver.h"

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

class TestScreenshot : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestServer m_server;
    QString m_gallery; ///< the demo's "artifact gallery" task

    struct Run
    {
        int exitCode = -1;
        QString stderrText;
    };

    QProcessEnvironment baseEnvironment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &key : env.keys())
            if (key.startsWith(QLatin1String("CLEARML_"))
                || key.startsWith(QLatin1String("TRAINS_")))
                env.remove(key);
        env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir.filePath(QStringLiteral("run")));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("TROVE_DEMO_TABLE_MB"), QStringLiteral("1"));
        return env;
    }

    QProcessEnvironment serverEnvironment(const QUrl &api) const
    {
        QProcessEnvironment env = baseEnvironment();
        env.insert(QStringLiteral("CLEARML_API_HOST"), api.toString());
        env.insert(QStringLiteral("CLEARML_FILES_HOST"), m_server.filesUrl().toString());
        env.insert(QStringLiteral("CLEARML_API_ACCESS_KEY"), m_server.accessKey());
        env.insert(QStringLiteral("CLEARML_API_SECRET_KEY"), m_server.secretKey());
        return env;
    }

    static Run run(const QProcessEnvironment &env, const QStringList &args)
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("TROVE_GUI_BIN"), args);
        Run r;
        if (!p.waitForFinished(240000)) {
            p.kill();
            p.waitForFinished();
            r.stderrText = QStringLiteral("did not finish");
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.stderrText = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    /// The stderr lines that come from trove (Qt's platform chatter aside).
    static QStringList troveLines(const QString &text)
    {
        QStringList out;
        for (const QString &l : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            if (l.startsWith(QLatin1String("trove:")))
                out << l;
        return out;
    }

    QString findGallery()
    {
        QNetworkAccessManager nam;
        auto post = [&](const QString &endpoint, const QByteArray &auth, const QJsonObject &body) {
            QNetworkRequest req(QUrl(m_server.apiUrl().toString() + QLatin1Char('/') + endpoint));
            req.setRawHeader("Authorization", auth);
            req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
            QNetworkReply *reply = nam.post(req, QJsonDocument(body).toJson());
            QSignalSpy done(reply, &QNetworkReply::finished);
            if (!reply->isFinished())
                done.wait(30000);
            const QJsonObject out = QJsonDocument::fromJson(reply->readAll()).object();
            reply->deleteLater();
            return out.value(QStringLiteral("data")).toObject();
        };
        const QByteArray basic = "Basic "
                                 + (m_server.accessKey() + QLatin1Char(':') + m_server.secretKey())
                                           .toUtf8()
                                           .toBase64();
        const QString token = post(QStringLiteral("auth.login"), basic, {})
                                      .value(QStringLiteral("token"))
                                      .toString();
        const QJsonArray tasks
                = post(QStringLiteral("tasks.get_all"), "Bearer " + token.toUtf8(),
                       {{QStringLiteral("name"), QStringLiteral("^artifact gallery$")},
                        {QStringLiteral("only_fields"), QJsonArray{QStringLiteral("id")}}})
                          .value(QStringLiteral("tasks"))
                          .toArray();
        return tasks.isEmpty() ? QString()
                               : tasks.first().toObject().value(QStringLiteral("id")).toString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(!qEnvironmentVariable("TROVE_GUI_BIN").isEmpty());
        qputenv("TROVE_DEMO_TABLE_MB", "1");
        TestServer::Options o;
        o.demo = true;
        QVERIFY2(m_server.start(o, 240000), qPrintable(m_server.errorString()));
        m_gallery = findGallery();
        QVERIFY(!m_gallery.isEmpty());
    }

    void selectedArtifact()
    {
        const QString png = m_dir.filePath(QStringLiteral("gallery.png"));
        const Run r = run(serverEnvironment(m_server.apiUrl()),
                          {QStringLiteral("--screenshot"), png, QStringLiteral("--select"),
                           m_gallery + QStringLiteral("/image"), QStringLiteral("--size"),
                           QStringLiteral("1280x800")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
        QVERIFY(troveLines(r.stderrText).isEmpty());
        const QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(1280, 800));
    }

    void lineageView()
    {
        const QString png = m_dir.filePath(QStringLiteral("lineage.png"));
        const Run r = run(serverEnvironment(m_server.apiUrl()),
                          {QStringLiteral("--screenshot"), png, QStringLiteral("--select"),
                           m_gallery, QStringLiteral("--view"), QStringLiteral("lineage")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
        QVERIFY(!QImage(png).isNull());
    }

    void failuresSayWhyInOneLine()
    {
        // No such artifact.
        Run r = run(serverEnvironment(m_server.apiUrl()),
                    {QStringLiteral("--screenshot"), m_dir.filePath(QStringLiteral("x.png")),
                     QStringLiteral("--select"), m_gallery + QStringLiteral("/no such thing")});
        QCOMPARE(r.exitCode, 1);
        QStringList lines = troveLines(r.stderrText);
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().contains(QStringLiteral("no such thing")),
                 qPrintable(lines.first()));

        // No such task.
        r = run(serverEnvironment(m_server.apiUrl()),
                {QStringLiteral("--screenshot"), m_dir.filePath(QStringLiteral("y.png")),
                 QStringLiteral("--select"), QStringLiteral("0123456789abcdef0123456789abcdef")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(troveLines(r.stderrText).size(), 1);

        // Nothing listens there.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const QUrl dead(QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort()));
        probe.close();
        r = run(serverEnvironment(dead),
                {QStringLiteral("--screenshot"), m_dir.filePath(QStringLiteral("z.png"))});
        QCOMPARE(r.exitCode, 1);
        lines = troveLines(r.stderrText);
        QCOMPARE(lines.size(), 1);
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("z.png"))));

        // A usage error.
        r = run(baseEnvironment(), {QStringLiteral("--view"), QStringLiteral("graph")});
        QCOMPARE(r.exitCode, 2);
    }

    void freshMachineUsesTheEmbeddedServer()
    {
        const QString png = m_dir.filePath(QStringLiteral("embedded.png"));
        const Run r = run(baseEnvironment(),
                          {QStringLiteral("--screenshot"), png, QStringLiteral("--data"),
                           m_dir.filePath(QStringLiteral("embedded"))});
        QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
        QVERIFY(!QImage(png).isNull());
        QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("embedded/trove-gui.ini"))));
    }
};

QTEST_GUILESS_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
