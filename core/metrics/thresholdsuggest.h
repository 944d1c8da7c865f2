#pragma once
// Which estimates are worth telling the athlete about after an import: those that beat the value in force (a
// higher power or heart rate, a faster pace; an unset threshold is beaten by any estimate) and were not dismissed
// already. A dismissal is remembered per threshold as the value dismissed, so the same estimate, or a lesser one,
// never comes back, while a better one does. Pure functions; the athlete's document of dismissals lives in the
// store (ActivityStore::document with kSuggestionsDocument).

#include "core/metrics/thresholdestimate.h"

#include <QJsonObject>
#include <QLatin1String>

namespace tricoach {

// Better by at least this share counts as beating: a 0.3 W difference is noise, not news.
inline constexpr double kMinSuggestionGain = 0.01;
// The athlete document holding what was offered and dismissed.
inline constexpr QLatin1String kSuggestionsDocument{"thresholdSuggestions"};

struct ThresholdSuggestion {
    ThresholdEstimate estimate;
    std::optional<double> current;
};

// Whether an offered estimate beats `than` by kMinSuggestionGain (every threshold here is better higher: power,
// heart rate, and paces stored as speeds); nothing beats an estimate that was not offered.
bool beats(const ThresholdEstimate& estimate, const std::optional<double>& than);

// The offered estimates that beat both the value in force and the value dismissed for the same threshold.
std::vector<ThresholdSuggestion> suggestedUpdates(const std::vector<ThresholdEstimate>& estimates,
                                                  const Thresholds& current, const Thresholds& dismissed);

// What the athlete was offered and turned down, as kept in the document.
struct SuggestionMemory {
    bool offeredOnce = false; // the first-run offer was made (accepted or not): later ones are notices
    Thresholds dismissed;     // per threshold, the highest value dismissed

    // Remembers the offered estimates as dismissed (keeping the higher of old and new).
    void dismiss(const std::vector<ThresholdEstimate>& estimates);
    QJsonObject toJson() const;
    static SuggestionMemory fromJson(const QJsonObject& json);
};

} // namespace tricoach
