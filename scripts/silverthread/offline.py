"""The offline edition (issue 15): the whole built site, handout PDFs and downloads included, as one zip that
works opened from disk (file://) with no network. `make offline` runs
    python -m silverthread.offline SITE ZIP
after `make handouts`, so SITE already holds the printed PDFs.

Equivalent of `use_directory_urls: false`, without a second build: the site is built once with directory URLs
(so every relative link the pages and templates write stays right), then every link to a directory is made
explicit (`lessons/` -> `lessons/index.html`), because a browser shows a file listing for a directory opened from
disk. Search works from file:// through Material's own route: its bundle loads search/search_index.js (written
here, with the same explicit locations) when search opens, and overrides/partials/search-on-demand.html runs the
search worker in a hidden iframe, because a Worker cannot start from file://. Quizzes keep progress in
localStorage (which Chromium and Firefox give file:// pages); glossary definitions are plain HTML and CSS.
Afterwards the link check runs over the copy in its file:// mode (no directory links, every file present, PDFs
included), so a broken offline link fails `make offline`."""
from __future__ import annotations

import json
import posixpath
import re
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .link_check import check_site

NAME = "silverthread"
ZIP_NAME = "silverthread-offline.zip"
README = """Silver Thread, offline edition
===============================

Open {name}/index.html in a web browser (double-click it). Everything works without a network: the lessons,
search, the quizzes (your progress stays in this browser), the glossary and the handout PDFs (in handouts/).
Links to other websites need a connection. The latest edition is at https://silverthread-edu.github.io/silverthread/.
"""
_ATTR = re.compile(r"""(\s(?:href|src)=)(["'])([^"']*)\2""")


def explicit(url: str, page_dir: str, dirs: set[str]) -> str:
    """The same link, pointing at index.html when it points at a directory of the site."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("#", "data:", "mailto:", "javascript:")) or not parts.path:
        return url
    target = posixpath.normpath(posixpath.join(page_dir, parts.path))
    target = "" if target == "." else target
    if target not in dirs:
        return url
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit(("", "", path + "index.html", parts.query, parts.fragment))


def rewrite_site(root: Path) -> int:
    """Make every directory link in every HTML page explicit; return the number of links changed."""
    dirs = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir() and (p / "index.html").exists()}
    dirs.add("")
    changed = 0
    for page in root.rglob("*.html"):
        page_dir = posixpath.dirname(page.relative_to(root).as_posix())
        html = page.read_text(encoding="utf-8")

        def fix(m: re.Match, page_dir: str = page_dir) -> str:
            nonlocal changed
            new = explicit(m.group(3), page_dir, dirs)
            changed += new != m.group(3)
            return f"{m.group(1)}{m.group(2)}{new}{m.group(2)}"

        page.write_text(_ATTR.sub(fix, html), encoding="utf-8")
    return changed


def write_search_script(root: Path) -> None:
    """search/search_index.js, which Material's bundle loads from file:// (there is no fetch from disk)."""
    index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        path, _, fragment = doc["location"].partition("#")
        if path == "" or path.endswith("/"):
            doc["location"] = f"{path}index.html" + (f"#{fragment}" if fragment else "")
    (root / "search" / "search_index.js").write_text(
        "var __index = " + json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def make_offline(site: Path, out: Path) -> tuple[Path, int, int]:
    """Write the zip; return its path, the number of files and the number of links made explicit."""
    if not (site / "index.html").exists():
        raise SystemExit(f"{site}: no built site (run make build, or make handouts for the PDFs)")
    if not list((site / "handouts").glob("*.pdf")):
        raise SystemExit(f"{site}/handouts: no PDFs (run make handouts first)")
    with tempfile.TemporaryDirectory(prefix="offline-") as tmp:
        root = Path(tmp) / NAME
        shutil.copytree(site, root, ignore=shutil.ignore_patterns(ZIP_NAME, "*.gz", "sitemap.xml*"))
        changed = rewrite_site(root)
        write_search_script(root)
        problems = check_site(root, directory_urls=False)
        problems = [p for p in problems if not p.startswith("404.html:")]  # 404.html is for the web server only
        if problems:
            raise SystemExit("the offline edition has broken links:\n  " + "\n  ".join(problems[:40]))
        out.parent.mkdir(parents=True, exist_ok=True)
        files = sorted(p for p in root.rglob("*") if p.is_file())
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            zf.writestr("README.txt", README.format(name=NAME))
            for f in files:
                zf.write(f, f.relative_to(root.parent).as_posix())
    return out, len(files), changed


def main(argv: list[str]) -> int:
    site = Path(argv[1] if len(argv) > 1 else "site")
    out = Path(argv[2] if len(argv) > 2 else site / "downloads" / ZIP_NAME)
    path, count, changed = make_offline(site, out)
    print(f"{path}: {count} files, {path.stat().st_size / 1e6:.1f} MB; {changed} directory links made explicit; "
          f"open {NAME}/index.html from the unzipped folder")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
