#include "core/coach/workoutexport.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QXmlStreamWriter>

#include <cmath>

namespace tricoach {

namespace {

// A step's target as a fraction of the threshold: the middle of its zone (from/to for a progression).
std::pair<double, double> targetFraction(Sport sport, const WorkoutStep& s)
{
    const auto mid = [&](int zone) {
        const auto [low, high] = zoneRange(sport, zone);
        return (low + high) / 200.0;
    };
    return {mid(s.zone), mid(s.zoneTo > s.zone ? s.zoneTo : s.zone)};
}

QString fraction(double v)
{
    return QString::number(v, 'f', 3);
}

// The steps one after another (repeats unrolled), each with its start minute: what ERG and MRC list.
struct Flat {
    double start, minutes, from, to;
};
std::vector<Flat> flatten(const Workout& w)
{
    std::vector<Flat> out;
    double t = 0;
    for (const StepGroup& g : w.groups) {
        for (int r = 0; r < g.repeats; ++r) {
            for (const WorkoutStep& s : g.steps) {
                const auto [from, to] = targetFraction(w.sport, s);
                // Warm-ups ramp up into the session, cool-downs down out of it.
                if (s.kind == StepKind::WarmUp)
                    out.push_back(
                        {t, s.minutes, from, targetFraction(w.sport, WorkoutStep{StepKind::Steady, 0, 2}).first});
                else if (s.kind == StepKind::CoolDown)
                    out.push_back(
                        {t, s.minutes, targetFraction(w.sport, WorkoutStep{StepKind::Steady, 0, 2}).first, from});
                else
                    out.push_back({t, s.minutes, from, to});
                t += s.minutes;
            }
        }
    }
    return out;
}

QByteArray ergLike(const Workout& w, const QString& name, const QString& unit, double scale, const QString& extra)
{
    QString text = QStringLiteral("[COURSE HEADER]\nVERSION = 2\nUNITS = ENGLISH\nDESCRIPTION = %1\nFILE NAME = %2\n")
                       .arg(w.sessionType, name);
    text += extra;
    text += QStringLiteral("MINUTES %1\n[END COURSE HEADER]\n[COURSE DATA]\n").arg(unit);
    for (const Flat& f : flatten(w)) {
        // Each step is a pair of points: a flat step repeats its value, a ramp goes from one to the other.
        text += QStringLiteral("%1\t%2\n").arg(f.start, 0, 'f', 2).arg(std::lround(f.from * scale));
        text += QStringLiteral("%1\t%2\n").arg(f.start + f.minutes, 0, 'f', 2).arg(std::lround(f.to * scale));
    }
    text += QStringLiteral("[END COURSE DATA]\n");
    return text.toUtf8();
}

// RFC 5545 text: backslash, semicolon, comma and newline escaped.
QString icsText(QString s)
{
    s.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    s.replace(QLatin1Char(';'), QStringLiteral("\\;"));
    s.replace(QLatin1Char(','), QStringLiteral("\\,"));
    s.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    return s;
}

// Lines longer than 75 octets are folded with CRLF and a space (RFC 5545 §3.1), never inside a UTF-8 sequence.
QByteArray icsLine(const QString& line)
{
    const QByteArray utf8 = line.toUtf8();
    QByteArray out;
    int count = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const auto byte = static_cast<unsigned char>(utf8[i]);
        const bool continuation = (byte & 0xC0) == 0x80;
        if (count >= 74 && !continuation) {
            out += "\r\n ";
            count = 1;
        }
        out += utf8[i];
        ++count;
    }
    return out + "\r\n";
}

} // namespace

QString exportBaseName(const QDate& date, const Workout& workout)
{
    static const QRegularExpression nonWord(QStringLiteral("[^a-z0-9]+"));
    QString type = workout.sessionType.toLower();
    type.replace(nonWord, QStringLiteral("-"));
    while (type.endsWith(QLatin1Char('-')))
        type.chop(1);
    return QStringLiteral("%1-%2").arg(date.toString(Qt::ISODate), type);
}

QByteArray toZwo(const Workout& w, const QString& name)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("workout_file"));
    xml.writeTextElement(QStringLiteral("author"), QStringLiteral("TriCoach"));
    xml.writeTextElement(QStringLiteral("name"), name);
    xml.writeTextElement(QStringLiteral("description"), w.description({}));
    xml.writeTextElement(QStringLiteral("sportType"),
                         w.sport == Sport::Run ? QStringLiteral("run") : QStringLiteral("bike"));
    xml.writeStartElement(QStringLiteral("workout"));
    const auto seconds = [](double minutes) { return QString::number(std::lround(minutes * 60)); };
    for (const StepGroup& g : w.groups) {
        if (g.steps.empty())
            continue;
        if (g.repeats > 1 && g.steps.size() == 2) {
            xml.writeStartElement(QStringLiteral("IntervalsT"));
            xml.writeAttribute(QStringLiteral("Repeat"), QString::number(g.repeats));
            xml.writeAttribute(QStringLiteral("OnDuration"), seconds(g.steps[0].minutes));
            xml.writeAttribute(QStringLiteral("OffDuration"), seconds(g.steps[1].minutes));
            xml.writeAttribute(QStringLiteral("OnPower"), fraction(targetFraction(w.sport, g.steps[0]).first));
            xml.writeAttribute(QStringLiteral("OffPower"), fraction(targetFraction(w.sport, g.steps[1]).first));
            xml.writeEndElement();
            continue;
        }
        for (int r = 0; r < g.repeats; ++r) {
            for (const WorkoutStep& s : g.steps) {
                const auto [from, to] = targetFraction(w.sport, s);
                const double easy = targetFraction(w.sport, WorkoutStep{StepKind::Steady, 0, 2}).first;
                if (s.kind == StepKind::WarmUp || s.kind == StepKind::CoolDown || s.zoneTo > s.zone) {
                    const bool down = s.kind == StepKind::CoolDown;
                    xml.writeStartElement(s.kind == StepKind::WarmUp ? QStringLiteral("Warmup")
                                          : down                     ? QStringLiteral("Cooldown")
                                                                     : QStringLiteral("Ramp"));
                    xml.writeAttribute(QStringLiteral("Duration"), seconds(s.minutes));
                    const double low = s.zoneTo > s.zone ? from : down ? easy : from;
                    const double high = s.zoneTo > s.zone ? to : down ? from : easy;
                    xml.writeAttribute(QStringLiteral("PowerLow"), fraction(low));
                    xml.writeAttribute(QStringLiteral("PowerHigh"), fraction(high));
                } else {
                    xml.writeStartElement(QStringLiteral("SteadyState"));
                    xml.writeAttribute(QStringLiteral("Duration"), seconds(s.minutes));
                    xml.writeAttribute(QStringLiteral("Power"), fraction(from));
                }
                xml.writeEndElement();
            }
        }
    }
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndDocument(); // flushes into `out`
    return out;
}

QByteArray toErg(const Workout& w, const QString& name, double ftp)
{
    if (w.sport != Sport::Bike || !(ftp > 0))
        return {};
    return ergLike(w, name, QStringLiteral("WATTS"), ftp, QStringLiteral("FTP = %1\n").arg(std::lround(ftp)));
}

QByteArray toMrc(const Workout& w, const QString& name)
{
    if (w.sport != Sport::Bike)
        return {};
    return ergLike(w, name, QStringLiteral("PERCENT"), 100, QString());
}

QByteArray toIcs(const SeasonPlan& plan, const Thresholds& thresholds)
{
    QByteArray out;
    out += icsLine(QStringLiteral("BEGIN:VCALENDAR"));
    out += icsLine(QStringLiteral("VERSION:2.0"));
    out += icsLine(QStringLiteral("PRODID:-//TriCoach//Training plan//EN"));
    out += icsLine(QStringLiteral("CALSCALE:GREGORIAN"));
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    int n = 0;
    for (const WeekPlan& w : plan.weeks) {
        for (const PlannedDay& d : w.days) {
            for (const Workout& x : d.workouts) {
                const QString date = d.date.toString(QStringLiteral("yyyyMMdd"));
                out += icsLine(QStringLiteral("BEGIN:VEVENT"));
                out += icsLine(QStringLiteral("UID:%1-%2@tricoach").arg(date).arg(n++));
                out += icsLine(QStringLiteral("DTSTAMP:%1").arg(stamp));
                out += icsLine(QStringLiteral("DTSTART;VALUE=DATE:%1").arg(date));
                out += icsLine(
                    QStringLiteral("DTEND;VALUE=DATE:%1").arg(d.date.addDays(1).toString(QStringLiteral("yyyyMMdd"))));
                out += icsLine(
                    QStringLiteral("SUMMARY:%1")
                        .arg(icsText(QStringLiteral("%1 (%2 min)").arg(x.sessionType).arg(std::lround(x.minutes())))));
                out += icsLine(QStringLiteral("DESCRIPTION:%1").arg(icsText(x.description(thresholds))));
                out += icsLine(QStringLiteral("CATEGORIES:%1").arg(icsText(sportId(x.sport))));
                out += icsLine(QStringLiteral("END:VEVENT"));
            }
        }
    }
    out += icsLine(QStringLiteral("END:VCALENDAR"));
    return out;
}

} // namespace tricoach
