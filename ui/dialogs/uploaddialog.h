#pragma once

#include "api/wiretypes.h"
#include "transfers/artifactpublisher.h"
#include "transfers/uploadplan.h"

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>
#include <memory>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace Trove {

/// Asks how to upload a drop of files and folders onto a task: one row per dropped path
/// with its artifact name (editable; default as trove-cli put: the file name without its
/// last suffix, the folder name), kind (file, or folder → zip), size and status. A name that
/// clashes with one of the task's artifacts offers Replace or Rename (a free name is
/// suggested); two dropped items of the same name must be renamed. Upload stays disabled
/// while a name is empty, a clash is unresolved or a path is still being inspected; paths
/// that cannot be uploaded (empty folder, unreadable file…) are listed with the reason and
/// skipped. A task that cannot take artifacts (published) disables Upload with the reason.
///
/// The dropped paths are inspected off the GUI thread (sizes appear as they are known).
/// After exec() == Accepted, requests() gives one ArtifactPublisher::Request per item to
/// upload (IfExists::Replace where the user chose Replace, else Fail).
class UploadDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UploadDialog)

public:
    enum Column { NameColumn, KindColumn, SizeColumn, StatusColumn, ResolveColumn, ColumnCount };

    UploadDialog(const Task &task, const QStringList &paths, QWidget *parent = nullptr);
    ~UploadDialog() override;

    const UploadPlan &plan() const { return m_plan; }
    QList<ArtifactPublisher::Request> requests() const;
    bool isInspecting() const;

    QTableWidget *table() const { return m_table; }
    QPushButton *uploadButton() const { return m_upload; }
    QLabel *summaryLabel() const { return m_summary; }
    /// The Replace / Rename buttons of a row (hidden when not applicable).
    QPushButton *replaceButton(int row) const;
    QPushButton *renameButton(int row) const;

Q_SIGNALS:
    /// Every dropped path was inspected.
    void inspected();

private:
    void onResultReady(int index);
    void onNameEdited(int row, int column);
    void refresh();
    void refreshRow(int row);

    Task m_task;
    QString m_refusal;
    UploadPlan m_plan;
    QLabel *m_header = nullptr;
    QLabel *m_summary = nullptr;
    QTableWidget *m_table = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_upload = nullptr;
    QList<QPushButton *> m_replace;
    QList<QPushButton *> m_rename;
    bool m_updating = false;
    std::shared_ptr<std::atomic_bool> m_cancel = std::make_shared<std::atomic_bool>(false);
    QFutureWatcher<DroppedPath> m_watcher;
};

} // namespace Trove
