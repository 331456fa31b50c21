#pragma once

#include <QComboBox>

namespace Trove {

/// The server switcher of the main toolbar: every known server, then "Add server…".
/// Choosing a server emits serverChosen(id); choosing "Add server…" emits addRequested()
/// and keeps the current server selected.
class ServerSwitcher final : public QComboBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerSwitcher)

public:
    struct Item
    {
        QString id;
        QString label;
        QString toolTip;
    };

    explicit ServerSwitcher(QWidget *parent = nullptr);
    ~ServerSwitcher() override;

    void setServers(const QList<Item> &servers, const QString &currentId);
    void setCurrentId(const QString &id);
    QString currentId() const;
    /// The row of a server id, or -1.
    int rowOf(const QString &id) const;

signals:
    void serverChosen(const QString &id);
    void addRequested();

private:
    void onActivated(int index);

    QString m_currentId;
};

} // namespace Trove
