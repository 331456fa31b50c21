#pragma once

#include <QHash>
#include <QKeySequence>
#include <QList>
#include <QObject>

class QAction;
class QWidget;

namespace Trove {

class MainWindow;

/// The menus, toolbar and keyboard shortcuts of the main window, built on its public API.
/// Every action has a key or a mnemonic: open a link, settings, cache, refresh, the focus
/// moves between the window's parts (Ctrl+1…4, Ctrl+F), the details tabs (Alt+Shift+1…4).
///
/// Parts of the window bring their own keys while they have the focus (the lineage panel's
/// F5 and Ctrl+1, the artifact actions): the window's actions with the same keys step aside
/// then, so that no key is ambiguous and the focused part gets it.
class MainWindowActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindowActions)

public:
    explicit MainWindowActions(MainWindow *window);
    ~MainWindowActions() override;

    QAction *action(const QString &name) const { return m_actions.value(name); }
    /// The window's actions whose keys the focused widget (or its ancestors) also uses lose
    /// those keys until the focus moves elsewhere.
    void resolveShortcutClashes(QWidget *focus);

private:
    MainWindow *m_window = nullptr;
    QHash<QString, QAction *> m_actions;
    QHash<QAction *, QList<QKeySequence>> m_keys; ///< each window action's own keys
};

} // namespace Trove
