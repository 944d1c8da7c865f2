#include "core/coach/fitworkout.h"

#include "core/io/fit/fitcrc.h"

#include <QtEndian>

#include <cmath>
#include <vector>

namespace tricoach {

namespace {

// FIT profile numbers (Profile.xlsx: mesg_num, file, sport, wkt_step_duration, wkt_step_target, intensity).
constexpr std::uint16_t kFileIdMesg = 0, kWorkoutMesg = 26, kWorkoutStepMesg = 27;
constexpr std::uint8_t kFileWorkout = 5;
constexpr std::uint16_t kManufacturerDevelopment = 255;
constexpr std::uint8_t kDurationTime = 0, kDurationRepeatUntilStepsComplete = 6;
constexpr std::uint8_t kTargetSpeed = 0, kTargetOpen = 2, kTargetPower = 4;
constexpr std::uint8_t kIntensityActive = 0, kIntensityRest = 1, kIntensityWarmup = 2, kIntensityCooldown = 3;
// Base types (FIT protocol, "Base Types").
constexpr std::uint8_t kEnum = 0x00, kUint16 = 0x84, kUint32 = 0x86, kString = 0x07;
// FIT time counts seconds from 1989-12-31T00:00:00Z.
constexpr qint64 kFitEpoch = 631065600;
constexpr int kNameBytes = 32;

struct Field {
    std::uint8_t number, size, type;
};

class Encoder {
public:
    void define(std::uint8_t local, std::uint16_t global, const std::vector<Field>& fields)
    {
        m_data.append(static_cast<char>(0x40 | local));
        m_data.append('\0'); // reserved
        m_data.append('\0'); // little-endian
        put<std::uint16_t>(global);
        m_data.append(static_cast<char>(fields.size()));
        for (const Field& f : fields) {
            m_data.append(static_cast<char>(f.number));
            m_data.append(static_cast<char>(f.size));
            m_data.append(static_cast<char>(f.type));
        }
    }
    void header(std::uint8_t local) { m_data.append(static_cast<char>(local)); }
    template <typename T> void put(T v)
    {
        char bytes[sizeof(T)];
        qToLittleEndian(v, bytes);
        m_data.append(bytes, sizeof(T));
    }
    void text(const QString& s, int size)
    {
        QByteArray utf8 = s.toUtf8().left(size - 1);
        // Never cut a UTF-8 sequence in half.
        while (!utf8.isEmpty() && (static_cast<unsigned char>(utf8.back()) & 0xC0) == 0x80)
            utf8.chop(1);
        if (!utf8.isEmpty() && (static_cast<unsigned char>(utf8.back()) & 0xC0) == 0xC0)
            utf8.chop(1);
        utf8.append(QByteArray(size - utf8.size(), '\0'));
        m_data.append(utf8);
    }
    QByteArray file() const
    {
        QByteArray out;
        out.append(static_cast<char>(14));
        out.append(static_cast<char>(0x20)); // protocol 2.0
        char word[4];
        qToLittleEndian<std::uint16_t>(2132, word); // profile version 21.32
        out.append(word, 2);
        qToLittleEndian<std::uint32_t>(static_cast<std::uint32_t>(m_data.size()), word);
        out.append(word, 4);
        out.append(".FIT", 4);
        qToLittleEndian<std::uint16_t>(fit::fitCrc(QByteArrayView(out.constData(), 12)), word);
        out.append(word, 2);
        out.append(m_data);
        qToLittleEndian<std::uint16_t>(fit::fitCrc(out), word);
        out.append(word, 2);
        return out;
    }

private:
    QByteArray m_data;
};

struct Step {
    QString name;
    std::uint8_t durationType;
    std::uint32_t durationValue;
    std::uint8_t targetType;
    std::uint32_t targetValue, low, high;
    std::uint8_t intensity;
};

std::uint8_t fitSport(Sport s)
{
    switch (s) {
    case Sport::Run:
        return 1;
    case Sport::Bike:
        return 2;
    case Sport::Swim:
        return 5;
    default:
        return 0;
    }
}

Step targetStep(const WorkoutStep& s, Sport sport, const Thresholds& t)
{
    Step out{};
    out.durationType = kDurationTime;
    out.durationValue = static_cast<std::uint32_t>(std::lround(s.minutes * 60 * 1000)); // milliseconds
    out.intensity = s.kind == StepKind::WarmUp     ? kIntensityWarmup
                    : s.kind == StepKind::CoolDown ? kIntensityCooldown
                    : s.kind == StepKind::Recovery ? kIntensityRest
                                                   : kIntensityActive;
    out.name = QStringLiteral("Z%1").arg(std::max(s.zone, s.zoneTo));
    const auto [lowPct, highPct] = zoneRange(sport, std::max(s.zone, s.zoneTo));
    const auto [fromPct, unused] = zoneRange(sport, s.zone);
    const double low = s.zoneTo > s.zone ? fromPct : lowPct;
    out.targetType = kTargetOpen;
    if (sport == Sport::Bike) {
        // Power targets 0–1000 are % of FTP (the FIT profile's custom_target_power).
        out.targetType = kTargetPower;
        out.low = static_cast<std::uint32_t>(std::lround(low));
        out.high = static_cast<std::uint32_t>(std::lround(highPct));
    } else if ((sport == Sport::Run && t.runThresholdSpeed) || (sport == Sport::Swim && t.cssSpeed)) {
        const double threshold = sport == Sport::Run ? *t.runThresholdSpeed : *t.cssSpeed;
        out.targetType = kTargetSpeed; // m/s × 1000
        out.low = static_cast<std::uint32_t>(std::lround(threshold * low / 100 * 1000));
        out.high = static_cast<std::uint32_t>(std::lround(threshold * highPct / 100 * 1000));
    }
    return out;
}

} // namespace

QByteArray toFitWorkout(const Workout& w, const QString& name, const Thresholds& t, const QDateTime& created)
{
    std::vector<Step> steps;
    for (const StepGroup& g : w.groups) {
        const auto first = static_cast<std::uint32_t>(steps.size());
        for (const WorkoutStep& s : g.steps)
            steps.push_back(targetStep(s, w.sport, t));
        if (g.repeats > 1) {
            // "Repeat from step `first` until it has run `repeats` times."
            Step repeat{};
            repeat.name = QStringLiteral("Repeat");
            repeat.durationType = kDurationRepeatUntilStepsComplete;
            repeat.durationValue = first;
            repeat.targetType = kTargetOpen;
            repeat.targetValue = static_cast<std::uint32_t>(g.repeats);
            repeat.intensity = kIntensityActive;
            steps.push_back(repeat);
        }
    }

    Encoder e;
    e.define(0, kFileIdMesg, {{0, 1, kEnum}, {1, 2, kUint16}, {2, 2, kUint16}, {4, 4, kUint32}});
    e.header(0);
    e.put<std::uint8_t>(kFileWorkout);
    e.put<std::uint16_t>(kManufacturerDevelopment);
    e.put<std::uint16_t>(0);
    e.put<std::uint32_t>(static_cast<std::uint32_t>(created.toSecsSinceEpoch() - kFitEpoch));

    e.define(1, kWorkoutMesg, {{4, 1, kEnum}, {6, 2, kUint16}, {8, kNameBytes, kString}});
    e.header(1);
    e.put<std::uint8_t>(fitSport(w.sport));
    e.put<std::uint16_t>(static_cast<std::uint16_t>(steps.size()));
    e.text(name, kNameBytes);

    e.define(2, kWorkoutStepMesg,
             {{254, 2, kUint16},
              {0, 16, kString},
              {1, 1, kEnum},
              {2, 4, kUint32},
              {3, 1, kEnum},
              {4, 4, kUint32},
              {5, 4, kUint32},
              {6, 4, kUint32},
              {7, 1, kEnum}});
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const Step& s = steps[i];
        e.header(2);
        e.put<std::uint16_t>(static_cast<std::uint16_t>(i));
        e.text(s.name, 16);
        e.put<std::uint8_t>(s.durationType);
        e.put<std::uint32_t>(s.durationValue);
        e.put<std::uint8_t>(s.targetType);
        e.put<std::uint32_t>(s.targetValue);
        e.put<std::uint32_t>(s.low);
        e.put<std::uint32_t>(s.high);
        e.put<std::uint8_t>(s.intensity);
    }
    return e.file();
}

} // namespace tricoach
