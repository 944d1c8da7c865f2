# The two commands of the quick start: `make run` and `make test`. Both install what is missing first.
PRESET ?= default
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# CI builds treat warnings as errors.
WERROR := $(if $(CI),ON,OFF)
CONFIGURE = cmake --preset $(1) -DTRICOACH_WERROR=$(WERROR) >/dev/null

.PHONY: all deps configure build run serve test bench bench-sync asan test-asan fuzz clean format

all: build

deps:
	@./scripts/install-deps.sh

configure: deps
	@$(call CONFIGURE,$(PRESET))

build: configure
	@cmake --build --preset $(PRESET) -j $(JOBS)

run: build
	./build/$(PRESET)/app/tricoach $(ARGS)

# tricoach-sync on this machine with its embedded SQLite file (in the data folder); ARGS adds options.
serve: build
	./build/$(PRESET)/sync-server/tricoach-sync serve $(ARGS)

test: build
	ctest --preset $(PRESET) -j $(JOBS)

bench: deps
	@$(call CONFIGURE,release)
	@cmake --build --preset release -j $(JOBS)
	./build/release/tests/bench/tricoach_bench $(BENCH_ARGS)
	./build/release/tests/bench/tricoach_ui_bench
	./build/release/tests/bench/tricoach_strava_bench
	./scripts/bench-peers.sh build/release

# tricoach-sync under wrk and our own load clients on loopback, SQLite and PostgreSQL (tests/bench/sync/run_bench.py);
# BENCH_SYNC_ARGS adds options (--seconds S, --streams N, --backends sqlite).
bench-sync: configure
	@cmake --build --preset $(PRESET) -j $(JOBS) --target tricoach-sync sync_sse_fanout
	./tests/bench/sync/run_bench.py build/$(PRESET) $(BENCH_SYNC_ARGS)

test-asan: deps
	@$(call CONFIGURE,asan)
	@cmake --build --preset asan -j $(JOBS)
	ctest --preset asan -j $(JOBS)

# Each libFuzzer target for FUZZ_SECONDS (default 60), seeded from tests/data/<seeds> (real files and requests);
# findings land in build/fuzz/findings/<target>/ — turn each into a regression input under
# tests/data/fuzz-regressions/ (the sync_* ones are replayed in make test). Pick some with FUZZ_TARGETS="...".
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= fit:activities/fit tcx:activities/tcx gpx:activities/gpx archive:activities/fit \
  sync_message:fuzz-seeds/sync/message sync_router:fuzz-seeds/sync/router sync_webhook:fuzz-seeds/sync/webhook \
  sync_token:fuzz-seeds/sync/token sync_password:fuzz-seeds/sync/password sync_wire:fuzz-seeds/sync/wire
fuzz: deps
	@command -v clang++ >/dev/null || { echo "make fuzz needs clang (apt-get install clang)"; exit 1; }
	@CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTRICOACH_FUZZ=ON \
	  -DTRICOACH_BUILD_GUI=OFF -DTRICOACH_BUILD_TESTS=OFF -DTRICOACH_BUILD_BENCH=OFF >/dev/null
	@cmake --build build/fuzz -j $(JOBS) --target $(foreach p,$(FUZZ_TARGETS),$(firstword $(subst :, ,$(p)))_fuzz)
	@for pair in $(FUZZ_TARGETS); do \
	  t=$${pair%%:*}; seeds=$${pair##*:}; \
	  mkdir -p build/fuzz/corpus/$$t build/fuzz/findings/$$t; \
	  echo "== $${t}_fuzz for $(FUZZ_SECONDS) s"; \
	  ./build/fuzz/tests/fuzz/$${t}_fuzz -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=build/fuzz/findings/$$t/ build/fuzz/corpus/$$t tests/data/$$seeds \
	    > build/fuzz/$$t.log 2>&1; status=$$?; tail -4 build/fuzz/$$t.log; \
	  [ $$status -eq 0 ] || { echo "$${t}_fuzz found a crash: see build/fuzz/findings/$$t/"; exit 1; }; \
	done

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf build
