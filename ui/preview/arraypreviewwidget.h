#pragma once

#include "arraydocument.h"

#include <QFutureWatcher>
#include <QWidget>

class QLabel;
class QStackedWidget;
class QTreeWidget;

namespace Trove {

class ArrayViewer;
class MessageBar;

/// The array preview of an .npy or .npz file: for .npz a list of the members (name, shape,
/// dtype) to choose from; the chosen array in an ArrayViewer over an NpyArrayProvider (only
/// what is on screen is read, off the GUI thread); statistics of the whole array computed in
/// the background (or on request for large remote arrays) and shown by the viewer.
class ArrayPreviewWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArrayPreviewWidget)

public:
    /// `first` is the member the loader prepared (loadArrayMember on a worker thread).
    ArrayPreviewWidget(ArrayDocumentPtr document, ArrayMemberLoad first, QWidget *parent = nullptr);
    ~ArrayPreviewWidget() override;

    ArrayViewer *viewer() const { return m_viewer; }
    QTreeWidget *memberList() const { return m_members; }
    MessageBar *messageBar() const { return m_bar; }
    /// Shown instead of the viewer for values that cannot be shown (object dtype, ...).
    QLabel *placeholder() const { return m_placeholder; }
    int currentMember() const { return m_current; }
    /// The provider of the current member (null for values that cannot be shown).
    NpyArrayProvider *provider() const { return m_provider.get(); }
    bool isComputingStats() const { return m_statsWatcher.isRunning(); }

public slots:
    /// Shows member `index` (loads it off the GUI thread unless it is current).
    void showMember(int index);
    /// Starts the statistics pass of the current member.
    void computeStats();

signals:
    /// A member's first screen is shown.
    void memberShown(int index);
    void statsReady();

private:
    void present(ArrayMemberLoad load);
    void statsFinished();
    void showNotes(const QStringList &notes);

    ArrayDocumentPtr m_document;
    QTreeWidget *m_members = nullptr;
    MessageBar *m_bar = nullptr;
    QStackedWidget *m_stack = nullptr;
    ArrayViewer *m_viewer = nullptr;
    QLabel *m_placeholder = nullptr; ///< for arrays whose values cannot be shown
    std::shared_ptr<NpyArrayProvider> m_provider;
    int m_current = -1;
    int m_requested = -1;
    int m_statsMember = -1;
    bool m_statsQueued = false;
    bool m_offeringStats = false;
    std::shared_ptr<std::atomic<qint64>> m_statsDone;
    QFutureWatcher<Result<ArrayMemberLoad>> m_loadWatcher;
    QFutureWatcher<Result<ArrayStatsView>> m_statsWatcher;
};

} // namespace Trove
