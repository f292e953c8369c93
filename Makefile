# Wijkbeeld: two commands set everything up on a fresh machine: `make report` and `make test`.
SWIFT ?= swift
# Builds use exactly the versions pinned in the committed Package.resolved.
SWIFT_BUILD_FLAGS ?= --force-resolved-versions
BIN_RELEASE = .build/release/wijkbeeld
SAMPLE_SEED = 20261122

.PHONY: all build release report test lint browser-check browser-tools oracle-check oracle-tools samples bench clean system-libraries

all: build

# The C libraries the build links (SQLite, GLPK), from Debian when missing.
system-libraries:
	bash scripts/install_system_libraries.sh

build: system-libraries
	$(SWIFT) build $(SWIFT_BUILD_FLAGS)

release: system-libraries
	$(SWIFT) build $(SWIFT_BUILD_FLAGS) -c release

# Run the whole pipeline on the committed synthetic sample and write reports/ (the report set is swapped
# in whole). The git commit goes into the provenance block.
report: release
	WIJKBEELD_GIT_COMMIT=$$(git rev-parse --short HEAD 2>/dev/null || echo onbekend) \
		$(BIN_RELEASE) report --input data-samples --out reports --school-name "SYNTHBRIN01=De Zuidwester"

# All tests: `swift format lint` first when the toolchain has it, the Swift tests, then the report as a
# browser sees it (Chromium, Nu validator, axe-core), whose tools are installed on first use.
test: lint system-libraries
	$(SWIFT) build $(SWIFT_BUILD_FLAGS) --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) oracle-check
	$(MAKE) browser-check

# The independent oracles (Tests/Oracles): casebooks, the DuckDB reference against `indicators` and `national`
# on the sample and five messy input sets, the outside intruder. Installs DuckDB and SciPy on first use.
oracle-tools:
	bash scripts/install_oracle_tools.sh

oracle-check: oracle-tools
	$(SWIFT) build $(SWIFT_BUILD_FLAGS)
	bash scripts/oracle_check.sh

browser-tools:
	bash scripts/install_browser_tools.sh

browser-check: browser-tools
	$(SWIFT) build $(SWIFT_BUILD_FLAGS)
	bash scripts/browser_check.sh

lint:
	@if $(SWIFT) format --version >/dev/null 2>&1; then \
		$(SWIFT) format lint --strict --recursive Sources Tests; \
	else echo "lint: swift format not available, skipped"; fi

# Regenerate the committed sample (district scale) from its seed.
samples: release
	$(BIN_RELEASE) synth --seed $(SAMPLE_SEED) --scale district --out data-samples --force

# Benchmarks (reader throughput against DuckDB); see BENCHMARKS.md.
bench: release
	bash bench/run.sh

clean:
	rm -rf .build
