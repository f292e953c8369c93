#!/usr/bin/env python3
"""Seeded, bounded fuzz test of wijkbeeld's reader and of `wijkbeeld report` on malformed inputs.

Written from the README's promises only (exit codes, "nothing lost", "never a half-written output"); it
shares no code with the Swift pipeline. Each case copies a small, valid input set, damages one CSV file
with one mutation drawn from a seeded generator, and runs:

- `wijkbeeld validate CASE --json`: the exit code must be 0 or 65 (no crash, no signal, no internal error
  2), and every file's rows must balance: rows read = rows accepted + rows rejected;
- `wijkbeeld report --input CASE --out OUT`, where OUT holds an earlier good report set: the exit code must
  be one the README documents for a data problem (0, 65, 66), never a signal or 2; when it is not 0, OUT must
  be byte for byte what it was (nothing published, nothing deleted); when it is 0, the published
  validation.json must balance too and must say every file was valid.

Usage: fuzz_inputs.py --binary PATH --base INPUT --cases N [--seed S] [--work DIR]
Prints one line per failing case (mutation, file, what broke) and `fuzz: N cases, M failed`; exit 1 on any.
"""
import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

ALLOWED_VALIDATE = {0, 65}
ALLOWED_REPORT = {0, 65, 66}


def tree_digest(folder):
    """Every file and link under folder with its content hash: what a reader of the output sees."""
    entries = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            rel = os.path.relpath(path, folder)
            if os.path.islink(path):
                entries.append((rel, "link:" + os.readlink(path)))
            else:
                with open(path, "rb") as f:
                    entries.append((rel, hashlib.sha256(f.read()).hexdigest()))
    return entries


def mutations():
    def flip(data, rng):
        if not data:
            return b"\xff"
        i = rng.randrange(len(data))
        return data[:i] + bytes([rng.randrange(256)]) + data[i + 1:]

    def stray_quote(data, rng):
        i = rng.randrange(len(data) + 1)
        return data[:i] + b'"' + data[i:]

    def truncate(data, rng):
        return data[: rng.randrange(len(data) + 1)]

    def lines_of(data):
        return data.split(b"\n")

    def duplicate_line(data, rng):
        lines = lines_of(data)
        i = rng.randrange(len(lines))
        return b"\n".join(lines[: i + 1] + [lines[i]] + lines[i + 1:])

    def delete_line(data, rng):
        lines = lines_of(data)
        i = rng.randrange(len(lines))
        return b"\n".join(lines[:i] + lines[i + 1:])

    def extra_field(data, rng):
        lines = lines_of(data)
        i = rng.randrange(1, max(2, len(lines)))
        if i < len(lines):
            lines[i] = lines[i] + b";extra"
        return b"\n".join(lines)

    def missing_field(data, rng):
        lines = lines_of(data)
        i = rng.randrange(1, max(2, len(lines)))
        if i < len(lines) and b";" in lines[i]:
            lines[i] = lines[i].rsplit(b";", 1)[0]
        return b"\n".join(lines)

    def nul_bytes(data, rng):
        i = rng.randrange(len(data) + 1)
        return data[:i] + b"\x00" * rng.randrange(1, 5) + data[i:]

    def bad_utf8(data, rng):
        i = rng.randrange(len(data) + 1)
        return data[:i] + b"\xc3\x28\xff\xfe" + data[i:]

    def other_delimiter(data, rng):
        lines = lines_of(data)
        i = rng.randrange(len(lines))
        lines[i] = lines[i].replace(b";", b",")
        return b"\n".join(lines)

    def long_field(data, rng):
        lines = lines_of(data)
        i = rng.randrange(1, max(2, len(lines)))
        if i < len(lines):
            lines[i] = lines[i] + b"x" * 200_000
        return b"\n".join(lines)

    def empty(data, rng):
        return b""

    def header_only(data, rng):
        return lines_of(data)[0] + b"\n"

    def no_header(data, rng):
        return b"\n".join(lines_of(data)[1:])

    def swap_header(data, rng):
        lines = lines_of(data)
        names = lines[0].split(b";")
        if len(names) > 1:
            a, b = rng.sample(range(len(names)), 2)
            names[a], names[b] = names[b], names[a]
        return b"\n".join([b";".join(names)] + lines[1:])

    def carriage_returns(data, rng):
        return data.replace(b"\n", b"\r")

    def inner_bom(data, rng):
        i = rng.randrange(len(data) + 1)
        return data[:i] + b"\xef\xbb\xbf" + data[i:]

    def garbage(data, rng):
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4096)))

    def quoted_newline_open(data, rng):
        lines = lines_of(data)
        i = rng.randrange(1, max(2, len(lines)))
        if i < len(lines):
            lines[i] = b'"' + lines[i]
        return b"\n".join(lines)

    return [flip, stray_quote, truncate, duplicate_line, delete_line, extra_field, missing_field, nul_bytes,
            bad_utf8, other_delimiter, long_field, empty, header_only, no_header, swap_header, carriage_returns,
            inner_bom, garbage, quoted_newline_open]


def balanced(validation):
    """Files whose rows do not add up (read != accepted + rejected)."""
    broken = []
    for task in validation.get("tasks", []):
        stats = task.get("stats", {})
        rows = stats.get("rows")
        accepted, rejected = task.get("rowsAccepted"), task.get("rowsRejected")
        if rows is None or accepted is None or rejected is None or rows != accepted + rejected:
            broken.append(f"{task.get('place')}: read {rows}, accepted {accepted}, rejected {rejected}")
    return broken


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--base", required=True, help="a valid input folder to damage")
    parser.add_argument("--cases", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work")
    args = parser.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="wijkbeeld-fuzz-")
    os.makedirs(work, exist_ok=True)
    binary = os.path.abspath(args.binary)
    base = os.path.abspath(args.base)

    # An earlier good report set that a failed run must leave alone.
    good = os.path.join(work, "good")
    shutil.rmtree(good, ignore_errors=True)
    first = subprocess.run([binary, "report", "--input", base, "--out", good], capture_output=True, text=True)
    if first.returncode != 0:
        print(f"the base input does not give a report (exit {first.returncode}):\n{first.stderr[-2000:]}")
        return 2
    csvs = sorted(
        os.path.relpath(os.path.join(root, name), base)
        for root, dirs, files in os.walk(base)
        for name in files
        if name.lower().endswith(".csv") and "truth" not in root.split(os.sep)
    )
    rng = random.Random(args.seed)
    kinds = mutations()
    failures = 0
    for number in range(args.cases):
        mutate = kinds[number % len(kinds)] if number < len(kinds) else rng.choice(kinds)
        place = rng.choice(csvs)
        case = os.path.join(work, "case")
        shutil.rmtree(case, ignore_errors=True)
        shutil.copytree(base, case)
        path = os.path.join(case, place)
        with open(path, "rb") as f:
            data = f.read()
        with open(path, "wb") as f:
            f.write(mutate(data, rng))
        problems = []

        validate = subprocess.run([binary, "validate", case, "--json"], capture_output=True, text=True)
        if validate.returncode not in ALLOWED_VALIDATE:
            problems.append(f"validate exit {validate.returncode}: {validate.stderr[-300:].strip()}")
        else:
            try:
                problems += ["validate: " + b for b in balanced(json.loads(validate.stdout))]
            except json.JSONDecodeError:
                problems.append("validate --json printed no JSON")

        out = os.path.join(work, "out")
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(good, out, symlinks=True)
        before = tree_digest(out)
        report = subprocess.run([binary, "report", "--input", case, "--out", out], capture_output=True, text=True)
        if report.returncode not in ALLOWED_REPORT:
            problems.append(f"report exit {report.returncode}: {report.stderr[-300:].strip()}")
        if report.returncode != 0:
            if tree_digest(out) != before:
                problems.append(f"report exit {report.returncode} but the output folder changed")
            leftovers = [name for name in os.listdir(work) if name not in ("good", "case", "out")]
            if leftovers:
                problems.append(f"report left {leftovers} beside the output")
        else:
            with open(os.path.join(out, "validation.json"), encoding="utf-8") as f:
                published = json.load(f)
            problems += ["report: " + b for b in balanced(published)]
            if not published.get("valid", False):
                problems.append("report exit 0 published a set whose validation failed")
        if problems:
            failures += 1
            print(f"FAIL case {number} ({mutate.__name__} on {place}): " + "; ".join(problems))
    print(f"fuzz: {args.cases} cases, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
