# The two commands of the quick start: `make run` and `make test`. Both install what is missing first.
PRESET ?= default
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# CI builds treat warnings as errors.
WERROR := $(if $(CI),ON,OFF)
CONFIGURE = cmake --preset $(1) -DTRICOACH_WERROR=$(WERROR) >/dev/null

.PHONY: all deps configure build run test bench asan test-asan clean format

all: build

deps:
	@./scripts/install-deps.sh

configure: deps
	@$(call CONFIGURE,$(PRESET))

build: configure
	@cmake --build --preset $(PRESET) -j $(JOBS)

run: build
	./build/$(PRESET)/app/tricoach $(ARGS)

test: build
	ctest --preset $(PRESET) -j $(JOBS)

bench: deps
	@$(call CONFIGURE,release)
	@cmake --build --preset release -j $(JOBS)
	./build/release/tests/bench/tricoach_bench $(BENCH_ARGS)

test-asan: deps
	@$(call CONFIGURE,asan)
	@cmake --build --preset asan -j $(JOBS)
	ctest --preset asan -j $(JOBS)

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf build
