"""External link check, online (python -m silverthread.external_link_check SITE REPORT_DIR): every external address in
the built site and the bibliography, checked by LinkChecker (an established checker) with a politeness limit,
then the failures once more after a pause. Writes the report and exits non-zero on dead links."""
from __future__ import annotations

import csv
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import lxml.html
from pybtex.database import parse_file

from . import BIBLIOGRAPHY
from .html_checks import is_external
from .templates import render

RC = """[checking]
threads=2
timeout=30
maxrequestspersecond=1
[filtering]
checkextern=1
"""


def external_urls(site: Path) -> dict[str, set[str]]:
    """URL -> where it is used (site pages, 'bibliography: key')."""
    used: dict[str, set[str]] = defaultdict(set)
    for page in site.rglob("*.html"):
        for _, attr, url, _ in lxml.html.fromstring(page.read_bytes()).iterlinks():
            if attr == "href" and is_external(url):
                used[url].add(page.relative_to(site).as_posix())
    for key, entry in parse_file(str(BIBLIOGRAPHY)).entries.items():
        if "url" in entry.fields:
            used[entry.fields["url"]].add(f"bibliography: {key}")
    return used


def run_linkchecker(urls: list[str], workdir: Path, name: str) -> dict[str, str]:
    """Check the URLs; return URL -> problem for those that failed."""
    listing = workdir / f"{name}.html"
    listing.write_text(render("linkcheck_list.html.j2", urls=urls), encoding="utf-8")
    rc = workdir / "linkcheckerrc"
    rc.write_text(RC, encoding="utf-8")
    out = workdir / f"{name}.csv"
    subprocess.run([sys.executable, "-m", "linkcheck", "-f", str(rc), "--check-extern", "-r", "1", "--no-status",
                    "-o", "none", "-F", f"csv/utf-8/{out}", str(listing)], check=False)
    failed = {}
    with out.open(encoding="utf-8") as fh:
        rows = [line for line in fh if not line.startswith("#")]
    for row in csv.DictReader(rows, delimiter=";"):
        if row.get("valid", "True") == "False" and row.get("urlname") in urls:
            failed[row["urlname"]] = row.get("result", "").strip() or "failed"
    return failed


def main(argv: list[str]) -> int:
    site, report = Path(argv[1]), Path(argv[2])
    report.mkdir(parents=True, exist_ok=True)
    used = external_urls(site)
    urls = sorted(used)
    failed = run_linkchecker(urls, report, "pass1")
    if failed:
        time.sleep(30)  # a second chance for passing outages, after a pause
        failed = run_linkchecker(sorted(failed), report, "pass2")
    summary = render("linkcheck_summary.md.j2", total=len(urls), failed=failed, used=used)
    (report / "summary.md").write_text(summary, encoding="utf-8")
    print(summary)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
