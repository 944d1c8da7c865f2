#include "core/io/fit/fitcollector.h"

#include "core/io/fit/fitcollectorslots.h"

namespace tricoach::fit {

using namespace slots;

namespace {

constexpr std::uint32_t k12BitMask = (1U << hf::kPackedBits) - 1;

std::optional<std::uint32_t> asTime(std::optional<double> v)
{
    return toInteger<std::uint32_t>(v);
}

bool nameIs(const QString& name, std::initializer_list<const char*> options)
{
    const QString n = name.trimmed();
    for (const char* o : options) {
        if (n.compare(QLatin1String(o), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

bool FitCollector::wants(std::uint16_t mesg) const
{
    switch (mesg) {
    case mesg::Record:
    case mesg::Session:
    case mesg::Lap:
    case mesg::Length:
    case mesg::Event:
    case mesg::Activity:
    case mesg::FileId:
    case mesg::Sport:
    case mesg::Hr:
    case mesg::TimestampCorrelation:
        return true;
    default:
        return false; // device_info, hrv, ... carry nothing the activity model holds
    }
}

int FitCollector::slotFor(std::uint16_t mesg, std::uint8_t field) const
{
    switch (mesg) {
    case mesg::Record:
        return lookup(kRecordSlots, field);
    case mesg::Session:
        return lookup(kSessionSlots, field);
    case mesg::Lap:
        return lookup(kLapSlots, field);
    case mesg::Length:
        return lookup(kLengthSlots, field);
    case mesg::Event:
        return lookup(kEventSlots, field);
    case mesg::Activity:
        return lookup(kActivitySlots, field);
    case mesg::FileId:
        return lookup(kFileIdSlots, field);
    case mesg::Sport:
        return lookup(kSportSlots, field);
    case mesg::Hr:
        return lookup(kHrSlots, field);
    case mesg::TimestampCorrelation:
        return lookup(kCorrelationSlots, field);
    default:
        return kNoSlot;
    }
}

int FitCollector::developerSlotFor(std::uint16_t mesg, const DeveloperField& f) const
{
    if (mesg != mesg::Record)
        return kNoSlot;
    // A developer field may declare the native field it stands for (FIT SDK:
    // native_mesg_num/native_field_num).
    if (f.nativeField && (!f.nativeMesg || *f.nativeMesg == mesg::Record)) {
        if (*f.nativeField == field::record::Power.num)
            return RDevPower;
        if (*f.nativeField == field::record::HeartRate.num)
            return RDevHr;
        if (*f.nativeField == field::record::Temperature.num || *f.nativeField == field::record::CoreTemperature.num)
            return RDevTemp;
    }
    // Otherwise the names Connect IQ apps use: Stryd "Power", CORE "core_temperature" / "CORE Temp".
    if (nameIs(f.name, {"power", "stryd power"}))
        return RDevPower;
    if (nameIs(f.name, {"heart_rate", "heart rate"}))
        return RDevHr;
    if (nameIs(f.name, {"core_temperature", "core temp", "core temperature", "body_temperature", "body temperature"}))
        return RDevTemp;
    return kNoSlot;
}

void FitCollector::onFileStart(int index)
{
    m_file = static_cast<std::uint16_t>(index);
    m_skipFile = false;
    while (m_out.files.size() <= m_file)
        m_out.files.push_back(FileInfo{{}, {}, -1, m_out.records.time.size()});
}

Placement FitCollector::here() const
{
    return Placement{m_file, m_sequence, m_out.records.time.size()};
}

void FitCollector::onMessage(const FitMessage& m)
{
    if (m_out.files.empty())
        onFileStart(0);
    ++m_sequence;
    if (const auto t = m.timestamp(); t && *t < kMinAbsoluteDateTime && m_out.firstDeviceTimeOffset < 0)
        m_out.firstDeviceTimeOffset = m.offset();
    const std::uint16_t n = m.mesgNum();
    if (m_skipFile && (n == mesg::Record || n == mesg::Session || n == mesg::Lap || n == mesg::Length)) {
        ++m_out.skippedMessages;
        return;
    }
    switch (n) {
    case mesg::Record:
        onRecord(m);
        break;
    case mesg::Session:
        onSummary(m, true);
        break;
    case mesg::Lap:
        onSummary(m, false);
        break;
    case mesg::Length:
        onLength(m);
        break;
    case mesg::Event:
        onEvent(m);
        break;
    case mesg::Hr:
        onHr(m);
        break;
    case mesg::Activity:
        if (!m_out.activityTime) {
            m_out.activityTime = m.timestamp();
            m_out.activityLocalTime = toInteger<std::uint32_t>(m.value(ALocal));
            m_out.activityFile = m_file;
        }
        break;
    case mesg::FileId: {
        FileInfo& file = m_out.files[m_file];
        if (file.offset < 0) {
            file.type = m.enumValue(FType);
            file.timeCreated = asTime(m.value(FCreated));
            file.offset = m.offset();
        }
        // A settings or course file chained after an activity adds no leg; a first file of such a type is
        // refused as a whole by the assembler.
        m_skipFile = m_file > 0 && file.type && *file.type != filetype::Activity;
        break;
    }
    case mesg::Sport:
        m_out.sports.push_back(SportInfo{here(), m.enumValue(SpSport), m.enumValue(SpSub)});
        break;
    case mesg::TimestampCorrelation:
        if (const auto system = asTime(m.value(CSystem)); system && m.timestamp())
            m_out.correlations.push_back(ClockCorrelation{m_file, *m.timestamp(), *system});
        break;
    default:
        break;
    }
}

void FitCollector::onRecord(const FitMessage& m)
{
    RecordTable& t = m_out.records;
    if (m_out.firstRecordOffset < 0)
        m_out.firstRecordOffset = m.offset();
    const auto ts = m.timestamp();
    t.time.push_back(ts ? static_cast<double>(*ts) : kNaN);

    if (const auto v = m.value(RLat))
        t.set(Column::Latitude, semicirclesToDegrees(*v));
    if (const auto v = m.value(RLon))
        t.set(Column::Longitude, semicirclesToDegrees(*v));
    if (const auto v = m.value(REnhAlt))
        t.set(Column::Altitude, rf::EnhancedAltitude.apply(*v));
    else if (const auto a = m.value(RAlt))
        t.set(Column::Altitude, rf::Altitude.apply(*a));
    if (const auto v = m.value(RHr))
        t.set(Column::HeartRate, *v);
    if (const auto v = m.value(RCad)) {
        const auto frac = m.value(RFracCad);
        t.set(Column::Cadence, *v + (frac ? rf::FractionalCadence.apply(*frac) : 0.0));
    }
    if (const auto v = m.value(RPower))
        t.set(Column::Power, *v);
    if (const auto v = m.value(RTemp))
        t.set(Column::Temperature, *v);
    if (const auto v = m.value(RCoreTemp))
        t.set(Column::CoreTemperature, rf::CoreTemperature.apply(*v));

    std::optional<double> speed;
    if (const auto v = m.value(REnhSpeed))
        speed = rf::EnhancedSpeed.apply(*v);
    else if (const auto s = m.value(RSpeed))
        speed = rf::Speed.apply(*s);
    if (const auto v = m.value(RDist))
        t.set(Column::Distance, rf::Distance.apply(*v));

    // compressed_speed_distance (FR70 era): 12 bits speed, then 12 bits of a distance that rolls over at 256
    // m.
    const QByteArrayView packed = m.bytes(RCompressed);
    if (packed.size() >= 3 && !(packed[0] == '\xFF' && packed[1] == '\xFF' && packed[2] == '\xFF')) {
        const auto b = [&](int i) { return static_cast<std::uint32_t>(static_cast<std::uint8_t>(packed[i])); };
        const std::uint32_t rawSpeed = b(0) | ((b(1) & 0x0F) << 8);
        const std::uint32_t rawDistance = (b(1) >> 4) | (b(2) << 4);
        if (!speed)
            speed = rawSpeed / rf::kCompressedSpeedScale;
        if (!m_hasDistanceAccumulator) {
            m_distanceAccumulator = rawDistance;
            m_hasDistanceAccumulator = true;
        } else {
            m_distanceAccumulator += (rawDistance - m_distanceAccumulator) & k12BitMask;
        }
        if (!m.has(RDist))
            t.set(Column::Distance, m_distanceAccumulator / rf::kCompressedDistanceScale);
    }
    if (speed)
        t.set(Column::Speed, *speed);

    if (const auto v = m.value(RDevPower))
        t.set(Column::DevPower, *v);
    if (const auto v = m.value(RDevHr))
        t.set(Column::DevHeartRate, *v);
    if (const auto v = m.value(RDevTemp))
        t.set(Column::DevTemperature, *v);
}

void FitCollector::onSummary(const FitMessage& m, bool session)
{
    SummaryInfo s;
    s.at = here();
    s.startTime = asTime(m.value(SStart));
    s.timestamp = m.timestamp();
    s.sport = m.enumValue(SSport);
    s.subSport = m.enumValue(SSub);
    double* const targets[] = {nullptr,
                               nullptr,
                               nullptr,
                               &s.elapsed,
                               &s.timer,
                               &s.distance,
                               &s.calories,
                               &s.avgSpeed,
                               &s.maxSpeed,
                               &s.avgHr,
                               &s.maxHr,
                               &s.avgCadence,
                               &s.maxCadence,
                               &s.avgPower,
                               &s.maxPower,
                               &s.ascent,
                               &s.poolLength,
                               &s.avgFractionalCadence,
                               &s.maxFractionalCadence,
                               &s.enhancedAvgSpeed,
                               &s.enhancedMaxSpeed};
    static_assert(std::size(targets) == std::size(kSummaryScale));
    for (int slot = SElapsed; slot <= SEnhMax; ++slot)
        *targets[slot] = m.scaled(slot, kSummaryScale[slot]);
    (session ? m_out.sessions : m_out.laps).push_back(s);
}

void FitCollector::onLength(const FitMessage& m)
{
    LengthInfo l;
    l.at = here();
    l.startTime = asTime(m.value(LStart));
    l.timestamp = m.timestamp();
    l.elapsed = m.scaled(LElapsed, lenf::TotalElapsedTime);
    l.timer = m.scaled(LTimer, lenf::TotalTimerTime);
    l.strokes = m.scaled(LStrokes, lenf::TotalStrokes);
    l.stroke = m.enumValue(LStroke);
    l.lengthType = m.enumValue(LType);
    m_out.lengths.push_back(l);
}

void FitCollector::onEvent(const FitMessage& m)
{
    namespace ev = field::event;
    if (m.enumValue(EEvent) != ev::kTimer || !m.timestamp())
        return;
    const auto type = m.enumValue(EType);
    if (!type)
        return;
    if (*type == ev::kStart)
        m_out.timerEvents.push_back({*m.timestamp(), true, m_file});
    else if (*type == ev::kStop || *type == ev::kStopAll || *type == ev::kStopDisable || *type == ev::kStopDisableAll)
        m_out.timerEvents.push_back({*m.timestamp(), false, m_file});
}

// Stored heart rate (HRM-Swim/Tri/Pro): a message with a timestamp anchors event_timestamp (1/1024 s ticks
// since the strap started) to real time; later messages pack 12-bit tick deltas, eight beats to 12 bytes.
void FitCollector::onHr(const FitMessage& m)
{
    const int beats = m.elementCount(HBpm);
    if (m.timestamp() && m.has(HEvent)) {
        if (const auto ticks = toInteger<std::uint32_t>(m.value(HEvent))) {
            const auto frac = toInteger<std::uint16_t>(m.value(HFrac));
            m_hrAnchorTime = *m.timestamp() + (frac ? hf::FractionalTimestamp.apply(*frac) : 0.0);
            m_hrAnchorTicks = *ticks;
            m_hrLastTicks = m_hrAnchorTicks;
        }
    }
    if (!m_hrAnchorTime)
        return;
    if (m.has(HEvent)) {
        const int n = std::min(beats, m.elementCount(HEvent));
        for (int i = 0; i < n; ++i) {
            const auto ticks = toInteger<std::uint32_t>(m.element(HEvent, i));
            const auto bpm = m.element(HBpm, i);
            if (ticks) {
                m_hrLastTicks = *ticks;
                if (bpm)
                    addHr(*bpm, m_hrLastTicks);
            }
        }
    } else if (m.has(HEvent12)) {
        const QByteArrayView packed = m.bytes(HEvent12);
        const int packedCount = static_cast<int>(packed.size() * 8 / hf::kPackedBits);
        const int n = std::min(beats, packedCount);
        for (int i = 0; i < n; ++i) {
            const int bit = i * hf::kPackedBits;
            const int byte = bit / 8;
            std::uint32_t raw = static_cast<std::uint8_t>(packed[byte]);
            if (byte + 1 < packed.size())
                raw |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(packed[byte + 1])) << 8;
            raw = (raw >> (bit % 8)) & k12BitMask;
            m_hrLastTicks += (raw - m_hrLastTicks) & k12BitMask;
            if (const auto bpm = m.element(HBpm, i))
                addHr(*bpm, m_hrLastTicks);
        }
    }
}

void FitCollector::addHr(double bpm, std::uint32_t ticks)
{
    // The difference as a signed 32-bit count survives the rollover of the tick counter (every 48 days).
    const double sinceAnchor =
        static_cast<std::int32_t>(static_cast<std::uint32_t>(ticks - m_hrAnchorTicks)) / hf::kEventTicksPerSecond;
    m_out.hr.push_back({*m_hrAnchorTime + sinceAnchor, bpm, m_file});
}

} // namespace tricoach::fit
