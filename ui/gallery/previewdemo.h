#pragma once

#include <QSize>
#include <QString>

namespace Trove::Gallery {

/// What `trove-gallery --preview FILE` renders: the real PreviewPane driven by the real
/// PreviewController on a local file or a uri, optionally one step further (an archive member,
/// an array view mode, the JSON text tab), grabbed to a PNG once the preview has settled.
struct PreviewDemo
{
    QString file;       ///< local path or uri
    QString member;     ///< archive member to open, if any
    QString mode;       ///< array: heatmap|grid|histogram; json: tree|text; loading
    QString screenshot; ///< PNG to write; empty = interactive window
    QSize size{1200, 800};
};

/// Runs the demo; returns the process exit code (0: shown, 1: the preview failed or the PNG
/// could not be written).
int runPreviewDemo(const PreviewDemo &demo);

} // namespace Trove::Gallery
