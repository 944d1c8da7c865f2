#include "tests/oracle/fitsdk.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>

#include <cmath>

namespace tricoach::oracle {

namespace {

// The biggest file of the corpus takes about a second in node; a minute means node hangs.
constexpr int kNodeTimeoutMs = 60'000;

QString sdkDir()
{
    return QStringLiteral(TRICOACH_FITSDK_DIR);
}

QString nodeExecutable()
{
    return QStandardPaths::findExecutable(QStringLiteral("node"));
}

double number(const QJsonValue& v)
{
    return v.isDouble() ? v.toDouble() : kNone;
}

QString text(const QJsonValue& v)
{
    return v.isString() ? v.toString() : QString();
}

SdkRecord toRecord(const QJsonObject& o)
{
    SdkRecord r;
    r.t = number(o[QLatin1String("t")]);
    r.distance = number(o[QLatin1String("distance_m")]);
    r.hr = number(o[QLatin1String("hr")]);
    r.hrMerged = number(o[QLatin1String("hr_merged")]);
    r.power = number(o[QLatin1String("power")]);
    r.cadence = number(o[QLatin1String("cadence")]);
    r.fractionalCadence = number(o[QLatin1String("fractional_cadence")]);
    r.speed = number(o[QLatin1String("speed")]);
    r.altitude = number(o[QLatin1String("altitude")]);
    r.lat = number(o[QLatin1String("lat")]);
    r.lon = number(o[QLatin1String("lon")]);
    r.temperature = number(o[QLatin1String("temperature")]);
    r.coreTemperature = number(o[QLatin1String("core_temperature")]);
    const QJsonObject dev = o[QLatin1String("dev")].toObject();
    for (auto it = dev.begin(); it != dev.end(); ++it) {
        if (it.value().isDouble())
            r.dev.emplace_back(it.key(), it.value().toDouble());
    }
    return r;
}

SdkSummary toSummary(const QJsonObject& o)
{
    SdkSummary s;
    s.t = number(o[QLatin1String("t")]);
    s.start = number(o[QLatin1String("start")]);
    s.sport = text(o[QLatin1String("sport")]);
    s.subSport = text(o[QLatin1String("sub_sport")]);
    s.elapsed = number(o[QLatin1String("elapsed_sec")]);
    s.timer = number(o[QLatin1String("timer_sec")]);
    s.distance = number(o[QLatin1String("distance_m")]);
    s.avgHr = number(o[QLatin1String("avg_hr")]);
    s.maxHr = number(o[QLatin1String("max_hr")]);
    s.avgPower = number(o[QLatin1String("avg_power")]);
    s.maxPower = number(o[QLatin1String("max_power")]);
    s.avgCadence = number(o[QLatin1String("avg_cadence")]);
    s.maxCadence = number(o[QLatin1String("max_cadence")]);
    s.avgFractionalCadence = number(o[QLatin1String("avg_fractional_cadence")]);
    s.maxFractionalCadence = number(o[QLatin1String("max_fractional_cadence")]);
    s.avgSpeed = number(o[QLatin1String("avg_speed")]);
    s.maxSpeed = number(o[QLatin1String("max_speed")]);
    s.calories = number(o[QLatin1String("calories")]);
    s.ascent = number(o[QLatin1String("ascent_m")]);
    s.poolLength = number(o[QLatin1String("pool_length_m")]);
    return s;
}

SdkLength toLength(const QJsonObject& o)
{
    SdkLength l;
    l.t = number(o[QLatin1String("t")]);
    l.start = number(o[QLatin1String("start")]);
    l.elapsed = number(o[QLatin1String("elapsed_sec")]);
    l.timer = number(o[QLatin1String("timer_sec")]);
    l.strokes = number(o[QLatin1String("strokes")]);
    l.stroke = text(o[QLatin1String("stroke")]);
    l.lengthType = text(o[QLatin1String("length_type")]);
    return l;
}

template <typename T, typename F> std::vector<T> toVector(const QJsonValue& array, F convert)
{
    std::vector<T> out;
    for (const QJsonValue& v : array.toArray())
        out.push_back(convert(v.toObject()));
    return out;
}

} // namespace

double SdkSummary::begin() const
{
    if (!std::isnan(start))
        return start;
    return std::isnan(elapsed) ? t : t - elapsed;
}

double SdkLength::begin() const
{
    if (!std::isnan(start))
        return start;
    return std::isnan(elapsed) ? t : t - elapsed;
}

std::optional<QString> sdkUnavailable()
{
    if (nodeExecutable().isEmpty())
        return QStringLiteral("node is not installed (scripts/install-deps.sh installs the Debian package nodejs)");
    if (QFile::exists(sdkDir() + QStringLiteral("/node_modules/@garmin/fitsdk/package.json")))
        return std::nullopt;
    QFile status(sdkDir() + QStringLiteral("/install-status.txt"));
    if (status.open(QIODevice::ReadOnly))
        return QStringLiteral("@garmin/fitsdk is not installed: ") + QString::fromUtf8(status.readAll()).trimmed();
    return QStringLiteral("@garmin/fitsdk is not installed in %1; run the tests through ctest, whose fixture "
                          "oracle.fitsdk_install runs `npm ci` there")
        .arg(sdkDir());
}

bool sdkRequired()
{
    const QByteArray ci = qgetenv("CI");
    return !ci.isEmpty() && ci != "false";
}

std::optional<SdkDump> runSdk(const QString& fitPath, QString& error)
{
    QProcess node;
    node.start(nodeExecutable(), {sdkDir() + QStringLiteral("/fitsdk_dump.mjs"), fitPath});
    if (!node.waitForFinished(kNodeTimeoutMs) || node.exitStatus() != QProcess::NormalExit || node.exitCode() != 0) {
        node.kill();
        error = QStringLiteral("node fitsdk_dump.mjs %1 failed (exit %2): %3")
                    .arg(fitPath)
                    .arg(node.exitCode())
                    .arg(QString::fromUtf8(node.readAllStandardError()));
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(node.readAllStandardOutput(), &parseError);
    if (!doc.isObject()) {
        error = QStringLiteral("fitsdk_dump.mjs printed no JSON object: ") + parseError.errorString();
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    SdkDump d;
    d.sdkVersion = text(o[QLatin1String("sdk_version")]);
    d.integrity = o[QLatin1String("integrity")].toBool();
    for (const QJsonValue& e : o[QLatin1String("errors")].toArray())
        d.errors << e.toString();
    d.records = toVector<SdkRecord>(o[QLatin1String("records")], toRecord);
    d.laps = toVector<SdkSummary>(o[QLatin1String("laps")], toSummary);
    d.sessions = toVector<SdkSummary>(o[QLatin1String("sessions")], toSummary);
    d.lengths = toVector<SdkLength>(o[QLatin1String("lengths")], toLength);
    d.hrMessages = o[QLatin1String("hr_messages")].toInt();
    d.devFields = toVector<SdkDevField>(o[QLatin1String("dev_fields")], [](const QJsonObject& f) {
        return SdkDevField{text(f[QLatin1String("name")]), number(f[QLatin1String("native_mesg")]),
                           number(f[QLatin1String("native_field")])};
    });
    return d;
}

} // namespace tricoach::oracle
