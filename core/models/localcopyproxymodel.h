#pragma once

#include "transfers/downloadjob.h"
#include "transfers/localcopytracker.h"

#include <QIdentityProxyModel>
#include <QPointer>

#include <functional>
#include <optional>

namespace Trove {

class Session;

/// Adds "where is this on disk" to a list of artifacts or models: roles for the local copy
/// (path, state, a transient hint such as "Ready — drag again"), drag support, and
/// mimeData() with the `text/uri-list` of the rows whose copy is cached — what a file
/// manager takes from a drag. Rows that are not cached are left out of the mime data (the
/// bytes are not there yet); ArtifactDragSource (ui) downloads them first.
///
/// The local state comes from a LocalCopyTracker: asking for a row's LocalStateRole
/// schedules its check off the GUI thread (visible rows only, as views only ask for those),
/// and dataChanged follows. A RequestBuilder turns a source row into its DownloadRequest:
/// forArtifacts() reads ArtifactListModel's roles, forModels() ModelListModel's.
class LocalCopyProxyModel final : public QIdentityProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalCopyProxyModel)

public:
    enum Role {
        LocalPathRole = Qt::UserRole + 0x200, ///< QString: the cached file/folder, or empty
        LocalStateRole,                       ///< int: LocalCopyTracker::State
        LocalHintRole,                        ///< QString: transient status text, or empty
    };
    Q_ENUM(Role)

    using RequestBuilder = std::function<std::optional<DownloadRequest>(const QModelIndex &)>;
    /// Artifact rows (ArtifactListModel roles) → Session::artifactDownload().
    static RequestBuilder forArtifacts(Session *session);
    /// Model rows (ModelListModel roles) → Session::modelDownload().
    static RequestBuilder forModels(Session *session);

    LocalCopyProxyModel(LocalCopyTracker *tracker,
                        RequestBuilder builder,
                        QObject *parent = nullptr);
    ~LocalCopyProxyModel() override;

    LocalCopyTracker *tracker() const { return m_tracker; }
    /// The request of a (proxy) row, if it has something to download.
    std::optional<DownloadRequest> request(const QModelIndex &index) const;
    QString localPath(const QModelIndex &index) const;
    LocalCopyTracker::State localState(const QModelIndex &index) const;
    /// Starts the row's download unless cached (nullptr) or already running (returned).
    DownloadJob *ensureLocal(const QModelIndex &index);
    /// Sets a transient status text for the row (empty clears it); shown as LocalHintRole
    /// and in the tooltip.
    void setHint(const QModelIndex &index, const QString &text);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    /// text/uri-list (and text/plain paths) of the cached rows among `indexes`; nullptr if
    /// none of them is cached.
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    void onTrackerChanged(const QString &key);

    QPointer<LocalCopyTracker> m_tracker;
    RequestBuilder m_builder;
    QHash<QString, QString> m_hints; ///< tracker key → hint
};

} // namespace Trove
