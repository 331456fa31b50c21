#include "uploaddialog.h"

#include "widgets/palettehelpers.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPromise>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Trove {
namespace {

QString kindText(const UploadPlan::Entry &e)
{
    if (!e.inspected)
        return QStringLiteral("…");
    switch (e.path.kind) {
    case DroppedPath::Kind::File:
        return UploadDialog::tr("File");
    case DroppedPath::Kind::Folder:
        return UploadDialog::tr("Folder → zip");
    case DroppedPath::Kind::Missing:
        return UploadDialog::tr("Missing");
    case DroppedPath::Kind::Other:
        return UploadDialog::tr("Other");
    }
    return QString();
}

QString sizeText(const UploadPlan::Entry &e)
{
    if (!e.inspected)
        return UploadDialog::tr("Scanning…");
    if (e.path.kind == DroppedPath::Kind::Folder)
        return UploadDialog::tr("%1 in %2")
                .arg(PaletteHelpers::formatBytes(e.path.size),
                     PaletteHelpers::countText(e.path.fileCount, UploadDialog::tr("file"),
                                               UploadDialog::tr("files")));
    if (e.path.kind == DroppedPath::Kind::File)
        return PaletteHelpers::formatBytes(e.path.size);
    return QString();
}

} // namespace

UploadDialog::UploadDialog(const Task &task, const QStringList &paths, QWidget *parent)
    : QDialog(parent)
    , m_task(task)
{
    setWindowTitle(tr("Upload artifacts"));
    setAccessibleName(tr("Upload artifacts"));
    m_refusal = ArtifactPublisher::checkTask(task, ArtifactPublisher::Kind::Artifact).message;

    QStringList existing;
    for (const Artifact &a : task.artifacts)
        existing << a.key;
    m_plan.setExistingNames(existing);
    // A trailing separator says "folder" without touching the disk; inspection confirms.
    for (const QString &path : paths)
        m_plan.addPath(path, path.endsWith(QLatin1Char('/')));

    auto *layout = new QVBoxLayout(this);
    const QString taskName = task.name.isEmpty() ? task.id : task.name;
    m_header = new QLabel(
            tr("Upload %1 as artifacts of task <b>%2</b>")
                    .arg(PaletteHelpers::countText(paths.size(), tr("item"), tr("items")),
                         taskName.toHtmlEscaped()));
    m_header->setAccessibleName(tr("Upload target"));
    layout->addWidget(m_header);

    m_table = new QTableWidget(int(paths.size()), ColumnCount);
    m_table->setAccessibleName(tr("Items to upload"));
    m_table->setHorizontalHeaderLabels(
            {tr("Artifact name"), tr("Kind"), tr("Size"), tr("Status"), QString()});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    m_table->setWordWrap(true);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(KindColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SizeColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(StatusColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ResolveColumn, QHeaderView::ResizeToContents);
    m_table->setColumnWidth(NameColumn, 200);
    for (int row = 0; row < m_plan.size(); ++row) {
        const UploadPlan::Entry &e = m_plan.entry(row);
        auto *name = new QTableWidgetItem(e.name);
        name->setToolTip(QDir::toNativeSeparators(e.path.path));
        m_table->setItem(row, NameColumn, name);
        for (int c : {KindColumn, SizeColumn, StatusColumn}) {
            auto *item = new QTableWidgetItem;
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            m_table->setItem(row, c, item);
        }
        auto *cell = new QWidget;
        auto *cellLayout = new QHBoxLayout(cell);
        cellLayout->setContentsMargins(4, 0, 4, 0);
        cellLayout->setSpacing(4);
        auto *replace = new QPushButton(tr("Replace"));
        replace->setAccessibleName(tr("Replace the task's artifact of this name"));
        replace->setToolTip(tr("Replace the task's artifact of this name with this upload"));
        replace->setCheckable(true);
        auto *rename = new QPushButton(tr("Rename"));
        rename->setAccessibleName(tr("Rename to a free name"));
        cellLayout->addWidget(replace);
        cellLayout->addWidget(rename);
        m_table->setCellWidget(row, ResolveColumn, cell);
        m_replace << replace;
        m_rename << rename;
        connect(replace, &QPushButton::toggled, this, [this, row](bool on) {
            if (m_updating)
                return;
            m_plan.setReplace(row, on);
            refresh();
        });
        connect(rename, &QPushButton::clicked, this, [this, row] {
            m_plan.rename(row);
            refresh();
            m_table->setCurrentCell(row, NameColumn);
        });
    }
    connect(m_table, &QTableWidget::cellChanged, this, &UploadDialog::onNameEdited);
    layout->addWidget(m_table, 1);

    m_summary = new QLabel;
    m_summary->setWordWrap(true);
    m_summary->setAccessibleName(tr("Upload summary"));
    layout->addWidget(m_summary);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_upload = m_buttons->addButton(tr("Upload"), QDialogButtonBox::AcceptRole);
    m_upload->setDefault(true);
    // Enter uploads (once possible); Cancel never becomes the default by taking focus.
    m_buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);
    m_upload->setAccessibleName(tr("Upload"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
    resize(780, std::min(560, 190 + 34 * int(paths.size())));

    // Inspect the paths in a worker, one result at a time.
    connect(&m_watcher, &QFutureWatcher<DroppedPath>::resultReadyAt, this,
            &UploadDialog::onResultReady);
    connect(&m_watcher, &QFutureWatcher<DroppedPath>::finished, this, &UploadDialog::inspected);
    auto cancel = m_cancel;
    m_watcher.setFuture(QtConcurrent::run(
            [cancel](QPromise<DroppedPath> &promise, const QStringList &list) {
                for (const QString &path : list) {
                    if (cancel->load() || promise.isCanceled())
                        return;
                    promise.addResult(DroppedPath::inspect(path, cancel.get()));
                }
            },
            paths));
    refresh();
}

UploadDialog::~UploadDialog()
{
    // An open editor commits while the table is torn down, after m_plan is gone.
    disconnect(m_table, nullptr, this, nullptr);
    m_cancel->store(true);
    m_watcher.cancel();
    m_watcher.waitForFinished(); // the walk polls the cancel flag
}

bool UploadDialog::isInspecting() const
{
    const QList<UploadPlan::Entry> &entries = m_plan.entries();
    return std::any_of(entries.cbegin(), entries.cend(),
                       [](const UploadPlan::Entry &e) { return !e.inspected; });
}

QPushButton *UploadDialog::replaceButton(int row) const
{
    return m_replace.value(row);
}

QPushButton *UploadDialog::renameButton(int row) const
{
    return m_rename.value(row);
}

QList<ArtifactPublisher::Request> UploadDialog::requests() const
{
    QList<ArtifactPublisher::Request> out;
    const QList<int> rows = m_plan.uploadable();
    for (int row : rows) {
        const UploadPlan::Entry &e = m_plan.entry(row);
        ArtifactPublisher::Request r;
        r.kind = ArtifactPublisher::Kind::Artifact;
        r.taskId = m_task.id;
        r.localPath = e.path.path;
        r.name = e.name;
        r.ifExists = e.replace && m_plan.clashesWithExisting(row)
                             ? ArtifactPublisher::IfExists::Replace
                             : ArtifactPublisher::IfExists::Fail;
        out << r;
    }
    return out;
}

void UploadDialog::onResultReady(int index)
{
    if (index < 0 || index >= m_plan.size())
        return;
    m_plan.setInspection(index, m_watcher.resultAt(index));
    refresh();
}

void UploadDialog::onNameEdited(int row, int column)
{
    if (m_updating || column != NameColumn)
        return;
    m_plan.setName(row, m_table->item(row, column)->text());
    refresh();
}

void UploadDialog::refresh()
{
    m_updating = true;
    for (int row = 0; row < m_plan.size(); ++row)
        refreshRow(row);
    m_updating = false;

    int unresolved = 0, skipped = 0, replaced = 0;
    for (int row = 0; row < m_plan.size(); ++row) {
        switch (m_plan.issue(row)) {
        case UploadPlan::Issue::ClashExisting:
        case UploadPlan::Issue::ClashInDrop:
        case UploadPlan::Issue::EmptyName:
            ++unresolved;
            break;
        case UploadPlan::Issue::Unusable:
            ++skipped;
            break;
        case UploadPlan::Issue::None:
            replaced += m_plan.clashesWithExisting(row) ? 1 : 0;
            break;
        case UploadPlan::Issue::Inspecting:
            break;
        }
    }
    QStringList parts;
    if (!m_refusal.isEmpty())
        parts << tr("Cannot upload: %1.").arg(m_refusal);
    if (isInspecting())
        parts << tr("Checking the dropped items…");
    if (unresolved)
        parts << tr("Resolve the highlighted names first.");
    if (replaced)
        parts << tr("%1 will be replaced.")
                         .arg(PaletteHelpers::countText(replaced, tr("artifact"), tr("artifacts")));
    if (skipped)
        parts << tr("%1 cannot be uploaded and will be skipped.")
                         .arg(PaletteHelpers::countText(skipped, tr("item"), tr("items")));
    m_summary->setText(parts.join(QLatin1Char(' ')));
    m_summary->setVisible(!parts.isEmpty());
    const int count = int(m_plan.uploadable().size());
    m_upload->setText(count > 1 ? tr("Upload %1").arg(count) : tr("Upload"));
    m_upload->setEnabled(m_refusal.isEmpty() && m_plan.isAcceptable());
    m_upload->setDefault(true);
}

void UploadDialog::refreshRow(int row)
{
    const UploadPlan::Entry &e = m_plan.entry(row);
    const UploadPlan::Issue issue = m_plan.issue(row);
    QTableWidgetItem *name = m_table->item(row, NameColumn);
    if (name->text() != e.name)
        name->setText(e.name);
    const bool usable = issue != UploadPlan::Issue::Unusable;
    name->setFlags(usable ? (Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable)
                          : Qt::ItemIsSelectable);
    m_table->item(row, KindColumn)->setText(kindText(e));
    m_table->item(row, SizeColumn)->setText(sizeText(e));
    QTableWidgetItem *status = m_table->item(row, StatusColumn);
    const QString text = m_plan.issueText(row);
    status->setText(text.isEmpty() ? tr("Ready") : text);
    status->setToolTip(m_plan.issueDetails(row));

    PaletteHelpers::Tone tone = PaletteHelpers::Tone::Neutral;
    switch (issue) {
    case UploadPlan::Issue::ClashExisting:
    case UploadPlan::Issue::ClashInDrop:
    case UploadPlan::Issue::EmptyName:
        tone = PaletteHelpers::Tone::Error;
        break;
    case UploadPlan::Issue::Unusable:
        tone = PaletteHelpers::Tone::Warning;
        break;
    case UploadPlan::Issue::None:
        tone = m_plan.clashesWithExisting(row) ? PaletteHelpers::Tone::Warning
                                               : PaletteHelpers::Tone::Positive;
        break;
    case UploadPlan::Issue::Inspecting:
        break;
    }
    status->setForeground(tone == PaletteHelpers::Tone::Neutral
                                  ? PaletteHelpers::secondaryText(palette())
                                  : PaletteHelpers::toneColor(tone, palette()));
    const bool flagged = tone == PaletteHelpers::Tone::Error;
    name->setBackground(flagged ? QBrush(PaletteHelpers::toneBackground(tone, palette()))
                                : QBrush());
    name->setForeground(usable ? palette().color(QPalette::Text)
                               : PaletteHelpers::secondaryText(palette()));

    const bool clashExisting = e.inspected && usable && m_plan.clashesWithExisting(row)
                               && !m_plan.clashesInDrop(row);
    const bool unresolved
            = issue == UploadPlan::Issue::ClashExisting || issue == UploadPlan::Issue::ClashInDrop;
    QPushButton *replace = m_replace.at(row);
    replace->setVisible(clashExisting);
    replace->setChecked(e.replace);
    replace->setText(e.replace ? tr("✓ Replace") : tr("Replace"));
    QPushButton *rename = m_rename.at(row);
    rename->setVisible(unresolved || clashExisting);
    rename->setToolTip(tr("Rename to \"%1\"").arg(m_plan.suggestedName(row)));
}

} // namespace Trove
