"""DuckDB side of `make bench`: the same aggregation as `wijkbeeld bench-read`, timed."""
import sys
import time

import duckdb

path, threads = sys.argv[1], int(sys.argv[2])
con = duckdb.connect()
con.execute(f"SET threads TO {threads}")
started = time.perf_counter()
rows = con.execute(
    "SELECT GBAGESLACHT, count(*), sum(TRY_CAST(GBAGEBOORTEJAAR AS BIGINT)) "
    "FROM read_csv(?, delim=';', header=true, all_varchar=true, quote='\"') GROUP BY 1 ORDER BY 1",
    [path],
).fetchall()
seconds = time.perf_counter() - started
for sex, count, years in rows:
    print(f"sex={sex} persons={count} birth_year_sum={years or 0}")
print(f"duckdb ({threads} threads): {seconds:.2f} s")
