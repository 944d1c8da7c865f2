// Decodes one FIT file with Garmin's official FIT JavaScript SDK (@garmin/fitsdk) and prints what the oracle
// test compares with TriCoach's FitReader, as normalized JSON on stdout:
//
//   {sdk_version, file, bytes, integrity, errors: [...],
//    records:  [{t, distance_m, hr, hr_merged, power, cadence, fractional_cadence, speed, altitude, lat,
//                lon, temperature, core_temperature, dev: {name: value}}],
//    laps:     [{t, start, sport, elapsed_sec, timer_sec, distance_m, avg_hr, max_hr, avg_power, max_power,
//                avg_cadence, avg_fractional_cadence, avg_speed, max_speed}],
//    lengths:  [{t, start, elapsed_sec, timer_sec, strokes, stroke, length_type}],
//    sessions: [{t, start, sport, sub_sport, elapsed_sec, ... (the lap keys), max_cadence,
//                max_fractional_cadence, calories, ascent_m, pool_length_m}],
//    hr_messages, dev_fields: [{key, name, native_mesg, native_field}]}
//
// Units: times are Unix seconds (FIT seconds + the FIT epoch); positions are degrees; everything else is the
// SDK's scaled value (applyScaleAndOffset). A field the file leaves invalid is null, as the SDK omits it.
//
// `hr` is the record's own heart_rate (mergeHeartRates off). When the file holds stored-HR (hr) messages the
// file is decoded a second time with the SDK's merge on, and `hr_merged` is what the SDK then puts in each
// record: the reference for our own stored-HR fill. Dates stay FIT numbers (convertDateTimesToDates off) so no
// precision is lost to Date objects; enums become the profile's names (sport, swim stroke, length type).
//
// Usage: node fitsdk_dump.mjs FILE.fit
// Exit status 0 whenever a JSON document was printed, even if the SDK reported errors (they are in `errors`);
// 2 on a usage error or an unreadable file.
import { Decoder, Stream } from '@garmin/fitsdk';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// FIT timestamps count seconds from 1989-12-31T00:00:00Z (FIT protocol document).
const FIT_EPOCH_UNIX = 631065600;
const DEGREES_PER_SEMICIRCLE = 180 / 2 ** 31;

const file = process.argv[2];
if (!file) {
    process.stderr.write('usage: node fitsdk_dump.mjs FILE.fit\n');
    process.exit(2);
}
let buf;
try {
    buf = readFileSync(file);
} catch (e) {
    process.stderr.write(`fitsdk_dump: cannot read ${file}: ${e.message}\n`);
    process.exit(2);
}

const sdkVersion = createRequire(import.meta.url)('@garmin/fitsdk/package.json').version;

const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const time = (v) => (typeof v === 'number' ? v + FIT_EPOCH_UNIX : null);
const degrees = (v) => (typeof v === 'number' ? v * DEGREES_PER_SEMICIRCLE : null);
// The SDK expands speed/altitude into their enhanced_ fields; either may be what the device wrote.
const preferEnhanced = (m, name) => {
    const enhanced = `enhanced${name[0].toUpperCase()}${name.slice(1)}`;
    return num(m[enhanced]) ?? num(m[name]);
};

// Developer field names by the SDK's key, from the field descriptions as they are decoded.
const devFields = new Map();
const onFieldDescription = (key, _developerDataId, description) => {
    devFields.set(key, {
        key,
        name: typeof description.fieldName === 'string' ? description.fieldName : null,
        native_mesg: num(description.nativeMesgNum),
        native_field: num(description.nativeFieldNum),
    });
};

const readOptions = {
    applyScaleAndOffset: true,
    expandSubFields: true,
    expandComponents: true,
    convertTypesToStrings: true,
    convertDateTimesToDates: false,
    includeUnknownData: false,
    mergeHeartRates: false,
};
const decoder = new Decoder(Stream.fromBuffer(buf));
const integrity = buf.length > 0 && decoder.checkIntegrity();
// read() catches what it throws and returns the messages decoded up to that point, with the error.
const { messages, errors } = decoder.read({ ...readOptions, fieldDescriptionListener: onFieldDescription });

let merged = null;
if ((messages.hrMesgs ?? []).length > 0) {
    const again = new Decoder(Stream.fromBuffer(buf)).read({ ...readOptions, mergeHeartRates: true });
    merged = again.messages.recordMesgs ?? [];
}

const devValues = (m) => {
    if (!m.developerFields)
        return null;
    const out = {};
    for (const [key, value] of Object.entries(m.developerFields)) {
        const name = devFields.get(Number(key))?.name ?? `#${key}`;
        out[name] = Array.isArray(value) ? value.map(num) : num(value) ?? (typeof value === 'string' ? value : null);
    }
    return out;
};

const records = (messages.recordMesgs ?? []).map((m, i) => ({
    t: time(m.timestamp),
    distance_m: num(m.distance),
    hr: num(m.heartRate),
    hr_merged: merged ? num(merged[i]?.heartRate) : null,
    power: num(m.power),
    cadence: num(m.cadence),
    fractional_cadence: num(m.fractionalCadence),
    speed: preferEnhanced(m, 'speed'),
    altitude: preferEnhanced(m, 'altitude'),
    lat: degrees(m.positionLat),
    lon: degrees(m.positionLong),
    temperature: num(m.temperature),
    core_temperature: num(m.coreTemperature),
    dev: devValues(m),
}));

const summary = (m) => ({
    t: time(m.timestamp),
    start: time(m.startTime),
    sport: m.sport ?? null,
    sub_sport: m.subSport ?? null,
    elapsed_sec: num(m.totalElapsedTime),
    timer_sec: num(m.totalTimerTime),
    distance_m: num(m.totalDistance),
    avg_hr: num(m.avgHeartRate),
    max_hr: num(m.maxHeartRate),
    avg_power: num(m.avgPower),
    max_power: num(m.maxPower),
    avg_cadence: num(m.avgCadence),
    max_cadence: num(m.maxCadence),
    avg_fractional_cadence: num(m.avgFractionalCadence),
    max_fractional_cadence: num(m.maxFractionalCadence),
    avg_speed: preferEnhanced(m, 'avgSpeed'),
    max_speed: preferEnhanced(m, 'maxSpeed'),
    calories: num(m.totalCalories),
    ascent_m: num(m.totalAscent),
    pool_length_m: num(m.poolLength),
});

const lengths = (messages.lengthMesgs ?? []).map((m) => ({
    t: time(m.timestamp),
    start: time(m.startTime),
    elapsed_sec: num(m.totalElapsedTime),
    timer_sec: num(m.totalTimerTime),
    strokes: num(m.totalStrokes),
    stroke: m.swimStroke ?? null,
    length_type: m.lengthType ?? null,
}));

process.stdout.write(JSON.stringify({
    sdk_version: sdkVersion,
    file,
    bytes: buf.length,
    integrity,
    errors: errors.map((e) => String(e?.message ?? e)),
    records,
    laps: (messages.lapMesgs ?? []).map(summary),
    lengths,
    sessions: (messages.sessionMesgs ?? []).map(summary),
    hr_messages: (messages.hrMesgs ?? []).length,
    dev_fields: [...devFields.values()],
}));
process.stdout.write('\n');
