#!/usr/bin/env bash
# The independent oracles (Tests/Oracles, written from the docs, not from the Swift sources), in `make test`:
#   1. the casebooks: tiny hand-built inputs whose answers were worked out by hand; the DuckDB reference and
#      wijkbeeld must both give them;
#   2. the differential test: wijkbeeld `indicators` (all 24 indicators) and `national` against the DuckDB
#      reference, every unrounded numerator and denominator equal, on the committed sample (a year and a
#      month), on 5 messy-but-legal input sets from the independent generator (seeds 1-5), and on two of them
#      with invalid CBS rows added (every side must reject the same rows);
#   3. a seeded fuzz test of `validate` and `report` on malformed inputs (Tests/Oracles/fuzz_inputs.py);
#   4. the outside intruder (written from the disclosure rules only) on the published sample table and on five
#      generated districts, with the private checker file confirming that every interval it derives holds the
#      truth, and its self-test.
# Usage: scripts/oracle_check.sh [BINARY]   (default .build/debug/wijkbeeld)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/debug/wijkbeeld}
PY=.venv-oracle/bin/python
WORK=$(mktemp -d "${TMPDIR:-/tmp}/wijkbeeld-oracles.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
"$BIN" key new "$WORK/case.key" >/dev/null

echo "== casebooks (hand-worked answers; reference and wijkbeeld)"
"$PY" Tests/Oracles/reference/casebook_cbs.py --binary "$BIN" --key "$WORK/case.key" | tail -n 20
"$PY" Tests/Oracles/reference/casebook_school_care.py --binary "$BIN" --key "$WORK/case.key" | grep -v '^PASS'

echo "== differential: committed sample"
"$PY" Tests/Oracles/differential.py data-samples 2023 --binary "$BIN" --national --work "$WORK/sample-2023" \
    | grep -v ' equal$' || { echo "differential test failed on data-samples 2023" >&2; exit 1; }
"$PY" Tests/Oracles/differential.py data-samples 2023-06 --binary "$BIN" --national --work "$WORK/sample-2023-06" \
    | grep -v ' equal$' || { echo "differential test failed on data-samples 2023-06" >&2; exit 1; }
echo "== differential: the sample with an extra, older school year that has no timetable rows"
python3 Tests/Oracles/extra_school_year.py data-samples "$WORK/extra-year" >/dev/null
"$PY" Tests/Oracles/differential.py "$WORK/extra-year" 2023 --binary "$BIN" --work "$WORK/diff-extra-year" \
    | grep -v ' equal$' || { echo "differential test failed on the extra school year" >&2; exit 1; }
echo "== differential: the sample with the exclusion code -1 in INHBBIHJ (indicators, national, reference)"
python3 Tests/Oracles/negative_income_codes.py data-samples "$WORK/negative-codes" >/dev/null
"$PY" Tests/Oracles/differential.py "$WORK/negative-codes" 2023 --binary "$BIN" --national --cbs-only \
    --work "$WORK/diff-negative-codes" | grep -v ' equal$' || { echo "differential test failed on negative codes" >&2; exit 1; }
for seed in 1 2 3 4 5; do
    echo "== differential: messy input set, seed $seed"
    python3 Tests/Oracles/dirty_inputs.py --seed "$seed" --persons 6000 --out "$WORK/dirty-$seed" >/dev/null
    "$PY" Tests/Oracles/differential.py "$WORK/dirty-$seed" 2023 --binary "$BIN" --national --work "$WORK/diff-$seed" \
        | grep -v ' equal$' || { echo "differential test failed on messy seed $seed" >&2; exit 1; }
done
for seed in 1 2; do
    echo "== differential: messy input set with invalid CBS rows, seed $seed (indicators, national, reference reject the same rows)"
    python3 Tests/Oracles/corrupt_rows.py "$WORK/dirty-$seed" "$WORK/corrupt-$seed" --seed "$seed" --rate 0.003 >/dev/null
    "$PY" Tests/Oracles/differential.py "$WORK/corrupt-$seed" 2023 --binary "$BIN" --national --cbs-only \
        --work "$WORK/diff-corrupt-$seed" | grep -v ' equal$' || { echo "differential test failed on corrupt seed $seed" >&2; exit 1; }
done
echo "== fuzz: 60 seeded malformed inputs through validate and report (no crash, rows balance, nothing published on failure)"
python3 Tests/Oracles/dirty_inputs.py --seed 3 --persons 1500 --out "$WORK/fuzz-base" >/dev/null
python3 Tests/Oracles/fuzz_inputs.py --binary "$BIN" --base "$WORK/fuzz-base" --cases 60 --seed 1 --work "$WORK/fuzz" \
    || { echo "fuzz test failed" >&2; exit 1; }
echo "== outside intruder on the published sample table (integer programming over what a reader can assume)"
"$BIN" indicators --input data-samples --out "$WORK/published" --checker "$WORK/checker.csv" >/dev/null
# It must recover no exact count and narrow no suppressed cell below its promised width (`<10`, `<20`, `.`, the
# non-events of an R2 cell, the units of a small mean or median), and every interval it derives must hold the
# checker's truth (exit 2 otherwise).
FAIL_ON=published_exact,published_denominator_exact
for kind in dot lt10 range complement lt10_base range_base; do FAIL_ON="$FAIL_ON,suppressed_${kind}_narrowed,suppressed_${kind}_exact"; done
"$PY" Tests/Oracles/intruder.py "$WORK/published/indicatoren.csv" --checker "$WORK/checker.csv" \
    --fail-on "$FAIL_ON" | grep -E '^(FINDING|checker|nothing|MODEL|resolved|    )'
for seed in 1 2 3 4 5; do
    echo "== outside intruder on generated district $seed"
    "$BIN" synth --seed "$seed" --scale district --out "$WORK/district-$seed" >/dev/null
    "$BIN" indicators --input "$WORK/district-$seed" --out "$WORK/district-$seed-published" \
        --checker "$WORK/district-$seed-checker.csv" >/dev/null
    "$PY" Tests/Oracles/intruder.py "$WORK/district-$seed-published/indicatoren.csv" \
        --checker "$WORK/district-$seed-checker.csv" --geo "$WORK/district-$seed/geo/geo_lookup.csv" \
        --fail-on "$FAIL_ON" | grep -E '^(FINDING|checker|nothing|MODEL|resolved|    )'
done
"$PY" Tests/Oracles/intruder_selftest.py | tail -n 1
echo "oracles: all passed"
