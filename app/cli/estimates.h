#pragma once
// athlete estimate: thresholds estimated from the athlete's recordings, each with the current value and its basis;
// and the estimates `athlete set --estimate` accepts.

#include "app/cli/args.h"
#include "app/cli/context.h"
#include "core/store/thresholdreads.h"

#include <vector>

namespace tricoach::cli {

// --on and --days: the window the estimates come from.
std::vector<OptionSpec> estimateWindowOptions();
// The window of --on and --days for the session's athlete: --on defaults to today, or the last activity's day when
// that is earlier. Bad values are recorded in `r`.
EstimateOptions estimateWindow(OptionReader& r, const Session& session);
// Estimates for the session's athlete.
Result<ThresholdEstimates> estimateFor(const Session& session, const EstimateOptions& options);

int runEstimate(const Invocation& inv, Io& io);

} // namespace tricoach::cli
