#pragma once

#include <QStringList>

class QWidget;

namespace Trove::Gallery {

/// Names accepted by createSample(): image, text, json, hex, table, array, archive, pickle,
/// model, messagebar, transfers, lineage, preview.
QStringList sampleNames();
/// A widget of that kind filled with sample data, or nullptr for an unknown name.
QWidget *createSample(const QString &name, QWidget *parent = nullptr);

} // namespace Trove::Gallery
