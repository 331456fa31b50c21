#include "demoworkspace.h"

#include "demoartifacts.h"
#include "democlient.h"
#include "writers/onnxwriter.h"
#include "writers/pyvalue.h"
#include "writers/safetensorswriter.h"
#include "writers/torchwriter.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtGlobal>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <optional>

namespace Trove::Server {

namespace {

using json = nlohmann::json;

const QString rootProject = QStringLiteral("Trove Demo");

std::string s(const QString &v)
{
    return v.toStdString();
}

bool sha256File(const QString &path, QString *hash, qint64 *size)
{
    // OpenSSL uses the CPU's SHA extensions: ~10x QCryptographicHash on the 100 MB table.
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
        return false;
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    qint64 n;
    while ((n = f.read(buffer.data(), buffer.size())) > 0)
        if (EVP_DigestUpdate(ctx.get(), buffer.constData(), size_t(n)) != 1)
            return false;
    if (n < 0)
        return false;
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1)
        return false;
    *hash = QString::fromLatin1(
            QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex());
    *size = f.size();
    return true;
}

/// Deterministic pseudo-random weights.
std::vector<float> weights(size_t n, float seed, float scale = 0.1f)
{
    std::vector<float> v(n);
    for (size_t i = 0; i < n; ++i)
        v[i] = scale * float(std::sin(seed * 12.9898 + double(i) * 78.233));
    return v;
}

std::vector<TensorData> classifierTensors(float seed)
{
    return {TensorData::float32(QStringLiteral("conv1.weight"), {8, 3, 3, 3}, weights(216, seed)),
            TensorData::float32(QStringLiteral("conv1.bias"), {8}, weights(8, seed + 1)),
            TensorData::float32(QStringLiteral("fc.weight"), {4, 32}, weights(128, seed + 2)),
            TensorData::float32(QStringLiteral("fc.bias"), {4}, weights(4, seed + 3))};
}

enum class Format { SafeTensors, TorchZip, Onnx };

struct ModelSpec
{
    QString name;
    QString fileName;
    QString framework;
    Format format = Format::SafeTensors;
    std::vector<TensorData> tensors;
    json labels = json::object();
    QString design;
    std::vector<std::array<QString, 3>> metadata; ///< key, type, value
    QString parent;
    QStringList tags;
};

struct TaskSpec
{
    QString project;
    QString name;
    QString type;
    QStringList tags;
    QString comment;
    json hyperparams = json::object();
};

class Populator final
{
public:
    Populator(const DemoTarget &target, const QString &scratch, QString *error)
        : m_client(target)
        , m_factory(scratch)
        , m_scratch(scratch)
        , m_error(error)
    {}

    bool run();

private:
    std::optional<json> call(const std::string &endpoint, const json &body)
    {
        return m_client.call(endpoint, body, m_error);
    }
    /// Calls that only add detail: a server without them still gets the demo.
    void softCall(const std::string &endpoint, const json &body)
    {
        QString err;
        if (!m_client.call(endpoint, body, &err))
            qWarning("demo workspace: %s", qPrintable(err));
    }

    bool project(const QString &name, const QString &description, const QStringList &tags);
    QString task(const TaskSpec &spec);
    bool status(const QString &taskId, const QString &status, const QString &reason = {});
    bool artifacts(const QString &taskId, const std::vector<DemoArtifact> &list);
    QString outputModel(const QString &taskId, const ModelSpec &spec);
    bool inputModel(const QString &taskId, const QString &modelId, const QString &name);
    bool populate();

    std::vector<std::string> tagList(const QStringList &tags) const
    {
        std::vector<std::string> out;
        for (const QString &t : tags)
            out.push_back(s(t));
        return out;
    }

    DemoClient m_client;
    DemoArtifactFactory m_factory;
    QString m_scratch;
    QString *m_error;
    std::map<QString, QString> m_projectIds;
    struct TaskInfo
    {
        QString project;
        QString name;
        json artifacts = json::array();
    };
    std::map<QString, TaskInfo> m_tasks;
};

bool Populator::project(const QString &name, const QString &description, const QStringList &tags)
{
    const auto data = call("projects.create", {{"name", s(name)},
                                               {"description", s(description)},
                                               {"tags", tagList(tags)},
                                               {"system_tags", json::array()}});
    if (!data)
        return false;
    m_projectIds[name] = QString::fromStdString(data->value("id", std::string()));
    return true;
}

QString Populator::task(const TaskSpec &spec)
{
    const QString projectId = m_projectIds.at(spec.project);
    const auto created = call("tasks.create", {{"name", s(spec.name)},
                                               {"type", s(spec.type)},
                                               {"project", s(projectId)},
                                               {"comment", s(spec.comment)},
                                               {"tags", tagList(spec.tags)},
                                               {"system_tags", {"development"}}});
    if (!created)
        return {};
    const QString id = QString::fromStdString(created->value("id", std::string()));
    if (id.isEmpty()) {
        *m_error = QStringLiteral("tasks.create returned no id");
        return {};
    }
    m_tasks[id] = TaskInfo{spec.project, spec.name, json::array()};
    const QString entry = spec.name.toLower().replace(QLatin1Char(' '), QLatin1Char('_'))
                          + QStringLiteral(".py");
    const json script = {{"binary", "python3.11"},
                         {"repository", "https://example.invalid/trove/demo.git"},
                         {"branch", "main"},
                         {"version_num", "4f1c2a9d0b7e6f5a4c3b2a1908f7e6d5c4b3a291"},
                         {"entry_point", s(entry)},
                         {"working_dir", "."},
                         {"diff", ""}};
    if (!call("tasks.edit", {{"task", s(id)}, {"force", true}, {"script", script}}))
        return {};
    const json runtime = {{"platform", "Linux-6.1.0-x86_64-with-glibc2.36"},
                          {"python_version", "3.11.2"},
                          {"python_exec", "/usr/bin/python3"},
                          {"OS", "Linux"},
                          {"processor", "x86_64"},
                          {"cpu_cores", 8},
                          {"memory_gb", 31.2},
                          {"hostname", "trove-demo"},
                          {"gpu_count", 0},
                          {"CLEARML VERSION", "1.17.0"},
                          {"progress", "0"}};
    json edit = {{"task", s(id)}, {"force", true}, {"runtime", runtime}};
    if (!spec.hyperparams.empty())
        edit["hyperparams"] = spec.hyperparams;
    if (!call("tasks.edit", edit))
        return {};
    softCall("tasks.set_requirements",
             {{"task", s(id)},
              {"requirements",
               {{"pip", "clearml==1.17.0\nnumpy==1.24.2\npandas==1.5.3\ntorch==2.1.0\n"},
                {"conda", ""}}}});
    return id;
}

bool Populator::status(const QString &taskId, const QString &status, const QString &reason)
{
    const std::string id = s(taskId);
    auto progress = [&](const char *p) {
        return call("tasks.edit", {{"task", id}, {"force", true}, {"runtime", {{"progress", p}}}})
                .has_value();
    };
    if (status == QLatin1String("created"))
        return true;
    if (status == QLatin1String("in_progress"))
        return true; // started already
    if (status == QLatin1String("completed") || status == QLatin1String("published")) {
        if (!progress("100")
            || !call("tasks.completed", {{"task", id},
                                         {"force", false},
                                         {"status_reason", "completed"},
                                         {"publish", false}}))
            return false;
        if (status == QLatin1String("published"))
            return call("tasks.publish",
                        {{"task", id}, {"force", false}, {"status_reason", "published"}})
                    .has_value();
        return true;
    }
    if (status == QLatin1String("failed"))
        return call("tasks.failed", {{"task", id},
                                     {"force", false},
                                     {"status_reason", s(reason)},
                                     {"status_message", s(reason)}})
                .has_value();
    if (status == QLatin1String("stopped"))
        return call("tasks.stopped", {{"task", id},
                                      {"force", false},
                                      {"status_reason", s(reason)},
                                      {"status_message", s(reason)}})
                .has_value();
    *m_error = QStringLiteral("unknown status %1").arg(status);
    return false;
}

bool Populator::artifacts(const QString &taskId, const std::vector<DemoArtifact> &list)
{
    TaskInfo &info = m_tasks.at(taskId);
    const QString prefix = info.project + QLatin1Char('/') + info.name + QLatin1Char('.') + taskId;
    for (const DemoArtifact &a : list) {
        json entry = {{"key", s(a.key)}, {"type", s(a.type)}};
        json typeData = {{"preview", s(a.preview)}};
        typeData["content_type"] = a.contentType.isEmpty() ? json(nullptr) : json(s(a.contentType));
        if (a.localPath.isEmpty()) {
            entry["uri"] = s(a.externalUri);
        } else {
            QString hash;
            qint64 size = 0;
            if (!sha256File(a.localPath, &hash, &size)) {
                *m_error = QStringLiteral("cannot hash %1").arg(a.localPath);
                return false;
            }
            const QString key = prefix + QStringLiteral("/artifacts/") + artifactFolderName(a.key)
                                + QLatin1Char('/') + a.fileName;
            QString uri;
            if (!m_client.upload(key, a.localPath, a.uploadMime, &uri, m_error))
                return false;
            entry["uri"] = s(uri);
            entry["hash"] = s(hash);
            entry["content_size"] = size;
            QFile::remove(a.localPath); // the SDK deletes its temp files after upload
        }
        entry["timestamp"] = QDateTime::currentSecsSinceEpoch();
        entry["type_data"] = typeData;
        if (!a.displayData.empty()) {
            json dd = json::array();
            for (const auto &[k, v] : a.displayData)
                dd.push_back({s(k), s(v)});
            entry["display_data"] = dd;
        }
        // Like the SDK: the full list of artifacts known so far, every time.
        info.artifacts.push_back(entry);
        if (!call("tasks.add_or_update_artifacts",
                  {{"task", s(taskId)}, {"artifacts", info.artifacts}, {"force", true}}))
            return false;
    }
    return true;
}

QString Populator::outputModel(const QString &taskId, const ModelSpec &spec)
{
    const TaskInfo &info = m_tasks.at(taskId);
    const QString projectId = m_projectIds.at(info.project);
    const auto created = call("models.create", {{"uri", "file:///uploading_file"},
                                                {"name", s(spec.name)},
                                                {"labels", json::object()},
                                                {"ready", false},
                                                {"public", false},
                                                {"project", s(projectId)}});
    if (!created)
        return {};
    const QString modelId = QString::fromStdString(created->value("id", std::string()));
    const QString comment = QStringLiteral("Created by task id: %1").arg(taskId);
    json edit = {{"model", s(modelId)},
                 {"uri", "file:///uploading_file"},
                 {"name", s(spec.name)},
                 {"comment", s(comment)},
                 {"tags", tagList(spec.tags)},
                 {"system_tags", json::array()},
                 {"framework", s(spec.framework)},
                 {"design", {{"design", s(spec.design)}}},
                 {"labels", spec.labels},
                 {"project", s(projectId)},
                 {"task", s(taskId)}};
    if (!spec.parent.isEmpty())
        edit["parent"] = s(spec.parent);
    if (!call("models.edit", edit))
        return {};
    const QString stem = spec.fileName.section(QLatin1Char('.'), 0, 0);
    if (!call("tasks.add_or_update_model",
              {{"task", s(taskId)}, {"name", s(stem)}, {"model", s(modelId)}, {"type", "output"}}))
        return {};

    const QString local
            = m_scratch + QStringLiteral("/models/") + modelId + QLatin1Char('/') + spec.fileName;
    QDir().mkpath(QFileInfo(local).absolutePath());
    bool written = false;
    if (spec.format == Format::TorchZip) {
        written = TorchZip::write(local, spec.tensors, m_error);
    } else if (spec.format == Format::Onnx) {
        QFile f(local);
        const QByteArray bytes = Onnx::linearModel(spec.tensors.at(0), spec.tensors.at(1));
        written = f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
        if (!written)
            *m_error = f.errorString();
    } else {
        written = SafeTensors::write(local, spec.tensors,
                                     {{QStringLiteral("format"), QStringLiteral("pt")},
                                      {QStringLiteral("producer"), QStringLiteral("trove-demo")}},
                                     m_error);
    }
    if (!written)
        return {};
    const QString key = info.project + QLatin1Char('/') + info.name + QLatin1Char('.') + taskId
                        + QStringLiteral("/models/") + spec.fileName;
    QString uri;
    if (!m_client.upload(key, local, QStringLiteral("application/octet-stream"), &uri, m_error))
        return {};
    edit["uri"] = s(uri);
    edit["comment"] = s(QStringLiteral("snapshot %1 stored\n").arg(local) + comment);
    edit["iteration"] = 0;
    if (!call("models.edit", edit))
        return {};
    if (!spec.metadata.empty()) {
        json md = json::array();
        for (const auto &[k, type, v] : spec.metadata)
            md.push_back({{"key", s(k)}, {"type", s(type)}, {"value", s(v)}});
        softCall("models.add_or_update_metadata", {{"model", s(modelId)}, {"metadata", md}});
    }
    return modelId;
}

bool Populator::inputModel(const QString &taskId, const QString &modelId, const QString &name)
{
    return call("tasks.add_or_update_model",
                {{"task", s(taskId)}, {"name", s(name)}, {"model", s(modelId)}, {"type", "input"}})
            .has_value();
}

json hyper(std::initializer_list<std::array<const char *, 3>> params)
{
    json args = json::object();
    for (const auto &[name, value, type] : params)
        args[name] = {{"section", "Args"}, {"name", name}, {"value", value}, {"type", type}};
    return {{"Args", args}};
}

bool Populator::run()
{
    if (!m_client.login(m_error))
        return false;
    const auto existing = call("projects.get_all", {{"name", "^Trove\\ Demo$"},
                                                    {"only_fields", {"id"}},
                                                    {"shallow_search", false},
                                                    {"search_hidden", true}});
    if (!existing)
        return false;
    if (existing->contains("projects") && !(*existing)["projects"].empty())
        return true; // already there
    return populate();
}

bool Populator::populate()
{
    const QString tabular = rootProject + QStringLiteral("/Tabular");
    const QString vision = rootProject + QStringLiteral("/Vision");
    const QString experiments = vision + QStringLiteral("/Experiments");
    if (!project(rootProject,
                 QStringLiteral("Demo workspace of trove-server: every artifact kind the "
                                "ClearML SDK makes, real weights and a model lineage."),
                 {QStringLiteral("demo")})
        || !project(tabular, QStringLiteral("Tabular data preparation"), {})
        || !project(vision, QStringLiteral("Image classification"), {QStringLiteral("cv")})
        || !project(experiments, QStringLiteral("Fine-tuning experiments"), {}))
        return false;

    const qint64 tableMb = qEnvironmentVariableIsSet("TROVE_DEMO_TABLE_MB")
                                   ? qEnvironmentVariableIntValue("TROVE_DEMO_TABLE_MB")
                                   : 100;
    const json labels = {{"cat", 0}, {"dog", 1}, {"bird", 2}, {"fish", 3}};
    const QString design = QStringLiteral("Classifier(\n  (conv1): Conv2d(3, 8, kernel_size=(3, "
                                          "3))\n  (fc): Linear(in_features=32, "
                                          "out_features=4)\n)");
    DemoArtifact a;
    std::vector<DemoArtifact> list;
    auto add = [&](bool ok) {
        if (ok)
            list.push_back(a);
        return ok;
    };

    // 1. Data preparation → the feature scaler (generation 1 of the lineage).
    const QString prep = task({tabular,
                               QStringLiteral("prepare customer table"),
                               QStringLiteral("data_processing"),
                               {QStringLiteral("dataset"), QStringLiteral("v2")},
                               QStringLiteral("Builds the customer table and the feature scaler."),
                               hyper({{{"rows", "1400000", "int"}}, {{"seed", "7", "int"}}})});
    if (prep.isEmpty() || !call("tasks.started", {{"task", s(prep)}, {"force", false}}))
        return false;
    list.clear();
    if (!add(m_factory.bigTable(QStringLiteral("customers"), QStringLiteral("customers.csv"),
                                tableMb * 1000 * 1000, &a, m_error))
        || !add(m_factory.pandasTable(QStringLiteral("summary"), 200, &a, m_error)))
        return false;
    const PyValue stats = PyValue::dict(
            {{PyValue::str(QStringLiteral("rows")), PyValue::integer(1400000)},
             {PyValue::str(QStringLiteral("null_fraction")),
              PyValue::dict({{PyValue::str(QStringLiteral("score")), PyValue::floating(0.0588)},
                             {PyValue::str(QStringLiteral("note")), PyValue::floating(0.2)}})},
             {PyValue::str(QStringLiteral("columns")),
              PyValue::list({PyValue::str(QStringLiteral("id")),
                             PyValue::str(QStringLiteral("date")),
                             PyValue::str(QStringLiteral("city")),
                             PyValue::str(QStringLiteral("score"))})},
             {PyValue::str(QStringLiteral("clean")), PyValue::boolean(true)}});
    if (!add(m_factory.dict(QStringLiteral("feature stats"), stats, false, &a, m_error))
        || !add(m_factory.dict(QStringLiteral("split config"), stats, true, &a, m_error)))
        return false;
    list.back().displayData = {{QStringLiteral("format"), QStringLiteral("yaml")}};
    if (!artifacts(prep, list))
        return false;
    ModelSpec scaler{QStringLiteral("feature scaler"),
                     QStringLiteral("scaler.safetensors"),
                     QStringLiteral("ScikitLearn"),
                     Format::SafeTensors,
                     {TensorData::float32(QStringLiteral("mean"), {8}, weights(8, 0.5f, 10.f)),
                      TensorData::float32(QStringLiteral("scale"), {8}, weights(8, 0.7f, 2.f))},
                     json::object(),
                     QStringLiteral("StandardScaler(with_mean=True)"),
                     {{QStringLiteral("features"), QStringLiteral("int"), QStringLiteral("8")}},
                     {},
                     {QStringLiteral("preprocessing")}};
    const QString scalerId = outputModel(prep, scaler);
    if (scalerId.isEmpty() || !status(prep, QStringLiteral("completed")))
        return false;

    // 2. Training → the base classifier (PyTorch zip).
    const QString train = task({vision,
                                QStringLiteral("train classifier"),
                                QStringLiteral("training"),
                                {QStringLiteral("baseline")},
                                QStringLiteral("Baseline CNN."),
                                hyper({{{"lr", "0.001", "float"}},
                                       {{"epochs", "20", "int"}},
                                       {{"batch_size", "64", "int"}}})});
    if (train.isEmpty() || !inputModel(train, scalerId, QStringLiteral("scaler"))
        || !call("tasks.started", {{"task", s(train)}, {"force", false}}))
        return false;
    list.clear();
    std::vector<double> confusion(16);
    for (int i = 0; i < 16; ++i)
        confusion[size_t(i)] = (i % 5 == 0) ? 0.9 - 0.05 * (i / 5) : 0.1 / 3 * ((i * 7) % 3);
    if (!add(m_factory.numpyMatrix(QStringLiteral("confusion matrix"), 4, 4, confusion, &a,
                                   m_error))
        || !add(m_factory.image(QStringLiteral("sample batch"), QStringLiteral(".png"), 64, 48, &a,
                                m_error))
        || !add(m_factory.text(
                QStringLiteral("training log"),
                QStringLiteral("epoch 1 loss 1.3862\nepoch 10 loss 0.4127\nepoch 20 loss 0.2101\n"),
                &a, m_error)))
        return false;
    if (!artifacts(train, list))
        return false;
    ModelSpec base{QStringLiteral("base classifier"),
                   QStringLiteral("classifier.pt"),
                   QStringLiteral("PyTorch"),
                   Format::TorchZip,
                   classifierTensors(1.f),
                   labels,
                   design,
                   {{QStringLiteral("epochs"), QStringLiteral("int"), QStringLiteral("20")},
                    {QStringLiteral("accuracy"), QStringLiteral("float"), QStringLiteral("0.912")}},
                   {},
                   {QStringLiteral("baseline")}};
    const QString baseId = outputModel(train, base);
    if (baseId.isEmpty() || !status(train, QStringLiteral("completed")))
        return false;

    // 3. Fine-tuning (published) → the fine-tuned classifier, parent = base.
    const QString tune = task({experiments,
                               QStringLiteral("fine-tune classifier lr=1e-4"),
                               QStringLiteral("training"),
                               {QStringLiteral("best")},
                               QStringLiteral("Fine-tunes the base classifier."),
                               hyper({{{"lr", "0.0001", "float"}}, {{"epochs", "5", "int"}}})});
    if (tune.isEmpty() || !inputModel(tune, baseId, QStringLiteral("classifier"))
        || !call("tasks.started", {{"task", s(tune)}, {"force", false}}))
        return false;
    list.clear();
    if (!add(m_factory.folder(QStringLiteral("augmentations"), QStringLiteral("augmentations"),
                              {{QStringLiteral("config.json"),
                                QByteArrayLiteral("{\"flip\": true, \"crop\": 0.9}\n")},
                               {QStringLiteral("README.md"),
                                QByteArrayLiteral("# Augmentations\nFlip and crop.\n")},
                               {QStringLiteral("samples/a.txt"), QByteArray(2500, 'a')},
                               {QStringLiteral("samples/b.txt"), QByteArrayLiteral("b\n")}},
                              &a, m_error))
        || !add(m_factory.pandasTable(QStringLiteral("predictions"), 5000, &a, m_error))
        || !add(m_factory.image(QStringLiteral("thumbnail"), QStringLiteral(".jpg"), 96, 96, &a,
                                m_error)))
        return false;
    if (!artifacts(tune, list))
        return false;
    ModelSpec tuned{
            QStringLiteral("fine-tuned classifier"),
            QStringLiteral("classifier_ft.safetensors"),
            QStringLiteral("PyTorch"),
            Format::SafeTensors,
            classifierTensors(2.f),
            labels,
            design,
            {{QStringLiteral("accuracy"), QStringLiteral("float"), QStringLiteral("0.947")}},
            baseId,
            {QStringLiteral("best")}};
    const QString tunedId = outputModel(tune, tuned);
    if (tunedId.isEmpty() || !status(tune, QStringLiteral("published")))
        return false;
    softCall("models.set_ready", {{"model", s(tunedId)}, {"publish_task", false}});

    // 4. Evaluation → a quantized copy, parent = fine-tuned.
    const QString eval = task({vision,
                               QStringLiteral("evaluate fine-tuned"),
                               QStringLiteral("testing"),
                               {QStringLiteral("eval")},
                               QStringLiteral("Held-out evaluation."),
                               {}});
    if (eval.isEmpty() || !inputModel(eval, tunedId, QStringLiteral("classifier_ft"))
        || !call("tasks.started", {{"task", s(eval)}, {"force", false}}))
        return false;
    list.clear();
    const PyValue state = PyValue::dict(
            {{PyValue::str(QStringLiteral("epoch")), PyValue::integer(5)},
             {PyValue::str(QStringLiteral("metrics")),
              PyValue::dict({{PyValue::str(QStringLiteral("accuracy")), PyValue::floating(0.947)},
                             {PyValue::str(QStringLiteral("f1")), PyValue::floating(0.9381)}})},
             {PyValue::str(QStringLiteral("classes")),
              PyValue::tuple({PyValue::str(QStringLiteral("cat")),
                              PyValue::str(QStringLiteral("dog")),
                              PyValue::str(QStringLiteral("bird")),
                              PyValue::str(QStringLiteral("fish"))})},
             {PyValue::str(QStringLiteral("history")),
              PyValue::list({PyValue::floating(0.61), PyValue::floating(0.83),
                             PyValue::floating(0.947)})},
             {PyValue::str(QStringLiteral("notes")), PyValue()}});
    std::vector<double> emb(6 * 4);
    for (size_t i = 0; i < emb.size(); ++i)
        emb[i] = std::round(1000.0 * std::sin(double(i))) / 1000.0;
    const PyValue withArray = PyValue::dict(
            {{PyValue::str(QStringLiteral("name")), PyValue::str(QStringLiteral("embeddings"))},
             {PyValue::str(QStringLiteral("vectors")), PyValue::ndarray({6, 4}, emb)}});
    if (!add(m_factory.dict(QStringLiteral("metrics"), state, false, &a, m_error))
        || !add(m_factory.pickle(QStringLiteral("eval state"), state, &a, m_error))
        || !add(m_factory.pickle(QStringLiteral("embeddings"), withArray, &a, m_error)))
        return false;
    if (!artifacts(eval, list))
        return false;
    ModelSpec quant{QStringLiteral("quantized classifier"),
                    QStringLiteral("classifier_q.safetensors"),
                    QStringLiteral("PyTorch"),
                    Format::SafeTensors,
                    classifierTensors(3.f),
                    labels,
                    design,
                    {{QStringLiteral("bits"), QStringLiteral("int"), QStringLiteral("8")}},
                    tunedId,
                    {}};
    const QString quantId = outputModel(eval, quant);
    if (quantId.isEmpty())
        return false;
    const std::vector<TensorData> fc = classifierTensors(2.f);
    ModelSpec onnx{QStringLiteral("classifier head (ONNX)"),
                   QStringLiteral("classifier_head.onnx"),
                   QStringLiteral("ONNX"),
                   Format::Onnx,
                   {fc.at(2), fc.at(3)},
                   labels,
                   QStringLiteral("Gemm(X[N,32], fc.weight[4,32]^T) + fc.bias[4]"),
                   {{QStringLiteral("opset"), QStringLiteral("int"), QStringLiteral("17")}},
                   tunedId,
                   {QStringLiteral("export")}};
    if (outputModel(eval, onnx).isEmpty() || !status(eval, QStringLiteral("completed")))
        return false;

    // 5. Inference, still running, on the quantized model.
    const QString infer = task({vision,
                                QStringLiteral("batch inference"),
                                QStringLiteral("inference"),
                                {QStringLiteral("nightly")},
                                QStringLiteral("Scores new uploads."),
                                {}});
    if (infer.isEmpty() || !inputModel(infer, quantId, QStringLiteral("classifier_q"))
        || !call("tasks.started", {{"task", s(infer)}, {"force", false}}))
        return false;

    // 6. A failed and a stopped experiment, and a draft.
    const QString failed = task({experiments,
                                 QStringLiteral("fine-tune classifier lr=1e-2"),
                                 QStringLiteral("training"),
                                 {QStringLiteral("diverged")},
                                 QStringLiteral("Learning rate too high."),
                                 hyper({{{"lr", "0.01", "float"}}})});
    if (failed.isEmpty() || !inputModel(failed, baseId, QStringLiteral("classifier"))
        || !call("tasks.started", {{"task", s(failed)}, {"force", false}}))
        return false;
    list.clear();
    if (!add(m_factory.text(
                QStringLiteral("error"),
                QStringLiteral("Traceback (most recent call last):\n  File \"train.py\", "
                               "line 88, in <module>\nFloatingPointError: loss is nan\n"),
                &a, m_error))
        || !artifacts(failed, list)
        || !status(failed, QStringLiteral("failed"), QStringLiteral("loss is nan")))
        return false;
    const QString stopped = task({experiments,
                                  QStringLiteral("sweep batch size"),
                                  QStringLiteral("training"),
                                  {QStringLiteral("sweep")},
                                  QStringLiteral("Stopped by the user."),
                                  hyper({{{"batch_size", "256", "int"}}})});
    if (stopped.isEmpty() || !call("tasks.started", {{"task", s(stopped)}, {"force", false}})
        || !status(stopped, QStringLiteral("stopped"), QStringLiteral("stopped by user")))
        return false;
    const QString draft = task({tabular,
                                QStringLiteral("draft new features"),
                                QStringLiteral("data_processing"),
                                {QStringLiteral("draft")},
                                QStringLiteral("Not run yet."),
                                {}});
    if (draft.isEmpty())
        return false;

    // 7. One task holding every artifact kind side by side.
    const QString gallery = task({rootProject,
                                  QStringLiteral("artifact gallery"),
                                  QStringLiteral("testing"),
                                  {QStringLiteral("showcase")},
                                  QStringLiteral("One artifact of every kind the SDK uploads."),
                                  {}});
    if (gallery.isEmpty() || !call("tasks.started", {{"task", s(gallery)}, {"force", false}}))
        return false;
    list.clear();
    std::vector<double> eye(100 * 100, 0.0);
    for (int i = 0; i < 100; ++i)
        eye[size_t(i * 100 + i)] = 1.0;
    if (!add(m_factory.file(QStringLiteral("data"), QStringLiteral("preprocess_data.csv"),
                            QByteArrayLiteral("a,b,c\n1,2.5,x\n2,3.5,y\n3,,z\n"), &a, m_error))
        || !add(m_factory.folder(QStringLiteral("folder"), QStringLiteral("folder"),
                                 {{QStringLiteral("one.txt"), QByteArrayLiteral("one\n")},
                                  {QStringLiteral("sub/two.txt"), QByteArrayLiteral("two\n")}},
                                 &a, m_error))
        || !add(m_factory.numpyMatrix(QStringLiteral("features"), 100, 100, eye, &a, m_error))
        || !add(m_factory.pandasTable(QStringLiteral("dataframe"), 100, &a, m_error))
        || !add(m_factory.image(QStringLiteral("image"), QStringLiteral(".png"), 32, 32, &a,
                                m_error))
        || !add(m_factory.image(QStringLiteral("photo"), QStringLiteral(".jpg"), 64, 64, &a,
                                m_error))
        || !add(m_factory.dict(QStringLiteral("dict"), stats, false, &a, m_error))
        || !add(m_factory.dict(QStringLiteral("yaml dict"), stats, true, &a, m_error))
        || !add(m_factory.text(QStringLiteral("string"), QStringLiteral("hello from trove"), &a,
                               m_error))
        || !add(m_factory.pickle(QStringLiteral("object"), state, &a, m_error))
        || !add(m_factory.pickle(QStringLiteral("array object"), withArray, &a, m_error)))
        return false;
    list.push_back(DemoArtifactFactory::url(
            QStringLiteral("external"), QStringLiteral("https://example.invalid/data/labels.csv")));
    list.back().displayData = {{QStringLiteral("source"), QStringLiteral("web")}};
    return artifacts(gallery, list) && status(gallery, QStringLiteral("completed"));
}

} // namespace

bool populateDemoWorkspace(const DemoTarget &target, QString *error)
{
    QString dummy;
    QString *err = error ? error : &dummy;
    const QString base = target.dataDir.isEmpty() ? QDir::tempPath() : target.dataDir;
    QTemporaryDir scratch(base + QStringLiteral("/demo-scratch-XXXXXX"));
    if (!scratch.isValid()) {
        *err = QStringLiteral("cannot create a scratch folder in %1").arg(base);
        return false;
    }
    Populator populator(target, scratch.path(), err);
    return populator.run();
}

} // namespace Trove::Server
