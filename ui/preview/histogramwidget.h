#pragma once

#include <QVector>
#include <QWidget>

namespace Trove {

class ArrayDataProvider;
struct ArraySlice;

/// Bar chart of a histogram: `edges` has one more entry than `counts`. Axes with "nice" tick
/// labels, hover highlight and a tooltip "[a, b): n". Keyboard: Left/Right move the highlight.
class HistogramWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistogramWidget)

public:
    explicit HistogramWidget(QWidget *parent = nullptr);

    void setData(const QVector<double> &edges, const QVector<qint64> &counts);
    const QVector<double> &edges() const { return m_edges; }
    const QVector<qint64> &counts() const { return m_counts; }
    void setAxisLabels(const QString &x, const QString &y);
    /// Extra line under the plot ("NaN: 3, ±inf: 0, sampled 1,000,000 of 50,000,000").
    void setFootnote(const QString &text);

    /// The bin under `pos` (widget coordinates), or -1.
    int binAt(QPoint pos) const;
    /// The rectangle of the bar of `bin` in widget coordinates.
    QRectF barRect(int bin) const;
    int hoveredBin() const { return m_hovered; }

    /// Histogram of a 2-D slice (NaN and inf excluded and counted apart), reading at most
    /// `maxSamples` values on a strided grid.
    struct Result
    {
        QVector<double> edges;
        QVector<qint64> counts;
        qint64 nans = 0;
        qint64 infinities = 0;
        qint64 sampled = 0;
        qint64 total = 0;
    };
    static Result compute(const ArrayDataProvider &provider,
                          const ArraySlice &slice,
                          int bins,
                          qint64 maxSamples = 1'000'000);

    QSize sizeHint() const override { return {480, 300}; }

signals:
    void hoveredBinChanged(int bin);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    QRectF plotRect() const;
    void setHovered(int bin);
    QString binText(int bin) const;

    QVector<double> m_edges;
    QVector<qint64> m_counts;
    qint64 m_maxCount = 0;
    QString m_xLabel;
    QString m_yLabel;
    QString m_footnote;
    int m_hovered = -1;
};

} // namespace Trove
