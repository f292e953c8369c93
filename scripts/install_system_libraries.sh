#!/usr/bin/env bash
# Installs the C libraries the Swift build links, from Debian, when they are missing: SQLite (GRDB, the
# history store) and GLPK (the simplex of disclosure control's joint audit). Does nothing when both are there.
set -euo pipefail
missing=()
for package in libsqlite3-dev libglpk-dev; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "system libraries: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}"
