#!/usr/bin/env python3
"""Hand-worked cases for school_care_indicators.py (IND17-IND24).

Builds tiny input folders under /tmp/casebook_school_care/, runs the reference on each and asserts
the answers worked out by hand (comments give the arithmetic).  Prints `N passed, M failed` and
exits non-zero on any failure.

Usage: .venv-oracle/bin/python Tests/Oracles/reference/casebook_school_care.py [--binary PATH --key KEYFILE]
With --binary, our tool runs on every folder too and must give the same hand-worked answers.
"""
import csv
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
REF = os.path.join(HERE, "school_care_indicators.py")
WORK = "/tmp/casebook_school_care"

# The layouts of the inputs (local-files.md, cbs-tables.md), as a clean export writes them; the cases do not
# depend on how data-samples/ happens to be formatted (its headers and file names vary on purpose).
HEADERS = {
    'cbs/GBAPERSOON2023TABV1.csv': 'RINPERSOONS;RINPERSOON;GBAGEBOORTELAND;GBAGESLACHT;GBAGEBOORTELANDMOEDER;GBAGEBOORTELANDVADER;GBAAANTALOUDERSBUITENLAND;GBAHERKOMSTGROEPERING;GBAGENERATIE;GBAGEBOORTEJAAR;GBAGEBOORTEMAAND;GBAGEBOORTEDAG;GBAGESLACHTMOEDER;GBAGESLACHTVADER;GBAGEBOORTEJAARMOEDER;GBAGEBOORTEMAANDMOEDER;GBAGEBOORTEDAGMOEDER;GBAGEBOORTEJAARVADER;GBAGEBOORTEMAANDVADER;GBAGEBOORTEDAGVADER;GBAIMPUTATIECODE;GBAHERKOMSTLAND;GBAGEBOORTELANDNL',
    'cbs/GBAADRESOBJECT2023BUSV1.csv': 'RINPERSOONS;RINPERSOON;GBADATUMAANVANGADRESHOUDING;GBADATUMEINDEADRESHOUDING;SOORTOBJECTNUMMER;RINOBJECTNUMMER',
    'cbs/GBAHUISHOUDENS2023BUSV1.csv': 'RINPERSOONS;RINPERSOON;DATUMAANVANGHH;DATUMEINDEHH;HUISHOUDNR;TYPHH;PLHH;REFPERSOONHH;AANTALPERSHH;AANTALKINDHH;AANTALOVHH;GEBJAARJONGSTEKINDHH;GEBMAANDJONGSTEKINDHH;GEBJAAROUDSTEKINDHH;GEBMAANDOUDSTEKINDHH;IMPUTATIECODEHH',
    'cbs/KINDOUDER2023TABV1.csv': 'RINPERSOONS;RINPERSOON;RINPERSOONSpa;RINPERSOONpa;RINPERSOONSMa;RINPERSOONMa;XKOPPELNUMMER',
    'cbs/VSLGWB2023TAB01V1.csv': 'SOORTOBJECTNUMMER;RINOBJECTNUMMER;gem2022;wc2022;bc2022;gem2023;wc2023;bc2023',
    'cbs/BIJSTANDUITKERINGTAB2023V1.csv': 'RINPERSOONS;RINPERSOON;BIJSTANDStatistiekcodeA;BIJSTANDAanvangUitkeringPersoon1A;BIJSTANDEindeUitkeringPersoon1A;BIJSTANDIndicatieLopendA',
    'crosswalk/bsn_rin_crosswalk.csv': 'bsn;RINPERSOONS;RINPERSOON',
    'care/care_episodes.csv': 'episode_id;bsn;achternaam;voorvoegsel;voornamen;geboortedatum;geslacht;postcode;huisnummer;household_key;organisation_id;organisation_type;service_code;service_label;start_date;end_date;referral_source;is_statutory',
    'care/organisations.csv': 'organisation_id;organisation_name;organisation_type;agb_code;kvk_nummer;is_synthetic',
    'school/SYNTHBRIN01/school_leerlingen.csv': 'leerling_key;bsn;onderwijsnummer;achternaam;voorvoegsel;voornamen;roepnaam;geboortedatum;geslacht;postcode;huisnummer;huisnummer_toevoeging;brin;vestiging;schooljaar;groep_key;groep_naam;jaargroep;instroomdatum;uitstroomdatum;leerlinggewicht;ondersteuningsprofiel;arrangement;opp;tlv_categorie;vve_deelname',
    'school/SYNTHBRIN01/school_verzuim.csv': 'leerling_key;schooljaar;datum;lesuren_afwezig;soort;reden;duo_melding_type;duo_meldingsdatum',
    'school/SYNTHBRIN01/school_lesrooster.csv': 'brin;vestiging;schooljaar;jaargroep;geplande_lesuren',
    'school/SYNTHBRIN01/school_toetsen.csv': 'leerling_key;schooljaar;toetsmoment;toets;domein;vaardigheidsscore;niveau;referentieniveau',
    'school/SYNTHBRIN01/school_advies.csv': 'leerling_key;schooljaar;voorlopig_advies;definitief_advies;doorstroomtoets_code;doorstroomtoets_advies;herzien_advies',
    'school/SYNTHBRIN01/school_zorgsignalen.csv': 'signaal_id;leerling_key;datum;signaal_type;domein;ingebracht_door;verwezen_naar_organisatie_id;status',
}
GEO_LOOKUP = 'gwb_code_10;gwb_code_8;naam;gm_code;wk_code;level;is_synthetic\nGM0855;0855;Tilburg;GM0855;;gemeente;0\nWK0855ZZ;0855ZZ;Staatsliedenbuurt [SYNTHETIC];GM0855;WK0855ZZ;wijk;1\nWK085510;085510;Binnenstad;GM0855;WK085510;wijk;0\nBU0855ZZ01;0855ZZ01;Staatsliedenbuurt Oost [SYNTHETIC];GM0855;WK0855ZZ;buurt;1\nBU0855ZZ02;0855ZZ02;Staatsliedenbuurt West [SYNTHETIC];GM0855;WK0855ZZ;buurt;1\nBU0855ZZ03;0855ZZ03;Overig Tilburg [SYNTHETIC];GM0855;WK0855ZZ;buurt;1\nBU08551001;08551001;Binnenstad West;GM0855;WK085510;buurt;0\nBU08551002;08551002;Binnenstad Oost;GM0855;WK085510;buurt;0\nBU08551003;08551003;Koningsplein;GM0855;WK085510;buurt;0\nBU08551004;08551004;Oude Dijk;GM0855;WK085510;buurt;0\n'


def sample_header(*parts):
    return HEADERS["/".join(parts)].split(";")


CBS_FILES = {
    "GBAPERSOON2023TABV1.csv": "gbapersoon",
    "GBAADRESOBJECT2023BUSV1.csv": "adres",
    "GBAHUISHOUDENS2023BUSV1.csv": "hh",
    "KINDOUDER2023TABV1.csv": "kindouder",
    "VSLGWB2023TAB01V1.csv": "vslgwb",
    "BIJSTANDUITKERINGTAB2023V1.csv": "bijstand",
}
SCHOOL_FILES = ["leerlingen", "verzuim", "lesrooster", "toetsen", "advies", "zorgsignalen"]


def header(path):
    with open(path, encoding="utf-8-sig") as fh:
        return fh.readline().rstrip("\r\n").split(";")


def bsn(n):
    """n-th valid 9-digit BSN (11-proof), deterministic; 1xxxxxxxx-range so it is never an onderwijsnummer."""
    k = 0
    for x in range(200000000, 999999999):
        s = "%09d" % x
        w = sum((9 - i) * int(s[i]) for i in range(8)) - int(s[8])
        if w % 11 == 0:
            if k == n:
                return s
            k += 1


def write(path, cols, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(";".join(cols) + "\n")
        for r in rows:
            fh.write(";".join(str(r.get(c, "")) for c in cols) + "\n")


class Folder:
    """A tiny input folder: CBS headers, geo lookup, crosswalk, care register and one school."""

    def __init__(self, name):
        self.root = os.path.join(WORK, name)
        shutil.rmtree(self.root, ignore_errors=True)
        self.cbs = {k: [] for k in CBS_FILES.values()}
        self.care, self.orgs, self.xwalk = [], [], []
        self.school = {k: [] for k in SCHOOL_FILES}
        self.n_obj = 0

    # --- CBS side ------------------------------------------------------------------------
    def person(self, rin, born, buurt=None, hh=None, parents=()):
        """rin and parents as 'R' + 9 digits or 9 digits."""
        rin = rin[-9:]
        parents = tuple(p[-9:] for p in parents if p) if any(parents) else ()
        parents = parents if len(parents) != 1 else ("",) + parents  # a single parent given = the mother
        y, m, d = born.split("-")
        self.cbs["gbapersoon"].append(dict(RINPERSOONS="R", RINPERSOON=rin, GBAGEBOORTEJAAR=y, GBAGEBOORTEMAAND=m,
                                           GBAGEBOORTEDAG=d, GBAGESLACHT="1"))
        if buurt:
            self.n_obj += 1
            obj = "%016d" % self.n_obj
            self.cbs["adres"].append(dict(RINPERSOONS="R", RINPERSOON=rin, GBADATUMAANVANGADRESHOUDING="20100101",
                                          GBADATUMEINDEADRESHOUDING="20501231", SOORTOBJECTNUMMER="VBO",
                                          RINOBJECTNUMMER=obj))
            self.cbs["vslgwb"].append(dict(SOORTOBJECTNUMMER="VBO", RINOBJECTNUMMER=obj, gem2022="0855",
                                           wc2022=buurt[:6], bc2022=buurt, gem2023="0855", wc2023=buurt[:6],
                                           bc2023=buurt))
        if hh:
            self.cbs["hh"].append(dict(RINPERSOONS="R", RINPERSOON=rin, DATUMAANVANGHH="20100101",
                                       DATUMEINDEHH="20501231", HUISHOUDNR=hh, TYPHH="5"))
        if parents:
            pa, ma = (list(parents) + [""])[:2]
            self.cbs["kindouder"].append(dict(RINPERSOONS="R", RINPERSOON=rin, RINPERSOONSpa="R" if pa else "",
                                              RINPERSOONpa=pa, RINPERSOONSMa="R" if ma else "", RINPERSOONMa=ma))

    def link(self, b, rin):
        self.xwalk.append(dict(bsn=b, RINPERSOONS="R", RINPERSOON=rin[-9:]))

    def org(self, oid, otype):
        self.orgs.append(dict(organisation_id=oid, organisation_name="Org " + oid, organisation_type=otype,
                              is_synthetic="1"))

    def episode(self, eid, b, oid, start, end=""):
        otype = next(o["organisation_type"] for o in self.orgs if o["organisation_id"] == oid)
        self.care.append(dict(episode_id=eid, bsn=b, organisation_id=oid, organisation_type=otype,
                              service_code="S1", service_label="x", start_date=start, end_date=end,
                              is_statutory="0", household_key="GZ1"))

    # --- school side ---------------------------------------------------------------------
    def pupil(self, key, y, jaargroep, instroom, uitstroom="", b="", **kw):
        row = dict(leerling_key=key, bsn=b, schooljaar=y, jaargroep=jaargroep, instroomdatum=instroom,
                   uitstroomdatum=uitstroom, brin="SYNTHBRIN01", vestiging="01", opp="N", tlv_categorie="Nvt",
                   geboortedatum="2014-01-01")
        row.update(kw)
        self.school["leerlingen"].append(row)

    def absent(self, key, y, date, hours, soort="ongeoorloofd", reden="overig", duo=""):
        self.school["verzuim"].append(dict(leerling_key=key, schooljaar=y, datum=date, lesuren_afwezig=hours,
                                           soort=soort, reden=reden, duo_melding_type=duo))

    def signal(self, sid, key, date, stype="zorgmelding", org=""):
        self.school["zorgsignalen"].append(dict(signaal_id=sid, leerling_key=key, datum=date, signaal_type=stype,
                                                domein="overig", ingebracht_door="leerkracht",
                                                verwezen_naar_organisatie_id=org, status="open"))

    def build(self):
        # One adult in every buurt of the geography, so that every configured area holds a buurt of the input
        # (our tool refuses an area without one); adults are in no indicator of IND17-IND24.
        for number, buurt in enumerate(["0855ZZ01", "0855ZZ02", "0855ZZ03", "08551001", "08551002", "08551003",
                                        "08551004"]):
            self.person("R%09d" % (990 + number), "1970-01-01", buurt, "H%d" % (990 + number))
        for fname, k in CBS_FILES.items():
            write(os.path.join(self.root, "cbs", fname), sample_header("cbs", fname), self.cbs[k])
        os.makedirs(os.path.join(self.root, "geo"), exist_ok=True)
        with open(os.path.join(self.root, "geo", "geo_lookup.csv"), "w", encoding="utf-8") as fh:
            fh.write(GEO_LOOKUP)
        write(os.path.join(self.root, "crosswalk", "bsn_rin_crosswalk.csv"),
              sample_header("crosswalk", "bsn_rin_crosswalk.csv"), self.xwalk)
        write(os.path.join(self.root, "care", "care_episodes.csv"),
              sample_header("care", "care_episodes.csv"), self.care)
        write(os.path.join(self.root, "care", "organisations.csv"),
              sample_header("care", "organisations.csv"), self.orgs)
        rooster = [dict(brin="SYNTHBRIN01", vestiging="01", schooljaar=y, jaargroep=g, geplande_lesuren=940)
                   for y in ("2021-2022", "2022-2023", "2023-2024") for g in range(1, 9)]
        for k in SCHOOL_FILES:
            rows = rooster if k == "lesrooster" else self.school[k]
            write(os.path.join(self.root, "school", "SYNTHBRIN01", "school_%s.csv" % k),
                  sample_header("school", "SYNTHBRIN01", "school_%s.csv" % k), rows)
        return self

    def run(self, period="2023"):
        # The school holidays are an input (README); the shipped default is region zuid.
        shutil.copy(os.path.join(REPO, "config", "schoolvakanties.csv"),
                    os.path.join(self.root, "school", "schoolvakanties.csv"))
        out = os.path.join(self.root, "out.csv")
        subprocess.run([sys.executable, REF, self.root, period, out], check=True)
        with open(out, encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh, delimiter=";"))
        results = Results({(r["indicator_id"], r["period"], r["geo_level"], r["geo_code"], r["breakdown"]):
                           (r["numerator"], r["denominator"]) for r in rows})
        if BINARY:
            results.binary = run_binary(self.root, period)
        return results


class Results(dict):
    """The reference's cells; with --binary also our tool's, checked against the same hand-worked answer."""
    binary = None
    current = None

    def get(self, key, default=None):
        Results.current = (self, key)
        return super().get(key, default)


BINARY = None
KEY = None


def run_binary(folder, period):
    """Our tool's unrounded cells (deterministic linkage, as the docs describe) from its checker file."""
    checker = folder + ".checker.csv"
    shutil.rmtree(folder + ".bin", ignore_errors=True)  # a fresh output folder: wijkbeeld replaces only its own
    command = [BINARY, "indicators", "--input", folder, "--period", period, "--linkage", "deterministic",
               "--out", folder + ".bin", "--checker", checker]
    if KEY:
        command += ["--key", KEY]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        return {"error": (result.stdout + result.stderr)[-500:]}
    cells = {}
    with open(checker, encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    for r in csv.DictReader(lines, delimiter=";"):
        cells[(r["indicator_id"], r["period"], r["geo_level"], r["geo_code"], r["breakdown"])] = (
            r["numerator"], r["denominator"] or r["units"])
    return cells


RESULTS = []


def matches(got, want):
    return got is not None and len(got) == len(want) and all(
        (w is None and g == "") or (w is not None and g != "" and abs(float(g) - w) < 1e-9) for g, w in zip(got, want))


def check(name, got, want):
    ok = matches(got, want)
    RESULTS.append(ok)
    print("%s %s: got %s, want %s" % ("PASS" if ok else "FAIL", name, got, want))
    if BINARY and Results.current is not None:
        results, key = Results.current
        binary = results.binary or {}
        have = binary.get(key)
        # Our tool writes no cell for an empty group (0 of 0).
        # Our tool writes no cell for an empty group (0 of 0), nor an `alle_scholen` total beside one school.
        ok = matches(have, want) or (have is None and "error" not in binary and (
            all(w in (0, None) for w in want) or key[3] == "alle_scholen"))
        RESULTS.append(ok)
        print("%s binary %s: got %s, want %s" % ("PASS" if ok else "FAIL", name, binary.get("error", have), want))
    Results.current = None


def case_left_mid_year():
    """Pupil A in 2022-2023 from before 1 Aug to uitstroom 2022-12-31: 1 Aug..31 Dec = 153 days of 365.
    Planned = 940 * 153/365 = 394.0274; 2 unauthorised hours.  Pupil B enters 2023-01-09: 9 Jan..31 Jul =
    204 days -> 940*204/365 = 525.3699, 1 hour.  IND18 = (3, 919.3973).  IND23 (S(y) = enrolled on
    1 Oct): only A, who has an OPP -> (1, 1).  IND19/20 denominators: 2 pupils enrolled in y."""
    f = Folder("left_mid_year")
    f.pupil("A", "2022-2023", 5, "2018-08-20", "2022-12-31", opp="J")
    f.pupil("B", "2022-2023", 5, "2023-01-09")
    f.absent("A", "2022-2023", "2022-11-14", 2.0)
    f.absent("B", "2022-2023", "2023-03-13", 1.0)
    r = f.build().run()
    k = ("2022-2023", "school", "school_1", "totaal")
    check("left mid-year IND18", r.get(("IND18",) + k), (3.0, 940 * 153 / 365 + 940 * 204 / 365))
    check("left mid-year IND23", r.get(("IND23",) + k), (1, 1))
    check("left mid-year IND19 base", r.get(("IND19",) + k), (0, 2))


def case_after_reference_date():
    """Running year 2023-2024, reference date 2023-12-31.  Pupil A enrolled since 2019: 1 Aug..31 Dec 2023
    = 153 days of 366 (the school year holds 29 Feb 2024) -> planned 940*153/366 = 392.9508.  Unauthorised
    3 h on 2023-12-20 count; 20 h on 2024-01-15 (after P) do not; ziek 30 h on 2023-11-06 = 7.6% < 10%,
    + 40 h ziek in 2024 ignored -> IND20 = 0.  A DUO report dated 2024-01-16 is ignored -> IND19 = 0.
    Pupil B enters 2024-02-01 (after P): not enrolled yet, not in any base.  A signal of A on
    2024-01-10 is ignored: no IND24 cell at all."""
    f = Folder("after_reference_date")
    f.pupil("A", "2023-2024", 6, "2019-08-19")
    f.pupil("B", "2023-2024", 6, "2024-02-01")
    f.absent("A", "2023-2024", "2023-12-20", 3.0)
    f.absent("A", "2023-2024", "2024-01-15", 20.0, duo="16u_4wk")
    f.absent("A", "2023-2024", "2023-11-06", 30.0, soort="geoorloofd", reden="ziek")
    f.absent("A", "2023-2024", "2024-01-08", 40.0, soort="geoorloofd", reden="ziek")
    f.signal("S1", "A", "2024-01-10")
    r = f.build().run()
    k = ("2023-2024", "school", "school_1", "totaal")
    check("after P IND18", r.get(("IND18",) + k), (3.0, 940 * 153 / 366))
    check("after P IND19", r.get(("IND19",) + k), (0, 1))
    check("after P IND20", r.get(("IND20",) + k), (0, 1))
    check("after P IND24 absent", tuple(x for x in r if x[0] == "IND24"), ())
    if BINARY:
        check("binary after P IND24 absent", tuple(x for x in (r.binary or {}) if x[0] == "IND24"), ())


def case_holiday_week():
    """Herfstvakantie zuid 2022: 22-30 Oct, so the week of Mon 24 Oct 2022 is not a school week.
    A: 4 h unauthorised on Mon 10 Oct, 17 Oct, 31 Oct, 7 Nov = 4 consecutive school weeks, 16 h -> flagged.
    B: 4 h on 10 Oct, 17 Oct, 31 Oct, 14 Nov: any 4 consecutive school weeks hold 12 h -> not flagged.
    C: 4 h on 12, 19, 26 Sep and 10 Oct (3 Oct is a school week): 12 h per window -> not flagged.
    D: 15.5 h in one week plus nothing else -> not flagged; E: a DUO code `LRV` -> flagged.
    IND19 = (2, 5)."""
    f = Folder("holiday_week")
    for p in "ABCDE":
        f.pupil(p, "2022-2023", 4, "2019-08-19")
    for d in ("2022-10-10", "2022-10-17", "2022-10-31", "2022-11-07"):
        f.absent("A", "2022-2023", d, 4.0)
    for d in ("2022-10-10", "2022-10-17", "2022-10-31", "2022-11-14"):
        f.absent("B", "2022-2023", d, 4.0)
    for d in ("2022-09-12", "2022-09-19", "2022-09-26", "2022-10-10"):
        f.absent("C", "2022-2023", d, 4.0)
    f.absent("D", "2022-2023", "2022-11-21", 15.5)
    f.absent("E", "2022-2023", "2023-03-06", 2.0, duo="LRV")
    r = f.build().run()
    check("holiday week IND19", r.get(("IND19", "2022-2023", "school", "school_1", "totaal")), (2, 5))


def case_sixteen_organisations():
    """Family 1 (HUISHOUDNR H1, buurt 0855ZZ01): child K1 (born 2015) and mother M1 (legal parent, same
    household).  K1 has episodes at ORG01..ORG06, M1 at ORG07..ORG16 -> n = 16 (> 15).  A 17th episode
    of M1 ended 2022-12-31 (not active in 2023) and one more at ORG01 (already counted) add nothing.
    Family 2 (H2, 0855ZZ01): child K2 with 15 organisations ORG01..ORG15 -> n = 15 (not > 15, but >= 10).
    Family 3 (no household, 0855ZZ02): child K3 with no episode -> n = 0.
    Doelgebied: 2 families; mean (31, 2); median 15 of 2 (the lower middle value, README); >= 5: 2; >= 10: 2; > 15: 1.
    Wijk (ZZ01+ZZ02): 3 families; median 15 of 3; meer_dan_15 (1, 3); gemiddelde_met_hulp (31, 2).
    Types: ORG01..ORG16 cycle through 8 types -> both families have 8 types -> typen (16, 2).
    K3's episode without BSN (not linkable deterministically) is not counted."""
    f = Folder("sixteen_orgs")
    types = ["SCHOOL_ZORG", "JEUGDHULP_AMBULANT", "GI_JEUGDBESCHERMING", "POLITIE", "VEILIG_THUIS",
             "SCHULDHULP", "GGZ", "HUISARTS"]
    for i in range(1, 17):
        f.org("ORG%02d" % i, types[(i - 1) % len(types)])
    f.org("ORG99", "WMO")
    f.person("R000000001", "2015-03-01", "0855ZZ01", "H1", parents=("", "R000000002"))
    f.person("R000000002", "1985-03-01", "0855ZZ01", "H1")
    f.person("R000000003", "2016-03-01", "0855ZZ01", "H2")
    f.person("R000000004", "2014-03-01", "0855ZZ02", None)
    b = [bsn(i) for i in range(4)]
    for i, rin in enumerate(["R000000001", "R000000002", "R000000003", "R000000004"]):
        f.link(b[i], rin[1:])
    n = 0
    for i in range(1, 7):
        n += 1
        f.episode("E%d" % n, b[0], "ORG%02d" % i, "2022-05-01")
    for i in range(7, 17):
        n += 1
        f.episode("E%d" % n, b[1], "ORG%02d" % i, "2023-02-01", "2023-03-01")
    f.episode("E900", b[1], "ORG99", "2021-01-01", "2022-12-31")
    f.episode("E901", b[1], "ORG01", "2023-06-01")
    for i in range(1, 16):
        f.episode("E2%02d" % i, b[2], "ORG%02d" % i, "2023-12-31")
    f.episode("E300", "", "ORG01", "2023-01-01")
    f.pupil("P", "2023-2024", 4, "2019-08-19")
    r = f.build().run()
    g = lambda code, br: r.get(("IND17", "2023", "gebied", code, br))
    check("16 orgs gemiddelde", g("doelgebied", "gemiddelde"), (31, 2))
    check("16 orgs mediaan", g("doelgebied", "mediaan"), (15, 2))
    check("16 orgs 5plus", g("doelgebied", "aandeel_5plus"), (2, 2))
    check("16 orgs 10plus", g("doelgebied", "aandeel_10plus"), (2, 2))
    check("16 orgs >15", g("doelgebied", "aandeel_meer_dan_15"), (1, 2))
    check("16 orgs typen", g("doelgebied", "typen_gemiddelde"), (16, 2))
    check("16 orgs wijk mediaan", g("wijk", "mediaan"), (15, 3))
    check("16 orgs wijk >15", g("wijk", "aandeel_meer_dan_15"), (1, 3))
    check("16 orgs wijk met hulp", g("wijk", "gemiddelde_met_hulp"), (31, 2))
    check("16 orgs buurt ZZ02", r.get(("IND17", "2023", "buurt", "BU0855ZZ02", "gemiddelde")), (0, 1))
    check("16 orgs eilanden", g("doelgebied", "eilanden_schoolzorg_politie"), (2, 2))
    check("16 orgs domeinen_3plus", g("wijk", "domeinen_3plus"), (2, 3))


def case_365_366():
    """Signals after the pilot (2022-08-01).  A: zorgmelding 2022-09-01, own episode 2023-09-01 = 365 days
    later -> counted (days 365).  B: zorgmelding 2022-09-01, episode 2023-09-02 = 366 days -> no help.
    C: verwijzing 2022-10-03 referred to ORG02; an episode at ORG01 after 10 days does not count, the one at
    ORG02 after 20 days does -> 20.  D: zorgmelding 2021-11-01 (before the pilot), mother's episode
    (legal parent, CBS family) 2021-11-11 -> 10 days.  E: signal type `overig` -> not a unit.
    Na: median of {365, 20} = 20 over 2 (the lower middle value, README); zonder_hulp (1, 3).  Voor: median 10 over 1; zonder (0, 1)."""
    f = Folder("lag_365_366")
    f.org("ORG01", "JEUGDHULP_AMBULANT")
    f.org("ORG02", "WIJKTEAM")
    b = [bsn(i) for i in range(10, 16)]
    f.person("R000000011", "2014-01-01", "0855ZZ01", "H11", parents=("", "R000000015"))
    f.person("R000000015", "1984-01-01", "0855ZZ01", "H11")
    f.link(b[3], "000000011")
    f.link(b[5], "000000015")
    for key, bb in zip("ABCDE", [b[0], b[1], b[2], b[3], b[4]]):
        f.pupil(key, "2022-2023", 5, "2019-08-19", b=bb)
        f.pupil(key, "2021-2022", 4, "2019-08-19", b=bb)
    f.signal("S1", "A", "2022-09-01")
    f.episode("E1", b[0], "ORG01", "2023-09-01")
    f.signal("S2", "B", "2022-09-01")
    f.episode("E2", b[1], "ORG01", "2023-09-02")
    f.signal("S3", "C", "2022-10-03", "verwijzing", "ORG02")
    f.episode("E3", b[2], "ORG01", "2022-10-13")
    f.episode("E4", b[2], "ORG02", "2022-10-23")
    f.signal("S4", "D", "2021-11-01")
    f.episode("E5", b[5], "ORG01", "2021-11-11")
    f.signal("S5", "E", "2022-11-01", "overig")
    f.episode("E6", b[4], "ORG01", "2022-11-02")
    r = f.build().run()
    for scope in ("school_1", "alle_scholen"):
        g = lambda br: r.get(("IND24", "samengevoegd", "school", scope, br))
        check("lag %s mediaan na" % scope, g("mediaan_dagen_na_pilot"), (20, 2))
        check("lag %s zonder na" % scope, g("zonder_hulp_na_pilot"), (1, 3))
        check("lag %s mediaan voor" % scope, g("mediaan_dagen_voor_pilot"), (10, 1))
        check("lag %s zonder voor" % scope, g("zonder_hulp_voor_pilot"), (0, 1))


def main():
    global BINARY, KEY
    if "--binary" in sys.argv:
        BINARY = sys.argv[sys.argv.index("--binary") + 1]
    if "--key" in sys.argv:
        KEY = sys.argv[sys.argv.index("--key") + 1]
    for case in (case_left_mid_year, case_after_reference_date, case_holiday_week, case_sixteen_organisations,
                 case_365_366):
        try:
            case()
        except Exception as exc:  # a crash is a failure of that case
            RESULTS.append(False)
            print("FAIL %s: %r" % (case.__name__, exc))
    passed = sum(RESULTS)
    failed = len(RESULTS) - passed
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
