#pragma once

#include "api/wiretypes.h"

#include "views/groupedtablepanel.h"
#include <QMenu>

namespace Trove {

class ModelListModel;

/// The input and output models of a task (core's ModelListModel) as a sortable table grouped
/// by direction: name, framework, state, creation time, URI, the task's entry name and ID.
/// Activating a row (Enter, double-click) asks to go to the task that produced the model.
class ModelsView final : public GroupedTablePanel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelsView)

public:
    enum Column {
        NameColumn,
        FrameworkColumn,
        StateColumn,
        CreatedColumn,
        UriColumn,
        EntryColumn,
        IdColumn,
        ColumnCount
    };

    explicit ModelsView(QWidget *parent = nullptr);
    ~ModelsView() override;

    void setSourceModel(ModelListModel *model);
    ModelListModel *sourceModel() const { return m_source; }

    QString currentModelId() const;
    bool hasCurrentModel() const;
    Model currentModel() const;
    bool selectModel(const QString &modelId);

signals:
    void currentModelChanged(const Trove::Model &model, bool valid);
    void modelActivated(const Trove::Model &model);
    void contextMenuRequested(QMenu *menu, const Trove::Model &model, bool valid);

private:
    Model modelAt(const QModelIndex &source) const;

    ModelListModel *m_source = nullptr;
};

} // namespace Trove
