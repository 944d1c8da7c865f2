#pragma once
// Internal to the FIT reader: which activity (leg) each record, lap and pool length belongs to.

#include "core/io/fit/fitcollector.h"

#include <QStringList>

#include <limits>
#include <optional>
#include <vector>

namespace tricoach::fit {

// The time span one activity covers, and what belongs to it.
struct Frame {
    double start = 0; // FIT seconds
    double end = std::numeric_limits<double>::infinity();
    // None: a file without sessions, or a leg recovered from records no session covers (a file cut before the
    // leg's summary was written).
    const SummaryInfo* session = nullptr;
    std::optional<std::uint8_t> sport, subSport;
    bool allRows = false;          // every record of the file, in file order (`rows` left empty)
    std::vector<std::size_t> rows; // record indexes, in file order
    std::vector<const SummaryInfo*> laps;
    std::vector<const LengthInfo*> lengths;
};

// One frame per session, in start order, plus a frame for each stretch of a multisport file's records that no
// session covers. A record goes to the session whose time span holds it, among the sessions of its own FIT file
// when files are chained; where spans touch, to the later one; where sessions start in the same second, to the
// one whose message follows it in the file (summaries are written after their records). Laps and lengths
// alike. Without sessions: one frame from the first record or lap on. Empty when nothing has a time.
std::vector<Frame> assignToFrames(const Collected& c, QStringList& warnings);

} // namespace tricoach::fit
