"""Builds the school <-> care linkage benchmark from a synthetic data set with truth/.

left.csv: one row per pupil (brin + leerling_key, latest school year); right.csv: every care episode;
truth.csv: (pupil, episode) pairs of the same person. Usage: python linkage_data.py DATA OUT
"""
import csv
import glob
import os
import sys

root, out = sys.argv[1], sys.argv[2]


def rows(path):
    """A `;` CSV as dicts keyed by lower-case header names; BOM, CRLF and quoted line breaks allowed."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, delimiter=";")
        header = [name.strip().lower() for name in next(reader)]
        return [dict(zip(header, row)) for row in reader]


os.makedirs(out, exist_ok=True)
person = {}
for name in glob.glob(root + "/truth/school_*.csv"):
    for row in rows(name):
        person[(row["brin"], row["leerling_key"])] = row["rinpersoon"]
pupils = {}
for name in sorted(glob.glob(root + "/school/*/school_leerlingen.csv")):
    for row in rows(name):
        pupils[(row["brin"], row["leerling_key"])] = row
left_columns = ["bsn", "achternaam", "voorvoegsel", "voornamen", "roepnaam", "geboortedatum", "geslacht", "postcode",
                "huisnummer"]
with open(out + "/left.csv", "w", newline="", encoding="utf-8") as f:
    writer = csv.writer(f, delimiter=";")
    writer.writerow(["key"] + left_columns)
    for key, row in sorted(pupils.items()):
        writer.writerow([key[0] + ":" + key[1]] + [row[c] for c in left_columns])
episode_person = {r["episode_id"]: r["rinpersoon"]
                  for r in rows(root + "/truth/care_episodes.csv")}
episodes = rows(root + "/care/care_episodes.csv")
right_columns = ["episode_id", "bsn", "achternaam", "voorvoegsel", "voornamen", "geboortedatum", "geslacht", "postcode",
                 "huisnummer"]
with open(out + "/right.csv", "w", newline="", encoding="utf-8") as f:
    writer = csv.writer(f, delimiter=";")
    writer.writerow(right_columns)
    for row in episodes:
        writer.writerow([row[c] for c in right_columns])
by_person = {}
for row in episodes:
    by_person.setdefault(episode_person.get(row["episode_id"]), []).append(row["episode_id"])
pairs = set()
for key in sorted(pupils):
    for episode in by_person.get(person.get(key), []):
        pairs.add((key[0] + ":" + key[1], episode))
with open(out + "/truth.csv", "w", newline="", encoding="utf-8") as f:
    writer = csv.writer(f, delimiter=";")
    writer.writerow(["left", "right"])
    writer.writerows(sorted(pairs))
print(f"{len(pupils)} pupils, {len(episodes)} episodes, {len(pairs)} true pairs")
