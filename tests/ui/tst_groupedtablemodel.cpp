// GroupedTableModel over core's ArtifactListModel (no server): groups appear and disappear
// with their rows, incremental updates keep persistent indexes, sorting stays inside groups;
// plus the artifact columns of ArtifactsView (sizes, short hashes, pending).
#include "models/artifactlistmodel.h"
#include "models/groupedtablemodel.h"
#include "views/artifactsview.h"
#include "views/groupedtableview.h"
#include "widgets/palettehelpers.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QSignalSpy>
#include <QTest>

using namespace Trove;

namespace {

Artifact artifact(const QString &key, qint64 size, const QString &mode = QStringLiteral("output"))
{
    Artifact a;
    a.key = key;
    a.type = QStringLiteral("custom");
    a.mode = mode;
    a.uri = QStringLiteral("http://files/") + key;
    a.contentSize = size;
    a.hash = QStringLiteral("0123456789abcdef0123456789abcdef");
    a.timestamp = 1735700000;
    return a;
}

QStringList childKeys(const GroupedTableModel &m, const QModelIndex &group)
{
    QStringList keys;
    for (int r = 0; r < m.rowCount(group); ++r)
        keys << m.index(r, 0, group).data().toString();
    return keys;
}

} // namespace

class TestGroupedTableModel : public QObject
{
    Q_OBJECT

private:
    static GroupedTableModel *makeModel(ArtifactListModel *source, QObject *parent)
    {
        auto *m = new GroupedTableModel(parent);
        m->setGroups(ArtifactListModel::ModeRole,
                     {{QStringLiteral("input"), QStringLiteral("Input")},
                      {QStringLiteral("output"), QStringLiteral("Output")}});
        m->setColumns({{QStringLiteral("Name"),
                        [](const QModelIndex &s, int role) -> QVariant {
                            if (role == Qt::DisplayRole || role == GroupedTableModel::SortRole)
                                return s.data(ArtifactListModel::KeyRole);
                            return QVariant();
                        }},
                       {QStringLiteral("Size"), [](const QModelIndex &s, int role) -> QVariant {
                            if (role == Qt::DisplayRole || role == GroupedTableModel::SortRole)
                                return s.data(ArtifactListModel::SizeRole);
                            return QVariant();
                        }}});
        m->setSourceModel(source);
        return m;
    }

private slots:
    void groupsFollowTheSourceIncrementally()
    {
        ArtifactListModel source;
        GroupedTableModel *model = makeModel(&source, this);
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), 0);
        Task task;
        task.id = QStringLiteral("t1");
        task.artifacts = {artifact(QStringLiteral("b"), 20), artifact(QStringLiteral("a"), 10)};
        source.setTask(task);
        QCOMPARE(model->rowCount(), 1); // only the output group
        QModelIndex out = model->groupIndex(QStringLiteral("output"));
        QVERIFY(out.isValid());
        QVERIFY(!model->groupIndex(QStringLiteral("input")).isValid());
        QCOMPARE(out.data().toString(), QStringLiteral("Output (2)"));
        QCOMPARE(childKeys(*model, out), (QStringList{QStringLiteral("b"), QStringLiteral("a")}));
        const QPersistentModelIndex a = model->index(1, 1, out);

        // An input artifact: its group appears first; the output rows keep their indexes.
        task.artifacts << artifact(QStringLiteral("in"), 5, QStringLiteral("input"))
                       << artifact(QStringLiteral("c"), 30);
        QSignalSpy reset(model, &QAbstractItemModel::modelReset);
        source.setTask(task);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("Input (1)"));
        out = model->groupIndex(QStringLiteral("output"));
        QCOMPARE(out.row(), 1);
        QCOMPARE(childKeys(*model, out),
                 (QStringList{QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("c")}));
        QVERIFY(a.isValid());
        QCOMPARE(a.parent(), QModelIndex(out));
        QCOMPARE(a.data().toLongLong(), 10);
        QCOMPARE(model->mapToSource(a).data(ArtifactListModel::KeyRole).toString(),
                 QStringLiteral("a"));

        // Sorting by size, descending, inside the groups.
        model->sort(1, Qt::DescendingOrder);
        QCOMPARE(childKeys(*model, out),
                 (QStringList{QStringLiteral("c"), QStringLiteral("b"), QStringLiteral("a")}));
        QCOMPARE(a.row(), 2);
        QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("Input (1)"));
        // A new row lands in sorted position.
        task.artifacts << artifact(QStringLiteral("d"), 15);
        source.setTask(task);
        QCOMPARE(childKeys(*model, out), (QStringList{QStringLiteral("c"), QStringLiteral("b"),
                                                      QStringLiteral("d"), QStringLiteral("a")}));

        // The input artifact goes away, and with it its group.
        task.artifacts.removeAt(2);
        source.setTask(task);
        QCOMPARE(model->rowCount(), 1);
        QVERIFY(!model->groupIndex(QStringLiteral("input")).isValid());
        QCOMPARE(model->groupIndex(QStringLiteral("output")).data().toString(),
                 QStringLiteral("Output (4)"));
        QVERIFY(a.isValid());
        QCOMPARE(a.data().toLongLong(), 10);

        // Changed data is announced on the grouped row.
        QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
        task.artifacts[0].contentSize = 21;
        source.setTask(task);
        QVERIFY(!changed.isEmpty());

        // A different task resets.
        Task other;
        other.id = QStringLiteral("t2");
        source.setTask(other);
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(!a.isValid());
    }

    void artifactsViewShowsAndCopies()
    {
        ArtifactListModel source;
        ArtifactsView view;
        view.setSourceModel(&source);
        QAbstractItemModelTester tester(view.tableModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        Task task;
        task.id = QStringLiteral("t1");
        task.artifacts = {artifact(QStringLiteral("weights"), 3 * 1024 * 1024),
                          artifact(QStringLiteral("later"), 100)};
        task.artifacts[1].displayData = {{QStringLiteral("format"), QStringLiteral("yaml")}};
        source.setTask(task);
        source.setPending(QStringLiteral("later"), QStringLiteral("output"), true);
        GroupedTableModel *m = view.tableModel();
        const QModelIndex out = m->groupIndex(QStringLiteral("output"));
        const QModelIndex weights = m->index(0, ArtifactsView::SizeColumn, out);
        QCOMPARE(weights.data().toString(), PaletteHelpers::formatBytes(3 * 1024 * 1024));
        QCOMPARE(weights.data(GroupedTableModel::SortRole).toLongLong(), 3 * 1024 * 1024);
        QCOMPARE(m->index(1, ArtifactsView::SizeColumn, out).data().toString(),
                 QStringLiteral("pending"));
        const QModelIndex hash = m->index(0, ArtifactsView::HashColumn, out);
        QCOMPARE(hash.data().toString(), QStringLiteral("0123456789ab…"));
        QCOMPARE(hash.data(GroupedTableModel::CopyRole).toString(),
                 QStringLiteral("0123456789abcdef0123456789abcdef"));
        QCOMPARE(m->index(1, ArtifactsView::MetadataColumn, out).data().toString(),
                 QStringLiteral("format: yaml"));

        QSignalSpy current(&view, &ArtifactsView::currentArtifactChanged);
        QVERIFY(view.selectArtifact(QStringLiteral("weights")));
        QCOMPARE(current.count(), 1);
        QCOMPARE(view.currentArtifact().key, QStringLiteral("weights"));
        view.view()->setCurrentIndex(hash);
        view.view()->copyCurrent();
        QCOMPARE(QApplication::clipboard()->text(),
                 QStringLiteral("0123456789abcdef0123456789abcdef"));
        QVERIFY(!view.selectArtifact(QStringLiteral("nope")));
    }
};

QTEST_MAIN(TestGroupedTableModel)
#include "tst_groupedtablemodel.moc"
