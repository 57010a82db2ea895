"""Lighthouse benchmark (not a test): mobile preset on the home page, a lesson, a glossary page and the page
with the most quiz questions, served from the built site on 127.0.0.1. Prints performance, accessibility,
best practices and SEO, and the transfer size. Target: >= 98 in each. Run with `make lighthouse`."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from silverthread.local_server import chromium_path, serve

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "scripts" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
PAGES = ["", "lessons/02-no-getting-away/", "glossary/npt/", "lessons/module-quiz/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def audit(url: str, out: Path) -> dict:
    flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                    f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
                   env={**os.environ, "CHROME_PATH": chromium_path()}, check=True)
    return json.loads(out.read_text(encoding="utf-8"))


def main(site: str = "site") -> int:
    rows = []
    with serve(Path(site), compress=True) as base, tempfile.TemporaryDirectory() as tmp:
        for page in PAGES:
            report = audit(base + page, Path(tmp) / "report.json")
            scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
            weight = report["audits"]["total-byte-weight"]["numericValue"] / 1024
            rows.append((page or "(home)", scores, weight))
            print(f"{page or '(home)':32} " + " ".join(f"{c} {s:3d}" for c, s in scores.items())
                  + f"  weight {weight:.0f} KB")
    low = [(p, c, s) for p, scores, _ in rows for c, s in scores.items() if s < 98]
    print("all >= 98" if not low else f"below 98: {low}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
