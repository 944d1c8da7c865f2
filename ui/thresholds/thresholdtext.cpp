#include "ui/thresholds/thresholdtext.h"

#include "ui/sportstyle.h"

#include <QLocale>
#include <QStringList>

#include <cmath>

namespace tricoach {

namespace {

QString day(const QDate& d)
{
    return QLocale().toString(d, QLocale::ShortFormat);
}

QString clock(double seconds)
{
    return formatDuration(std::round(seconds));
}

QString minutes(double seconds)
{
    return QString::number(std::lround(seconds / 60));
}

// The efforts' durations, "3/5/8/12".
QString durations(const std::vector<Effort>& efforts)
{
    QStringList list;
    for (const Effort& e : efforts)
        list << minutes(e.seconds);
    return list.join(QLatin1Char('/'));
}

QDate latest(const std::vector<Effort>& efforts)
{
    QDate last;
    for (const Effort& e : efforts)
        last = last.isValid() ? std::max(last, e.day) : e.day;
    return last;
}

} // namespace

QString ThresholdText::name(ThresholdField field)
{
    switch (field) {
    case ThresholdField::Ftp:
        return tr("FTP");
    case ThresholdField::RunPower:
        return tr("Threshold power, run");
    case ThresholdField::RunPace:
        return tr("Threshold pace, run");
    case ThresholdField::LthrBike:
        return tr("Threshold HR, bike");
    case ThresholdField::LthrRun:
        return tr("Threshold HR, run");
    case ThresholdField::MaxHr:
        return tr("Maximum HR");
    case ThresholdField::Css:
        return tr("Critical swim speed");
    }
    return {};
}

QString ThresholdText::value(ThresholdField field, const std::optional<double>& v)
{
    if (!v || !std::isfinite(*v) || *v <= 0)
        return QStringLiteral("—");
    switch (field) {
    case ThresholdField::Ftp:
    case ThresholdField::RunPower:
        return tr("%1 W").arg(std::lround(*v));
    case ThresholdField::LthrBike:
    case ThresholdField::LthrRun:
    case ThresholdField::MaxHr:
        return tr("%1 bpm").arg(std::lround(*v));
    case ThresholdField::RunPace:
        return tr("%1 /km").arg(clock(1000.0 / *v));
    case ThresholdField::Css:
        return tr("%1 /100 m").arg(clock(100.0 / *v));
    }
    return {};
}

QString ThresholdText::basis(const ThresholdEstimate& e)
{
    const Effort* first = e.efforts.empty() ? nullptr : &e.efforts.front();
    if (e.missing) {
        switch (*e.missing) {
        case MissingReason::NoActivities:
            return e.field == ThresholdField::Css ? tr("No swims in the period.")
                   : e.field == ThresholdField::Ftp || e.field == ThresholdField::LthrBike
                       ? tr("No rides in the period.")
                   : e.field == ThresholdField::MaxHr ? tr("No activities in the period.")
                                                      : tr("No runs in the period.");
        case MissingReason::NoRecording:
            switch (e.field) {
            case ThresholdField::Ftp:
            case ThresholdField::RunPower:
                return tr("No power was recorded.");
            case ThresholdField::RunPace:
                return tr("No distance or GPS was recorded.");
            case ThresholdField::Css:
                return tr("No pool swim with recorded lengths.");
            default:
                return tr("No heart rate was recorded.");
            }
        case MissingReason::TooShort:
            return e.field == ThresholdField::Css ? tr("No continuous 400 m of freestyle yet.")
                                                  : tr("No effort long enough yet.");
        case MissingReason::NotHard:
            if (first && (e.field == ThresholdField::LthrBike || e.field == ThresholdField::LthrRun))
                return tr("The best 20 minutes (%1 bpm on %2) were not hard enough to tell.")
                    .arg(std::lround(first->value))
                    .arg(day(first->day));
            return tr("The best efforts were not all-out.");
        case MissingReason::Implausible:
            return tr("The data gave an implausible value; check the sensor.");
        }
    }
    if (!e.method || !first)
        return {};
    switch (*e.method) {
    case EstimateMethod::Best20MinPower:
        return tr("Best 20-min power %1 W on %2 × 0.95").arg(std::lround(first->value)).arg(day(first->day));
    case EstimateMethod::CriticalPower:
        return tr("Critical power from your best %1-min efforts up to %2 (W′ %3 kJ)")
            .arg(durations(e.efforts), day(latest(e.efforts)))
            .arg(e.reserve.value_or(0) / 1000, 0, 'f', 1);
    case EstimateMethod::CriticalSpeed:
        return tr("Critical speed from your best %1-min efforts up to %2 (D′ %3 m)")
            .arg(durations(e.efforts), day(latest(e.efforts)))
            .arg(std::lround(e.reserve.value_or(0)));
    case EstimateMethod::RiegelHour:
        return tr("Best %1 min at %2 /km on %3, carried to an hour")
            .arg(minutes(first->seconds), clock(1000.0 / first->value), day(first->day));
    case EstimateMethod::Best20MinHr:
        return tr("Best 20-min average heart rate on %1").arg(day(first->day));
    case EstimateMethod::HighestHeldHr:
        return tr("Highest heart rate held for 5 s, on %1").arg(day(first->day));
    case EstimateMethod::CriticalSwimSpeed:
        if (e.efforts.size() == 2)
            return tr("Best 400 m %1 and best 200 m %2: 200 m ÷ (%1 − %2)")
                .arg(clock(e.efforts[1].seconds), clock(e.efforts[0].seconds));
        return {};
    }
    return {};
}

QString ThresholdText::recomputed(const ThresholdUpdate& update)
{
    if (update.recomputed == 0)
        return tr("No stored activity needed its load recomputed.");
    return tr("Loads of %n activities from %1 on were recomputed (%2 changed).", "", update.recomputed)
        .arg(day(update.from))
        .arg(update.changed);
}

QString ThresholdText::summary(const Thresholds& t)
{
    QStringList values;
    if (t.ftpWatts)
        values << tr("FTP %1 W").arg(*t.ftpWatts, 0, 'f', 0);
    if (t.runPowerWatts)
        values << tr("run threshold power %1 W").arg(*t.runPowerWatts, 0, 'f', 0);
    if (t.lthrBike)
        values << tr("bike threshold HR %1").arg(*t.lthrBike, 0, 'f', 0);
    if (t.lthrRun)
        values << tr("run threshold HR %1").arg(*t.lthrRun, 0, 'f', 0);
    if (t.lthrSwim)
        values << tr("swim threshold HR %1").arg(*t.lthrSwim, 0, 'f', 0);
    if (t.maxHr)
        values << tr("max HR %1").arg(*t.maxHr, 0, 'f', 0);
    if (t.restingHr)
        values << tr("resting HR %1").arg(*t.restingHr, 0, 'f', 0);
    if (t.runThresholdSpeed)
        values << tr("run pace %1/km").arg(clock(1000.0 / *t.runThresholdSpeed));
    if (t.cssSpeed)
        values << tr("CSS %1/100 m").arg(clock(100.0 / *t.cssSpeed));
    if (t.weightKg)
        values << tr("%1 kg").arg(*t.weightKg, 0, 'f', 1);
    return values.join(QStringLiteral(", "));
}

} // namespace tricoach
