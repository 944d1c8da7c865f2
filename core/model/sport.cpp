#include "core/model/sport.h"

namespace tricoach {

QString sportId(Sport sport)
{
    switch (sport) {
    case Sport::Swim:
        return QStringLiteral("Swim");
    case Sport::Bike:
        return QStringLiteral("Bike");
    case Sport::Run:
        return QStringLiteral("Run");
    case Sport::Brick:
        return QStringLiteral("Brick");
    case Sport::Walk:
        return QStringLiteral("Walk");
    case Sport::Hike:
        return QStringLiteral("Hike");
    case Sport::Row:
        return QStringLiteral("Row");
    case Sport::Strength:
        return QStringLiteral("Strength");
    case Sport::Transition:
        return QStringLiteral("Transition");
    case Sport::Other:
        return QStringLiteral("Other");
    }
    return QStringLiteral("Other");
}

std::optional<Sport> sportFromString(QStringView text)
{
    const QString t = text.trimmed().toString().toLower();
    for (Sport s : kAllSports) {
        if (t == sportId(s).toLower())
            return s;
    }
    struct Synonym {
        const char* name;
        Sport sport;
    };
    static constexpr Synonym kSynonyms[] = {
        {"swimming", Sport::Swim},
        {"openwaterswim", Sport::Swim},
        {"ride", Sport::Bike},
        {"cycling", Sport::Bike},
        {"biking", Sport::Bike},
        {"virtualride", Sport::Bike},
        {"running", Sport::Run},
        {"trailrun", Sport::Run},
        {"virtualrun", Sport::Run},
        {"multisport", Sport::Brick},
        {"walking", Sport::Walk},
        {"hiking", Sport::Hike},
        {"rowing", Sport::Row},
        {"indoorrowing", Sport::Row},
        {"weighttraining", Sport::Strength},
        {"strength_training", Sport::Strength},
        {"strengthtraining", Sport::Strength},
        {"strength training", Sport::Strength},
    };
    for (const auto& syn : kSynonyms) {
        if (t == QLatin1String(syn.name))
            return syn.sport;
    }
    return std::nullopt;
}

} // namespace tricoach
