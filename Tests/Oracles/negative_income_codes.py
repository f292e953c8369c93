#!/usr/bin/env python3
"""Copies an input folder and writes the exclusion code -1 into INHBBIHJ of every seventh row of each INHA
table. Negative INH* values are exclusion codes, never numbers (cbs-tables.md P6); neither generator writes
them in INHBBIHJ. The differential test requires the same cells from the copy (IND07's base leaves them out).

Usage: negative_income_codes.py SRC DST
"""
import glob
import os
import shutil
import sys


def main(source, target):
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    for path in sorted(glob.glob(os.path.join(target, "cbs", "*"))):
        if not os.path.basename(path).upper().startswith("INHA"):
            continue
        with open(path, encoding="utf-8", newline="") as f:
            raw = f.read()
        newline = "\r\n" if "\r\n" in raw else "\n"
        lines = raw.split(newline)
        delimiter = ";" if ";" in lines[0] else ","
        header = [name.strip().lstrip("\ufeff").upper() for name in lines[0].split(delimiter)]
        column = header.index("INHBBIHJ")
        changed = 0
        for number in range(1, len(lines)):
            fields = lines[number].split(delimiter)
            if len(fields) == len(header) and number % 7 == 0:
                fields[column] = "-1"
                lines[number] = delimiter.join(fields)
                changed += 1
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(newline.join(lines))
        print(f"{path}: {changed} rows with INHBBIHJ = -1")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    main(sys.argv[1], sys.argv[2])
