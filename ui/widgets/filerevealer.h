#pragma once

#include <QObject>

namespace Trove {

/// "Reveal in folder": shows a file or folder in the desktop's file manager, selected where
/// the file manager supports it — org.freedesktop.FileManager1.ShowItems over D-Bus
/// (Dolphin, Nautilus, Nemo, Caja, Thunar…), called asynchronously — and otherwise (no
/// QtDBus, no session bus, no such service) by opening the containing folder with
/// QDesktopServices. Never blocks the GUI thread on the reply.
class FileRevealer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileRevealer)

public:
    explicit FileRevealer(QObject *parent = nullptr);
    ~FileRevealer() override;

    /// Whether to try the FileManager1 D-Bus service first (default: true when built with
    /// QtDBus). Tests turn it off to observe the folder fallback.
    void setUseFileManagerService(bool use);
    bool usesFileManagerService() const { return m_useService; }
    static bool hasDBusSupport();

    void reveal(const QString &path);

Q_SIGNALS:
    /// `selected`: the file manager selected the item; false: its folder was opened.
    void revealed(const QString &path, bool selected);
    void failed(const QString &message);

private:
    void openFolder(const QString &path);

    bool m_useService = true;
};

} // namespace Trove
