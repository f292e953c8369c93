#!/usr/bin/env python3
"""Independent DuckDB reference for the CBS child and family indicators IND01-IND16.

Written from the documentation only (../shared/domain/cbs-tables.md, indicators.md, geography.md and
README.md "Indicators and disclosure control"); every reading chosen here is listed in READINGS.md.

Usage:
    .venv-oracle/bin/python Tests/Oracles/reference/cbs_indicators.py INPUT_FOLDER PERIOD OUT.csv [--areas AREAS.json]

INPUT_FOLDER is laid out like data-samples/ (cbs/, geo/, ...). PERIOD is a year (2023) or a month (2023-06).
OUT.csv gets `indicator_id;period;geo_level;geo_code;breakdown;numerator;denominator`, unrounded, sorted.
Diagnostics (files chosen, rows rejected per rule) go to standard error.

Python does only what SQL is bad at: recognising files by name, decoding, sniffing the delimiter, strict CSV
parsing (quotes, BOM, CRLF), case-insensitive headers, field-count check, trimming and missing tokens.
Everything else (validation of values, spells, linking, indicators, areas) is DuckDB SQL in
cbs_indicators.sql.

It runs at national scale (18 M persons, ~9 GB of CSV): every file is read and normalised row by row into a
temporary CSV (nothing is held in Python lists), and DuckDB keeps its tables in a database file in the same
temporary folder, with memory_limit 12GB, 2 threads and spilling there (environment CBSREF_MEMORY_LIMIT,
CBSREF_THREADS; the folder is under TMPDIR, default /tmp).
"""
import calendar
import csv
import datetime as dt
import io
import itertools
import json
import os
import re
import sys
import tempfile

import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))
SQL_FILE = os.path.join(HERE, "cbs_indicators.sql")

# cbs-tables.md section 1 P6: missing tokens of CBS tables (KWB's '.' and 'x' are open-data only, READINGS R03)
MISSING = {"", "-", "--", "----"}

# cbs-tables.md section 2 (HOOGSTEOPL and NIETVSLGWB patterns are ours, READINGS R05)
PATTERNS = {
    "persoon": r"GBAPERSOON(\d{4})TABV(\d+)",
    "kindouder": r"KINDOUDER(\d{4})TABV(\d+)",
    "huishouden": r"GBAHUISHOUDENS(\d{4})BUSV(\d+)",
    "adres": r"GBAADRESOBJECT(\d{4})BUSV(\d+)",
    "vslgwb": r"VSLGWB(\d{4})TAB(\d{2})V(\d+)",
    "nietvslgwb": r"NIETVSLGWB(\d{4})TAB(\d{2})V(\d+)",
    "koppel": r"KOPPELPERSOONHUISHOUDEN(\d{4})",
    "inha": r"INHA(\d{4})TABV(\d+)",
    "bijstand": r"BIJSTANDUITKERINGTAB(\d{4})V(\d+)",
    "jgdhulp": r"JGDHULP(\d{4})BUSV(\d+)",
    "jgdbescherm": r"JGDBESCHERM(\d{4})BUSV(\d+)",
    "verd": r"VERD(\d{4})TABV(\d+)",
    "hoogsteopl": r"HOOGSTEOPL(\d{4})TABV(\d+)",
}

# optional columns that read as empty when a file lacks them (the SQL refers to them)
ALWAYS_PRESENT = {"GBAGESLACHT", "GBAGENERATIE", "GBAGEBOORTELANDNL", "GBAAANTALOUDERSBUITENLAND",
                  "GBAGESLACHTMOEDER", "GBAGESLACHTVADER"}

# required and optional columns per table (upper case after P2 folding)
COLUMNS = {
    "persoon": (["RINPERSOONS", "RINPERSOON", "GBAGEBOORTEJAAR", "GBAGEBOORTEMAAND", "GBAGEBOORTEDAG"],
                # coded columns with a code list in cbs-tables.md §3: a value outside it makes the row invalid (R07)
                ["GBAGESLACHT", "GBAGENERATIE", "GBAGEBOORTELANDNL", "GBAAANTALOUDERSBUITENLAND",
                 "GBAGESLACHTMOEDER", "GBAGESLACHTVADER"]),
    "kindouder": (["RINPERSOONS", "RINPERSOON", "RINPERSOONSPA", "RINPERSOONPA", "RINPERSOONSMA",
                   "RINPERSOONMA"], []),
    "huishouden": (["RINPERSOONS", "RINPERSOON", "DATUMAANVANGHH", "DATUMEINDEHH", "HUISHOUDNR", "TYPHH"], []),
    "adres": (["RINPERSOONS", "RINPERSOON", "GBADATUMAANVANGADRESHOUDING", "GBADATUMEINDEADRESHOUDING",
               "SOORTOBJECTNUMMER", "RINOBJECTNUMMER"], []),
    "koppel": (["RINPERSOONS", "RINPERSOON", "RINPERSOONSHKW", "RINPERSOONHKW"], []),
    "inha": (["RINPERSOONSHKW", "RINPERSOONHKW", "INHAHL", "INHBBIHJ", "INHP100HGESTES", "INHARMLAG",
              "INHARMLAGL", "INHARMSOC"], []),
    "bijstand": (["RINPERSOONS", "RINPERSOON", "BIJSTANDSTATISTIEKCODEA", "BIJSTANDAANVANGUITKERINGPERSOON1A",
                  "BIJSTANDEINDEUITKERINGPERSOON1A"], []),
    "jgdhulp": (["RINPERSOONS", "RINPERSOON", "JGDHHULPVORM", "JGDHGELDIGHEIDBEGINDATUM",
                 "JGDHGELDIGHEIDEINDDATUM"], []),
    "jgdbescherm": (["RINPERSOONS", "RINPERSOON", "JGDBMAATREGEL", "JGDBGELDIGHEIDBEGINDATUM",
                     "JGDBGELDIGHEIDEINDDATUM"], []),
    "verd": (["RINPERSOONS", "RINPERSOON"], ["VERDJAAR"]),
    "hoogsteopl": (["RINPERSOONS", "RINPERSOON", "OPLNIVSOI2016AGG4HB"], []),
    # vslgwb / nietvslgwb: columns depend on the vintage, filled in at run time
}

DEFAULT_AREAS = {
    # geography.md "Areas in reports and their comparisons"; brief / README key names
    "doelgebied": {"buurten": ["0855ZZ01"]},
    "wijk": {"buurten": ["0855ZZ01", "0855ZZ02"]},
    "controle": {"buurten": ["0855ZZ03"]},
    "rest_tilburg": {"gemeente": "0855", "minus_buurten": ["0855ZZ01", "0855ZZ02"]},
    "tilburg": {"gemeente": "0855"},
}


class InputError(Exception):
    pass


def log(msg):
    print(msg, file=sys.stderr)


# ---------------------------------------------------------------- files

def find_files(cbs_dir):
    """{table: [(sortkey tuple, path, year)]} by file-name pattern (case-insensitive, optional _SYNTH)."""
    found = {k: [] for k in PATTERNS}
    if not os.path.isdir(cbs_dir):
        raise InputError(f"no cbs folder: {cbs_dir}")
    for name in sorted(os.listdir(cbs_dir)):
        stem, ext = os.path.splitext(name)
        if ext.lower() != ".csv":
            continue
        up = stem.upper()
        for table, pat in PATTERNS.items():
            m = re.fullmatch(pat + r"(?:_SYNTH)?", up)
            if m:
                nums = tuple(int(g) for g in m.groups())
                found[table].append((nums, os.path.join(cbs_dir, name)))
                break
    return found


def highest_version_per_year(entries):
    """cbs-tables.md section 2: per table and year take the highest version V<n>. -> {year: path}"""
    best = {}
    for nums, path in entries:
        year = nums[0]
        key = nums  # (year, [month,] version)
        if year not in best or key > best[year][0]:
            best[year] = (key, path)
    return {y: p for y, (k, p) in best.items()}


# ---------------------------------------------------------------- CSV reading

def decode(raw, path):
    # P4: UTF-8 with or without BOM, else Windows-1252
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        log(f"warning: {os.path.basename(path)} is not UTF-8, decoded as Windows-1252")
        text = raw.decode("cp1252", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def sniff_delimiter(text, path):
    # P3: count ';' and ',' outside quotes in the header line
    semi = comma = 0
    inq = False
    for ch in text:
        if ch == '"':
            inq = not inq
        elif not inq and ch in "\r\n":
            break
        elif not inq and ch == ";":
            semi += 1
        elif not inq and ch == ",":
            comma += 1
    if semi == 0 and comma == 0:
        raise InputError(f"{path}: format-error (no delimiter in header)")
    return ";" if semi >= comma else ","


def norm_header(h):
    return h.strip().strip("\ufeff").strip().upper()


class _NotUtf8(Exception):
    """The file turned out not to be UTF-8 somewhere after the first block: decode it again as Windows-1252."""


def _utf8_rest_ok(f):
    """Decodes the rest of the text stream; False when it is not UTF-8 (error paths only)."""
    try:
        while f.read(1 << 20):
            pass
    except UnicodeDecodeError:
        return False
    return True


class ListSink:
    """Collects the normalised rows in memory (small files only, e.g. geo_lookup.csv)."""

    def start(self, cols):
        self.rows = []
        self.add = self.rows.append

    def close(self):
        pass


class CsvSink:
    """Writes the normalised rows to a temporary CSV as they are read (header `_LINE` + columns)."""

    def __init__(self, path, header=None, transform_for=None):
        """header(cols) -> written columns; transform_for(cols) -> a row mapping or None (once cols are known)."""
        self.path, self.header, self.transform_for = path, header, transform_for
        self.f = None

    def start(self, cols):
        if self.f:
            self.f.close()  # a restart (file not UTF-8 after all): write again from the top
        self.f = open(self.path, "w", newline="", encoding="utf-8")
        w = csv.writer(self.f, delimiter=",", quotechar='"', quoting=csv.QUOTE_ALL, lineterminator="\n")
        w.writerow(["_LINE"] + list(self.header(cols) if self.header else cols))
        transform = self.transform_for(cols) if self.transform_for else None
        if transform:
            writerow = w.writerow
            self.add = lambda r: writerow(transform(r))
        else:
            self.add = w.writerow

    def close(self):
        if self.f:
            self.f.close()
            self.f = None


def read_table(path, required, optional, stats, sink):
    """Parse one file strictly, streaming; hand each row ([line] + trimmed values, missing tokens -> '') to
    sink.add after sink.start(cols); return cols.

    Same semantics as reading the whole file, decoding it (P4: UTF-8 with or without BOM, else Windows-1252
    for the whole file), then csv.reader over it: the file is decoded as UTF-8 while it is read, and when a
    byte that is not UTF-8 turns up anywhere (also after an error that would reject the file) it is read
    again from the top as Windows-1252. Messages come in the same order as before."""
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        f.seek(max(0, size - 3))
        tail = f.read()
    try:
        return _read_table(path, required, optional, stats, sink, "utf-8", size, tail)
    except _NotUtf8:
        log(f"warning: {os.path.basename(path)} is not UTF-8, decoded as Windows-1252")
        return _read_table(path, required, optional, stats, sink, "cp1252", size, tail)
    finally:
        sink.close()


def _read_table(path, required, optional, stats, sink, encoding, size, tail):
    utf8 = encoding == "utf-8"
    # the old `text and not text.endswith("\n")`; "\n" is byte 0x0A in both encodings and never part of a
    # UTF-8 sequence; the text is empty when the file is (or, as UTF-8, holds only a BOM)
    text_empty = size == 0 or (utf8 and size == 3 and tail == b"\xef\xbb\xbf")
    no_final_lf = not text_empty and not tail.endswith(b"\n")
    warned = False

    def warn_lf():
        nonlocal warned
        if no_final_lf and not warned:
            log(f"warning: {os.path.basename(path)} has no final line feed")
            warned = True

    raw = open(path, "rb")
    f = io.TextIOWrapper(raw, encoding=encoding, errors="strict" if utf8 else "replace", newline="")
    try:
        try:
            return _parse(path, required, optional, stats, sink, f, utf8, warn_lf)
        except UnicodeDecodeError:
            raise _NotUtf8()
        except InputError:
            # the old reader decided the encoding on the whole file before any check
            if utf8 and not _utf8_rest_ok(f):
                raise _NotUtf8()
            warn_lf()
            raise
    finally:
        f.close()


def _parse(path, required, optional, stats, sink, f, utf8, warn_lf):
    # newline="": lines split at \n, \r\n and \r and kept as they are, as io.StringIO(text, newline="") did
    it = iter(f)
    first = next(it, "")
    if utf8 and first.startswith("\ufeff"):
        first = first[1:]  # P4: BOM stripped (the whole text's first character)
    # P3 delimiter sniff: sniff_delimiter stops at the first line end outside quotes, i.e. at the end of the
    # first line after which the number of quotes so far is even (a line has \r or \n only at its end)
    head_lines = [first] if first else []
    quotes = first.count('"')
    if first and not (quotes % 2 == 0 and first[-1] in "\r\n"):
        for line in it:
            head_lines.append(line)
            quotes += line.count('"')
            if quotes % 2 == 0 and line[-1] in "\r\n":
                break
    delim = sniff_delimiter("".join(head_lines), path)
    reader = csv.reader(itertools.chain(head_lines, it), delimiter=delim, quotechar='"', strict=True)

    def format_error(e):
        # P5: unterminated quote at end of file = truncated file; the file fails as a whole
        return InputError(f"{path}: format-error ({e}); file rejected, nothing computed")

    def header_error(msg):
        # the old reader parsed the whole file before looking at the header: a CSV error anywhere wins
        try:
            for _ in reader:
                pass
        except csv.Error as e:
            return format_error(e)
        return InputError(msg)

    try:
        header_rec = next(reader, None)
    except csv.Error as e:
        raise format_error(e)
    if header_rec is None:
        raise header_error(f"{path}: empty file")
    header = [norm_header(h) for h in header_rec]
    seen = set()
    for h in header:
        if h in seen and h:
            raise header_error(f"{path}: duplicate-label {h}")
        seen.add(h)
    idx = {h: i for i, h in enumerate(header)}
    missing_cols = [c for c in required if c not in idx]
    if missing_cols:
        raise header_error(f"{path}: missing column(s) {missing_cols}")
    cols = required + [c for c in optional if c in idx or c in ALWAYS_PRESENT]
    nh = len(header)
    # an absent optional column is empty: index nh of the record after appending "" (only when there is one)
    absent = any(c not in idx for c in cols)
    idxs = [idx.get(c, nh) for c in cols]
    sink.start(cols)
    add = sink.add
    n = bad_count = 0
    strip_chars = " \t\r\n"
    missing = MISSING
    try:
        for lineno, rec in enumerate(reader, start=2):
            if len(rec) != nh:
                if rec == [] or (len(rec) == 1 and rec[0].strip() == "" and nh > 1):
                    continue  # blank line
                bad_count += 1
                continue
            # (a record with nh >= 2 fields is never a blank line: the sniffed header has a delimiter)
            if absent:
                rec.append("")
            vals = [rec[i].strip(strip_chars) for i in idxs]  # P7 trim
            add([str(lineno)] + ["" if v in missing else v for v in vals])  # P6
            n += 1
    except csv.Error as e:
        raise format_error(e)
    warn_lf()
    stats.append(f"{os.path.basename(path)}: {n} rows, {bad_count} rejected (field count)")
    return cols


# ---------------------------------------------------------------- main

def parse_period(s):
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", s)
    if not m:
        raise InputError(f"bad period {s!r} (YYYY or YYYY-MM)")
    year = int(m.group(1))
    if m.group(2):
        month = int(m.group(2))
        if not 1 <= month <= 12:
            raise InputError(f"bad month in {s!r}")
        p = dt.date(year, month, calendar.monthrange(year, month)[1])
    else:
        p = dt.date(year, 12, 31)
    return year, p


def load_geo_universe(input_dir):
    """geo_lookup.csv codes per level (only to list zero cells; never to filter children)."""
    path = os.path.join(input_dir, "geo", "geo_lookup.csv")
    uni = []
    if not os.path.exists(path):
        return uni
    stats = []
    sink = ListSink()
    read_table(path, ["GWB_CODE_10", "LEVEL"], [], stats, sink)
    for r in sink.rows:
        code, level = r[1], r[2].lower()
        if level in ("buurt", "wijk", "gemeente") and code:
            uni.append((level, code))
    return uni


def compute(input_dir, period, out_path, areas=None):
    year, p = parse_period(period)
    areas = areas or DEFAULT_AREAS
    cbs_dir = os.path.join(input_dir, "cbs")
    found = find_files(cbs_dir)
    stats = []
    with tempfile.TemporaryDirectory(prefix="cbsref_") as tmp:
        # bounded memory at national scale: the raw tables live in a database file next to the normalised
        # CSVs and DuckDB spills to the same folder (CBSREF_MEMORY_LIMIT / CBSREF_THREADS override)
        con = duckdb.connect(os.path.join(tmp, "reference.duckdb"))
        con.execute(f"SET memory_limit = '{os.environ.get('CBSREF_MEMORY_LIMIT', '12GB')}'")
        con.execute(f"SET threads = {int(os.environ.get('CBSREF_THREADS', '2'))}")
        con.execute(f"SET temp_directory = '{os.path.join(tmp, 'spill')}'")
        def load(table, path, cols_req, cols_opt, name=None, extra_cols=(), extra_vals=None):
            np = os.path.join(tmp, (name or table) + ".csv")
            extra = list(extra_vals) if extra_vals else []
            sink = CsvSink(np, header=lambda cols: list(cols) + list(extra_cols),
                           transform_for=lambda cols: (lambda r: r + extra) if extra else None)
            cols = read_table(path, cols_req, cols_opt, stats, sink)
            return cols, np

        def create(name, path, cols):
            sel = ", ".join(f'NULLIF("{c}", \'\') AS {c.lower()}' for c in cols)
            con.execute(f"CREATE TABLE {name} AS SELECT CAST(\"_LINE\" AS INTEGER) AS _line, {sel} "
                        f"FROM read_csv('{path}', header=true, all_varchar=true, delim=',', quote='\"', "
                        f"escape='\"', auto_detect=false, columns={{{', '.join(repr(c) + ': ' + repr('VARCHAR') for c in ['_LINE'] + cols)}}})")

        def create_empty(name, cols):
            con.execute(f"CREATE TABLE {name} (_line INTEGER, " + ", ".join(f"{c.lower()} VARCHAR" for c in cols) + ")")

        # tables taken from the newest year (cumulative histories; READINGS R06)
        for table in ["persoon", "kindouder", "huishouden", "adres", "bijstand", "jgdhulp", "jgdbescherm"]:
            per_year = highest_version_per_year(found[table])
            req, opt = COLUMNS[table]
            if not per_year:
                if table in ("persoon", "adres"):
                    raise InputError(f"required table {table} missing")
                log(f"note: no {table} file; treated as empty")
                create_empty(f"raw_{table}", req)
                continue
            y = max(per_year)
            log(f"{table}: {os.path.basename(per_year[y])}")
            cols, np = load(table, per_year[y], req, opt)
            create(f"raw_{table}", np, cols)

        # yearly income tables for income year t
        for table in ["koppel", "inha"]:
            req, opt = COLUMNS[table]
            if table == "koppel":
                per_year = {}
                for nums, path in found[table]:
                    per_year.setdefault(nums[0], path)
            else:
                per_year = highest_version_per_year(found[table])
            if year in per_year:
                log(f"{table}: {os.path.basename(per_year[year])}")
                cols, np = load(table, per_year[year], req, opt)
                create(f"raw_{table}", np, cols)
            else:
                log(f"note: no {table} file for {year}; income indicators have no base")
                create_empty(f"raw_{table}", req)

        # VERDTAB: every year's file (highest version), year from VERDJAAR if present else from the file name
        per_year = highest_version_per_year(found["verd"])
        req, opt = COLUMNS["verd"]
        paths = []
        for y in sorted(per_year):
            np = os.path.join(tmp, f"verd{y}.csv")
            ys = [str(y)]
            # the year from the file name when there is no VERDJAAR column (known once the header is read)
            sink = CsvSink(np, header=lambda cols: req + ["VERDJAAR"],
                           transform_for=lambda cols, ys=ys: None if "VERDJAAR" in cols else (lambda r: r + ys))
            read_table(per_year[y], req, opt, stats, sink)
            paths.append(np)
            log(f"verd: {os.path.basename(per_year[y])}")
        if paths:
            con.execute("CREATE TABLE raw_verd AS " + " UNION ALL ".join(
                f"SELECT CAST(\"_LINE\" AS INTEGER) AS _line, NULLIF(RINPERSOONS, '') AS rinpersoons, "
                f"NULLIF(RINPERSOON, '') AS rinpersoon, NULLIF(VERDJAAR, '') AS verdjaar FROM read_csv('{pp}', header=true, all_varchar=true, delim=',', quote='\"', "
                f"escape='\"', auto_detect=false, columns={{'_LINE':'VARCHAR','RINPERSOONS':'VARCHAR','RINPERSOON':'VARCHAR','VERDJAAR':'VARCHAR'}})"
                for pp in paths))
        else:
            create_empty("raw_verd", req + ["VERDJAAR"])

        # HOOGSTEOPLTAB: year t, else newest year before t, else newest (READINGS R05)
        per_year = highest_version_per_year(found["hoogsteopl"])
        req, opt = COLUMNS["hoogsteopl"]
        if per_year:
            cands = [y for y in per_year if y <= year]
            y = max(cands) if cands else max(per_year)
            log(f"hoogsteopl: {os.path.basename(per_year[y])}")
            cols, np = load("hoogsteopl", per_year[y], req, opt)
            create("raw_hoogsteopl", np, cols)
        else:
            create_empty("raw_hoogsteopl", req)

        # VSLGWBTAB (+ NIETVSLGWBTAB): fixed vintage V = the period's year (README Operations), columns
        # gem<V>/wc<V>/bc<V>; newest file that has bc<V>.
        vintage = None
        for table in ["vslgwb", "nietvslgwb"]:
            entries = sorted(found[table], reverse=True)
            chosen = None
            for nums, path in entries:
                with open(path, "rb") as f:
                    head = decode(f.read(65536), path)
                delim = sniff_delimiter(head, path)
                first = next(csv.reader([head.splitlines()[0]], delimiter=delim))
                hdr = {norm_header(h) for h in first}
                years = sorted(int(h[2:]) for h in hdr if re.fullmatch(r"BC\d{4}", h))
                if not years:
                    continue
                v = vintage or (year if year in years else max(years))
                if f"BC{v}" in hdr:
                    chosen = (path, v)
                    break
            if chosen is None:
                if table == "vslgwb":
                    raise InputError("no VSLGWBTAB file with a bc<V> column")
                create_empty(f"raw_{table}", ["SOORTOBJECTNUMMER", "RINOBJECTNUMMER", "GEM", "WC", "BC"])
                continue
            path, vintage = chosen
            log(f"{table}: {os.path.basename(path)} vintage bc{vintage}")
            req = ["SOORTOBJECTNUMMER", "RINOBJECTNUMMER", f"BC{vintage}"]
            opt = [f"GEM{vintage}", f"WC{vintage}"]
            ncols = ["SOORTOBJECTNUMMER", "RINOBJECTNUMMER", "BC", "GEM", "WC"]
            np = os.path.join(tmp, table + ".csv")

            def vsl_transform(cols, v=vintage):
                # normalise to SOORT, OBJ, BC, GEM, WC (missing optional columns -> '')
                pos = {c: i + 1 for i, c in enumerate(cols)}
                ps = [0, pos["SOORTOBJECTNUMMER"], pos["RINOBJECTNUMMER"], pos[f"BC{v}"],
                      pos.get(f"GEM{v}"), pos.get(f"WC{v}")]
                return lambda r: [r[i] if i is not None else "" for i in ps]
            sink = CsvSink(np, header=lambda cols: ncols, transform_for=vsl_transform)
            read_table(path, req, opt, stats, sink)
            create(f"raw_{table}", np, ncols)

        # geography universe from geo_lookup (zero cells) and configured areas
        con.execute("CREATE TABLE geo_universe (geo_level VARCHAR, geo_code VARCHAR)")
        uni = load_geo_universe(input_dir)
        if uni:  # through a CSV: executemany takes minutes for the ~13 000 areas of the country
            gp = os.path.join(tmp, "geo_universe.csv")
            with open(gp, "w", newline="", encoding="utf-8") as f:
                csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(uni)
            con.execute(f"INSERT INTO geo_universe SELECT * FROM read_csv('{gp}', header=false, delim=',', "
                        f"quote='\"', escape='\"', auto_detect=false, "
                        f"columns={{'geo_level': 'VARCHAR', 'geo_code': 'VARCHAR'}})")
        con.execute("CREATE TABLE area_def (area VARCHAR, kind VARCHAR, code VARCHAR)")
        adef = []
        for name, d in areas.items():
            for b in d.get("buurten", []):
                adef.append((name, "buurt", b))
            if "gemeente" in d:
                adef.append((name, "gemeente", d["gemeente"]))
            for b in d.get("minus_buurten", []):
                adef.append((name, "minus_buurt", b))
        con.executemany("INSERT INTO area_def VALUES (?, ?, ?)", adef)

        con.execute("CREATE TABLE params AS SELECT ?::DATE AS p, ?::INTEGER AS t, ?::VARCHAR AS per",
                    [p.isoformat(), year, period])
        with open(SQL_FILE, encoding="utf-8") as f:
            sql = f.read()
        con.execute(sql)
        rows = con.execute("SELECT indicator_id, period, geo_level, geo_code, breakdown, numerator, denominator "
                           "FROM result ORDER BY 1, 2, 3, 4, 5").fetchall()
        for line in stats:
            log(line)
        for (k, n) in con.execute("SELECT reason, n FROM rejects ORDER BY reason").fetchall():
            log(f"rejected by value rule: {k}: {n}")
        for (k, n) in con.execute("SELECT what, n FROM diagnostics ORDER BY what").fetchall():
            log(f"diagnostic: {k}: {n}")
        con.close()
    with open(out_path, "w", newline="", encoding="utf-8") as f:
        f.write("indicator_id;period;geo_level;geo_code;breakdown;numerator;denominator\n")
        for r in rows:
            f.write(";".join(fmt(x) for x in r) + "\n")
    return len(rows)


def fmt(x):
    if isinstance(x, float):
        return str(int(x)) if x == int(x) else repr(x)
    return str(x)


def main(argv):
    args = argv[1:]
    areas = None
    if "--areas" in args:
        i = args.index("--areas")
        with open(args[i + 1], encoding="utf-8") as f:
            areas = json.load(f)
        args = args[:i] + args[i + 2:]
    if len(args) != 3:
        print(__doc__, file=sys.stderr)
        return 64
    try:
        n = compute(args[0], args[1], args[2], areas)
    except InputError as e:
        log(f"error: {e}")
        return 65
    log(f"wrote {n} cells to {args[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
