#!/usr/bin/env python3
"""Copies an input folder and makes some data rows of the CBS tables invalid, as a broken export could:
a date that is not a real date, a code outside its list (cbs-tables.md), a row with a cell too many or too
few. Every such row must be rejected by wijkbeeld `validate`, `indicators` and `national` alike, and by the
reference. Deterministic for a seed.

Usage: corrupt_rows.py SOURCE TARGET --seed N [--rate 0.002]
"""
import os
import random
import shutil
import sys

# table name part -> [(column, invalid value)]: each breaks a rule of cbs-tables.md.
BREAKS = {
    "GBAPERSOON": [("GBAGESLACHT", "7"), ("GBAGEBOORTEMAAND", "13"), ("GBAGENERATIE", "x")],
    "GBAADRESOBJECT": [("GBADATUMAANVANGADRESHOUDING", "20231340"), ("GBADATUMEINDEADRESHOUDING", "2023-12-31")],
    "GBAHUISHOUDENS": [("TYPHH", "9"), ("DATUMAANVANGHH", "20230230")],
    "INHA": [("INHARMLAG", "veel"), ("INHP100HGESTES", "250")],
    "JGDHULP": [("JGDHGELDIGHEIDBEGINDATUM", "20231301")],
    "JGDBESCHERM": [("JGDBGELDIGHEIDBEGINDATUM", "00000000")],
    "KOPPELPERSOONHUISHOUDEN": [("RINPERSOONHKW", "12345")],
}


def main(argv):
    source, target = argv[1], argv[2]
    seed = int(argv[argv.index("--seed") + 1])
    rate = float(argv[argv.index("--rate") + 1]) if "--rate" in argv else 0.002
    rng = random.Random(seed)
    if os.path.exists(target):
        shutil.rmtree(target)
    shutil.copytree(source, target)
    counts = {}
    cbs = os.path.join(target, "cbs")
    for name in sorted(os.listdir(cbs)):
        breaks = next((b for part, b in BREAKS.items() if name.upper().startswith(part)), None)
        if breaks is None:
            continue
        path = os.path.join(cbs, name)
        with open(path, "rb") as fh:
            data = fh.read()
        bom = data.startswith(b"\xef\xbb\xbf")
        text = data[3:].decode("utf-8") if bom else data.decode("utf-8")
        newline = "\r\n" if "\r\n" in text.split("\n", 1)[0] + "\n" else "\n"
        lines = text.split(newline)
        header = [h.strip().upper() for h in lines[0].split(";")]
        for index in range(1, len(lines)):
            line = lines[index]
            if not line or '"' in line or rng.random() >= rate:
                continue
            cells = line.split(";")
            if len(cells) != len(header):
                continue
            kind = rng.randrange(len(breaks) + 1)
            if kind == len(breaks):
                cells = cells + ["extra"] if rng.random() < 0.5 else cells[:-1]
                what = "field-count"
            else:
                column, value = breaks[kind]
                if column.upper() not in header:
                    continue
                cells[header.index(column.upper())] = value
                what = column
            lines[index] = ";".join(cells)
            counts[(name, what)] = counts.get((name, what), 0) + 1
        out = newline.join(lines)
        with open(path, "wb") as fh:
            fh.write((b"\xef\xbb\xbf" if bom else b"") + out.encode("utf-8"))
    for (name, what), count in sorted(counts.items()):
        print(f"{name};{what};{count}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
