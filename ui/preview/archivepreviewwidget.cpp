#include "archivepreviewwidget.h"

#include "archivetreeview.h"
#include "previewcontroller.h"
#include "previewpane.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QShortcut>
#include <QStyle>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Trove {

ArchivePreviewWidget::ArchivePreviewWidget(PreviewSourcePtr archive,
                                           const ArchiveLoad &listing,
                                           QWidget *parent)
    : QStackedWidget(parent)
    , m_archive(std::move(archive))
    , m_list(new ArchiveTreeView)
    , m_memberPage(new QWidget)
    , m_back(new QToolButton)
    , m_memberLabel(new QLabel)
    , m_memberPane(new PreviewPane)
{
    setAccessibleName(tr("Archive preview"));
    m_list->setEntries(listing.entries, listing.truncated);
    connect(m_list, &ArchiveTreeView::activated, this, &ArchivePreviewWidget::openMember);
    addWidget(m_list);

    m_back->setText(tr("Back to the listing"));
    m_back->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    m_back->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_back->setAutoRaise(true);
    m_back->setAccessibleName(tr("Back to the archive listing"));
    m_back->setToolTip(tr("Back to the archive listing (Alt+Left)"));
    connect(m_back, &QToolButton::clicked, this, &ArchivePreviewWidget::backToListing);
    QList<QKeySequence> backKeys{QKeySequence(Qt::ALT | Qt::Key_Left),
                                 QKeySequence(Qt::Key_Backspace)};
    for (const QKeySequence &key : QKeySequence::keyBindings(QKeySequence::Back))
        if (!backKeys.contains(key)) // the same key twice would be ambiguous
            backKeys << key;
    for (const QKeySequence &key : std::as_const(backKeys)) {
        auto *shortcut = new QShortcut(key, m_memberPage);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &ArchivePreviewWidget::backToListing);
    }
    m_memberLabel->setAccessibleName(tr("Archive member shown"));
    m_memberLabel->setTextFormat(Qt::PlainText);
    m_memberLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 8, 2);
    bar->addWidget(m_back);
    bar->addWidget(m_memberLabel, 1);
    auto *line = new QFrame;
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    auto *layout = new QVBoxLayout(m_memberPage);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(line);
    layout->addWidget(m_memberPane, 1);
    addWidget(m_memberPage);

    m_memberController = new PreviewController(m_memberPane, this);
}

ArchivePreviewWidget::~ArchivePreviewWidget() = default;

void ArchivePreviewWidget::openMember(const QString &path)
{
    if (path.isEmpty() || path.endsWith(QLatin1Char('/')))
        return;
    m_member = path;
    m_memberLabel->setText(path);
    setCurrentWidget(m_memberPage);
    m_memberController->showArchiveMember(m_archive, path);
    m_back->setFocus();
    emit memberOpened(path);
}

void ArchivePreviewWidget::backToListing()
{
    if (currentWidget() != m_memberPage)
        return;
    m_memberController->clear();
    m_member.clear();
    setCurrentWidget(m_list);
    m_list->treeView()->setFocus();
}

} // namespace Trove
