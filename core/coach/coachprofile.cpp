#include "core/coach/coachprofile.h"

namespace tricoach {

QString raceDistanceId(RaceDistance d)
{
    switch (d) {
    case RaceDistance::Sprint:
        return QStringLiteral("sprint");
    case RaceDistance::Olympic:
        return QStringLiteral("olympic");
    case RaceDistance::Half:
        return QStringLiteral("70.3");
    case RaceDistance::Full:
        return QStringLiteral("full");
    }
    return QStringLiteral("olympic");
}

std::optional<RaceDistance> raceDistanceFromString(QStringView text)
{
    const QString t = text.trimmed().toString().toLower();
    if (t == QStringLiteral("sprint"))
        return RaceDistance::Sprint;
    if (t == QStringLiteral("olympic") || t == QStringLiteral("standard"))
        return RaceDistance::Olympic;
    if (t == QStringLiteral("70.3") || t == QStringLiteral("half") || t == QStringLiteral("middle"))
        return RaceDistance::Half;
    if (t == QStringLiteral("full") || t == QStringLiteral("ironman") || t == QStringLiteral("140.6"))
        return RaceDistance::Full;
    return std::nullopt;
}

QString experienceId(Experience e)
{
    switch (e) {
    case Experience::Beginner:
        return QStringLiteral("beginner");
    case Experience::Intermediate:
        return QStringLiteral("intermediate");
    case Experience::Advanced:
        return QStringLiteral("advanced");
    }
    return QStringLiteral("intermediate");
}

std::optional<Experience> experienceFromString(QStringView text)
{
    for (Experience e : {Experience::Beginner, Experience::Intermediate, Experience::Advanced})
        if (text.compare(experienceId(e), Qt::CaseInsensitive) == 0)
            return e;
    return std::nullopt;
}

QString periodizationId(Periodization p)
{
    switch (p) {
    case Periodization::Linear:
        return QStringLiteral("linear");
    case Periodization::Block:
        return QStringLiteral("block");
    case Periodization::Reverse:
        return QStringLiteral("reverse");
    }
    return QStringLiteral("linear");
}

std::optional<Periodization> periodizationFromString(QStringView text)
{
    for (Periodization p : {Periodization::Linear, Periodization::Block, Periodization::Reverse})
        if (text.compare(periodizationId(p), Qt::CaseInsensitive) == 0)
            return p;
    return std::nullopt;
}

RaceFormat raceFormat(RaceDistance d)
{
    // World Triathlon / IRONMAN distances.
    switch (d) {
    case RaceDistance::Sprint:
        return {750, 20000, 5000, 1.4};
    case RaceDistance::Olympic:
        return {1500, 40000, 10000, 2.6};
    case RaceDistance::Half:
        return {1900, 90000, 21100, 5.8};
    case RaceDistance::Full:
        return {3800, 180000, 42200, 12.5};
    }
    return {1500, 40000, 10000, 2.6};
}

double CoachProfile::availableHours() const
{
    double h = 0;
    for (double d : hoursByWeekday)
        h += std::max(0.0, d);
    return h;
}

int CoachProfile::availableDays() const
{
    int n = 0;
    for (double d : hoursByWeekday)
        n += d > 0 ? 1 : 0;
    return n;
}

} // namespace tricoach
