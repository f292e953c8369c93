#!/usr/bin/env python3
"""Hand-worked cases for the CBS reference (cbs_indicators.py).

Each case builds a tiny input folder under /tmp (or --root DIR), runs the reference and asserts the answer
worked out by hand from indicators.md / cbs-tables.md / README (the reasoning is in the comments).
Prints `N passed, M failed`; exits 1 on any failure.

    .venv-oracle/bin/python Tests/Oracles/reference/casebook_cbs.py [--root DIR] [--keep] [--binary PATH]

--binary PATH [--key KEYFILE] also runs our tool (`PATH indicators --input CASE --out ... --checker ...`) on every case and prints
where its checker file differs from the hand-worked answer; those differences fail the run like the reference's own.
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REF = os.path.join(HERE, "cbs_indicators.py")

# Full CBS headers (cbs-tables.md section 3) so that the folders are also legal inputs for our tool.
HEADERS = {
    "persoon": "RINPERSOONS;RINPERSOON;GBAGEBOORTELAND;GBAGESLACHT;GBAGEBOORTELANDMOEDER;GBAGEBOORTELANDVADER;"
               "GBAAANTALOUDERSBUITENLAND;GBAHERKOMSTGROEPERING;GBAGENERATIE;GBAGEBOORTEJAAR;GBAGEBOORTEMAAND;"
               "GBAGEBOORTEDAG;GBAGESLACHTMOEDER;GBAGESLACHTVADER;GBAGEBOORTEJAARMOEDER;GBAGEBOORTEMAANDMOEDER;"
               "GBAGEBOORTEDAGMOEDER;GBAGEBOORTEJAARVADER;GBAGEBOORTEMAANDVADER;GBAGEBOORTEDAGVADER;"
               "GBAIMPUTATIECODE;GBAHERKOMSTLAND;GBAGEBOORTELANDNL",
    "kindouder": "RINPERSOONS;RINPERSOON;RINPERSOONSpa;RINPERSOONpa;RINPERSOONSMa;RINPERSOONMa;XKOPPELNUMMER",
    "huishouden": "RINPERSOONS;RINPERSOON;DATUMAANVANGHH;DATUMEINDEHH;HUISHOUDNR;TYPHH;PLHH;REFPERSOONHH;"
                  "AANTALPERSHH;AANTALKINDHH;AANTALOVHH;GEBJAARJONGSTEKINDHH;GEBMAANDJONGSTEKINDHH;"
                  "GEBJAAROUDSTEKINDHH;GEBMAANDOUDSTEKINDHH;IMPUTATIECODEHH",
    "adres": "RINPERSOONS;RINPERSOON;GBADATUMAANVANGADRESHOUDING;GBADATUMEINDEADRESHOUDING;SOORTOBJECTNUMMER;"
             "RINOBJECTNUMMER",
    "vslgwb": "SOORTOBJECTNUMMER;RINOBJECTNUMMER;gem2023;wc2023;bc2023",
    "postcode": "SOORTOBJECTNUMMER;RINOBJECTNUMMER;DATUMAANVPOSTCODENUMADRES;DATUMEINDPOSTCODENUMADRES;POSTCODENUM",
    "koppel": "RINPERSOONS;RINPERSOON;RINPERSOONSHKW;RINPERSOONHKW",
    "inha": "RINPERSOONSHKW;RINPERSOONHKW;INHAHL;INHSAMHH;INHBBIHJ;INHBESTINKH;INHGESTINKH;INHP100HGEST;"
            "INHP100HGESTES;INHARMLAG;INHARMLAGL;INHARMSOC;INHARMSOCL;INHEHALGR",
    "bijstand": "RINPERSOONS;RINPERSOON;BIJSTANDStatistiekcodeA;BIJSTANDAanvangUitkeringPersoon1A;"
                "BIJSTANDEindeUitkeringPersoon1A;BIJSTANDIndicatieLopendA",
    "jgdhulp": "RINPERSOONS;RINPERSOON;JGDHHULPVORM;JGDHGELDIGHEIDBEGINDATUM;JGDHGELDIGHEIDEINDDATUM",
    "jgdbescherm": "RINPERSOONS;RINPERSOON;JGDBMAATREGEL;JGDBGELDIGHEIDBEGINDATUM;JGDBGELDIGHEIDEINDDATUM",
    "verd": "RINPERSOONS;RINPERSOON;VERDJAAR",
    "hoogsteopl": "RINPERSOONS;RINPERSOON;OPLNIVSOI2016AGG4HB;GEWICHTHOOGSTEOPL",
    "wpo": "RINPERSOONS;RINPERSOON;WPOBRIN_crypt;WPOBRINVEST;WPOTYPEPO;WPODENOMINATIE;WPOLEERJAAR;WPOGROEPSGROOTTE;"
           "WPOVERBLIJFSJRINST;WPOCODEEINDTOETS;WPOUITSLAGEINDTOETS;WPOREKENEN;WPOTAALLV;WPOTAALTV;WPOTOETSADVIES;"
           "WPOADVIESVO;WPOADVIESHERZ",
}
FILES = {
    "persoon": "GBAPERSOON2023TABV1.csv", "kindouder": "KINDOUDER2023TABV1.csv",
    "huishouden": "GBAHUISHOUDENS2023BUSV1.csv", "adres": "GBAADRESOBJECT2023BUSV1.csv",
    "vslgwb": "VSLGWB2023TAB01V1.csv", "postcode": "VSLPOSTCODEBUSV2023121.csv",
    "koppel": "KOPPELPERSOONHUISHOUDEN2023.csv", "inha": "INHA2023TABV1.csv",
    "bijstand": "BIJSTANDUITKERINGTAB2023V1.csv", "jgdhulp": "JGDHULP2023BUSV1.csv",
    "jgdbescherm": "JGDBESCHERM2023BUSV1.csv", "verd": "VERD2023TABV1.csv",
    "hoogsteopl": "HOOGSTEOPL2023TABV1.csv", "wpo": "INSCHRWPOTAB2023V1.csv",
}
GEO = """gwb_code_10;gwb_code_8;naam;gm_code;wk_code;level;is_synthetic
GM0855;0855;Tilburg;GM0855;;gemeente;0
WK0855ZZ;0855ZZ;Staatsliedenbuurt [SYNTHETIC];GM0855;WK0855ZZ;wijk;1
BU0855ZZ01;0855ZZ01;Staatsliedenbuurt Oost [SYNTHETIC];GM0855;WK0855ZZ;buurt;1
BU0855ZZ02;0855ZZ02;Staatsliedenbuurt West [SYNTHETIC];GM0855;WK0855ZZ;buurt;1
BU0855ZZ03;0855ZZ03;Overig Tilburg [SYNTHETIC];GM0855;WK0855ZZ;buurt;1
"""
# objects: O1 -> ZZ01, O2 -> ZZ02, O3 -> ZZ03
OBJ = {"O1": "0000000000000001", "O2": "0000000000000002", "O3": "0000000000000003"}
VSLGWB_ROWS = [f"VBO;{OBJ['O1']};0855;0855ZZ;0855ZZ01", f"VBO;{OBJ['O2']};0855;0855ZZ;0855ZZ02",
               f"VBO;{OBJ['O3']};0855;0855ZZ;0855ZZ03"]
POSTCODE_ROWS = [f"VBO;{o};20000101;20501231;5025" for o in OBJ.values()]


def rin(n):
    return f"{n:09d}"


def person(n, y, m, d, s="R"):
    return f"{s};{rin(n)};6030;1;6030;6030;0;6030;0;{y};{m};{d};-;-;----;--;--;----;--;--;0;6030;1"


def adres(n, b, e, o, s="R"):
    return f"{s};{rin(n)};{b};{e};VBO;{OBJ[o]}"


def hh(n, b, e, nr, typ, s="R"):
    return f"{s};{rin(n)};{b};{e};{nr};{typ};1;0;3;1;0;----;--;----;--;0"


def ko(child, pa=None, ma=None, spa="R", sma="R"):
    return (f"R;{rin(child)};{spa if pa else ''};{rin(pa) if pa else ''};"
            f"{sma if ma else ''};{rin(ma) if ma else ''};")


FILLER_P = [person(990 + i, 1970, 1, 1) for i in range(3)]
FILLER_A = [adres(990 + i, "19900101", "20501231", o) for i, o in enumerate(["O1", "O2", "O3"])]


def build(root, name, tables, raw_files=None, geo=True):
    d = os.path.join(root, name)
    if os.path.exists(d):
        shutil.rmtree(d)
    os.makedirs(os.path.join(d, "cbs"))
    tables = dict(tables)
    # one adult per buurt, so that every configured area holds a buurt of the input (our tool refuses otherwise)
    tables["persoon"] = list(tables.get("persoon", [])) + FILLER_P
    tables["adres"] = list(tables.get("adres", [])) + FILLER_A
    tables.setdefault("vslgwb", VSLGWB_ROWS)
    tables.setdefault("postcode", POSTCODE_ROWS)
    for t in HEADERS:
        rows = tables.get(t, [])
        with open(os.path.join(d, "cbs", FILES[t]), "w", encoding="utf-8", newline="") as f:
            f.write(HEADERS[t] + "\n" + "".join(r + "\n" for r in rows))
    for fname, content in (raw_files or {}).items():
        p = os.path.join(d, fname)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(p, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as f:
            f.write(content)
    if geo:
        os.makedirs(os.path.join(d, "geo"))
        with open(os.path.join(d, "geo", "geo_lookup.csv"), "w", encoding="utf-8") as f:
            f.write(GEO)
    return d


def run_ref(folder, period):
    out = folder + f".{period}.out.csv"
    r = subprocess.run([sys.executable, REF, folder, period, out], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"reference failed on {folder}: {r.stderr[-2000:]}")
    cells = {}
    with open(out, encoding="utf-8") as f:
        next(f)
        for line in f:
            v = line.rstrip("\n").split(";")
            cells[(v[0], v[2], v[3], v[4])] = (int(float(v[5])), int(float(v[6])))
    return cells


# ------------------------------------------------------------------ cases
# Every expected cell: (indicator, geo_level, geo_code, breakdown) -> (numerator, denominator)

def case_ages_spells(root):
    """Ages on the boundary, imputation, open spells, two spells with the same begin."""
    P = []
    A = []
    H = []
    P.append(person(1, 2019, 12, 31))     # exactly 4 on 2023-12-31 -> in C
    A.append(adres(1, "20191231", "", "O1"))           # empty end = open
    H.append(hh(1, "20191231", "", "000000000001", "6"))  # open household spell, single parent
    P.append(person(2, 2010, 12, 31))     # exactly 13 on 2023-12-31 -> out
    A.append(adres(2, "20101231", "20501231", "O1"))
    H.append(hh(2, "20101231", "20501231", "000000000002", "6"))
    P.append(person(3, 2011, 1, 1))       # 12 -> in
    A.append(adres(3, "20110101", "20501231", "O1"))
    H.append(hh(3, "20110101", "20501231", "000000000003", "5"))
    P.append(person(4, 2020, 1, 1))       # 3 -> out
    A.append(adres(4, "20200101", "", "O1"))
    P.append(person(5, 2019, "--", "--"))  # month/day unknown -> 2019-07-01 -> 4 -> in
    A.append(adres(5, "20190701", "", "O1"))
    H.append(hh(5, "20190701", "", "", ""))  # empty HUISHOUDNR/TYPHH -> not in IND01 at all
    P.append(person(6, "----", "--", "--"))  # year unknown -> excluded
    A.append(adres(6, "20150101", "", "O1"))
    P.append(person(7, 2015, 5, 5, s="S"))   # RINPERSOONS S -> excluded
    A.append(adres(7, "20150505", "", "O1", s="S"))
    P.append(person(8, 2015, 5, 5))         # same begin: open end beats 2024 end -> O1 (ZZ01)
    A.append(adres(8, "20200101", "20241231", "O2"))
    A.append(adres(8, "20200101", "", "O1"))
    A.append(adres(8, "20150505", "20191231", "O3"))
    H.append(hh(8, "20150505", "", "000000000008", ""))  # TYPHH empty -> not in IND01
    P.append(person(9, 2016, 6, 6))         # same begin, both open: smallest object key O2 < O3 -> ZZ02
    A.append(adres(9, "20200101", "", "O3"))
    A.append(adres(9, "20200101", "20501231", "O2"))
    H.append(hh(9, "20200101", "20231231", "000000000095", "5"))  # covers P inclusive, but ...
    H.append(hh(9, "20200101", "", "000000000094", "6"))          # ... the open spell has the latest end
    folder = build(root, "case_ages_spells", {"persoon": P, "adres": A, "huishouden": H})
    # C: ZZ01 = {1, 3, 5, 8}; ZZ02 = {9}. IND01 base: 1 (6), 3 (5), 9 (6); 5 and 8 unknown type.
    exp = {
        ("IND10", "buurt", "BU0855ZZ01", "totaal"): (0, 4),
        ("IND10", "buurt", "BU0855ZZ02", "totaal"): (0, 1),
        ("IND10", "buurt", "BU0855ZZ03", "totaal"): (0, 0),
        ("IND10", "gemeente", "GM0855", "totaal"): (0, 5),
        ("IND01", "buurt", "BU0855ZZ01", "totaal"): (1, 2),
        ("IND01", "buurt", "BU0855ZZ02", "totaal"): (1, 1),
        ("IND01", "gebied", "wijk", "totaal"): (2, 3),
        ("IND01", "gebied", "rest_tilburg", "totaal"): (0, 0),
        ("IND16", "gebied", "tilburg", "gemiddelde"): (0, 5),  # 5 families: 4 households + child 5 alone
    }
    return folder, "2023", exp


def case_parents(root):
    """Legal parents with RINPERSOONS S, parents outside the household, bijstand codes, education, suspects,
    siblings' youth care."""
    P, A, H, K, B, O, V, J = [], [], [], [], [], [], [], []
    # k1 (101): pa 201 (R, in HH), Ma 202 with RINPERSOONS S (in HH, bijstand, high education, suspect)
    P += [person(101, 2015, 3, 3), person(201, 1985, 1, 1), person(202, 1986, 1, 1, s="S"), person(111, 2008, 1, 1)]
    A += [adres(101, "20150303", "", "O1"), adres(201, "20100101", "", "O1"), adres(202, "20100101", "", "O1", s="S"),
          adres(111, "20080101", "", "O1")]
    H += [hh(101, "20150303", "", "000000000101", "5"), hh(201, "20100101", "", "000000000101", "5"),
          hh(202, "20100101", "", "000000000101", "5", s="S"), hh(111, "20080101", "", "000000000101", "5")]
    K += [ko(101, pa=201, ma=202, sma="S"), ko(111, pa=201)]
    B += ["S;000000202;01;20200101;;1"]           # not linkable -> no IND05 for k1
    O += ["R;000000201;1211;1", "S;000000202;3111;1"]   # k1: only 201 counts -> low -> IND08 numerator
    V += ["S;000000202;2020"]                       # not linkable -> no IND15
    J += ["R;000000111;21;20220301;20220601"]       # sibling 111 (age 15) youth care in t-1 -> IND14 for k1
    # k2 (102): pa 203 (R, in HH, bijstand code 18 = supplement, middle education, suspect in t),
    #           Ma 204 (R, other household, bijstand 01, low education, suspect in t-7)
    P += [person(102, 2017, 2, 2), person(203, 1980, 1, 1), person(204, 1981, 1, 1), person(112, 2012, 1, 1)]
    A += [adres(102, "20170202", "", "O1"), adres(203, "20100101", "", "O1"), adres(204, "20100101", "", "O2"),
          adres(112, "20120101", "", "O2")]
    H += [hh(102, "20170202", "", "000000000102", "6"), hh(203, "20100101", "", "000000000102", "6"),
          hh(204, "20100101", "", "000000000204", "6"), hh(112, "20120101", "", "000000000204", "6")]
    K += [ko(102, pa=203, ma=204), ko(112, ma=204)]
    B += ["R;000000203;18;20200101;;1", "R;000000204;01;20200101;;1"]
    O += ["R;000000203;2111;1", "R;000000204;1111;1"]
    V += ["R;000000203;2023", "R;000000204;2016"]    # 2016 = t-7 -> IND15 for k2 (and for 112)
    J += ["R;000000112;21;20200101;20201231"]        # sibling's spell in t-3 -> no IND14 for k2
    # k3 (103): Ma 205 (R, in HH, bijstand 02 from 2023-01-01, open), no education record; sibling 113 with a
    # youth-protection spell in t-2
    P += [person(103, 2013, 4, 4), person(205, 1990, 1, 1), person(113, 2005, 1, 1)]
    A += [adres(103, "20130404", "", "O1"), adres(205, "20100101", "", "O1"), adres(113, "20050101", "", "O3")]
    H += [hh(103, "20130404", "", "000000000103", "6"), hh(205, "20100101", "", "000000000103", "6")]
    K += [ko(103, ma=205), ko(113, ma=205)]
    B += ["R;000000205;02;20230101;;1"]
    J2 = ["R;000000113;11;20210101;20210131"]
    folder = build(root, "case_parents", {"persoon": P, "adres": A, "huishouden": H, "kindouder": K,
                                          "bijstand": B, "hoogsteopl": O, "verd": V, "jgdhulp": J,
                                          "jgdbescherm": J2})
    # C(t): 101, 102, 103 in ZZ01; 112 (age 11) in ZZ02. 111 (15), 113 (18) are not children.
    exp = {
        ("IND05", "buurt", "BU0855ZZ01", "totaal"): (1, 3),   # only k3
        ("IND05", "buurt", "BU0855ZZ02", "totaal"): (1, 1),   # 112 lives with 204 (bijstand 01)
        ("IND08", "buurt", "BU0855ZZ01", "totaal"): (1, 2),   # k1 low (201), k2 middle (203), k3 unknown
        ("IND08", "buurt", "BU0855ZZ02", "totaal"): (1, 1),   # 112: 204 low
        ("IND15", "buurt", "BU0855ZZ01", "totaal"): (1, 3),   # k2 via 204 (2016)
        ("IND15", "buurt", "BU0855ZZ02", "totaal"): (1, 1),   # 112 via 204
        ("IND14", "buurt", "BU0855ZZ01", "totaal"): (2, 3),   # k1 (111 in 2022), k3 (113 in 2021)
        ("IND14", "buurt", "BU0855ZZ02", "totaal"): (0, 1),   # 112: sibling 102 has no spell
        ("IND12", "gemeente", "GM0855", "totaal"): (0, 4),
        ("IND01", "buurt", "BU0855ZZ01", "totaal"): (2, 3),
    }
    return folder, "2023", exp


def case_family(root):
    """A family whose children live in different buurten; a child without a household; IND16 domains."""
    P = [person(301, 2014, 1, 1), person(302, 2016, 1, 1), person(303, 2015, 1, 1), person(401, 1980, 1, 1),
         person(304, 2013, 1, 1)]
    A = [adres(301, "20140101", "", "O1"), adres(302, "20160101", "", "O2"), adres(303, "20150101", "", "O1"),
         adres(401, "20100101", "", "O1"), adres(304, "20130101", "", "O3")]
    H = [hh(301, "20140101", "", "000000000300", "6"), hh(302, "20160101", "", "000000000300", "6"),
         hh(401, "20100101", "", "000000000300", "6"), hh(304, "20130101", "", "000000000304", "4")]
    K = [ko(301, ma=401), ko(302, ma=401), ko(304)]
    KP = ["R;000000301;R;000000401", "R;000000302;R;000000401", "R;000000401;R;000000401",
          "R;000000304;R;000000304"]
    I = ["R;000000401;3;41;22;15000;10000;5;5;90;95;100;105;3",
         "R;000000304;3;31;11;60000;40000;60;60;-1;-2;-3;-4;1"]   # negative codes: excluded from the bases
    B = ["R;000000401;01;20220101;;1"]
    JH = ["R;000000301;21;20230301;20230401"]
    JB = ["R;000000302;11;20221001;"]
    folder = build(root, "case_family", {"persoon": P, "adres": A, "huishouden": H, "kindouder": K, "koppel": KP,
                                         "inha": I, "bijstand": B, "jgdhulp": JH, "jgdbescherm": JB})
    # family F300 = {301 (ZZ01), 302 (ZZ02), 401}: low income, bijstand, youth care, youth protection = 4
    # 303 (ZZ01): no household -> own family, 0 domains; 304 (ZZ03): household 304, 0 domains.
    exp = {
        ("IND16", "buurt", "BU0855ZZ01", "gemiddelde"): (4, 2),
        ("IND16", "buurt", "BU0855ZZ01", "aandeel_3plus"): (1, 2),
        ("IND16", "buurt", "BU0855ZZ02", "gemiddelde"): (4, 1),
        ("IND16", "buurt", "BU0855ZZ02", "aandeel_3plus"): (1, 1),
        ("IND16", "gebied", "wijk", "gemiddelde"): (4, 2),        # F300 counted once
        ("IND16", "gebied", "wijk", "aandeel_3plus"): (1, 2),
        ("IND16", "wijk", "WK0855ZZ", "gemiddelde"): (4, 3),
        ("IND16", "gebied", "controle", "gemiddelde"): (0, 1),
        ("IND16", "gebied", "rest_tilburg", "gemiddelde"): (0, 1),
        ("IND16", "gemeente", "GM0855", "aandeel_3plus"): (1, 3),
        ("IND02", "gemeente", "GM0855", "totaal"): (2, 2),        # 304's -1 is not a number; 303 no income hh
        ("IND04", "gemeente", "GM0855", "totaal"): (2, 2),        # INHAHL 3, ARMSOC 100
        ("IND06", "gemeente", "GM0855", "totaal"): (2, 3),        # 304: 60 is in the base
        ("IND07", "gemeente", "GM0855", "totaal"): (2, 3),        # 22 = bijstand; 11 wage
        ("IND05", "gemeente", "GM0855", "totaal"): (2, 4),
        ("IND10", "buurt", "BU0855ZZ01", "totaal"): (1, 2),
        ("IND12", "buurt", "BU0855ZZ02", "totaal"): (1, 1),
    }
    return folder, "2023", exp


def case_messy(root):
    """BOM, CRLF, lower-case headers, quoted fields with ';' and line breaks, missing tokens, padded codes, a
    higher version, a wrong field count, an impossible date, a code outside its list; moves (IND09)."""
    bom = "\ufeff"
    # persons: V1 (stale: d1 would be 20) and V2 (wins); lower-case header, CRLF, BOM, extra quoted column
    p_hdr = HEADERS["persoon"].lower() + ";OPMERKING"
    v1 = bom + p_hdr + "\r\n" + person(501, 2003, "05", "05") + ";x\r\n"
    v2 = (bom + p_hdr + "\r\n" +
          person(501, 2015, "05", "05") + ';"quoted; with\r\na line break"\r\n' +
          "".join(person(n, 2015, "05", "05") + ";\r\n" for n in (502, 503, 504)) +
          person(505, 2015, 5, 5).replace("000000505", " 000000505 ") + ";\r\n" +
          "".join(r + ";\r\n" for r in FILLER_P))  # P7 trim; 1-digit month/day (R09)
    A = [adres(501, "20190101", "20210531", "O2"), adres(501, "20210601", "20220531", "O3"),
         adres(501, "20220601", "", "O1"),            # 2 moves in (2020-12-31, 2023-12-31] -> IND09
         adres(502, "20230230", "", "O1"),            # not a real date -> row rejected -> 502 has no address
         adres(503, "20150101", "20201231", "O2"), adres(503, "20210101", "----", "O1"),  # 1 move; '----' = open
         adres(504, "20180101", "20210531", "O1"), adres(504, "20210601", "", "O1"),    # same object: no move
         adres(505, "20150505", "", "O1")]
    H = [hh(501, "20150505", "", "000000000501", " 6"),  # padded code, trimmed
         "R;000000503;20150505;;000000000503;5;1;0;3",   # wrong field count -> rejected -> no household
         hh(504, "20150505", "", "000000000504", "9"),  # code outside 1-8 -> rejected -> no household
         hh(505, "20150505", "-", "000000000505", "4")]  # '-' end = missing = open
    folder = build(root, "case_messy", {"adres": A, "huishouden": H},
                   raw_files={"cbs/GBAPERSOON2023TABV1.csv": v1, "cbs/gbapersoon2023tabv2.csv": v2})
    # C(t) in ZZ01: 501, 503, 504, 505 (502 has no valid address)
    exp = {
        ("IND10", "buurt", "BU0855ZZ01", "totaal"): (0, 4),
        ("IND01", "buurt", "BU0855ZZ01", "totaal"): (1, 2),   # 501 (6), 505 (4)
        ("IND09", "buurt", "BU0855ZZ01", "totaal"): (1, 4),
        ("IND09", "buurt", "BU0855ZZ03", "totaal"): (0, 0),
    }
    return folder, "2023", exp


def case_month(root):
    """Month period 2023-06: age on 30 June, youth care year-to-date."""
    P = [person(601, 2019, 6, 30), person(602, 2019, 7, 1), person(603, 2016, 1, 1), person(604, 2016, 1, 1)]
    A = [adres(n, "20190701", "", "O1") for n in (601, 602, 603, 604)]
    JH = ["R;000000603;21;20230701;", "R;000000604;12;20230115;20230120"]
    folder = build(root, "case_month", {"persoon": P, "adres": A, "jgdhulp": JH})
    exp = {
        ("IND10", "buurt", "BU0855ZZ01", "totaal"): (1, 3),   # 602 is 3 on 2023-06-30; 603's spell starts later
        ("IND11", "buurt", "BU0855ZZ01", "totaal"): (1, 3),   # 604 form 12 = met verblijf
    }
    return folder, "2023-06", exp


CASES = [case_ages_spells, case_parents, case_family, case_messy, case_month]


def run_binary(binary, folder, period, key=None):
    out = folder + ".bin"
    chk = folder + f".{period}.checker.csv"
    if os.path.exists(out):
        shutil.rmtree(out)
    cmd = [binary, "indicators", "--input", folder, "--period", period, "--out", out, "--checker", chk]
    if key:
        cmd += ["--key", key]
    r = subprocess.run(cmd,
                       capture_output=True, text=True)
    if r.returncode != 0:
        return None, (r.stdout + r.stderr)[-1500:]
    cells = {}
    with open(chk, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if not l.startswith("#")]
    hdr = lines[0].split(";")
    ix = {h: i for i, h in enumerate(hdr)}
    for l in lines[1:]:
        v = l.split(";")
        den = v[ix["denominator"]] or v[ix.get("units", ix["denominator"])]
        cells[(v[0], v[2], v[3], v[4])] = (v[ix["numerator"]], den)
    return cells, None


def main(argv):
    root = tempfile.mkdtemp(prefix="casebook_cbs_")
    binary = None
    if "--root" in argv:
        root = argv[argv.index("--root") + 1]
        os.makedirs(root, exist_ok=True)
    if "--binary" in argv:
        binary = argv[argv.index("--binary") + 1]
    keyfile = argv[argv.index("--key") + 1] if "--key" in argv else None
    passed = failed = 0
    for case in CASES:
        folder, period, exp = case(root)
        try:
            got = run_ref(folder, period)
        except RuntimeError as e:
            print(f"FAIL {case.__name__}: {e}")
            failed += len(exp)
            continue
        for key, want in exp.items():
            have = got.get(key)
            if have == want:
                passed += 1
            else:
                failed += 1
                print(f"FAIL {case.__name__} {key}: expected {want}, reference gave {have}")
        if binary:
            # Our tool on the same folder must give the hand-worked answers too. It writes no cell for an empty
            # area (0/0), and an area over exactly one buurt's units is published under that buurt's cell
            # (README, alias areas), so a missing `gebied` key is not a difference.
            cells, err = run_binary(binary, folder, period, keyfile)
            if err:
                print(f"FAIL binary on {case.__name__}: {err.strip().splitlines()[-1] if err.strip() else err}")
                failed += len(exp)
            else:
                for key, want in exp.items():
                    have = cells.get(key)
                    if have is None and (tuple(want) == (0, 0) or key[1] == "gebied"):
                        passed += 1
                        continue
                    if have is None or (float(have[0] or "nan"), float(have[1] or "nan")) != (float(want[0]), float(want[1])):
                        failed += 1
                        print(f"FAIL binary {case.__name__} {key}: hand-worked {want}, binary {have}")
                    else:
                        passed += 1
    print(f"{passed} passed, {failed} failed")
    if "--keep" not in argv and "--root" not in argv:
        shutil.rmtree(root, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
