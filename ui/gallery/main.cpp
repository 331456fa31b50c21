// trove-gallery: every Trove widget filled with sample data. Interactive by default; with
// --screenshot it renders one widget headlessly (QT_QPA_PLATFORM=offscreen) to a PNG.
#include "previewdemo.h"
#include "samples.h"
#include "widgets/palettehelpers.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QListWidget>
#include <QMainWindow>
#include <QStackedWidget>
#include <QStyleFactory>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("trove-gallery"));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Trove widget gallery"));
    parser.addHelpOption();
    QCommandLineOption shotOption(QStringLiteral("screenshot"),
                                  QStringLiteral("Render one widget to <file> and exit."),
                                  QStringLiteral("file"));
    QCommandLineOption widgetOption(
            QStringLiteral("widget"),
            QStringLiteral("Widget to show: %1.")
                    .arg(Trove::Gallery::sampleNames().join(QStringLiteral(", "))),
            QStringLiteral("name"), QStringLiteral("image"));
    QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Window size WxH."),
                                  QStringLiteral("size"), QStringLiteral("1200x800"));
    QCommandLineOption darkOption(QStringLiteral("dark"), QStringLiteral("Use a dark palette."));
    QCommandLineOption previewOption(
            QStringLiteral("preview"),
            QStringLiteral("Preview <file> (a path or uri) with the real PreviewController."),
            QStringLiteral("file"));
    QCommandLineOption memberOption(QStringLiteral("member"),
                                    QStringLiteral("With --preview of an archive: open <path>."),
                                    QStringLiteral("path"));
    QCommandLineOption modeOption(
            QStringLiteral("mode"),
            QStringLiteral("With --preview: heatmap|grid|histogram (arrays), tree|text (JSON)."),
            QStringLiteral("mode"));
    parser.addOptions({shotOption, widgetOption, sizeOption, darkOption, previewOption,
                       memberOption, modeOption});
    parser.process(app);

    if (parser.isSet(darkOption))
        QApplication::setPalette(Trove::PaletteHelpers::darkPalette());
    const QStringList dims = parser.value(sizeOption).split(QLatin1Char('x'));
    const QSize size(dims.value(0).toInt(), dims.value(1).toInt());
    if (!size.isValid() || size.width() < 100 || size.height() < 100) {
        std::fprintf(stderr, "trove-gallery: bad --size, expected WxH (e.g. 1200x800)\n");
        return 2;
    }

    if (parser.isSet(previewOption)) {
        Trove::Gallery::PreviewDemo demo;
        demo.file = parser.value(previewOption);
        demo.member = parser.value(memberOption);
        demo.mode = parser.value(modeOption);
        demo.screenshot = parser.value(shotOption);
        demo.size = size;
        return Trove::Gallery::runPreviewDemo(demo);
    }

    if (parser.isSet(shotOption)) {
        const QString name = parser.value(widgetOption);
        QWidget *w = Trove::Gallery::createSample(name);
        if (!w) {
            std::fprintf(stderr, "trove-gallery: unknown widget '%s'\n", qPrintable(name));
            return 2;
        }
        w->setAttribute(Qt::WA_DeleteOnClose);
        w->resize(size);
        w->show();
        // Let layouts, fits and deferred deletes settle before grabbing.
        for (int i = 0; i < 5; ++i)
            QApplication::processEvents();
        QTimer::singleShot(50, &app, [&] {
            QApplication::processEvents();
            const bool ok = w->grab().save(parser.value(shotOption), "PNG");
            if (!ok)
                std::fprintf(stderr, "trove-gallery: could not write %s\n",
                             qPrintable(parser.value(shotOption)));
            w->close();
            app.exit(ok ? 0 : 1);
        });
        return app.exec();
    }

    QMainWindow window;
    window.setWindowTitle(QStringLiteral("Trove widget gallery"));
    auto *central = new QWidget;
    auto *layout = new QHBoxLayout(central);
    auto *list = new QListWidget;
    list->setAccessibleName(QStringLiteral("Widgets"));
    list->setMaximumWidth(160);
    auto *stack = new QStackedWidget;
    for (const QString &name : Trove::Gallery::sampleNames()) {
        list->addItem(name);
        stack->addWidget(Trove::Gallery::createSample(name));
    }
    QObject::connect(list, &QListWidget::currentRowChanged, stack,
                     &QStackedWidget::setCurrentIndex);
    list->setCurrentRow(
            std::max(0, int(Trove::Gallery::sampleNames().indexOf(parser.value(widgetOption)))));
    layout->addWidget(list);
    layout->addWidget(stack, 1);
    window.setCentralWidget(central);
    window.resize(size);
    window.show();
    return app.exec();
}
