"""Benchmark (not a test): strict build time, median of 5, and each page's first-visit transfer size
(HTML + the CSS, JS and fonts it loads), gzip-compressed. Targets on 2 cores: build <= 5 s; any page <= 100 KB;
our own CSS + JS <= 10 KB. Run with `make bench`."""
from __future__ import annotations

import gzip
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parents[1]
OURS = ("assets/site.css", "assets/site.js", "assets/quiz.css", "assets/quiz.js")


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def build_times(site: Path, runs: int = 5) -> list[float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT,
                       env=env, check=True)
        times.append(time.perf_counter() - start)
    return times


def page_weight(site: Path, page: Path) -> tuple[int, list[Path]]:
    tree = lxml.html.fromstring(page.read_bytes())
    assets = [*tree.xpath("//link[@rel='stylesheet']/@href"), *tree.xpath("//script/@src")]
    files = [(page.parent / a).resolve() for a in assets if not a.startswith(("http:", "https:", "//"))]
    fonts = []
    for css in [f for f in files if f.suffix == ".css"]:
        for url in re.findall(r"url\(['\"]?([^)'\"]+\.(?:woff2?|ttf|otf))", css.read_text(encoding="utf-8")):
            fonts.append((css.parent / url).resolve())
    everything = [page, *files, *fonts]
    return sum(gz(f) for f in everything if f.exists()), everything


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        times = build_times(site)
        print(f"strict build: median {statistics.median(times):.2f} s of {len(times)} "
              f"({', '.join(f'{t:.2f}' for t in times)})")
        weights = sorted(((page_weight(site, p)[0], p.relative_to(site).as_posix())
                          for p in site.rglob("index.html")), reverse=True)
        print(f"first visit, gzipped: largest {weights[0][0] / 1024:.1f} KB ({weights[0][1]}), "
              f"median {statistics.median(w for w, _ in weights) / 1024:.1f} KB, {len(weights)} pages")
        for size, name in weights[:8]:
            print(f"  {size / 1024:6.1f} KB  {name}")
        ours = sum(gz(site / f) for f in OURS)
        print(f"our own CSS + JS, gzipped: {ours / 1024:.1f} KB ({', '.join(OURS)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
