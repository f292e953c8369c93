# Wijkbeeld: two commands set everything up on a fresh machine: `make report` and `make test`.
SWIFT ?= swift
BIN_RELEASE = .build/release/wijkbeeld
SAMPLE_SEED = 20261122

.PHONY: all build release report test lint samples bench clean

all: build

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release

# Run the pipeline (the stages that exist) on the committed synthetic sample and write reports/.
report: release
	$(BIN_RELEASE) report --input data-samples --out reports

# All tests; `swift format lint` first when the toolchain has it.
test: lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

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
