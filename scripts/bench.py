"""Benchmark (not a test), `make bench`. Targets on 2 cores (issue 15): strict build <= 5 s; first visit <= 100 KB
gzipped on every page; no long task over 50 ms from our own scripts.

1. Strict build time, median of 5, beside a bare MkDocs build of the same Markdown (Material and the search plugin,
   the same Markdown extensions; without our hook, mkdocs-bibtex, strictness or overrides) for comparison. The
   budget is for the default build (`make build`); the build with the handout pages (`make handouts`, the deploy
   workflow) is timed and reported beside it.
2. Every page's first visit (the site with its handout pages, as deployed) in Debian's Chromium (a fresh
   profile each time) against the built site served
   gzipped on 127.0.0.1: the bytes on the wire (encodedDataLength from the DevTools network log, headers
   included) of every request until network idle, and the longest script run inside a long animation frame
   (Long Animation Frames API) attributed to our own code: assets/*.js or an inline script of the page.

The machine's load (os.getloadavg) is printed with the figures: on a shared machine the times are inflated.
Options: --runs N (build runs, default 5), --site DIR (measure an existing site, skip the builds)."""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BUDGET_KB = 100
BUILD_BUDGET_S = 5.0
OURS = ("/assets/site.js", "/assets/quiz.js")

# Installed before any page script: records each script run inside a long animation frame (> 50 ms frame).
LOAF = """
window.__stLoaf = [];
try {
  new PerformanceObserver(list => list.getEntries().forEach(f => f.scripts.forEach(s => window.__stLoaf.push(
    {url: s.sourceURL, fn: s.sourceFunctionName, invoker: s.invoker, ms: s.duration})))
  ).observe({type: "long-animation-frame", buffered: true});
} catch (e) { window.__stLoaf = null; }
"""


def load() -> str:
    return "load average {:.2f} {:.2f} {:.2f} on {} CPUs".format(*os.getloadavg(), os.cpu_count())


def _config_with_env_defaults(path: Path) -> dict:
    class Loader(yaml.SafeLoader):
        pass

    def env(loader, node):
        names = loader.construct_sequence(node)
        return next((os.environ[n] for n in names[:-1] if n in os.environ), names[-1])

    Loader.add_constructor("!ENV", env)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


def bare_config(tmp: Path) -> Path:
    """mkdocs.yml without our hook, mkdocs-bibtex, overrides or strictness: the same Markdown, plain."""
    config = _config_with_env_defaults(ROOT / "mkdocs.yml")
    config.update(docs_dir=str(ROOT / "docs"), strict=False, hooks=[])
    config.pop("validation", None)
    config["theme"] = {k: v for k, v in config["theme"].items() if k != "custom_dir"}
    config["plugins"] = [p for p in config["plugins"] if (p if isinstance(p, str) else next(iter(p))) == "search"]
    path = tmp / "bare.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def build_times(args: list[str], site: Path, runs: int, handouts: bool = False) -> list[float]:
    """Wall time of `runs` builds; handouts=True adds the handout pages, as `make handouts` and the deploy do."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SILVERTHREAD_HANDOUTS": "1" if handouts else "0"}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", *args, "-d", str(site)], cwd=ROOT,
                              env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if proc.returncode:
            raise SystemExit(f"build failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return times


def _summary(times: list[float]) -> str:
    return f"median {statistics.median(times):.2f} s of {len(times)} ({', '.join(f'{t:.2f}' for t in times)})"


def first_visits(site: Path) -> list[dict]:
    """One row per page: path, KB on the wire, number of requests, longest run of our own script (ms)."""
    from playwright.sync_api import sync_playwright
    from silverthread.local_server import CHROMIUM_ARGS, chromium_path, serve

    pages = sorted(p.relative_to(site).as_posix().removesuffix("index.html")
                   for p in site.rglob("*.html") if p.name == "index.html")
    rows = []
    with serve(site, compress=True) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for path in pages:
            context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
            context.add_init_script(LOAF)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            urls: dict[str, str] = {}
            sizes: dict[str, int] = {}
            cdp.on("Network.requestWillBeSent",
                   lambda e, urls=urls: urls.setdefault(e["requestId"], e["request"]["url"]))
            cdp.on("Network.loadingFinished",
                   lambda e, sizes=sizes: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
            foreign = []
            page.route("**/*", lambda r, foreign=foreign: r.continue_() if r.request.url.startswith(base)
                       or r.request.url.startswith("data:") else (foreign.append(r.request.url), r.abort()))
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_timeout(300)
            loaf = page.evaluate("window.__stLoaf") or []
            page_url = base + path
            own = [s for s in loaf if s["url"].endswith(OURS) or s["url"].split("#")[0] == page_url]
            rows.append({"page": path or "(home)", "bytes": sum(sizes.values()), "requests": len(urls),
                         "own_ms": max((s["ms"] for s in own), default=0.0),
                         "own": sorted(own, key=lambda s: -s["ms"])[:2],
                         "any_ms": max((s["ms"] for s in loaf), default=0.0),
                         "files": sorted(u.removeprefix(base) for u in urls.values() if not u.startswith("data:")),
                         "foreign": foreign})
            context.close()
        browser.close()
    return rows


def report_pages(rows: list[dict]) -> bool:
    print(f"\nfirst visit (Chromium network log until network idle, gzip, headers included; {load()})")
    print(f"{'KB':>7} {'req':>4} {'own ms':>7} {'any ms':>7}  page")
    for r in sorted(rows, key=lambda r: -r["bytes"]):
        flag = " <-- over budget" if r["bytes"] > BUDGET_KB * 1024 else ""
        flag += " <-- long task from our script" if r["own_ms"] > 50 else ""
        print(f"{r['bytes'] / 1024:7.1f} {r['requests']:4d} {r['own_ms']:7.0f} {r['any_ms']:7.0f}  {r['page']}{flag}")
    worst = max(rows, key=lambda r: r["bytes"])
    print(f"largest {worst['bytes'] / 1024:.1f} KB ({worst['page']}): {', '.join(worst['files'])}")
    over = [r["page"] for r in rows if r["bytes"] > BUDGET_KB * 1024]
    slow = [(r["page"], r["own"]) for r in rows if r["own_ms"] > 50]
    foreign = [u for r in rows for u in r["foreign"]]
    print(f"pages over {BUDGET_KB} KB: {over or 'none'}; long tasks (> 50 ms) from our scripts: {slow or 'none'}; "
          f"requests to other hosts: {foreign or 'none'}")
    print("(own ms: the longest single run of site.js, quiz.js or an inline script inside a long animation frame; "
          "any ms: the longest script run of any origin, Material's bundle included)")
    return not over and not slow and not foreign


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site", type=Path, help="measure this built site; skip the build timings")
    opts = parser.parse_args()
    ok = True
    print(f"{time.strftime('%Y-%m-%d %H:%M')}, {load()}")
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        site = opts.site
        if site is None:
            site = Path(tmp) / "site"
            times = build_times(["--strict"], Path(tmp) / "default", opts.runs)
            print(f"strict build (make build): {_summary(times)}   [{load()}]")
            full = build_times(["--strict"], site, opts.runs, handouts=True)
            print(f"strict build with the handout pages (make handouts, deploy; not budgeted): {_summary(full)}   "
                  f"[{load()}]")
            bare = build_times(["-f", str(bare_config(Path(tmp)))], Path(tmp) / "bare", opts.runs)
            print(f"bare MkDocs build of the same Markdown (no hook, no mkdocs-bibtex, no overrides): {_summary(bare)}")
            ok = statistics.median(times) <= BUILD_BUDGET_S
            print(f"build {'within' if ok else 'OVER'} the {BUILD_BUDGET_S:.0f} s budget "
                  "(on a loaded machine the times are inflated: compare with the bare build)")
        if not list(site.glob("handouts/*/index.html")):
            print(f"warning: {site} has no handout pages; the deployed site has them (SILVERTHREAD_HANDOUTS=1)")
        ok = report_pages(first_visits(site)) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
