#pragma once

#include <QLabel>

namespace Trove {

/// A one-line label that shrinks with its layout and ends its text with "…" when it does not
/// fit (a plain QLabel cuts it off mid-letter). The full text is its tooltip.
class ElidedLabel final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ElidedLabel)

public:
    explicit ElidedLabel(QWidget *parent = nullptr);
    ~ElidedLabel() override;

    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace Trove
