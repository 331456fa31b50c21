#pragma once

#include <QWidget>

namespace Trove {

/// Vertical viridis colour bar with min/max (and mid) labels, and a NaN swatch.
class ColorScaleBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ColorScaleBar)

public:
    explicit ColorScaleBar(QWidget *parent = nullptr);

    void setRange(double min, double max, bool estimate = false);
    double minimum() const { return m_min; }
    double maximum() const { return m_max; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString label(double v) const;
    double m_min = 0;
    double m_max = 1;
    bool m_estimate = false;
};

} // namespace Trove
