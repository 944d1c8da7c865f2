#include "core/io/sportguess.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace tricoach::xml {

namespace {

// Lower case, accents removed ("Randonnée" → "randonnee"), split into words of letters and digits.
QStringList wordsOf(QStringView text)
{
    const QString decomposed = text.toString().normalized(QString::NormalizationForm_KD).toLower();
    QStringList words;
    QString word;
    for (const QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue;
        if (c.isLetterOrNumber()) {
            word += c;
        } else if (!word.isEmpty()) {
            words.append(word);
            word.clear();
        }
    }
    if (!word.isEmpty())
        words.append(word);
    return words;
}

struct Keyword {
    const char* words; // one word, or a phrase of words separated by single spaces
    Sport sport;
    const char* subSport;
};

// Sport words in activity titles: English, and the default titles Strava writes in French, German, Spanish,
// Italian and Dutch. Phrases are listed before the words they contain.
constexpr Keyword kKeywords[] = {
    {"open water", Sport::Swim, "OpenWaterSwim"},
    {"pool swim", Sport::Swim, "PoolSwim"},
    {"lap swim", Sport::Swim, "PoolSwim"},
    {"virtual ride", Sport::Bike, "VirtualRide"},
    {"virtual run", Sport::Run, "VirtualRun"},
    {"trail run", Sport::Run, "TrailRun"},
    {"trail running", Sport::Run, "TrailRun"},
    {"course a pied", Sport::Run, ""},
    {"weight training", Sport::Strength, ""},
    {"swim", Sport::Swim, ""},
    {"swims", Sport::Swim, ""},
    {"swimming", Sport::Swim, ""},
    {"openwater", Sport::Swim, "OpenWaterSwim"},
    {"natation", Sport::Swim, ""},
    {"nage", Sport::Swim, ""},
    {"schwimmen", Sport::Swim, ""},
    {"nuoto", Sport::Swim, ""},
    {"natacion", Sport::Swim, ""},
    {"zwemmen", Sport::Swim, ""},
    {"ride", Sport::Bike, ""},
    {"rides", Sport::Bike, ""},
    {"riding", Sport::Bike, ""},
    {"bike", Sport::Bike, ""},
    {"biking", Sport::Bike, ""},
    {"ebike", Sport::Bike, ""},
    {"cycling", Sport::Bike, ""},
    {"cycle", Sport::Bike, ""},
    {"bicycle", Sport::Bike, ""},
    {"mtb", Sport::Bike, ""},
    {"velo", Sport::Bike, ""},
    {"radfahrt", Sport::Bike, ""},
    {"radtour", Sport::Bike, ""},
    {"bici", Sport::Bike, ""},
    {"bicicleta", Sport::Bike, ""},
    {"ciclismo", Sport::Bike, ""},
    {"fietsen", Sport::Bike, ""},
    {"fietsrit", Sport::Bike, ""},
    {"run", Sport::Run, ""},
    {"runs", Sport::Run, ""},
    {"running", Sport::Run, ""},
    {"jog", Sport::Run, ""},
    {"jogging", Sport::Run, ""},
    {"lauf", Sport::Run, ""},
    {"laufen", Sport::Run, ""},
    {"corsa", Sport::Run, ""},
    {"carrera", Sport::Run, ""},
    {"hardlopen", Sport::Run, ""},
    {"walk", Sport::Walk, ""},
    {"walks", Sport::Walk, ""},
    {"walking", Sport::Walk, ""},
    {"stroll", Sport::Walk, ""},
    {"marche", Sport::Walk, ""},
    {"spaziergang", Sport::Walk, ""},
    {"camminata", Sport::Walk, ""},
    {"caminata", Sport::Walk, ""},
    {"wandeling", Sport::Walk, ""},
    {"hike", Sport::Hike, ""},
    {"hikes", Sport::Hike, ""},
    {"hiking", Sport::Hike, ""},
    {"trek", Sport::Hike, ""},
    {"trekking", Sport::Hike, ""},
    {"randonnee", Sport::Hike, ""},
    {"wanderung", Sport::Hike, ""},
    {"escursione", Sport::Hike, ""},
    {"senderismo", Sport::Hike, ""},
    {"row", Sport::Row, ""},
    {"rowing", Sport::Row, ""},
    {"aviron", Sport::Row, ""},
    {"rudern", Sport::Row, ""},
    {"canottaggio", Sport::Row, ""},
    {"remo", Sport::Row, ""},
    {"roeien", Sport::Row, ""},
    {"strength", Sport::Strength, ""},
    {"weights", Sport::Strength, ""},
    {"krafttraining", Sport::Strength, ""},
    {"musculation", Sport::Strength, ""},
};

// German titles join the time of day and the sport in one word ("Morgenlauf", "Abendradfahrt").
constexpr Keyword kGermanEndings[] = {
    {"lauf", Sport::Run, ""},         {"schwimmen", Sport::Swim, ""}, {"radfahrt", Sport::Bike, ""},
    {"spaziergang", Sport::Walk, ""}, {"wanderung", Sport::Hike, ""}, {"rudern", Sport::Row, ""},
};

// Words that make a swim a pool or an open-water swim, a ride or a run virtual or on trails.
bool anyOf(const QStringList& words, std::initializer_list<const char*> wanted)
{
    return std::any_of(wanted.begin(), wanted.end(), [&](const char* w) { return words.contains(QLatin1String(w)); });
}

QString refine(Sport sport, QString subSport, const QStringList& words)
{
    if (!subSport.isEmpty())
        return subSport;
    switch (sport) {
    case Sport::Swim:
        if (anyOf(words, {"pool", "piscine", "schwimmbad", "hallenbad", "piscina", "zwembad", "laps"}))
            return QStringLiteral("PoolSwim");
        if (anyOf(words, {"lake", "sea", "ocean", "river", "ows", "lac", "mer", "see", "meer", "lago", "mar"}))
            return QStringLiteral("OpenWaterSwim");
        break;
    case Sport::Bike:
        if (anyOf(words, {"virtual", "zwift"}))
            return QStringLiteral("VirtualRide");
        break;
    case Sport::Run:
        if (anyOf(words, {"trail"}))
            return QStringLiteral("TrailRun");
        if (anyOf(words, {"virtual", "treadmill"}))
            return QStringLiteral("VirtualRun");
        break;
    default:
        break;
    }
    return {};
}

} // namespace

std::optional<SportKind> sportFromTitle(QStringView title)
{
    const QStringList words = wordsOf(title);
    if (words.isEmpty())
        return std::nullopt;
    const QString joined = QLatin1Char(' ') + words.join(QLatin1Char(' ')) + QLatin1Char(' ');
    std::optional<Sport> found;
    QString subSport;
    bool several = false;
    auto take = [&](const Keyword& k) {
        if (found && *found != k.sport)
            several = true;
        if (!found)
            found = k.sport;
        if (subSport.isEmpty() && *k.subSport && *found == k.sport)
            subSport = QLatin1String(k.subSport);
    };
    for (const Keyword& k : kKeywords) {
        if (joined.contains(QLatin1Char(' ') + QLatin1String(k.words) + QLatin1Char(' ')))
            take(k);
    }
    for (const QString& w : words) {
        for (const Keyword& k : kGermanEndings) {
            const QLatin1String ending(k.words);
            if (w.size() > ending.size() + 2 && w.endsWith(ending))
                take(k);
        }
    }
    if (!found || several)
        return std::nullopt;
    return SportKind{*found, refine(*found, subSport, words)};
}

std::optional<SportKind> sportFromCreator(QStringView creator, bool hasTrack)
{
    if (!creator.contains(QLatin1String("swim"), Qt::CaseInsensitive))
        return std::nullopt;
    return SportKind{Sport::Swim, swimKind({}, hasTrack)};
}

QString swimKind(const QString& subSport, bool hasTrack)
{
    if (!subSport.isEmpty())
        return subSport;
    return hasTrack ? QStringLiteral("OpenWaterSwim") : QStringLiteral("PoolSwim");
}

bool pedalsWithPower(const TrackTraits& t)
{
    return t.powerMedian && *t.powerMedian >= kMinRidingPowerW && t.cadenceMedian &&
           *t.cadenceMedian >= kMinPedallingCadence && *t.cadenceMedian <= kMaxPedallingCadence;
}

SportKind guessSportFromTrack(const TrackTraits& t)
{
    if (!t.typicalSpeedMps)
        return pedalsWithPower(t) ? SportKind{Sport::Bike, {}} : SportKind{};
    const double v = *t.typicalSpeedMps;
    if (v >= kMotorMinSpeedMps)
        return {};
    if (v >= kBikeMinSpeedMps)
        return {Sport::Bike, {}};
    if (v >= kRunMinSpeedMps)
        return {Sport::Run, {}};
    if (pedalsWithPower(t))
        return {Sport::Bike, {}};
    const bool strokeRate = t.cadenceMedian && *t.cadenceMedian >= kMinStrokeRate && *t.cadenceMedian <= kMaxStrokeRate;
    if (strokeRate)
        return {Sport::Swim, swimKind({}, t.hasPositions)};
    if (t.climbMPerKm && *t.climbMPerKm >= kHikeMinClimbMPerKm)
        return {Sport::Hike, {}};
    if ((t.cadenceMedian && *t.cadenceMedian > kMaxStrokeRate) || v >= kWalkMinSpeedMps)
        return {Sport::Walk, {}};
    return {};
}

TrackTraits traitsOf(const std::vector<TrackPoint>& points, std::optional<double> distanceM,
                     std::optional<double> elevationGainM)
{
    TrackTraits t;
    t.typicalSpeedMps = typicalMovingSpeed(points);
    t.cadenceMedian = channelMedian(points, Channel::Cadence);
    t.powerMedian = channelMedian(points, Channel::Power);
    if (elevationGainM && distanceM && *distanceM >= 500)
        t.climbMPerKm = *elevationGainM / (*distanceM / 1000.0);
    t.hasPositions = std::any_of(points.begin(), points.end(), [](const TrackPoint& p) { return hasPosition(p); });
    return t;
}

bool looksLikePoolSwim(const std::vector<LapShape>& laps, bool hasPositions, std::optional<double> cadenceMedian)
{
    if (hasPositions || (cadenceMedian && *cadenceMedian > kMaxStrokeRate))
        return false;
    // Pool lengths in use: 25 m (and 50 m, its double), 33⅓ m, 20 m, 25 yd, 33⅓ yd.
    static constexpr double kPools[] = {25.0, 100.0 / 3.0, 20.0, 22.86, 30.48};
    double metres = 0, seconds = 0, steps = 0, stepMetres = 0;
    std::vector<double> distances;
    for (const LapShape& lap : laps) {
        if (!lap.distanceM || *lap.distanceM <= 0)
            continue;
        distances.push_back(*lap.distanceM);
        metres += *lap.distanceM;
        seconds += lap.seconds;
        if (lap.steps) {
            steps += *lap.steps;
            stepMetres += *lap.distanceM;
        }
    }
    if (distances.empty() || seconds <= 0)
        return false;
    const double speed = metres / seconds;
    if (speed < 0.25 || speed > 2.2)
        return false;
    if (stepMetres > 0 && steps / stepMetres >= 0.8)
        return false;
    return std::any_of(std::begin(kPools), std::end(kPools), [&](double pool) {
        return std::all_of(distances.begin(), distances.end(), [&](double d) {
            const double lengths = std::round(d / pool);
            return lengths >= 1 && std::abs(d - lengths * pool) <= 0.01 * pool;
        });
    });
}

bool looksLikeOpenWaterSwim(const TrackTraits& t)
{
    return t.hasPositions && t.typicalSpeedMps && *t.typicalSpeedMps >= 0.25 && *t.typicalSpeedMps <= 1.8 &&
           t.cadenceMedian && *t.cadenceMedian >= kMinStrokeRate && *t.cadenceMedian <= kMaxStrokeRate;
}

std::optional<SportKind> recogniseUnnamedSport(const std::vector<LapShape>& laps, const std::vector<TrackPoint>& points,
                                               std::optional<double> lapCadence, QStringView creator)
{
    const bool hasPositions = std::any_of(points.begin(), points.end(), hasPosition);
    std::optional<double> cadence = channelMedian(points, Channel::Cadence);
    if (!cadence)
        cadence = lapCadence;
    if (looksLikePoolSwim(laps, hasPositions, cadence))
        return SportKind{Sport::Swim, QStringLiteral("PoolSwim")};
    double lapMetres = 0, lapSeconds = 0;
    for (const LapShape& lap : laps) {
        if (lap.distanceM && *lap.distanceM > 0 && lap.seconds > 0) {
            lapMetres += *lap.distanceM;
            lapSeconds += lap.seconds;
        }
    }
    TrackTraits traits;
    traits.hasPositions = hasPositions;
    traits.cadenceMedian = cadence;
    traits.typicalSpeedMps =
        lapSeconds > 0 ? std::optional<double>(lapMetres / lapSeconds) : typicalMovingSpeed(points);
    if (looksLikeOpenWaterSwim(traits))
        return SportKind{Sport::Swim, QStringLiteral("OpenWaterSwim")};
    return sportFromCreator(creator, hasPositions);
}

} // namespace tricoach::xml
