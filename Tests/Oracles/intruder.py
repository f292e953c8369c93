#!/usr/bin/env python3
"""Outside intruder against a published Wijkbeeld indicator table (indicatoren.csv).

Written from the public documentation only (../shared/domain/disclosure.md, indicators.md,
geography.md and README.md); it shares no code with the Swift pipeline.

The attacker reads one or more published tables, writes every published fact and every relation an
outsider may assume from the documentation as an integer program over the confidential counts, and
minimises and maximises each sensitive count with HiGHS (scipy.optimize.milp).

Unknowns ("atoms") are non-negative integer counts per *stem* and *basis unit*.  A stem is one counted
population, e.g. ("N", "IND10", "totaal", "2023") = children with youth care in 2023, or
("C", "2023") = the child population C(t) shared as denominator.  Basis units are buurten (for
buurt/wijk/gemeente/gebied cells) and schools (for school cells).  Every published cell is the sum of
its stem's atoms over the buurten (or schools) of its area, which encodes at once buurt -> wijk ->
gemeente additivity, the configured areas (doelgebied, wijk, controle, rest_tilburg = GM0855 minus
the district, tilburg) and aliases (an area equal to one buurt/wijk/gemeente is one number under two
codes).  Definitional inequalities (IND11 <= IND10, numerator <= denominator, ...) hold inside every
buurt, so they are imposed per basis unit (which implies them for every area).

ASSUMPTIONS (all from the docs; each constraint row carries the label of the assumption it uses):
  A1  rounding (R8): a published count v with base b (column round_base; denominators of shares base
      10 per R8) lies in [v-floor(b/2), v+floor(b/2)] for odd b and [v-b/2, v+b/2-1] for even b
      (round half up; --ties any widens even bases to [v-b/2, v+b/2]); never below 0.
  A2  percentages: by default (README, R8 as wijkbeeld applies it) the shown % is computed from the rounded
      count and base, so it adds no constraint (it is only checked to agree with them). With
      --percentages exact (disclosure.md R8: "percentages from unrounded counts"), 100*N/D lies in
      [value-0.5, value+0.5] (closed, tie rule unknown), with the unrounded N, D.
  A3  R1: every published count, numerator, denominator and base is >= 10 (a published 0 is taken
      as structural and gets no bound).  R2: a published share has events >= 10 and non-events >= 10.
      R5: a published median has >= 10 units on each side, so its base is >= 20.
  A4  "How cells are shown" / "Range totals": a `u` cell with R1_MIN_N (shown `<10`) has its count in
      [0, 9]; an `x` cell whose reason is exactly R7_RANGE (shown `<20`, a range total: the total of
      two `<10` cells, or that number under another name) has its count (numerator of a share, base
      of a mean/median/count) in [0, 19] and nothing more: it is NOT known to have passed R1 (it may
      be below 10), and neither it nor its denominator/base gets an R1, R2 or R3 bound.  Every other
      suppressed cell (`u` with other reasons, `x` with other reasons) passed R1, so its count is
      >= 10.  R7_RANGE together with other codes, or on a `u` cell, is not a `<20` cell per the docs
      (a warning is printed) and is read by its other codes as `.`.
  A5  the reason list is complete (several codes are joined with ';'): a suppressed share whose
      reasons lack R2_EVENTS passed R2 (events and non-events >= 10); one with R2_EVENTS but not
      R1_MIN_N has events >= 10, hence non-events D-N <= 9.  Cells with MANUAL get A4/A5 only as
      far as the listed codes say (no bound is inferred from an absent code).  A `<20` (R7_RANGE)
      cell's reason list is not informative (the docs show no other reason), so A5 infers nothing
      from it: no complement (non-events) bound, no bound on its denominator or base.
  A6  shared bases (indicators.md): IND05, IND09-IND15 have denominator C(t); IND01-04, 06-08 have
      a subset of C(t) as denominator (D <= C); IND16 and IND17 (a) use Fam(t); IND17 *_met_hulp
      use the families with >= 1 episode (<= Fam(t)); IND18's base, IND19's and IND20's
      denominators are the pupils enrolled in y.
  A7  definitional inequalities: IND11 <= IND10, IND13 <= IND11, IND13 <= IND12; IND17
      aandeel_10plus <= aandeel_5plus, aandeel_meer_dan_15 <= aandeel_10plus, domeinen_3plus <=
      domeinen_2plus, eilanden_A_B <= domein_A, domein_B; numerator <= denominator.
  A8  (extra, sound by definition, --no-extra drops them) IND17 over the six domains:
      eilanden_A_B <= domeinen_2plus <= sum(eilanden); sum(eilanden) >= d2 + 2*d3;
      sum(domein) >= 2*d2 + d3; domein_A + domein_B - eilanden_A_B <= Fam; aandeel_5plus <=
      families with an episode.  IND24: zonder_hulp_X numerator = pupils with a signal (its
      denominator) - pupils with a matched episode (base of mediaan_dagen_X).
  A9  additivity: buurt -> wijk -> gemeente from geo_lookup.csv (assumed complete), the configured
      areas, alle_scholen = sum of the schools; the same key in several tables is the same number.

FINDINGS (one record per distinct quantity; aliases are listed together):
  suppressed_lt10_narrowed / _exact   a `<10` count whose [min, max] is narrower than 9 (full [0, 9])
  suppressed_dot_narrowed / _exact    a `.` count (u other reasons, x but not R7_RANGE) whose width
                                      is below 10
  suppressed_range_narrowed / _exact  a `<20` count (x, R7_RANGE) of a share whose width is below 9:
                                      as wide as a `<10` cell's [0, 9] is as protected as that cell
                                      (a narrower range, or one that excludes 0 through 9, shows up
                                      in the findings of its `<10` parts too)
  suppressed_range_base_*             the count/base of a `<20` mean/median/count cell, width below 10
  suppressed_complement_*             non-events D-N of an R2-only cell narrower than [0, 9]
  suppressed_lt10_base_*              the base of a `<10` mean/median cell
  published_exact                     a published (rounded) numerator whose exact count is recovered
  published_denominator_exact         idem for a published denominator
MODEL ERRORS (exit 2): a checker truth outside a derived interval, a truth that violates a constraint,
shared quantities (e.g. C(t) of IND10 and IND11) that differ in the checker, an infeasible component
(the published table contradicts the assumptions), or a solver answer refuted by a verified point.

Usage:
  .venv-oracle/bin/python Tests/Oracles/intruder.py reports/indicatoren.csv [more.csv ...]
      [--checker CHECKER.csv] [--json OUT.json] [--geo geo_lookup.csv] [--area NAME=SPEC]
      [--ties up|any] [--no-extra] [--mode auto|exact|fast]
Exit 0 nothing found, 1 findings, 2 model error.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import sys
import time
from collections import defaultdict

import numpy as np
from scipy.optimize import milp, LinearConstraint, Bounds
from scipy.sparse import csr_matrix, csc_matrix

try:  # the HiGHS object scipy bundles, kept per component so that objectives can be swapped
    import scipy.optimize._highspy._core as _core  # type: ignore[import-not-found]
except Exception:  # pragma: no cover
    _core = None


class _Res:
    status = 4
    x = None
    fun = None
    message = ""
    mip_dual_bound = None

BIG = 10_000_000  # upper bound of an atom (a count); anything near it is reported as unbounded
DEFAULT_GEO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                           "data-samples", "geo", "geo_lookup.csv")
DEFAULT_AREAS = {  # geography.md "Areas in reports" and config/example.yaml
    "doelgebied": "BU0855ZZ01",
    "wijk": "BU0855ZZ01+BU0855ZZ02",
    "controle": "BU0855ZZ03",
    "rest_tilburg": "GM0855-BU0855ZZ01-BU0855ZZ02",
    "tilburg": "GM0855",
    "nederland": "*",
}
C_DEN = {"IND05", "IND09", "IND10", "IND11", "IND12", "IND13", "IND14", "IND15"}
SUB_C_DEN = {"IND01", "IND02", "IND03", "IND04", "IND06", "IND07", "IND08"}
DOMAINS = ["schoolzorg", "jeugdhulp", "jeugdbescherming", "politie", "veilig_thuis", "inkomen"]
SHARE_UNITS = {"procent"}


# ----------------------------------------------------------------------------------------- reading
def read_table(path: str, comment_first: bool = False) -> list[dict]:
    with open(path, newline="", encoding="utf-8-sig") as fh:
        text = fh.read()
    lines = text.splitlines(keepends=True)
    if comment_first or (lines and lines[0].startswith("#")):
        lines = lines[1:]
    body = "".join(lines)
    header = lines[0] if lines else ""
    delim = ";" if header.count(";") >= header.count(",") else ","
    try:
        delim = csv.Sniffer().sniff(header, delimiters=";,\t").delimiter
    except csv.Error:
        pass
    rows = list(csv.DictReader(io.StringIO(body), delimiter=delim))
    return [{(k or "").strip(): (v or "").strip() for k, v in r.items()} for r in rows]


def num(s: str):
    if s is None or s == "":
        return None
    s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


def cell_key(r: dict) -> tuple:
    return (r["indicator_id"], r["period"], r["geo_level"], r["geo_code"], r["breakdown"])


def key_str(k: tuple) -> str:
    return ";".join(k)


# ------------------------------------------------------------------------------------- geography
class Geo:
    def __init__(self, lookup_path: str | None, area_specs: dict[str, str]):
        self.buurt_wijk: dict[str, str] = {}
        self.buurt_gm: dict[str, str] = {}
        self.levels: dict[str, str] = {}
        if lookup_path and os.path.exists(lookup_path):
            for r in read_table(lookup_path):
                code, level = r.get("gwb_code_10", ""), r.get("level", "")
                self.levels[code] = level
                if level == "buurt":
                    self.buurt_wijk[code] = r.get("wk_code", "")
                    self.buurt_gm[code] = r.get("gm_code", "")
        self.area_specs = area_specs
        self.unknown: set[str] = set()

    def buurten_of(self, code: str) -> set[str] | None:
        if code.startswith("BU"):
            return {code}
        if code.startswith("WK"):
            s = {b for b, w in self.buurt_wijk.items() if w == code}
            return s or None
        if code.startswith("GM"):
            s = {b for b, g in self.buurt_gm.items() if g == code}
            return s or None
        return None

    def spec_units(self, spec: str) -> set[str] | None:
        if spec == "*":
            return set(self.buurt_wijk) | {"__rest_of_country__"}
        plus, minus, sign, tok = set(), set(), "+", ""
        for ch in spec + "+":
            if ch in "+-,":
                if tok:
                    s = self.buurten_of(tok.strip())
                    if s is None:
                        return None
                    (plus if sign == "+" else minus).update(s)
                tok, sign = "", ("-" if ch == "-" else "+")
            else:
                tok += ch
        return plus - minus

    def units(self, level: str, code: str) -> frozenset:
        if level == "gebied":
            spec = self.area_specs.get(code)
            s = self.spec_units(spec) if spec else None
        elif level in ("buurt", "wijk", "gemeente"):
            s = self.buurten_of(code)
        elif level in ("land", "nederland") or code == "NL01":
            s = self.spec_units("*")
        else:
            s = None
        if not s:
            self.unknown.add(f"{level}:{code}")
            return frozenset({f"{level}:{code}"})
        return frozenset(s)


# ------------------------------------------------------------------------------------------ model
class Model:
    def __init__(self):
        self.atom_index: dict[tuple, int] = {}
        self.atom_keys: list[tuple] = []
        self.rows: list[tuple[dict, float, float, str]] = []
        self.stem_units: dict[tuple, set] = defaultdict(set)

    def atom(self, stem: tuple, unit: str) -> int:
        k = (stem, unit)
        i = self.atom_index.get(k)
        if i is None:
            i = len(self.atom_keys)
            self.atom_index[k] = i
            self.atom_keys.append(k)
            self.stem_units[stem].add(unit)
        return i

    def expr(self, stem: tuple, units) -> dict:
        return {self.atom(stem, u): 1.0 for u in sorted(units)}

    def add(self, coeffs: dict, lo: float, hi: float, label: str):
        coeffs = {i: c for i, c in coeffs.items() if c != 0}
        if coeffs:
            self.rows.append((coeffs, lo, hi, label))


def lin(*terms) -> dict:
    """lin((coef, expr), ...) -> combined expression."""
    out: dict = defaultdict(float)
    for c, e in terms:
        for i, v in e.items():
            out[i] += c * v
    return dict(out)


def round_interval(v: float, base: int, ties: str) -> tuple[int, int]:
    v = int(round(v))
    if base <= 1:
        return v, v
    if base % 2:
        lo, hi = v - base // 2, v + base // 2
    else:
        lo, hi = v - base // 2, v + base // 2 - (0 if ties == "any" else 1)
    return max(lo, 0), hi


def den_stem(ind: str, brk: str, period: str) -> tuple:
    if ind in C_DEN:
        return ("C", period)
    if ind == "IND16" or (ind == "IND17" and not brk.endswith("_met_hulp")):
        return ("Fam", period)
    if ind == "IND17":
        return ("FamB", period)
    if ind in ("IND18", "IND19", "IND20"):
        return ("E", period)
    if ind == "IND24":
        if brk.startswith("zonder_hulp_"):
            return ("D", ind, "signal_" + brk[len("zonder_hulp_"):], period)
        if brk.startswith("mediaan_dagen_"):
            return ("D", ind, "matched_" + brk[len("mediaan_dagen_"):], period)
    return ("D", ind, brk, period)


class Target:
    __slots__ = ("expr", "cells", "kind", "promised", "status", "lo", "hi", "exact_solve",
                 "truth", "comp", "inner")

    def __init__(self, expr, kind):
        self.expr, self.kind = expr, kind
        self.cells: list[tuple] = []
        self.promised = None
        self.lo = self.hi = None
        self.exact_solve = True
        self.truth = None
        self.comp = None
        self.inner = False


def build(tables: list[list[dict]], geo: Geo, ties: str, den_base: int, extra: bool,
          percentages: str = "rounded"):
    m = Model()
    cells: dict[tuple, dict] = {}
    quantities: dict[tuple, dict] = {}  # cell key -> {"N": expr, "D": expr}
    targets: dict[tuple, Target] = {}
    schools: set[str] = set()
    for t in tables:
        for r in t:
            if r.get("geo_level") == "school" and r.get("geo_code") != "alle_scholen":
                schools.add(r["geo_code"])

    def tgt(expr, kind, key, promised):
        sig = (kind, tuple(sorted(expr.items())))
        tg = targets.get(sig)
        if tg is None:
            tg = targets[sig] = Target(expr, kind)
        if key not in tg.cells:
            tg.cells.append(key)
        if promised is not None:
            tg.promised = promised if tg.promised is None else max(tg.promised, promised)
        return tg

    for ti, table in enumerate(tables):
        for r in table:
            key = cell_key(r)
            ind, period, level, code, brk = key
            unitname = r.get("unit", "")
            status = r.get("status", "")
            reasons = set(x for x in r.get("suppression_reason", "").replace(",", ";").split(";") if x)
            suppressed = r.get("suppressed", "") == "1" or status in ("u", "x")
            rb = num(r.get("round_base", ""))
            if level == "school":
                units = frozenset(schools) if code == "alle_scholen" else frozenset({code})
            else:
                units = geo.units(level, code)
            share = unitname in SHARE_UNITS
            lab = key_str(key)
            cells.setdefault(key, r)
            q = quantities.setdefault(key, {})
            dstem = den_stem(ind, brk, period)
            D = m.expr(dstem, units)
            q["D"] = D
            if share:
                N = m.expr(("N", ind, brk, period), units)
                q["N"] = N
                m.add(lin((1, D), (-1, N)), 0, math.inf, f"A7 numerator<=denominator {lab}")
            if not suppressed:
                n_pub, d_pub, v_pub = num(r.get("numerator")), num(r.get("denominator")), num(r.get("value"))
                if share:
                    if n_pub is not None:
                        lo, hi = round_interval(n_pub, int(rb) if rb else 5, ties)
                        m.add(N, lo, hi, f"A1 rounded numerator {lab}")
                        if n_pub > 0:
                            m.add(N, 10, math.inf, f"A3 R1 numerator>=10 {lab}")
                            m.add(lin((1, D), (-1, N)), 10, math.inf, f"A3 R2 non-events>=10 {lab}")
                    if d_pub is not None:
                        lo, hi = round_interval(d_pub, den_base, ties)
                        m.add(D, lo, hi, f"A1 rounded denominator {lab}")
                        if d_pub > 0:
                            m.add(D, 10, math.inf, f"A3 R1 denominator>=10 {lab}")
                    if v_pub is not None and percentages == "rounded":
                        # README (R8 as wijkbeeld applies it): the % is computed from the rounded count and
                        # base, so it says nothing the two do not; it must agree with them.
                        if n_pub is not None and d_pub:
                            shown = math.floor(100 * n_pub / d_pub + 0.5)
                            if abs(shown - v_pub) > 0.5:
                                print(f"warning: {lab}: {v_pub} % does not agree with {n_pub}/{d_pub}",
                                      file=sys.stderr)
                    elif v_pub is not None:
                        # 100 N - (v-0.5) D >= 0  and  100 N - (v+0.5) D <= 0
                        m.add(lin((100, N), (-(v_pub - 0.5), D)), 0, math.inf, f"A2 percentage low {lab}")
                        m.add(lin((100, N), (-(v_pub + 0.5), D)), -math.inf, 0, f"A2 percentage high {lab}")
                    tgt(N, "published_numerator", key, None)
                    if d_pub is not None:
                        tgt(D, "published_denominator", key, None)
                else:
                    if d_pub is not None:
                        lo, hi = round_interval(d_pub, int(rb) if rb else 10, ties)
                        m.add(D, lo, hi, f"A1 rounded base {lab}")
                        if d_pub > 0:
                            m.add(D, 20 if unitname == "mediaan" else 10, math.inf,
                                  f"A3 R1/R5 base {lab}")
            else:
                # A4: `<20` (x, reason exactly R7_RANGE) is in [0, 19] and its reasons say nothing else;
                # `<10` (u with R1_MIN_N) is in [0, 9]; every other suppressed cell passed R1.
                rng = status == "x" and reasons == {"R7_RANGE"}
                if "R7_RANGE" in reasons and not rng:
                    print(f"warning: {lab}: R7_RANGE with status {status!r} and reasons "
                          f"{sorted(reasons)} is not a `<20` cell as disclosure.md defines it; "
                          f"read as shown `.`", file=sys.stderr)
                lt10 = status == "u" and "R1_MIN_N" in reasons
                manual = "MANUAL" in reasons
                cnt = N if share else D
                if rng:
                    m.add(cnt, 0, 19, f"A4 '<20' range count in [0,19] {lab}")
                elif lt10:
                    m.add(cnt, 0, 9, f"A4 '<10' count in [0,9] {lab}")
                elif not manual:
                    m.add(cnt, 10, math.inf, f"A4 '.' count passed R1 (>=10) {lab}")
                if share and not lt10 and not manual and not rng:
                    if "R2_EVENTS" in reasons:
                        m.add(lin((1, D), (-1, N)), -math.inf, 9, f"A5 R2-only: non-events<=9 {lab}")
                    else:
                        m.add(lin((1, D), (-1, N)), 10, math.inf, f"A5 passed R2: non-events>=10 {lab}")
                if share:
                    if rng:
                        tgt(N, "suppressed_range", key, 9)
                    else:
                        tgt(N, "suppressed_lt10" if lt10 else "suppressed_dot", key, 9 if lt10 else 10)
                    if "R2_EVENTS" in reasons and not lt10 and not rng:
                        tgt(lin((1, D), (-1, N)), "suppressed_complement", key, 9)
                elif rng:
                    tgt(D, "suppressed_range_base", key, 10)
                elif lt10:
                    tgt(D, "suppressed_lt10_base", key, 9)

    # ---- relations between stems, per basis unit -------------------------------------------
    stems = list(m.stem_units)
    have = set(stems)

    def per_unit(a: tuple, b: tuple, label: str, lo=0.0):
        """a(u) - b(u) >= lo for every unit where a or b has an atom, if both stems exist."""
        if a not in have or b not in have:
            return
        for u in sorted(m.stem_units[a] | m.stem_units[b]):
            m.add({m.atom(a, u): 1.0, m.atom(b, u): -1.0}, lo, math.inf, f"{label} @{u}")

    periods = sorted({s[-1] for s in stems})
    for p in periods:
        for ind in SUB_C_DEN:
            for s in stems:
                if s[0] == "D" and s[1] == ind and s[-1] == p:
                    per_unit(("C", p), s, f"A6 {ind} base<=C({p})")
        per_unit(("N", "IND10", "totaal", p), ("N", "IND11", "totaal", p), "A7 IND11<=IND10")
        per_unit(("N", "IND11", "totaal", p), ("N", "IND13", "totaal", p), "A7 IND13<=IND11")
        per_unit(("N", "IND12", "totaal", p), ("N", "IND13", "totaal", p), "A7 IND13<=IND12")
        per_unit(("Fam", p), ("FamB", p), "A6 FamB<=Fam")
        n17 = lambda b: ("N", "IND17", b, p)
        per_unit(n17("aandeel_5plus"), n17("aandeel_10plus"), "A7 10plus<=5plus")
        per_unit(n17("aandeel_10plus"), n17("aandeel_meer_dan_15"), "A7 >15<=10plus")
        per_unit(n17("domeinen_2plus"), n17("domeinen_3plus"), "A7 3plus<=2plus")
        pairs = []
        for i, a in enumerate(DOMAINS):
            for b in DOMAINS[i + 1:]:
                for nm in (f"eilanden_{a}_{b}", f"eilanden_{b}_{a}"):
                    if n17(nm) in have:
                        pairs.append((a, b, n17(nm)))
        for a, b, st in pairs:
            per_unit(n17("domein_" + a), st, f"A7 {st[2]}<=domein_{a}")
            per_unit(n17("domein_" + b), st, f"A7 {st[2]}<=domein_{b}")
            if extra:
                per_unit(n17("domeinen_2plus"), st, f"A8 {st[2]}<=domeinen_2plus")
        if extra:
            per_unit(("FamB", p), n17("aandeel_5plus"), "A8 aandeel_5plus<=FamB")
            fam = ("Fam", p)
            units_17 = set()
            for s in stems:
                if s[0] == "N" and s[1] == "IND17" and s[-1] == p:
                    units_17 |= m.stem_units[s]
            full_pairs = len(pairs) == 15
            full_dom = all(n17("domein_" + d) in have for d in DOMAINS)
            for u in sorted(units_17):
                if full_pairs and n17("domeinen_2plus") in have:
                    row = {m.atom(st, u): 1.0 for _, _, st in pairs}
                    r2 = dict(row)
                    r2[m.atom(n17("domeinen_2plus"), u)] = -1.0
                    m.add(r2, 0, math.inf, f"A8 domeinen_2plus<=sum(eilanden) @{u}")
                    if n17("domeinen_3plus") in have:
                        r3 = dict(r2)
                        r3[m.atom(n17("domeinen_3plus"), u)] = -2.0
                        m.add(r3, 0, math.inf, f"A8 sum(eilanden)>=d2+2*d3 @{u}")
                if full_dom and n17("domeinen_2plus") in have and n17("domeinen_3plus") in have:
                    row = {m.atom(n17("domein_" + d), u): 1.0 for d in DOMAINS}
                    row[m.atom(n17("domeinen_2plus"), u)] = -2.0
                    row[m.atom(n17("domeinen_3plus"), u)] = -1.0
                    m.add(row, 0, math.inf, f"A8 sum(domein)>=2*d2+d3 @{u}")
                if fam in have:
                    for a, b, st in pairs:
                        if n17("domein_" + a) in have and n17("domein_" + b) in have:
                            m.add({m.atom(fam, u): 1.0, m.atom(n17("domein_" + a), u): -1.0,
                                   m.atom(n17("domein_" + b), u): -1.0, m.atom(st, u): 1.0},
                                  0, math.inf, f"A8 union(domein_{a},domein_{b})<=Fam @{u}")
            for x in ("na_pilot", "voor_pilot"):
                sig, mat = ("D", "IND24", "signal_" + x, p), ("D", "IND24", "matched_" + x, p)
                nz = ("N", "IND24", "zonder_hulp_" + x, p)
                if sig in have and mat in have and nz in have:
                    for u in sorted(m.stem_units[sig] | m.stem_units[mat] | m.stem_units[nz]):
                        m.add({m.atom(sig, u): 1.0, m.atom(mat, u): -1.0, m.atom(nz, u): -1.0},
                              0, 0, f"A8 IND24 zonder_hulp=signal-matched {x} @{u}")
    return m, cells, quantities, list(targets.values())


# ------------------------------------------------------------------------------------------ solve
class UF:
    def __init__(self, n):
        self.p = list(range(n))

    def find(self, a):
        while self.p[a] != a:
            self.p[a] = self.p[self.p[a]]
            a = self.p[a]
        return a

    def union(self, a, b):
        a, b = self.find(a), self.find(b)
        if a != b:
            self.p[a] = b


def components(m: Model, targets: list[Target]):
    uf = UF(len(m.atom_keys))
    for coeffs, _, _, _ in m.rows:
        it = iter(coeffs)
        first = next(it)
        for i in it:
            uf.union(first, i)
    for t in targets:
        it = iter(t.expr)
        first = next(it)
        for i in it:
            uf.union(first, i)
    comp_atoms = defaultdict(list)
    for i in range(len(m.atom_keys)):
        comp_atoms[uf.find(i)].append(i)
    comp_rows = defaultdict(list)
    for ri, (coeffs, _, _, _) in enumerate(m.rows):
        comp_rows[uf.find(next(iter(coeffs)))].append(ri)
    comp_targets = defaultdict(list)
    for t in targets:
        c = uf.find(next(iter(t.expr)))
        t.comp = c
        comp_targets[c].append(t)
    return comp_atoms, comp_rows, comp_targets


class Component:
    def __init__(self, m: Model, atoms: list[int], rows: list[int], time_limit: float):
        self.m, self.atoms, self.rows_idx = m, atoms, rows
        self.local = {a: j for j, a in enumerate(atoms)}
        n = len(atoms)
        data, ri, ci, lo, hi = [], [], [], [], []
        for k, r in enumerate(rows):
            coeffs, l, h, _ = m.rows[r]
            for a, c in coeffs.items():
                data.append(c)
                ri.append(k)
                ci.append(self.local[a])
            lo.append(l)
            hi.append(h)
        self.A = csr_matrix((data, (ri, ci)), shape=(len(rows), n)) if rows else None
        self.lo, self.hi = np.array(lo, float), np.array(hi, float)
        self.bounds = Bounds(np.zeros(n), np.full(n, float(BIG)))
        self.n = n
        self.time_limit = time_limit
        self.witness_lo: dict[int, float] = {}
        self.witness_hi: dict[int, float] = {}
        self.solves = 0
        self.solver_errors: list = []
        self._h: dict = {}

    def cons(self):
        return [LinearConstraint(self.A, self.lo, self.hi)] if self.A is not None else []

    def c_vec(self, expr, sign):
        c = np.zeros(self.n)
        for a, v in expr.items():
            c[self.local[a]] = sign * v
        return c

    def run(self, c, integer=True):
        # HiGHS presolve is OFF: with it, scipy 1.16.3's HiGHS reported "optimal" 22 as the minimum of
        # IND09;2023;buurt;BU08551001 on the sample while the true count 21 satisfies every row
        # (and dropping the rounding rows made it claim infeasibility); a known class of HiGHS
        # presolve bugs (e.g. ERGO-Code/HiGHS#1725, #3094).  Without presolve the answers agree with
        # the checker file, and every attained value is re-verified on an integer point anyway.
        self.solves += 1
        if _core is not None:
            try:
                return self._run_persistent(c, integer)
            except Exception:  # private API changed: fall back to the public one
                pass
        return milp(c, constraints=self.cons(), bounds=self.bounds,
                    integrality=np.ones(self.n) if integer else np.zeros(self.n),
                    options={"time_limit": self.time_limit, "presolve": False,
                             "mip_rel_gap": 0.0})

    def _solver(self, integer):
        """One HiGHS instance per component and kind, kept across objectives (warm starts)."""
        h = self._h.get(integer)
        if h is None:
            A = self.A.tocsc() if self.A is not None else csc_matrix((0, self.n))
            lp = _core.HighsLp()
            lp.num_col_, lp.num_row_ = self.n, A.shape[0]
            lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = self.n, A.shape[0]
            lp.a_matrix_.format_ = _core.MatrixFormat.kColwise
            lp.col_cost_ = np.zeros(self.n)
            lp.col_lower_ = np.zeros(self.n)
            lp.col_upper_ = np.full(self.n, float(BIG))
            lp.row_lower_ = np.where(np.isfinite(self.lo), self.lo, -_core.kHighsInf)
            lp.row_upper_ = np.where(np.isfinite(self.hi), self.hi, _core.kHighsInf)
            lp.a_matrix_.start_ = A.indptr
            lp.a_matrix_.index_ = A.indices
            lp.a_matrix_.value_ = A.data
            if integer:
                lp.integrality_ = [_core.HighsVarType(1)] * self.n
            h = _core._Highs()
            h.setOptionValue("output_flag", False)
            h.setOptionValue("presolve", "off")
            h.setOptionValue("time_limit", float(self.time_limit))
            if integer:
                h.setOptionValue("mip_rel_gap", 0.0)
                h.setOptionValue("mip_abs_gap", 0.0)
                h.setOptionValue("mip_feasibility_tolerance", 1e-9)
            if h.passModel(lp) != _core.HighsStatus.kOk:
                raise RuntimeError("passModel failed")
            self._h[integer] = h
        return h

    def _run_persistent(self, c, integer):
        h = self._solver(integer)
        h.changeColsCost(self.n, np.arange(self.n, dtype=np.int32), np.asarray(c, float))
        h.run()
        st = h.getModelStatus()
        info = h.getInfo()
        MS = _core.HighsModelStatus
        code = {MS.kOptimal: 0, MS.kTimeLimit: 1, MS.kIterationLimit: 1, MS.kInfeasible: 2,
                MS.kUnbounded: 3, MS.kUnboundedOrInfeasible: 3}.get(st, 4)
        x = None
        if code in (0, 1) and info.primal_solution_status == _core.kSolutionStatusFeasible:
            x = np.array(h.getSolution().col_value)
        res = _Res()
        res.status, res.x, res.message = code, x, str(st)
        res.fun = info.objective_function_value if x is not None else None
        res.mip_dual_bound = info.mip_dual_bound if integer else None
        return res

    def verified(self, x):
        """x rounded to integers if that point satisfies every row exactly (within 1e-7), else None."""
        if x is None:
            return None
        xr = np.round(x)
        if np.max(np.abs(x - xr), initial=0.0) > 1e-6 or np.min(xr, initial=0.0) < 0:
            return None
        if self.A is not None:
            r = self.A @ xr
            if np.any(r < self.lo - 1e-7) or np.any(r > self.hi + 1e-7):
                return None
        return xr

    def value(self, t, xr):
        return round(sum(xr[self.local[a]] * c for a, c in t.expr.items()))

    def feasible(self):
        res = self.run(np.zeros(self.n))
        xr = self.verified(res.x)
        return xr is not None, res, xr

    def witness(self, xr, targets):
        for t in targets:
            v = self.value(t, xr)
            k = id(t)
            self.witness_lo[k] = min(self.witness_lo.get(k, v), v)
            self.witness_hi[k] = max(self.witness_hi.get(k, v), v)

    def bound(self, t: Target, sign: int, targets) -> tuple[float, bool]:
        """sign=+1: minimum, -1: maximum. Returns (value, exact).

        Every value returned as attained comes from a verified integer point; a solver claim of
        optimality that a verified point contradicts is recorded in self.solver_errors."""
        c = self.c_vec(t.expr, sign)
        k = id(t)
        lp = self.run(c, integer=False)
        if lp.status == 0:
            xr = self.verified(lp.x)
            if xr is not None:  # the relaxation's optimum is integral: it is the integer optimum
                self.witness(xr, targets)
                return self.value(t, xr), True
            known = self.witness_lo.get(k) if sign > 0 else self.witness_hi.get(k)
            lpb = sign * lp.fun
            lpb = math.ceil(lpb - 1e-6) if sign > 0 else math.floor(lpb + 1e-6)
            if lpb == known:
                return known, True
        res = self.run(c)
        xr = self.verified(res.x)
        if xr is not None:
            self.witness(xr, targets)
        known = self.witness_lo.get(k) if sign > 0 else self.witness_hi.get(k)
        if res.status == 0:
            v = self.value(t, xr) if xr is not None else round(sign * res.fun)
            if known is not None and (known < v if sign > 0 else known > v):
                self.solver_errors.append({"target": t.cells[0], "sense": "min" if sign > 0 else "max",
                                           "solver": v, "verified_point": known})
                return known, False
            return v, True
        # time limit or trouble: fall back to the MIP dual bound (a valid outer bound)
        db = getattr(res, "mip_dual_bound", None)
        if db is not None and np.isfinite(db):
            v = sign * db
            return (math.ceil(v - 1e-6) if sign > 0 else math.floor(v + 1e-6)), False
        if lp.status == 0:
            v = sign * lp.fun
            return (math.ceil(v - 1e-6) if sign > 0 else math.floor(v + 1e-6)), False
        return (-math.inf if sign > 0 else math.inf), False

    def open_targets(self, targets):
        out = []
        for t in targets:
            need = t.promised if t.promised is not None else 1
            if self.witness_hi[id(t)] - self.witness_lo[id(t)] < need:
                out.append(t)
        return out

    def push(self, targets, rounds: int, seed: int):
        """Fast mode: spread the verified integer witnesses with objectives that push every still
        'open' target (witness width below its promise, or 0 for a published count) to a random
        extreme at once.  Returns the targets still open; only those get exact bounds."""
        import random
        rnd = random.Random(seed)
        open_ = self.open_targets(targets)
        for _ in range(rounds):
            if not open_:
                break
            c = np.zeros(self.n)
            for t in open_:
                sgn = rnd.choice((-1.0, 1.0))
                for a_, v in t.expr.items():
                    c[self.local[a_]] += sgn * v / max(1, len(t.expr))
            lp = self.run(c, integer=False)
            xr = self.verified(lp.x) if lp.status == 0 else None
            if xr is None:
                res = self.run(c)
                xr = self.verified(res.x)
            if xr is not None:
                self.witness(xr, targets)
            new_open = self.open_targets(targets)
            if len(new_open) == len(open_) and xr is None:
                break
            open_ = new_open
        return open_

    def exact_interval(self, t: Target):
        """The target's integer minimum and maximum, each a verified optimum of HiGHS with presolve and no
        gap (a different code path from `bound`), or None when either is not proven."""
        ends = []
        for sign in (+1, -1):
            res = milp(self.c_vec(t.expr, sign), constraints=self.cons(), bounds=self.bounds,
                       integrality=np.ones(self.n),
                       options={"time_limit": max(self.time_limit, 600.0), "presolve": True, "mip_rel_gap": 0})
            self.solves += 1
            xr = self.verified(res.x) if res.x is not None else None
            if res.status != 0 or xr is None:
                return None
            ends.append(self.value(t, xr))
        return ends[0], ends[1]

    def beyond(self, t: Target, lo, hi) -> list:
        """Second opinion for a finding: look for a verified integer point with the target below lo
        or above hi, with HiGHS presolve on (a different code path).  Any such point refutes the
        interval."""
        out = []
        row = np.zeros(self.n)
        for a, v in t.expr.items():
            row[self.local[a]] = v
        for side, l, h in (("below", -np.inf, lo - 1), ("above", hi + 1, np.inf)):
            if not np.isfinite(l) and not np.isfinite(h):
                continue
            if side == "above" and hi >= BIG / 2:
                continue
            cons = self.cons() + [LinearConstraint(row.reshape(1, -1), l, h)]
            res = milp(np.zeros(self.n), constraints=cons, bounds=self.bounds,
                       integrality=np.ones(self.n),
                       options={"time_limit": self.time_limit, "presolve": True})
            self.solves += 1
            xr = self.verified(res.x)
            if xr is not None:
                out.append({"target": key_str(t.cells[0]), "side": side, "value": self.value(t, xr)})
        return out


# ---------------------------------------------------------------------------------------- checker
def load_checker(path: str) -> dict[tuple, dict]:
    out = {}
    for r in read_table(path, comment_first=True):
        try:
            out[cell_key(r)] = r
        except KeyError:
            continue
    return out


def truth_of(cell_unit: str, q: str, cr: dict):
    """Truth of quantity q ('N' numerator or 'D' denominator/base) from a checker row."""
    if cell_unit in SHARE_UNITS:
        return num(cr.get("numerator")) if q == "N" else num(cr.get("denominator"))
    # mean, median, rate of hours: the published denominator is the number of units
    return num(cr.get("units")) if q == "D" else None


# ------------------------------------------------------------------------------------------- main
def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("tables", nargs="+", help="published indicatoren.csv file(s)")
    ap.add_argument("--checker", action="append", default=[],
                    help="private checker CSV (true unrounded counts) to verify the model")
    ap.add_argument("--json", help="write machine-readable findings here")
    ap.add_argument("--geo", default=DEFAULT_GEO, help="geo_lookup.csv (buurt -> wijk -> gemeente)")
    ap.add_argument("--area", action="append", default=[],
                    help="NAME=SPEC, e.g. wijk=BU0855ZZ01+BU0855ZZ02, rest=GM0855-BU0855ZZ01")
    ap.add_argument("--ties", choices=["up", "any"], default="up",
                    help="tie rule of rounding to an even base: 'up' = [v-b/2, v+b/2-1] (default)")
    ap.add_argument("--den-base", type=int, default=10, help="rounding base of share denominators (R8)")
    ap.add_argument("--no-extra", action="store_true", help="drop the A8 relations")
    ap.add_argument("--percentages", choices=["rounded", "exact"], default="rounded",
                    help="shown %% computed from the rounded counts (README, default) or from the exact ones "
                         "(disclosure.md R8 as first written: then 100N/D lies within 0.5 of it)")
    ap.add_argument("--time-limit", type=float, default=20.0, help="seconds per integer program")
    ap.add_argument("--mode", choices=["auto", "exact", "fast"], default="auto",
                    help="exact: min and max of every target; fast: exact bounds only for targets whose "
                         "verified witnesses do not already span the promised width (others get an "
                         "inner interval); auto: fast for components with more than --exact-limit targets")
    ap.add_argument("--exact-limit", type=int, default=600)
    ap.add_argument("--push-rounds", type=int, default=40)
    ap.add_argument("--no-second-opinion", action="store_true",
                    help="skip re-checking each finding for a point outside its interval")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--fail-on", default="",
                    help="comma-separated finding classes that give exit 1 (default: any finding)")
    ap.add_argument("--max-examples", type=int, default=5)
    a = ap.parse_args(argv)

    t0 = time.time()
    areas = dict(DEFAULT_AREAS)
    for s in a.area:
        k, _, v = s.partition("=")
        areas[k.strip()] = v.strip()
    geo = Geo(a.geo, areas)
    tables = [read_table(p) for p in a.tables]
    m, cells, quantities, targets = build(tables, geo, a.ties, a.den_base, not a.no_extra, a.percentages)
    comp_atoms, comp_rows, comp_targets = components(m, targets)

    model_errors: list[dict] = []
    resolved: list[dict] = []  # findings refuted by the second opinion and solved again exactly
    infeasible: list[dict] = []
    total_solves = 0
    for cid, tlist in comp_targets.items():
        comp = Component(m, comp_atoms[cid], comp_rows[cid], a.time_limit)
        ok, res, xr = comp.feasible()
        if not ok:
            infeasible.append({"component_cells": sorted({key_str(k) for t in tlist for k in t.cells})[:20],
                               "message": res.message})
            for t in tlist:
                t.lo, t.hi, t.exact_solve = None, None, False
            continue
        comp.witness(xr, tlist)
        fast = a.mode == "fast" or (a.mode == "auto" and len(tlist) > a.exact_limit)
        todo = tlist
        if fast:
            todo = comp.push(tlist, rounds=a.push_rounds, seed=len(tlist))
            for t in tlist:
                if t not in todo:  # witness interval only: an inner bound, already wide enough
                    t.lo, t.hi, t.exact_solve = comp.witness_lo[id(t)], comp.witness_hi[id(t)], False
                    t.inner = True
        for t in todo:
            lo, e1 = comp.bound(t, +1, tlist)
            need = t.promised if t.promised is not None else 1
            if fast and comp.witness_hi[id(t)] - lo >= need:
                # fast mode: the minimum plus a verified witness already span the promise
                t.lo, t.hi, t.exact_solve, t.inner = comp.witness_lo[id(t)], comp.witness_hi[id(t)], False, True
                continue
            hi, e2 = comp.bound(t, -1, tlist)
            t.lo, t.hi, t.exact_solve = lo, hi, e1 and e2
            if t.promised is None and lo != hi:
                continue
            if t.promised is not None and hi - lo >= t.promised:
                continue
            if not a.no_second_opinion:  # a finding: ask for a point outside the interval
                refuted = comp.beyond(t, lo, hi)
                if refuted:
                    # The interval was a solver error: solve both ends once more, exactly and with presolve,
                    # and keep them only when each is a verified optimum beyond the refuting points.
                    exact = comp.exact_interval(t)
                    seen = [e["value"] for e in refuted]
                    if exact is not None and exact[0] <= min(seen) and exact[1] >= max(seen):
                        t.lo, t.hi, t.exact_solve = exact[0], exact[1], True
                        resolved.append({"target": key_str(t.cells[0]), "was": [lo, hi], "exact": list(exact)})
                    else:
                        for e in refuted:
                            model_errors.append({"class": "solver_error_interval_refuted", **e})
        for e in comp.solver_errors:
            model_errors.append({"class": "solver_error_optimum_refuted", **e, "target": key_str(e["target"])})
        total_solves += comp.solves

    # ---- findings ------------------------------------------------------------------------
    findings = defaultdict(list)
    for t in targets:
        if t.lo is None:
            continue
        hi = math.inf if t.hi >= BIG / 2 else t.hi
        width = hi - t.lo
        if t.inner:
            continue  # fast mode: witnesses already span the promised width; not a finding
        rec = {"cells": [key_str(k) for k in t.cells], "min": t.lo,
               "max": None if hi == math.inf else hi, "width": None if hi == math.inf else width,
               "exact_solve": t.exact_solve}
        if t.kind in ("published_numerator", "published_denominator"):
            if t.lo == hi:
                findings["published_exact" if t.kind == "published_numerator"
                         else "published_denominator_exact"].append(rec)
        else:
            rec["promised_width"] = t.promised
            if t.lo == hi:
                findings[t.kind + "_exact"].append(rec)
            elif width < t.promised:
                findings[t.kind + "_narrowed"].append(rec)

    # ---- checker verification --------------------------------------------------------------
    checked = 0
    truth_atoms: dict[int, float] = {}
    if a.checker:
        chk = {}
        for p in a.checker:
            chk.update(load_checker(p))
        for t in targets:
            vals = []
            for k in t.cells:
                cr = chk.get(k)
                if cr is None:
                    continue
                unitname = cells[k].get("unit", "")
                q = quantities[k]
                if t.kind in ("published_numerator", "suppressed_lt10", "suppressed_dot", "suppressed_range"):
                    v = truth_of(unitname, "N", cr)
                elif t.kind == "suppressed_complement":
                    n_, d_ = truth_of(unitname, "N", cr), truth_of(unitname, "D", cr)
                    v = None if n_ is None or d_ is None else d_ - n_
                else:  # published_denominator, suppressed_lt10_base, suppressed_range_base
                    v = truth_of(unitname, "D", cr)
                if v is not None:
                    vals.append((k, v))
            for k, v in vals:
                checked += 1
                t.truth = v
                if t.lo is not None and not t.inner and not (t.lo <= v <= t.hi):
                    model_errors.append({"class": "truth_outside_interval", "cell": key_str(k),
                                         "kind": t.kind, "truth": v, "min": t.lo, "max": t.hi})
        # truth per atom, from cells whose quantity is a single atom; conflicts are model errors
        seen: dict[int, tuple] = {}
        for k, cr in chk.items():
            if k not in quantities:
                continue
            unitname = cells[k].get("unit", "")
            for qn, e in quantities[k].items():
                v = truth_of(unitname, qn, cr)
                if v is None:
                    continue
                if len(e) == 1:
                    (ai, c), = e.items()
                    if ai in truth_atoms and abs(truth_atoms[ai] - v) > 1e-9:
                        model_errors.append({"class": "shared_quantity_differs",
                                             "quantity": str(m.atom_keys[ai]),
                                             "cells": [key_str(seen[ai][0]), key_str(k)],
                                             "truths": [truth_atoms[ai], v]})
                    else:
                        truth_atoms[ai] = v
                        seen[ai] = (k, qn)
        # additive relations: a cell whose quantity is a sum of atoms with known truths
        for k, cr in chk.items():
            if k not in quantities:
                continue
            unitname = cells[k].get("unit", "")
            for qn, e in quantities[k].items():
                v = truth_of(unitname, qn, cr)
                if v is None or len(e) == 1 or not all(i in truth_atoms for i in e):
                    continue
                s = sum(truth_atoms[i] * c for i, c in e.items())
                if abs(s - v) > 1e-6:
                    model_errors.append({"class": "not_additive", "cell": key_str(k), "quantity": qn,
                                         "truth": v, "sum_of_parts": s})
        for coeffs, lo, hi, label in m.rows:
            if all(i in truth_atoms for i in coeffs):
                s = sum(truth_atoms[i] * c for i, c in coeffs.items())
                if s < lo - 1e-6 or s > hi + 1e-6:
                    model_errors.append({"class": "constraint_violated_by_truth", "constraint": label,
                                         "value": s, "lo": lo, "hi": hi})

    elapsed = time.time() - t0
    summary = {
        "tables": a.tables, "cells": len(cells), "targets": len(targets), "atoms": len(m.atom_keys),
        "constraints": len(m.rows), "components": len(comp_targets), "solves": total_solves,
        "seconds": round(elapsed, 2), "unknown_areas": sorted(geo.unknown),
        "counts": {k: len(v) for k, v in sorted(findings.items())},
        "infeasible_components": len(infeasible), "checked_truths": checked,
        "model_errors": len(model_errors), "resolved_solver_errors": resolved,
        "assumptions": {"ties": a.ties, "den_base": a.den_base, "extra_relations": not a.no_extra},
    }
    if a.json:
        with open(a.json, "w") as fh:
            json.dump({"summary": summary, "findings": findings, "infeasible": infeasible,
                       "model_errors": model_errors}, fh, indent=1, default=str)
    if not a.quiet:
        print(f"intruder: {summary['cells']} cells, {summary['targets']} targets, {summary['atoms']} "
              f"unknowns, {summary['constraints']} constraints, {summary['components']} components, "
              f"{total_solves} solves, {elapsed:.1f}s")
        if geo.unknown:
            print("  areas without a definition (own unknown, no relations):", ", ".join(sorted(geo.unknown)))
        for cls, lst in sorted(findings.items()):
            print(f"FINDING {cls}: {len(lst)}")
            for rec in lst[:a.max_examples]:
                tr = ""
                print(f"    {' = '.join(rec['cells'])}: [{rec['min']}, {rec['max']}]"
                      + ("" if rec["exact_solve"] else " (outer bound, solver limit)"))
        for r in resolved:
            print(f"resolved: {r['target']}: the fast interval {r['was']} was refuted by a verified point; "
                  f"solved again exactly: {r['exact']}")
        for inf in infeasible:
            print("MODEL ERROR infeasible: the published cells contradict the assumptions:",
                  ", ".join(inf["component_cells"][:6]), "...")
        if a.checker:
            print(f"checker: {checked} truths compared, {len(model_errors)} model errors")
        for e in model_errors[: max(a.max_examples * 4, 20)]:
            print("MODEL ERROR", json.dumps(e, default=str))
        if not findings and not model_errors and not infeasible:
            print("nothing found")
    if model_errors or infeasible:
        return 2
    if a.fail_on:
        classes = set(a.fail_on.split(","))
        return 1 if any(cls in classes and lst for cls, lst in findings.items()) else 0
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
