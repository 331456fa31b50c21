#include "previewpane.h"

#include "archivetreeview.h"
#include "arrayviewer.h"
#include "hexview.h"
#include "imageviewer.h"
#include "jsontreeview.h"
#include "modelsummaryview.h"
#include "pickletreeview.h"
#include "tableviewer.h"
#include "textviewer.h"
#include "widgets/palettehelpers.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace Trove {

namespace {
QWidget *centeredPage(QVBoxLayout *&inner)
{
    auto *page = new QWidget;
    auto *outer = new QVBoxLayout(page);
    outer->addStretch(1);
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    auto *box = new QWidget;
    box->setMaximumWidth(520);
    inner = new QVBoxLayout(box);
    inner->setSpacing(10);
    row->addWidget(box, 4);
    row->addStretch(1);
    outer->addLayout(row);
    outer->addStretch(2);
    return page;
}
} // namespace

PreviewPane::PreviewPane(QWidget *parent)
    : QStackedWidget(parent)
{
    setAccessibleName(tr("Preview"));

    QVBoxLayout *l = nullptr;
    m_emptyPage = centeredPage(l);
    m_emptyLabel = new QLabel;
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setAccessibleName(tr("No preview"));
    m_reload = new QPushButton(tr("&Load again"));
    m_reload->setAccessibleName(tr("Load the preview again"));
    connect(m_reload, &QPushButton::clicked, this, &PreviewPane::retryRequested);
    l->addWidget(m_emptyLabel);
    l->addWidget(m_reload, 0, Qt::AlignHCenter);
    addWidget(m_emptyPage);

    m_loadingPage = centeredPage(l);
    m_loadingLabel = new QLabel;
    m_loadingLabel->setAlignment(Qt::AlignCenter);
    m_loadingLabel->setWordWrap(true);
    m_loadingLabel->setAccessibleName(tr("Loading"));
    m_progress = new QProgressBar;
    m_progress->setAccessibleName(tr("Loading progress"));
    m_progress->setTextVisible(false);
    m_loadingDetail = new QLabel;
    m_loadingDetail->setAlignment(Qt::AlignCenter);
    m_loadingDetail->setAccessibleName(tr("Loaded amount"));
    m_cancel = new QPushButton(tr("&Cancel"));
    m_cancel->setAccessibleName(tr("Cancel loading"));
    connect(m_cancel, &QPushButton::clicked, this, &PreviewPane::cancelRequested);
    l->addWidget(m_loadingLabel);
    l->addWidget(m_progress);
    l->addWidget(m_loadingDetail);
    l->addWidget(m_cancel, 0, Qt::AlignHCenter);
    addWidget(m_loadingPage);

    m_errorPage = centeredPage(l);
    m_errorIcon = new QLabel;
    m_errorIcon->setAlignment(Qt::AlignCenter);
    m_errorIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxCritical).pixmap(48, 48));
    m_errorIcon->setAccessibleName(tr("Error"));
    m_errorLabel = new QLabel;
    m_errorLabel->setAlignment(Qt::AlignCenter);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setAccessibleName(tr("Error message"));
    QFont big = m_errorLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    big.setWeight(QFont::DemiBold);
    m_errorLabel->setFont(big);
    m_errorDetails = new QLabel;
    m_errorDetails->setAlignment(Qt::AlignCenter);
    m_errorDetails->setWordWrap(true);
    m_errorDetails->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorDetails->setAccessibleName(tr("Error details"));
    m_retry = new QPushButton(tr("&Retry"));
    m_retry->setAccessibleName(tr("Retry"));
    connect(m_retry, &QPushButton::clicked, this, &PreviewPane::retryRequested);
    l->addWidget(m_errorIcon);
    l->addWidget(m_errorLabel);
    l->addWidget(m_errorDetails);
    l->addWidget(m_retry, 0, Qt::AlignHCenter);
    addWidget(m_errorPage);

    showEmpty();
}

PreviewPane::~PreviewPane() = default;

void PreviewPane::focusIfInside(QWidget *button)
{
    // Only when the user is in the pane: a selection made in a list next to it keeps the
    // keyboard there (arrowing through artifacts must not jump into the preview).
    QWidget *focus = QApplication::focusWidget();
    if (!focus || focus == this || isAncestorOf(focus))
        button->setFocus();
}

template<typename T>
T *PreviewPane::viewer(T *&slot)
{
    if (!slot) {
        slot = new T;
        addWidget(slot);
    }
    return slot;
}

ImageViewer *PreviewPane::imageViewer()
{
    return viewer(m_image);
}
TextViewer *PreviewPane::textViewer()
{
    return viewer(m_text);
}
JsonTreeView *PreviewPane::jsonView()
{
    return viewer(m_json);
}
HexView *PreviewPane::hexView()
{
    return viewer(m_hex);
}
TableViewer *PreviewPane::tableViewer()
{
    return viewer(m_table);
}
ArrayViewer *PreviewPane::arrayViewer()
{
    return viewer(m_array);
}
ArchiveTreeView *PreviewPane::archiveView()
{
    return viewer(m_archive);
}
PickleTreeView *PreviewPane::pickleView()
{
    return viewer(m_pickle);
}
ModelSummaryView *PreviewPane::modelView()
{
    return viewer(m_model);
}

void PreviewPane::showViewer(QWidget *viewer)
{
    if (indexOf(viewer) < 0)
        addWidget(viewer);
    m_state = State::Viewer;
    setCurrentWidget(viewer);
}

QString PreviewPane::errorText() const
{
    return m_errorLabel->text();
}

void PreviewPane::showEmpty(const QString &text, bool canReload)
{
    m_reload->setVisible(canReload);
    m_emptyLabel->setText(text.isEmpty() ? tr("Select an artifact or model to preview it.") : text);
    QPalette pal = m_emptyLabel->palette();
    pal.setColor(QPalette::WindowText, PaletteHelpers::secondaryText(palette()));
    m_emptyLabel->setPalette(pal);
    m_state = State::Empty;
    setCurrentWidget(m_emptyPage);
    if (canReload)
        focusIfInside(m_reload);
}

void PreviewPane::showLoading(const QString &what)
{
    m_loadingLabel->setText(what.isEmpty() ? tr("Loading preview…") : what);
    m_loadingDetail->clear();
    m_progress->setRange(0, 0);
    m_state = State::Loading;
    setCurrentWidget(m_loadingPage);
    focusIfInside(m_cancel);
}

void PreviewPane::setProgress(qint64 done, qint64 total)
{
    if (total > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(std::clamp<qint64>(done * 1000 / total, 0, 1000)));
        m_loadingDetail->setText(tr("%1 of %2")
                                         .arg(PaletteHelpers::formatBytes(done),
                                              PaletteHelpers::formatBytes(total)));
    } else {
        m_progress->setRange(0, 0);
        m_loadingDetail->setText(done > 0 ? PaletteHelpers::formatBytes(done) : QString());
    }
}

void PreviewPane::showError(const QString &message, const QString &details, bool canRetry)
{
    m_errorLabel->setText(message);
    m_errorDetails->setText(details);
    m_errorDetails->setVisible(!details.isEmpty());
    QPalette pal = m_errorDetails->palette();
    pal.setColor(QPalette::WindowText, PaletteHelpers::secondaryText(palette()));
    m_errorDetails->setPalette(pal);
    m_retry->setVisible(canRetry);
    m_state = State::Error;
    setCurrentWidget(m_errorPage);
    if (canRetry)
        focusIfInside(m_retry);
}

} // namespace Trove
