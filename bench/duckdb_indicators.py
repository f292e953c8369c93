"""make bench: the core child indicators per wijk, as a researcher would write them in DuckDB SQL.

Computes IND01-IND04, IND06, IND07 and IND10-IND12 (indicators.md) for the year's child population
C(t) from the CBS files of a folder and writes `indicator;wijk;numerator;denominator` lines, sorted,
unrounded, so that `make bench` can compare them with `wijkbeeld national --unrounded`.

Usage: duckdb_indicators.py FOLDER YEAR THREADS OUT.csv
"""

import sys
import time

import duckdb

folder, year, threads, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
reference = f"{year}1231"
first_day = f"{year}0101"
started = time.time()
con = duckdb.connect()
con.execute(f"SET threads = {threads}")


def table(name):
    return (
        f"read_csv('{folder}/cbs/{name}', delim = ';', header = true, all_varchar = true, "
        "quote = '\"', escape = '\"')"
    )


def spell_end(column):
    return f"coalesce(nullif({column}, ''), '99999999')"


con.execute(
    f"""
CREATE TEMP TABLE children AS
WITH persons AS (
    SELECT RINPERSOONS || RINPERSOON AS person,
           CAST(GBAGEBOORTEJAAR AS INTEGER) AS born,
           CASE WHEN GBAGEBOORTEMAAND IN ('', '--') THEN 7 ELSE CAST(GBAGEBOORTEMAAND AS INTEGER) END AS month,
           CASE WHEN GBAGEBOORTEDAG IN ('', '--') THEN 1 ELSE CAST(GBAGEBOORTEDAG AS INTEGER) END AS day
    FROM {table(f'GBAPERSOON{year}TABV1.csv')}
    WHERE RINPERSOONS = 'R' AND GBAGEBOORTEJAAR NOT IN ('', '----')
),
addresses AS (
    SELECT RINPERSOONS || RINPERSOON AS person,
           arg_max(RINOBJECTNUMMER, GBADATUMAANVANGADRESHOUDING || {spell_end('GBADATUMEINDEADRESHOUDING')}) AS object
    FROM {table(f'GBAADRESOBJECT{year}BUSV1.csv')}
    WHERE GBADATUMAANVANGADRESHOUDING <= '{reference}'
      AND {spell_end('GBADATUMEINDEADRESHOUDING')} >= '{reference}'
    GROUP BY 1
),
buurten AS (
    SELECT RINOBJECTNUMMER AS object, bc{year} AS buurt
    FROM {table(f'VSLGWB{year}TAB01V1.csv')}
    WHERE bc{year} <> ''
)
SELECT p.person, substr(b.buurt, 1, 6) AS wijk
FROM persons p
JOIN addresses a USING (person)
JOIN buurten b USING (object)
WHERE {year} - p.born - CASE WHEN 1231 < p.month * 100 + p.day THEN 1 ELSE 0 END BETWEEN 4 AND 12
"""
)

con.execute(
    f"""
CREATE TEMP TABLE facts AS
WITH households AS (
    SELECT RINPERSOONS || RINPERSOON AS person,
           arg_max(TYPHH, DATUMAANVANGHH || {spell_end('DATUMEINDEHH')}) AS typhh
    FROM {table(f'GBAHUISHOUDENS{year}BUSV1.csv')}
    WHERE DATUMAANVANGHH <= '{reference}' AND {spell_end('DATUMEINDEHH')} >= '{reference}'
      AND HUISHOUDNR <> ''
    GROUP BY 1
),
earners AS (
    SELECT RINPERSOONS || RINPERSOON AS person, RINPERSOONSHKW || RINPERSOONHKW AS earner
    FROM {table(f'KOPPELPERSOONHUISHOUDEN{year}.csv')}
),
incomes AS (
    SELECT RINPERSOONSHKW || RINPERSOONHKW AS earner,
           TRY_CAST(INHAHL AS INTEGER) AS inhahl, TRY_CAST(INHARMLAG AS INTEGER) AS inharmlag,
           TRY_CAST(INHARMLAGL AS INTEGER) AS inharmlagl, TRY_CAST(INHARMSOC AS INTEGER) AS inharmsoc,
           TRY_CAST(INHP100HGESTES AS INTEGER) AS percentile, TRY_CAST(INHBBIHJ AS INTEGER) AS source
    FROM {table(f'INHA{year}TABV1.csv')}
),
care AS (
    SELECT RINPERSOONS || RINPERSOON AS person,
           bool_or(TRUE) AS youth_care,
           bool_or(TRY_CAST(JGDHHULPVORM AS INTEGER) BETWEEN 11 AND 14) AS residential
    FROM {table(f'JGDHULP{year}BUSV1.csv')}
    WHERE JGDHGELDIGHEIDBEGINDATUM <= '{reference}'
      AND {spell_end('JGDHGELDIGHEIDEINDDATUM')} >= '{first_day}'
      AND TRY_CAST(JGDHHULPVORM AS INTEGER) IS NOT NULL
    GROUP BY 1
),
protection AS (
    SELECT DISTINCT RINPERSOONS || RINPERSOON AS person
    FROM {table(f'JGDBESCHERM{year}BUSV1.csv')}
    WHERE JGDBGELDIGHEIDBEGINDATUM <= '{reference}'
      AND {spell_end('JGDBGELDIGHEIDEINDDATUM')} >= '{first_day}'
      AND TRY_CAST(JGDBMAATREGEL AS INTEGER) IS NOT NULL
)
SELECT c.wijk,
       TRY_CAST(h.typhh AS INTEGER) AS typhh,
       i.inhahl, i.inharmlag, i.inharmlagl, i.inharmsoc, i.percentile, i.source,
       coalesce(j.youth_care, FALSE) AS youth_care, coalesce(j.residential, FALSE) AS residential,
       p.person IS NOT NULL AS protection
FROM children c
LEFT JOIN households h USING (person)
LEFT JOIN earners e USING (person)
LEFT JOIN incomes i ON i.earner = e.earner
LEFT JOIN care j USING (person)
LEFT JOIN protection p USING (person)
"""
)

indicators = {
    "IND01": ("typhh = 6", "typhh BETWEEN 1 AND 8"),
    "IND02": ("inharmlag BETWEEN 0 AND 100", "inharmlag >= 0"),
    "IND03": ("inharmlagl BETWEEN 0 AND 100", "inharmlagl >= 0"),
    "IND04": ("inharmsoc BETWEEN 0 AND 120", "inhahl >= 2 AND inharmsoc >= 0"),
    "IND06": ("percentile BETWEEN 1 AND 10", "percentile BETWEEN 1 AND 100"),
    "IND07": ("source IN (21, 22, 23, 24)", "source <> 99"),
    "IND10": ("youth_care", "TRUE"),
    "IND11": ("residential", "TRUE"),
    "IND12": ("protection", "TRUE"),
}
parts = [
    f"SELECT '{name}' AS indicator, wijk, count(*) FILTER (WHERE {numerator}) AS numerator, count(*) AS denominator "
    f"FROM facts WHERE {denominator} GROUP BY wijk"
    for name, (numerator, denominator) in indicators.items()
]
rows = con.execute(" UNION ALL ".join(parts) + " ORDER BY indicator, wijk").fetchall()
seconds = time.time() - started
with open(out, "w") as file:
    for indicator, wijk, numerator, denominator in rows:
        file.write(f"{indicator};WK{wijk};{numerator};{denominator}\n")
children = con.execute("SELECT count(*) FROM children").fetchone()[0]
print(f"duckdb ({threads} thread(s)): {children} children, {len(rows)} cells in {seconds:.2f} s")
