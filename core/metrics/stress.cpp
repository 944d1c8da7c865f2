#include "core/metrics/stress.h"
namespace tricoach {
std::optional<double> normalizedPower(const Streams&) { return std::nullopt; }
std::optional<StressScore> powerStress(const Activity&, const Thresholds&) { return std::nullopt; }
std::optional<StressScore> paceStress(const Activity&, const Thresholds&) { return std::nullopt; }
std::optional<StressScore> heartRateStress(const Activity&, const Thresholds&, const LoadSettings&) { return std::nullopt; }
std::optional<StressScore> rpeStress(const Activity&) { return std::nullopt; }
StressScore estimatedStress(const Activity& a, const LoadSettings& s) { return {a.durationSec() / 3600.0 * s.estimateFor(a.sport), {}}; }
LoadResult computeLoad(const Activity& a, const Thresholds&, const LoadSettings& s)
{
    if (a.userLoad)
        return {*a.userLoad, LoadSource::User, {}};
    return {estimatedStress(a, s).load, LoadSource::Estimate, {}};
}
} // namespace tricoach
