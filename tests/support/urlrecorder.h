#pragma once

#include <QList>
#include <QObject>
#include <QUrl>

/// Receives the URLs QDesktopServices would hand to the desktop, for tests:
/// `QDesktopServices::setUrlHandler("file", &recorder, "open")`.
class UrlRecorder final : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> urls;

public Q_SLOTS:
    void open(const QUrl &url) { urls << url; }
};
