#include "modellistmodel.h"

namespace Trove {

ModelListModel::ModelListModel(ClearmlApi *api, QObject *parent)
    : QAbstractListModel(parent)
    , m_api(api)
{}

ModelListModel::~ModelListModel()
{
    if (m_inFlight)
        m_inFlight->cancel();
}

void ModelListModel::load(const QString &taskId)
{
    ++m_generation;
    if (m_inFlight)
        m_inFlight->cancel();
    m_inFlight = nullptr;
    beginResetModel();
    m_taskId = taskId;
    m_rows.clear();
    m_lastError = Error();
    endResetModel();
    fetch();
}

bool ModelListModel::refresh()
{
    if (m_taskId.isEmpty() || m_inFlight || !m_api)
        return false;
    fetch();
    return true;
}

void ModelListModel::fetch()
{
    if (!m_api || m_taskId.isEmpty())
        return;
    const QString taskId = m_taskId;
    m_inFlight = m_api->getTaskModels(taskId);
    const quint64 generation = m_generation;
    m_inFlight->onFinished(this, [this, generation, taskId](ApiReply &r) {
        if (generation != m_generation)
            return;
        m_inFlight = nullptr;
        auto models = r.value<TaskModels>();
        if (!models) {
            if (!models.error().isCancelled()) {
                m_lastError = models.error();
                emit errorOccurred(m_lastError);
            }
            return;
        }
        m_lastError = Error();
        setTaskModels(taskId, models.value());
        emit loaded();
    });
}

void ModelListModel::setTaskModels(const QString &taskId, const TaskModels &models)
{
    QList<Row> rows;
    auto add = [&rows](const QList<TaskModelRef> &refs, const QList<Model> &found, bool input) {
        QStringList listed;
        for (const TaskModelRef &ref : refs) {
            Row row;
            row.input = input;
            row.entryName = ref.name;
            row.missing = true;
            row.model.id = ref.model.id;
            row.model.name = ref.model.name;
            for (const Model &m : found)
                if (m.id == ref.model.id) {
                    row.model = m;
                    row.missing = false;
                }
            listed << ref.model.id;
            rows << row;
        }
        // Models that point at the task but are not in its list (models.get_all{task}).
        for (const Model &m : found) {
            if (listed.contains(m.id))
                continue;
            Row row;
            row.input = input;
            row.model = m;
            rows << row;
        }
    };
    add(models.inputRefs, models.input, true);
    add(models.outputRefs, models.output, false);

    bool sameShape = taskId == m_taskId && rows.size() == m_rows.size();
    for (int i = 0; sameShape && i < rows.size(); ++i)
        sameShape = rows.at(i).model.id == m_rows.at(i).model.id
                    && rows.at(i).input == m_rows.at(i).input;
    if (!sameShape) {
        beginResetModel();
        m_taskId = taskId;
        m_rows = std::move(rows);
        endResetModel();
        return;
    }
    for (int i = 0; i < rows.size(); ++i) {
        const Row &a = rows.at(i);
        const Row &b = m_rows.at(i);
        const bool same = a.missing == b.missing && a.entryName == b.entryName
                          && a.model.name == b.model.name && a.model.uri == b.model.uri
                          && a.model.framework == b.model.framework
                          && a.model.ready == b.model.ready && a.model.tags == b.model.tags
                          && a.model.lastUpdate == b.model.lastUpdate;
        m_rows[i] = a;
        if (!same)
            emit dataChanged(index(i), index(i));
    }
}

int ModelListModel::rowOfId(const QString &modelId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).model.id == modelId)
            return i;
    return -1;
}

int ModelListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ModelListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Row &r = m_rows.at(index.row());
    const Model &m = r.model;
    switch (role) {
    case Qt::DisplayRole:
        return m.name.isEmpty() ? (r.entryName.isEmpty() ? m.id : r.entryName) : m.name;
    case Qt::ToolTipRole:
        return m.uri;
    case IdRole:
        return m.id;
    case NameRole:
        return m.name;
    case EntryNameRole:
        return r.entryName;
    case DirectionRole:
        return r.input ? QStringLiteral("input") : QStringLiteral("output");
    case UriRole:
        return m.uri;
    case FrameworkRole:
        return m.framework;
    case ReadyRole:
        return m.ready;
    case CreatedRole:
        return m.created;
    case TaskIdRole:
        return m.task.id;
    case ProjectIdRole:
        return m.project.id;
    case TagsRole:
        return m.tags;
    case MissingRole:
        return r.missing;
    default:
        return QVariant();
    }
}

QHash<int, QByteArray> ModelListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{IdRole, "id"},
                  {NameRole, "name"},
                  {EntryNameRole, "entryName"},
                  {DirectionRole, "direction"},
                  {UriRole, "uri"},
                  {FrameworkRole, "framework"},
                  {ReadyRole, "ready"},
                  {CreatedRole, "created"},
                  {TaskIdRole, "taskId"},
                  {ProjectIdRole, "projectId"},
                  {TagsRole, "tags"},
                  {MissingRole, "missing"}});
    return names;
}

} // namespace Trove
