#include "core/model/activity.h"

namespace tricoach {

QString sourceId(ActivitySource source)
{
    switch (source) {
    case ActivitySource::Manual:
        return QStringLiteral("manual");
    case ActivitySource::File:
        return QStringLiteral("file");
    case ActivitySource::Strava:
        return QStringLiteral("strava");
    }
    return QStringLiteral("manual");
}

std::optional<ActivitySource> sourceFromString(QStringView text)
{
    for (auto s : {ActivitySource::Manual, ActivitySource::File, ActivitySource::Strava}) {
        if (text.compare(sourceId(s), Qt::CaseInsensitive) == 0)
            return s;
    }
    return std::nullopt;
}

QString loadSourceId(LoadSource source)
{
    switch (source) {
    case LoadSource::User:
        return QStringLiteral("user");
    case LoadSource::Power:
        return QStringLiteral("power");
    case LoadSource::Pace:
        return QStringLiteral("pace");
    case LoadSource::HeartRate:
        return QStringLiteral("hr");
    case LoadSource::Rpe:
        return QStringLiteral("rpe");
    case LoadSource::Estimate:
        return QStringLiteral("estimate");
    case LoadSource::None:
        return QStringLiteral("none");
    }
    return QStringLiteral("none");
}

std::optional<LoadSource> loadSourceFromString(QStringView text)
{
    for (auto s : {LoadSource::User, LoadSource::Power, LoadSource::Pace, LoadSource::HeartRate, LoadSource::Rpe,
                   LoadSource::Estimate, LoadSource::None}) {
        if (text.compare(loadSourceId(s), Qt::CaseInsensitive) == 0)
            return s;
    }
    return std::nullopt;
}

bool mayLeaveThisMachine(const Activity& activity)
{
    return activity.source != ActivitySource::Strava;
}

} // namespace tricoach
