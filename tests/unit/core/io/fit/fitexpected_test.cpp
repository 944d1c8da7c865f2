// Decoded output compared, record by record, with the outputs other projects ship for the same files
// (*.expected.csv: python-fitparse "-records" CSVs, the FR70 CSV, Garmin FitCSVTool CSVs; the gpsbabel GPX of
// the broken Lezyne file). Tolerances are the rounding of each CSV: exact for integers, 1e-6 for scaled
// values printed in full, half a semicircle for positions, 1 rpm where the CSV leaves out fractional cadence.
#include "core/io/fit/fitprofile.h"
#include "core/io/fit/fitreader.h"

#include "fitpatch.h"
#include "sdkheartratemerge.h"

#include <QFile>
#include <QRegularExpression>

#include <cmath>
#include <gtest/gtest.h>
#include <map>

using namespace tricoach;

namespace {

constexpr double kScaledTolerance = 1e-6;
constexpr double kHalfSemicircle = 0.5;

QString fitDir()
{
    return QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/fit/");
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// One CSV line split at commas outside double quotes; quotes removed.
QStringList splitCsv(const QString& line)
{
    QStringList out;
    QString cur;
    bool quoted = false;
    for (const QChar ch : line) {
        if (ch == QLatin1Char('"'))
            quoted = !quoted;
        else if (ch == QLatin1Char(',') && !quoted) {
            out << cur;
            cur.clear();
        } else
            cur += ch;
    }
    out << cur;
    return out;
}

QStringList csvLines(const QString& name)
{
    QString text = QString::fromUtf8(readFile(fitDir() + name));
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (QString& l : lines)
        l = l.trimmed();
    return lines;
}

// All samples of a file in file order: the activities' streams one after the other, with absolute FIT times.
struct Samples {
    std::vector<double> fitTime;
    std::map<Channel, std::vector<double>> channels;
    std::size_t size() const { return fitTime.size(); }
    double at(Channel c, std::size_t i) const
    {
        const auto it = channels.find(c);
        return it == channels.end() ? std::nan("") : it->second[i];
    }
};

Samples flatten(const DecodedFile& f)
{
    Samples s;
    for (const Activity& a : f.activities) {
        const double start = a.startUtc.isValid() ? a.startUtc.toMSecsSinceEpoch() / 1000.0 - fit::kFitEpochOffset : 0;
        const std::size_t before = s.fitTime.size();
        for (const double t : a.streams.time)
            s.fitTime.push_back(start + t);
        for (const Channel c : {Channel::Distance, Channel::HeartRate, Channel::Power, Channel::Cadence, Channel::Speed,
                                Channel::Altitude, Channel::Latitude, Channel::Longitude, Channel::Temperature}) {
            auto& out = s.channels[c];
            out.resize(before, std::nan(""));
            if (const auto* v = a.streams.get(c))
                out.insert(out.end(), v->begin(), v->end());
            else
                out.resize(before + a.streams.size(), std::nan(""));
        }
    }
    return s;
}

DecodedFile decode(const QString& fitName)
{
    return FitReader().read(readFile(fitDir() + fitName));
}

double semicircles(double degrees)
{
    return degrees / fit::kDegreesPerSemicircle;
}

// ---- python-fitparse "-records" CSV ----

class FitparseRecords : public ::testing::TestWithParam<const char*> {};

} // namespace

TEST_P(FitparseRecords, MatchRecordByRecord)
{
    const QString base = QLatin1String(GetParam());
    const QStringList lines = csvLines(base + QStringLiteral(".expected.csv"));
    ASSERT_GT(lines.size(), 1);
    const QStringList header = splitCsv(lines[0]);
    const DecodedFile f = decode(base + QStringLiteral(".fit"));
    ASSERT_TRUE(f.ok());
    const Samples s = flatten(f);
    ASSERT_EQ(s.size(), static_cast<std::size_t>(lines.size() - 1));

    const auto parseLocal = [](QString text) {
        // "Sun Sep 25 06:00:22 PDT 2011": drop the zone; differences between rows are what we compare.
        QStringList parts = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        parts.removeAt(4);
        return QDateTime::fromString(parts.join(QLatin1Char(' ')), QStringLiteral("ddd MMM d HH:mm:ss yyyy"));
    };
    const QDateTime first = parseLocal(splitCsv(lines[1])[0]);
    ASSERT_TRUE(first.isValid());
    for (int row = 1; row < lines.size(); ++row) {
        const QStringList cells = splitCsv(lines[row]);
        const std::size_t i = static_cast<std::size_t>(row - 1);
        for (int col = 0; col < header.size() && col < cells.size(); ++col) {
            const QString& name = header[col];
            const QString& cell = cells[col];
            SCOPED_TRACE(QStringLiteral("%1 row %2 %3=%4").arg(base).arg(row).arg(name, cell).toStdString());
            if (name == QLatin1String("timestamp")) {
                EXPECT_DOUBLE_EQ(s.fitTime[i] - s.fitTime[0], first.secsTo(parseLocal(cell)));
                continue;
            }
            static const std::map<QString, Channel> kColumns{{QStringLiteral("heart_rate"), Channel::HeartRate},
                                                             {QStringLiteral("cadence"), Channel::Cadence},
                                                             {QStringLiteral("speed"), Channel::Speed},
                                                             {QStringLiteral("distance"), Channel::Distance},
                                                             {QStringLiteral("position_lat"), Channel::Latitude},
                                                             {QStringLiteral("position_long"), Channel::Longitude},
                                                             {QStringLiteral("altitude"), Channel::Altitude},
                                                             {QStringLiteral("temperature"), Channel::Temperature}};
            const auto it = kColumns.find(name);
            ASSERT_NE(it, kColumns.end());
            const double mine = s.at(it->second, i);
            const QString previous = row > 1 ? splitCsv(lines[row - 1]).value(col) : QString();
            if (cell.isEmpty()) {
                EXPECT_TRUE(std::isnan(mine));
                continue;
            }
            if (std::isnan(mine)) {
                // python-fitparse's CSV repeats the last value where a record has none (forward fill).
                EXPECT_EQ(cell, previous) << "a value the record does not have";
                continue;
            }
            const double expected = cell.toDouble();
            switch (it->second) {
            case Channel::Latitude:
            case Channel::Longitude:
                EXPECT_NEAR(semicircles(mine), expected, kHalfSemicircle);
                break;
            case Channel::Cadence: // python-fitparse leaves out fractional_cadence
                EXPECT_GE(mine, expected);
                EXPECT_LT(mine, expected + 1);
                break;
            default:
                EXPECT_NEAR(mine, expected, kScaledTolerance);
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Expected, FitparseRecords,
                         ::testing::Values("cycling-garmin-edge500-long", "cycling-garmin-edge820-commute-short",
                                           "cycling-garmin-fenix5-short", "running-garmin-fenix5-short",
                                           "walking-garmin-fenix5-short"),
                         [](const auto& p) {
                             std::string n = p.param;
                             for (char& c : n)
                                 c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                             return n;
                         });

// The FR70 CSV: FIT timestamps (device-relative, compressed headers) and the compressed speed/distance field.
// The file alone has nothing that dates its power-on clock and is refused (FitClock); a timestamp_correlation
// appended to it places its times, and the CSV's device times are ours less the correlation's offset.
TEST(FitExpected, Fr70CompressedTimestampsAndSpeedDistance)
{
    const QStringList lines = csvLines(QStringLiteral("running-garmin-fr70-compressed-timestamps.expected.csv"));
    constexpr std::uint32_t kUtc = 697'284'000, kSystem = 17'000'000; // 2012-02-04T10:00Z: the clock read this
    fittest::FitPatch fr70(readFile(fitDir() + QStringLiteral("running-garmin-fr70-compressed-timestamps.fit")));
    fr70.appendToFirstFile(fittest::timestampCorrelation(kUtc, kSystem));
    const DecodedFile f = FitReader().read(fr70.bytes());
    ASSERT_TRUE(f.ok());
    const Samples s = flatten(f);
    // The CSV lists the records that carry heart rate; match them by timestamp.
    std::map<double, std::size_t> byTime;
    for (std::size_t i = 0; i < s.size(); ++i)
        byTime.emplace(s.fitTime[i] - (double(kUtc) - kSystem), i);
    int compared = 0;
    for (int row = 1; row < lines.size(); ++row) {
        const QStringList c = splitCsv(lines[row]);
        ASSERT_EQ(c.size(), 5);
        SCOPED_TRACE(lines[row].toStdString());
        const auto it = byTime.find(c[0].toDouble());
        ASSERT_NE(it, byTime.end());
        const std::size_t i = it->second;
        EXPECT_EQ(s.at(Channel::HeartRate, i), c[1].toDouble());
        EXPECT_NEAR(s.at(Channel::Speed, i), c[2].toDouble(), kScaledTolerance);
        EXPECT_NEAR(s.at(Channel::Distance, i), c[3].toDouble(), kScaledTolerance);
        if (c[4] == QLatin1String("null"))
            EXPECT_TRUE(std::isnan(s.at(Channel::Cadence, i)));
        else
            EXPECT_EQ(s.at(Channel::Cadence, i), c[4].toDouble());
        ++compared;
    }
    EXPECT_GE(compared, 750);
}

// ---- FitCSVTool CSV (Garmin FIT SDK) ----

namespace {

using Fields = std::map<QString, QString>; // field name -> value (first occurrence)

std::map<QString, std::vector<Fields>> fitCsvData(const QString& name)
{
    std::map<QString, std::vector<Fields>> out;
    for (const QString& line : csvLines(name)) {
        if (!line.startsWith(QLatin1String("Data,")))
            continue;
        const QStringList c = splitCsv(line);
        Fields fields;
        for (int i = 3; i + 1 < c.size(); i += 3) {
            if (!c[i].isEmpty() && c[i] != QLatin1String("unknown") && !fields.count(c[i]))
                fields[c[i]] = c[i + 1];
        }
        out[c[2]].push_back(std::move(fields));
    }
    return out;
}

// This FitCSVTool prints some invalid values instead of leaving them out; the profile's sentinels, scaled.
bool isPrintedInvalid(const QString& name, double v)
{
    static const std::map<QString, double> kSentinels{{QStringLiteral("heart_rate"), 255},
                                                      {QStringLiteral("cadence"), 255},
                                                      {QStringLiteral("avg_heart_rate"), 255},
                                                      {QStringLiteral("max_heart_rate"), 255},
                                                      {QStringLiteral("avg_cadence"), 255},
                                                      {QStringLiteral("max_cadence"), 255},
                                                      {QStringLiteral("temperature"), 127},
                                                      {QStringLiteral("power"), 65535},
                                                      {QStringLiteral("avg_power"), 65535},
                                                      {QStringLiteral("max_power"), 65535},
                                                      {QStringLiteral("total_ascent"), 65535},
                                                      {QStringLiteral("total_calories"), 65535},
                                                      {QStringLiteral("total_strokes"), 65535},
                                                      {QStringLiteral("position_lat"), 2147483647},
                                                      {QStringLiteral("position_long"), 2147483647},
                                                      {QStringLiteral("distance"), 42949672.95},
                                                      {QStringLiteral("total_distance"), 42949672.95},
                                                      {QStringLiteral("speed"), 65.535},
                                                      {QStringLiteral("enhanced_speed"), 4294967.295},
                                                      {QStringLiteral("altitude"), 12607},
                                                      {QStringLiteral("enhanced_altitude"), 858993959},
                                                      {QStringLiteral("total_elapsed_time"), 4294967.295},
                                                      {QStringLiteral("total_timer_time"), 4294967.295}};
    const auto it = kSentinels.find(name);
    return it != kSentinels.end() && std::abs(v - it->second) < kScaledTolerance;
}

std::optional<double> num(const Fields& f, const char* name)
{
    const auto it = f.find(QLatin1String(name));
    if (it == f.end() || it->second.isEmpty())
        return std::nullopt;
    const double v = it->second.section(QLatin1Char('|'), 0, 0).toDouble();
    if (isPrintedInvalid(it->first, v))
        return std::nullopt;
    return v;
}

void expectNear(std::optional<double> mine, std::optional<double> expected, const char* what)
{
    if (!expected)
        return;
    ASSERT_TRUE(mine.has_value()) << what;
    EXPECT_NEAR(*mine, *expected, kScaledTolerance) << what;
}

class FitCsvTool : public ::testing::TestWithParam<const char*> {};

std::vector<double> numbers(const Fields& f, const char* name)
{
    std::vector<double> out;
    const auto it = f.find(QLatin1String(name));
    if (it != f.end() && !it->second.isEmpty()) {
        for (const QString& part : it->second.split(QLatin1Char('|')))
            out.push_back(part.toDouble());
    }
    return out;
}

// The records' heart rate as the FIT SDK merges the CSV's hr messages into them; empty without hr messages.
std::vector<double> sdkMergedHeartRate(const std::map<QString, std::vector<Fields>>& data,
                                       const std::vector<Fields>& records)
{
    const auto hr = data.find(QStringLiteral("hr"));
    if (hr == data.end())
        return {};
    std::vector<fittest::HrMessage> messages;
    for (const Fields& m : hr->second) {
        fittest::HrMessage h;
        if (const auto t = num(m, "timestamp"))
            h.timestamp = *t + num(m, "fractional_timestamp").value_or(0);
        h.eventTimestamps = numbers(m, "event_timestamp");
        h.bpm = numbers(m, "filtered_bpm");
        messages.push_back(std::move(h));
    }
    std::vector<double> times, own;
    for (const Fields& r : records) {
        times.push_back(num(r, "timestamp").value_or(std::nan("")));
        own.push_back(num(r, "heart_rate").value_or(std::nan("")));
    }
    return fittest::sdkMergedHeartRate(times, own, fittest::sdkExpandedBeats(messages));
}

// Our merge averages the beats themselves where the SDK first repeats them every 250 ms (a time-weighted
// mean), so single seconds differ by a beat or two where the heart rate changes: every record within 10 bpm,
// 99% within 2, none with a value the SDK does not have or without one it has.
void expectCloseToSdkMerge(const Samples& s, const std::vector<double>& sdk, const QString& base)
{
    std::size_t compared = 0, close = 0;
    for (std::size_t i = 0; i < sdk.size(); ++i) {
        const double ours = s.at(Channel::HeartRate, i);
        if (std::isnan(sdk[i])) {
            EXPECT_TRUE(std::isnan(ours)) << base.toStdString() << " record " << i;
            continue;
        }
        ASSERT_FALSE(std::isnan(ours)) << base.toStdString() << " record " << i;
        EXPECT_LE(std::abs(ours - sdk[i]), 10) << base.toStdString() << " record " << i;
        ++compared;
        close += std::abs(ours - sdk[i]) <= 2 ? 1 : 0;
    }
    EXPECT_GE(static_cast<double>(close), 0.99 * static_cast<double>(compared)) << base.toStdString();
}

// The SDK's developer-data example has no time at all, which the reader refuses (fit.no-times,
// FitRefusals.AFileWithoutTimesSaysSo); a session appended to it places the activity, so the values of its
// untimed records can still be compared.
DecodedFile decodeForCsvTool(const QString& fitName)
{
    if (fitName != QLatin1String("devdata-sdk-example.fit"))
        return decode(fitName);
    fittest::FitWriter session;
    session.define(15, fit::mesg::Session, {{2, 4, fittest::bt::UInt32}});
    session.data(15, {1'000'000'000});
    fittest::FitPatch p(readFile(fitDir() + fitName));
    p.appendToFirstFile(session.dataBytes());
    return FitReader().read(p.bytes());
}

} // namespace

TEST_P(FitCsvTool, RecordsLapsSessionsAndLengthsMatch)
{
    const QString base = QLatin1String(GetParam());
    const auto data = fitCsvData(base + QStringLiteral(".expected.csv"));
    const DecodedFile f = decodeForCsvTool(base + QStringLiteral(".fit"));
    ASSERT_TRUE(f.ok()) << (f.error ? f.error->message.toStdString() : std::string());
    const Samples s = flatten(f);

    // Records, in file order.
    const auto records =
        data.count(QStringLiteral("record")) ? data.at(QStringLiteral("record")) : std::vector<Fields>{};
    ASSERT_EQ(s.size(), records.size());
    // With stored heart rate (hr messages) the strap's beats win over the records' own heart rate; the
    // reference is then the SDK's merge of the CSV's beats (sdkheartratemerge.h).
    const std::vector<double> mergedHr = sdkMergedHeartRate(data, records);
    if (!mergedHr.empty())
        expectCloseToSdkMerge(s, mergedHr, base);
    for (std::size_t i = 0; i < records.size(); ++i) {
        const Fields& r = records[i];
        SCOPED_TRACE(QStringLiteral("%1 record %2").arg(base).arg(i).toStdString());
        if (const auto t = num(r, "timestamp")) {
            EXPECT_EQ(s.fitTime[i], *t);
        }
        const auto check = [&](Channel c, std::optional<double> expected, double tolerance) {
            if (expected) {
                EXPECT_NEAR(s.at(c, i), *expected, tolerance) << int(c);
            }
        };
        if (mergedHr.empty())
            check(Channel::HeartRate, num(r, "heart_rate"), 0);
        check(Channel::Power, num(r, "power"), 0);
        check(Channel::Distance, num(r, "distance"), kScaledTolerance);
        check(Channel::Temperature, num(r, "temperature"), 0);
        check(Channel::Speed, num(r, "enhanced_speed") ? num(r, "enhanced_speed") : num(r, "speed"), kScaledTolerance);
        check(Channel::Altitude, num(r, "enhanced_altitude") ? num(r, "enhanced_altitude") : num(r, "altitude"),
              kScaledTolerance);
        if (const auto cad = num(r, "cadence"))
            check(Channel::Cadence, *cad + num(r, "fractional_cadence").value_or(0), kScaledTolerance);
        if (const auto lat = num(r, "position_lat")) {
            EXPECT_NEAR(semicircles(s.at(Channel::Latitude, i)), *lat, kHalfSemicircle);
        }
        if (const auto lon = num(r, "position_long")) {
            EXPECT_NEAR(semicircles(s.at(Channel::Longitude, i)), *lon, kHalfSemicircle);
        }
    }

    // Sessions, one activity each, in time order.
    std::vector<Fields> sessions =
        data.count(QStringLiteral("session")) ? data.at(QStringLiteral("session")) : std::vector<Fields>{};
    std::stable_sort(sessions.begin(), sessions.end(), [](const Fields& a, const Fields& b) {
        return num(a, "start_time").value_or(0) < num(b, "start_time").value_or(0);
    });
    if (!sessions.empty()) {
        ASSERT_EQ(f.activities.size(), sessions.size());
    }
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        const Fields& ss = sessions[i];
        const Activity& a = f.activities[i];
        SCOPED_TRACE(QStringLiteral("%1 session %2").arg(base).arg(i).toStdString());
        EXPECT_EQ(a.startUtc.toSecsSinceEpoch() - fit::kFitEpochOffset, *num(ss, "start_time"));
        expectNear(a.elapsedSec, num(ss, "total_elapsed_time"), "elapsed");
        expectNear(a.movingSec, num(ss, "total_timer_time"), "timer");
        expectNear(a.distanceM, num(ss, "total_distance"), "distance");
        expectNear(a.avgHr, num(ss, "avg_heart_rate"), "avg hr");
        expectNear(a.maxHr, num(ss, "max_heart_rate"), "max hr");
        expectNear(a.avgPower, num(ss, "avg_power"), "avg power");
        expectNear(a.maxPower, num(ss, "max_power"), "max power");
        expectNear(a.elevationGainM, num(ss, "total_ascent"), "ascent");
        expectNear(a.calories, num(ss, "total_calories"), "calories");
        expectNear(a.poolLengthM, num(ss, "pool_length"), "pool length");
        expectNear(a.avgSpeed, num(ss, "enhanced_avg_speed") ? num(ss, "enhanced_avg_speed") : num(ss, "avg_speed"),
                   "avg speed");
        if (const auto cad = num(ss, "avg_cadence"))
            expectNear(a.avgCadence, *cad + num(ss, "avg_fractional_cadence").value_or(0), "avg cadence");
        EXPECT_EQ(a.multisportLeg, sessions.size() > 1 ? static_cast<int>(i) : -1);
    }

    // Laps over all activities, in time order.
    std::vector<const Lap*> myLaps;
    std::vector<double> myLapStarts;
    for (const Activity& a : f.activities) {
        for (const Lap& l : a.laps) {
            myLaps.push_back(&l);
            myLapStarts.push_back(a.startUtc.toSecsSinceEpoch() - fit::kFitEpochOffset + l.startOffsetSec);
        }
    }
    std::vector<Fields> laps =
        data.count(QStringLiteral("lap")) ? data.at(QStringLiteral("lap")) : std::vector<Fields>{};
    std::stable_sort(laps.begin(), laps.end(), [](const Fields& a, const Fields& b) {
        return num(a, "start_time").value_or(0) < num(b, "start_time").value_or(0);
    });
    ASSERT_EQ(myLaps.size(), laps.size());
    for (std::size_t i = 0; i < laps.size(); ++i) {
        SCOPED_TRACE(QStringLiteral("%1 lap %2").arg(base).arg(i).toStdString());
        const Lap& l = *myLaps[i];
        EXPECT_NEAR(myLapStarts[i], *num(laps[i], "start_time"), kScaledTolerance);
        expectNear(l.elapsedSec, num(laps[i], "total_elapsed_time"), "elapsed");
        expectNear(l.movingSec, num(laps[i], "total_timer_time"), "timer");
        expectNear(l.distanceM, num(laps[i], "total_distance"), "distance");
        expectNear(l.avgHr, num(laps[i], "avg_heart_rate"), "avg hr");
        expectNear(l.maxHr, num(laps[i], "max_heart_rate"), "max hr");
        expectNear(l.avgPower, num(laps[i], "avg_power"), "avg power");
        expectNear(l.maxPower, num(laps[i], "max_power"), "max power");
    }

    // Pool lengths.
    const auto lengths =
        data.count(QStringLiteral("length")) ? data.at(QStringLiteral("length")) : std::vector<Fields>{};
    std::vector<const PoolLength*> mine;
    for (const Activity& a : f.activities) {
        for (const PoolLength& p : a.lengths)
            mine.push_back(&p);
    }
    ASSERT_EQ(mine.size(), lengths.size());
    for (std::size_t i = 0; i < lengths.size(); ++i) {
        SCOPED_TRACE(QStringLiteral("%1 length %2").arg(base).arg(i).toStdString());
        const bool active = num(lengths[i], "length_type").value_or(1) == 1;
        EXPECT_EQ(mine[i]->active, active);
        expectNear(mine[i]->durationSec, num(lengths[i], "total_elapsed_time"), "duration");
        if (active && num(lengths[i], "total_strokes")) {
            ASSERT_TRUE(mine[i]->strokes.has_value());
            EXPECT_EQ(*mine[i]->strokes, *num(lengths[i], "total_strokes"));
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Expected, FitCsvTool,
                         ::testing::Values("cycling-garmin-edge1030plus-power-lowbattery",
                                           "cycling-garmin-edge1040-power-gearchange", "devdata-sdk-example",
                                           "multisport-garmin-fr945-bike-trailrun", "swim-pool-garmin-fenix3-hr",
                                           "triathlon-garmin-fr255-summary-first",
                                           "walking-garmin-fr955-hrm-pro-chained"),
                         [](const auto& p) {
                             std::string n = p.param;
                             for (char& c : n)
                                 c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                             return n;
                         });

// The Lezyne file breaks mid-way (bad architecture byte); what precedes is what gpsbabel's recovery mode
// gets.
TEST(FitExpected, LezyneRecoveryMatchesGpsbabel)
{
    const QString gpx = QString::fromUtf8(
        readFile(fitDir() + QStringLiteral("invalid-lezyne-super-gps-bad-endian.expected-gpsbabel.gpx")));
    static const QRegularExpression trkpt(QString::fromLatin1(
        R"re(<trkpt lat="([-\d.]+)" lon="([-\d.]+)">\s*<ele>([-\d.]+)</ele>\s*<time>([^<]+)</time>)re"));
    std::vector<QRegularExpressionMatch> points;
    for (auto it = trkpt.globalMatch(gpx); it.hasNext();)
        points.push_back(it.next());
    ASSERT_EQ(points.size(), 804u);

    const DecodedFile f = decode(QStringLiteral("invalid-lezyne-super-gps-bad-endian.fit"));
    ASSERT_TRUE(f.recovered());
    EXPECT_EQ(f.error->code, QStringLiteral("fit.bad-definition"));
    const Activity& a = f.activities.at(0);
    ASSERT_EQ(a.streams.size(), points.size());
    const auto& lat = *a.streams.get(Channel::Latitude);
    const auto& lon = *a.streams.get(Channel::Longitude);
    const auto& ele = *a.streams.get(Channel::Altitude);
    for (std::size_t i = 0; i < points.size(); ++i) {
        const auto& m = points[i];
        SCOPED_TRACE(m.captured(0).toStdString());
        EXPECT_NEAR(lat[i], m.captured(1).toDouble(), 5e-9); // gpsbabel prints 9 decimals
        EXPECT_NEAR(lon[i], m.captured(2).toDouble(), 5e-9);
        EXPECT_NEAR(ele[i], m.captured(3).toDouble(), 5e-4);
        const QDateTime when = QDateTime::fromString(m.captured(4), Qt::ISODate);
        EXPECT_EQ(a.startUtc.addMSecs(static_cast<qint64>(a.streams.time[i] * 1000)), when);
    }
}
