#pragma once

#include "api/wiretypes.h"

#include <QAbstractListModel>
#include <QSet>

namespace Trove {

/// The artifacts of one task (task.execution.artifacts), with typed roles and no visuals.
/// "Pending" marks an artifact whose file is registered but not reachable yet (the SDK
/// registers before it uploads): the storage layer sets it with setPending().
class ArtifactListModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArtifactListModel)

public:
    enum Role {
        KeyRole = Qt::UserRole + 1,
        TypeRole,
        SizeRole, ///< qint64 content_size, -1 unknown
        HashRole, ///< sha256 hex
        UriRole,
        TimestampRole, ///< QDateTime (UTC) from epoch seconds
        ModeRole,      ///< "input" | "output"
        MetadataRole,  ///< QVariantMap of display_data
        PendingRole,   ///< bool
        ContentTypeRole,
        PreviewRole, ///< type_data.preview text
    };
    Q_ENUM(Role)

    explicit ArtifactListModel(QObject *parent = nullptr);

    /// Shows `task`'s artifacts. With the same task id, rows are updated in place (added,
    /// removed, changed) instead of a reset, so selections survive a refresh.
    void setTask(const Task &task);
    void clear();
    QString taskId() const { return m_taskId; }
    const Artifact &artifact(int row) const { return m_artifacts.at(row); }
    int rowOf(const QString &key, const QString &mode = QStringLiteral("output")) const;
    void setPending(const QString &key, const QString &mode, bool pending);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    static QString idOf(const Artifact &a) { return a.key + QLatin1Char('\n') + a.mode; }

    QString m_taskId;
    QList<Artifact> m_artifacts;
    QSet<QString> m_pending;
};

} // namespace Trove
