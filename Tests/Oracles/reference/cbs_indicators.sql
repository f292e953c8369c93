-- Independent DuckDB reference for IND01-IND16 (indicators.md, cbs-tables.md, README "Indicators and
-- disclosure control"). Input: raw_* tables of trimmed strings (NULL = missing token), params(p, t, per),
-- area_def(area, kind, code), geo_universe(geo_level, geo_code). Output: table result.
-- Readings chosen here are numbered Rnn in READINGS.md.

-- ------------------------------------------------------------------ helpers
CREATE MACRO ymd(x) AS CASE WHEN regexp_full_match(x, '[0-9]{8}') THEN CAST(try_strptime(x, '%Y%m%d') AS DATE) END;
-- P9: empty end or end year >= 2050 = open (+infinity)
CREATE MACRO endd(x) AS CASE WHEN x IS NULL THEN DATE '9999-12-31'
                             WHEN year(ymd(x)) >= 2050 THEN DATE '9999-12-31' ELSE ymd(x) END;
-- valid spell: begin is a real date, end empty or a real date, end >= begin (R08)
CREATE MACRO spell_ok(b, e) AS ymd(b) IS NOT NULL AND (e IS NULL OR ymd(e) IS NOT NULL) AND endd(e) >= ymd(b);
-- person key A1 + A9 (R07)
CREATE MACRO key_ok(s, r) AS s IS NOT NULL AND length(s) = 1 AND r IS NOT NULL AND length(r) = 9;
CREATE MACRO num_ok(x) AS x IS NULL OR TRY_CAST(x AS DOUBLE) IS NOT NULL;

CREATE TEMP TABLE rejects (reason VARCHAR, n BIGINT);
CREATE TEMP TABLE diagnostics (what VARCHAR, n BIGINT);

CREATE TEMP TABLE prm AS
SELECT p, t, per,
       make_date(t, 1, 1) AS y0,                         -- facts "in t": from 1 January ...
       p AS y1,                                          -- ... to the reference date (year: 31 Dec)
       CAST(p - INTERVAL 36 MONTH AS DATE) AS w36,       -- IND09 window (P - 36 months, P]
       make_date(t - 2, 1, 1) AS s0, make_date(t - 1, 12, 31) AS s1   -- IND14: t-2 .. t-1
FROM params;

-- ------------------------------------------------------------------ GBAPERSOONTAB
CREATE TEMP TABLE persoon_chk AS
SELECT _line, rinpersoons AS s, rinpersoon AS r, gbageboortejaar AS gj, gbageboortemaand AS gm, gbageboortedag AS gd,
       key_ok(rinpersoons, rinpersoon) AS k_ok,
       (gbageboortejaar IS NULL OR regexp_full_match(gbageboortejaar, '[0-9]{4}'))
       AND (gbageboortemaand IS NULL OR (regexp_full_match(gbageboortemaand, '[0-9]{1,2}')
                                         AND TRY_CAST(gbageboortemaand AS INT) BETWEEN 1 AND 12))
       AND (gbageboortedag IS NULL OR (regexp_full_match(gbageboortedag, '[0-9]{1,2}')
                                       AND TRY_CAST(gbageboortedag AS INT) BETWEEN 1 AND 31))
       -- the code lists of cbs-tables.md §3 (R07): missing is allowed, another value is not
       AND coalesce(gbageslacht, '1') IN ('1', '2') AND coalesce(gbageslachtmoeder, '1') IN ('1', '2')
       AND coalesce(gbageslachtvader, '1') IN ('1', '2') AND coalesce(gbageboortelandnl, '0') IN ('0', '1')
       AND coalesce(gbageneratie, '0') IN ('0', '1', '2')
       AND coalesce(gbaaantaloudersbuitenland, '0') IN ('0', '1', '2') AS f_ok,
       -- imputation: unknown month -> 07, unknown day -> 01 (indicators.md "Age"); year unknown -> NULL
       CASE WHEN gbageboortejaar IS NOT NULL THEN
            try(make_date(TRY_CAST(gbageboortejaar AS INT), coalesce(TRY_CAST(gbageboortemaand AS INT), 7),
                          coalesce(TRY_CAST(gbageboortedag AS INT), 1))) END AS birth
FROM raw_persoon;
INSERT INTO rejects SELECT 'persoon: bad key', count(*) FROM persoon_chk WHERE NOT k_ok;
INSERT INTO rejects SELECT 'persoon: bad birth field or not a real date', count(*) FROM persoon_chk
  WHERE k_ok AND (NOT f_ok OR (gj IS NOT NULL AND birth IS NULL));
CREATE TEMP TABLE persoon AS
SELECT s, r, birth, gm IS NULL AS imp_m, gd IS NULL AS imp_d FROM persoon_chk
WHERE k_ok AND f_ok AND (gj IS NULL OR birth IS NOT NULL)
QUALIFY row_number() OVER (PARTITION BY s, r ORDER BY _line) = 1;   -- R10 first valid row per key
INSERT INTO diagnostics SELECT 'persoon: duplicate key rows ignored', count(*) - (SELECT count(*) FROM persoon)
  FROM persoon_chk WHERE k_ok AND f_ok AND (gj IS NULL OR birth IS NOT NULL);

-- ------------------------------------------------------------------ GBAADRESOBJECTBUS
CREATE TEMP TABLE adres_chk AS
SELECT _line, rinpersoons AS s, rinpersoon AS r, gbadatumaanvangadreshouding AS b_raw, gbadatumeindeadreshouding AS e_raw,
       soortobjectnummer AS soort, rinobjectnummer AS obj,
       key_ok(rinpersoons, rinpersoon) AND spell_ok(gbadatumaanvangadreshouding, gbadatumeindeadreshouding)
         AND soortobjectnummer IS NOT NULL AND rinobjectnummer IS NOT NULL AS ok
FROM raw_adres;
INSERT INTO rejects SELECT 'adres: bad key/date/object', count(*) FROM adres_chk WHERE NOT ok;
CREATE TEMP TABLE adres AS
SELECT s, r, ymd(b_raw) AS b, endd(e_raw) AS e, soort, obj, _line FROM adres_chk WHERE ok;

-- spell on P(t): latest begin, latest end, smallest key (cbs-tables.md section 4)
CREATE TEMP TABLE adres_p AS
SELECT a.* FROM adres a, prm WHERE a.b <= prm.p AND a.e >= prm.p
QUALIFY row_number() OVER (PARTITION BY s, r ORDER BY b DESC, e DESC, soort, obj, _line) = 1;

-- ------------------------------------------------------------------ VSLGWBTAB (+ NIETVSLGWBTAB), vintage bc<V>
CREATE TEMP TABLE gwb_chk AS
SELECT 0 AS pref, _line, soortobjectnummer AS soort, rinobjectnummer AS obj, bc, gem, wc FROM raw_vslgwb
UNION ALL
SELECT 1, _line, soortobjectnummer, rinobjectnummer, bc, gem, wc FROM raw_nietvslgwb;
-- geography.md code formats (ours): buurt GGGG+4 alnum, wijk GGGG+2, gemeente 4 digits (R12)
CREATE TEMP TABLE gwb AS
SELECT soort, obj, bc, coalesce(wc, left(bc, 6)) AS wc, coalesce(gem, left(bc, 4)) AS gem FROM gwb_chk
WHERE soort IS NOT NULL AND obj IS NOT NULL AND bc IS NOT NULL AND regexp_full_match(bc, '[0-9]{4}[0-9A-Z]{4}')
  AND (wc IS NULL OR regexp_full_match(wc, '[0-9]{4}[0-9A-Z]{2}'))
  AND (gem IS NULL OR regexp_full_match(gem, '[0-9]{4}'))
QUALIFY row_number() OVER (PARTITION BY soort, obj ORDER BY pref, _line) = 1;
INSERT INTO rejects SELECT 'vslgwb: missing object or malformed bc/wc/gem', count(*) FROM gwb_chk
  WHERE NOT (soort IS NOT NULL AND obj IS NOT NULL AND bc IS NOT NULL AND regexp_full_match(bc, '[0-9]{4}[0-9A-Z]{4}')
  AND (wc IS NULL OR regexp_full_match(wc, '[0-9]{4}[0-9A-Z]{2}')) AND (gem IS NULL OR regexp_full_match(gem, '[0-9]{4}')));

-- ------------------------------------------------------------------ C(t): children
CREATE TEMP TABLE child AS
SELECT pe.s, pe.r, pe.birth, g.bc, g.wc, g.gem, a.soort, a.obj
FROM persoon pe, prm
JOIN adres_p a ON a.s = pe.s AND a.r = pe.r
JOIN gwb g ON g.soort = a.soort AND g.obj = a.obj
WHERE pe.s = 'R' AND pe.birth IS NOT NULL
  AND (year(prm.p) - year(pe.birth)
       - CASE WHEN month(prm.p) * 100 + day(prm.p) < month(pe.birth) * 100 + day(pe.birth) THEN 1 ELSE 0 END)
      BETWEEN 4 AND 12;
INSERT INTO diagnostics SELECT 'children in C(t), all areas', count(*) FROM child;
INSERT INTO diagnostics SELECT 'persons not R (excluded)', count(*) FROM persoon WHERE s <> 'R';
INSERT INTO diagnostics SELECT 'persons with unknown birth year (excluded)', count(*) FROM persoon WHERE birth IS NULL;

-- ------------------------------------------------------------------ GBAHUISHOUDENSBUS
CREATE TEMP TABLE hh_chk AS
SELECT _line, rinpersoons AS s, rinpersoon AS r, datumaanvanghh AS b_raw, datumeindehh AS e_raw, huishoudnr AS hh, typhh AS typ,
       key_ok(rinpersoons, rinpersoon) AND spell_ok(datumaanvanghh, datumeindehh)
         AND (typhh IS NULL OR typhh IN ('1','2','3','4','5','6','7','8')) AS ok
FROM raw_huishouden;
INSERT INTO rejects SELECT 'huishouden: bad key/date/TYPHH code', count(*) FROM hh_chk WHERE NOT ok;
CREATE TEMP TABLE hh_p AS
SELECT h.s, h.r, h.hh, h.typ FROM (SELECT s, r, ymd(b_raw) AS b, endd(e_raw) AS e, hh, typ, _line FROM hh_chk WHERE ok) h, prm
WHERE h.b <= prm.p AND h.e >= prm.p
QUALIFY row_number() OVER (PARTITION BY s, r ORDER BY b DESC, e DESC, hh ASC NULLS LAST, _line) = 1;

-- ------------------------------------------------------------------ KINDOUDERTAB -> L(c)
CREATE TEMP TABLE ko_chk AS
SELECT _line, rinpersoons AS s, rinpersoon AS r, rinpersoonspa AS spa, rinpersoonpa AS rpa,
       rinpersoonsma AS sma, rinpersoonma AS rma, key_ok(rinpersoons, rinpersoon) AS ok
FROM raw_kindouder;
INSERT INTO rejects SELECT 'kindouder: bad child key', count(*) FROM ko_chk WHERE NOT ok;
CREATE TEMP TABLE ko AS SELECT * FROM ko_chk WHERE ok
QUALIFY row_number() OVER (PARTITION BY s, r ORDER BY _line) = 1;
-- legal parents: non-empty and RINPERSOONS = R (indicators.md L(c); decided reading)
CREATE TEMP TABLE legal_parent AS
SELECT DISTINCT s AS cs, r AS cr, pr FROM (
  SELECT s, r, rpa AS pr FROM ko WHERE spa = 'R' AND key_ok(spa, rpa)
  UNION ALL
  SELECT s, r, rma FROM ko WHERE sma = 'R' AND key_ok(sma, rma)
);
INSERT INTO diagnostics SELECT 'kindouder: parent entries not linkable (S<>R or bad key)', count(*) FROM (
  SELECT spa AS ps, rpa AS pr FROM ko UNION ALL SELECT sma, rma FROM ko) WHERE (ps IS NOT NULL OR pr IS NOT NULL)
  AND NOT (ps = 'R' AND key_ok(ps, pr));

-- parents in the child's household: L(c) ∩ H(c, t)
CREATE TEMP TABLE parent_in_hh AS
SELECT c.s AS cs, c.r AS cr, lp.pr
FROM child c
JOIN hh_p hc ON hc.s = c.s AND hc.r = c.r AND hc.hh IS NOT NULL
JOIN legal_parent lp ON lp.cs = c.s AND lp.cr = c.r
JOIN hh_p hp ON hp.s = 'R' AND hp.r = lp.pr AND hp.hh = hc.hh;

-- ------------------------------------------------------------------ income household (year t)
CREATE TEMP TABLE koppel AS
SELECT rinpersoons AS s, rinpersoon AS r, rinpersoonshkw AS hs, rinpersoonhkw AS hr FROM raw_koppel
WHERE key_ok(rinpersoons, rinpersoon) AND key_ok(rinpersoonshkw, rinpersoonhkw)
QUALIFY row_number() OVER (PARTITION BY rinpersoons, rinpersoon ORDER BY _line) = 1;
INSERT INTO rejects SELECT 'koppel: bad key', count(*) FROM raw_koppel
  WHERE NOT (key_ok(rinpersoons, rinpersoon) AND key_ok(rinpersoonshkw, rinpersoonhkw));
CREATE TEMP TABLE inha_chk AS
SELECT *, key_ok(rinpersoonshkw, rinpersoonhkw) AND num_ok(inhahl) AND num_ok(inhbbihj) AND num_ok(inhp100hgestes)
          AND num_ok(inharmlag) AND num_ok(inharmlagl) AND num_ok(inharmsoc) AS ok
FROM raw_inha;
INSERT INTO rejects SELECT 'inha: bad key or non-numeric value', count(*) FROM inha_chk WHERE NOT ok;
CREATE TEMP TABLE inha AS
SELECT rinpersoonshkw AS hs, rinpersoonhkw AS hr,
       TRY_CAST(inhahl AS DOUBLE) AS ahl, TRY_CAST(inhbbihj AS DOUBLE) AS bbihj,
       TRY_CAST(inhp100hgestes AS DOUBLE) AS p100es, TRY_CAST(inharmlag AS DOUBLE) AS armlag,
       TRY_CAST(inharmlagl AS DOUBLE) AS armlagl, TRY_CAST(inharmsoc AS DOUBLE) AS armsoc
FROM inha_chk WHERE ok
QUALIFY row_number() OVER (PARTITION BY rinpersoonshkw, rinpersoonhkw ORDER BY _line) = 1;
CREATE TEMP TABLE child_inc AS
SELECT c.s, c.r, i.* FROM child c JOIN koppel k ON k.s = c.s AND k.r = c.r JOIN inha i ON i.hs = k.hs AND i.hr = k.hr;

-- ------------------------------------------------------------------ BIJSTANDUITKERINGTAB
CREATE TEMP TABLE bij_chk AS
SELECT _line, rinpersoons AS s, rinpersoon AS r, bijstandstatistiekcodea AS code,
       bijstandaanvanguitkeringpersoon1a AS b_raw, bijstandeindeuitkeringpersoon1a AS e_raw,
       key_ok(rinpersoons, rinpersoon) AND bijstandstatistiekcodea IS NOT NULL
         AND spell_ok(bijstandaanvanguitkeringpersoon1a, bijstandeindeuitkeringpersoon1a) AS ok
FROM raw_bijstand;
INSERT INTO rejects SELECT 'bijstand: bad key/code/date', count(*) FROM bij_chk WHERE NOT ok;
-- persons with a bijstand spell (codes 01 13 15 16 02 03 14 20) covering P(t)
CREATE TEMP TABLE bijstand_p AS
SELECT DISTINCT b.s, b.r FROM bij_chk b, prm
WHERE b.ok AND b.code IN ('01','13','15','16','02','03','14','20') AND ymd(b.b_raw) <= prm.p AND endd(b.e_raw) >= prm.p;

-- ------------------------------------------------------------------ JGDHULPBUS / JGDBESCHERMBUS
CREATE TEMP TABLE jgdh_chk AS
SELECT _line, rinpersoons AS s, rinpersoon AS r, jgdhhulpvorm AS vorm, jgdhgeldigheidbegindatum AS b_raw,
       jgdhgeldigheideinddatum AS e_raw,
       key_ok(rinpersoons, rinpersoon) AND jgdhhulpvorm IS NOT NULL
         AND spell_ok(jgdhgeldigheidbegindatum, jgdhgeldigheideinddatum) AS ok
FROM raw_jgdhulp;
INSERT INTO rejects SELECT 'jgdhulp: bad key/vorm/date', count(*) FROM jgdh_chk WHERE NOT ok;
CREATE TEMP TABLE jgdh AS SELECT s, r, vorm, vorm IN ('11','12','13','14') AS verblijf, ymd(b_raw) AS b, endd(e_raw) AS e
FROM jgdh_chk WHERE ok;
CREATE TEMP TABLE jgdb_chk AS
SELECT _line, rinpersoons AS s, rinpersoon AS r, jgdbmaatregel AS mr, jgdbgeldigheidbegindatum AS b_raw,
       jgdbgeldigheideinddatum AS e_raw,
       key_ok(rinpersoons, rinpersoon) AND jgdbmaatregel IS NOT NULL
         AND spell_ok(jgdbgeldigheidbegindatum, jgdbgeldigheideinddatum) AS ok
FROM raw_jgdbescherm;
INSERT INTO rejects SELECT 'jgdbescherm: bad key/maatregel/date', count(*) FROM jgdb_chk WHERE NOT ok;
CREATE TEMP TABLE jgdb AS SELECT s, r, mr, mr IN ('11','12','21','22','23') AS ots_voogdij, ymd(b_raw) AS b, endd(e_raw) AS e
FROM jgdb_chk WHERE ok;

-- ------------------------------------------------------------------ VERDTAB, HOOGSTEOPLTAB
CREATE TEMP TABLE verd AS
SELECT DISTINCT rinpersoons AS s, rinpersoon AS r, CAST(verdjaar AS INT) AS jaar FROM raw_verd
WHERE key_ok(rinpersoons, rinpersoon) AND regexp_full_match(coalesce(verdjaar, ''), '[0-9]{4}');
INSERT INTO rejects SELECT 'verd: bad key/year', count(*) FROM raw_verd
  WHERE NOT (key_ok(rinpersoons, rinpersoon) AND regexp_full_match(coalesce(verdjaar, ''), '[0-9]{4}'));
CREATE TEMP TABLE opl AS
SELECT rinpersoons AS s, rinpersoon AS r, max(CAST(left(oplnivsoi2016agg4hb, 1) AS INT)) AS lvl FROM raw_hoogsteopl
WHERE key_ok(rinpersoons, rinpersoon) AND left(oplnivsoi2016agg4hb, 1) IN ('1', '2', '3')
GROUP BY ALL;

-- ------------------------------------------------------------------ per-child flags
CREATE TEMP TABLE moves AS
WITH one_per_begin AS (    -- R15: spells with the same begin = one start, resolved like a peildatum
  SELECT a.s, a.r, a.b, a.soort || '|' || a.obj AS okey FROM adres a JOIN child c ON c.s = a.s AND c.r = a.r
  QUALIFY row_number() OVER (PARTITION BY a.s, a.r, a.b ORDER BY a.e DESC, a.soort, a.obj, a._line) = 1
), seq AS (
  SELECT s, r, b, okey, lag(okey) OVER (PARTITION BY s, r ORDER BY b) AS prev FROM one_per_begin
)
SELECT s, r, count(*) AS n FROM seq, prm
WHERE prev IS NOT NULL AND okey <> prev AND b > prm.w36 AND b <= prm.p
GROUP BY s, r;

CREATE TEMP TABLE flags AS
SELECT c.s, c.r, c.bc, c.wc, c.gem,
  -- IND01: household spell on P(t) with known HUISHOUDNR and TYPHH (decided reading)
  (h.hh IS NOT NULL AND h.typ IS NOT NULL) AS d01,
  (h.hh IS NOT NULL AND h.typ = '6') AS n01,
  coalesce(i.armlag >= 0, false) AS d02, coalesce(i.armlag BETWEEN 0 AND 100, false) AS n02,
  coalesce(i.armlagl >= 0, false) AS d03, coalesce(i.armlagl BETWEEN 0 AND 100, false) AS n03,
  coalesce(i.ahl >= 2 AND i.armsoc >= 0, false) AS d04, coalesce(i.ahl >= 2 AND i.armsoc BETWEEN 0 AND 120, false) AS n04,
  true AS d05,
  EXISTS (SELECT 1 FROM parent_in_hh ph JOIN bijstand_p bp ON bp.s = 'R' AND bp.r = ph.pr
          WHERE ph.cs = c.s AND ph.cr = c.r) AS n05,
  coalesce(i.p100es >= 1, false) AS d06, coalesce(i.p100es BETWEEN 1 AND 10, false) AS n06,
  coalesce(i.bbihj >= 0 AND i.bbihj <> 99, false) AS d07, coalesce(i.bbihj IN (21, 22, 23, 24), false) AS n07,
  EXISTS (SELECT 1 FROM parent_in_hh ph JOIN opl o ON o.s = 'R' AND o.r = ph.pr WHERE ph.cs = c.s AND ph.cr = c.r) AS d08,
  coalesce((SELECT max(o.lvl) FROM parent_in_hh ph JOIN opl o ON o.s = 'R' AND o.r = ph.pr
            WHERE ph.cs = c.s AND ph.cr = c.r) = 1, false) AS n08,
  true AS d09, coalesce(m.n >= 2, false) AS n09,
  true AS d10,
  EXISTS (SELECT 1 FROM jgdh j, prm WHERE j.s = c.s AND j.r = c.r AND j.b <= prm.y1 AND j.e >= prm.y0) AS n10,
  true AS d11,
  EXISTS (SELECT 1 FROM jgdh j, prm WHERE j.s = c.s AND j.r = c.r AND j.verblijf AND j.b <= prm.y1 AND j.e >= prm.y0) AS n11,
  true AS d12,
  EXISTS (SELECT 1 FROM jgdb j, prm WHERE j.s = c.s AND j.r = c.r AND j.b <= prm.y1 AND j.e >= prm.y0) AS n12,
  true AS d13,
  EXISTS (SELECT 1 FROM jgdb jb JOIN jgdh jh ON jh.s = jb.s AND jh.r = jb.r AND jh.verblijf, prm
          WHERE jb.s = c.s AND jb.r = c.r AND jb.ots_voogdij
            AND greatest(jb.b, jh.b) <= least(jb.e, jh.e)                       -- the spells overlap
            AND greatest(jb.b, jh.b) <= prm.y1 AND least(jb.e, jh.e) >= prm.y0) AS n13,  -- overlap lies in t (R16)
  true AS d14,
  EXISTS (SELECT 1 FROM legal_parent lp JOIN legal_parent sib ON sib.pr = lp.pr AND NOT (sib.cs = lp.cs AND sib.cr = lp.cr)
          WHERE lp.cs = c.s AND lp.cr = c.r AND sib.cs = 'R'
            AND (EXISTS (SELECT 1 FROM jgdh j, prm WHERE j.s = sib.cs AND j.r = sib.cr AND j.b <= prm.s1 AND j.e >= prm.s0)
              OR EXISTS (SELECT 1 FROM jgdb j, prm WHERE j.s = sib.cs AND j.r = sib.cr AND j.b <= prm.s1 AND j.e >= prm.s0))) AS n14,
  true AS d15,
  EXISTS (SELECT 1 FROM legal_parent lp JOIN verd v ON v.s = 'R' AND v.r = lp.pr, prm
          WHERE lp.cs = c.s AND lp.cr = c.r AND v.jaar BETWEEN prm.t - 7 AND prm.t - 1) AS n15,
  h.hh AS hh
FROM child c
LEFT JOIN hh_p h ON h.s = c.s AND h.r = c.r
LEFT JOIN child_inc i ON i.s = c.s AND i.r = c.r
LEFT JOIN moves m ON m.s = c.s AND m.r = c.r;

-- ------------------------------------------------------------------ areas
CREATE TEMP TABLE child_area AS
SELECT s, r, 'buurt' AS geo_level, 'BU' || bc AS geo_code FROM flags
UNION ALL SELECT s, r, 'wijk', 'WK' || wc FROM flags
UNION ALL SELECT s, r, 'gemeente', 'GM' || gem FROM flags
UNION ALL
SELECT DISTINCT f.s, f.r, 'gebied', ad.area FROM flags f JOIN area_def ad
  ON (ad.kind = 'buurt' AND f.bc = ad.code)
  OR (ad.kind = 'gemeente' AND f.gem = ad.code
      AND NOT EXISTS (SELECT 1 FROM area_def m WHERE m.area = ad.area AND m.kind = 'minus_buurt' AND m.code = f.bc));

CREATE TEMP TABLE universe AS
SELECT DISTINCT geo_level, geo_code FROM (
  SELECT geo_level, geo_code FROM geo_universe
  UNION ALL SELECT geo_level, geo_code FROM child_area
  UNION ALL SELECT 'gebied', area FROM area_def);

-- ------------------------------------------------------------------ IND01-IND15
CREATE TEMP TABLE child_long AS
SELECT s, r, id, d, n FROM (
  SELECT s, r,
    [d01, d02, d03, d04, d05, d06, d07, d08, d09, d10, d11, d12, d13, d14, d15] AS ds,
    [n01, n02, n03, n04, n05, n06, n07, n08, n09, n10, n11, n12, n13, n14, n15] AS ns
  FROM flags
), LATERAL (SELECT unnest(range(1, 16)) AS k)
CROSS JOIN LATERAL (SELECT 'IND' || lpad(CAST(k AS VARCHAR), 2, '0') AS id, ds[k] AS d, ds[k] AND ns[k] AS n);

CREATE TEMP TABLE cells_child AS
SELECT ca.geo_level, ca.geo_code, cl.id, count_if(cl.n) AS num, count_if(cl.d) AS den
FROM child_area ca JOIN child_long cl ON cl.s = ca.s AND cl.r = ca.r
GROUP BY ALL;

-- ------------------------------------------------------------------ IND16 families
-- one family per non-empty HUISHOUDNR among children of C(t); a child without a household is its own family.
-- Domains (R17): present when at least one of the family's children in C(t) is in the numerator of
-- IND02 (low income), IND05 (bijstand), IND10 (youth care), IND12 (youth protection), IND15 (parent suspect).
CREATE TEMP TABLE fam_child AS
SELECT s, r, CASE WHEN hh IS NOT NULL THEN 'H:' || hh ELSE 'C:' || s || r END AS fam, n02, n05, n10, n12, n15 FROM flags;
CREATE TEMP TABLE fam AS
SELECT fam, CAST(bool_or(n02) AS INT) + CAST(bool_or(n05) AS INT) + CAST(bool_or(n10) AS INT)
          + CAST(bool_or(n12) AS INT) + CAST(bool_or(n15) AS INT) AS ndom
FROM fam_child GROUP BY fam;
CREATE TEMP TABLE fam_area AS
SELECT DISTINCT fc.fam, ca.geo_level, ca.geo_code FROM fam_child fc JOIN child_area ca ON ca.s = fc.s AND ca.r = fc.r;
CREATE TEMP TABLE cells_fam AS
SELECT fa.geo_level, fa.geo_code, sum(f.ndom) AS num_mean, count_if(f.ndom >= 3) AS num_3, count(*) AS den
FROM fam_area fa JOIN fam f USING (fam) GROUP BY ALL;
INSERT INTO diagnostics SELECT 'families (all areas)', count(*) FROM fam;

-- ------------------------------------------------------------------ result
CREATE TABLE result AS
SELECT i.id AS indicator_id, prm.per AS period, u.geo_level, u.geo_code, 'totaal' AS breakdown,
       coalesce(c.num, 0) AS numerator, coalesce(c.den, 0) AS denominator
FROM universe u CROSS JOIN (SELECT 'IND' || lpad(CAST(k AS VARCHAR), 2, '0') AS id FROM range(1, 16) t(k)) i
CROSS JOIN prm
LEFT JOIN cells_child c ON c.geo_level = u.geo_level AND c.geo_code = u.geo_code AND c.id = i.id
UNION ALL
SELECT 'IND16', prm.per, u.geo_level, u.geo_code, b.breakdown,
       coalesce(CASE b.breakdown WHEN 'gemiddelde' THEN f.num_mean ELSE f.num_3 END, 0), coalesce(f.den, 0)
FROM universe u CROSS JOIN (VALUES ('gemiddelde'), ('aandeel_3plus')) b(breakdown) CROSS JOIN prm
LEFT JOIN cells_fam f ON f.geo_level = u.geo_level AND f.geo_code = u.geo_code;
