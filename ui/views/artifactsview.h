#pragma once

#include "api/wiretypes.h"

#include "views/groupedtablepanel.h"
#include <QMenu>

namespace Trove {

class ArtifactListModel;

/// The artifacts of a task as a sortable table grouped into input and output artifacts:
/// name, type, human-readable size, short hash (the whole one is copied), URI, upload time,
/// mode and metadata. An artifact whose file is not on the storage yet shows as "pending".
/// Integrators add row actions through contextMenuRequested(), drag-out with
/// view()->setLocalCopies(), and drops with a DropZone on view().
class ArtifactsView final : public GroupedTablePanel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArtifactsView)

public:
    enum Column {
        NameColumn,
        TypeColumn,
        SizeColumn,
        HashColumn,
        UriColumn,
        UploadedColumn,
        ModeColumn,
        MetadataColumn,
        ColumnCount
    };

    explicit ArtifactsView(QWidget *parent = nullptr);
    ~ArtifactsView() override;

    void setSourceModel(ArtifactListModel *model);
    ArtifactListModel *sourceModel() const { return m_source; }

    bool hasCurrentArtifact() const;
    Artifact currentArtifact() const;
    /// Selects the artifact `key` (output first, then input); false when not listed.
    bool selectArtifact(const QString &key);

signals:
    /// The selected artifact changed; `valid` false when none is selected.
    void currentArtifactChanged(const Trove::Artifact &artifact, bool valid);
    void artifactActivated(const Trove::Artifact &artifact);
    void contextMenuRequested(QMenu *menu, const Trove::Artifact &artifact, bool valid);

private:
    Artifact artifactAt(const QModelIndex &source) const;

    ArtifactListModel *m_source = nullptr;
};

} // namespace Trove
