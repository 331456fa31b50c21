#include "localcopyproxymodel.h"

#include "models/artifactlistmodel.h"
#include "models/modellistmodel.h"
#include "session/session.h"

#include <QMimeData>
#include <QUrl>

namespace Trove {

LocalCopyProxyModel::RequestBuilder LocalCopyProxyModel::forArtifacts(Session *session)
{
    QPointer<Session> s(session);
    return [s](const QModelIndex &source) -> std::optional<DownloadRequest> {
        if (!s || !source.isValid())
            return std::nullopt;
        Artifact a;
        a.uri = source.data(ArtifactListModel::UriRole).toString();
        if (a.uri.isEmpty())
            return std::nullopt;
        a.key = source.data(ArtifactListModel::KeyRole).toString();
        a.type = source.data(ArtifactListModel::TypeRole).toString();
        a.hash = source.data(ArtifactListModel::HashRole).toString();
        a.contentSize = source.data(ArtifactListModel::SizeRole).toLongLong();
        return s->artifactDownload(a);
    };
}

LocalCopyProxyModel::RequestBuilder LocalCopyProxyModel::forModels(Session *session)
{
    QPointer<Session> s(session);
    return [s](const QModelIndex &source) -> std::optional<DownloadRequest> {
        if (!s || !source.isValid())
            return std::nullopt;
        Model m;
        m.id = source.data(ModelListModel::IdRole).toString();
        m.uri = source.data(ModelListModel::UriRole).toString();
        if (m.uri.isEmpty())
            return std::nullopt;
        return s->modelDownload(m);
    };
}

LocalCopyProxyModel::LocalCopyProxyModel(LocalCopyTracker *tracker,
                                         RequestBuilder builder,
                                         QObject *parent)
    : QIdentityProxyModel(parent)
    , m_tracker(tracker)
    , m_builder(std::move(builder))
{
    if (tracker)
        connect(tracker, &LocalCopyTracker::changed, this, &LocalCopyProxyModel::onTrackerChanged);
}

LocalCopyProxyModel::~LocalCopyProxyModel() = default;

std::optional<DownloadRequest> LocalCopyProxyModel::request(const QModelIndex &index) const
{
    if (!index.isValid() || !m_builder)
        return std::nullopt;
    return m_builder(mapToSource(index));
}

QString LocalCopyProxyModel::localPath(const QModelIndex &index) const
{
    const auto r = request(index);
    return r && m_tracker ? m_tracker->localPath(*r) : QString();
}

LocalCopyTracker::State LocalCopyProxyModel::localState(const QModelIndex &index) const
{
    const auto r = request(index);
    return r && m_tracker ? m_tracker->state(*r) : LocalCopyTracker::State::Unknown;
}

DownloadJob *LocalCopyProxyModel::ensureLocal(const QModelIndex &index)
{
    const auto r = request(index);
    return r && m_tracker ? m_tracker->download(*r) : nullptr;
}

void LocalCopyProxyModel::setHint(const QModelIndex &index, const QString &text)
{
    const auto r = request(index);
    if (!r)
        return;
    const QString key = LocalCopyTracker::keyOf(*r);
    if (m_hints.value(key) == text)
        return;
    if (text.isEmpty())
        m_hints.remove(key);
    else
        m_hints.insert(key, text);
    Q_EMIT dataChanged(index, index, {LocalHintRole, Qt::ToolTipRole});
}

QVariant LocalCopyProxyModel::data(const QModelIndex &index, int role) const
{
    switch (role) {
    case LocalPathRole:
        return localPath(index);
    case LocalStateRole:
        return int(localState(index));
    case LocalHintRole:
    case Qt::ToolTipRole: {
        const auto r = request(index);
        const QString hint = r ? m_hints.value(LocalCopyTracker::keyOf(*r)) : QString();
        if (role == LocalHintRole)
            return hint;
        const QVariant tip = QIdentityProxyModel::data(index, role);
        if (hint.isEmpty())
            return tip;
        return tip.toString().isEmpty() ? hint : tip.toString() + QLatin1Char('\n') + hint;
    }
    default:
        return QIdentityProxyModel::data(index, role);
    }
}

Qt::ItemFlags LocalCopyProxyModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QIdentityProxyModel::flags(index);
    if (index.isValid())
        f |= Qt::ItemIsDragEnabled;
    return f;
}

QStringList LocalCopyProxyModel::mimeTypes() const
{
    return {QStringLiteral("text/uri-list"), QStringLiteral("text/plain")};
}

QMimeData *LocalCopyProxyModel::mimeData(const QModelIndexList &indexes) const
{
    QList<QUrl> urls;
    QStringList paths;
    QSet<int> rows;
    for (const QModelIndex &index : indexes) {
        if (!index.isValid() || rows.contains(index.row()))
            continue;
        rows.insert(index.row());
        const QString path = localPath(index.siblingAtColumn(0));
        if (path.isEmpty())
            continue;
        urls << QUrl::fromLocalFile(path);
        paths << path;
    }
    if (urls.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setUrls(urls);
    mime->setText(paths.join(QLatin1Char('\n')));
    return mime;
}

Qt::DropActions LocalCopyProxyModel::supportedDragActions() const
{
    return Qt::CopyAction;
}

QHash<int, QByteArray> LocalCopyProxyModel::roleNames() const
{
    QHash<int, QByteArray> names = QIdentityProxyModel::roleNames();
    names.insert({{LocalPathRole, "localPath"},
                  {LocalStateRole, "localState"},
                  {LocalHintRole, "localHint"}});
    return names;
}

void LocalCopyProxyModel::onTrackerChanged(const QString &key)
{
    // Rows at any depth: the source may be grouped (a tree of group rows and items).
    std::function<void(const QModelIndex &)> visit = [&](const QModelIndex &parent) {
        const int rows = rowCount(parent);
        for (int row = 0; row < rows; ++row) {
            const QModelIndex i = index(row, 0, parent);
            const auto r = request(i);
            if (r && LocalCopyTracker::keyOf(*r) == key)
                Q_EMIT dataChanged(i, index(row, columnCount(parent) - 1, parent),
                                   {LocalPathRole, LocalStateRole, Qt::ToolTipRole});
            if (hasChildren(i))
                visit(i);
        }
    };
    visit(QModelIndex());
}

} // namespace Trove
