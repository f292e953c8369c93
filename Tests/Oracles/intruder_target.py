#!/usr/bin/env python3
"""Re-solves one target of the outside intruder exactly: the integer minimum and maximum of one suppressed
cell's protected quantity over its whole component, with no time limit, each checked against a verified
integer point. For a finding that the intruder's own second opinion refutes (a HiGHS answer in fast mode that
a feasible point contradicts): this gives the true interval.

Usage:
  .venv-oracle/bin/python Tests/Oracles/intruder_target.py TABLE.csv 'IND17;2023;buurt;BU0855YM02;aandeel_meer_dan_15'
      [--geo geo_lookup.csv]
Prints the component size and the two verified extremes; exit 0 when both are proven optimal.
"""
from __future__ import annotations

import argparse
import os
import sys

import numpy as np
from scipy.optimize import milp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import intruder as I  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("table")
    ap.add_argument("cell", help="indicator;period;geo_level;geo_code;breakdown")
    ap.add_argument("--geo", default=I.DEFAULT_GEO)
    a = ap.parse_args()
    want = tuple(a.cell.split(";"))
    geo = I.Geo(a.geo, dict(I.DEFAULT_AREAS))
    m, _, _, targets = I.build([I.read_table(a.table)], geo, "up", 10, True, "rounded")
    atoms, rows, by_component = I.components(m, targets)
    proven = False
    for cid, found in by_component.items():
        for t in found:
            if want not in t.cells or not t.kind.startswith("suppressed"):
                continue
            comp = I.Component(m, atoms[cid], rows[cid], 3600.0)
            print(f"{a.cell} ({t.kind}): component of {len(atoms[cid])} unknowns, {len(rows[cid])} constraints")
            values = []
            for sign, name in ((+1, "minimum"), (-1, "maximum")):
                res = milp(comp.c_vec(t.expr, sign), constraints=comp.cons(), bounds=comp.bounds,
                           integrality=np.ones(comp.n), options={"mip_rel_gap": 0})
                xr = comp.verified(res.x) if res.x is not None else None
                value = comp.value(t, xr) if xr is not None else None
                print(f"  {name}: {value} (HiGHS status {res.status}, verified point: {xr is not None})")
                values.append((res.status == 0 and xr is not None, value))
            proven = all(ok for ok, _ in values)
    if not proven:
        print("not proven (cell not found, or a solve without a verified optimum)")
    return 0 if proven else 1


if __name__ == "__main__":
    sys.exit(main())
