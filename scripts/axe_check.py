"""Runs axe-core (WCAG 2.1 A and AA, best practices) in headless Chromium on each HTML file.

Usage: python axe_check.py AXE_MIN_JS FILE.html...   Exit 1 when any violation is found.
"""
import pathlib
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

axe = pathlib.Path(sys.argv[1]).read_text()
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ("--headless=new", "--no-sandbox", "--disable-gpu"):
    options.add_argument(argument)
driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
driver.set_script_timeout(60)
failed = False
for name in sys.argv[2:]:
    driver.get(pathlib.Path(name).resolve().as_uri())
    driver.execute_script(axe)
    result = driver.execute_script(
        "return axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a','wcag2aa','wcag21a','wcag21aa','best-practice']}})")
    for violation in result["violations"]:
        print(name, violation["impact"], violation["id"], len(violation["nodes"]), violation["help"])
        for node in violation["nodes"][:3]:
            print("   ", node["target"], node.get("failureSummary", "").replace("\n", " ")[:200])
    print(f"{name}: {len(result['violations'])} violations, {len(result['passes'])} rules passed")
    failed |= bool(result["violations"])
driver.quit()
sys.exit(1 if failed else 0)
