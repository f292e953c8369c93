#!/usr/bin/env bash
# make bench: generate the national synthetic set once (cached outside git while the generator is
# unchanged), then time our reader against DuckDB on the national GBAPERSOONTAB file, check that both
# compute the same numbers, and print the ratio. Figures and machine: BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/wijkbeeld
CACHE=${WIJKBEELD_BENCH_CACHE:-.bench}
SEED=1
mkdir -p "$CACHE"

generator=$(cat Sources/Wijkbeeld/Synth/*.swift Sources/Wijkbeeld/Support/*.swift | sha256sum | cut -c1-16)
DATA="$CACHE/national-$SEED-$generator"
if [ ! -d "$DATA" ]; then
  rm -rf "$CACHE"/national-*
  echo "== generating the national set (seed $SEED) into $DATA"
  /usr/bin/time -f "synth national: %e s wall, %U s user, %M KiB peak memory" \
    "$BIN" synth --seed "$SEED" --scale national --out "$DATA"
fi
du -sh "$DATA" | sed 's/^/national set size: /'

VENV="$CACHE/venv"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet duckdb
fi

FILE="$DATA/cbs/GBAPERSOON$(ls "$DATA/cbs" | sed -n 's/^GBAPERSOON\([0-9]*\)TABV1.csv$/\1/p')TABV1.csv"
echo "== reader: $FILE ($(du -h "$FILE" | cut -f1))"
cat "$FILE" > /dev/null  # warm the page cache for both sides

declare -A best_ours
for parts in 1 2; do
  best=""
  for run in 1 2 3; do
    out=$(/usr/bin/time -f "%M" "$BIN" bench-read --parts "$parts" "$FILE" 2>/tmp/wijkbeeld-bench-mem)
    seconds=$(echo "$out" | sed -n 's/.* in \([0-9.]*\) s .*/\1/p')
    if [ -z "$best" ] || awk "BEGIN{exit !($seconds < $best)}"; then best=$seconds; fi
  done
  best_ours[$parts]=$best
  echo "$out"
  echo "wijkbeeld $parts core(s): best of 3 $best s, peak memory $(cat /tmp/wijkbeeld-bench-mem) KiB"
done

for threads in 1 2; do
  best=""
  for run in 1 2 3; do
    duck=$("$VENV/bin/python" bench/duckdb_scan.py "$FILE" "$threads")
    seconds=$(echo "$duck" | sed -n 's/.*: \([0-9.]*\) s$/\1/p')
    if [ -z "$best" ] || awk "BEGIN{exit !($seconds < $best)}"; then best=$seconds; fi
  done
  echo "$duck"
  if [ "$(echo "$duck" | grep '^sex=')" != "$(echo "$out" | grep '^sex=')" ]; then
    echo "MISMATCH: DuckDB and wijkbeeld disagree" >&2
    exit 1
  fi
  ours=${best_ours[$threads]}
  echo "same numbers; duckdb $threads thread(s) best of 3: $best s; wijkbeeld $threads core(s): $ours s; ratio duckdb/wijkbeeld = $(awk "BEGIN{printf \"%.2f\", $best / $ours}")"
done

# End to end at national scale: every wijk of the country through `wijkbeeld national` (stream, join to
# the children, indicators, disclosure control) against a DuckDB SQL script computing the same core
# indicators from the same files; both must give the same unrounded numerators and denominators.
YEAR=$(ls "$DATA/cbs" | sed -n 's/^GBAPERSOON\([0-9]*\)TABV1.csv$/\1/p')
NAT=$(mktemp -d)
cat "$DATA"/cbs/*.csv > /dev/null  # warm the page cache for both sides
best_ours=""
for run in 1 2; do
  /usr/bin/time -f "%e %M" -o "$NAT/time" "$BIN" national --input "$DATA" --period "$YEAR" --out "$NAT/wijken" \
    --checker "$NAT/checker.csv" > "$NAT/summary.txt"
  read -r seconds kib < "$NAT/time"
  if [ -z "$best_ours" ] || awk "BEGIN{exit !($seconds < $best_ours)}"; then best_ours=$seconds; ours_kib=$kib; cp "$NAT/summary.txt" "$NAT/best.txt"; fi
done
echo "== end to end, every wijk of the country (wijkbeeld national, per stage):"
grep -v '^# IND' "$NAT/best.txt"
best_duck=""
for run in 1 2; do
  duck=$("$VENV/bin/python" bench/duckdb_indicators.py "$DATA" "$YEAR" 2 "$NAT/duckdb.csv")
  seconds=$(echo "$duck" | sed -n 's/.* in \([0-9.]*\) s$/\1/p')
  if [ -z "$best_duck" ] || awk "BEGIN{exit !($seconds < $best_duck)}"; then best_duck=$seconds; fi
done
echo "$duck"
grep -E "^IND[0-9]+;$YEAR;wijk;" "$NAT/checker.csv" | awk -F';' '{print $1";"$4";"$6";"$7}' | sort > "$NAT/ours.csv"
sort "$NAT/duckdb.csv" > "$NAT/theirs.csv"
if ! cmp -s "$NAT/ours.csv" "$NAT/theirs.csv"; then
  echo "MISMATCH: DuckDB and wijkbeeld national disagree on the unrounded wijk numbers" >&2
  diff "$NAT/theirs.csv" "$NAT/ours.csv" | head >&2
  exit 1
fi
echo "same unrounded numbers in $(wc -l < "$NAT/ours.csv") wijk cells; wijkbeeld best of 2: $best_ours s, peak memory $((ours_kib / 1024)) MB; duckdb (2 threads) best of 2: $best_duck s; ratio duckdb/wijkbeeld = $(awk "BEGIN{printf \"%.2f\", $best_duck / $best_ours}")"
/usr/bin/time -f "%e %M" -o "$NAT/time" "$BIN" national --input "$DATA" --period "$YEAR" --scope district \
  --out "$NAT/district" > /dev/null
read -r seconds kib < "$NAT/time"
echo "== one district (Staatsliedenbuurt and Tilburg, buurt level) from the national files: $seconds s, peak memory $((kib / 1024)) MB, $(tail -1 "$NAT/district/national.txt" | sed 's/^# //')"
rm -rf "$NAT"

# The independent DuckDB reference (Tests/Oracles/reference, written from the docs, streaming the files)
# against `wijkbeeld national` on every wijk and gemeente of the national set: every unrounded numerator and
# denominator of every indicator national computes must be equal. Prints the cells compared per indicator.
bash scripts/install_oracle_tools.sh
NATREF=$(mktemp -d)
echo "== independent reference against wijkbeeld national, every wijk and gemeente of the country"
if ! .venv-oracle/bin/python Tests/Oracles/differential.py "$DATA" "$YEAR" --binary "$BIN" --national-all \
    --work "$NATREF" > "$NATREF/differential.txt"; then
  cat "$NATREF/differential.txt" >&2
  echo "MISMATCH: the reference and wijkbeeld national disagree at national scale (work files in $NATREF)" >&2
  exit 1
fi
sed 's/^/  /' "$NATREF/differential.txt"
rm -rf "$NATREF"

# The district sample through the whole pipeline (report with sparklines), warm, best of 3.
SAMPLE=$(mktemp -d)
"$BIN" report --input data-samples --out "$SAMPLE/warm" --school-name "SYNTHBRIN01=De Zuidwester" > /dev/null
best=""
for run in 1 2 3; do
  /usr/bin/time -f "%e %M" -o "$SAMPLE/time" "$BIN" report --input data-samples --out "$SAMPLE/run$run" \
    --school-name "SYNTHBRIN01=De Zuidwester" > /dev/null
  read -r seconds kib < "$SAMPLE/time"
  if [ -z "$best" ] || awk "BEGIN{exit !($seconds < $best)}"; then best=$seconds; fi
done
echo "== district sample, whole pipeline (wijkbeeld report), warm: best of 3 $best s, peak memory $((kib / 1024)) MB"
rm -rf "$SAMPLE"

# Linkage: school pupils <-> care register on the district sample and a cached city-scale set, ours
# (release build) against Splink (from PyPI, same venv) with equivalent blocking and comparisons.
if ! "$VENV/bin/python" -c "import splink, pandas" 2>/dev/null; then
  "$VENV/bin/pip" install --quiet splink pandas
fi
CITY="$CACHE/city-7-$generator"
if [ ! -d "$CITY" ]; then
  rm -rf "$CACHE"/city-*
  "$BIN" synth --seed 7 --scale city --out "$CITY" >/dev/null
fi
# The independent DuckDB reference (Tests/Oracles) against `indicators` (all 24 indicators, deterministic
# linkage) and `national --scope district` at city scale: every unrounded numerator and denominator equal.
bash scripts/install_oracle_tools.sh
.venv-oracle/bin/python Tests/Oracles/differential.py "$CITY" 2023 --binary "$BIN" --national \
  --work "$(mktemp -d)" | grep -v ' equal$' || { echo "MISMATCH: the reference and wijkbeeld disagree at city scale" >&2; exit 1; }
# The outside intruder at city scale (fast mode): no exact recovery and no suppressed cell narrowed below its
# promised width; its intervals must hold the private checker's truth.
INTRUDE=$(mktemp -d)
/usr/bin/time -f "city disclosure control and tables: %e s wall, %M KiB peak" \
  "$BIN" indicators --input "$CITY" --linkage deterministic --out "$INTRUDE/published" --checker "$INTRUDE/checker.csv" >/dev/null
FAIL_ON=published_exact,published_denominator_exact
for kind in dot lt10 range complement lt10_base range_base; do FAIL_ON="$FAIL_ON,suppressed_${kind}_narrowed,suppressed_${kind}_exact"; done
.venv-oracle/bin/python Tests/Oracles/intruder.py "$INTRUDE/published/indicatoren.csv" --checker "$INTRUDE/checker.csv" \
  --geo "$CITY/geo/geo_lookup.csv" --mode fast --fail-on "$FAIL_ON" | grep -E '^(intruder|FINDING|checker|nothing|MODEL|resolved)' \
  || { echo "the outside intruder found a leak at city scale" >&2; exit 1; }

for set in data-samples "$CITY"; do
  work=$(mktemp -d)
  echo "== linkage on $set: $("$VENV/bin/python" bench/linkage_data.py "$set" "$work")"
  for variant in "" ids; do
    spec=bench/link-spec${variant:+-$variant}.yaml
    start=$(date +%s.%N)
    ours=$("$BIN" link "$work/left.csv" "$work/right.csv" --spec "$spec" --out "$work/pairs.csv" --truth "$work/truth.csv" 2>/dev/null)
    ours_seconds=$(awk "BEGIN{printf \"%.2f\", $(date +%s.%N) - $start}")
    theirs=$("$VENV/bin/python" bench/splink_link.py "$work" $variant 2>/dev/null | grep '^splink:')
    theirs_seconds=$(echo "$theirs" | sed -n 's/^splink: \([0-9.]*\) s.*/\1/p')
    echo "  ${variant:-no ids}: wijkbeeld $ours_seconds s, $ours"
    echo "  ${variant:-no ids}: $theirs"
    echo "  ${variant:-no ids}: ratio splink/wijkbeeld = $(awk "BEGIN{printf \"%.1f\", $theirs_seconds / $ours_seconds}")"
  done
  rm -rf "$work"
done
