#pragma once

#include <QString>
#include <QWidget>

#include <vector>

class QStandardItemModel;
class QTreeView;

namespace Trove {

class MessageBar;

/// One node of an inspected (never executed) pickle, as the pickle decoder reports it.
struct PickleNodeView
{
    enum Warning {
        NoWarning = 0,
        DangerousImport = 1 << 0, ///< GLOBAL/STACK_GLOBAL of os.system, subprocess, eval, ...
        UnknownGlobal = 1 << 1,   ///< a class outside the known-safe list
        Truncated = 1 << 2,       ///< the decoder stopped early inside this node
        Reduce = 1 << 3,          ///< a REDUCE/BUILD call that would run code on load
    };

    QString label;      ///< key or position ("weights", "[3]")
    QString type;       ///< "dict", "list", "numpy.ndarray", "GLOBAL", ...
    QString value;      ///< short value text
    QString importName; ///< for GLOBAL nodes: "os.system"
    int warnings = NoWarning;
    std::vector<PickleNodeView> children;
};

/// Tree of a pickle's structure. Nodes with warnings are highlighted with an icon; dangerous
/// imports also raise a banner naming them ("This pickle imports os.system — it was
/// inspected, never executed").
class PickleTreeView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PickleTreeView)

public:
    enum Column { NameColumn, TypeColumn, ValueColumn };

    explicit PickleTreeView(QWidget *parent = nullptr);
    ~PickleTreeView() override;

    void setRoot(const PickleNodeView &root);
    /// Distinct dangerous import names found in the last tree, in order of appearance.
    QStringList dangerousImports() const { return m_dangerous; }
    MessageBar *messageBar() const { return m_banner; }
    QTreeView *treeView() const { return m_tree; }
    QStandardItemModel *model() const { return m_model; }

private:
    QTreeView *m_tree = nullptr;
    QStandardItemModel *m_model = nullptr;
    MessageBar *m_banner = nullptr;
    QStringList m_dangerous;
};

} // namespace Trove
