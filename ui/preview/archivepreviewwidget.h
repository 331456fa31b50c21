#pragma once

#include "previewloader.h"

#include <QStackedWidget>

class QLabel;
class QToolButton;

namespace Trove {

class ArchiveTreeView;
class PreviewController;
class PreviewPane;

/// The archive preview: the member tree (from the zip central directory, or a tar walk), and
/// on activating a member a preview of that member alone, extracted off the GUI thread
/// (openArchiveMember: zip members read in place, bounded and CRC-checked; tar members
/// extracted alone to a temporary file) and shown by a nested PreviewPane and
/// PreviewController, with "Back to the listing" (Alt+Left, Backspace).
class ArchivePreviewWidget final : public QStackedWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArchivePreviewWidget)

public:
    ArchivePreviewWidget(PreviewSourcePtr archive,
                         const ArchiveLoad &listing,
                         QWidget *parent = nullptr);
    ~ArchivePreviewWidget() override;

    ArchiveTreeView *listView() const { return m_list; }
    PreviewPane *memberPane() const { return m_memberPane; }
    PreviewController *memberController() const { return m_memberController; }
    QToolButton *backButton() const { return m_back; }
    /// The member shown, empty while the listing is shown.
    QString currentMember() const { return m_member; }

public slots:
    void openMember(const QString &path);
    void backToListing();

signals:
    void memberOpened(const QString &path);

private:
    PreviewSourcePtr m_archive;
    ArchiveTreeView *m_list = nullptr;
    QWidget *m_memberPage = nullptr;
    QToolButton *m_back = nullptr;
    QLabel *m_memberLabel = nullptr;
    PreviewPane *m_memberPane = nullptr;
    PreviewController *m_memberController = nullptr;
    QString m_member;
};

} // namespace Trove
