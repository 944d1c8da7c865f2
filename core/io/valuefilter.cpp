#include "core/io/valuefilter.h"

namespace tricoach::xml {

namespace {

struct QuantityInfo {
    const char* singular;
    const char* plural;
    const char* unit;
    PlausibleRange range;
};

// Indexed by Quantity.
constexpr QuantityInfo kInfo[kQuantityCount] = {
    {"heart-rate value", "heart-rate values", "bpm", plausible::kHeartRate},
    {"cadence value", "cadence values", "per minute", plausible::kCadence},
    {"power value", "power values", "W", plausible::kPowerWatts},
    {"speed value", "speed values", "m/s", plausible::kSpeed},
    {"distance value", "distance values", "m", plausible::kDistanceM},
    {"altitude value", "altitude values", "m", plausible::kAltitudeM},
    {"temperature value", "temperature values", "°C", plausible::kTemperatureC},
    {"lap time", "lap times", "s", plausible::kDurationSec},
    {"calorie count", "calorie counts", "kcal", plausible::kCalories},
    {"step or stroke count", "step or stroke counts", "", {0, 1e6}},
};

const QuantityInfo& info(Quantity q)
{
    return kInfo[static_cast<std::size_t>(q)];
}

// The channels a track point carries and what they measure (positions are judged where they are read).
struct ChannelQuantity {
    Channel channel;
    Quantity quantity;
};
constexpr ChannelQuantity kChannels[] = {
    {Channel::HeartRate, Quantity::HeartRate},
    {Channel::Cadence, Quantity::Cadence},
    {Channel::Power, Quantity::Power},
    {Channel::Speed, Quantity::Speed},
    {Channel::Distance, Quantity::Distance},
    {Channel::Altitude, Quantity::Altitude},
    {Channel::Temperature, Quantity::Temperature},
};

QString number(double v)
{
    return QString::number(v, 'g', 10);
}

} // namespace

PlausibleRange rangeOf(Quantity quantity)
{
    return info(quantity).range;
}

void ValueFilter::apply(TrackPoint& p)
{
    for (const ChannelQuantity& cq : kChannels) {
        double& v = p[cq.channel];
        if (isMissing(v) || (cq.quantity == Quantity::HeartRate && v == 0))
            continue;
        if (!check(v, cq.quantity))
            v = kMissing;
    }
}

std::optional<double> ValueFilter::check(std::optional<double> value, Quantity quantity)
{
    if (!value)
        return std::nullopt;
    if (quantity == Quantity::HeartRate && *value == 0)
        return std::nullopt; // no strap: not recorded, nothing to report
    const PlausibleRange range = info(quantity).range;
    if (range.contains(*value))
        return value;
    Count& c = m_counts[static_cast<std::size_t>(quantity)];
    (*value < range.min ? c.below : c.above)++;
    return std::nullopt;
}

int ValueFilter::rejected() const
{
    int n = m_badPositions;
    for (const Count& c : m_counts)
        n += c.below + c.above;
    return n;
}

QStringList ValueFilter::warnings() const
{
    QStringList out;
    const auto sentence = [&](int n, const QuantityInfo& i, const char* side, double limit) {
        const QString unit = *i.unit ? QStringLiteral(" ") + QString::fromUtf8(i.unit) : QString();
        out.append(QStringLiteral("%1 %2 %3 %4%5 %6 dropped as implausible.")
                       .arg(n)
                       .arg(QLatin1String(n == 1 ? i.singular : i.plural), QLatin1String(side), number(limit), unit,
                            n == 1 ? QStringLiteral("was") : QStringLiteral("were")));
    };
    for (std::size_t q = 0; q < kQuantityCount; ++q) {
        const Count& c = m_counts[q];
        if (c.above > 0)
            sentence(c.above, kInfo[q], "above", kInfo[q].range.max);
        if (c.below > 0)
            sentence(c.below, kInfo[q], "below", kInfo[q].range.min);
    }
    if (m_badPositions > 0)
        out.append(QStringLiteral("%1 %2 with a latitude or longitude that is not on the globe %3 dropped.")
                       .arg(m_badPositions)
                       .arg(m_badPositions == 1 ? QStringLiteral("position") : QStringLiteral("positions"),
                            m_badPositions == 1 ? QStringLiteral("was") : QStringLiteral("were")));
    return out;
}

} // namespace tricoach::xml
