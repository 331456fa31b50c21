#include "cachedialog.h"

#include "models/cacheentrymodel.h"
#include "session/configsource.h"
#include "widgets/messagebar.h"
#include "widgets/palettehelpers.h"

#include <QAction>
#include <QCheckBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTimer>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace Trove {

namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

CacheDialog::Listing
listCache(const SdkCache &cache, quint64 generation, const std::shared_ptr<std::atomic_bool> &stop)
{
    CacheDialog::Listing listing;
    listing.generation = generation;
    listing.exists = QFileInfo(cache.contextDir()).isDir();
    if (listing.exists)
        listing.entries = cache.entries([stop] { return stop->load(); });
    return listing;
}

CacheDialog::Removal removeFromCache(const SdkCache &cache,
                                     QStringList names,
                                     bool all,
                                     quint64 generation,
                                     const std::shared_ptr<std::atomic_bool> &stop)
{
    const SdkCache::CancelCheck cancelled = [stop] {
        return stop->load();
    };
    QHash<QString, qint64> sizes;
    for (const SdkCache::Entry &e : cache.entries(cancelled)) {
        sizes.insert(e.name, e.bytes);
        if (all)
            names << e.name;
    }
    CacheDialog::Removal removal;
    removal.report = cache.remove(names, cancelled);
    for (const QString &name : std::as_const(removal.report.removed))
        removal.freedBytes += sizes.value(name);
    removal.after = listCache(cache, generation, stop);
    return removal;
}

} // namespace

CacheDialog::CacheDialog(QWidget *parent)
    : QDialog(parent)
    , m_stop(std::make_shared<std::atomic_bool>(false))
    , m_model(new CacheEntryModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_saveTimer(new QTimer(this))
{
    setWindowTitle(tr("Cache"));
    setAccessibleName(tr("Cache shared with the ClearML SDK"));
    buildUi();
    loadLimits();

    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(300);
    connect(m_saveTimer, &QTimer::timeout, this, &CacheDialog::saveLimits);
    connect(&m_listWatcher, &QFutureWatcher<Listing>::finished, this,
            [this] { showListing(m_listWatcher.result()); });
    connect(&m_removeWatcher, &QFutureWatcher<Removal>::finished, this,
            [this] { showRemoval(m_removeWatcher.result()); });
    updateButtons();
}

CacheDialog::~CacheDialog()
{
    if (m_saveTimer->isActive())
        saveLimits();
    // Stop the worker between two files, then wait for it: it only touches its own values.
    m_stop->store(true);
    m_listWatcher.disconnect(this);
    m_removeWatcher.disconnect(this);
    m_listWatcher.waitForFinished();
    m_removeWatcher.waitForFinished();
}

void CacheDialog::buildUi()
{
    auto *layout = new QVBoxLayout(this);

    auto *locationRow = new QHBoxLayout;
    auto *locationLabel = new QLabel(tr("&Location:"), this);
    m_location = new QLineEdit(this);
    m_location->setReadOnly(true);
    m_location->setAccessibleName(tr("Cache location"));
    locationLabel->setBuddy(m_location);
    m_openButton = new QPushButton(tr("&Open folder"), this);
    m_openButton->setAccessibleName(tr("Open the cache folder"));
    connect(m_openButton, &QPushButton::clicked, this, &CacheDialog::openLocation);
    locationRow->addWidget(locationLabel);
    locationRow->addWidget(m_location, 1);
    locationRow->addWidget(m_openButton);
    layout->addLayout(locationRow);

    m_messages = new MessageBar(this);
    m_messages->hide();
    connect(m_messages, &MessageBar::retryRequested, this, &CacheDialog::refresh);
    connect(m_messages, &MessageBar::buttonClicked, this, [this](const QString &id) {
        if (id == QLatin1String("clearAll")) {
            m_messages->dismiss();
            clearAll();
        }
    });
    layout->addWidget(m_messages);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(CacheEntryModel::SortRole);
    m_view = new QTreeView(this);
    m_view->setModel(m_proxy);
    m_view->setAccessibleName(tr("Cached entries"));
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(CacheEntryModel::LastUsedColumn, Qt::DescendingOrder);
    m_view->setTextElideMode(Qt::ElideMiddle);
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(CacheEntryModel::NameColumn, QHeaderView::Stretch);
    for (int c : {int(CacheEntryModel::KindColumn), int(CacheEntryModel::SizeColumn),
                  int(CacheEntryModel::LastUsedColumn), int(CacheEntryModel::StatusColumn)})
        header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CacheDialog::updateButtons);
    auto *deleteAction = new QAction(tr("Remove selected"), m_view);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetShortcut);
    connect(deleteAction, &QAction::triggered, this, &CacheDialog::removeSelected);
    m_view->addAction(deleteAction);
    layout->addWidget(m_view, 1);

    auto *statusRow = new QHBoxLayout;
    m_summary = new QLabel(this);
    m_summary->setAccessibleName(tr("Cache size"));
    m_busyLabel = new QLabel(this);
    m_busyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setFixedWidth(90);
    m_busy->setAccessibleName(tr("Working on the cache"));
    m_busy->hide();
    statusRow->addWidget(m_summary, 1);
    statusRow->addWidget(m_busyLabel);
    statusRow->addWidget(m_busy);
    layout->addLayout(statusRow);

    auto *limitsBox = new QGroupBox(tr("Limits"), this);
    auto *form = new QFormLayout(limitsBox);
    m_maxEntries = new QSpinBox(limitsBox);
    m_maxEntries->setRange(0, 1000000);
    m_maxEntries->setAccessibleName(tr("Maximum number of entries"));
    m_maxEntries->setToolTip(tr("The oldest entries beyond this count are removed before each "
                                "download, as the ClearML SDK does (default_cache_manager_size)."));
    auto *capRow = new QHBoxLayout;
    m_capEnabled = new QCheckBox(tr("Limit the total size to"), limitsBox);
    m_capEnabled->setAccessibleName(tr("Limit the total size"));
    m_capGiB = new QDoubleSpinBox(limitsBox);
    m_capGiB->setRange(0.01, 1024.0 * 1024.0);
    m_capGiB->setDecimals(2);
    m_capGiB->setValue(10);
    m_capGiB->setSuffix(tr(" GB"));
    m_capGiB->setToolTip(tr("1 GB = 1024 MB, as sizes are shown everywhere in Trove"));
    m_capGiB->setAccessibleName(tr("Maximum total size in GB"));
    capRow->addWidget(m_capEnabled);
    capRow->addWidget(m_capGiB);
    capRow->addStretch(1);
    auto *note = new QLabel(tr("Trove applies these limits before each download. Entries in use "
                               "are never removed. The ClearML SDK itself follows clearml.conf."),
                            limitsBox);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    auto *entriesLabel = new QLabel(tr("Keep at &most:"), limitsBox);
    entriesLabel->setBuddy(m_maxEntries);
    form->addRow(entriesLabel, m_maxEntries);
    form->addRow(tr("Size:"), capRow);
    form->addRow(note);
    layout->addWidget(limitsBox);
    auto scheduleSave = [this] {
        m_capGiB->setEnabled(m_capEnabled->isChecked());
        m_saveTimer->start();
    };
    connect(m_maxEntries, &QSpinBox::valueChanged, this, scheduleSave);
    connect(m_capEnabled, &QCheckBox::toggled, this, scheduleSave);
    connect(m_capGiB, &QDoubleSpinBox::valueChanged, this, scheduleSave);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_refreshButton = buttons->addButton(tr("&Refresh"), QDialogButtonBox::ActionRole);
    m_refreshButton->setShortcut(QKeySequence::Refresh);
    m_refreshButton->setAccessibleName(tr("Refresh the list"));
    m_removeButton = buttons->addButton(tr("Re&move selected"), QDialogButtonBox::ActionRole);
    m_removeButton->setAccessibleName(tr("Remove the selected entries"));
    m_clearButton = buttons->addButton(tr("&Clear all…"), QDialogButtonBox::ActionRole);
    m_clearButton->setAccessibleName(tr("Clear the whole cache"));
    for (QPushButton *b : {m_refreshButton, m_removeButton, m_clearButton})
        b->setAutoDefault(false);
    connect(m_refreshButton, &QPushButton::clicked, this, &CacheDialog::refresh);
    connect(m_removeButton, &QPushButton::clicked, this, &CacheDialog::removeSelected);
    connect(m_clearButton, &QPushButton::clicked, this, &CacheDialog::askClearAll);
    connect(buttons, &QDialogButtonBox::rejected, this, &CacheDialog::reject);
    layout->addWidget(buttons);
    resize(760, 520);
}

void CacheDialog::setCache(const SdkCache &cache, int configuredMaxEntries)
{
    m_cache = cache;
    m_configuredMaxEntries
            = configuredMaxEntries > 0 ? configuredMaxEntries : CacheLimits::kSdkDefaultMaxEntries;
    m_maxEntries->setSpecialValueText(
            tr("clearml.conf setting (%1 entries)").arg(m_configuredMaxEntries));
    m_location->setText(QDir::toNativeSeparators(cache.contextDir()));
    m_location->setCursorPosition(0);
    m_location->setToolTip(m_location->text());
    m_model->setEntries({});
    m_listedOnce = false;
    m_messages->dismiss();
    ++m_generation; // results for the previous cache are dropped
    refresh();
}

CacheLimits CacheDialog::limits() const
{
    CacheLimits limits;
    limits.maxEntries = m_maxEntries->value();
    limits.maxBytes
            = m_capEnabled->isChecked() ? qint64(std::llround(m_capGiB->value() * kGiB)) : 0;
    return limits;
}

void CacheDialog::setLimits(const CacheLimits &limits)
{
    showLimits(limits);
    saveLimits();
}

void CacheDialog::loadLimits()
{
    showLimits(CacheLimits::load(*ConfigSource::openSettings()));
}

void CacheDialog::showLimits(const CacheLimits &limits)
{
    const QSignalBlocker a(m_maxEntries), b(m_capEnabled), c(m_capGiB);
    m_maxEntries->setValue(std::max(0, limits.maxEntries));
    m_capEnabled->setChecked(limits.maxBytes > 0);
    if (limits.maxBytes > 0)
        m_capGiB->setValue(double(limits.maxBytes) / kGiB);
    m_capGiB->setEnabled(limits.maxBytes > 0);
}

void CacheDialog::saveLimits()
{
    m_saveTimer->stop();
    const CacheLimits current = limits();
    const auto settings = ConfigSource::openSettings();
    current.save(*settings);
    settings->sync();
    if (settings->status() != QSettings::NoError)
        m_messages->showMessage(tr("Could not save the limits in %1.")
                                        .arg(QDir::toNativeSeparators(settings->fileName())),
                                MessageBar::Type::Error);
    emit limitsChanged(current);
}

bool CacheDialog::isBusy() const
{
    return m_busyState;
}

void CacheDialog::refresh()
{
    if (m_cache.baseDir().isEmpty())
        return;
    if (m_removing) {
        m_refreshAfterRemoval = true; // the removal's own listing may be of another cache
        return;
    }
    startListing();
}

void CacheDialog::startListing()
{
    // A listing still running for an older request is stopped and ignored.
    m_stop->store(true);
    m_stop = std::make_shared<std::atomic_bool>(false);
    const quint64 generation = ++m_generation;
    m_listWatcher.setFuture(QtConcurrent::run(listCache, m_cache, generation, m_stop));
    setBusy(true, tr("Measuring…"));
}

void CacheDialog::startRemoval(const QStringList &names, bool all)
{
    if (isBusy() || m_cache.baseDir().isEmpty())
        return;
    m_stop = std::make_shared<std::atomic_bool>(false);
    const quint64 generation = ++m_generation;
    m_removing = true;
    m_removeWatcher.setFuture(
            QtConcurrent::run(removeFromCache, m_cache, names, all, generation, m_stop));
    setBusy(true, tr("Removing…"));
}

void CacheDialog::showListing(const Listing &listing)
{
    if (listing.generation != m_generation)
        return;
    m_folderExists = listing.exists;
    m_listedOnce = true;
    const QStringList selected = selectedNames();
    m_model->setEntries(listing.entries);
    for (const QString &name : selected)
        if (const int row = m_model->rowOf(name); row >= 0)
            m_view->selectionModel()->select(m_proxy->mapFromSource(m_model->index(row, 0)),
                                             QItemSelectionModel::Select
                                                     | QItemSelectionModel::Rows);
    setBusy(false);
    emit listed();
}

void CacheDialog::showRemoval(const Removal &removal)
{
    m_removing = false;
    if (removal.after.generation == m_generation) {
        showRemovalMessage(removal);
        showListing(removal.after);
        emit removalFinished(removal.report.removed, removal.report.keptLocked);
    } else {
        setBusy(false);
    }
    if (m_refreshAfterRemoval) {
        m_refreshAfterRemoval = false;
        startListing();
    }
}

void CacheDialog::showRemovalMessage(const Removal &removal)
{
    const SdkCache::RemoveReport &r = removal.report;
    QString text
            = tr("Removed %1, %2 freed.")
                      .arg(PaletteHelpers::countText(r.removed.size(), tr("entry"), tr("entries")),
                           PaletteHelpers::formatBytes(removal.freedBytes));
    MessageBar::Type type = MessageBar::Type::Positive;
    if (!r.keptLocked.isEmpty()) {
        text += QLatin1Char(' ')
                + tr("Kept %1 in use (a ClearML process or Trove holds its lock): %2.")
                          .arg(PaletteHelpers::countText(r.keptLocked.size(), tr("entry"),
                                                         tr("entries")),
                               r.keptLocked.join(QStringLiteral(", ")));
        type = MessageBar::Type::Warning;
    }
    if (!r.failed.isEmpty()) {
        text += QLatin1Char(' ')
                + tr("Could not remove %1.").arg(r.failed.join(QStringLiteral(", ")));
        type = MessageBar::Type::Error;
    }
    m_messages->showMessage(text, type);
}

void CacheDialog::setBusy(bool busy, const QString &what)
{
    m_busyState = busy;
    m_busy->setVisible(busy);
    m_busyLabel->setText(busy ? what : QString());
    updateButtons();
    emit busyChanged(busy);
}

QString CacheDialog::summaryText() const
{
    return m_summary->text();
}

void CacheDialog::updateButtons()
{
    const bool busy = isBusy();
    const bool hasCache = !m_cache.baseDir().isEmpty();
    m_refreshButton->setEnabled(hasCache && !m_removing);
    m_removeButton->setEnabled(!busy && m_view->selectionModel()->hasSelection());
    m_clearButton->setEnabled(!busy && m_model->rowCount() > 0);
    m_openButton->setEnabled(hasCache && m_folderExists);

    QString summary;
    if (!hasCache)
        summary = tr("No cache selected.");
    else if (!m_listedOnce)
        summary.clear();
    else if (!m_folderExists)
        summary = tr("The cache folder does not exist yet: nothing was downloaded.");
    else if (m_model->rowCount() == 0)
        summary = tr("The cache is empty.");
    else
        summary = tr("%1 · %2").arg(
                PaletteHelpers::countText(m_model->rowCount(), tr("entry"), tr("entries")),
                PaletteHelpers::formatBytes(m_model->totalBytes()));
    m_summary->setText(summary);
}

QStringList CacheDialog::selectedNames() const
{
    QStringList names;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        names << m_proxy->mapToSource(index).data(CacheEntryModel::NameRole).toString();
    return names;
}

void CacheDialog::askClearAll()
{
    if (m_model->rowCount() == 0)
        return;
    m_messages->showMessage(
            tr("Remove all %1 (%2) from the cache? Entries in use are kept.")
                    .arg(PaletteHelpers::countText(m_model->rowCount(), tr("entry"), tr("entries")),
                         PaletteHelpers::formatBytes(m_model->totalBytes())),
            MessageBar::Type::Warning);
    m_messages->addButton(tr("Remove all"), QStringLiteral("clearAll"));
}

void CacheDialog::clearAll()
{
    startRemoval({}, true);
}

void CacheDialog::removeSelected()
{
    const QStringList names = selectedNames();
    if (!names.isEmpty())
        startRemoval(names, false);
}

void CacheDialog::openLocation()
{
    const QString dir = m_cache.contextDir();
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(dir)))
        m_messages->showMessage(
                tr("Could not open %1 in the file manager.").arg(QDir::toNativeSeparators(dir)),
                MessageBar::Type::Error);
}

} // namespace Trove
