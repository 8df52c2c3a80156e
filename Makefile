# Thin wrapper over CMake for the README's commands.
#   make demo     install missing dependencies, build, run the main job
#   make check    install missing dependencies, build, run every test
#   make install PREFIX=/usr/local
#   make bench    the benchmark (see bench/README)
#   make fuzz     run each fuzz target for FUZZ_SECONDS (default 60)
#   make check-asan / fuzz-ci   the sanitizer suite and short fuzz runs (CI)
#   make deb      build-deb/clientgrade_*.deb, lintian-checked (.ci/deb.sh)
PREFIX ?= /usr/local
BUILD ?= build
JOBS ?= 2
FUZZ_SECONDS ?= 60

.PHONY: all deps build demo check check-asan install bench fuzz fuzz-ci deb clean

all: build

deps:
	@sh .ci/deps.sh build

TOOLS = grade rollup quadrant touchplan prune profile

# No progress lines: a build that works says nothing, one that fails
# shows the compiler's messages.
build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DCMAKE_RULE_MESSAGES=OFF -DCMAKE_TARGET_MESSAGES=OFF >/dev/null
	@cmake --build $(BUILD) -j$(JOBS) --target $(TOOLS) -- -s --no-print-directory

# The main job: deals -> per-account figures -> grades -> a month's plan,
# each command echoed as it runs (examples/demo.sh).
demo: build
	@PATH=$(abspath $(BUILD))/bin:$$PATH bash examples/demo.sh $(BUILD)

check:
	@sh .ci/deps.sh
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j$(JOBS) -- -s --no-print-directory
	@cd $(BUILD) && ctest -j$(JOBS) --output-on-failure

# The same suite built with AddressSanitizer and UBSan (clang).
check-asan:
	@sh .ci/deps.sh
	@CC=clang cmake -S . -B $(BUILD)-asan -DCMAKE_BUILD_TYPE=Debug -DCG_SANITIZE=ON >/dev/null
	@cmake --build $(BUILD)-asan -j$(JOBS)
	@cd $(BUILD)-asan && ctest -j$(JOBS) --output-on-failure

install: build
	@cmake --install $(BUILD) --prefix $(PREFIX)

bench:
	@bash bench/run.sh

# libFuzzer targets (clang): each for FUZZ_SECONDS; fuzz-ci: 20 s each.
fuzz:
	@sh .ci/deps.sh
	@$(MAKE) --no-print-directory -f Makefile.fuzz fuzz FUZZ_BUILD=$(BUILD)-fuzz FUZZ_SECONDS=$(FUZZ_SECONDS)

fuzz-ci:
	@sh .ci/deps.sh
	@$(MAKE) --no-print-directory -f Makefile.fuzz fuzz-ci FUZZ_BUILD=$(BUILD)-fuzz

deb:
	@sh .ci/deb.sh $(BUILD)-deb

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-fuzz
