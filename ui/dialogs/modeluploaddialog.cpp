#include "modeluploaddialog.h"

#include "widgets/palettehelpers.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Trove {

ModelUploadDialog::ModelUploadDialog(const Task &task, const QString &weightsPath, QWidget *parent)
    : QDialog(parent)
    , m_task(task)
    , m_path(weightsPath)
{
    setWindowTitle(tr("Upload output model"));
    setAccessibleName(tr("Upload output model"));
    m_refusal = ArtifactPublisher::checkTask(task, ArtifactPublisher::Kind::Model).message;

    auto *layout = new QVBoxLayout(this);
    const QString taskName = task.name.isEmpty() ? task.id : task.name;
    auto *header = new QLabel(tr("Register <b>%1</b> as an output model of task <b>%2</b>")
                                      .arg(QFileInfo(weightsPath).fileName().toHtmlEscaped(),
                                           taskName.toHtmlEscaped()));
    header->setWordWrap(true);
    layout->addWidget(header);

    auto *form = new QFormLayout;
    m_fileLabel = new QLabel(QDir::toNativeSeparators(weightsPath));
    m_fileLabel->setAccessibleName(tr("Weights file"));
    m_fileLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fileLabel->setWordWrap(true);
    form->addRow(tr("Weights file:"), m_fileLabel);
    m_name = new QLineEdit(task.name.isEmpty() ? QFileInfo(weightsPath).completeBaseName()
                                               : task.name);
    m_name->setAccessibleName(tr("Model name"));
    m_name->setPlaceholderText(tr("Model name"));
    form->addRow(tr("Model &name:"), m_name);
    m_framework = new QComboBox;
    m_framework->setEditable(true);
    m_framework->setAccessibleName(tr("Framework"));
    m_framework->addItems({QString(), QStringLiteral("PyTorch"), QStringLiteral("TensorFlow"),
                           QStringLiteral("Keras"), QStringLiteral("ONNX"),
                           QStringLiteral("ScikitLearn"), QStringLiteral("XGBoost"),
                           QStringLiteral("LightGBM"), QStringLiteral("CatBoost"),
                           QStringLiteral("MegEngine"), QStringLiteral("Custom")});
    m_framework->lineEdit()->setPlaceholderText(tr("optional"));
    form->addRow(tr("&Framework:"), m_framework);
    layout->addLayout(form);

    m_status = new QLabel;
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Upload status"));
    layout->addWidget(m_status);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_upload = buttons->addButton(tr("Upload"), QDialogButtonBox::AcceptRole);
    m_upload->setDefault(true);
    // Enter uploads (once possible); Cancel never becomes the default by taking focus.
    buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_name, &QLineEdit::textChanged, this, &ModelUploadDialog::refresh);
    resize(520, sizeHint().height());

    connect(&m_watcher, &QFutureWatcher<DroppedPath>::finished, this,
            &ModelUploadDialog::onInspected);
    auto cancel = m_cancel;
    m_watcher.setFuture(QtConcurrent::run(
            [cancel, weightsPath] { return DroppedPath::inspect(weightsPath, cancel.get()); }));
    refresh();
}

ModelUploadDialog::~ModelUploadDialog()
{
    m_cancel->store(true);
    m_watcher.waitForFinished();
}

ArtifactPublisher::Request ModelUploadDialog::request() const
{
    ArtifactPublisher::Request r;
    r.kind = ArtifactPublisher::Kind::Model;
    r.taskId = m_task.id;
    r.localPath = m_inspected ? m_file.path : m_path;
    r.name = m_name->text().trimmed();
    r.framework = m_framework->currentText().trimmed();
    return r;
}

void ModelUploadDialog::onInspected()
{
    m_file = m_watcher.result();
    m_inspected = true;
    if (m_file.isUsable() && m_file.isFolder())
        m_file.problem = tr("model weights must be a file, not a folder");
    if (m_file.isUsable())
        m_fileLabel->setText(tr("%1 (%2)").arg(QDir::toNativeSeparators(m_file.path),
                                               PaletteHelpers::formatBytes(m_file.size)));
    refresh();
    Q_EMIT inspected();
}

void ModelUploadDialog::refresh()
{
    QString problem = m_refusal;
    if (problem.isEmpty() && m_inspected && !m_file.isUsable())
        problem = m_file.problem;
    if (problem.isEmpty() && m_name->text().trimmed().isEmpty())
        problem = tr("the model name must not be empty");
    QPalette pal = m_status->palette();
    if (!problem.isEmpty()) {
        m_status->setText(tr("Cannot upload: %1.").arg(problem));
        pal.setColor(QPalette::WindowText,
                     PaletteHelpers::toneColor(PaletteHelpers::Tone::Error, palette()));
    } else {
        m_status->setText(m_inspected ? QString() : tr("Checking the file…"));
        pal.setColor(QPalette::WindowText, PaletteHelpers::secondaryText(palette()));
    }
    m_status->setPalette(pal);
    m_status->setVisible(!m_status->text().isEmpty());
    m_upload->setEnabled(problem.isEmpty() && m_inspected);
    m_upload->setDefault(true);
}

} // namespace Trove
