#!/usr/bin/env bash
# FIT decode throughput next to its peers, in one run (`make bench` calls it after tricoach_bench): TriCoach's
# FitReader, Garmin's official FIT JavaScript SDK (@garmin/fitsdk, in node) and gpsbabel (FIT in, GPX out to
# /dev/null), on the FIT corpus (tests/data/activities/fit: the valid files every decoder reads without
# error) and on a synthetic 10-hour 1 Hz ride (tricoach_bench's BM_FitReaderTenHourRide file, written by
# fit_peer_bench). The issue's bar: >= 20x the SDK and >= 5x gpsbabel.
#
# The peers cannot all be timed the same way, so each comparison pairs like with like:
#   in-process     TriCoach vs the SDK: files in memory, one untimed warm-up pass, then decoded in a loop for
#                  SECONDS_PER_RUN; node's start-up is outside the timing. Median of IN_PROCESS_RUNS runs; the
#                  SDK is taken with the faster of two option sets (see fitsdk_bench.mjs).
#   decoder        TriCoach in-process vs gpsbabel as one process for many bytes (gpsbabel has no library
#                  entry point): every corpus file in a single run (-f per file), the 10-hour ride alone, so its
#                  few ms of start-up are a small share.
#   whole process  tricoach-cli vs gpsbabel, one process per file, start-up included for both: what a script
#                  converting files one by one sees. Median of ROUNDS passes. Most corpus files are small, so
#                  this pairing is dominated by process start-up on both sides.
#
# Usage: scripts/bench-peers.sh [BUILD_DIR]   (default build/release; needs tricoach-cli and fit_peer_bench)
# Environment: SECONDS_PER_RUN (default 2), IN_PROCESS_RUNS (default 3), ROUNDS (default 5), RIDE_REPEATS
#              (10-hour-ride processes per whole-process pass, default 3).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build/release}" && pwd)
seconds=${SECONDS_PER_RUN:-2}
runs=${IN_PROCESS_RUNS:-3}
rounds=${ROUNDS:-5}
ride_repeats=${RIDE_REPEATS:-3}
corpus_dir="$root/tests/data/activities/fit"
cli="$build/app/tricoach-cli"
peer_bench="$build/tests/oracle/fit_peer_bench"
node_dir="$build/tests/oracle/node"

for tool in "$cli" "$peer_bench"; do
  [ -x "$tool" ] || { echo "bench-peers: $tool is missing; build $build first" >&2; exit 1; }
done
[ -d "$corpus_dir" ] || { echo "bench-peers: no FIT corpus at $corpus_dir" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ride="$work/ten-hour-ride.fit"
"$peer_bench" write-ride "$ride" >/dev/null

# ---- which peers can run ----
sdk_version=""
if command -v node >/dev/null 2>&1 && [ -f "$node_dir/package.json" ]; then
  sdk_version=$(node -p "require(process.argv[1]).dependencies['@garmin/fitsdk']" "$node_dir/package.json")
  # The oracle test's installer: pinned version, offline-friendly, a no-op when already installed.
  if ! cmake -DNODE_DIR="$node_dir" -DSDK_VERSION="$sdk_version" -P "$root/tests/oracle/install_fitsdk.cmake" \
       >"$work/install.log" 2>&1; then
    echo "bench-peers: @garmin/fitsdk not available, its column stays empty: $(cat "$node_dir/install-status.txt" 2>/dev/null)" >&2
    sdk_version=""
  fi
else
  echo "bench-peers: node is not installed; the SDK column stays empty" >&2
fi
has_gpsbabel=$(command -v gpsbabel >/dev/null 2>&1 && echo yes || echo no)
[ "$has_gpsbabel" = yes ] || echo "bench-peers: gpsbabel is not installed; its column stays empty" >&2

# ---- the corpus: valid files the SDK decodes without error (it cannot read compressed timestamps and throws
# on the FR255 triathlon, see SOURCES.md), so that every decoder is timed on the same bytes ----
candidates=()
for f in "$corpus_dir"/*.fit; do
  case "$(basename "$f")" in invalid-*) ;; *) candidates+=("$f") ;; esac
done
if [ -n "$sdk_version" ]; then
  mapfile -t corpus < <(node "$node_dir/fitsdk_bench.mjs" --list-decodable "${candidates[@]}")
else
  corpus=("${candidates[@]}")
fi
corpus_bytes=$(cat "${corpus[@]}" | wc -c)
ride_bytes=$(wc -c <"$ride")

# Every file must decode cleanly before it is timed: a failing decode is fast and would flatter its decoder.
for f in "${corpus[@]}" "$ride"; do
  "$cli" decode "$f" --json --no-streams >/dev/null || { echo "bench-peers: tricoach-cli fails on $f" >&2; exit 1; }
  if [ "$has_gpsbabel" = yes ] && ! gpsbabel -i garmin_fit -f "$f" -o gpx -F /dev/null >/dev/null 2>&1; then
    echo "bench-peers: warning: gpsbabel fails on $f" >&2
  fi
done

json_number() { sed -n "s/.*\"$1\":\([0-9.eE+-]*\).*/\1/p"; }
now_ns() { date +%s%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
mbps() { awk -v b="$1" -v ns="$2" 'BEGIN { printf "%.3f", b / 1e6 / (ns / 1e9) }'; }

# whole_process BYTES_PER_PASS REPEATS COMMAND... -- ITEM...: median MB/s over $rounds passes; a pass starts
# COMMAND once per ITEM, with @FILE@ in its arguments replaced by the item, REPEATS times over the list. (A
# COMMAND without @FILE@ and a single dummy item runs once per pass.)
whole_process() {
  local bytes=$1 repeats=$2
  shift 2
  local cmd=()
  while [ "$1" != -- ]; do cmd+=("$1"); shift; done
  shift
  local results=() r i f start
  for ((r = 0; r < rounds; r++)); do
    start=$(now_ns)
    for ((i = 0; i < repeats; i++)); do
      for f in "$@"; do "${cmd[@]//@FILE@/$f}" >/dev/null 2>&1 || true; done
    done
    results+=("$(mbps $((bytes * repeats)) $(($(now_ns) - start)))")
  done
  printf '%s\n' "${results[@]}" | median
}

# in_process COMMAND...: median MB/s of $runs runs of a command printing fit_peer_bench/fitsdk_bench JSON.
in_process() {
  local r
  for ((r = 0; r < runs; r++)); do "$@" | json_number mb_per_s; done | median
}
larger() { awk -v a="$1" -v b="$2" 'BEGIN { print (a > b) ? a : b }'; }

echo "bench-peers: timing ($runs in-process runs of ${seconds}s, $rounds whole-process passes)..." >&2
ours_corpus=$(in_process "$peer_bench" throughput "$seconds" "${corpus[@]}")
ours_ride=$(in_process "$peer_bench" throughput "$seconds" "$ride")
# The same with glibc keeping freed memory (no trimming, no mmap for big blocks), as node's heap stays warm:
# otherwise every decode of the ride hands its few MB of stream vectors back to the kernel and faults them in
# again. Shown for reference; the ratios use the plain figures above.
warm_heap=(env MALLOC_TRIM_THRESHOLD_=268435456 MALLOC_MMAP_THRESHOLD_=268435456)
ours_warm_corpus=$(in_process "${warm_heap[@]}" "$peer_bench" throughput "$seconds" "${corpus[@]}")
ours_warm_ride=$(in_process "${warm_heap[@]}" "$peer_bench" throughput "$seconds" "$ride")
sdk_lean_corpus="" sdk_lean_ride="" sdk_default_corpus="" sdk_default_ride="" sdk_corpus="" sdk_ride=""
if [ -n "$sdk_version" ]; then
  sdk_bench=(node "$node_dir/fitsdk_bench.mjs" --seconds "$seconds")
  sdk_lean_corpus=$(in_process "${sdk_bench[@]}" --options lean "${corpus[@]}")
  sdk_lean_ride=$(in_process "${sdk_bench[@]}" --options lean "$ride")
  sdk_default_corpus=$(in_process "${sdk_bench[@]}" --options default "${corpus[@]}")
  sdk_default_ride=$(in_process "${sdk_bench[@]}" --options default "$ride")
  sdk_corpus=$(larger "$sdk_lean_corpus" "$sdk_default_corpus")
  sdk_ride=$(larger "$sdk_lean_ride" "$sdk_default_ride")
fi
cli_corpus=$(whole_process "$corpus_bytes" 1 "$cli" decode @FILE@ --json --no-streams -- "${corpus[@]}")
cli_ride=$(whole_process "$ride_bytes" "$ride_repeats" "$cli" decode @FILE@ --json --no-streams -- "$ride")
gps_corpus="" gps_ride="" gps_one_corpus=""
if [ "$has_gpsbabel" = yes ]; then
  gpsbabel_cmd=(gpsbabel -i garmin_fit -f @FILE@ -o gpx -F /dev/null)
  gps_corpus=$(whole_process "$corpus_bytes" 1 "${gpsbabel_cmd[@]}" -- "${corpus[@]}")
  gps_ride=$(whole_process "$ride_bytes" "$ride_repeats" "${gpsbabel_cmd[@]}" -- "$ride")
  all_inputs=()
  for f in "${corpus[@]}"; do all_inputs+=(-f "$f"); done
  gps_one_corpus=$(whole_process "$corpus_bytes" 1 gpsbabel -i garmin_fit "${all_inputs[@]}" -o gpx -F /dev/null \
                   -- all-files)
fi

# ---- the table ----
cell() { [ -n "$1" ] && printf '%.1f' "$1" || printf 'n/a'; }
ratio() { [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / b }' || printf 'n/a'; }
verdict() { [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { print (a / b >= t) ? "met" : "NOT met" }' || echo "n/a"; }
row() { printf '  %-52s %12s %12s\n' "$@"; }

echo
echo "FIT decode throughput, MB/s (higher is better)"
printf '  corpus: %d valid FIT files, %.2f MB; 10-hour 1 Hz ride: %.2f MB\n' "${#corpus[@]}" \
  "$(awk -v b="$corpus_bytes" 'BEGIN { print b / 1e6 }')" "$(awk -v b="$ride_bytes" 'BEGIN { print b / 1e6 }')"
row "" "corpus" "10-h ride"
echo "In-process, steady state"
row "TriCoach FitReader" "$(cell "$ours_corpus")" "$(cell "$ours_ride")"
row "  the same, glibc heap kept (no trim; reference only)" "$(cell "$ours_warm_corpus")" "$(cell "$ours_warm_ride")"
row "@garmin/fitsdk ${sdk_version} (node), lean options" "$(cell "$sdk_lean_corpus")" "$(cell "$sdk_lean_ride")"
row "@garmin/fitsdk ${sdk_version} (node), read() defaults" "$(cell "$sdk_default_corpus")" "$(cell "$sdk_default_ride")"
row "TriCoach / faster SDK     (target >= 20x)" "$(ratio "$ours_corpus" "$sdk_corpus")" "$(ratio "$ours_ride" "$sdk_ride")"
echo "Decoder vs gpsbabel, start-up a small share"
row "gpsbabel, one process (all corpus files / the ride)" "$(cell "$gps_one_corpus")" "$(cell "$gps_ride")"
row "TriCoach in-process / gpsbabel (target >= 5x)" "$(ratio "$ours_corpus" "$gps_one_corpus")" "$(ratio "$ours_ride" "$gps_ride")"
echo "Whole process, one per file, start-up included"
row "tricoach-cli decode FILE --json --no-streams" "$(cell "$cli_corpus")" "$(cell "$cli_ride")"
row "gpsbabel -i garmin_fit -f FILE -o gpx -F /dev/null" "$(cell "$gps_corpus")" "$(cell "$gps_ride")"
row "tricoach-cli / gpsbabel   (target >= 5x)" "$(ratio "$cli_corpus" "$gps_corpus")" "$(ratio "$cli_ride" "$gps_ride")"
echo
echo "  >= 20x SDK:                  corpus $(verdict "$ours_corpus" "$sdk_corpus" 20), 10-h ride $(verdict "$ours_ride" "$sdk_ride" 20)"
echo "  >= 5x gpsbabel, decoder:     corpus $(verdict "$ours_corpus" "$gps_one_corpus" 5), 10-h ride $(verdict "$ours_ride" "$gps_ride" 5)"
echo "  >= 5x gpsbabel, per process: corpus $(verdict "$cli_corpus" "$gps_corpus" 5), 10-h ride $(verdict "$cli_ride" "$gps_ride" 5)"
echo "  gpsbabel reads only the first part of a chained FIT file: its corpus figures count bytes it skipped."
