"""Splink on the same school <-> care files, with blocking and comparisons equivalent to bench/link-spec*.yaml.

Usage: python splink_link.py DIR [ids]   (DIR from linkage_data.py). Prints seconds, links and F1.
"""
import sys
import time

started = time.perf_counter()
import pandas as pd  # noqa: E402
import splink.comparison_library as cl  # noqa: E402
from splink import DuckDBAPI, Linker, SettingsCreator, block_on  # noqa: E402

folder = sys.argv[1]
with_ids = len(sys.argv) > 2 and sys.argv[2] == "ids"
read = dict(sep=";", dtype=str, keep_default_na=False)
left = pd.read_csv(folder + "/left.csv", **read).rename(columns={"key": "unique_id"})
right = pd.read_csv(folder + "/right.csv", **read).rename(columns={"episode_id": "unique_id"})
for frame in (left, right):
    frame.replace("", None, inplace=True)
    frame["adres"] = frame["postcode"].str.replace(" ", "").str.upper() + " " + frame["huisnummer"]
    frame["jaar"] = frame["geboortedatum"].str[:4]
left["roepnaam_cmp"] = left["roepnaam"]
right["roepnaam_cmp"] = right["voornamen"].str.split(" ").str[0]
columns = ["unique_id", "bsn", "achternaam", "voorvoegsel", "roepnaam_cmp", "voornamen", "geboortedatum", "geslacht", "adres",
           "postcode", "huisnummer", "jaar"]
left, right = left[columns], right[columns]
comparisons = [
    cl.JaroWinklerAtThresholds("achternaam", [0.92, 0.8]).configure(term_frequency_adjustments=True),
    cl.ExactMatch("voorvoegsel"),
    cl.JaroWinklerAtThresholds("roepnaam_cmp", [0.85]),
    cl.JaroWinklerAtThresholds("voornamen", [0.92, 0.8]),
    cl.DateOfBirthComparison("geboortedatum", input_is_string=True),
    cl.ExactMatch("geslacht"),
    cl.ExactMatch("adres"),
]
if with_ids:
    comparisons.insert(0, cl.DamerauLevenshteinAtThresholds("bsn", [1]))
settings = SettingsCreator(
    link_type="link_only",
    comparisons=comparisons,
    blocking_rules_to_generate_predictions=[
        block_on("geboortedatum"), block_on("postcode", "huisnummer"), block_on("jaar", "achternaam")],
    retain_intermediate_calculation_columns=False,
)
db_api = DuckDBAPI()
tables = [db_api.register(left, table_name="schools"), db_api.register(right, table_name="care")]
linker = Linker(tables, settings)
linker.training.estimate_probability_two_random_records_match(
    [block_on("achternaam", "geboortedatum")], recall=0.9)
linker.training.estimate_u_using_random_sampling(max_pairs=2e5)
for rule in [block_on("geboortedatum"), block_on("postcode", "huisnummer")]:
    linker.training.estimate_parameters_using_expectation_maximisation(rule)
pairs = linker.inference.predict(threshold_match_probability=0.9).as_pandas_dataframe()
elapsed = time.perf_counter() - started
found = set()
for _, row in pairs.iterrows():
    a, b = row["unique_id_l"], row["unique_id_r"]
    if ":" not in a:
        a, b = b, a
    found.add((a, b))
truth = set(map(tuple, pd.read_csv(folder + "/truth.csv", **read)[["left", "right"]].values.tolist()))
correct = len(found & truth)
precision = correct / len(found) if found else 1.0
recall = correct / len(truth) if truth else 1.0
f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
print(f"splink: {elapsed:.2f} s, {len(found)} links, precision {precision:.4f} recall {recall:.4f} F1 {f1:.4f}")
