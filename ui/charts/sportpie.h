#pragma once
// Sport distribution: each sport's share of the hours of a period, as a pie.

#include "core/metrics/volume.h"

#include <QChartView>

class QPieSeries;

namespace tricoach {

class SportPie : public QChartView {
    Q_OBJECT
public:
    explicit SportPie(QWidget* parent = nullptr);
    void setShares(std::vector<SportShare> shares);
    void restyle();
    QPieSeries* series() const { return m_series; }

private:
    void rebuild();
    std::vector<SportShare> m_shares;
    QPieSeries* m_series = nullptr;
};

} // namespace tricoach
