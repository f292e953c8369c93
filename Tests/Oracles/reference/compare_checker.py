#!/usr/bin/env python3
"""Compare the reference output with a checker file: per indicator, cells that agree and the disagreements.
Usage: compare_checker.py REF.csv CHECKER.csv [--indicators IND01,...]"""
import sys
from collections import defaultdict


def read(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\r\n") for l in f if not l.startswith("#")]
    hdr = lines[0].split(";")
    ix = {h: i for i, h in enumerate(hdr)}
    for l in lines[1:]:
        if not l:
            continue
        v = l.split(";")
        key = tuple(v[ix[k]] for k in ("indicator_id", "period", "geo_level", "geo_code", "breakdown"))
        den = v[ix["denominator"]]
        if den == "" and "units" in ix:
            den = v[ix["units"]]  # checker: magnitude cells (IND16 gemiddelde) carry their base in `units`
        out[key] = (float(v[ix["numerator"]] or "nan"), float(den or "nan"))
    return out


def main():
    ref, chk = read(sys.argv[1]), read(sys.argv[2])
    inds = sorted({k[0] for k in ref})
    agree = defaultdict(int)
    total = defaultdict(int)
    diffs = defaultdict(list)
    for k, (n, d) in sorted(ref.items()):
        total[k[0]] += 1
        if k not in chk:
            diffs[k[0]].append((k, "missing in checker", (n, d), None))
            continue
        cn, cd = chk[k]
        if cn == n and cd == d:
            agree[k[0]] += 1
        else:
            diffs[k[0]].append((k, "value", (n, d), (cn, cd)))
    for k in sorted(chk):
        if k[0] in inds and k not in ref:
            diffs[k[0]].append((k, "missing in reference", None, chk[k]))
    bad = 0
    for i in inds:
        print(f"{i}: {agree[i]}/{total[i]} agree")
        for k, kind, r, c in diffs[i]:
            bad += 1
            print(f"   {kind}: {';'.join(k)} ref={r} checker={c}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
