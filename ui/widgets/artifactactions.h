#pragma once

#include "api/wiretypes.h"
#include "transfers/copyjob.h"
#include "transfers/downloadjob.h"
#include "transfers/localcopytracker.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class QAction;
class QMenu;
class QToolBar;
class QWidget;

namespace Trove {

class FileRevealer;

/// The actions on one artifact or model — for a context menu, a toolbar and keyboard
/// shortcuts — working on the session's transfer manager and the SDK cache:
///
/// | action        | shortcut        | does                                                |
/// |---------------|-----------------|-----------------------------------------------------|
/// | Preview       | Space           | previewRequested(target)                            |
/// | Download      | Ctrl+D          | downloads into the SDK cache (progress in the dock) |
/// | Open          | Ctrl+Return     | opens with the default application (downloads first)|
/// | Reveal        | Ctrl+Shift+R    | shows it in the file manager (downloads first)      |
/// | Save as…      | Ctrl+Shift+S    | copies it out of the cache, off the GUI thread      |
/// | Copy path     | Ctrl+Alt+C      | the cached file's path (enabled once cached)        |
/// | Copy URI      | Ctrl+Shift+C    | the artifact's / model's storage URI                |
/// | Copy snippet  |                 | the ClearML SDK call that fetches it                |
/// | Open web UI   |                 | the task's / model's page in the ClearML web UI     |
///
/// Shortcuts are WidgetWithChildrenShortcut: attachTo(view) makes them work while that view
/// has focus. Work that needs the bytes starts a download (LocalCopyTracker: one per
/// session, shared with the views) and continues when it finishes, even if the selection
/// changed meanwhile; failures reach errorOccurred() (for a message bar). "Save as…" asks
/// with a non-blocking QFileDialog, then queues a CopyJob (a row in the transfers dock,
/// folders copied recursively). Nothing here waits on the GUI thread.
class ArtifactActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArtifactActions)

public:
    enum class Id {
        Preview,
        Download,
        Open,
        Reveal,
        SaveAs,
        CopyPath,
        CopyUri,
        CopySnippet,
        OpenWeb,
    };

    /// What the actions apply to.
    struct Target
    {
        enum class Kind { None, Artifact, Model };
        Kind kind = Kind::None;
        QString taskId;    ///< the artifact's task; a model's producing task
        QString projectId; ///< for web links; may be empty
        Artifact artifact;
        Model model;

        static Target
        forArtifact(const QString &taskId, const QString &projectId, const Artifact &artifact);
        static Target forModel(const Model &model);
        QString uri() const;
        QString displayName() const;
        bool isValid() const { return kind != Kind::None && !uri().isEmpty(); }
    };

    /// `dialogParent` parents the file dialog; `tracker` (one per session) gives the cache.
    ArtifactActions(LocalCopyTracker *tracker, QWidget *dialogParent, QObject *parent = nullptr);
    ~ArtifactActions() override;

    void setTarget(const Target &target);
    void clearTarget() { setTarget(Target()); }
    const Target &target() const { return m_target; }

    QAction *action(Id id) const;
    /// All actions in menu order (nullptr marks a separator).
    QList<QAction *> actions() const;
    void populateMenu(QMenu *menu) const;
    void populateToolBar(QToolBar *toolBar) const;
    /// Adds the actions to `widget`, so their shortcuts work while it (or a child) has focus.
    void attachTo(QWidget *widget) const;
    FileRevealer *revealer() const { return m_revealer; }

    /// The download request of the target (std::nullopt without a target).
    std::optional<DownloadRequest> request() const;
    /// The cached copy of the target, if known to be cached.
    QString localPath() const;

    // What the actions do, callable directly (the main window, tests):
    /// Starts the download (or returns the running one); nullptr when already cached.
    DownloadJob *download();
    /// Runs `then(localPath)` once the target is local (LocalCopyTracker::fetch: a cached
    /// copy is confirmed to exist off the GUI thread, else it is downloaded); errorOccurred
    /// on failure. Returns the download job when one was started right away.
    DownloadJob *withLocalCopy(std::function<void(const QString &)> then);
    void open();
    void reveal();
    /// Opens a non-blocking file dialog; on a choice, saveTo(choice).
    void saveAs();
    /// Copies the target to `destination` (after downloading it if needed) through the
    /// transfer manager; the CopyJob is passed to `started` once queued.
    void saveTo(const QString &destination, std::function<void(CopyJob *)> started = {});
    void copyPath();
    void copyUri();
    void copySnippet();
    void openWebUi();

    /// `'text'` as a Python string literal (backslashes, quotes, control characters
    /// escaped), safe to paste into code.
    static QString pythonLiteral(const QString &text);
    /// The ClearML SDK call that fetches `target` into the local cache.
    static QString pythonSnippet(const Target &target);
    /// The file name "Save as…" proposes (the uri's last segment, decoded).
    static QString suggestedFileName(const Target &target);

Q_SIGNALS:
    void previewRequested(const Trove::ArtifactActions::Target &target);
    /// A failure for the user (message bar); never for a cancel.
    void errorOccurred(const QString &message);
    /// A short confirmation ("Copied the path") for a status bar.
    void statusMessage(const QString &message);

private:
    void downloadSlot();
    QAction *make(Id id,
                  const QString &text,
                  const QString &icon,
                  const QKeySequence &shortcut,
                  void (ArtifactActions::*slot)());
    void updateActions();
    void onTrackerChanged(const QString &key);
    void setClipboard(const QString &text, const QString &what);

    QPointer<LocalCopyTracker> m_tracker;
    QPointer<QWidget> m_dialogParent;
    FileRevealer *m_revealer = nullptr;
    Target m_target;
    QString m_key;
    QHash<Id, QAction *> m_actions;
    QList<Id> m_order;
};

} // namespace Trove
