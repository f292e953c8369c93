#!/usr/bin/env python3
"""Differential test: wijkbeeld's unrounded cells against the independent DuckDB reference.

The reference (Tests/Oracles/reference/) was written from the documentation only, never from the Swift
sources. This script runs both on one input folder and requires identical unrounded numerators and
denominators (units for means and medians) in every indicator, area and breakdown:

- `wijkbeeld indicators --linkage deterministic --checker`: all 24 indicators (the reference links school
  and care records by BSN only, as the domain docs describe);
- with `--national`, also `wijkbeeld national --scope district --checker` for the CBS child indicators it
  computes, against the same reference cells;
- with `--national-all`, only the CBS reference and `wijkbeeld national` (scope wijken: every wijk and
  gemeente of the country; no `indicators` run, which cannot run at national scale): every indicator national
  computes, geo levels wijk and gemeente, every breakdown. The reference lists every wijk and gemeente of
  geo/geo_lookup.csv (and every one where a child lives), 0/0 when no child lives there.

A cell that one side leaves out counts as 0/0 (wijkbeeld writes no cell for an empty area). Readings the
docs leave open are written once, in Tests/Oracles/reference/READINGS*.md and in the README, and both sides
follow them.

Usage: differential.py INPUT PERIOD --binary PATH [--key KEYFILE] [--national | --national-all] [--cbs-only]
       [--work DIR]
--cbs-only compares IND01-IND16 only (the CBS reference), e.g. on folders with invalid CBS rows.
Prints per indicator the cells compared and equal, then `N passed, M failed` (cells); exit 1 on any difference.
--national-all prints them per indicator and geo level, and the wall time (and, for the reference, the peak
resident memory) of both sides.
"""
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, "reference")
KEY_FIELDS = ("indicator_id", "period", "geo_level", "geo_code", "breakdown")


def read_cells(path):
    """Key -> (numerator, denominator or units) from a reference output or a checker file."""
    cells = {}
    with open(path, encoding="utf-8") as f:
        lines = [line.rstrip("\r\n") for line in f if not line.startswith("#")]
    header = lines[0].split(";")
    index = {name: i for i, name in enumerate(header)}
    for line in lines[1:]:
        if not line:
            continue
        values = line.split(";")
        key = tuple(values[index[name]] for name in KEY_FIELDS)
        denominator = values[index["denominator"]]
        if denominator == "" and "units" in index:
            denominator = values[index["units"]]
        numerator = values[index["numerator"]]
        cells[key] = (float(numerator or 0), float(denominator or 0))
    return cells


def run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(f"failed ({result.returncode}): {' '.join(command)}\n{result.stdout[-2000:]}{result.stderr[-3000:]}\n")
        sys.exit(2)
    return result


def equal(a, b):
    return all(abs(x - y) <= 1e-6 * max(1.0, abs(x), abs(y)) for x, y in zip(a, b))


def compare(name, ours, reference, only=None, group=lambda key: key[0]):
    """Prints the comparison; returns (compared, differences)."""
    keys = set(ours) | set(reference)
    if only is not None:
        keys = {key for key in keys if only(key)}
    compared = defaultdict(int)
    agreeing = defaultdict(int)
    differences = []
    for key in sorted(keys):
        mine = ours.get(key, (0.0, 0.0))
        theirs = reference.get(key, (0.0, 0.0))
        compared[group(key)] += 1
        if equal(mine, theirs):
            agreeing[group(key)] += 1
        else:
            differences.append((key, mine, theirs))
    for indicator in sorted(compared):
        print(f"{name}: {indicator} {agreeing[indicator]}/{compared[indicator]} equal")
    for key, mine, theirs in differences[:40]:
        print(f"{name}: DIFFERENT {';'.join(key)}: wijkbeeld {mine[0]:g}/{mine[1]:g}, reference {theirs[0]:g}/{theirs[1]:g}")
    if len(differences) > 40:
        print(f"{name}: … and {len(differences) - 40} more differences")
    return sum(compared.values()), len(differences)


def main(argv):
    if len(argv) < 3 or "--binary" not in argv:
        print(__doc__)
        return 64
    folder, period = argv[1], argv[2]
    binary = argv[argv.index("--binary") + 1]
    key = argv[argv.index("--key") + 1] if "--key" in argv else None
    work = argv[argv.index("--work") + 1] if "--work" in argv else tempfile.mkdtemp(prefix="wijkbeeld-differential-")
    os.makedirs(work, exist_ok=True)
    python = sys.executable
    if "--national-all" in argv:
        return national_all(folder, period, binary, work, python)
    reference = {}
    scripts = ("cbs_indicators.py",) if "--cbs-only" in argv else ("cbs_indicators.py", "school_care_indicators.py")
    for script in scripts:
        out = os.path.join(work, script.replace(".py", ".csv"))
        run([python, os.path.join(REFERENCE, script), folder, period, out])
        reference.update(read_cells(out))
    checker = os.path.join(work, "indicators-checker.csv")
    command = [binary, "indicators", "--input", folder, "--period", period, "--linkage", "deterministic",
               "--out", os.path.join(work, "indicators"), "--checker", checker]
    if key:
        command += ["--key", key]
    run(command)
    ours = read_cells(checker)
    only = None
    if "--cbs-only" in argv:
        only = lambda k: k[0] in {key[0] for key in reference}  # noqa: E731
    compared, failed = compare("indicators", ours, reference, only=only)
    if "--national" in argv:
        national_checker = os.path.join(work, "national-checker.csv")
        run([binary, "national", "--input", folder, "--period", period, "--scope", "district",
             "--out", os.path.join(work, "national"), "--checker", national_checker])
        national = read_cells(national_checker)
        indicators = {key[0] for key in national}
        more_compared, more_failed = compare("national", national, reference, only=lambda k: k[0] in indicators)
        compared += more_compared
        failed += more_failed
    print(f"{compared - failed} passed, {failed} failed")
    return 1 if failed else 0


def national_all(folder, period, binary, work, python):
    """The CBS reference against `wijkbeeld national` on every wijk and gemeente (national scale)."""
    out = os.path.join(work, "cbs_indicators.csv")
    start = time.time()
    run([python, os.path.join(REFERENCE, "cbs_indicators.py"), folder, period, out])
    seconds = time.time() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB; the reference is the only child yet
    print(f"reference: {seconds:.1f} s wall, peak memory {peak // 1024} MB")
    reference = read_cells(out)
    checker = os.path.join(work, "national-checker.csv")
    start = time.time()
    run([binary, "national", "--input", folder, "--period", period, "--scope", "wijken",
         "--out", os.path.join(work, "national"), "--checker", checker])
    print(f"wijkbeeld national: {time.time() - start:.1f} s wall")
    national = read_cells(checker)
    indicators = {key[0] for key in national}
    if not indicators:
        print("national: no cells in the checker file")
        return 1
    levels = {key[2] for key in national}
    if not levels <= {"wijk", "gemeente"}:
        print(f"national: note: checker also has geo levels {sorted(levels - {'wijk', 'gemeente'})} (not compared)")
    missing = indicators - {key[0] for key in reference}
    if missing:
        print(f"national: the reference has no cells for {sorted(missing)}")
        return 1
    compared, failed = compare("national-all", national, reference,
                               only=lambda k: k[0] in indicators and k[2] in ("wijk", "gemeente"),
                               group=lambda k: f"{k[0]} {k[2]}")
    print(f"national-all: {len(indicators)} indicators ({', '.join(sorted(indicators))}), "
          f"{len({k[3] for k in reference if k[2] == 'wijk'})} wijken and "
          f"{len({k[3] for k in reference if k[2] == 'gemeente'})} gemeenten in the reference")
    print(f"{compared - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
