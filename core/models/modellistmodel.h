#pragma once

#include "api/clearmlapi.h"
#include "common/error.h"

#include <QAbstractListModel>
#include <QPointer>

namespace Trove {

/// The input and output models of one task (inputs first). Rows whose model could not be
/// read (deleted model, no access) are still listed from the task's own reference.
/// refresh() re-reads the same task and updates the rows in place when the list itself did
/// not change (live refresh keeps the selection).
class ModelListModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelListModel)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,      ///< the model's name
        EntryNameRole, ///< the name of the task's entry (the weights file stem)
        DirectionRole, ///< "input" | "output"
        UriRole,
        FrameworkRole,
        ReadyRole,   ///< bool: published
        CreatedRole, ///< QDateTime
        TaskIdRole,  ///< producing task
        ProjectIdRole,
        TagsRole,
        MissingRole, ///< bool: referenced by the task, but models.get_all did not return it
    };
    Q_ENUM(Role)

    explicit ModelListModel(ClearmlApi *api = nullptr, QObject *parent = nullptr);
    ~ModelListModel() override;

    /// Loads the models of `taskId` (ClearmlApi::getTaskModels); resets the model.
    void load(const QString &taskId);
    /// Re-reads the current task's models; emits loaded() (or errorOccurred()). Returns false
    /// when there is no task or a load is in flight.
    bool refresh();
    /// Shows already fetched models. The same task with the same rows updates in place;
    /// anything else resets the model.
    void setTaskModels(const QString &taskId, const TaskModels &models);
    /// The row of a model id, or -1.
    int rowOfId(const QString &modelId) const;
    /// The model of a row (only id and name for a MissingRole row).
    const Model &modelAt(int row) const { return m_rows.at(row).model; }
    QString taskId() const { return m_taskId; }
    bool isLoading() const { return m_inFlight != nullptr; }
    const Error &lastError() const { return m_lastError; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void loaded();
    void errorOccurred(const Trove::Error &error);

private:
    void fetch();

    struct Row
    {
        bool input = false;
        bool missing = false;
        QString entryName;
        Model model;
    };

    QPointer<ClearmlApi> m_api;
    QString m_taskId;
    QList<Row> m_rows;
    QPointer<ApiReply> m_inFlight;
    quint64 m_generation = 0;
    Error m_lastError;
};

} // namespace Trove
