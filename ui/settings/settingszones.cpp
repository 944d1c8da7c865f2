// The settings page's table of zone edges: filling it from the settings, reading it back, saving it.
#include "core/metrics/zones.h"
#include "core/store/activitystore.h"
#include "ui/settings/settingspage.h"
#include "ui/trainingdata.h"

#include <QLabel>
#include <QLocale>
#include <QStringList>
#include <QTableWidget>

namespace tricoach {

namespace {
// The edge columns of the table: which kind of zone and which sport's table.
const std::pair<ZoneKind, Sport> kEdgeColumns[] = {{ZoneKind::Power, Sport::Bike},
                                                   {ZoneKind::HeartRate, Sport::Bike},
                                                   {ZoneKind::HeartRate, Sport::Run},
                                                   {ZoneKind::Pace, Sport::Run}};

std::vector<double>* edgesOf(ZoneSettings& z, int column)
{
    switch (column) {
    case 0:
        return &z.power;
    case 1:
        return &z.heartRateBike;
    case 2:
        return &z.heartRateRun;
    default:
        return &z.pace;
    }
}
} // namespace

void SettingsPage::fillZoneEdges(const ZoneSettings& zones)
{
    m_fillingEdges = true;
    for (int c = 0; c < 4; ++c) {
        const auto [kind, sport] = kEdgeColumns[c];
        const std::vector<double> bounds = zoneBounds(kind, sport, zones);
        for (int r = 0; r < 6; ++r)
            m_edges->setItem(r, c,
                             new QTableWidgetItem(QString::number(bounds[static_cast<std::size_t>(r)] * 100, 'g', 4)));
    }
    m_fillingEdges = false;
}

ZoneSettings SettingsPage::zoneEdgesForm() const
{
    ZoneSettings z;
    for (int c = 0; c < 4; ++c) {
        std::vector<double> edges;
        for (int r = 0; r < 6; ++r) {
            bool ok = false;
            const QTableWidgetItem* i = m_edges->item(r, c);
            const double percent = i ? QLocale().toDouble(i->text().trimmed(), &ok) : 0;
            edges.push_back(ok ? percent / 100.0 : -1);
        }
        if (validZoneBounds(edges))
            *edgesOf(z, c) = edges;
    }
    return z;
}

void SettingsPage::saveZoneEdges()
{
    ZoneSettings typed = zoneEdgesForm();
    // Columns the athlete left as published are stored as "published", so a later correction of the tables
    // reaches them.
    QStringList refused;
    for (int c = 0; c < 4; ++c) {
        std::vector<double>* edges = edgesOf(typed, c);
        const auto [kind, sport] = kEdgeColumns[c];
        if (edges->empty())
            refused << m_edges->horizontalHeaderItem(c)->text();
        else if (*edges == defaultZoneBounds(kind, sport))
            edges->clear();
    }
    if (!refused.isEmpty()) {
        m_message->setText(tr("Zones not saved: each column needs six rising percentages (%1).")
                               .arg(refused.join(QStringLiteral(", "))));
        return;
    }
    MetricSettings settings = m_data.store().metricSettings(m_data.athlete());
    settings.zones = typed;
    if (auto r = m_data.store().setMetricSettings(m_data.athlete(), settings); !r) {
        m_message->setText(r.error().message);
        return;
    }
    m_message->setText(tr("Zones saved."));
    m_data.notifyChanged();
}

} // namespace tricoach
