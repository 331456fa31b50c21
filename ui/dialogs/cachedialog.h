#pragma once

#include "cache/cachelimits.h"
#include "cache/sdkcache.h"

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>
#include <memory>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTimer;
class QTreeView;

namespace Trove {

class CacheEntryModel;
class MessageBar;

/// The cache panel: what the cache shared with the ClearML SDK holds (SdkCache, context
/// "global": downloaded files and extracted archive folders), its location, and the limits
/// Trove applies before each download.
///
///  - Lists name, kind, size, last use and whether an SDK lock is held; the total size and
///    count; "Open folder" shows the location in the file manager.
///  - "Remove selected" (Delete) and "Clear all…" (after a confirmation in the message bar)
///    never delete an entry whose lock is held (a ClearML process or Trove reads it): the
///    message bar says which were kept.
///  - The limits (max entries, as the SDK's default_cache_manager_size, and an optional byte
///    cap) are saved in the shared settings under CacheLimits' keys (cache/maxEntries,
///    cache/maxBytes) as they are edited; Session::evictionPolicy() reads the same keys.
///
/// Listing (sizing every folder) and deleting run on a worker thread with a busy bar; the
/// GUI thread only shows results. Non-modal: show() it; F5 refreshes.
class CacheDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CacheDialog)

public:
    /// A finished listing (worker → GUI).
    struct Listing
    {
        quint64 generation = 0;
        bool exists = false;
        QList<SdkCache::Entry> entries;
    };
    /// A finished removal and the listing after it.
    struct Removal
    {
        SdkCache::RemoveReport report;
        qint64 freedBytes = 0;
        Listing after;
    };

    explicit CacheDialog(QWidget *parent = nullptr);
    ~CacheDialog() override;

    /// The cache to show (Session::cache(), or Session::cacheFor(config) without a server) and
    /// the entry count clearml.conf sets (ClearmlConfig::cacheManagerSize), shown as the
    /// default limit. Starts a listing.
    void setCache(const SdkCache &cache,
                  int configuredMaxEntries = CacheLimits::kSdkDefaultMaxEntries);
    const SdkCache &cache() const { return m_cache; }

    /// The limits as shown (read from the settings at construction).
    CacheLimits limits() const;
    /// Shows and saves `limits`.
    void setLimits(const CacheLimits &limits);

    /// A listing or removal is under way (until its result is shown).
    bool isBusy() const;
    CacheEntryModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    MessageBar *messageBar() const { return m_messages; }
    /// "3 entries · 1.2 MiB" (or why there is nothing).
    QString summaryText() const;

public slots:
    /// Lists the cache again.
    void refresh();
    /// Removes every entry that is not in use, without asking (the button asks first).
    void clearAll();
    /// Removes the selected entries that are not in use.
    void removeSelected();
    /// Opens the cache folder in the file manager.
    void openLocation();

signals:
    void busyChanged(bool busy);
    /// A listing finished; model() holds it.
    void listed();
    /// A removal finished (the listing after it follows with listed()).
    void removalFinished(const QStringList &removed, const QStringList &keptLocked);
    /// The limits were edited and saved.
    void limitsChanged(const Trove::CacheLimits &limits);

private:
    void buildUi();
    void startListing();
    void startRemoval(const QStringList &names, bool all);
    void showListing(const Listing &listing);
    void showRemoval(const Removal &removal);
    void showRemovalMessage(const Removal &removal);
    void setBusy(bool busy, const QString &what = QString());
    void updateButtons();
    void loadLimits();
    void showLimits(const CacheLimits &limits);
    void saveLimits();
    void askClearAll();
    QStringList selectedNames() const;

    SdkCache m_cache{QString()};
    int m_configuredMaxEntries = CacheLimits::kSdkDefaultMaxEntries;
    quint64 m_generation = 0;
    bool m_folderExists = false;
    bool m_listedOnce = false;
    bool m_busyState = false;
    bool m_removing = false;
    bool m_refreshAfterRemoval = false;
    std::shared_ptr<std::atomic_bool> m_stop;
    QFutureWatcher<Listing> m_listWatcher;
    QFutureWatcher<Removal> m_removeWatcher;

    CacheEntryModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QLineEdit *m_location = nullptr;
    QPushButton *m_openButton = nullptr;
    MessageBar *m_messages = nullptr;
    QTreeView *m_view = nullptr;
    QLabel *m_summary = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_busyLabel = nullptr;
    QSpinBox *m_maxEntries = nullptr;
    QCheckBox *m_capEnabled = nullptr;
    QDoubleSpinBox *m_capGiB = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    QPushButton *m_clearButton = nullptr;
    QTimer *m_saveTimer = nullptr;
};

} // namespace Trove
