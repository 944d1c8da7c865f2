#include "core/metrics/settings.h"

#include <QJsonArray>

namespace tricoach {

LoadSettings LoadSettings::defaults()
{
    LoadSettings s;
    const std::vector<LoadSource> order{LoadSource::Power, LoadSource::Pace, LoadSource::HeartRate, LoadSource::Rpe,
                                        LoadSource::Estimate};
    // Typical load of one hour of steady endurance work (IF ≈ 0.7–0.77 → 49–60 per hour).
    // Walking and hiking are mostly below the first threshold (IF ≈ 0.55–0.65); transitions are a jog with a bike.
    const std::map<Sport, double> perHour{
        {Sport::Swim, 50}, {Sport::Bike, 50}, {Sport::Run, 60},      {Sport::Brick, 60},      {Sport::Walk, 30},
        {Sport::Hike, 40}, {Sport::Row, 55},  {Sport::Strength, 40}, {Sport::Transition, 60}, {Sport::Other, 35}};
    for (Sport sport : kAllSports) {
        s.precedence[sport] = order;
        s.estimatePerHour[sport] = perHour.at(sport);
    }
    return s;
}

const std::vector<LoadSource>& LoadSettings::precedenceFor(Sport sport) const
{
    static const LoadSettings kDefaults = defaults();
    auto it = precedence.find(sport);
    return it != precedence.end() ? it->second : kDefaults.precedence.at(sport);
}

double LoadSettings::estimateFor(Sport sport) const
{
    auto it = estimatePerHour.find(sport);
    return it != estimatePerHour.end() ? it->second : defaults().estimatePerHour.at(sport);
}

namespace {

void readDouble(const QJsonObject& o, const char* key, double& into)
{
    const auto v = o.value(QLatin1String(key));
    if (v.isDouble())
        into = v.toDouble();
}

QJsonArray toArray(const std::vector<double>& values)
{
    QJsonArray out;
    for (double v : values)
        out.append(v);
    return out;
}

// A stored edge list, or empty (the defaults) when it is missing or not a valid table.
std::vector<double> readBounds(const QJsonObject& o, const char* key)
{
    std::vector<double> out;
    for (const QJsonValue& v : o.value(QLatin1String(key)).toArray())
        out.push_back(v.toDouble(-1));
    return validZoneBounds(out) ? out : std::vector<double>{};
}

} // namespace

bool validZoneBounds(const std::vector<double>& bounds)
{
    if (bounds.size() != 6)
        return false;
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        if (!(bounds[i] >= 0.2 && bounds[i] <= 3.0) || (i > 0 && !(bounds[i] > bounds[i - 1])))
            return false;
    }
    return true;
}

QJsonObject MetricSettings::toJson() const
{
    QJsonObject precedenceJson;
    QJsonObject estimateJson;
    for (Sport sport : kAllSports) {
        QJsonArray order;
        for (LoadSource src : load.precedenceFor(sport))
            order.append(loadSourceId(src));
        precedenceJson.insert(sportId(sport), order);
        estimateJson.insert(sportId(sport), load.estimateFor(sport));
    }
    const AnalysisThresholds& a = analysis;
    return QJsonObject{
        {QStringLiteral("load"), QJsonObject{{QStringLiteral("precedence"), precedenceJson},
                                             {QStringLiteral("estimate_per_hour"), estimateJson},
                                             {QStringLiteral("trimp_k"), load.trimpK},
                                             {QStringLiteral("trimp_b"), load.trimpB}}},
        {QStringLiteral("pmc"), QJsonObject{{QStringLiteral("fitness_days"), pmc.fitnessDays},
                                            {QStringLiteral("fatigue_days"), pmc.fatigueDays}}},
        {QStringLiteral("analysis"), QJsonObject{{QStringLiteral("ramp_optimal_min"), a.rampOptimalMin},
                                                 {QStringLiteral("ramp_optimal_max"), a.rampOptimalMax},
                                                 {QStringLiteral("form_high_risk"), a.formHighRisk},
                                                 {QStringLiteral("form_medium_risk"), a.formMediumRisk},
                                                 {QStringLiteral("fatigue_ratio_high"), a.fatigueRatioHigh},
                                                 {QStringLiteral("fatigue_ratio_medium"), a.fatigueRatioMedium},
                                                 {QStringLiteral("min_fitness_for_ratio"), a.minFitnessForRatio},
                                                 {QStringLiteral("min_fitness_for_trend"), a.minFitnessForTrend},
                                                 {QStringLiteral("break_days"), a.breakDays},
                                                 {QStringLiteral("form_transition"), a.formTransition},
                                                 {QStringLiteral("form_fresh"), a.formFresh},
                                                 {QStringLiteral("form_productive"), a.formProductive}}},
        {QStringLiteral("zones"), QJsonObject{{QStringLiteral("power"), toArray(zones.power)},
                                              {QStringLiteral("heart_rate_bike"), toArray(zones.heartRateBike)},
                                              {QStringLiteral("heart_rate_run"), toArray(zones.heartRateRun)},
                                              {QStringLiteral("pace"), toArray(zones.pace)}}},
    };
}

MetricSettings MetricSettings::fromJson(const QJsonObject& json)
{
    MetricSettings s;
    const QJsonObject loadJson = json.value(QStringLiteral("load")).toObject();
    const QJsonObject precedenceJson = loadJson.value(QStringLiteral("precedence")).toObject();
    const QJsonObject estimateJson = loadJson.value(QStringLiteral("estimate_per_hour")).toObject();
    for (Sport sport : kAllSports) {
        const QJsonValue order = precedenceJson.value(sportId(sport));
        if (order.isArray()) {
            std::vector<LoadSource> parsed;
            for (const QJsonValue& v : order.toArray()) {
                if (auto src = loadSourceFromString(v.toString()); src && *src != LoadSource::User)
                    parsed.push_back(*src);
            }
            if (!parsed.empty())
                s.load.precedence[sport] = parsed;
        }
        const QJsonValue est = estimateJson.value(sportId(sport));
        if (est.isDouble() && est.toDouble() >= 0)
            s.load.estimatePerHour[sport] = est.toDouble();
    }
    readDouble(loadJson, "trimp_k", s.load.trimpK);
    readDouble(loadJson, "trimp_b", s.load.trimpB);

    const QJsonObject pmcJson = json.value(QStringLiteral("pmc")).toObject();
    readDouble(pmcJson, "fitness_days", s.pmc.fitnessDays);
    readDouble(pmcJson, "fatigue_days", s.pmc.fatigueDays);
    if (s.pmc.fitnessDays <= 0)
        s.pmc.fitnessDays = PmcSettings{}.fitnessDays;
    if (s.pmc.fatigueDays <= 0)
        s.pmc.fatigueDays = PmcSettings{}.fatigueDays;

    const QJsonObject a = json.value(QStringLiteral("analysis")).toObject();
    AnalysisThresholds& t = s.analysis;
    readDouble(a, "ramp_optimal_min", t.rampOptimalMin);
    readDouble(a, "ramp_optimal_max", t.rampOptimalMax);
    readDouble(a, "form_high_risk", t.formHighRisk);
    readDouble(a, "form_medium_risk", t.formMediumRisk);
    readDouble(a, "fatigue_ratio_high", t.fatigueRatioHigh);
    readDouble(a, "fatigue_ratio_medium", t.fatigueRatioMedium);
    readDouble(a, "min_fitness_for_ratio", t.minFitnessForRatio);
    readDouble(a, "min_fitness_for_trend", t.minFitnessForTrend);
    readDouble(a, "break_days", t.breakDays);
    if (t.breakDays < 1)
        t.breakDays = AnalysisThresholds{}.breakDays;
    readDouble(a, "form_transition", t.formTransition);
    readDouble(a, "form_fresh", t.formFresh);
    readDouble(a, "form_productive", t.formProductive);

    const QJsonObject z = json.value(QStringLiteral("zones")).toObject();
    s.zones.power = readBounds(z, "power");
    s.zones.heartRateBike = readBounds(z, "heart_rate_bike");
    s.zones.heartRateRun = readBounds(z, "heart_rate_run");
    s.zones.pace = readBounds(z, "pace");
    return s;
}

} // namespace tricoach
