#include "transfersdock.h"

#include "palettehelpers.h"
#include "transferdelegate.h"
#include "transferroles.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QShortcut>
#include <QStackedLayout>
#include <QToolButton>
#include <QVBoxLayout>

namespace Trove {

TransfersDock::TransfersDock(QWidget *parent)
    : QDockWidget(tr("Transfers"), parent)
    , m_view(new QListView)
    , m_delegate(new TransferDelegate(this))
{
    setObjectName(QStringLiteral("TransfersDock"));
    setAccessibleName(tr("Transfers"));

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto *header = new QWidget;
    auto *headerLayout = new QHBoxLayout(header);
    headerLayout->setContentsMargins(8, 4, 4, 4);
    m_summary = new QLabel;
    m_summary->setAccessibleName(tr("Transfer summary"));
    m_clearButton = new QToolButton;
    m_clearButton->setText(tr("Clear finished"));
    m_clearButton->setAccessibleName(tr("Clear finished transfers"));
    m_clearButton->setAutoRaise(true);
    connect(m_clearButton, &QToolButton::clicked, this, &TransfersDock::clearFinishedRequested);
    headerLayout->addWidget(m_summary, 1);
    headerLayout->addWidget(m_clearButton);
    layout->addWidget(header);

    m_stack = new QStackedLayout;
    auto *stack = m_stack;
    m_view->setItemDelegate(m_delegate);
    m_view->setMouseTracking(true);
    m_view->setUniformItemSizes(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setAccessibleName(tr("Transfer list"));
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setAlternatingRowColors(true);
    connect(m_view, &QListView::customContextMenuRequested, this, &TransfersDock::showContextMenu);
    m_empty = new QLabel(tr("No transfers yet.\nDownloads and uploads appear here."));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setEnabled(false);
    stack->addWidget(m_view);
    stack->addWidget(m_empty);
    layout->addLayout(stack, 1);
    setWidget(content);

    connect(m_delegate, &TransferDelegate::cancelRequested, this,
            [this](const QModelIndex &i) { emit cancelRequested(i.row()); });
    connect(m_delegate, &TransferDelegate::retryRequested, this,
            [this](const QModelIndex &i) { emit retryRequested(i.row()); });
    connect(m_delegate, &TransferDelegate::openRequested, this,
            [this](const QModelIndex &i) { emit openRequested(i.row()); });

    auto addKey = [this](QKeySequence key, auto handler) {
        auto *sc = new QShortcut(key, m_view);
        sc->setContext(Qt::WidgetShortcut);
        connect(sc, &QShortcut::activated, this, handler);
    };
    addKey(QKeySequence(Qt::Key_Delete), [this] {
        const QModelIndex i = m_view->currentIndex();
        if (i.isValid() && TransferDelegate::buttonFor(i) == TransferDelegate::Button::Cancel)
            emit cancelRequested(i.row());
    });
    addKey(QKeySequence(Qt::Key_R), [this] {
        const QModelIndex i = m_view->currentIndex();
        if (i.isValid() && TransferDelegate::buttonFor(i) == TransferDelegate::Button::Retry)
            emit retryRequested(i.row());
    });
    connect(m_view, &QListView::activated, this,
            [this](const QModelIndex &) { triggerForCurrent(); });
    updateSummary();
}

TransfersDock::~TransfersDock() = default;

void TransfersDock::setModel(QAbstractItemModel *model)
{
    if (m_view->model())
        disconnect(m_view->model(), nullptr, this, nullptr);
    m_view->setModel(model);
    if (model) {
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            connect(model, signal, this, &TransfersDock::updateSummary);
        connect(model, &QAbstractItemModel::modelReset, this, &TransfersDock::updateSummary);
        connect(model, &QAbstractItemModel::dataChanged, this, &TransfersDock::updateSummary);
    }
    updateSummary();
}

QAbstractItemModel *TransfersDock::model() const
{
    return m_view->model();
}

void TransfersDock::triggerForCurrent()
{
    const QModelIndex i = m_view->currentIndex();
    if (!i.isValid())
        return;
    switch (TransferDelegate::buttonFor(i)) {
    case TransferDelegate::Button::Open:
        emit openRequested(i.row());
        break;
    case TransferDelegate::Button::Retry:
        emit retryRequested(i.row());
        break;
    case TransferDelegate::Button::Cancel:
    case TransferDelegate::Button::None:
        break;
    }
}

void TransfersDock::updateSummary()
{
    QAbstractItemModel *model = m_view->model();
    int running = 0, failed = 0, finished = 0;
    const int rows = model ? model->rowCount() : 0;
    for (int r = 0; r < rows; ++r) {
        switch (TransferState(model->index(r, 0).data(TransferRoles::StateRole).toInt())) {
        case TransferState::Queued:
        case TransferState::Running:
            ++running;
            break;
        case TransferState::Failed:
            ++failed;
            break;
        case TransferState::Finished:
        case TransferState::Cancelled:
            ++finished;
            break;
        }
    }
    QString text = rows == 0 ? tr("No transfers") : tr("%1 active").arg(running);
    if (failed)
        text += QStringLiteral("  ·  ") + tr("%1 failed").arg(failed);
    if (finished)
        text += QStringLiteral("  ·  ") + tr("%1 done").arg(finished);
    m_summary->setText(text);
    m_clearButton->setEnabled(finished + failed > 0);
    m_stack->setCurrentWidget(rows == 0 ? static_cast<QWidget *>(m_empty) : m_view);
}

void TransfersDock::showContextMenu(const QPoint &pos)
{
    const QModelIndex i = m_view->indexAt(pos);
    if (!i.isValid())
        return;
    QMenu menu(this);
    const auto button = TransferDelegate::buttonFor(i);
    const int row = i.row();
    QAction *cancel
            = menu.addAction(tr("Cancel"), this, [this, row] { emit cancelRequested(row); });
    cancel->setEnabled(button == TransferDelegate::Button::Cancel);
    QAction *retry = menu.addAction(tr("Retry"), this, [this, row] { emit retryRequested(row); });
    retry->setEnabled(button == TransferDelegate::Button::Retry);
    QAction *open = menu.addAction(tr("Open"), this, [this, row] { emit openRequested(row); });
    open->setEnabled(button == TransferDelegate::Button::Open);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace Trove
