#include "core/metrics/thresholdsuggest.h"

#include <cmath>

namespace tricoach {

bool beats(const ThresholdEstimate& estimate, const std::optional<double>& than)
{
    if (!estimate.value || !std::isfinite(*estimate.value))
        return false;
    if (!than || !std::isfinite(*than))
        return true;
    return *estimate.value > *than * (1.0 + kMinSuggestionGain);
}

std::vector<ThresholdSuggestion> suggestedUpdates(const std::vector<ThresholdEstimate>& estimates,
                                                  const Thresholds& current, const Thresholds& dismissed)
{
    std::vector<ThresholdSuggestion> out;
    for (const ThresholdEstimate& e : estimates) {
        const auto member = thresholdMember(e.field);
        const std::optional<double>& now = current.*member;
        const std::optional<double>& turnedDown = dismissed.*member;
        if (beats(e, now) && (!turnedDown || beats(e, turnedDown)))
            out.push_back({e, now});
    }
    return out;
}

void SuggestionMemory::dismiss(const std::vector<ThresholdEstimate>& estimates)
{
    for (const ThresholdEstimate& e : estimates) {
        if (!e.value)
            continue;
        std::optional<double>& kept = dismissed.*(thresholdMember(e.field));
        if (!kept || *e.value > *kept)
            kept = e.value;
    }
}

QJsonObject SuggestionMemory::toJson() const
{
    QJsonObject values;
    for (ThresholdField f : kEstimatedFields) {
        if (const auto& v = dismissed.*(thresholdMember(f)))
            values.insert(thresholdFieldId(f), *v);
    }
    return QJsonObject{{QStringLiteral("offered"), offeredOnce}, {QStringLiteral("dismissed"), values}};
}

SuggestionMemory SuggestionMemory::fromJson(const QJsonObject& json)
{
    SuggestionMemory m;
    m.offeredOnce = json.value(QStringLiteral("offered")).toBool();
    const QJsonObject values = json.value(QStringLiteral("dismissed")).toObject();
    for (auto it = values.begin(); it != values.end(); ++it) {
        const auto field = thresholdFieldFromId(it.key());
        const double v = it.value().toDouble(std::nan(""));
        if (field && std::isfinite(v) && v > 0)
            m.dismissed.*(thresholdMember(*field)) = v;
    }
    return m;
}

} // namespace tricoach
