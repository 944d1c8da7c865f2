// Steady-state decode throughput of Garmin's FIT JavaScript SDK (@garmin/fitsdk), the SDK's side of
// scripts/bench-peers.sh:
//
//   node fitsdk_bench.mjs --seconds S [--options default|lean] FILE...
//       reads the files into memory, decodes them once untimed (JIT warm-up), then in a loop for about S
//       seconds, and prints {"bytes", "files", "iterations", "seconds", "mb_per_s", "options"}
//   node fitsdk_bench.mjs --list-decodable FILE...
//       prints, one per line, the files the SDK decodes without error: the corpus every decoder is timed on
//
// Node start-up and file reads are outside the timed loop, as for our in-process number (fit_peer_bench).
// Options: "default" is decoder.read() as the SDK's README shows it (every conversion on, heart rates merged);
// "lean" turns off what our reader does not do either (enum names, Date objects, HR merging) and is the
// SDK's fastest fair configuration, the one the ratios use.
import { Decoder, Stream } from '@garmin/fitsdk';
import { readFileSync } from 'node:fs';

const OPTIONS = {
    default: {},
    lean: {
        applyScaleAndOffset: true,
        expandSubFields: true,
        expandComponents: true,
        convertTypesToStrings: false,
        convertDateTimesToDates: false,
        includeUnknownData: false,
        mergeHeartRates: false,
    },
};

const args = process.argv.slice(2);
let seconds = 3;
let optionsName = 'lean';
let listDecodable = false;
const files = [];
for (let i = 0; i < args.length; ++i) {
    if (args[i] === '--seconds')
        seconds = Number(args[++i]);
    else if (args[i] === '--options')
        optionsName = args[++i];
    else if (args[i] === '--list-decodable')
        listDecodable = true;
    else
        files.push(args[i]);
}
if (files.length === 0 || !(seconds > 0) || !(optionsName in OPTIONS)) {
    process.stderr.write('usage: node fitsdk_bench.mjs [--seconds S] [--options default|lean] FILE...\n' +
                         '       node fitsdk_bench.mjs --list-decodable FILE...\n');
    process.exit(2);
}
const options = OPTIONS[optionsName];
const buffers = files.map((f) => readFileSync(f));

const decode = (buf) => new Decoder(Stream.fromBuffer(buf)).read(options);

// Exit by running out of work rather than process.exit(), which may cut short output still queued for a pipe.
if (listDecodable) {
    files.forEach((f, i) => {
        if (buffers[i].length > 0 && decode(buffers[i]).errors.length === 0)
            process.stdout.write(`${f}\n`);
    });
} else {
    measure();
}

function measure() {
    let sink = 0; // keeps the decoded messages alive enough that the work cannot be skipped
    const pass = () => {
        for (const buf of buffers)
            sink += Object.keys(decode(buf).messages).length;
    };
    pass();

    const start = process.hrtime.bigint();
    let iterations = 0;
    let elapsed = 0;
    do {
        pass();
        ++iterations;
        elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    } while (elapsed < seconds);

    const bytes = buffers.reduce((n, b) => n + b.length, 0);
    process.stdout.write(JSON.stringify({
        bytes,
        files: files.length,
        iterations,
        seconds: elapsed,
        mb_per_s: (bytes * iterations) / 1e6 / elapsed,
        options: optionsName,
        message_types: sink,
    }) + '\n');
}
