// Decodes a FIT workout file with Garmin's official FIT JavaScript SDK (@garmin/fitsdk) and prints its file_id,
// workout and workout steps as JSON on stdout, for the oracle test of TriCoach's FIT workout export:
//
//   {integrity, errors: [...], file_type, sport, name, num_valid_steps,
//    steps: [{index, name, duration_type, duration_time, duration_step, repeat_steps, target_type,
//             power_low, power_high, speed_low, speed_high, intensity}]}
//
// Usage: node fitsdk_workout.mjs FILE.fit
import { Decoder, Stream } from '@garmin/fitsdk';
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
    process.stderr.write('usage: node fitsdk_workout.mjs FILE.fit\n');
    process.exit(2);
}
let buf;
try {
    buf = readFileSync(file);
} catch (e) {
    process.stderr.write(`cannot read ${file}: ${e.message}\n`);
    process.exit(2);
}
const decoder = new Decoder(Stream.fromBuffer(buf));
const integrity = decoder.checkIntegrity();
const { messages, errors } = decoder.read({ convertDateTimesToDates: false });
const fileId = (messages.fileIdMesgs ?? [])[0] ?? {};
const workout = (messages.workoutMesgs ?? [])[0] ?? {};
const value = (v) => (v === undefined ? null : v);
const steps = (messages.workoutStepMesgs ?? []).map((s) => ({
    index: value(s.messageIndex),
    name: value(s.wktStepName),
    duration_type: value(s.durationType),
    duration_time: value(s.durationTime),
    duration_step: value(s.durationStep),
    repeat_steps: value(s.repeatSteps),
    target_type: value(s.targetType),
    power_low: value(s.customTargetPowerLow),
    power_high: value(s.customTargetPowerHigh),
    speed_low: value(s.customTargetSpeedLow),
    speed_high: value(s.customTargetSpeedHigh),
    intensity: value(s.intensity),
}));
process.stdout.write(JSON.stringify({
    integrity,
    errors: errors.map((e) => String(e.message ?? e)),
    file_type: value(fileId.type),
    sport: value(workout.sport),
    name: value(workout.wktName),
    num_valid_steps: value(workout.numValidSteps),
    steps,
}));
