#include "previewdemo.h"

#include "preview/archivepreviewwidget.h"
#include "preview/arraypreviewwidget.h"
#include "preview/arrayviewer.h"
#include "preview/jsonpreviewwidget.h"
#include "preview/previewcontroller.h"
#include "preview/previewpane.h"
#include "preview/tablepreviewmodel.h"
#include "preview/tablepreviewwidget.h"
#include "preview/tableviewer.h"

#include <QApplication>
#include <QTableView>
#include <QTimer>

#include <cstdio>

namespace Trove::Gallery {

namespace {

/// Applies the demo's extra step to a shown preview; returns the controller whose preview
/// is awaited next (the member's for an archive member), or nullptr. `done` is called once
/// the preview is ready to be grabbed.
PreviewController *
applyStep(PreviewController *controller, const PreviewDemo &demo, const std::function<void()> &done)
{
    QWidget *viewer = controller->currentViewer();
    if (auto *archive = qobject_cast<ArchivePreviewWidget *>(viewer);
        archive && !demo.member.isEmpty() && archive->currentMember().isEmpty()) {
        archive->openMember(demo.member);
        return archive->memberController();
    }
    if (auto *arrays = qobject_cast<ArrayPreviewWidget *>(viewer)) {
        if (demo.mode == QLatin1String("grid"))
            arrays->viewer()->setMode(ArrayViewer::Mode::Grid);
        else if (demo.mode == QLatin1String("histogram"))
            arrays->viewer()->setMode(ArrayViewer::Mode::Histogram);
    }
    if (auto *table = qobject_cast<TablePreviewWidget *>(viewer);
        table && demo.mode == QLatin1String("stats")) {
        table->viewer()->setStatsPanelVisible(true);
        table->viewer()->tableView()->setCurrentIndex(table->model()->index(0, 4));
        if (!table->isScanned()) {
            // Grab once the statistics are in.
            table->startScan();
            QObject::connect(table, &TablePreviewWidget::scanFinished, controller, done);
            return nullptr;
        }
    }
    if (auto *json = qobject_cast<JsonPreviewWidget *>(viewer);
        json && demo.mode == QLatin1String("text"))
        json->setCurrentIndex(1);
    done();
    return nullptr;
}

} // namespace

int runPreviewDemo(const PreviewDemo &demo)
{
    auto *pane = new PreviewPane;
    pane->setAttribute(Qt::WA_DeleteOnClose);
    pane->resize(demo.size);
    pane->show();
    auto *controller = new PreviewController(pane, pane);
    int exitCode = 0;

    auto grab = [pane, &demo, &exitCode] {
        if (demo.screenshot.isEmpty())
            return;
        // Let follow-up work (array values, statistics, scans) land before grabbing.
        QTimer::singleShot(1500, pane, [pane, &demo, &exitCode] {
            QApplication::processEvents();
            if (!pane->grab().save(demo.screenshot, "PNG")) {
                std::fprintf(stderr, "trove-gallery: could not write %s\n",
                             qPrintable(demo.screenshot));
                exitCode = 1;
            }
            pane->close();
            QApplication::exit(exitCode);
        });
    };
    std::function<void(PreviewController *)> watch = [&](PreviewController *c) {
        QObject::connect(c, &PreviewController::previewReady, pane, [&, c] {
            if (PreviewController *next = applyStep(c, demo, grab))
                watch(next);
        });
        QObject::connect(c, &PreviewController::previewFailed, pane, [&](const Error &error) {
            std::fprintf(stderr, "trove-gallery: preview failed: %s\n",
                         qPrintable(error.userMessage()));
            exitCode = 1;
            grab();
        });
    };
    watch(controller);
    controller->showFile(demo.file);
    if (demo.mode == QLatin1String("loading"))
        grab(); // the loading state itself, whatever the load does meanwhile
    const int rc = QApplication::exec();
    return exitCode ? exitCode : rc;
}

} // namespace Trove::Gallery
