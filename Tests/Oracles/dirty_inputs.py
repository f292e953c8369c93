#!/usr/bin/env python3
"""Independent generator of messy but LEGAL Wijkbeeld input sets (standard library only).

Usage:
    python3 Tests/Oracles/dirty_inputs.py --seed N --persons 6000 --out DIR [--clean]
                                          [--skip VARIANT ...] [--force]

Written from the documentation only (/work/shared/domain/*.md, /work/main/README.md, the layout of
/work/main/data-samples); it shares no code with the Swift pipeline.

It writes a folder laid out like data-samples/: cbs/ (every table of the sample; yearly INHA,
KOPPELPERSOONHUISHOUDEN and INSCHRWPOTAB for 2021-2023), geo/geo_lookup.csv, school/<BRIN>/school_*.csv
(3 schools), care/care_episodes.csv + organisations.csv, crosswalk/bsn_rin_crosswalk.csv, README.txt
(marked SYNTHETIC like the sample's), SAMPLE-KEY-NOT-FOR-REAL-DATA.hex (copied), and
truth_oracle/variants.csv (variant;file;count) + truth_oracle/settings.csv.

The population (persons, households, spells, school and care records) depends only on --seed and
--persons. Every variant decision is drawn from a second random stream in BOTH modes, so the dirty set
and its --clean twin describe exactly the same population; --clean only skips applying the variants.

Variant classes (see variants.csv, column `variant`):
  * FORMAT variants (dirty only). They must not change any indicator: the clean twin must give the same
    cells.  open-end-empty, open-end-quoted-empty, open-end-20991231, bsn-spaces, bsn-dots, bsn-8digit,
    header-case, header-space-padded, file-name-case, crlf, bom, no-final-lf, columns-shuffled,
    extra-column, quoted-free-text, missing-token-*, space-padded-code, birth-month-day-unknown,
    birth-day-unknown, nonR-legal-parent, nonR-parent-rin-collision, superseded-version-file.
  * SPELL-CONFLICT variants (dirty only): spell-same-begin-later-end-other-buurt (an extra address or
    household spell with the same begin as the true spell and an earlier, still covering end, pointing to
    another buurt / another HUISHOUDNR: the rule "latest begin, then latest end" keeps the true one) and
    spell-same-begin-same-end (same begin and end, the extra object/household key sorts AFTER the true
    one, same buurt: "smallest key" keeps the true one). Outputs must equal the clean twin's.
  * STRUCTURAL variants (in both forms, counted so tests know they occur): siblings-different-buurt,
    legal-parent-elsewhere, twins, absence-holiday-adjacent, luxe-verzuim-before-holiday,
    absence-16u-spanning-holiday, income-sentinel-*, income-excluded-negative.
  * onderwijsnummer-only (dirty only) is the one variant that can legitimately change results: in the
    clean twin the pupil has a BSN; in the dirty set only a valid onderwijsnummer, so it cannot link to
    the CBS persons through the crosswalk.

Readings chosen where the docs leave room (all LEGAL readings):
  * Open spell end: empty, quoted empty (`""`), 20501231 or 20991231 (P9: empty or year >= 2050). Clean
    form uses 20501231 throughout, like the sample. Ends written as `-`/`--` are NOT used (P6 would make
    them missing, and whether missing = open is not stated).
  * "Smallest key" for spells with equal begin and end: the object key SOORTOBJECTNUMMER+RINOBJECTNUMMER
    (or HUISHOUDNR); the extra spell's key is always larger, and in the same buurt, so the reading does
    not matter for the result.
  * Missing tokens (P6) are written only in columns whose value is missing in the clean form: the
    parent birth/sex/country columns of GBAPERSOONTAB, GBAAANTALOUDERSBUITENLAND, the youngest/oldest
    child columns of GBAHUISHOUDENSBUS, INHARMLAGL of young households (clean: empty), empty
    KINDOUDERTAB parent columns, empty INSCHRWPOTAB result columns. Not in school/care files (local
    files: "empty = missing").
  * Birth month/day unknown (`--`): only birth dates; the age on a 31 December peildatum does not depend
    on month or day, so yearly results do not change (a monthly period may change age by imputation).
  * Space-padded codes (P7): TYPHH, JGDHHULPVORM, JGDBMAATREGEL, BIJSTANDStatistiekcodeA, INHBBIHJ,
    GBAGESLACHT, WPOLEERJAAR (clean form writes WPOLEERJAAR unpadded, "8"). Never keys.
  * Non-R legal parent: KINDOUDERTAB parent with RINPERSOONS `S` and a RINPERSOON not in GBAPERSOONTAB, or
    (nonR-parent-rin-collision) the RINPERSOON of an unrelated R adult: the key is RINPERSOONS+RINPERSOON
    (P10), so that parent is NOT the R adult. Clean form: the parent columns are empty.
  * Version files (section 2): dirty writes INHA2023TABV1 (visibly wrong: every INHARMLAG = 55,
    INHP100HGESTES = 1) next to INHA2023TABV2 (true), and JGDBESCHERM2023BUSV9 (wrong: every person of
    GBAPERSOON aged 0-17 gets a measure in 2023) next to JGDBESCHERM2023BUSV10 (true): V10 > V9 numerically.
  * BSN written as `123 456 782`, `1234.56.782`, or (leading zero) 8 digits, in school, care and crosswalk
    (local-files.md Identifiers: strip spaces and dots, left-pad 8 digits).
  * The care register uses the sample's layout (raw bsn, names, birth date, postcode, household_key), as
    README "Data layout" says.
  * School holidays: regio zuid (OCW advice/fixed dates), 2021-2022 .. 2023-2024; autumn 2021 is 23-31 Oct
    (Rijksoverheid advice dates, regio zuid). Absence dates are school days only (no weekends, holidays, Easter Monday, Good Friday,
    Koningsdag, Ascension + Friday, Whit Monday).
  * IND19 derived rule test (absence-16u-spanning-holiday): 4 h unauthorised in each of the 2 school weeks
    before and the 2 after a holiday week, no DUO report: 16 h within 4 consecutive SCHOOL weeks (holiday
    skipped) => reportable; counting calendar weeks gives at most 12 h.
  * No final line feed: legal for the CSV reader (P5 demands terminated quotes and field counts only);
    README says `refresh` treats such a file as cut off. Use --skip no-final-lf to leave it out.
"""
import argparse
import calendar
import csv
import datetime as dt
import io
import os
import random
import shutil
import sys
from collections import Counter, defaultdict

D = dt.date
P = D(2023, 12, 31)
YEARS = (2021, 2022, 2023)
SCHOOL_YEARS = (2021, 2022, 2023)  # start years of 2021-2022 .. 2023-2024
SAMPLE = "/work/main/data-samples"

# buurt code (VSLGWBTAB value), wijk, PC4, weight
BUURTEN = [
    ("0855ZZ01", "0855ZZ", "5025", 0.18),
    ("0855ZZ02", "0855ZZ", "5024", 0.16),
    ("0855ZZ03", "0855ZZ", "5021", 0.18),
    ("08551001", "085510", "5038", 0.12),
    ("08551002", "085510", "5039", 0.12),
    ("08551003", "085510", "5040", 0.12),
    ("08551004", "085510", "5041", 0.12),
]
BUURT_PC4 = {b: pc for b, _, pc, _ in BUURTEN}
BUURT_WK = {b: w for b, w, _, _ in BUURTEN}
DEPRIVED = {"0855ZZ01": 1.0, "0855ZZ02": 0.9, "0855ZZ03": 0.6}  # else 0.45

HOLIDAYS_ZUID = [  # (first day, last day) inclusive
    (D(2021, 10, 23), D(2021, 10, 31)), (D(2021, 12, 25), D(2022, 1, 9)), (D(2022, 2, 26), D(2022, 3, 6)),
    (D(2022, 4, 30), D(2022, 5, 8)), (D(2022, 7, 23), D(2022, 9, 4)),
    (D(2022, 10, 22), D(2022, 10, 30)), (D(2022, 12, 24), D(2023, 1, 8)), (D(2023, 2, 18), D(2023, 2, 26)),
    (D(2023, 4, 29), D(2023, 5, 7)), (D(2023, 7, 15), D(2023, 8, 27)),
    (D(2023, 10, 14), D(2023, 10, 22)), (D(2023, 12, 23), D(2024, 1, 7)), (D(2024, 2, 10), D(2024, 2, 18)),
    (D(2024, 4, 27), D(2024, 5, 5)), (D(2024, 7, 6), D(2024, 8, 18)),
]
# school years start after the summer holiday; summer 2021 zuid ran 24 July - 5 September (Rijksoverheid)
SCHOOL_START = {2021: D(2021, 9, 6), 2022: D(2022, 9, 5), 2023: D(2023, 8, 28)}
SCHOOL_END = {2021: D(2022, 7, 22), 2022: D(2023, 7, 14), 2023: D(2024, 7, 5)}


def easter(y):
    a = y % 19; b = y // 100; c = y % 100; d = b // 4; e = b % 4; f = (b + 8) // 25; g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30; i = c // 4; k = c % 4; l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451; month = (h + l - 7 * m + 114) // 31; day = (h + l - 7 * m + 114) % 31 + 1
    return D(y, month, day)


def public_days(y):
    e = easter(y)
    return {e - dt.timedelta(2), e + dt.timedelta(1), D(y, 4, 27), e + dt.timedelta(39), e + dt.timedelta(40),
            e + dt.timedelta(50)}


PUBLIC = set().union(*(public_days(y) for y in (2021, 2022, 2023, 2024)))


def in_holiday(d):
    return any(a <= d <= b for a, b in HOLIDAYS_ZUID)


def school_day(d):
    return d.weekday() < 5 and not in_holiday(d) and d not in PUBLIC


def f8(d):
    return d.strftime("%Y%m%d")


def iso(d):
    return d.isoformat()


def rdate(rng, a, b):
    if b < a:
        a = b
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


def bsn_ok(s):
    if len(s) != 9 or not s.isdigit():
        return False
    t = sum(int(s[i]) * (9 - i) for i in range(8)) - int(s[8])
    return t % 11 == 0


def onr_ok(s):
    if len(s) != 9 or not s.isdigit() or not s.startswith("10"):
        return False
    t = sum(int(s[i]) * (9 - i) for i in range(8)) - int(s[8])
    return t % 11 == 5


class Q:
    """A cell written verbatim (already CSV-encoded), e.g. the quoted empty token ""."""
    def __init__(self, raw):
        self.raw = raw


QEMPTY = Q('""')

SURNAMES = [("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("", "Bakker"), ("", "Visser"), ("", "Smit"),
            ("", "Meijer"), ("de", "Boer"), ("", "Mulder"), ("de", "Groot"), ("", "Bos"), ("", "Vos"),
            ("", "Peters"), ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"),
            ("de", "Wit"), ("", "Dijkstra"), ("", "Smits"), ("van", "Dijk"), ("", "Yilmaz"), ("", "Kaya"),
            ("el", "Amrani"), ("", "Benali"), ("", "Nowak"), ("", "Kowalski"), ("", "Schellekens"),
            ("van der", "Heijden"), ("", "Verhoeven"), ("", "Çelik"), ("", "Öztürk"), ("", "Martens"),
            ("", "Willems"), ("", "Claassen"), ("van", "Gils"), ("", "Janssens"), ("", "Haddou"),
            ("", "Mohamud"), ("", "Pereira"), ("", "Nguyen"), ("ter", "Horst"), ("ten", "Brink")]
BOYS = ["Noah", "Sem", "Liam", "Luca", "Lucas", "Daan", "Finn", "Levi", "Milan", "Bram", "Adam", "Mohammed",
        "Yusuf", "Jayden", "Kacper", "Omar", "Thijs", "Jesse", "Ruben", "Hendrik", "Jan", "Ahmed", "Emir"]
GIRLS = ["Emma", "Julia", "Mila", "Tess", "Sophie", "Zoë", "Sara", "Nora", "Yara", "Eva", "Lotte", "Anna",
         "Fatima", "Aya", "Zuzanna", "Noor", "Saar", "Lina", "Maryam", "Elif", "Cornelia", "Fenna", "Hiba"]

ORGS = [  # id, name, type, (name with ; and " for the dirty form)
    ("ORG100", "Zorgteam school 1", "SCHOOL_ZORG"), ("ORG101", "Zorgteam school 2", "SCHOOL_ZORG"),
    ("ORG102", "Zorgteam school 3", "SCHOOL_ZORG"), ("ORG103", "Wijkteam 1", "WIJKTEAM"),
    ("ORG104", "Wijkteam 2", "WIJKTEAM"), ("ORG105", "GGD Jeugdgezondheidszorg", "JGZ"),
    ("ORG106", "Jeugdhulp ambulant 1", "JEUGDHULP_AMBULANT"), ("ORG107", "Jeugdhulp ambulant 2", "JEUGDHULP_AMBULANT"),
    ("ORG108", "Jeugdhulp ambulant 3", "JEUGDHULP_AMBULANT"), ("ORG109", "Jeugdhulp ambulant 4", "JEUGDHULP_AMBULANT"),
    ("ORG110", "Jeugdhulp verblijf 1", "JEUGDHULP_VERBLIJF"), ("ORG111", "Jeugdhulp verblijf 2", "JEUGDHULP_VERBLIJF"),
    ("ORG112", "GGZ-praktijk 1", "GGZ"), ("ORG113", "GGZ-praktijk 2", "GGZ"), ("ORG114", "Wmo-loket", "WMO"),
    ("ORG115", "Kinderopvang 1", "KINDEROPVANG"), ("ORG116", "Jeugdbescherming 1", "GI_JEUGDBESCHERMING"),
    ("ORG117", "Jeugdbescherming 2", "GI_JEUGDBESCHERMING"), ("ORG118", "Jeugdreclassering", "JEUGDRECLASSERING"),
    ("ORG119", "Veilig Thuis", "VEILIG_THUIS"), ("ORG120", "Politie, team wijk", "POLITIE"),
    ("ORG121", "Leerplicht", "LEERPLICHT"), ("ORG122", "Schuldhulpverlening", "SCHULDHULP"),
    ("ORG123", "Huisartsenpraktijk 1", "HUISARTS"), ("ORG124", "Maatschappelijk werk", "MAATSCHAPPELIJK_WERK"),
    ("ORG125", "Overige hulp", "OVERIG"),
]
ORG_BY_TYPE = defaultdict(list)
for _o in ORGS:
    ORG_BY_TYPE[_o[2]].append(_o[0])
ORG_TYPE = {o[0]: o[2] for o in ORGS}

SCHOOLS = ["SYNTHBRIN01", "SYNTHBRIN02", "SYNTHBRIN03"]
SCHOOL_CRYPT = {"SYNTHBRIN01": "B7", "SYNTHBRIN02": "C3", "SYNTHBRIN03": "D9"}
# buurt -> [(school or None, probability)]
SCHOOL_CHOICE = {
    "0855ZZ01": [("SYNTHBRIN01", 0.85), ("SYNTHBRIN02", 0.10), (None, 0.05)],
    "0855ZZ02": [("SYNTHBRIN02", 0.70), ("SYNTHBRIN01", 0.20), (None, 0.10)],
    "0855ZZ03": [("SYNTHBRIN02", 0.45), ("SYNTHBRIN03", 0.25), (None, 0.30)],
}
ADVICE = ["10", "20", "21", "22", "30", "31", "40", "41", "60", "61", "70"]
ADVICE_W = [8, 7, 8, 7, 14, 9, 12, 8, 12, 7, 8]


class World:
    pass


# ----------------------------------------------------------------------------- population
def build(seed, n_persons):
    rng = random.Random(seed)
    W = World()
    W.persons = []          # dicts
    W.objects = {}          # objnr -> dict(buurt, pc6, huisnr)
    W.phases = []           # household phases: dict(hhnr, typ, begin, end, members{pid:(b,e)}, ref, kind, unit)
    used_rin, used_bsn, used_obj, used_hh = set(), set(), set(), set()

    def uniq(used, make):
        while True:
            v = make()
            if v not in used:
                used.add(v)
                return v

    def new_bsn():
        def mk():
            while True:
                s = "%09d" % rng.randrange(10 ** 9)
                if bsn_ok(s) and not s.startswith("10"):
                    return s
        return uniq(used_bsn, mk)

    def new_obj(buurt):
        o = uniq(used_obj, lambda: "%016d" % rng.randrange(10 ** 15, 10 ** 16 - 10 ** 14))
        W.objects[o] = {"buurt": buurt, "pc6": BUURT_PC4[buurt] + rng.choice("ABCDEGHJKLMNPRSTVXZ") +
                        rng.choice("ABDEGHJKLNPRSTVXZ"), "huisnr": str(rng.randint(1, 260))}
        return o

    def pick_buurt(exclude=None):
        while True:
            b = rng.choices([x[0] for x in BUURTEN], [x[3] for x in BUURTEN])[0]
            if b != exclude:
                return b

    def person(sex, birth, surname, gen=None):
        pid = len(W.persons)
        pre, sur = surname
        p = {"pid": pid, "rin": uniq(used_rin, lambda: "%09d" % rng.randrange(10 ** 9)), "bsn": new_bsn(),
             "sex": sex, "birth": birth, "pre": pre, "sur": sur,
             "first": rng.choice(BOYS if sex == "1" else GIRLS), "addr": [], "hh": [], "mother": None,
             "father": None, "father_nonR": None}
        p["first2"] = rng.choice(BOYS if sex == "1" else GIRLS)
        if gen is None:
            gen = rng.choices(["0", "1", "2"], [55, 25, 20])[0]
        p["gen"] = gen
        p["country"] = "6030" if gen != "1" else rng.choice(["5022", "6043", "5049", "7050", "9089"])
        W.persons.append(p)
        return p

    def addr_history(buurt, start, recent_moves=0, early_move=False):
        """Address spells (obj, begin, end) of a household unit from `start` on."""
        spells = []
        cur_b = start
        if early_move and start < D(2017, 1, 1):
            m = rdate(rng, start + dt.timedelta(200), D(2017, 12, 31))
            spells.append([new_obj(pick_buurt()), cur_b, m - dt.timedelta(1)])
            cur_b = m
        if recent_moves:
            lo = max(cur_b + dt.timedelta(60), D(2021, 2, 1))
            ms = sorted(rdate(rng, lo, D(2023, 11, 30)) for _ in range(recent_moves))
            if ms[0] <= cur_b or (len(ms) > 1 and ms[1] - ms[0] < dt.timedelta(30)):
                ms = []
            for m in ms:
                spells.append([new_obj(pick_buurt()), cur_b, m - dt.timedelta(1)])
                cur_b = m
        spells.append([new_obj(buurt), cur_b, None])
        return spells

    def join(p, spells, b, e=None):
        """Copy household-unit address spells to a person for the interval [b, e]."""
        for o, sb, se in spells:
            lo = max(sb, b)
            hi = se if e is None else (e if se is None else min(se, e))
            if hi is not None and hi < lo:
                continue
            p["addr"].append([o, lo, hi])

    def phase(typ, begin, end, members, ref, unit):
        hh = uniq(used_hh, lambda: "%012d" % rng.randrange(10 ** 11, 10 ** 12))
        ph = {"hhnr": hh, "typ": typ, "begin": begin, "end": end, "members": members, "ref": ref, "unit": unit}
        W.phases.append(ph)
        for pid, (b, e) in members.items():
            W.persons[pid]["hh"].append([hh, max(b, begin), e if e is not None else end, ph])
        return ph

    units = []  # economic/household units for income, care register household_key

    def new_unit(buurt, kind):
        u = {"id": len(units), "buurt": buurt, "kind": kind, "risk": DEPRIVED.get(buurt, 0.45) *
             (1.8 if kind == "single_parent" else 1.0)}
        u["low"] = rng.random() < min(0.8, 0.22 * u["risk"] * (1.4 if kind in ("family", "single_parent") else 1))
        u["bijstand"] = rng.random() < min(0.7, (0.6 if u["low"] else 0.03) * (1.3 if kind == "single_parent" else 0.8))
        u["key"] = "GZ%08d" % (10000001 + u["id"])
        units.append(u)
        return u

    def make_kids(mother_birth, n, surname, start):
        kids = []
        first = mother_birth.year + rng.randint(22, 36)
        y = max(first, start.year)
        for i in range(n):
            if y > 2023:
                break
            b = rdate(rng, D(y, 1, 1), D(y, 12, 31) if y < 2023 else D(2023, 11, 30))
            kids.append(person(rng.choice("12"), b, surname))
            if i < n - 1 and rng.random() < 0.02 and len(kids) < n:  # twins
                t = person(rng.choice("12"), b, surname)
                t["twin"] = True
                kids.append(t)
            y += rng.randint(1, 4)
        return kids[:max(n, len(kids))]

    while len(W.persons) < n_persons:
        r = rng.random()
        buurt = pick_buurt()
        if r < 0.42:  # one-person household
            age = rng.choices([rng.randint(18, 39), rng.randint(40, 64), rng.randint(65, 95)], [40, 32, 28])[0]
            a = person(rng.choice("12"), rdate(rng, D(2023 - age, 1, 1), D(2023 - age, 12, 31)), rng.choice(SURNAMES))
            start = rdate(rng, D(max(a["birth"].year + 18, 1990), 1, 1), D(2023, 6, 30))
            u = new_unit(buurt, "single")
            sp = addr_history(buurt, start, recent_moves=1 if rng.random() < 0.05 else 0, early_move=rng.random() < 0.2)
            join(a, sp, start)
            phase("1", start, None, {a["pid"]: (start, None)}, a["pid"], u)
        elif r < 0.64:  # couple without children
            age = rng.randint(22, 85)
            sur = rng.choice(SURNAMES)
            a = person("1", rdate(rng, D(2023 - age, 1, 1), D(2023 - age, 12, 31)), sur)
            b = person("2", a["birth"] + dt.timedelta(rng.randint(-1500, 1500)), rng.choice(SURNAMES))
            start = rdate(rng, D(max(a["birth"].year, b["birth"].year) + 20, 1, 1), D(2023, 6, 30))
            u = new_unit(buurt, "couple")
            sp = addr_history(buurt, start, early_move=rng.random() < 0.2)
            join(a, sp, start); join(b, sp, start)
            phase(rng.choice("23"), start, None, {a["pid"]: (start, None), b["pid"]: (start, None)}, a["pid"], u)
        else:  # household with children; some separate later (single parent)
            single = r >= 0.86
            age_m = rng.randint(26, 52)
            fsur = rng.choice(SURNAMES)
            m = person("2", rdate(rng, D(2023 - age_m, 1, 1), D(2023 - age_m, 12, 31)), rng.choice(SURNAMES))
            f = person("1", m["birth"] + dt.timedelta(rng.randint(-400, 2500)), fsur, gen=m["gen"])
            start = rdate(rng, D(m["birth"].year + 20, 1, 1), D(min(m["birth"].year + 30, 2021), 12, 31))
            nk = rng.choices([1, 2, 3, 4], [40, 37, 16, 7])[0]
            kids = make_kids(m["birth"], nk, fsur, start)
            if not kids:
                kids = [person(rng.choice("12"), rdate(rng, D(2023, 1, 1), D(2023, 11, 30)), fsur)]
            for k in kids:
                k["mother"] = m["pid"]; k["father"] = f["pid"]
                if k["gen"] == "1" and m["gen"] == "0":
                    k["gen"] = "0"
            start = min(start, min(k["birth"] for k in kids))
            u = new_unit(buurt, "single_parent" if single else "family")
            sp = addr_history(buurt, start, recent_moves=2 if rng.random() < 0.08 else (1 if rng.random() < 0.12 else 0),
                              early_move=rng.random() < 0.25)
            if not single:
                for x in [m, f] + kids:
                    join(x, sp, max(start, x["birth"]))
                mem = {x["pid"]: (max(start, x["birth"]), None) for x in [m, f] + kids}
                phase(rng.choice("45"), start, None, mem, f["pid"], u)
                continue
            # separated: mother keeps the unit; father lives elsewhere (or is unknown / non-R)
            last_birth = max(k["birth"] for k in kids)
            sep = rdate(rng, max(last_birth + dt.timedelta(60), D(2014, 1, 1)), D(2023, 6, 30)) \
                if last_birth < D(2023, 4, 1) else None
            fate = rng.choices(["elsewhere", "gone", "nonR"], [50, 38, 12])[0]
            if sep is None:
                sep = min(last_birth + dt.timedelta(20), D(2023, 11, 30))
            before = {x["pid"]: (max(start, x["birth"]), None) for x in [m, f] + kids if x["birth"] <= sep}
            ph0 = phase(rng.choice("45"), start, sep - dt.timedelta(1), before,
                        f["pid"] if fate == "elsewhere" else m["pid"], u)
            for x in [m] + kids:
                join(x, sp, max(start, x["birth"]))
            join(f, sp, start, sep - dt.timedelta(1))
            with_father = []
            if fate == "elsewhere" and len(kids) >= 2 and rng.random() < 0.35:
                with_father = [kids[-1]]
            stay = [k for k in kids if k not in with_father]
            phase("6", sep, None, {x["pid"]: (sep if x["birth"] < sep else x["birth"], None) for x in [m] + stay},
                  m["pid"], u)
            if fate == "gone":
                f["gone"] = True  # moved out of the data: his spells end at sep
                for k in kids:
                    k["father"] = None
            elif fate == "nonR":
                f["gone"] = True
                for k in kids:
                    k["father"] = None
                    k["father_nonR"] = True
            else:
                fb = pick_buurt(exclude=buurt) if rng.random() < 0.7 else buurt
                u2 = new_unit(fb, "single_parent" if with_father else "single")
                sp2 = [[new_obj(fb), sep, None]]
                join(f, sp2, sep)
                for k in with_father:
                    # the child's address spells move with the father at sep
                    k["addr"] = [s for s in k["addr"] if s[1] < sep]
                    for s in k["addr"]:
                        if s[2] is None or s[2] >= sep:
                            s[2] = sep - dt.timedelta(1)
                    join(k, sp2, sep)
                    k["sibling_elsewhere"] = fb != buurt
                phase("6" if with_father else "1", sep, None,
                      {x["pid"]: (sep, None) for x in [f] + with_father}, f["pid"], u2)
                f["elsewhere"] = True
    W.units = units
    # drop fathers that left the data: keep them out of every table
    W.rng = rng
    return W


# ----------------------------------------------------------------------------- helpers on the world
def covering(spells, d):
    return [s for s in spells if s[1] <= d and (s[2] is None or s[2] >= d)]


def age_on(p, d):
    b = p["birth"]
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def phase_at(p, d):
    c = [h for h in p["hh"] if h[1] <= d and (h[2] is None or h[2] >= d)]
    return c[0][3] if c else None


def addr_at(p, d):
    c = covering(p["addr"], d)
    return c[0][0] if c else None


# ----------------------------------------------------------------------------- writer
class Writer:
    def __init__(self, out, dirty, vrng, skip):
        self.out, self.dirty, self.vrng, self.skip = out, dirty, vrng, set(skip)
        self.counts = Counter()
        self.plan = {}
        self.names = {}  # canonical stem or path -> path written

    def on(self, variant, p=1.0):
        """Draw the variant decision in both modes (keeps streams aligned); apply only when dirty."""
        hit = self.vrng.random() < p
        return hit and self.dirty and variant not in self.skip

    def note(self, variant, fname, n=1):
        self.counts[(variant, fname)] += n

    def cell(self, v):
        if isinstance(v, Q):
            return v.raw
        v = "" if v is None else str(v)
        if any(c in v for c in ';"\r\n'):
            return '"' + v.replace('"', '""') + '"'
        return v

    def write(self, rel, header, rows, cbs=False, opts=None):
        """rows: list of dicts keyed by canonical header names. opts: dict of file-level variants."""
        opts = opts or {}
        fname = rel
        cols = list(header)
        names = list(header)
        extra = None
        if opts.get("columns-shuffled"):
            self.vrng.shuffle(cols)
            self.note("columns-shuffled", rel)
        if opts.get("extra-column"):
            extra = "XEXPORTDATUM" if "XEXPORTDATUM" not in header else "XONBEKEND"
            pos = self.vrng.randint(0, len(cols))
            cols.insert(pos, extra)
            self.note("extra-column", rel)
        names = []
        for c in cols:
            n = c
            if opts.get("header-case") and c != extra:
                n = self.vrng.choice([c.lower(), c.upper(), c[:1] + c[1:].lower(), c.swapcase()])
            if opts.get("header-space-padded") and self.vrng.random() < 0.5:
                n = " " + n + " "
            names.append(n)
        if opts.get("header-case"):
            self.note("header-case", rel, sum(1 for a, b in zip(names, cols) if a.strip() != b))
        if opts.get("header-space-padded"):
            self.note("header-space-padded", rel, sum(1 for a in names if a != a.strip()))
        nl = "\r\n" if opts.get("crlf") else "\n"
        buf = io.StringIO()
        buf.write(";".join(names) + nl)
        for r in rows:
            vals = []
            for c in cols:
                if c == extra:
                    vals.append("20240115")
                else:
                    vals.append(self.cell(r.get(c, "")))
            buf.write(";".join(vals) + nl)
        text = buf.getvalue()
        if opts.get("no-final-lf"):
            text = text[: -len(nl)]
            self.note("no-final-lf", rel)
        if opts.get("crlf"):
            self.note("crlf", rel)
        data = text.encode("utf-8")
        if opts.get("bom"):
            data = b"\xef\xbb\xbf" + data
            self.note("bom", rel)
        path = os.path.join(self.out, opts.get("filename", rel))
        if opts.get("filename") and os.path.splitext(os.path.basename(opts["filename"]))[0] != os.path.splitext(os.path.basename(rel))[0]:
            self.note("file-name-case", opts["filename"])
        self.names[rel] = opts.get("filename", rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data)
        return opts.get("filename", rel)


# ----------------------------------------------------------------------------- main generation
def generate(seed, n_persons, out, dirty, skip):
    W = build(seed, n_persons)
    vrng = random.Random(seed * 7919 + 17)
    w = Writer(out, dirty, vrng, skip)
    persons = W.persons
    present = [p for p in persons if not p.get("gone")]  # persons in the CBS tables
    prng = random.Random(seed * 31 + 5)  # population-level draws made after build (same in both modes)

    unit_phases = defaultdict(list)
    for ph in W.phases:
        unit_phases[ph["unit"]["id"]].append(ph)
    for u in W.units:
        u["bij_spell"] = None
        if not u["bijstand"]:
            continue
        ref = persons[unit_phases[u["id"]][-1]["ref"]]
        if ref.get("gone") or age_on(ref, P) < 18:
            continue
        b = rdate(prng, D(2014, 1, 1), D(2023, 10, 31))
        e = None if prng.random() < 0.65 else rdate(prng, b + dt.timedelta(90), D(2025, 6, 30))
        u["bij_spell"] = (b, e)
        u["bij_ref"] = ref
        u["bij_code"] = prng.choices(["01", "13", "15", "16", "02", "03", "14", "20"], [70, 4, 3, 4, 6, 3, 5, 5])[0]
        u["bij_supp"] = prng.random() < 0.15

    # ---- file plan (drawn in both modes)
    cbs_files = ["GBAPERSOON2023TABV1", "KINDOUDER2023TABV1", "GBAHUISHOUDENS2023BUSV1", "GBAADRESOBJECT2023BUSV1",
                 "VSLGWB2023TAB01V1", "VSLPOSTCODEBUSV2023121", "BIJSTANDUITKERINGTAB2023V1", "JGDHULP2023BUSV1",
                 "JGDBESCHERM2023BUSV10", "VERD2023TABV1", "HOOGSTEOPL2023TABV1", "INHA2023TABV2"] + \
        ["INHA%dTABV1" % y for y in (2021, 2022)] + ["KOPPELPERSOONHUISHOUDEN%d" % y for y in YEARS] + \
        ["INSCHRWPOTAB%dV1" % y for y in YEARS]
    plan = {}
    forced = {  # each variant at least on these files when dirty (different per seed through the shuffles)
        "crlf": 5, "bom": 4, "no-final-lf": 3, "columns-shuffled": 5, "extra-column": 5, "header-case": 5,
        "file-name-case": 4, "header-space-padded": 2}
    for v, k in forced.items():
        chosen = vrng.sample(cbs_files, k)
        for f in chosen:
            if dirty and v not in skip:
                plan.setdefault(f, {})[v] = True
    local_files = ["school/%s/school_%s.csv" % (s, t) for s in SCHOOLS for t in
                   ("leerlingen", "verzuim", "lesrooster", "toetsen", "advies", "zorgsignalen")] + \
        ["care/care_episodes.csv", "care/organisations.csv", "crosswalk/bsn_rin_crosswalk.csv", "geo/geo_lookup.csv"]
    lplan = {}
    for v, k in {"crlf": 4, "bom": 4, "no-final-lf": 2, "columns-shuffled": 1}.items():
        for f in vrng.sample(local_files, k):
            if dirty and v not in skip:
                lplan.setdefault(f, {})[v] = True

    def cbs_opts(stem):
        o = dict(plan.get(stem, {}))
        fn = stem
        if o.pop("file-name-case", False):
            fn = vrng.choice([stem.lower(), stem[:1] + stem[1:].lower(), stem.replace("TAB", "Tab").replace("BUS", "Bus")])
            if fn == stem:
                fn = stem.lower()
        o["filename"] = "cbs/" + fn + ".csv"
        return o

    def open_end(e, table):
        """Cell for an end date; None = open."""
        if e is not None:
            return f8(e)
        r = vrng.random()
        if r < 0.06 and w.dirty and "open-end-empty" not in skip:
            w.note("open-end-empty", table); return ""
        if r < 0.08 and w.dirty and "open-end-quoted-empty" not in skip:
            w.note("open-end-quoted-empty", table); return QEMPTY
        if r < 0.13 and w.dirty and "open-end-20991231" not in skip:
            w.note("open-end-20991231", table); return "20991231"
        return "20501231"

    def pad(code, table, col):
        if w.on("space-padded-code", 0.04):
            w.note("space-padded-code", table + ":" + col)
            return vrng.choice([" " + code, code + " ", " " + code + " "])
        return code

    def miss(canonical, table, col, p=0.25):
        """A missing value: canonical token in clean form, another P6 token when dirty."""
        if w.on("missing-token", p):
            tok = vrng.choice(["", QEMPTY, "-", "--", "----"])
            if tok == canonical or (tok == "" and canonical == ""):
                tok = QEMPTY if canonical != QEMPTY else "-"
            name = {"": "empty", "-": "dash", "--": "dash2", "----": "dash4"}.get(tok if isinstance(tok, str) else "", "quoted-empty")
            if isinstance(tok, Q):
                name = "quoted-empty"
            w.note("missing-token-" + name, table + ":" + col)
            return tok
        return canonical

    # ---- GBAPERSOONTAB
    T = "GBAPERSOON2023TABV1"
    hdr = "RINPERSOONS;RINPERSOON;GBAGEBOORTELAND;GBAGESLACHT;GBAGEBOORTELANDMOEDER;GBAGEBOORTELANDVADER;GBAAANTALOUDERSBUITENLAND;GBAHERKOMSTGROEPERING;GBAGENERATIE;GBAGEBOORTEJAAR;GBAGEBOORTEMAAND;GBAGEBOORTEDAG;GBAGESLACHTMOEDER;GBAGESLACHTVADER;GBAGEBOORTEJAARMOEDER;GBAGEBOORTEMAANDMOEDER;GBAGEBOORTEDAGMOEDER;GBAGEBOORTEJAARVADER;GBAGEBOORTEMAANDVADER;GBAGEBOORTEDAGVADER;GBAIMPUTATIECODE;GBAHERKOMSTLAND;GBAGEBOORTELANDNL".split(";")
    rows = []
    for p in present:
        b = p["birth"]
        mo = persons[p["mother"]] if p["mother"] is not None else None
        fa = persons[p["father"]] if p["father"] is not None else None
        r = {"RINPERSOONS": "R", "RINPERSOON": p["rin"], "GBAGEBOORTELAND": p["country"],
             "GBAGESLACHT": pad(p["sex"], T, "GBAGESLACHT"),
             "GBAGEBOORTELANDMOEDER": mo["country"] if mo else miss("----", T, "GBAGEBOORTELANDMOEDER"),
             "GBAGEBOORTELANDVADER": fa["country"] if fa else miss("----", T, "GBAGEBOORTELANDVADER"),
             "GBAAANTALOUDERSBUITENLAND": {"0": "0", "1": "2", "2": "1"}[p["gen"]] if prng.random() < 0.9
             else miss("", T, "GBAAANTALOUDERSBUITENLAND", 0.6),
             "GBAHERKOMSTGROEPERING": p["country"], "GBAGENERATIE": p["gen"],
             "GBAGEBOORTEJAAR": str(b.year), "GBAGEBOORTEMAAND": "%02d" % b.month, "GBAGEBOORTEDAG": "%02d" % b.day,
             "GBAGESLACHTMOEDER": "2" if mo else miss("-", T, "GBAGESLACHTMOEDER"),
             "GBAGESLACHTVADER": "1" if fa else miss("-", T, "GBAGESLACHTVADER"),
             "GBAIMPUTATIECODE": "0", "GBAHERKOMSTLAND": p["country"], "GBAGEBOORTELANDNL": "1" if p["gen"] != "1" else "0"}
        for tag, par in (("MOEDER", mo), ("VADER", fa)):
            if par:
                r["GBAGEBOORTEJAAR" + tag] = str(par["birth"].year)
                r["GBAGEBOORTEMAAND" + tag] = "%02d" % par["birth"].month
                r["GBAGEBOORTEDAG" + tag] = "%02d" % par["birth"].day
            else:
                r["GBAGEBOORTEJAAR" + tag] = miss("----", T, "GBAGEBOORTEJAAR" + tag)
                r["GBAGEBOORTEMAAND" + tag] = miss("--", T, "GBAGEBOORTEMAAND" + tag)
                r["GBAGEBOORTEDAG" + tag] = miss("--", T, "GBAGEBOORTEDAG" + tag)
        u = vrng.random()
        if u < 0.03 and dirty and "birth-month-day-unknown" not in skip:
            r["GBAGEBOORTEMAAND"] = "--"; r["GBAGEBOORTEDAG"] = "--"; w.note("birth-month-day-unknown", T)
        elif u < 0.05 and dirty and "birth-day-unknown" not in skip:
            r["GBAGEBOORTEDAG"] = "--"; w.note("birth-day-unknown", T)
        rows.append(r)
    w.write(T, hdr, rows, True, cbs_opts(T))

    # ---- KINDOUDERTAB (every child with at least one known parent, as the sample)
    T = "KINDOUDER2023TABV1"
    hdr = ["RINPERSOONS", "RINPERSOON", "RINPERSOONSpa", "RINPERSOONpa", "RINPERSOONSMa", "RINPERSOONMa", "XKOPPELNUMMER"]
    adults = [p for p in present if age_on(p, P) >= 25]
    rows = []
    for p in present:
        if p["mother"] is None and p["father"] is None and not p.get("father_nonR"):
            continue
        r = {"RINPERSOONS": "R", "RINPERSOON": p["rin"]}
        if p["father"] is not None:
            r["RINPERSOONSpa"] = "R"; r["RINPERSOONpa"] = persons[p["father"]]["rin"]
        elif p.get("father_nonR"):
            col = vrng.random() < 0.35
            other = vrng.choice(adults)["rin"] if col else "%09d" % vrng.randrange(10 ** 9)
            code = vrng.choice(["S", "S", "O"])
            if dirty and "nonR-legal-parent" not in skip:
                r["RINPERSOONSpa"] = code; r["RINPERSOONpa"] = other
                w.note("nonR-parent-rin-collision" if col else "nonR-legal-parent", T)
            else:
                r["RINPERSOONSpa"] = miss("", T, "RINPERSOONSpa"); r["RINPERSOONpa"] = miss("", T, "RINPERSOONpa")
        else:
            r["RINPERSOONSpa"] = miss("", T, "RINPERSOONSpa"); r["RINPERSOONpa"] = miss("", T, "RINPERSOONpa")
        if p["mother"] is not None:
            r["RINPERSOONSMa"] = "R"; r["RINPERSOONMa"] = persons[p["mother"]]["rin"]
        if p.get("sibling_elsewhere"):
            w.note("siblings-different-buurt", T)
        if p["father"] is not None and persons[p["father"]].get("elsewhere") and not p.get("sibling_elsewhere"):
            fa = persons[p["father"]]
            if phase_at(fa, P) is not phase_at(p, P):
                w.note("legal-parent-elsewhere", T)
        if p.get("twin"):
            w.note("twins", T)
        rows.append(r)
    prng.shuffle(rows)
    w.write(T, hdr, rows, True, cbs_opts(T))

    # ---- GBAADRESOBJECTBUS (+ spell conflicts)
    T = "GBAADRESOBJECT2023BUSV1"
    hdr = ["RINPERSOONS", "RINPERSOON", "GBADATUMAANVANGADRESHOUDING", "GBADATUMEINDEADRESHOUDING", "SOORTOBJECTNUMMER", "RINOBJECTNUMMER"]
    rows = []
    extra_objs = {}
    for p in present:
        sp = sorted(p["addr"], key=lambda s: s[1])
        for o, b, e in sp:
            rows.append({"RINPERSOONS": "R", "RINPERSOON": p["rin"], "GBADATUMAANVANGADRESHOUDING": f8(b),
                         "GBADATUMEINDEADRESHOUDING": open_end(e, T), "SOORTOBJECTNUMMER": "VBO", "RINOBJECTNUMMER": o})
        last = sp[-1]
        eligible = last[2] is None and last[1] < D(2018, 1, 1) and len(sp) == 1
        u = vrng.random()
        if eligible and u < 0.03 and dirty and "spell-conflict" not in skip:
            # same begin, earlier (still covering) end, object in another buurt: latest end must win
            ob = W.objects[last[0]]["buurt"]
            nb = vrng.choice([x[0] for x in BUURTEN if x[0] != ob])
            no = "%016d" % vrng.randrange(10 ** 15, 10 ** 16)
            extra_objs[no] = nb
            rows.append({"RINPERSOONS": "R", "RINPERSOON": p["rin"], "GBADATUMAANVANGADRESHOUDING": f8(last[1]),
                         "GBADATUMEINDEADRESHOUDING": "20240331", "SOORTOBJECTNUMMER": "VBO", "RINOBJECTNUMMER": no})
            w.note("spell-same-begin-later-end-other-buurt", T)
            if vrng.random() < 0.5:
                rows[-1], rows[-2] = rows[-2], rows[-1]
                w.note("spell-conflict-extra-row-first", T)
        elif eligible and u < 0.05 and dirty and "spell-conflict" not in skip:
            # same begin and same (open) end; larger object key, same buurt: smallest key must win
            no = "%016d" % (int(last[0]) + 1 + vrng.randrange(10 ** 6))
            while no in W.objects:
                no = "%016d" % (int(no) + 1)
            extra_objs[no] = W.objects[last[0]]["buurt"]
            rows.append({"RINPERSOONS": "R", "RINPERSOON": p["rin"], "GBADATUMAANVANGADRESHOUDING": f8(last[1]),
                         "GBADATUMEINDEADRESHOUDING": "20501231", "SOORTOBJECTNUMMER": "VBO", "RINOBJECTNUMMER": no})
            rows[-2]["GBADATUMEINDEADRESHOUDING"] = "20501231"
            w.note("spell-same-begin-same-end", T)
            if vrng.random() < 0.5:
                rows[-1], rows[-2] = rows[-2], rows[-1]
                w.note("spell-conflict-extra-row-first", T)
    w.write(T, hdr, rows, True, cbs_opts(T))

    # ---- VSLGWBTAB / VSLPOSTCODEBUS
    T = "VSLGWB2023TAB01V1"
    hdr = ["SOORTOBJECTNUMMER", "RINOBJECTNUMMER", "gem2022", "wc2022", "bc2022", "gem2023", "wc2023", "bc2023"]
    allobj = [(o, v["buurt"]) for o, v in W.objects.items()] + sorted(extra_objs.items())
    rows = [{"SOORTOBJECTNUMMER": "VBO", "RINOBJECTNUMMER": o, "gem2022": "0855", "wc2022": BUURT_WK[b], "bc2022": b,
             "gem2023": "0855", "wc2023": BUURT_WK[b], "bc2023": b} for o, b in allobj]
    w.write(T, hdr, rows, True, cbs_opts(T))
    T = "VSLPOSTCODEBUSV2023121"
    hdr = ["SOORTOBJECTNUMMER", "RINOBJECTNUMMER", "DATUMAANVPOSTCODENUMADRES", "DATUMEINDPOSTCODENUMADRES", "POSTCODENUM"]
    rows = [{"SOORTOBJECTNUMMER": "VBO", "RINOBJECTNUMMER": o, "DATUMAANVPOSTCODENUMADRES": "20000101",
             "DATUMEINDPOSTCODENUMADRES": "20501231", "POSTCODENUM": BUURT_PC4[b]} for o, b in allobj]
    w.write(T, hdr, rows, True, cbs_opts(T))

    # ---- GBAHUISHOUDENSBUS
    T = "GBAHUISHOUDENS2023BUSV1"
    hdr = "RINPERSOONS;RINPERSOON;DATUMAANVANGHH;DATUMEINDEHH;HUISHOUDNR;TYPHH;PLHH;REFPERSOONHH;AANTALPERSHH;AANTALKINDHH;AANTALOVHH;GEBJAARJONGSTEKINDHH;GEBMAANDJONGSTEKINDHH;GEBJAAROUDSTEKINDHH;GEBMAANDOUDSTEKINDHH;IMPUTATIECODEHH".split(";")
    rows = []
    for p in present:
        hs = sorted(p["hh"], key=lambda h: h[1])
        for hh, b, e, ph in hs:
            kids = [persons[k] for k in ph["members"] if persons[k].get("mother") is not None or persons[k].get("father") is not None]
            kids = [k for k in kids if k["pid"] not in (ph["ref"],) and (k["mother"] in ph["members"] or k["father"] in ph["members"])]
            is_kid = any(k["pid"] == p["pid"] for k in kids)
            r = {"RINPERSOONS": "R", "RINPERSOON": p["rin"], "DATUMAANVANGHH": f8(b), "DATUMEINDEHH": open_end(e, T),
                 "HUISHOUDNR": hh, "TYPHH": pad(ph["typ"], T, "TYPHH"),
                 "PLHH": "1" if is_kid else {"1": "3", "6": "7"}.get(ph["typ"], "5"),
                 "REFPERSOONHH": "1" if p["pid"] == ph["ref"] else "0", "AANTALPERSHH": str(len(ph["members"])),
                 "AANTALKINDHH": str(len(kids)), "AANTALOVHH": "0", "IMPUTATIECODEHH": "0"}
            if kids:
                yk = max(kids, key=lambda k: k["birth"]); ok = min(kids, key=lambda k: k["birth"])
                r.update({"GEBJAARJONGSTEKINDHH": str(yk["birth"].year), "GEBMAANDJONGSTEKINDHH": "%02d" % yk["birth"].month,
                          "GEBJAAROUDSTEKINDHH": str(ok["birth"].year), "GEBMAANDOUDSTEKINDHH": "%02d" % ok["birth"].month})
            else:
                for c, tok in (("GEBJAARJONGSTEKINDHH", "----"), ("GEBMAANDJONGSTEKINDHH", "--"),
                               ("GEBJAAROUDSTEKINDHH", "----"), ("GEBMAANDOUDSTEKINDHH", "--")):
                    r[c] = miss(tok, T, c, 0.1)
            rows.append(r)
        last = hs[-1] if hs else None
        if last and last[2] is None and last[1] < D(2018, 1, 1) and len(hs) == 1:
            u = vrng.random()
            if u < 0.03 and dirty and "spell-conflict" not in skip:
                rr = dict(rows[-1]); rr["DATUMEINDEHH"] = "20240331"
                rr["HUISHOUDNR"] = "%012d" % vrng.randrange(10 ** 11, 10 ** 12); rr["TYPHH"] = "7"
                rr["AANTALPERSHH"] = "1"; rr["REFPERSOONHH"] = "1"
                rows.append(rr); w.note("spell-same-begin-later-end-other-household", T)
                if vrng.random() < 0.5:
                    rows[-1], rows[-2] = rows[-2], rows[-1]
                    w.note("spell-conflict-extra-row-first", T)
            elif u < 0.05 and dirty and "spell-conflict" not in skip:
                rows[-1]["DATUMEINDEHH"] = "20501231"
                rr = dict(rows[-1]); rr["HUISHOUDNR"] = "%012d" % (int(last[0]) + 1)
                rows.append(rr); w.note("spell-same-begin-same-end", T)
                if vrng.random() < 0.5:
                    rows[-1], rows[-2] = rows[-2], rows[-1]
                    w.note("spell-conflict-extra-row-first", T)
    w.write(T, hdr, rows, True, cbs_opts(T))

    # ---- income: KOPPELPERSOONHUISHOUDEN<t>, INHA<t>
    unit_bij = {}
    for u in W.units:
        u["excluded"] = prng.random() < 0.01
        u["samhh_unknown"] = prng.random() < 0.01
        u["bbihj_unknown"] = prng.random() < 0.01
        u["ehal_unknown"] = prng.random() < 0.01
        u["lag"] = {}
        base = prng.uniform(50, 100) if u["low"] else prng.uniform(105, 340)
        for t in YEARS:
            u["lag"][t] = max(30, int(base * prng.uniform(0.9, 1.1)))
        u["lagl"] = prng.uniform(60, 100) if (u["low"] and prng.random() < 0.45) else prng.uniform(105, 300)
    for t in YEARS:
        T = "KOPPELPERSOONHUISHOUDEN%d" % t
        d = D(t, 12, 31)
        krows, hkws = [], {}
        for p in present:
            ph = phase_at(p, d)
            if ph is None or p["birth"] > d:
                continue
            ref = persons[ph["ref"]]
            krows.append({"RINPERSOONS": "R", "RINPERSOON": p["rin"], "RINPERSOONSHKW": "R", "RINPERSOONHKW": ref["rin"]})
            hkws.setdefault(ref["rin"], (ph, []))[1].append(p)
        hdr = ["RINPERSOONS", "RINPERSOON", "RINPERSOONSHKW", "RINPERSOONHKW"]
        o = cbs_opts(T)
        if t < 2023 and dirty and "header-case" not in skip and not o.get("header-case"):  # as the sample: lower case
            w.note("header-case", T, 4)
            hdr_l = [h.lower() for h in hdr]
            krows = [{h.lower(): v for h, v in r.items()} for r in krows]
            w.write(T, hdr_l, krows, True, o)
        else:
            w.write(T, hdr, krows, True, o)
        stem = "INHA%dTAB" % t
        hdr = "RINPERSOONSHKW;RINPERSOONHKW;INHAHL;INHSAMHH;INHBBIHJ;INHBESTINKH;INHGESTINKH;INHP100HGEST;INHP100HGESTES;INHARMLAG;INHARMLAGL;INHARMSOC;INHARMSOCL;INHEHALGR".split(";")
        irows = []
        for rin, (ph, mem) in hkws.items():
            u = ph["unit"]
            n = len(mem)
            nkid = sum(1 for m in mem if age_on(m, d) < 18)
            lag = u["lag"][t]
            samhh = {"single": "11", "couple": "21"}.get(u["kind"], "31")
            if ph["typ"] == "6":
                samhh = "4%d" % min(3, max(1, nkid))
            elif ph["typ"] in ("4", "5"):
                samhh = "3%d" % min(3, max(1, nkid))
            elif ph["typ"] == "1":
                samhh = "11"
            bij_active = u["bij_spell"] and u["bij_spell"][0] <= d and (u["bij_spell"][1] is None or u["bij_spell"][1] >= d)
            ref = persons[ph["ref"]]
            if bij_active:
                bb = "22"
            elif age_on(ref, d) >= 67:
                bb = "25"
            elif u["low"] and prng.random() < 0.4:
                bb = prng.choice(["21", "23", "24"])
            else:
                bb = prng.choice(["11", "11", "11", "13", "14"])
            eq = 1 + 0.5 * (n - 1 - nkid) + 0.3 * nkid
            gest = int(lag * 135)
            pct = max(1, min(100, int((lag - 35) / 3.1)))
            young = ph["begin"] > D(t - 3, 1, 1)
            r = {"RINPERSOONSHKW": "R", "RINPERSOONHKW": rin, "INHAHL": str(n),
                 "INHSAMHH": "88" if u["samhh_unknown"] else samhh, "INHBBIHJ": "99" if u["bbihj_unknown"] else pad(bb, stem, "INHBBIHJ"),
                 "INHBESTINKH": str(int(gest * eq)), "INHGESTINKH": str(gest), "INHP100HGEST": str(pct),
                 "INHP100HGESTES": str(pct), "INHARMLAG": str(lag),
                 "INHARMLAGL": miss("", stem, "INHARMLAGL", 0.4) if young else str(int(u["lagl"])),
                 "INHARMSOC": str(int(lag * 1.03)), "INHARMSOCL": miss("", stem, "INHARMSOCL", 0.4) if young else str(int(u["lagl"] * 1.03)),
                 "INHEHALGR": "9" if u["ehal_unknown"] else ("3" if u["low"] else prng.choice("112"))}
            if u["excluded"]:
                for c in ("INHP100HGEST", "INHP100HGESTES", "INHARMLAG", "INHARMLAGL", "INHARMSOC", "INHARMSOCL"):
                    r[c] = prng.choice(["-1", "-2", "-3", "-4"])
                w.note("income-excluded-negative", stem + "V")
            for k, code in (("samhh_unknown", "88"), ("bbihj_unknown", "99"), ("ehal_unknown", "9")):
                if u[k]:
                    w.note("income-sentinel-" + code, stem + "V")
            irows.append(r)
        if t == 2023:
            if dirty and "superseded-version-file" not in skip:
                wrong = [dict(r, INHARMLAG="55", INHP100HGESTES="1") for r in irows]
                w.write(stem + "V1", hdr, wrong, True, cbs_opts(stem + "V1"))
                w.note("superseded-version-file", "INHA2023TABV1 (V2 wins)")
                w.write(stem + "V2", hdr, irows, True, cbs_opts(stem + "V2"))
            else:
                w.write(stem + "V1", hdr, irows, True, {"filename": "cbs/%sV1.csv" % stem})
        else:
            w.write(stem + "V1", hdr, irows, True, cbs_opts(stem + "V1"))

    # ---- BIJSTANDUITKERINGTAB (spells set before INHA? no: drawn here, INHBBIHJ uses them above only if set)
    T = "BIJSTANDUITKERINGTAB2023V1"
    hdr = ["RINPERSOONS", "RINPERSOON", "BIJSTANDStatistiekcodeA", "BIJSTANDAanvangUitkeringPersoon1A",
           "BIJSTANDEindeUitkeringPersoon1A", "BIJSTANDIndicatieLopendA"]
    rows = []
    for u in W.units:
        if not u["bij_spell"]:
            continue
        ref = u["bij_ref"]
        b, e = u["bij_spell"]
        code = u["bij_code"]
        rows.append({"RINPERSOONS": "R", "RINPERSOON": ref["rin"], "BIJSTANDStatistiekcodeA": pad(code, T, "BIJSTANDStatistiekcodeA"),
                     "BIJSTANDAanvangUitkeringPersoon1A": f8(b), "BIJSTANDEindeUitkeringPersoon1A": open_end(e, T),
                     "BIJSTANDIndicatieLopendA": "1" if (e is None or e > P) else "0"})
        if u["bij_supp"]:  # an individual supplement (18) next to it
            rows.append({"RINPERSOONS": "R", "RINPERSOON": ref["rin"], "BIJSTANDStatistiekcodeA": "18",
                         "BIJSTANDAanvangUitkeringPersoon1A": f8(D(2023, 3, 1)), "BIJSTANDEindeUitkeringPersoon1A": "20230331",
                         "BIJSTANDIndicatieLopendA": "0"})
    prng.shuffle(rows)
    w.write(T, hdr, rows, True, cbs_opts(T))

    # ---- youth care / protection
    minors = [p for p in present if p["birth"].year >= 2003]
    jh_rows, jb_rows = [], []
    jh_spells = defaultdict(list)
    for p in minors:
        ph = phase_at(p, P) or (p["hh"][-1][3] if p["hh"] else None)
        risk = ph["unit"]["risk"] if ph else 0.5
        if ph and ph["unit"]["bijstand"]:
            risk *= 1.7
        if prng.random() < min(0.5, 0.12 * risk):
            for _ in range(prng.choice([1, 1, 2])):
                b = rdate(prng, max(p["birth"], D(2019, 1, 1)), D(2023, 11, 30))
                e = None if prng.random() < 0.25 else b + dt.timedelta(prng.randint(30, 700))
                jh_spells[p["pid"]].append(("21", b, e))
        if prng.random() < min(0.2, 0.02 * risk):
            b = rdate(prng, max(p["birth"], D(2019, 1, 1)), D(2023, 11, 30))
            e = None if prng.random() < 0.3 else b + dt.timedelta(prng.randint(60, 900))
            jh_spells[p["pid"]].append((prng.choice(["11", "12", "13", "14"]), b, e))
            if prng.random() < 0.6:
                jb_b = b - dt.timedelta(prng.randint(0, 120))
                jb_b = max(jb_b, p["birth"])
                jb_rows.append((p, prng.choice(["11", "12", "21", "22", "23"]), jb_b, None if e is None else e + dt.timedelta(30)))
        elif prng.random() < min(0.2, 0.035 * risk):
            b = rdate(prng, max(p["birth"], D(2016, 1, 1)), D(2023, 11, 30))
            e = None if prng.random() < 0.3 else b + dt.timedelta(prng.randint(180, 1000))
            jb_rows.append((p, prng.choices(["11", "12", "21", "22", "23"], [50, 17, 15, 9, 9])[0], b, e))
    T = "JGDHULP2023BUSV1"
    rows = []
    for pid, sps in sorted(jh_spells.items()):
        for code, b, e in sps:
            rows.append({"RINPERSOONS": "R", "RINPERSOON": persons[pid]["rin"], "JGDHHULPVORM": pad(code, T, "JGDHHULPVORM"),
                         "JGDHGELDIGHEIDBEGINDATUM": f8(b), "JGDHGELDIGHEIDEINDDATUM": open_end(e, T)})
    w.write(T, ["RINPERSOONS", "RINPERSOON", "JGDHHULPVORM", "JGDHGELDIGHEIDBEGINDATUM", "JGDHGELDIGHEIDEINDDATUM"], rows, True, cbs_opts(T))
    hdr = ["RINPERSOONS", "RINPERSOON", "JGDBMAATREGEL", "JGDBGELDIGHEIDBEGINDATUM", "JGDBGELDIGHEIDEINDDATUM"]
    Tt = "JGDBESCHERM2023BUSV10" if dirty and "superseded-version-file" not in skip else "JGDBESCHERM2023BUSV1"
    rows = [{"RINPERSOONS": "R", "RINPERSOON": p["rin"], "JGDBMAATREGEL": pad(c, Tt, "JGDBMAATREGEL"),
             "JGDBGELDIGHEIDBEGINDATUM": f8(b), "JGDBGELDIGHEIDEINDDATUM": open_end(e, Tt)} for p, c, b, e in jb_rows]
    if Tt.endswith("V10"):
        wrong = [{"RINPERSOONS": "R", "RINPERSOON": p["rin"], "JGDBMAATREGEL": "11", "JGDBGELDIGHEIDBEGINDATUM": "20230101",
                  "JGDBGELDIGHEIDEINDDATUM": "20231231"} for p in present if 2006 <= p["birth"].year <= 2022]
        w.write("JGDBESCHERM2023BUSV9", hdr, wrong, True, cbs_opts("JGDBESCHERM2023BUSV9"))
        w.note("superseded-version-file", "JGDBESCHERM2023BUSV9 (V10 wins)")
        w.write(Tt, hdr, rows, True, cbs_opts(Tt))
    else:
        w.write(Tt, hdr, rows, True, {"filename": "cbs/%s.csv" % Tt})
    # bijstand spells for income (INHBBIHJ written above used u.get('bij_spell'), None => not 22): keep simple

    # ---- VERDTAB, HOOGSTEOPLTAB
    T = "VERD2023TABV1"
    rows = []
    for p in present:
        if age_on(p, P) < 18:
            continue
        ph = phase_at(p, P)
        parent = ph is not None and ph["typ"] in ("4", "5", "6")
        if prng.random() < (0.06 if parent and ph["unit"]["risk"] > 0.8 else 0.02):
            for y in sorted(set(prng.randint(2015, 2023) for _ in range(prng.choice([1, 1, 2])))):
                rows.append({"RINPERSOONS": "R", "RINPERSOON": p["rin"], "VERDJAAR": str(y)})
    w.write(T, ["RINPERSOONS", "RINPERSOON", "VERDJAAR"], rows, True, cbs_opts(T))
    T = "HOOGSTEOPL2023TABV1"
    rows = []
    for p in present:
        if age_on(p, P) < 15 or prng.random() < 0.15:
            continue
        lvl = prng.choices("123", [35, 40, 25])[0]
        code = prng.choice({"1": ["1111", "1211", "1212", "1213"], "2": ["2111", "2112", "2121", "2131"],
                            "3": ["3111", "3112", "3211", "3212", "3213"]}[lvl])
        rows.append({"RINPERSOONS": "R", "RINPERSOON": p["rin"], "OPLNIVSOI2016AGG4HB": code, "GEWICHTHOOGSTEOPL": "1"})
    w.write(T, ["RINPERSOONS", "RINPERSOON", "OPLNIVSOI2016AGG4HB", "GEWICHTHOOGSTEOPL"], rows, True, cbs_opts(T))

    # ---- schools
    pupils = defaultdict(list)  # school -> list of (person)
    fam_school = {}
    for p in present:
        if p["birth"].year < 2008 or p["birth"].year > 2020:
            continue
        ph = phase_at(p, D(2023, 10, 1)) or phase_at(p, P)
        if ph is None:
            continue
        o = addr_at(p, D(2023, 10, 1)) or addr_at(p, P)
        buurt = W.objects[o]["buurt"]
        key = ph["hhnr"]
        if key not in fam_school:
            ch = SCHOOL_CHOICE.get(buurt, [("SYNTHBRIN03", 0.40), (None, 0.60)])
            fam_school[key] = prng.choices([c[0] for c in ch], [c[1] for c in ch])[0]
        s = fam_school[key]
        if s:
            pupils[s].append(p)
    school_records = defaultdict(list)  # pid -> list of (school, leerling_key)
    bsn_in_files = {}
    onr_only = {}
    used_onr = set()

    def new_onr():
        while True:
            s = "10" + "%07d" % vrng.randrange(10 ** 7)
            if onr_ok(s) and s not in used_onr:
                used_onr.add(s); return s

    def fmt_bsn(bsn, fname):
        """BSN cell in a school/care/crosswalk file."""
        r = vrng.random()
        if r < 0.03 and w.dirty and "bsn-spaces" not in skip:
            w.note("bsn-spaces", fname); return "%s %s %s" % (bsn[:3], bsn[3:6], bsn[6:])
        if r < 0.06 and w.dirty and "bsn-dots" not in skip:
            w.note("bsn-dots", fname); return "%s.%s.%s" % (bsn[:4], bsn[4:6], bsn[6:])
        if bsn.startswith("0") and r < 0.40 and w.dirty and "bsn-8digit" not in skip:
            w.note("bsn-8digit", fname); return bsn[1:]
        return bsn

    for s in SCHOOLS:
        base = "school/%s/" % s
        kids = sorted(pupils[s], key=lambda p: (p["birth"], p["rin"]))
        prng.shuffle(kids)
        lk = {p["pid"]: "L%06d" % (100001 + i) for i, p in enumerate(kids)}
        lrows, vrows, trows, arows, zrows = [], [], [], [], []
        fn_l = base + "school_leerlingen.csv"
        for p in kids:
            if w.on("onderwijsnummer-only", 0.02) and "onderwijsnummer-only" not in skip:
                onr_only.setdefault(p["pid"], new_onr())
            gw = prng.choices(["0.00", "0.30", "1.20"], [60, 15, 25])[0]
            support = prng.random() < 0.18
            arr_clean = prng.choice(["Extra begeleiding lezen", "Plusklas", "RT rekenen", "Taalklas nieuwkomers"]) if support else ""
            opp = "J" if prng.random() < 0.06 else "N"
            tlv = prng.choice(["H", "M", "L"]) if prng.random() < 0.03 else "Nvt"
            vve = "J" if prng.random() < 0.3 else "N"
            inst = None
            for y in SCHOOL_YEARS:
                oct1 = D(y, 10, 1)
                a = age_on(p, oct1)
                fourth = D(p["birth"].year + 4, p["birth"].month, min(p["birth"].day, 28))
                if 4 <= a <= 11:
                    grp = a - 3
                elif a == 3 and fourth <= D(y + 1, 5, 31):
                    grp = 1
                else:
                    continue
                if inst is None:
                    inst = max(fourth, SCHOOL_START[y]) if grp == 1 else max(fourth, SCHOOL_START[y] - dt.timedelta(365 * (grp - 1)))
                    if school_day(inst) is False:
                        while not school_day(inst):
                            inst += dt.timedelta(1)
                start = max(inst, SCHOOL_START[y])
                sy = "%d-%d" % (y, y + 1)
                o = addr_at(p, oct1) or addr_at(p, P) or p["addr"][-1][0]
                obj = W.objects[o]
                uit = SCHOOL_END[y].isoformat() if grp == 8 else ""
                arr = arr_clean
                if arr and w.on("quoted-free-text", 0.35):
                    arr = vrng.choice(['Extra begeleiding; lezen', 'Plusklas "Denkwerk"', 'RT rekenen\nvervolg in groep %d' % min(8, grp + 1),
                                       'Arrangement "taal"; 2 x per week\r\nmet IB'])
                    w.note("quoted-free-text", fn_l)
                bsn, onr = p["bsn"], ""
                if p["pid"] in onr_only:
                    bsn, onr = "", onr_only[p["pid"]]
                    w.note("onderwijsnummer-only", fn_l)
                else:
                    bsn = fmt_bsn(bsn, fn_l)
                    bsn_in_files[p["pid"]] = p["bsn"]
                lrows.append({"leerling_key": lk[p["pid"]], "bsn": bsn, "onderwijsnummer": onr, "achternaam": p["sur"],
                              "voorvoegsel": p["pre"], "voornamen": p["first"] + (" " + p["first2"] if p["first2"] != p["first"] else ""),
                              "roepnaam": p["first"], "geboortedatum": iso(p["birth"]), "geslacht": p["sex"], "postcode": obj["pc6"],
                              "huisnummer": obj["huisnr"], "huisnummer_toevoeging": "", "brin": s, "vestiging": "01",
                              "schooljaar": sy, "groep_key": "G%dA" % grp, "groep_naam": "Groep %d" % grp, "jaargroep": str(grp),
                              "instroomdatum": iso(inst), "uitstroomdatum": uit, "leerlinggewicht": gw,
                              "ondersteuningsprofiel": prng.choices(["basis", "plus", "bespreek", "ondersteuning"], [80, 8, 6, 6])[0],
                              "arrangement": arr, "opp": opp, "tlv_categorie": tlv, "vve_deelname": vve})
                school_records[p["pid"]].append((s, lk[p["pid"]], y, grp))
                # absences
                days = [start + dt.timedelta(i) for i in range((SCHOOL_END[y] - start).days + 1)]
                days = [d for d in days if school_day(d) and d <= D(2024, 7, 5)]
                if not days:
                    continue
                taken = set()

                def free_day(pool):
                    for _ in range(20):
                        d = prng.choice(pool)
                        if d not in taken:
                            taken.add(d)
                            return d
                    return None
                nsick = prng.choice([0, 1, 2, 3, 3, 4, 5, 6, 8]) if prng.random() > 0.04 else prng.randint(18, 26)
                for _ in range(nsick):
                    d = free_day(days)
                    if d:
                        vrows.append((lk[p["pid"]], sy, d, prng.choice(["1.0", "2.0", "3.0", "4.5", "5.5"]), "geoorloofd", "ziek", "", ""))
                if prng.random() < 0.2:
                    d = free_day(days)
                    if d:
                        vrows.append((lk[p["pid"]], sy, d, "2.0", "geoorloofd", "medisch", "", ""))
                if prng.random() < 0.25:
                    d = free_day(days)
                    if d:
                        vrows.append((lk[p["pid"]], sy, d, "0.5", "ongeoorloofd", "te_laat", "", ""))
                hol = [(a, b) for a, b in HOLIDAYS_ZUID if start < a and b < SCHOOL_END[y] and (b - a).days < 20]
                if hol and prng.random() < 0.03:  # luxe verzuim: the school day before a holiday
                    a, b = prng.choice(hol)
                    d = a - dt.timedelta(1)
                    while not school_day(d):
                        d -= dt.timedelta(1)
                    if d < start or d in taken:
                        continue
                    taken.add(d)
                    vrows.append((lk[p["pid"]], sy, d, "5.5", "ongeoorloofd", "luxe_verzuim", "luxe", iso(d + dt.timedelta(4))))
                    w.note("luxe-verzuim-before-holiday", base + "school_verzuim.csv")
                d = None
                if hol and prng.random() < 0.08:  # sick on the day after a holiday
                    a, b = prng.choice(hol)
                    d = b + dt.timedelta(1)
                    while not school_day(d):
                        d += dt.timedelta(1)
                    if d in taken or d < start:
                        d = None
                if hol and d:
                    taken.add(d)
                    vrows.append((lk[p["pid"]], sy, d, "5.5", "geoorloofd", "ziek", "", ""))
                    w.note("absence-holiday-adjacent", base + "school_verzuim.csv")
                if hol and prng.random() < 0.015 and grp >= 3:
                    # 4 h unauthorised in each of the 2 school weeks before and the 2 after a holiday; no DUO report
                    a, b = prng.choice(hol)
                    # Monday of the last school week before the holiday (holidays start on a Saturday)
                    mon_before = a - dt.timedelta(days=a.weekday()) if a.weekday() >= 5 else a - dt.timedelta(days=a.weekday() + 7)
                    after = b + dt.timedelta(1)
                    weeks = [mon_before - dt.timedelta(7), mon_before, after, after + dt.timedelta(7)]
                    ok = True
                    picks = []
                    for wk in weeks:
                        cand = [wk + dt.timedelta(i) for i in range(2, 5) if school_day(wk + dt.timedelta(i))
                                and wk + dt.timedelta(i) >= start and wk + dt.timedelta(i) not in taken]
                        if not cand:
                            ok = False; break
                        picks.append(cand[0])
                    if ok:
                        taken.update(picks)
                        for d in picks:
                            vrows.append((lk[p["pid"]], sy, d, "4.0", "ongeoorloofd", "overig", "", ""))
                        w.note("absence-16u-spanning-holiday", base + "school_verzuim.csv")
                # tests, advice
                if grp >= 3:
                    score = int(prng.gauss(120 + 8 * grp, 15))
                    for mom in ("M", "E"):
                        for dom in ("rekenen", "begrijpend_lezen", "spelling"):
                            ref = ""
                            if grp == 8 and mom == "E":
                                q = prng.random()
                                if dom == "rekenen":
                                    ref = "<1F" if q < 0.15 else ("1F" if q < 0.75 else "1S")
                                else:
                                    ref = "<1F" if q < 0.06 else ("1F" if q < (0.45 if dom == "begrijpend_lezen" else 0.55) else "2F")
                            niv = "I" if score > 190 else ("II" if score > 170 else ("III" if score > 150 else ("IV" if score > 130 else "V")))
                            trows.append({"leerling_key": lk[p["pid"]], "schooljaar": sy, "toetsmoment": mom, "toets": "LVS",
                                          "domein": dom, "vaardigheidsscore": str(score), "niveau": niv, "referentieniveau": ref})
                if grp == 8:
                    i = prng.choices(range(len(ADVICE)), ADVICE_W)[0]
                    adv = ADVICE[i] if prng.random() > 0.01 else "80"
                    ti = min(len(ADVICE) - 1, max(0, i + prng.choice([-1, 0, 0, 0, 1, 1])))
                    herz = ADVICE[ti] if ti > i and prng.random() < 0.5 else ""
                    arows.append({"leerling_key": lk[p["pid"]], "schooljaar": sy, "voorlopig_advies": adv, "definitief_advies": adv,
                                  "doorstroomtoets_code": "DT-ROUTE8", "doorstroomtoets_advies": ADVICE[ti], "herzien_advies": herz})
                    p.setdefault("advice", {})[y] = (adv, ADVICE[ti], herz)
                if prng.random() < 0.06:
                    d = prng.choice(days)
                    typ = prng.choices(["zorgmelding", "verwijzing", "overig"], [60, 30, 10])[0]
                    org = prng.choice(ORG_BY_TYPE["JEUGDHULP_AMBULANT"] + ORG_BY_TYPE["WIJKTEAM"] + ORG_BY_TYPE["GGZ"]) if typ == "verwijzing" else ""
                    zrows.append({"signaal_id": "S%02d%06d" % (SCHOOLS.index(s) + 1, 100001 + len(zrows)), "leerling_key": lk[p["pid"]],
                                  "datum": iso(d), "signaal_type": typ,
                                  "domein": prng.choice(["gedrag", "sociaal_emotioneel", "leren", "thuissituatie", "gezondheid", "verzuim", "overig"]),
                                  "ingebracht_door": prng.choice(["leerkracht", "intern_begeleider", "ouder", "jgz", "wijkteam"]),
                                  "verwezen_naar_organisatie_id": org, "status": prng.choice(["open", "in_behandeling", "afgesloten"])})
                    p.setdefault("signals", []).append((d, org))
        LH = "leerling_key;bsn;onderwijsnummer;achternaam;voorvoegsel;voornamen;roepnaam;geboortedatum;geslacht;postcode;huisnummer;huisnummer_toevoeging;brin;vestiging;schooljaar;groep_key;groep_naam;jaargroep;instroomdatum;uitstroomdatum;leerlinggewicht;ondersteuningsprofiel;arrangement;opp;tlv_categorie;vve_deelname".split(";")
        w.write(fn_l, LH, lrows, False, lplan.get(fn_l))
        VH = "leerling_key;schooljaar;datum;lesuren_afwezig;soort;reden;duo_melding_type;duo_meldingsdatum".split(";")
        vrows.sort(key=lambda r: (r[0], r[2]))
        w.write(base + "school_verzuim.csv", VH, [dict(zip(VH, (a, b, iso(c), d, e, f, g, h))) for a, b, c, d, e, f, g, h in vrows],
                False, lplan.get(base + "school_verzuim.csv"))
        RH = ["brin", "vestiging", "schooljaar", "jaargroep", "geplande_lesuren"]
        w.write(base + "school_lesrooster.csv", RH, [{"brin": s, "vestiging": "01", "schooljaar": "%d-%d" % (y, y + 1), "jaargroep": str(g),
                                                      "geplande_lesuren": "940"} for y in SCHOOL_YEARS for g in range(1, 9)],
                False, lplan.get(base + "school_lesrooster.csv"))
        w.write(base + "school_toetsen.csv", "leerling_key;schooljaar;toetsmoment;toets;domein;vaardigheidsscore;niveau;referentieniveau".split(";"),
                trows, False, lplan.get(base + "school_toetsen.csv"))
        w.write(base + "school_advies.csv", "leerling_key;schooljaar;voorlopig_advies;definitief_advies;doorstroomtoets_code;doorstroomtoets_advies;herzien_advies".split(";"),
                arows, False, lplan.get(base + "school_advies.csv"))
        w.write(base + "school_zorgsignalen.csv", "signaal_id;leerling_key;datum;signaal_type;domein;ingebracht_door;verwezen_naar_organisatie_id;status".split(";"),
                zrows, False, lplan.get(base + "school_zorgsignalen.csv"))

    # ---- the school holidays the schools follow (wijkbeeld's schoolvakanties layout: README, Inputs)
    w.write("school/schoolvakanties.csv", ["regio", "schooljaar", "vakantie", "eerste_dag", "laatste_dag"],
            [{"regio": "zuid", "schooljaar": "%d-%d" % ((a.year, a.year + 1) if a.month >= 8 else (a.year - 1, a.year)),
              "vakantie": "vakantie", "eerste_dag": iso(a), "laatste_dag": iso(b)} for a, b in HOLIDAYS_ZUID],
            False, None)

    # ---- INSCHRWPOTAB<t> (school year t-(t+1))
    for t in YEARS:
        T = "INSCHRWPOTAB%dV1" % t
        rows = []
        for pid, recs in sorted(school_records.items()):
            p = persons[pid]
            for s, key, y, grp in recs:
                if y != t:
                    continue
                r = {"RINPERSOONS": "R", "RINPERSOON": p["rin"], "WPOBRIN_crypt": SCHOOL_CRYPT[s], "WPOBRINVEST": "00",
                     "WPOTYPEPO": "BO", "WPODENOMINATIE": "4" if s != "SYNTHBRIN02" else "1",
                     "WPOLEERJAAR": (" %d" % grp) if (w.dirty and "space-padded-code" not in skip) else str(grp),
                     "WPOGROEPSGROOTTE": "22", "WPOVERBLIJFSJRINST": str(grp)}
                if w.dirty and "space-padded-code" not in skip:
                    w.note("space-padded-code", T + ":WPOLEERJAAR")
                if grp == 8 and p.get("advice", {}).get(y):
                    adv, ta, herz = p["advice"][y]
                    r.update({"WPOCODEEINDTOETS": "1", "WPOUITSLAGEINDTOETS": str(prng.randint(501, 550)),
                              "WPOREKENEN": prng.choice("1234"), "WPOTAALLV": prng.choice("1234"), "WPOTAALTV": prng.choice("1234"),
                              "WPOTOETSADVIES": ta, "WPOADVIESVO": adv, "WPOADVIESHERZ": herz})
                else:
                    for c in ("WPOCODEEINDTOETS", "WPOUITSLAGEINDTOETS", "WPOREKENEN", "WPOTAALLV", "WPOTAALTV",
                              "WPOTOETSADVIES", "WPOADVIESVO", "WPOADVIESHERZ"):
                        r[c] = miss("", T, c, 0.02)
                rows.append(r)
        hdr = "RINPERSOONS;RINPERSOON;WPOBRIN_crypt;WPOBRINVEST;WPOTYPEPO;WPODENOMINATIE;WPOLEERJAAR;WPOGROEPSGROOTTE;WPOVERBLIJFSJRINST;WPOCODEEINDTOETS;WPOUITSLAGEINDTOETS;WPOREKENEN;WPOTAALLV;WPOTAALTV;WPOTOETSADVIES;WPOADVIESVO;WPOADVIESHERZ".split(";")
        w.write(T, hdr, rows, True, cbs_opts(T))

    # ---- care register
    fn_c = "care/care_episodes.csv"
    eps = []

    def ep(p, org, start, end, statutory="0", ref=""):
        eps.append((p, org, start, end, statutory, ref))

    for pid, sps in jh_spells.items():
        p = persons[pid]
        for code, b, e in sps:
            if prng.random() < 0.75:
                org = prng.choice(ORG_BY_TYPE["JEUGDHULP_VERBLIJF" if code != "21" else "JEUGDHULP_AMBULANT"])
                ep(p, org, b, e, "0", prng.choice(["WIJKTEAM", "HUISARTS", "JGZ", ""]))
    for p, c, b, e in jb_rows:
        ep(p, prng.choice(ORG_BY_TYPE["GI_JEUGDBESCHERMING"]), b, e, "1", "VEILIG_THUIS")
    for p in present:
        if p.get("signals") and prng.random() < 0.6:
            d, org = p["signals"][0]
            org = org or prng.choice(ORG_BY_TYPE["WIJKTEAM"] + ORG_BY_TYPE["JEUGDHULP_AMBULANT"])
            s = d + dt.timedelta(prng.randint(5, 200))
            ep(p, org, s, None if prng.random() < 0.5 else s + dt.timedelta(prng.randint(30, 300)), "0", "SCHOOL_ZORG")
    for u in W.units:
        if u["kind"] not in ("family", "single_parent"):
            continue
        ph = unit_phases[u["id"]][-1]
        mem = [persons[m] for m in ph["members"] if not persons[m].get("gone")]
        ad = [m for m in mem if age_on(m, P) >= 18]
        ch = [m for m in mem if age_on(m, P) < 18]
        if not ad:
            continue
        r = u["risk"]
        if prng.random() < 0.12 * r:
            ep(prng.choice(ad), prng.choice(ORG_BY_TYPE["WIJKTEAM"]), rdate(prng, D(2020, 1, 1), D(2023, 10, 1)), None, "0", "")
        if u["bijstand"] and prng.random() < 0.3:
            ep(ad[0], "ORG122", rdate(prng, D(2020, 1, 1), D(2023, 10, 1)), None, "0", "WIJKTEAM")
        if prng.random() < 0.08 * r:
            s = rdate(prng, D(2020, 1, 1), D(2023, 10, 1))
            ep(prng.choice(ad), prng.choice(ORG_BY_TYPE["GGZ"]), s, s + dt.timedelta(prng.randint(60, 500)), "0", "HUISARTS")
        if prng.random() < 0.03 * r:
            ep(prng.choice(ch or ad), "ORG119", rdate(prng, D(2021, 1, 1), D(2023, 10, 1)), None, "0", "POLITIE")
        for c in ch:
            if age_on(c, P) <= 4 and prng.random() < 0.3:
                ep(c, "ORG105", max(c["birth"], D(2021, 1, 1)), None, "0", "")
    eps.sort(key=lambda x: (x[2], x[0]["rin"]))
    rows = []
    CH = "episode_id;bsn;achternaam;voorvoegsel;voornamen;geboortedatum;geslacht;postcode;huisnummer;household_key;organisation_id;organisation_type;service_code;service_label;start_date;end_date;referral_source;is_statutory".split(";")
    for i, (p, org, s, e, st, ref) in enumerate(eps):
        o = addr_at(p, s) or addr_at(p, P) or p["addr"][-1][0]
        ph = phase_at(p, s) or phase_at(p, P) or p["hh"][-1][3]
        obj = W.objects[o]
        ot = ORG_TYPE[org]
        code = "S%02d" % (10 + ORGS.index(next(x for x in ORGS if x[0] == org)) % 40)
        label = "Begeleiding %s traject %d" % (ot.lower(), i % 17)
        if w.on("quoted-free-text", 0.05):
            label = vrng.choice(['Begeleiding %s; traject "%d"' % (ot.lower(), i % 17), 'Intake "%s"\nvervolg ambulant' % ot.lower(),
                                 'Traject; "gezin"\r\nfase 2'])
            w.note("quoted-free-text", fn_c)
        bsn_in_files[p["pid"]] = p["bsn"]
        rows.append({"episode_id": "E%07d" % (1000001 + i), "bsn": fmt_bsn(p["bsn"], fn_c), "achternaam": p["sur"], "voorvoegsel": p["pre"],
                     "voornamen": p["first"], "geboortedatum": iso(p["birth"]), "geslacht": p["sex"], "postcode": obj["pc6"],
                     "huisnummer": obj["huisnr"], "household_key": ph["unit"]["key"], "organisation_id": org, "organisation_type": ot,
                     "service_code": code, "service_label": label, "start_date": iso(s), "end_date": iso(e) if e else "",
                     "referral_source": ref, "is_statutory": st})
    w.write(fn_c, CH, rows, False, lplan.get(fn_c))
    fn_o = "care/organisations.csv"
    orows = []
    for oid, name, typ in ORGS:
        nm = name + " [SYNTHETIC]"
        if w.on("quoted-free-text", 0.25):
            nm = vrng.choice(['%s; locatie "Noord" [SYNTHETIC]', 'Stichting "%s" [SYNTHETIC]', '%s\nafdeling jeugd [SYNTHETIC]']) % name
            w.note("quoted-free-text", fn_o)
        n = ORGS.index((oid, name, typ))
        orows.append({"organisation_id": oid, "organisation_name": nm, "organisation_type": typ,
                      "agb_code": "" if typ in ("POLITIE", "LEERPLICHT") else "%08d" % (3000000 + 7919 * n),
                      "kvk_nummer": "%08d" % (50000000 + 104729 * n), "is_synthetic": "1"})
    w.write(fn_o, "organisation_id;organisation_name;organisation_type;agb_code;kvk_nummer;is_synthetic".split(";"), orows, False, lplan.get(fn_o))

    # ---- crosswalk (about 95 % of the BSNs in school and care files)
    fn_x = "crosswalk/bsn_rin_crosswalk.csv"
    rows = []
    for pid in sorted(bsn_in_files):
        p = persons[pid]
        if p.get("gone") or prng.random() > 0.95:
            continue
        rows.append({"bsn": fmt_bsn(p["bsn"], fn_x), "RINPERSOONS": "R", "RINPERSOON": p["rin"]})
    prng.shuffle(rows)
    w.write(fn_x, ["bsn", "RINPERSOONS", "RINPERSOON"], rows, False, lplan.get(fn_x))

    # ---- geo, readme, key, truth
    with open(os.path.join(SAMPLE, "geo", "geo_lookup.csv"), newline="") as fh:
        g = list(csv.reader(fh, delimiter=";"))
    w.write("geo/geo_lookup.csv", g[0], [dict(zip(g[0], r)) for r in g[1:]], False, lplan.get("geo/geo_lookup.csv"))
    shutil.copyfile(os.path.join(SAMPLE, "SAMPLE-KEY-NOT-FOR-REAL-DATA.hex"), os.path.join(out, "SAMPLE-KEY-NOT-FOR-REAL-DATA.hex"))
    with open(os.path.join(out, "README.txt"), "w") as fh:
        fh.write("SYNTHETIC DATA generated by `Tests/Oracles/dirty_inputs.py --seed %d --persons %d%s`.\n"
                 "No real person is described here. The truth_oracle/ folder is for tests only;\n"
                 "the pipeline never reads it.\n" % (seed, n_persons, "" if dirty else " --clean"))
    # structural counts (both forms)
    for p in present:
        if p.get("twin"):
            pass
    tdir = os.path.join(out, "truth_oracle")
    os.makedirs(tdir, exist_ok=True)
    with open(os.path.join(tdir, "variants.csv"), "w") as fh:
        fh.write("variant;file;count\n")
        merged = Counter()
        for (v, f), n in w.counts.items():
            base, sep, col = f.partition(":")
            base = base.split(" ")[0].rstrip("*")
            for cand in (base, base + "V2", base + "V1", base[:-1] + "V2" if base.endswith("V") else None,
                         base[:-1] + "V1" if base.endswith("V") else None):
                if cand in w.names:
                    base = w.names[cand]
                    break
            merged[(v, base + (":" + col if col else ""))] += n
        for (v, f), n in sorted(merged.items()):
            fh.write("%s;%s;%d\n" % (v, f, n))
    kids412 = [p for p in present if 4 <= age_on(p, P) <= 12]
    with open(os.path.join(tdir, "settings.csv"), "w") as fh:
        fh.write("setting;value\nseed;%d\npersons_requested;%d\npersons_in_cbs;%d\nchildren_4_12_on_20231231;%d\nform;%s\n"
                 % (seed, n_persons, len(present), len(kids412), "dirty" if dirty else "clean"))
    return w


ALL_VARIANTS = ["open-end-empty", "open-end-quoted-empty", "open-end-20991231", "birth-month-day-unknown",
                "birth-day-unknown", "nonR-legal-parent", "spell-conflict", "superseded-version-file",
                "onderwijsnummer-only", "bsn-spaces", "bsn-dots", "bsn-8digit", "space-padded-code", "missing-token",
                "quoted-free-text", "crlf", "bom", "no-final-lf", "columns-shuffled", "extra-column", "header-case",
                "file-name-case", "header-space-padded"]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--persons", type=int, default=6000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--clean", action="store_true", help="write the same population without any variant")
    ap.add_argument("--skip", action="append", default=[], help="leave one variant out (repeatable), e.g. no-final-lf")
    ap.add_argument("--only", action="append", default=[], help="apply only this variant (repeatable); implies dirty")
    ap.add_argument("--force", action="store_true", help="replace an existing --out")
    a = ap.parse_args(argv)
    if a.only:
        bad = set(a.only) - set(ALL_VARIANTS)
        if bad:
            sys.exit("unknown variant(s) %s; known: %s" % (", ".join(sorted(bad)), ", ".join(ALL_VARIANTS)))
        a.skip += [v for v in ALL_VARIANTS if v not in a.only]
    if os.path.exists(a.out):
        if not a.force and os.listdir(a.out):
            sys.exit("%s exists and is not empty (use --force)" % a.out)
        shutil.rmtree(a.out)
    os.makedirs(a.out)
    w = generate(a.seed, a.persons, a.out, not a.clean, a.skip)
    tot = Counter()
    for (v, f), n in w.counts.items():
        tot[v] += n
    for v, n in sorted(tot.items()):
        print("%-45s %6d" % (v, n))


if __name__ == "__main__":
    main()
