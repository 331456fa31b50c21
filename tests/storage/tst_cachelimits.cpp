// CacheLimits: the cache limits set in Trove, persisted in the settings trove and trove-cli
// share, and the eviction policy every Session download gets from them.
#include "cache/cachelimits.h"
#include "session/configsource.h"
#include "session/session.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace Trove;

class TestCacheLimits final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_config;

private Q_SLOTS:
    void initTestCase()
    {
        // A private settings folder (read once, at the first QSettings), so parallel tests
        // never share a settings file.
        QVERIFY(m_config.isValid());
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_config.path()));
        QStandardPaths::setTestModeEnabled(false);
        QVERIFY(ConfigSource::openSettings()->fileName().startsWith(m_config.path()));
    }

    void unsetLimitsFollowClearmlConf()
    {
        const CacheLimits none;
        QCOMPARE(none.policy(250).maxEntries, 250);
        QCOMPARE(none.policy(0).maxEntries, CacheLimits::kSdkDefaultMaxEntries);
        QCOMPARE(none.policy(250).maxBytes, qint64(0));
        const CacheLimits set{7, 5000};
        QCOMPARE(set.policy(250).maxEntries, 7);
        QCOMPARE(set.policy(250).maxBytes, qint64(5000));
    }

    void saveAndLoad()
    {
        QSettings settings(m_config.filePath(QStringLiteral("roundtrip.ini")),
                           QSettings::IniFormat);
        QCOMPARE(CacheLimits::load(settings), CacheLimits());
        const CacheLimits limits{12, qint64(3) << 40};
        limits.save(settings);
        QCOMPARE(settings.value(QStringLiteral("cache/maxEntries")).toInt(), 12);
        QCOMPARE(CacheLimits::load(settings), limits);
        CacheLimits().save(settings);
        QVERIFY(!settings.contains(CacheLimits::maxEntriesKey()));
        QVERIFY(!settings.contains(CacheLimits::maxBytesKey()));

        // Hand-edited nonsense reads as "not set".
        settings.setValue(CacheLimits::maxEntriesKey(), QStringLiteral("many"));
        settings.setValue(CacheLimits::maxBytesKey(), -5);
        QCOMPARE(CacheLimits::load(settings), CacheLimits());
    }

    void sessionDownloadsUseTheSharedLimits()
    {
        ClearmlConfig config;
        config.apiServer = QUrl(QStringLiteral("http://127.0.0.1:9"));
        config.filesServer = QUrl(QStringLiteral("http://127.0.0.1:9"));
        config.cacheManagerSize = 250;
        Session session(config);
        QCOMPARE(session.evictionPolicy().maxEntries, 250);
        QCOMPARE(session.evictionPolicy().maxBytes, qint64(0));

        CacheLimits{3, 4096}.save(*ConfigSource::openSettings());
        QCOMPARE(session.evictionPolicy().maxEntries, 3);
        Model model;
        model.uri = QStringLiteral("http://127.0.0.1:9/models/w.pt");
        const DownloadRequest request = session.modelDownload(model);
        QCOMPARE(request.eviction.maxEntries, 3);
        QCOMPARE(request.eviction.maxBytes, qint64(4096));

        CacheLimits().save(*ConfigSource::openSettings());
        QCOMPARE(session.evictionPolicy().maxEntries, 250);
    }
};

QTEST_GUILESS_MAIN(TestCacheLimits)
#include "tst_cachelimits.moc"
