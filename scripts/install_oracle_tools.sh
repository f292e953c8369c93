#!/usr/bin/env bash
# Installs the independent oracles' Python packages, once, into .venv-oracle (PyPI): DuckDB for the
# reference implementation of the indicator catalogue, SciPy (HiGHS) for the outside intruder.
# Does nothing when they are there already. Fails loudly when something cannot be installed.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv-oracle
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import duckdb, scipy, numpy" 2>/dev/null; then
    exit 0
fi
echo "oracle tools: installing DuckDB and SciPy into $VENV" >&2
python3 -m venv "$VENV"
"$VENV/bin/pip" install -q duckdb==1.4.4 scipy==1.16.3 numpy==2.3.5
