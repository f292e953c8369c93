#!/usr/bin/env python3
"""Independent DuckDB reference for IND17-IND24 (care register and school indicators).

Written from /work/shared/domain/*.md and /work/main/README.md only (no Swift code read).
Readings chosen here are listed in READINGS_school_care.md beside this file.

Usage:
    .venv-oracle/bin/python Tests/Oracles/reference/school_care_indicators.py INPUT_FOLDER PERIOD OUT.csv
         [--pilot-start=2022-08-01] [--inkomen=both|schuldhulp|bijstand] [--domains=strict|wide]
         [--vintage=YYYY] [--link=truth]

--inkomen: what counts as the income-support domain of IND17 (READINGS R18; default both).
--domains=wide: diagnosis only (adds JEUGDRECLASSERING, LEERPLICHT, GGZ to domains).
--link=truth: diagnosis only, links every care episode to its true person from truth/care_episodes.csv
  (an upper bound for the tool's probabilistic linkage); never use it as the oracle's answer.

PERIOD is a calendar year (2023) or a month (2023-06).  Output: CSV, ';', header
indicator_id;period;geo_level;geo_code;breakdown;numerator;denominator
unrounded, sorted.  For a mean cell numerator = sum, denominator = number of units; for a
median cell numerator = the median, denominator = number of units.
"""
import calendar
import datetime as dt
import os
import re
import sys

import csv

import duckdb

# --------------------------------------------------------------------------------------------
# School holidays, region zuid (Tilburg), primary schools.  Source: Rijksoverheid
# "Schoolvakanties" (https://www.rijksoverheid.nl/onderwerpen/schoolvakanties/overzicht-schoolvakanties-per-schooljaar),
# as reproduced by vakantiespreiding.eu / trotsemoeders.nl (2021-2022), kidsproofplus.nl /
# firstservices.nl (2022-2023), vliegticketpunt.nl / nieuws.nl (2023-2024).  Herfst- and
# voorjaarsvakantie are OCW advisory dates; schools may deviate.  Summer 2021 zuid is from memory
# (not re-verified) and only matters for August 2021.
HOLIDAYS_ZUID = [
    # (name, first day, last day)  inclusive
    ("zomer 2021", "2021-07-24", "2021-09-05"),
    ("herfst 2021", "2021-10-23", "2021-10-31"),
    ("kerst 2021", "2021-12-25", "2022-01-09"),
    ("voorjaar 2022", "2022-02-26", "2022-03-06"),
    ("mei 2022", "2022-04-30", "2022-05-08"),
    ("zomer 2022", "2022-07-23", "2022-09-04"),
    ("herfst 2022", "2022-10-22", "2022-10-30"),
    ("kerst 2022", "2022-12-24", "2023-01-08"),
    ("voorjaar 2023", "2023-02-18", "2023-02-26"),
    ("mei 2023", "2023-04-29", "2023-05-07"),
    ("zomer 2023", "2023-07-15", "2023-08-27"),
    ("herfst 2023", "2023-10-14", "2023-10-22"),
    ("kerst 2023", "2023-12-23", "2024-01-07"),
    ("voorjaar 2024", "2024-02-10", "2024-02-18"),
    ("mei 2024", "2024-04-27", "2024-05-05"),
    ("zomer 2024", "2024-07-06", "2024-08-18"),
]

# organisation_type -> IND17 "island" domain (README: school care, youth care, youth protection,
# police, Veilig Thuis, income support).  Order = order of the breakdown names.
DOMAINS = ["schoolzorg", "jeugdhulp", "jeugdbescherming", "politie", "veilig_thuis", "inkomen"]
DOMAIN_MAP_STRICT = {
    "SCHOOL_ZORG": "schoolzorg",
    "JEUGDHULP_AMBULANT": "jeugdhulp",
    "JEUGDHULP_VERBLIJF": "jeugdhulp",
    "GI_JEUGDBESCHERMING": "jeugdbescherming",
    # Decided reading (README, IND17): youth probation is carried out by the same certified institutions
    # (gecertificeerde instellingen) and counts as youth protection.
    "JEUGDRECLASSERING": "jeugdbescherming",
    "POLITIE": "politie",
    "VEILIG_THUIS": "veilig_thuis",
    "SCHULDHULP": "inkomen",
}
# a wider variant, only for diagnosis (--domains wide)
DOMAIN_MAP_WIDE = dict(DOMAIN_MAP_STRICT, JEUGDRECLASSERING="jeugdbescherming", LEERPLICHT="schoolzorg",
                       GGZ="jeugdhulp")

PILOT_START = "2022-08-01"
AREAS_GEBIED = {  # geography.md "Areas in reports" (buurt codes without prefix, or gemeente)
    "doelgebied": ("buurten", ["0855ZZ01"]),
    "wijk": ("buurten", ["0855ZZ01", "0855ZZ02"]),
    "controle": ("buurten", ["0855ZZ03"]),
    "rest_tilburg": ("gemeente_minus", ("0855", ["0855ZZ01", "0855ZZ02"])),
    "tilburg": ("gemeente", "0855"),
}


def die(msg, code=66):
    print("school_care_indicators: " + msg, file=sys.stderr)
    sys.exit(code)


def pick_file(folder, pattern):
    """Highest (year, version) file matching pattern (case-insensitive); returns path or None."""
    best = None
    if not os.path.isdir(folder):
        return None
    rx = re.compile(pattern, re.I)
    for name in os.listdir(folder):
        m = rx.fullmatch(os.path.splitext(name)[0])
        if m and name.lower().endswith(".csv"):
            key = tuple(int(g) if g and g.isdigit() else 0 for g in m.groups())
            if best is None or key > best[0]:
                best = (key, os.path.join(folder, name))
    return best[1] if best else None


def load(con, table, path, required=True):
    """Load a ';' CSV as all-VARCHAR with lower-cased, trimmed column names (cbs-tables P1, P2)."""
    if path is None or not os.path.exists(path):
        if required:
            die("missing input for %s" % table)
        return False
    with open(path, "rb") as fh:
        head = fh.readline().decode("utf-8-sig").rstrip("\r\n")
    delim = ";" if head.count(";") >= head.count(",") else ","
    cols = [c.strip().strip('"') for c in head.split(delim)]
    rel = con.execute(
        "SELECT * FROM read_csv(?, delim=?, header=true, all_varchar=true, quote='\"', escape='\"', "
        "sample_size=-1, null_padding=false)", [path, delim])
    names = [d[0] for d in rel.description]
    sel = ", ".join('NULLIF(trim("%s"), \'\') AS "%s"' % (n, c.lower()) for n, c in zip(names, cols))
    con.execute('CREATE OR REPLACE TABLE %s AS SELECT %s FROM read_csv(?, delim=?, header=true, '
                'all_varchar=true, quote=\'"\', escape=\'"\', sample_size=-1)' % (table, sel), [path, delim])
    return True


def parse_period(p):
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", p)
    if not m:
        die("bad period %r" % p, 64)
    year = int(m.group(1))
    if m.group(2):
        month = int(m.group(2))
        ref = dt.date(year, month, calendar.monthrange(year, month)[1])
    else:
        ref = dt.date(year, 12, 31)
    return year, ref


SQL_MACROS = r"""
CREATE OR REPLACE MACRO cbs_date(s) AS
  CASE WHEN s IS NULL OR s IN ('-', '--', '----') THEN NULL ELSE try_strptime(s, '%Y%m%d')::DATE END;
CREATE OR REPLACE MACRO iso_date(s) AS
  CASE WHEN s IS NULL THEN NULL ELSE try_strptime(s, '%Y-%m-%d')::DATE END;
-- BSN: strip spaces and dots, left-pad 8 digits, 11-proof (local-files.md Identifiers)
CREATE OR REPLACE MACRO bsn_norm(s) AS
  CASE WHEN s IS NULL THEN NULL
       WHEN length(replace(replace(s, ' ', ''), '.', '')) = 8 THEN '0' || replace(replace(s, ' ', ''), '.', '')
       ELSE replace(replace(s, ' ', ''), '.', '') END;
CREATE OR REPLACE MACRO w11(n) AS
  9*CAST(n[1] AS INT) + 8*CAST(n[2] AS INT) + 7*CAST(n[3] AS INT) + 6*CAST(n[4] AS INT) + 5*CAST(n[5] AS INT)
  + 4*CAST(n[6] AS INT) + 3*CAST(n[7] AS INT) + 2*CAST(n[8] AS INT) - CAST(n[9] AS INT);
CREATE OR REPLACE MACRO bsn_valid(s) AS
  CASE WHEN bsn_norm(s) IS NULL OR NOT regexp_full_match(bsn_norm(s), '[0-9]{9}') THEN NULL
       WHEN w11(bsn_norm(s)) % 11 = 0 THEN bsn_norm(s) ELSE NULL END;
"""


def build_cbs(con, year, ref, vintage):
    P = ref.isoformat()
    con.execute(SQL_MACROS)
    cols = [r[0] for r in con.execute("DESCRIBE vslgwb").fetchall()]
    bc, gem = "bc%d" % vintage, "gem%d" % vintage
    if bc not in cols:
        die("VSLGWBTAB has no column %s" % bc, 65)
    con.execute(f"""
    CREATE OR REPLACE TABLE persons AS
    SELECT rinpersoons || rinpersoon AS pkey,
           CAST(gbageboortejaar AS INT) AS by_,
           CAST(coalesce(NULLIF(gbageboortemaand, '--'), '07') AS INT) AS bm,
           CAST(coalesce(NULLIF(gbageboortedag, '--'), '01') AS INT) AS bd
    FROM gbapersoon
    WHERE rinpersoons = 'R' AND gbageboortejaar IS NOT NULL AND gbageboortejaar <> '----';

    -- address on P: spell covering P; ties: latest begin, latest end, smallest object key
    CREATE OR REPLACE TABLE addr_p AS
    SELECT pkey, okey FROM (
      SELECT rinpersoons || rinpersoon AS pkey, soortobjectnummer || rinobjectnummer AS okey,
             row_number() OVER (PARTITION BY rinpersoons || rinpersoon
               ORDER BY cbs_date(gbadatumaanvangadreshouding) DESC,
                        coalesce(cbs_date(gbadatumeindeadreshouding), DATE '9999-12-31') DESC,
                        soortobjectnummer || rinobjectnummer) AS rn
      FROM gbaadres
      WHERE rinpersoons = 'R'
        AND cbs_date(gbadatumaanvangadreshouding) <= DATE '{P}'
        AND coalesce(cbs_date(gbadatumeindeadreshouding), DATE '9999-12-31') >= DATE '{P}')
    WHERE rn = 1;

    CREATE OR REPLACE TABLE obj_geo AS
    SELECT DISTINCT soortobjectnummer || rinobjectnummer AS okey, {bc} AS bc, {gem} AS gem FROM vslgwb
    WHERE {bc} IS NOT NULL;

    -- household on P, same tie rule
    CREATE OR REPLACE TABLE hh_p AS
    SELECT pkey, hhnr FROM (
      SELECT rinpersoons || rinpersoon AS pkey, huishoudnr AS hhnr,
             row_number() OVER (PARTITION BY rinpersoons || rinpersoon
               ORDER BY cbs_date(datumaanvanghh) DESC,
                        coalesce(cbs_date(datumeindehh), DATE '9999-12-31') DESC, huishoudnr) AS rn
      FROM gbahh
      WHERE cbs_date(datumaanvanghh) <= DATE '{P}'
        AND coalesce(cbs_date(datumeindehh), DATE '9999-12-31') >= DATE '{P}')
    WHERE rn = 1 AND hhnr IS NOT NULL;

    CREATE OR REPLACE TABLE legal_parent AS
    SELECT DISTINCT rinpersoons || rinpersoon AS child, rinpersoonspa || rinpersoonpa AS parent FROM kindouder
      WHERE rinpersoonspa = 'R' AND rinpersoonpa IS NOT NULL
    UNION
    SELECT DISTINCT rinpersoons || rinpersoon, rinpersoonsma || rinpersoonma FROM kindouder
      WHERE rinpersoonsma = 'R' AND rinpersoonma IS NOT NULL;

    -- C(t): R persons aged 4-12 on P with an address whose object has bc<V>
    CREATE OR REPLACE TABLE children AS
    SELECT p.pkey, g.bc, g.gem, h.hhnr,
           coalesce('hh:' || h.hhnr, 'c:' || p.pkey) AS fam
    FROM persons p JOIN addr_p a USING (pkey) JOIN obj_geo g ON g.okey = a.okey
    LEFT JOIN hh_p h ON h.pkey = p.pkey
    WHERE ({year} - p.by_ - CASE WHEN {ref.month} * 100 + {ref.day} < p.bm * 100 + p.bd THEN 1 ELSE 0 END)
          BETWEEN 4 AND 12;

    -- family members: union of child, legal parents, household members on P
    CREATE OR REPLACE TABLE fam_member AS
    SELECT DISTINCT fam, pkey AS member FROM children
    UNION SELECT DISTINCT c.fam, l.parent FROM children c JOIN legal_parent l ON l.child = c.pkey
    UNION SELECT DISTINCT c.fam, h.pkey FROM children c JOIN hh_p h ON h.hhnr = c.hhnr;

    CREATE OR REPLACE TABLE fam_buurt AS SELECT DISTINCT fam, bc, gem FROM children;
    """)


def build_links(con, truth_links=False):
    # crosswalk bsn -> person key (RINPERSOONS + RINPERSOON)
    con.execute("""
    CREATE OR REPLACE TABLE xwalk AS
    SELECT bsn9, min(pkey) AS pkey, count(DISTINCT pkey) AS n FROM (
      SELECT bsn_valid(bsn) AS bsn9, rinpersoons || rinpersoon AS pkey FROM crosswalk
      WHERE rinpersoons = 'R' AND rinpersoon IS NOT NULL)
    WHERE bsn9 IS NOT NULL GROUP BY bsn9;
    """)
    con.execute("""
    CREATE OR REPLACE TABLE episodes AS
    SELECT DISTINCT e.episode_id, bsn_valid(e.bsn) AS bsn9, x.pkey, e.organisation_id,
           coalesce(e.organisation_type, o.organisation_type) AS organisation_type,
           iso_date(e.start_date) AS sd, iso_date(e.end_date) AS ed
    FROM care e LEFT JOIN orgs o USING (organisation_id)
    LEFT JOIN xwalk x ON x.bsn9 = bsn_valid(e.bsn) AND x.n = 1
    WHERE iso_date(e.start_date) IS NOT NULL;
    """)
    if truth_links:
        # DIAGNOSIS ONLY (--link=truth): every episode gets its true person from truth/care_episodes.csv,
        # an upper bound for what probabilistic linkage can add.  Never the oracle's answer.
        con.execute("""
        UPDATE episodes SET pkey = 'R' || t.rinpersoon FROM truth_ep t
        WHERE t.episode_id = episodes.episode_id AND t.rinpersoon IS NOT NULL""")


def ind17(con, year, ref, domain_map, out, inkomen="both"):
    t0, t1 = dt.date(year, 1, 1).isoformat(), ref.isoformat()
    con.execute("CREATE OR REPLACE TABLE dommap(organisation_type VARCHAR, domain VARCHAR)")
    con.executemany("INSERT INTO dommap VALUES (?, ?)", list(domain_map.items()))
    con.execute(f"""
    CREATE OR REPLACE TABLE fam_ep AS
    SELECT DISTINCT m.fam, e.organisation_id, e.organisation_type, d.domain
    FROM fam_member m JOIN episodes e ON e.pkey = m.member
    LEFT JOIN dommap d ON d.organisation_type = e.organisation_type
    WHERE e.sd <= DATE '{t1}' AND (e.ed IS NULL OR e.ed >= DATE '{t0}');

    -- income support from CBS: a bijstandsgezin as IND05 defines it (a child c of the family with a
    -- legal parent in L(c) n H(c,t) whose bijstand spell covers the reference date; codes of IND05)
    CREATE OR REPLACE TABLE fam_bijstand AS
    SELECT DISTINCT c.fam FROM children c JOIN legal_parent l ON l.child = c.pkey
    JOIN hh_p hp ON hp.pkey = l.parent AND hp.hhnr = c.hhnr
    JOIN bijstand b ON b.rinpersoons || b.rinpersoon = l.parent
    WHERE cbs_date(b.bijstandaanvanguitkeringpersoon1a) <= DATE '{t1}'
      AND coalesce(cbs_date(b.bijstandeindeuitkeringpersoon1a), DATE '9999-12-31') >= DATE '{t1}'
      AND b.bijstandstatistiekcodea IN ('01', '13', '15', '16', '02', '03', '14', '20');
    {"INSERT INTO fam_ep SELECT fam, NULL, NULL, 'inkomen' FROM fam_bijstand;" if inkomen in ("both", "bijstand") else ""}
    {"DELETE FROM fam_ep WHERE organisation_type = 'SCHULDHULP' AND domain = 'inkomen';" if inkomen == "bijstand" else ""}

    CREATE OR REPLACE TABLE fam_stats AS
    SELECT f.fam,
           count(DISTINCT e.organisation_id) AS n_org,
           count(DISTINCT e.organisation_type) AS n_type,
           count(DISTINCT e.domain) AS n_dom,
           {", ".join("bool_or(e.domain = '%s') IS TRUE AS d_%s" % (d, d) for d in DOMAINS)}
    FROM (SELECT DISTINCT fam FROM fam_buurt) f LEFT JOIN fam_ep e USING (fam)
    GROUP BY f.fam;
    """)
    # areas: (geo_level, geo_code, predicate over fam_buurt)
    geo = con.execute("SELECT gwb_code_10, gwb_code_8, level, wk_code FROM geo").fetchall()
    areas = []
    for code10, code8, level, wk in geo:
        if level == "buurt":
            areas.append(("buurt", code10, "bc = '%s'" % code8))
        elif level == "wijk":
            areas.append(("wijk", code10, "substr(bc, 1, 6) = '%s'" % code8))
        elif level == "gemeente":
            areas.append(("gemeente", code10, "gem = '%s'" % code8))
    for name, (kind, arg) in AREAS_GEBIED.items():
        if kind == "buurten":
            pred = "bc IN (%s)" % ", ".join("'%s'" % b for b in arg)
        elif kind == "gemeente":
            pred = "gem = '%s'" % arg
        else:
            pred = "gem = '%s' AND bc NOT IN (%s)" % (arg[0], ", ".join("'%s'" % b for b in arg[1]))
        areas.append(("gebied", name, pred))
    per = str(year) if ref.month == 12 and ref.day == 31 else "%d-%02d" % (year, ref.month)
    for level, code, pred in areas:
        r = con.execute(f"""
        WITH f AS (SELECT s.* FROM fam_stats s WHERE fam IN (SELECT fam FROM fam_buurt WHERE {pred}))
        SELECT count(*), sum(n_org), sum(n_type), quantile_disc(n_org, 0.5),
               count(*) FILTER (WHERE n_org >= 1), sum(n_org) FILTER (WHERE n_org >= 1),
               quantile_disc(n_org, 0.5) FILTER (WHERE n_org >= 1),
               count(*) FILTER (WHERE n_org >= 5), count(*) FILTER (WHERE n_org >= 10),
               count(*) FILTER (WHERE n_org > 15),
               count(*) FILTER (WHERE n_dom >= 2), count(*) FILTER (WHERE n_dom >= 3),
               {", ".join("count(*) FILTER (WHERE d_%s)" % d for d in DOMAINS)},
               {", ".join("count(*) FILTER (WHERE d_%s AND d_%s)" % (a, b)
                          for i, a in enumerate(DOMAINS) for b in DOMAINS[i + 1:])}
        FROM f""").fetchone()
        n, s_org, s_type, med, n_h, s_h, med_h, c5, c10, c15, d2, d3 = r[:12]
        doms = r[12:12 + len(DOMAINS)]
        pairs = r[12 + len(DOMAINS):]
        if n == 0:
            continue
        emit = lambda b, num, den: out.append(("IND17", per, level, code, b, num, den))
        emit("gemiddelde", s_org or 0, n)
        emit("typen_gemiddelde", s_type or 0, n)
        emit("mediaan", med, n)
        if n_h:
            emit("gemiddelde_met_hulp", s_h, n_h)
            emit("mediaan_met_hulp", med_h, n_h)
        emit("aandeel_5plus", c5, n)
        emit("aandeel_10plus", c10, n)
        emit("aandeel_meer_dan_15", c15, n)
        emit("domeinen_2plus", d2, n)
        emit("domeinen_3plus", d3, n)
        for d, c in zip(DOMAINS, doms):
            emit("domein_" + d, c, n)
        k = 0
        for i, a in enumerate(DOMAINS):
            for b in DOMAINS[i + 1:]:
                emit("eilanden_%s_%s" % (a, b), pairs[k], n)
                k += 1


def load_schools(con, root):
    sdir = os.path.join(root, "school")
    brins = sorted(d for d in os.listdir(sdir) if os.path.isdir(os.path.join(sdir, d))) if os.path.isdir(sdir) else []
    kinds = ["leerlingen", "verzuim", "lesrooster", "toetsen", "advies", "zorgsignalen"]
    first = {k: True for k in kinds}
    for i, brin in enumerate(brins, 1):
        for k in kinds:
            p = os.path.join(sdir, brin, "school_%s.csv" % k)
            if not os.path.exists(p):
                continue
            load(con, "tmp_" + k, p)
            # every registration row counts, also identical ones (verzuim has no row key); pupils are
            # counted by leerling_key further on, so duplicated pupil rows count once
            sql = "SELECT '%s' AS school, '%s' AS brin_dir, * FROM tmp_%s" % ("school_%d" % i, brin, k)
            if first[k]:
                con.execute("CREATE OR REPLACE TABLE s_%s AS %s" % (k, sql))
                first[k] = False
            else:
                con.execute("INSERT INTO s_%s BY NAME %s" % (k, sql))
    for k in kinds:
        if first[k]:
            die("no school_%s.csv found" % k)
    return brins


HOLIDAY_FILE = None  # the input's schoolvakanties.csv (README: the holidays are an input), if any


def holiday_rows():
    """The input's holidays (regio;schooljaar;vakantie;eerste_dag;laatste_dag), else the table above."""
    if HOLIDAY_FILE is None:
        return HOLIDAYS_ZUID
    with open(HOLIDAY_FILE, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    return [(r["vakantie"], r["eerste_dag"].strip(), r["laatste_dag"].strip()) for r in rows]


def school_indicators(con, year, ref, pilot_start, out):
    P = ref.isoformat()
    # READINGS R2: every school year that the exports name (column schooljaar, `YYYY-YYYY+1`) and that starts
    # on or before the reference date.
    named = set()
    for k in ("leerlingen", "verzuim", "lesrooster", "toetsen", "advies"):
        try:
            named |= {r[0] for r in con.execute("SELECT DISTINCT schooljaar FROM s_%s" % k).fetchall()}
        except duckdb.Error:
            pass
    years = []
    for name in sorted(n for n in named if n):
        m = re.fullmatch(r"(\d{4})-(\d{4})", name.strip())
        if not m or int(m.group(2)) != int(m.group(1)) + 1:
            continue
        y0 = int(m.group(1))
        ys, ye = dt.date(y0, 8, 1), dt.date(y0 + 1, 7, 31)
        if ys <= ref:
            years.append(("%d-%d" % (y0, y0 + 1), ys.isoformat(), ye.isoformat(), (ye - ys).days + 1))
    con.execute("CREATE OR REPLACE TABLE years(y VARCHAR, ys DATE, ye DATE, ndays INT)")
    con.executemany("INSERT INTO years VALUES (?, ?, ?, ?)", years)
    con.execute("CREATE OR REPLACE TABLE holidays(name VARCHAR, d0 DATE, d1 DATE)")
    con.executemany("INSERT INTO holidays VALUES (?, ?, ?)", holiday_rows())
    con.execute(f"""
    -- enrolment per pupil x school year, clipped to the school year and the reference date
    CREATE OR REPLACE TABLE enrol AS
    SELECT l.school, l.leerling_key AS lk, y.y, y.ndays,
           max(l.jaargroep) AS jaargroep,
           bool_or(l.opp = 'J' OR l.arrangement IS NOT NULL OR l.tlv_categorie IN ('H', 'M', 'L')) AS extra,
           bool_or(iso_date(l.instroomdatum) <= y.ys + INTERVAL 61 DAY
                   AND (l.uitstroomdatum IS NULL OR iso_date(l.uitstroomdatum) >= y.ys + INTERVAL 61 DAY)
                   AND y.ys + INTERVAL 61 DAY <= DATE '{P}') AS on_1oct,
           max(greatest(0, date_diff('day',
                 greatest(coalesce(iso_date(l.instroomdatum), y.ys), y.ys),
                 least(coalesce(iso_date(l.uitstroomdatum), y.ye), y.ye, DATE '{P}')) + 1)) AS days_enr
    FROM s_leerlingen l JOIN years y ON y.y = l.schooljaar
    GROUP BY ALL;

    CREATE OR REPLACE TABLE planned AS
    SELECT e.*, coalesce(CAST(r.geplande_lesuren AS DOUBLE), 0) * e.days_enr / e.ndays AS planned
    FROM enrol e LEFT JOIN (SELECT DISTINCT school, schooljaar, jaargroep, geplande_lesuren FROM s_lesrooster) r
      ON r.school = e.school AND r.schooljaar = e.y AND r.jaargroep = e.jaargroep
    WHERE e.days_enr > 0;

    CREATE OR REPLACE TABLE verz AS
    SELECT v.school, v.leerling_key AS lk, v.schooljaar AS y, iso_date(v.datum) AS d,
           CAST(v.lesuren_afwezig AS DOUBLE) AS h, v.soort, v.reden, v.duo_melding_type AS duo
    FROM s_verzuim v JOIN years y ON y.y = v.schooljaar
    WHERE iso_date(v.datum) <= DATE '{P}';

    -- school weeks: ISO weeks (Monday) of the school year whose Mon-Fri are not all holiday
    CREATE OR REPLACE TABLE school_weeks AS
    WITH mondays AS (
      SELECT y.y, CAST(m AS DATE) AS monday
      FROM years y, generate_series(CAST(date_trunc('week', y.ys) AS TIMESTAMP), CAST(y.ye AS TIMESTAMP), INTERVAL 7 DAY) g(m)),
    hol AS (
      SELECT m.y, m.monday FROM mondays m
      WHERE (SELECT count(*) FROM generate_series(0, 4) k(i)
             WHERE EXISTS (SELECT 1 FROM holidays h WHERE m.monday + CAST(k.i AS INT) BETWEEN h.d0 AND h.d1)) = 5)
    SELECT m.y, m.monday, row_number() OVER (PARTITION BY m.y ORDER BY m.monday) AS wk
    FROM mondays m WHERE NOT EXISTS (SELECT 1 FROM hol WHERE hol.y = m.y AND hol.monday = m.monday);

    CREATE OR REPLACE TABLE unauth_week AS
    SELECT v.school, v.lk, v.y, w.wk, sum(v.h) AS h
    FROM verz v JOIN school_weeks w ON w.y = v.y AND w.monday = CAST(date_trunc('week', v.d) AS DATE)
    WHERE v.soort = 'ongeoorloofd'
    GROUP BY ALL;

    CREATE OR REPLACE TABLE derived16 AS
    SELECT DISTINCT a.school, a.lk, a.y FROM unauth_week a JOIN unauth_week b
      ON a.school = b.school AND a.lk = b.lk AND a.y = b.y AND b.wk BETWEEN a.wk AND a.wk + 3
    GROUP BY a.school, a.lk, a.y, a.wk HAVING sum(b.h) >= 16;
    """)
    rows = con.execute("""
    WITH p AS (SELECT * FROM planned),
    va AS (SELECT school, lk, y, sum(h) FILTER (WHERE soort = 'ongeoorloofd') AS unauth,
                  sum(h) FILTER (WHERE reden = 'ziek') AS ziek,
                  bool_or(duo IN ('16u_4wk', 'LRV', 'luxe')) AS duo
           FROM verz GROUP BY ALL)
    SELECT p.school, p.y,
           coalesce(sum(va.unauth), 0), sum(p.planned),
           count(*) FILTER (WHERE va.duo OR d.lk IS NOT NULL),
           count(*) FILTER (WHERE p.planned > 0 AND coalesce(va.ziek, 0) >= 0.10 * p.planned),
           count(*)
    FROM p LEFT JOIN va USING (school, lk, y) LEFT JOIN derived16 d USING (school, lk, y)
    GROUP BY ALL ORDER BY ALL""").fetchall()
    for school, y, un, pl, n19, n20, n in rows:
        out.append(("IND18", y, "school", school, "totaal", un, pl))
        out.append(("IND19", y, "school", school, "totaal", n19, n))
        out.append(("IND20", y, "school", school, "totaal", n20, n))
    for school, y, num, den in con.execute("""
        SELECT school, y, count(*) FILTER (WHERE extra), count(*) FROM enrol WHERE on_1oct
        GROUP BY ALL ORDER BY ALL""").fetchall():
        out.append(("IND23", y, "school", school, "totaal", num, den))
    # IND21: group-8 pupils (enrolled in y up to P) with a referentieniveau result per domain
    for school, y, part, num, den in con.execute("""
        WITH g8 AS (SELECT school, lk, y FROM planned WHERE trim(jaargroep) = '8'),
        res AS (SELECT t.school, t.leerling_key AS lk, t.schooljaar AS y,
                   CASE t.domein WHEN 'begrijpend_lezen' THEN 'lezen' WHEN 'spelling' THEN 'taal'
                                 WHEN 'rekenen' THEN 'rekenen' END AS part,
                   bool_or(CASE WHEN t.domein = 'rekenen' THEN t.referentieniveau IN ('1S', '2F')
                                ELSE t.referentieniveau = '2F' END) AS ok
                FROM s_toetsen t WHERE t.referentieniveau IS NOT NULL GROUP BY ALL)
        SELECT school, y, part, count(*) FILTER (WHERE ok), count(*)
        FROM g8 JOIN res USING (school, lk, y) WHERE part IS NOT NULL GROUP BY ALL ORDER BY ALL""").fetchall():
        out.append(("IND21", y, "school", school, part, num, den))
    # IND22
    for school, y, hv, hvd, ua, uad in con.execute("""
        WITH g8 AS (SELECT school, lk, y FROM planned WHERE trim(jaargroep) = '8'),
        a AS (SELECT school, leerling_key AS lk, schooljaar AS y,
                     NULLIF(coalesce(herzien_advies, definitief_advies), '80') AS fin,
                     NULLIF(doorstroomtoets_advies, '80') AS test
              FROM s_advies)
        SELECT school, y,
               count(*) FILTER (WHERE fin IN ('60', '61', '70')), count(*) FILTER (WHERE fin IS NOT NULL),
               count(*) FILTER (WHERE fin IS NOT NULL AND test IS NOT NULL AND fin[1] < test[1]),
               count(*) FILTER (WHERE fin IS NOT NULL AND test IS NOT NULL)
        FROM g8 JOIN a USING (school, lk, y) GROUP BY ALL ORDER BY ALL""").fetchall():
        out.append(("IND22", y, "school", school, "havo_vwo", hv, hvd))
        out.append(("IND22", y, "school", school, "onderadvies", ua, uad))
    # IND24
    con.execute(f"""
    -- pupil -> person: valid BSN -> crosswalk RIN; otherwise the BSN itself (matches episodes by BSN)
    CREATE OR REPLACE TABLE pupil_person AS
    SELECT DISTINCT l.school, l.leerling_key AS lk, bsn_valid(l.bsn) AS bsn9, x.pkey
    FROM s_leerlingen l LEFT JOIN xwalk x ON x.bsn9 = bsn_valid(l.bsn) AND x.n = 1
    WHERE bsn_valid(l.bsn) IS NOT NULL;

    CREATE OR REPLACE TABLE first_signal AS
    SELECT * FROM (
      SELECT s.school, s.leerling_key AS lk, y.y, iso_date(s.datum) AS d, s.verwezen_naar_organisatie_id AS org,
             row_number() OVER (PARTITION BY s.school, s.leerling_key, y.y
                                ORDER BY iso_date(s.datum), s.signaal_id) AS rn
      FROM s_zorgsignalen s JOIN years y ON iso_date(s.datum) BETWEEN y.ys AND y.ye
      WHERE s.signaal_type IN ('zorgmelding', 'verwijzing') AND iso_date(s.datum) <= DATE '{P}')
    WHERE rn = 1;

    -- who counts as "the pupil or the family": the pupil's person, and when the pupil is a CBS
    -- person, the members of the families (Fam(t)) it belongs to, else {{c}} u L(c) u H(c,t)
    CREATE OR REPLACE TABLE pupil_circle AS
    SELECT DISTINCT pp.school, pp.lk, 'bsn:' || pp.bsn9 AS who FROM pupil_person pp
    UNION SELECT DISTINCT pp.school, pp.lk, 'rin:' || pp.pkey FROM pupil_person pp WHERE pp.pkey IS NOT NULL
    UNION SELECT DISTINCT pp.school, pp.lk, 'rin:' || m2.member FROM pupil_person pp
          JOIN fam_member m1 ON m1.member = pp.pkey JOIN children c ON c.fam = m1.fam AND c.pkey = pp.pkey
          JOIN fam_member m2 ON m2.fam = m1.fam
    UNION SELECT DISTINCT pp.school, pp.lk, 'rin:' || l.parent FROM pupil_person pp
          JOIN legal_parent l ON l.child = pp.pkey
    UNION SELECT DISTINCT pp.school, pp.lk, 'rin:' || h2.pkey FROM pupil_person pp
          JOIN hh_p h1 ON h1.pkey = pp.pkey JOIN hh_p h2 ON h2.hhnr = h1.hhnr;

    CREATE OR REPLACE TABLE ep_who AS
    SELECT 'bsn:' || bsn9 AS who, * FROM episodes WHERE bsn9 IS NOT NULL
    UNION ALL SELECT 'rin:' || pkey AS who, * FROM episodes WHERE pkey IS NOT NULL;

    CREATE OR REPLACE TABLE lag AS
    SELECT f.school, f.lk, f.y, f.d,
           bool_or(c.who IS NOT NULL) AS observable,
           min(date_diff('day', f.d, e.sd)) AS days
    FROM first_signal f
    LEFT JOIN pupil_circle c ON c.school = f.school AND c.lk = f.lk
    LEFT JOIN ep_who e ON e.who = c.who AND e.sd >= f.d AND e.sd <= f.d + INTERVAL 365 DAY
         AND e.sd <= DATE '{P}' AND (f.org IS NULL OR e.organisation_id = f.org)
    GROUP BY ALL;
    """)
    for scope in ("per_school", "alle"):
        grp = "school" if scope == "per_school" else "'alle_scholen'"
        for school, side, med, nmed, zonder, n in con.execute(f"""
            SELECT {grp} AS g, CASE WHEN d < DATE '{pilot_start}' THEN 'voor' ELSE 'na' END AS side,
                   quantile_disc(days, 0.5), count(days), count(*) FILTER (WHERE days IS NULL), count(*)
            FROM lag
            -- Decided reading (README, IND24): a pupil whose help cannot be observed (no valid BSN) is left
            -- out, and so is a signal without help whose 365 days of follow-up run past P (not yet known).
            WHERE observable AND (days IS NOT NULL OR d + INTERVAL 365 DAY <= DATE '{P}')
            GROUP BY ALL ORDER BY ALL""").fetchall():
            out.append(("IND24", "samengevoegd", "school", school, "mediaan_dagen_%s_pilot" % side, med, nmed))
            out.append(("IND24", "samengevoegd", "school", school, "zonder_hulp_%s_pilot" % side, zonder, n))


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, float):
        if v == int(v):
            return str(int(v))
        return repr(v)
    return str(v)


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    opts = dict(a[2:].split("=", 1) for a in argv[1:] if a.startswith("--") and "=" in a)
    if len(args) != 3:
        print(__doc__, file=sys.stderr)
        return 64
    root, period, outp = args
    global HOLIDAY_FILE
    for dirpath, _, names in sorted(os.walk(root)):
        for name in sorted(names):
            if name.lower() == "schoolvakanties.csv" and HOLIDAY_FILE is None:
                HOLIDAY_FILE = os.path.join(dirpath, name)
    year, ref = parse_period(period)
    vintage = int(opts.get("vintage", year))
    pilot = opts.get("pilot-start", PILOT_START)
    dmap = DOMAIN_MAP_WIDE if opts.get("domains") == "wide" else DOMAIN_MAP_STRICT
    con = duckdb.connect()
    con.execute("SET threads TO 2")
    cbs = os.path.join(root, "cbs")
    load(con, "gbapersoon", pick_file(cbs, r"GBAPERSOON(\d{4})TABV(\d+)"))
    load(con, "gbaadres", pick_file(cbs, r"GBAADRESOBJECT(\d{4})BUSV(\d+)"))
    load(con, "gbahh", pick_file(cbs, r"GBAHUISHOUDENS(\d{4})BUSV(\d+)"))
    load(con, "kindouder", pick_file(cbs, r"KINDOUDER(\d{4})TABV(\d+)"))
    load(con, "vslgwb", pick_file(cbs, r"VSLGWB(\d{4})TAB(\d{2})V(\d+)"))
    load(con, "geo", os.path.join(root, "geo", "geo_lookup.csv"))
    load(con, "care", os.path.join(root, "care", "care_episodes.csv"))
    load(con, "orgs", os.path.join(root, "care", "organisations.csv"))
    load(con, "crosswalk", os.path.join(root, "crosswalk", "bsn_rin_crosswalk.csv"))
    build_cbs(con, year, ref, vintage)
    truth = opts.get("link") == "truth"
    if truth:
        load(con, "truth_ep", os.path.join(root, "truth", "care_episodes.csv"))
    build_links(con, truth)
    out = []
    inkomen = opts.get("inkomen", "both")
    if inkomen in ("both", "bijstand") and not load(con, "bijstand", pick_file(cbs, r"BIJSTANDUITKERINGTAB(\d{4})V(\d+)"),
                                                    required=False):
        print("school_care_indicators: no BIJSTANDUITKERINGTAB, income domain = SCHULDHULP only", file=sys.stderr)
        inkomen = "schuldhulp"
    ind17(con, year, ref, dmap, out, inkomen)
    load_schools(con, root)
    school_indicators(con, year, ref, pilot, out)
    out.sort(key=lambda r: tuple(str(x) for x in r[:5]))
    with open(outp, "w", encoding="utf-8", newline="") as fh:
        fh.write("indicator_id;period;geo_level;geo_code;breakdown;numerator;denominator\n")
        for r in out:
            fh.write(";".join(fmt(x) for x in r) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
