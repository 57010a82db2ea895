"""Platform canary (`make canary`, issue 15): build the site with MkDocs 1.6.1 and with ProperDocs (the maintained
fork of MkDocs 1.x, pinned in requirements-canary.txt), both strict, from the same mkdocs.yml, hook, Material and
mkdocs-bibtex, and compare the two outputs file by file. ProperDocs answers `import mkdocs...` with its own
modules, so Material, mkdocs-bibtex and our hook run on it unchanged.

Prints each build's time, which files exist in only one output, and which differ (with the first differing line);
exits 1 if either build fails or any page differs beyond the known, harmless differences named in NORMALISE."""
from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Differences that say nothing about the site: the generator name and version, if a theme writes one (zips are
# compared by their members: each build stamps them with its own time).
NORMALISE = [(re.compile(rb'<meta name="generator" content="[^"]*">'), b'<meta name="generator">')]


def build(tool: str, site: Path) -> tuple[float, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SILVERTHREAD_HANDOUTS": "1"}  # the whole site, as deployed
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", tool, "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                           "-d", str(site)], cwd=ROOT, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"{tool} build failed:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
    return took, proc.stderr


def normalised(path: Path) -> bytes:
    if path.suffix == ".zip":  # the quiz QTI zips: compare the members, not the time stamps of the two builds
        with zipfile.ZipFile(path) as zf:
            return b"\0".join(i.filename.encode() + b"\0" + zf.read(i) for i in sorted(zf.infolist(),
                                                                                      key=lambda i: i.filename))
    data = path.read_bytes()
    for pattern, repl in NORMALISE:
        data = pattern.sub(repl, data)
    return data


def compare(a: Path, b: Path) -> tuple[list[str], list[str], list[str], int]:
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    differ = []
    for rel in sorted(files_a & files_b):
        if normalised(a / rel) != normalised(b / rel):
            differ.append(rel)
    return sorted(files_a - files_b), sorted(files_b - files_a), differ, len(files_a & files_b)


def first_difference(a: Path, b: Path) -> str:
    la = a.read_text(encoding="utf-8", errors="replace").splitlines()
    lb = b.read_text(encoding="utf-8", errors="replace").splitlines()
    diff = [d for d in difflib.unified_diff(la, lb, lineterm="", n=0) if d[:1] in "+-" and d[:3] not in ("+++", "---")]
    return " | ".join(d[:160] for d in diff[:2])


def main() -> int:
    import mkdocs
    import properdocs

    with tempfile.TemporaryDirectory(prefix="canary-") as tmp:
        ours, theirs = Path(tmp) / "mkdocs", Path(tmp) / "properdocs"
        t_mk, _ = build("mkdocs", ours)
        t_pd, log = build("properdocs", theirs)
        if not list(ours.glob("handouts/*/index.html")):
            raise SystemExit("canary: the MkDocs build has no handout pages; the canary compares the whole site "
                             "as deployed (SILVERTHREAD_HANDOUTS=1)")
        print(f"MkDocs {mkdocs.__version__}: strict build {t_mk:.1f} s; "
              f"ProperDocs {properdocs.__version__}: strict build {t_pd:.1f} s (load {os.getloadavg()[0]:.1f})")
        only_a, only_b, differ, same = compare(ours, theirs)
        print(f"{same} files in both; {same - len(differ)} identical, {len(differ)} differ; "
              f"only in MkDocs' output: {only_a or 'none'}; only in ProperDocs' output: {only_b or 'none'}")
        for rel in differ[:10]:
            print(f"  differs: {rel}: {first_difference(ours / rel, theirs / rel)}")
        warnings = [line for line in log.splitlines() if line.startswith(("WARNING", "ERROR"))]
        if warnings:
            print("ProperDocs warnings:\n  " + "\n  ".join(warnings[:10]))
        ok = not only_a and not only_b and not differ
        print("canary: ProperDocs builds the same site" if ok else "canary: the outputs differ (see above)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
