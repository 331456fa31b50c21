#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QVector>
#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace Trove {

/// One tensor / weight of a model file (safetensors, torch zip, ONNX initializer).
struct ModelTensorView
{
    QString name;
    QString dtype;
    QVector<qint64> shape;
    qint64 parameters() const;
};

/// What the model decoder reports about a model file.
struct ModelSummaryData
{
    QString format; ///< "safetensors", "PyTorch checkpoint", "ONNX"
    QList<ModelTensorView> tensors;
    QList<QPair<QString, QString>> metadata;
    bool truncated = false; ///< the decoder listed only the first tensors
};

/// Summary of a model: header with format and totals (parameters, tensors, bytes per dtype), a
/// sortable, filterable tensor table (name, dtype, shape, parameters) and the metadata
/// key/values.
class ModelSummaryView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelSummaryView)

public:
    enum Column { NameColumn, DTypeColumn, ShapeColumn, ParametersColumn };

    explicit ModelSummaryView(QWidget *parent = nullptr);
    ~ModelSummaryView() override;

    void setSummary(const ModelSummaryData &data);
    qint64 totalParameters() const { return m_totalParameters; }
    /// "12.3 M" style.
    static QString formatCount(qint64 count);
    /// Bytes per element of a dtype name, 0 if unknown.
    static int dtypeSize(const QString &dtype);

    QTableView *tensorTable() const { return m_tensors; }
    QTableView *metadataTable() const { return m_metadata; }
    QLabel *totalsLabel() const { return m_totals; }

private:
    QLabel *m_totals = nullptr;
    QLineEdit *m_filter = nullptr;
    QTableView *m_tensors = nullptr;
    QStandardItemModel *m_tensorModel = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_metadata = nullptr;
    QStandardItemModel *m_metadataModel = nullptr;
    qint64 m_totalParameters = 0;
};

} // namespace Trove
