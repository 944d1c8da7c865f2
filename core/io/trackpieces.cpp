#include "core/io/trackpieces.h"

#include <algorithm>
#include <cstdlib>
#include <optional>

namespace tricoach::xml {

TrackLayout layOut(const std::vector<TrackPoint>& points)
{
    const auto gapMs = static_cast<qint64>(kSessionGapSec * 1000.0);
    std::vector<TrackPiece> pieces;
    std::optional<TrackPiece> current;
    qint64 lastMs = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const qint64 t = points[i].timeMs;
        if (t == kNoTime)
            continue;
        // Differences of far-apart times (a fuzzed year 1 against year 9999) fit comfortably in 64 bits.
        if (current && std::llabs(t - lastMs) <= gapMs) {
            current->last = i;
            current->startMs = std::min(current->startMs, t);
            current->endMs = std::max(current->endMs, t);
            ++current->timedPoints;
        } else {
            if (current)
                pieces.push_back(*current);
            current = TrackPiece{i, i, t, t, 1};
        }
        lastMs = t;
    }
    if (current)
        pieces.push_back(*current);

    TrackLayout layout;
    for (const TrackPiece& p : pieces)
        layout.placed += p.last - p.first + 1;
    layout.unplaced = points.size() - layout.placed;
    std::stable_sort(pieces.begin(), pieces.end(),
                     [](const TrackPiece& a, const TrackPiece& b) { return a.startMs < b.startMs; });
    const bool anySession =
        std::any_of(pieces.begin(), pieces.end(), [](const TrackPiece& p) { return p.seconds() >= kMinSessionSec; });
    for (const TrackPiece& p : pieces)
        (anySession && p.seconds() < kMinSessionSec ? layout.strays : layout.sessions).push_back(p);
    return layout;
}

} // namespace tricoach::xml
