#!/usr/bin/env python3
"""Self-test of intruder.py on tiny hand-made published tables whose answers are known by hand.

Run: /work/main/.venv-oracle/bin/python Tests/Oracles/intruder_selftest.py
Prints `N passed, M failed` and exits non-zero on a failure.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
INTRUDER = os.path.join(HERE, "intruder.py")
HEADER = ["indicator_id", "period", "geo_level", "geo_code", "breakdown", "numerator", "denominator",
          "value", "unit", "status", "suppressed", "suppression_reason", "round_base", "source_tables",
          "definition_version"]
GEO = """gwb_code_10;gwb_code_8;naam;gm_code;wk_code;level;is_synthetic
GM0855;0855;Tilburg;GM0855;;gemeente;0
WK0855ZZ;0855ZZ;Wijk;GM0855;WK0855ZZ;wijk;1
BU0855ZZ01;0855ZZ01;A;GM0855;WK0855ZZ;buurt;1
BU0855ZZ02;0855ZZ02;B;GM0855;WK0855ZZ;buurt;1
BU0855ZZ03;0855ZZ03;C;GM0855;WK0855ZZ;buurt;1
"""


def row(ind, level, code, n="", d="", v="", status="s", reason="", period="2023", brk="totaal",
        unit="procent"):
    sup = "1" if status in ("u", "x") else "0"
    rb = "" if sup == "1" else "5"
    return [ind, period, level, code, brk, str(n), str(d), str(v), unit, status, sup, reason, rb, "T", "1"]


LT10 = dict(status="u", reason="R1_MIN_N;R2_EVENTS")
DOT = dict(status="x", reason="R7_SECONDARY")

CASES = []

# 1. Two `<10` buurten under a `.` wijk: the wijk passed R1 (>= 10), so each part is >= 1 (the
#    "0 is possible" promise of `<10` is broken) and the wijk is at most 9 + 9 = 18.
CASES.append(dict(
    name="two <10 parts under a . total",
    rows=[row("IND10", "buurt", "BU0855ZZ01", **LT10),
          row("IND10", "buurt", "BU0855ZZ02", **LT10),
          row("IND10", "wijk", "WK0855ZZ", **DOT)],
    area=["wijk=BU0855ZZ01+BU0855ZZ02"],
    geo=GEO.replace("BU0855ZZ03;0855ZZ03;C;GM0855;WK0855ZZ;buurt;1\n", ""),
    expect={"suppressed_lt10_narrowed": {"IND10;2023;buurt;BU0855ZZ01;totaal": (1, 9),
                                         "IND10;2023;buurt;BU0855ZZ02;totaal": (1, 9)},
            "suppressed_dot_narrowed": {"IND10;2023;wijk;WK0855ZZ;totaal": (10, 18)}},
    rc=1))

# 2. 15 of 30 shown as 61 %: N in [13,17], D in [25,34], 100N/D in [60.5,61.5], D-N >= 10.
#    Only 17/28 fits (16/26 = 61.54 %, 14/23 and 13/21 have D < 25), so the numerator is exact.
CASES.append(dict(
    name="15/30 shown as 61 % pins 17/28",
    rows=[row("IND10", "buurt", "BU0855ZZ01", 15, 30, 61)],
    expect={"published_exact": {"IND10;2023;buurt;BU0855ZZ01;totaal": (17, 17)}},
    rc=1))

# 3. Correctly protected: W = A + B + C with W = 40 (38..42), C = 20 (18..22), A `<10`, B `.`.
#    B = W - C - A lies in [10, 24] (width 14 >= 10), A keeps [0, 9].  Written with `,`.
CASES.append(dict(
    name="correctly protected cell (comma-separated)",
    rows=[row("IND10", "buurt", "BU0855ZZ01", **LT10),
          row("IND10", "buurt", "BU0855ZZ02", **DOT),
          row("IND10", "buurt", "BU0855ZZ03", 20, 200, 10),
          row("IND10", "wijk", "WK0855ZZ", 40, 600, 7)],
    delimiter=",",
    expect={},
    rc=0))

# 4. Differencing through the configured areas: tilburg 100 (98..102) minus rest_tilburg 85
#    (83..87) = the district `wijk`, suppressed as `.`: it lies in [11, 19] (width 8 < 10).
CASES.append(dict(
    name="district = tilburg - rest_tilburg",
    rows=[row("IND12", "gebied", "tilburg", 100, 1000, 10),
          row("IND12", "gebied", "rest_tilburg", 85, 850, 10),
          row("IND12", "gebied", "wijk", **DOT)],
    expect={"suppressed_dot_narrowed": {"IND12;2023;gebied;wijk;totaal": (11, 19)}},
    rc=1))

# 5. Shared base and IND11 <= IND10: IND10 published 10 of 20 (50 %), IND11 `.` in the same buurt.
#    IND11 >= 10 (passed R1) and <= IND10 <= 12, so IND11 in [10, 12]: narrowed below 10.
#    IND10 itself: N in [10,12] with D in {20,22,24} -> not exact.
CASES.append(dict(
    name="IND11 <= IND10 with a shared denominator",
    rows=[row("IND10", "buurt", "BU0855ZZ01", 10, 20, 50),
          row("IND11", "buurt", "BU0855ZZ01", status="u", reason="R3_HOUSEHOLDS")],
    expect={"suppressed_dot_narrowed": {"IND11;2023;buurt;BU0855ZZ01;totaal": (10, 12)}},
    rc=1))


def write_csv(path, rows, delimiter=";"):
    with open(path, "w", newline="") as fh:
        fh.write(delimiter.join(HEADER) + "\n")
        for r in rows:
            fh.write(delimiter.join(('"' + x + '"') if delimiter in x else x for x in r) + "\n")


def run(args):
    p = subprocess.run([sys.executable, INTRUDER, *args], capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


def main() -> int:
    passed = failed = 0
    tmp = tempfile.mkdtemp(prefix="intruder_selftest_")

    def check(name, ok, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
            print(f"ok    {name}")
        else:
            failed += 1
            print(f"FAIL  {name}\n{detail}")

    for i, case in enumerate(CASES, 1):
        csvp = os.path.join(tmp, f"case{i}.csv")
        geop = os.path.join(tmp, f"geo{i}.csv")
        jsonp = os.path.join(tmp, f"case{i}.json")
        write_csv(csvp, case["rows"], case.get("delimiter", ";"))
        with open(geop, "w") as fh:
            fh.write(case.get("geo", GEO))
        args = [csvp, "--geo", geop, "--json", jsonp]
        for a in case.get("area", []):
            args += ["--area", a]
        rc, out = run(args)
        got = {}
        if os.path.exists(jsonp):
            with open(jsonp) as fh:
                d = json.load(fh)
            for cls, lst in d["findings"].items():
                for rec in lst:
                    for c in rec["cells"]:
                        got.setdefault(cls, {})[c] = (rec["min"], rec["max"])
        exp = {k: dict(v) for k, v in case["expect"].items()}
        check(f"{case['name']}: findings", got == exp, f"  expected {exp}\n  got      {got}\n{out}")
        check(f"{case['name']}: exit code {case['rc']}", rc == case["rc"], f"  got {rc}\n{out}")

    # checker: a truth outside the derived interval is a model error (exit 2); the truth inside is not
    c2 = os.path.join(tmp, "case2.csv")
    geop = os.path.join(tmp, "geo2.csv")
    for truth, want in (((17, 28), 1), ((15, 30), 2)):
        chk = os.path.join(tmp, f"checker_{truth[0]}.csv")
        with open(chk, "w") as fh:
            fh.write("# PRIVATE CHECKER FILE test\n")
            fh.write("indicator_id;period;geo_level;geo_code;breakdown;numerator;denominator;units;"
                     "largest;second;status;suppression_reason\n")
            fh.write(f"IND10;2023;buurt;BU0855ZZ01;totaal;{truth[0]};{truth[1]};;;;s;\n")
        rc, out = run([c2, "--geo", geop, "--checker", chk])
        check(f"checker truth {truth[0]}/{truth[1]} gives exit {want}", rc == want, out)

    # two copies of one table (a second version) are one set of numbers: same findings
    rc, out = run([c2, c2, "--geo", geop])
    check("same table twice: still exactly one finding", rc == 1 and "published_exact: 1" in out, out)

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
