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
RANGE = dict(status="x", reason="R7_RANGE")  # shown `<20`: the reader knows only [0, 19]
GEO2 = GEO.replace("BU0855ZZ03;0855ZZ03;C;GM0855;WK0855ZZ;buurt;1\n", "")  # wijk = two buurten

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

# 1b. The same wijk of two `<10` buurten with its total shown `<20` (x, R7_RANGE; disclosure.md "Range
#     totals"), and the configured area `wijk` (= the same two buurten, an alias) shown `<20` too: the
#     total is only known in [0, 19], so each buurt keeps its full [0, 9] and the total [0, 18]
#     (width 18 >= 10): nothing is narrowed.
RANGE_ROWS = [row("IND10", "buurt", "BU0855ZZ01", **LT10),
              row("IND10", "buurt", "BU0855ZZ02", **LT10),
              row("IND10", "wijk", "WK0855ZZ", **RANGE),
              row("IND10", "gebied", "wijk", **RANGE)]
CASES.append(dict(
    name="two <10 parts under a <20 range total (R7_RANGE) are not narrowed",
    rows=RANGE_ROWS,
    area=["wijk=BU0855ZZ01+BU0855ZZ02"],
    geo=GEO2,
    expect={},
    rc=0))

# 1c. The old leak, side by side with 1b: the same table with the total a plain `x` R7_SECONDARY
#     (and its alias too): the total passed R1, so both buurten narrow to [1, 9], the total to [10, 18].
CASES.append(dict(
    name="same table with the total a plain x R7_SECONDARY: both <10 parts narrowed to [1, 9]",
    rows=RANGE_ROWS[:2] + [row("IND10", "wijk", "WK0855ZZ", **DOT), row("IND10", "gebied", "wijk", **DOT)],
    area=["wijk=BU0855ZZ01+BU0855ZZ02"],
    geo=GEO2,
    expect={"suppressed_lt10_narrowed": {"IND10;2023;buurt;BU0855ZZ01;totaal": (1, 9),
                                         "IND10;2023;buurt;BU0855ZZ02;totaal": (1, 9)},
            "suppressed_dot_narrowed": {"IND10;2023;wijk;WK0855ZZ;totaal": (10, 18),
                                        "IND10;2023;gebied;wijk;totaal": (10, 18)}},
    rc=1))

# 1d. A `<20` total is not known to have passed R1: it may be below 10.  The configured area `wijk`
#     (BU01 + BU02, both `<10`) shown `<20`; BU03 published 20 (18..22), GM0855 (all three) 25 (23..27).
#     Then wijk = GM - BU03 lies in [1, 9]: narrower than the protection width 10, the new class
#     suppressed_range_narrowed (with the old reading "x passed R1" this table would be infeasible).
#     The two `<10` parts keep [0, 9] (A + B in [1, 9] pins neither).
RANGE_LOW_ROWS = [row("IND10", "buurt", "BU0855ZZ01", **LT10),
                  row("IND10", "buurt", "BU0855ZZ02", **LT10),
                  row("IND10", "buurt", "BU0855ZZ03", 20, 200, 10),
                  row("IND10", "gemeente", "GM0855", 25, 600, 4),
                  row("IND10", "gebied", "wijk", **RANGE)]
CASES.append(dict(
    name="<20 range total below 10 (no R1 bound): range narrowed to [1, 9]",
    rows=RANGE_LOW_ROWS,
    expect={"suppressed_range_narrowed": {"IND10;2023;gebied;wijk;totaal": (1, 9)}},
    rc=1))

# 1e. The same for the base of a mean (unit gemiddelde, round base 5 as written by row()): BU03 base 20
#     (18..22), GM0855 base 30 (28..32), the area `wijk` `<20`: its base is GM - BU03 in [6, 14]
#     (no R1 bound from the `<20` cell itself), narrower than 10: suppressed_range_base_narrowed.
CASES.append(dict(
    name="<20 range mean: its base narrowed to [6, 14]",
    rows=[row("IND21", "buurt", "BU0855ZZ01", status="u", reason="R1_MIN_N", unit="gemiddelde"),
          row("IND21", "buurt", "BU0855ZZ02", status="u", reason="R1_MIN_N", unit="gemiddelde"),
          row("IND21", "buurt", "BU0855ZZ03", "", 20, "3.5", unit="gemiddelde"),
          row("IND21", "gemeente", "GM0855", "", 30, "3.1", unit="gemiddelde"),
          row("IND21", "gebied", "wijk", unit="gemiddelde", **RANGE)],
    expect={"suppressed_range_base_narrowed": {"IND21;2023;gebied;wijk;totaal": (6, 14)}},
    rc=1))

# 2. 15 of 30 shown as 61 %: N in [13,17], D in [25,34], 100N/D in [60.5,61.5], D-N >= 10.
#    Only 17/28 fits (16/26 = 61.54 %, 14/23 and 13/21 have D < 25), so the numerator is exact.
CASES.append(dict(
    name="15/30 shown as 61 % pins 17/28 (percentages of the exact counts)",
    options=["--percentages", "exact"],
    rows=[row("IND10", "buurt", "BU0855ZZ01", 15, 30, 61)],
    expect={"published_exact": {"IND10;2023;buurt;BU0855ZZ01;totaal": (17, 17)},
            "published_denominator_exact": {"IND10;2023;buurt;BU0855ZZ01;totaal": (28, 28)}},
    rc=1))

# 2b. The same cell as wijkbeeld publishes it now: 50 % is 15 of 30, the % of the rounded counts; it pins
#     nothing (N anywhere in [13, 17] with D in [25, 34] and D - N >= 10).
CASES.append(dict(
    name="15/30 shown as 50 % (percentage of the rounded counts) pins nothing",
    rows=[row("IND10", "buurt", "BU0855ZZ01", 15, 30, 50)],
    expect={},
    rc=0))

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
        args = [csvp, "--geo", geop, "--json", jsonp] + case.get("options", [])
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
    i61 = next(i for i, c in enumerate(CASES, 1) if c["name"].startswith("15/30 shown as 61 %"))
    c2 = os.path.join(tmp, f"case{i61}.csv")
    geop = os.path.join(tmp, f"geo{i61}.csv")
    for truth, want in (((17, 28), 1), ((15, 30), 2)):
        chk = os.path.join(tmp, f"checker_{truth[0]}.csv")
        with open(chk, "w") as fh:
            fh.write("# PRIVATE CHECKER FILE test\n")
            fh.write("indicator_id;period;geo_level;geo_code;breakdown;numerator;denominator;units;"
                     "largest;second;status;suppression_reason\n")
            fh.write(f"IND10;2023;buurt;BU0855ZZ01;totaal;{truth[0]};{truth[1]};;;;s;\n")
        rc, out = run([c2, "--geo", geop, "--checker", chk, "--percentages", "exact"])
        check(f"checker truth {truth[0]}/{truth[1]} gives exit {want}", rc == want, out)

    # checker on range cells (case 1d): a true `<20` total of 5 (below 10) lies inside its derived
    # interval [1, 9] (exit 1: the finding only); a `<10` part whose truth is 12 is outside [0, 9] (exit 2)
    idx = next(i for i, c in enumerate(CASES, 1) if c["rows"] is RANGE_LOW_ROWS)
    c1d, g1d = os.path.join(tmp, f"case{idx}.csv"), os.path.join(tmp, f"geo{idx}.csv")
    for a_, b_, want in ((3, 2, 1), (12, 2, 2)):
        chk = os.path.join(tmp, f"checker_range_{a_}_{b_}.csv")
        with open(chk, "w") as fh:
            fh.write("# PRIVATE CHECKER FILE test\n")
            fh.write("indicator_id;period;geo_level;geo_code;breakdown;numerator;denominator;units;"
                     "largest;second;status;suppression_reason\n")
            fh.write(f"IND10;2023;buurt;BU0855ZZ01;totaal;{a_};190;;;;u;R1_MIN_N,R2_EVENTS\n")
            fh.write(f"IND10;2023;buurt;BU0855ZZ02;totaal;{b_};210;;;;u;R1_MIN_N,R2_EVENTS\n")
            fh.write("IND10;2023;buurt;BU0855ZZ03;totaal;20;200;;;;s;\n")
            fh.write(f"IND10;2023;gemeente;GM0855;totaal;{a_ + b_ + 20};600;;;;s;\n")
            fh.write(f"IND10;2023;gebied;wijk;totaal;{a_ + b_};400;;;;x;R7_RANGE\n")
        rc, out = run([c1d, "--geo", g1d, "--checker", chk])
        check(f"checker on a <20 total: truths {a_}+{b_} give exit {want}", rc == want, out)

    # two copies of one table (a second version) are one set of numbers: same findings
    rc, out = run([c2, c2, "--geo", geop, "--percentages", "exact"])
    check("same table twice: still the same two findings",
          rc == 1 and "published_exact: 1" in out and "published_denominator_exact: 1" in out, out)

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


# ------------------------------------------------------------------------------ city-scale bench
def make_city(tmp, seed=1, wijken=16, buurten_per_wijk=9, periods=("2022", "2023")):
    """A consistent city-scale table (IND01-IND15, buurt/wijk/gemeente/gebied, two periods) with its
    checker file: true counts per buurt, primary suppression (R1, R2), a simple secondary step
    (a wijk with one suppressed buurt gets a second), rounding to 5 and 10, whole percentages."""
    import random
    rnd = random.Random(seed)
    geo = ["gwb_code_10;gwb_code_8;naam;gm_code;wk_code;level;is_synthetic", "GM0855;0855;T;GM0855;;gemeente;0"]
    wk = {"WK0855ZZ": ["BU0855ZZ01", "BU0855ZZ02", "BU0855ZZ03"]}
    for w in range(wijken - 1):
        code = f"WK0855Y{chr(65 + w)}"
        wk[code] = [f"BU0855Y{chr(65 + w)}{b:02d}" for b in range(buurten_per_wijk)]
    for w, bs in wk.items():
        geo.append(f"{w};{w[2:]};{w};GM0855;{w};wijk;1")
        for b in bs:
            geo.append(f"{b};{b[2:]};{b};GM0855;{w};buurt;1")
    with open(os.path.join(tmp, "city_geo.csv"), "w") as fh:
        fh.write("\n".join(geo) + "\n")
    allb = [b for bs in wk.values() for b in bs]
    areas = {("buurt", b): [b] for b in allb}
    areas.update({("wijk", w): bs for w, bs in wk.items()})
    areas[("gemeente", "GM0855")] = allb
    areas[("gebied", "doelgebied")] = ["BU0855ZZ01"]
    areas[("gebied", "wijk")] = ["BU0855ZZ01", "BU0855ZZ02"]
    areas[("gebied", "controle")] = ["BU0855ZZ03"]
    areas[("gebied", "rest_tilburg")] = [b for b in allb if b not in ("BU0855ZZ01", "BU0855ZZ02")]
    areas[("gebied", "tilburg")] = allb
    rate = {"IND01": .3, "IND02": .15, "IND03": .08, "IND04": .12, "IND05": .05, "IND06": .1,
            "IND07": .09, "IND08": .07, "IND09": .05, "IND10": .12, "IND12": .03, "IND14": .06,
            "IND15": .1}
    pub, chk = [], []
    for p in periods:
        truth = {}
        for b in allb:
            C = rnd.randint(150, 700) if not b.startswith("BU0855ZZ") else rnd.randint(400, 600)
            t = {}
            for ind, r in rate.items():
                den = C if ind in ("IND05", "IND09", "IND10", "IND12", "IND14", "IND15") else C - rnd.randint(0, 12)
                t[ind] = (sum(rnd.random() < r * rnd.uniform(.3, 1.7) for _ in range(den)), den)
            n10 = t["IND10"][0]
            t["IND11"] = (sum(rnd.random() < .15 for _ in range(n10)), C)
            n13max = min(t["IND11"][0], t["IND12"][0])
            t["IND13"] = (rnd.randint(0, n13max), C)
            truth[b] = t
        for ind in sorted(rate) + ["IND11", "IND13"]:
            cells = {}
            for (lvl, code), bs in areas.items():
                n = sum(truth[b][ind][0] for b in bs)
                d = sum(truth[b][ind][1] for b in bs)
                st, rs = "s", ""
                if n < 10:
                    st, rs = "u", "R1_MIN_N;R2_EVENTS"
                elif d - n < 10:
                    st, rs = "u", "R2_EVENTS"
                cells[(lvl, code)] = [n, d, st, rs]
            for w, bs in wk.items():  # naive secondary suppression
                sup = [b for b in bs if cells[("buurt", b)][2] != "s"]
                if len(sup) == 1:
                    cand = sorted((cells[("buurt", b)][0], b) for b in bs if cells[("buurt", b)][2] == "s")
                    if cand:
                        cells[("buurt", cand[0][1])][2:] = ["x", "R7_SECONDARY"]
            for (lvl, code), (n, d, st, rs) in cells.items():
                if st == "s":
                    rn, rd = 5 * int(n / 5 + .5), 10 * int(d / 10 + .5)
                    v = int(100 * n / d + .5)
                    pub.append(row(ind, lvl, code, rn, rd, v, period=p))
                else:
                    pub.append(row(ind, lvl, code, status=st, reason=rs, period=p))
                chk.append(f"{ind};{p};{lvl};{code};totaal;{n};{d};;;;{st};{rs.replace(';', ',')}")
    write_csv(os.path.join(tmp, "city.csv"), pub)
    with open(os.path.join(tmp, "city_checker.csv"), "w") as fh:
        fh.write("# PRIVATE CHECKER FILE (synthetic bench)\n")
        fh.write("indicator_id;period;geo_level;geo_code;breakdown;numerator;denominator;units;"
                 "largest;second;status;suppression_reason\n")
        fh.write("\n".join(chk) + "\n")
    return len(pub)


def bench() -> int:
    import time
    tmp = tempfile.mkdtemp(prefix="intruder_bench_")
    n = make_city(tmp)
    t0 = time.time()
    rc, out = run([os.path.join(tmp, "city.csv"), "--geo", os.path.join(tmp, "city_geo.csv"),
                   "--checker", os.path.join(tmp, "city_checker.csv"), "--max-examples", "2"])
    print(out)
    print(f"bench: {n} cells in {time.time() - t0:.1f}s, exit {rc} (2 = model error)")
    return 1 if rc == 2 else 0


if __name__ == "__main__":
    sys.exit(bench() if "--bench" in sys.argv else main())
