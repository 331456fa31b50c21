#pragma once

#include "api/wiretypes.h"
#include "transfers/artifactpublisher.h"

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Trove {

/// Asks for the model name (and optionally the framework) when a weights file is dropped on
/// a task's Models tab; the default name is the task's, as trove-cli put-model and the
/// SDK's OutputModel use. The file is inspected off the GUI thread (a folder, an empty or
/// unreadable file is refused with the reason), and a task that cannot take output models
/// (not created / in progress, see ArtifactPublisher::checkTask) disables Upload with the
/// reason. After exec() == Accepted, request() is ready for an ArtifactPublisher.
class ModelUploadDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelUploadDialog)

public:
    ModelUploadDialog(const Task &task, const QString &weightsPath, QWidget *parent = nullptr);
    ~ModelUploadDialog() override;

    ArtifactPublisher::Request request() const;
    bool isInspecting() const { return !m_inspected; }

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *frameworkBox() const { return m_framework; }
    QPushButton *uploadButton() const { return m_upload; }
    QLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    void inspected();

private:
    void onInspected();
    void refresh();

    Task m_task;
    QString m_path;
    QString m_refusal;
    bool m_inspected = false;
    DroppedPath m_file;
    QLabel *m_fileLabel = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_framework = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_upload = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancel = std::make_shared<std::atomic_bool>(false);
    QFutureWatcher<DroppedPath> m_watcher;
};

} // namespace Trove
