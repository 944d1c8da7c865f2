#pragma once
// Our FitReader's decoding of a FIT file compared with Garmin's FIT JavaScript SDK's (fitcomparison.cpp has
// the pairing rules, the tolerances and the deliberate differences).

#include "core/io/activityreader.h"
#include "tests/oracle/fitsdk.h"

#include <string>

namespace tricoach::oracle {

// Complete: the SDK read the whole file. Prefix: it stopped early (a known SDK failure), so ours may hold
// more records than it read; its laps, lengths and sessions must still all be there.
enum class SdkCoverage { Complete, Prefix };

// Compares sessions (leg by leg), laps, lengths and records, and reports each field that differs as one
// GoogleTest failure naming the file, the leg, the index, our value and the SDK's.
void expectSameAsSdk(const SdkDump& sdk, const DecodedFile& ours, const std::string& file, SdkCoverage coverage);

} // namespace tricoach::oracle
