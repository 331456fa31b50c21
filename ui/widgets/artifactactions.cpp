#include "artifactactions.h"

#include "api/weblinks.h"
#include "filerevealer.h"
#include "session/session.h"
#include "transfers/transfermanager.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QMenu>
#include <QStyle>
#include <QToolBar>
#include <QUrl>

namespace Trove {

ArtifactActions::Target ArtifactActions::Target::forArtifact(const QString &taskId,
                                                             const QString &projectId,
                                                             const Artifact &artifact)
{
    Target t;
    t.kind = Kind::Artifact;
    t.taskId = taskId;
    t.projectId = projectId;
    t.artifact = artifact;
    return t;
}

ArtifactActions::Target ArtifactActions::Target::forModel(const Model &model)
{
    Target t;
    t.kind = Kind::Model;
    t.model = model;
    t.taskId = model.task.id;
    t.projectId = model.project.id;
    return t;
}

QString ArtifactActions::Target::uri() const
{
    switch (kind) {
    case Kind::Artifact:
        return artifact.uri;
    case Kind::Model:
        return model.uri;
    case Kind::None:
        break;
    }
    return QString();
}

QString ArtifactActions::Target::displayName() const
{
    if (kind == Kind::Artifact)
        return artifact.key;
    if (kind == Kind::Model)
        return model.name.isEmpty() ? model.id : model.name;
    return QString();
}

ArtifactActions::ArtifactActions(LocalCopyTracker *tracker, QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_tracker(tracker)
    , m_dialogParent(dialogParent)
    , m_revealer(new FileRevealer(this))
{
    make(Id::Preview, tr("&Preview"), QStringLiteral("document-preview"),
         QKeySequence(Qt::Key_Space), nullptr);
    make(Id::Download, tr("&Download to Cache"), QStringLiteral("download"),
         QKeySequence(Qt::CTRL | Qt::Key_D), &ArtifactActions::downloadSlot);
    make(Id::Open, tr("&Open with Default Application"), QStringLiteral("document-open"),
         QKeySequence(Qt::CTRL | Qt::Key_Return), &ArtifactActions::open);
    make(Id::Reveal, tr("&Reveal in Folder"), QStringLiteral("document-open-folder"),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), &ArtifactActions::reveal);
    make(Id::SaveAs, tr("&Save As…"), QStringLiteral("document-save-as"),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), &ArtifactActions::saveAs);
    make(Id::CopyPath, tr("Copy &Local Path"), QStringLiteral("edit-copy-path"),
         QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C), &ArtifactActions::copyPath);
    make(Id::CopyUri, tr("Copy &URI"), QStringLiteral("edit-copy"),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), &ArtifactActions::copyUri);
    make(Id::CopySnippet, tr("Copy P&ython Snippet"), QStringLiteral("code-context"),
         QKeySequence(), &ArtifactActions::copySnippet);
    make(Id::OpenWeb, tr("Open in ClearML &Web UI"), QStringLiteral("internet-web-browser"),
         QKeySequence(), &ArtifactActions::openWebUi);
    connect(m_actions.value(Id::Preview), &QAction::triggered, this, [this] {
        if (m_target.isValid())
            Q_EMIT previewRequested(m_target);
    });
    connect(m_revealer, &FileRevealer::failed, this, &ArtifactActions::errorOccurred);
    if (tracker)
        connect(tracker, &LocalCopyTracker::changed, this, &ArtifactActions::onTrackerChanged);
    updateActions();
}

ArtifactActions::~ArtifactActions() = default;

QAction *ArtifactActions::make(Id id,
                               const QString &text,
                               const QString &icon,
                               const QKeySequence &shortcut,
                               void (ArtifactActions::*slot)())
{
    auto *action = new QAction(QIcon::fromTheme(icon), text, this);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setObjectName(QStringLiteral("artifact.%1").arg(int(id)));
    QString tip = action->text().remove(QLatin1Char('&'));
    if (!shortcut.isEmpty())
        tip += QStringLiteral(" (%1)").arg(shortcut.toString(QKeySequence::NativeText));
    action->setToolTip(tip);
    if (slot)
        connect(action, &QAction::triggered, this, slot);
    m_actions.insert(id, action);
    m_order << id;
    return action;
}

void ArtifactActions::downloadSlot()
{
    download();
}

QAction *ArtifactActions::action(Id id) const
{
    return m_actions.value(id);
}

QList<QAction *> ArtifactActions::actions() const
{
    QList<QAction *> out;
    for (Id id : m_order) {
        if (id == Id::Download || id == Id::CopyPath || id == Id::OpenWeb)
            out << nullptr; // groups: view / get / copy / web
        out << m_actions.value(id);
    }
    return out;
}

void ArtifactActions::populateMenu(QMenu *menu) const
{
    const QList<QAction *> list = actions();
    for (QAction *a : list) {
        if (a)
            menu->addAction(a);
        else
            menu->addSeparator();
    }
}

void ArtifactActions::populateToolBar(QToolBar *toolBar) const
{
    for (Id id : {Id::Preview, Id::Download, Id::Open, Id::Reveal, Id::SaveAs})
        toolBar->addAction(m_actions.value(id));
}

void ArtifactActions::attachTo(QWidget *widget) const
{
    for (Id id : m_order)
        widget->addAction(m_actions.value(id));
}

void ArtifactActions::setTarget(const Target &target)
{
    m_target = target;
    const auto r = request();
    m_key = r ? LocalCopyTracker::keyOf(*r) : QString();
    if (r && m_tracker)
        m_tracker->state(*r); // schedules the cache check if unknown
    updateActions();
}

std::optional<DownloadRequest> ArtifactActions::request() const
{
    if (!m_target.isValid() || !m_tracker || !m_tracker->session())
        return std::nullopt;
    Session *session = m_tracker->session();
    return m_target.kind == Target::Kind::Artifact ? session->artifactDownload(m_target.artifact)
                                                   : session->modelDownload(m_target.model);
}

QString ArtifactActions::localPath() const
{
    const auto r = request();
    return r && m_tracker ? m_tracker->localPath(*r) : QString();
}

void ArtifactActions::onTrackerChanged(const QString &key)
{
    if (key == m_key)
        updateActions();
}

void ArtifactActions::updateActions()
{
    const bool valid = m_target.isValid();
    const auto r = request();
    const LocalCopyTracker::State state
            = r && m_tracker ? m_tracker->state(*r) : LocalCopyTracker::State::Unknown;
    const bool cached = state == LocalCopyTracker::State::Cached;
    const bool downloading = state == LocalCopyTracker::State::Downloading;
    for (Id id : {Id::Preview, Id::Open, Id::Reveal, Id::SaveAs, Id::CopyUri})
        m_actions.value(id)->setEnabled(valid);
    QAction *download = m_actions.value(Id::Download);
    download->setEnabled(valid && !cached && !downloading);
    download->setText(cached ? tr("In the Cache")
                             : (downloading ? tr("Downloading…") : tr("&Download to Cache")));
    QAction *copyPath = m_actions.value(Id::CopyPath);
    copyPath->setEnabled(valid && cached);
    copyPath->setStatusTip(cached ? QDir::toNativeSeparators(localPath())
                                  : tr("Download it first to have a local path"));
    m_actions.value(Id::CopySnippet)->setEnabled(!pythonSnippet(m_target).isEmpty());
    const bool hasWeb = m_tracker && m_tracker->session()
                        && m_tracker->session()->config().webServer.isValid();
    const bool hasId = m_target.kind == Target::Kind::Model ? !m_target.model.id.isEmpty()
                                                            : !m_target.taskId.isEmpty();
    m_actions.value(Id::OpenWeb)
            ->setEnabled(m_target.kind != Target::Kind::None && hasWeb && hasId);
}

DownloadJob *ArtifactActions::download()
{
    const auto r = request();
    if (!r || !m_tracker)
        return nullptr;
    DownloadJob *job = m_tracker->download(*r);
    updateActions();
    return job;
}

DownloadJob *ArtifactActions::withLocalCopy(std::function<void(const QString &)> then)
{
    const auto r = request();
    if (!r || !m_tracker)
        return nullptr;
    const QString name = m_target.displayName();
    DownloadJob *job = m_tracker->fetch(
            *r, this, [this, name, then = std::move(then)](const QString &path, const Error &e) {
                if (!path.isEmpty())
                    then(path);
                else if (!e.isCancelled())
                    Q_EMIT errorOccurred(
                            tr("Downloading %1 failed: %2").arg(name, e.userMessage()));
            });
    updateActions();
    return job;
}

void ArtifactActions::open()
{
    withLocalCopy([this](const QString &path) {
        if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
            Q_EMIT errorOccurred(
                    tr("No application could open %1.").arg(QDir::toNativeSeparators(path)));
    });
}

void ArtifactActions::reveal()
{
    QPointer<FileRevealer> revealer(m_revealer);
    withLocalCopy([revealer](const QString &path) {
        if (revealer)
            revealer->reveal(path);
    });
}

QString ArtifactActions::suggestedFileName(const Target &target)
{
    if (target.kind == Target::Kind::Artifact && target.artifact.type == QLatin1String("archive"))
        return target.artifact.key; // extracted: a folder named after the artifact
    QString name = QUrl::fromPercentEncoding(target.uri().section(QLatin1Char('/'), -1).toUtf8());
    if (name.isEmpty())
        name = target.displayName();
    return name;
}

void ArtifactActions::saveAs()
{
    if (!m_target.isValid())
        return;
    const bool folder = m_target.kind == Target::Kind::Artifact
                        && m_target.artifact.type == QLatin1String("archive");
    auto *dialog = new QFileDialog(m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(folder ? tr("Save “%1” into folder").arg(m_target.displayName())
                                  : tr("Save “%1” as").arg(m_target.displayName()));
    dialog->setAcceptMode(folder ? QFileDialog::AcceptOpen : QFileDialog::AcceptSave);
    dialog->setFileMode(folder ? QFileDialog::Directory : QFileDialog::AnyFile);
    if (folder)
        dialog->setOption(QFileDialog::ShowDirsOnly);
    else
        dialog->selectFile(suggestedFileName(m_target));
    const QString name = suggestedFileName(m_target);
    connect(dialog, &QFileDialog::fileSelected, this, [this, folder, name](const QString &file) {
        saveTo(folder ? QDir(file).filePath(name) : file);
    });
    dialog->open(); // window-modal, no nested event loop
}

void ArtifactActions::saveTo(const QString &destination, std::function<void(CopyJob *)> started)
{
    if (destination.isEmpty() || !m_tracker || !m_tracker->session())
        return;
    QPointer<Session> session(m_tracker->session());
    withLocalCopy([session, destination, started = std::move(started)](const QString &path) {
        if (!session)
            return;
        CopyJob *job = session->transfers()->copy(CopyRequest{path, destination});
        if (started)
            started(job);
    });
}

void ArtifactActions::setClipboard(const QString &text, const QString &what)
{
    if (text.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(text);
    Q_EMIT statusMessage(tr("Copied the %1.").arg(what));
}

void ArtifactActions::copyPath()
{
    setClipboard(QDir::toNativeSeparators(localPath()), tr("local path"));
}

void ArtifactActions::copyUri()
{
    setClipboard(m_target.uri(), tr("URI"));
}

void ArtifactActions::copySnippet()
{
    setClipboard(pythonSnippet(m_target), tr("Python snippet"));
}

void ArtifactActions::openWebUi()
{
    if (!m_tracker || !m_tracker->session())
        return;
    const QUrl web = m_tracker->session()->config().webServer;
    const QUrl url = m_target.kind == Target::Kind::Model
                             ? WebLink::modelUrl(web, m_target.model.id, m_target.projectId)
                             : WebLink::taskUrl(web, m_target.taskId, m_target.projectId);
    if (!url.isValid() || !QDesktopServices::openUrl(url))
        Q_EMIT errorOccurred(tr("Could not open the ClearML web UI (%1).").arg(url.toString()));
}

QString ArtifactActions::pythonLiteral(const QString &text)
{
    QString out = QStringLiteral("'");
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '\\':
            out += QStringLiteral("\\\\");
            break;
        case '\'':
            out += QStringLiteral("\\'");
            break;
        case '\n':
            out += QStringLiteral("\\n");
            break;
        case '\r':
            out += QStringLiteral("\\r");
            break;
        case '\t':
            out += QStringLiteral("\\t");
            break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.category() == QChar::Separator_Line
                || c.category() == QChar::Separator_Paragraph)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += QLatin1Char('\'');
    return out;
}

QString ArtifactActions::pythonSnippet(const Target &target)
{
    switch (target.kind) {
    case Target::Kind::Artifact:
        if (target.taskId.isEmpty() || target.artifact.key.isEmpty())
            return QString();
        return QStringLiteral("from clearml import Task\n\n"
                              "path = Task.get_task(task_id=%1).artifacts[%2].get_local_copy()\n")
                .arg(pythonLiteral(target.taskId), pythonLiteral(target.artifact.key));
    case Target::Kind::Model:
        if (target.model.id.isEmpty())
            return QString();
        return QStringLiteral("from clearml import Model\n\n"
                              "path = Model(model_id=%1).get_local_copy()\n")
                .arg(pythonLiteral(target.model.id));
    case Target::Kind::None:
        break;
    }
    return QString();
}

} // namespace Trove
