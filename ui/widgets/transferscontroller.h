#pragma once

#include <QObject>
#include <QPointer>

namespace Trove {

class TransferListModel;
class TransferManager;
class TransfersDock;

/// Connects a TransfersDock to a session's TransferManager: owns the TransferListModel the
/// dock shows, and performs what the dock asks for — Cancel (the job), Retry (the same
/// request re-queued in the same row; an upload of ArtifactPublisher continues to its
/// registration), Open (the finished file or folder with the desktop's default application,
/// QDesktopServices), Clear finished (rows of done jobs removed, jobs deleted).
///
/// Usage in the main window: `new TransfersController(dock, session->transfers(), dock)`;
/// call setManager() when the session changes.
class TransfersController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransfersController)

public:
    TransfersController(TransfersDock *dock, TransferManager *manager, QObject *parent = nullptr);
    ~TransfersController() override;

    void setManager(TransferManager *manager);
    TransferListModel *model() const { return m_model; }
    TransfersDock *dock() const { return m_dock; }

    /// Opens the finished row's file or folder. False (and openFailed) when there is none
    /// or the desktop refused.
    bool open(int row);

Q_SIGNALS:
    /// The desktop could not open a finished transfer's result (for a message bar).
    void openFailed(const QString &message);

private:
    QPointer<TransfersDock> m_dock;
    TransferListModel *m_model = nullptr;
};

} // namespace Trove
