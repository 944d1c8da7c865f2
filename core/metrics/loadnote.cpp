#include "core/metrics/loadnote.h"

#include <cmath>

namespace tricoach {

namespace {

// Below this, a duration is told in seconds: "1 of 1 minutes" says nothing.
constexpr double kSecondsBelow = 10 * 60.0;

QString whole(double v)
{
    return QString::number(std::lround(v));
}

} // namespace

QString durationText(double seconds)
{
    if (seconds < kSecondsBelow)
        return QCoreApplication::translate("LoadNote", "%1 seconds").arg(whole(seconds));
    return QCoreApplication::translate("LoadNote", "%1 minutes").arg(whole(seconds / 60));
}

QString partOfText(double partSec, double wholeSec)
{
    if (wholeSec < kSecondsBelow)
        return QCoreApplication::translate("LoadNote", "%1 of %2 seconds").arg(whole(partSec), whole(wholeSec));
    return QCoreApplication::translate("LoadNote", "%1 of %2 minutes").arg(whole(partSec / 60), whole(wholeSec / 60));
}

} // namespace tricoach
