#include "mainwindowactions.h"

#include "preview/previewpane.h"
#include "views/mainwindow.h"
#include "views/projecttreepanel.h"
#include "views/taskdetailsview.h"
#include "views/tasklistpanel.h"
#include "widgets/serverswitcher.h"
#include "widgets/transfersdock.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>

namespace Trove {

MainWindowActions::MainWindowActions(MainWindow *window)
    : QObject(window)
    , m_window(window)
{
    MainWindow *w = window;
    auto make = [this, w](const QString &name, const QString &text, const QKeySequence &key,
                          auto slot) {
        auto *a = new QAction(text, w);
        a->setObjectName(name);
        if (!key.isEmpty()) {
            a->setShortcut(key);
            a->setToolTip(QStringLiteral("%1 (%2)").arg(QString(text).remove(QLatin1Char('&')),
                                                        key.toString(QKeySequence::NativeText)));
        }
        connect(a, &QAction::triggered, w, slot);
        m_actions.insert(name, a);
        w->addAction(a); // shortcuts work even when no menu shows the action
        return a;
    };
    QStyle *s = w->style();
    QAction *openLink = make(QStringLiteral("openLink"), tr("Open &Link…"),
                             QKeySequence(Qt::CTRL | Qt::Key_L), [w] { w->showOpenLinkDialog(); });
    openLink->setIcon(s->standardIcon(QStyle::SP_DirLinkIcon));
    QAction *addServer = make(QStringLiteral("addServer"), tr("&Add Server…"), QKeySequence(),
                              [w] { w->showAddServerDialog(); });
    QAction *settings = make(QStringLiteral("settings"), tr("&Settings…"),
                             QKeySequence(Qt::CTRL | Qt::Key_Comma), [w] { w->showSettings(); });
    settings->setMenuRole(QAction::PreferencesRole);
    QAction *cache = make(QStringLiteral("cache"), tr("&Cache…"),
                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K), [w] { w->showCache(); });
    QAction *quit = make(QStringLiteral("quit"), tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q),
                         [w] { w->close(); });
    quit->setMenuRole(QAction::QuitRole);
    QAction *refresh = make(QStringLiteral("refresh"), tr("&Refresh"), QKeySequence(Qt::Key_F5),
                            [w] { w->refreshNow(); });
    refresh->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R)});
    refresh->setIcon(s->standardIcon(QStyle::SP_BrowserReload));
    QAction *archived
            = make(QStringLiteral("showArchived"), tr("Show &Archived Projects"), QKeySequence(),
                   [w](bool on) { w->projectPanel()->setShowArchived(on); });
    archived->setCheckable(true);
    connect(w->projectPanel()->archivedButton(), &QToolButton::toggled, archived,
            &QAction::setChecked);
    QAction *allProjects = make(QStringLiteral("allProjects"), tr("All &Projects"),
                                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A),
                                [w] { w->projectPanel()->clearSelection(); });
    QAction *subprojects
            = make(QStringLiteral("subprojects"), tr("Include &Subprojects"), QKeySequence(),
                   [w](bool on) { w->taskPanel()->subprojectsButton()->setChecked(on); });
    subprojects->setCheckable(true);
    subprojects->setChecked(w->taskPanel()->subprojectsButton()->isChecked());
    connect(w->taskPanel()->subprojectsButton(), &QToolButton::toggled, subprojects,
            &QAction::setChecked);
    QAction *transfers = w->transfersDock()->toggleViewAction();
    transfers->setText(tr("&Transfers"));
    transfers->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_actions.insert(QStringLiteral("transfers"), transfers);

    // Focus moves: every part of the window is one shortcut away.
    QAction *focusSearch
            = make(QStringLiteral("focusSearch"), tr("&Search Tasks"),
                   QKeySequence(Qt::CTRL | Qt::Key_F), [w] {
                       w->taskPanel()->searchField()->setFocus(Qt::ShortcutFocusReason);
                       w->taskPanel()->searchField()->selectAll();
                   });
    QAction *focusProjects = make(QStringLiteral("focusProjects"), tr("Go to P&rojects"),
                                  QKeySequence(Qt::CTRL | Qt::Key_1), [w] {
                                      w->projectPanel()->view()->setFocus(Qt::ShortcutFocusReason);
                                  });
    QAction *focusTasks = make(QStringLiteral("focusTasks"), tr("Go to &Tasks"),
                               QKeySequence(Qt::CTRL | Qt::Key_2),
                               [w] { w->taskPanel()->view()->setFocus(Qt::ShortcutFocusReason); });
    QAction *focusDetails = make(QStringLiteral("focusDetails"), tr("Go to Task &Details"),
                                 QKeySequence(Qt::CTRL | Qt::Key_3), [w] {
                                     if (QWidget *t = w->details()->tabs()->currentWidget())
                                         t->setFocus(Qt::ShortcutFocusReason);
                                 });
    QAction *focusPreview = make(QStringLiteral("focusPreview"), tr("Go to Pre&view"),
                                 QKeySequence(Qt::CTRL | Qt::Key_4), [w] {
                                     if (QWidget *p = w->previewPane()->currentWidget())
                                         p->setFocus(Qt::ShortcutFocusReason);
                                 });
    QAction *focusServer = make(QStringLiteral("focusServer"), tr("Choose Ser&ver"),
                                QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S), [w] {
                                    w->serverSwitcher()->setFocus(Qt::ShortcutFocusReason);
                                    w->serverSwitcher()->showPopup();
                                });
    QAction *about = make(QStringLiteral("about"), tr("&About Trove"), QKeySequence(), [w] {
        auto *box
                = new QMessageBox(QMessageBox::Information, tr("About Trove"),
                                  tr("<b>Trove</b> %1<br>A desktop browser for ClearML "
                                     "artifacts and models.")
                                          .arg(QApplication::applicationVersion().toHtmlEscaped()),
                                  QMessageBox::Ok, w);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    about->setMenuRole(QAction::AboutRole);

    QMenu *file = w->menuBar()->addMenu(tr("&File"));
    file->addAction(openLink);
    file->addSeparator();
    file->addAction(addServer);
    file->addAction(focusServer);
    file->addAction(settings);
    file->addAction(cache);
    file->addSeparator();
    file->addAction(quit);
    QMenu *view = w->menuBar()->addMenu(tr("&View"));
    view->addAction(refresh);
    view->addSeparator();
    view->addAction(allProjects);
    view->addAction(archived);
    view->addAction(subprojects);
    view->addSeparator();
    view->addAction(transfers);
    QMenu *go = w->menuBar()->addMenu(tr("&Go"));
    go->addAction(focusSearch);
    go->addAction(focusProjects);
    go->addAction(focusTasks);
    go->addAction(focusDetails);
    go->addAction(focusPreview);
    go->addSeparator();
    const QStringList tabs{tr("&Info"), tr("&Artifacts"), tr("&Models"), tr("&Lineage")};
    for (int i = 0; i < tabs.size(); ++i) {
        QAction *tab = make(QStringLiteral("tab%1").arg(i), tr("%1 Tab").arg(tabs.at(i)),
                            QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key(Qt::Key_1 + i)),
                            [w, i] { w->details()->setCurrentTab(TaskDetailsView::Tab(i)); });
        go->addAction(tab);
    }
    QMenu *help = w->menuBar()->addMenu(tr("&Help"));
    help->addAction(about);

    QToolBar *bar = w->addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setAccessibleName(tr("Main toolbar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto *serverLabel = new QLabel(tr("S&erver: "));
    serverLabel->setBuddy(w->serverSwitcher());
    serverLabel->setContentsMargins(4, 0, 0, 0);
    bar->addWidget(serverLabel);
    bar->addWidget(w->serverSwitcher());
    bar->addSeparator();
    bar->addAction(refresh);
    bar->addAction(openLink);
    bar->addAction(settings);

    for (QAction *a : std::as_const(m_actions))
        m_keys.insert(a, a->shortcuts());
    connect(qApp, &QApplication::focusChanged, this,
            [this](QWidget *, QWidget *now) { resolveShortcutClashes(now); });
}

MainWindowActions::~MainWindowActions() = default;

void MainWindowActions::resolveShortcutClashes(QWidget *focus)
{
    // Keys of the focused part: actions on the focus widget and its ancestors inside the
    // window, bound to them (not the window's own).
    QList<QKeySequence> local;
    for (QWidget *p = focus; p && p != m_window; p = p->parentWidget())
        for (QAction *a : p->actions())
            if (a->shortcutContext() == Qt::WidgetShortcut
                || a->shortcutContext() == Qt::WidgetWithChildrenShortcut)
                local += a->shortcuts();
    for (auto it = m_keys.cbegin(); it != m_keys.cend(); ++it) {
        QList<QKeySequence> keys;
        for (const QKeySequence &k : it.value())
            if (!local.contains(k))
                keys << k;
        if (keys != it.key()->shortcuts())
            it.key()->setShortcuts(keys);
    }
}

} // namespace Trove
