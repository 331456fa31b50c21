#include "transferscontroller.h"

#include "models/transferlistmodel.h"
#include "transfersdock.h"

#include <QDesktopServices>
#include <QDir>
#include <QUrl>

namespace Trove {

TransfersController::TransfersController(TransfersDock *dock,
                                         TransferManager *manager,
                                         QObject *parent)
    : QObject(parent)
    , m_dock(dock)
    , m_model(new TransferListModel(this))
{
    m_model->setManager(manager);
    dock->setModel(m_model);
    connect(dock, &TransfersDock::cancelRequested, m_model, &TransferListModel::cancel);
    connect(dock, &TransfersDock::retryRequested, this, [this](int row) { m_model->retry(row); });
    connect(dock, &TransfersDock::openRequested, this, &TransfersController::open);
    connect(dock, &TransfersDock::clearFinishedRequested, m_model,
            &TransferListModel::clearFinished);
}

// The dock's view drops the model when it is destroyed (QAbstractItemView follows its model's
// destroyed()); the dock itself may be half-destroyed here when it is our parent.
TransfersController::~TransfersController() = default;

void TransfersController::setManager(TransferManager *manager)
{
    m_model->setManager(manager);
}

bool TransfersController::open(int row)
{
    const QString path = m_model->resultPath(row);
    if (path.isEmpty()) {
        Q_EMIT openFailed(tr("This transfer has no local file to open."));
        return false;
    }
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path))) {
        Q_EMIT openFailed(tr("No application could open %1.").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    return true;
}

} // namespace Trove
