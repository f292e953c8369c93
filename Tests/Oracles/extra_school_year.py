#!/usr/bin/env python3
"""Copies an input folder and gives every school an extra, older school year: each pupil of the oldest school
year in school_leerlingen.csv enrolled again two years earlier (a new leerling_key), with no timetable,
absence, test or advice rows for that year. A legal export (schools keep history; the timetable export may
cover fewer years) that neither generator writes; the differential test requires the same cells from it.

Usage: extra_school_year.py SRC DST
"""
import glob
import os
import shutil
import sys


def main(source, target):
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    for path in sorted(glob.glob(os.path.join(target, "school", "*", "school_leerlingen.csv"))):
        with open(path, encoding="utf-8-sig", newline="") as f:
            raw = f.read()
        newline = "\r\n" if "\r\n" in raw else "\n"
        lines = [line for line in raw.split(newline) if line]
        header = lines[0].split(";")
        year = header.index("schooljaar")
        years = sorted({line.split(";")[year] for line in lines[1:] if len(line.split(";")) == len(header)})
        oldest = years[0]
        start = int(oldest[:4]) - 2
        earlier = "%d-%d" % (start, start + 1)
        extra = []
        for line in lines[1:]:
            fields = line.split(";")
            if len(fields) == len(header) and fields[year] == oldest:
                fields[year] = earlier
                fields[0] += "X"
                extra.append(";".join(fields))
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(newline.join(lines + extra) + newline)
        print(f"{path}: {len(extra)} pupils in {earlier}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    main(sys.argv[1], sys.argv[2])
