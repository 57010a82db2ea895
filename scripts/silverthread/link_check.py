"""Internal link and anchor check over the whole built site, run at the end of every build (our equal of
mkdocs-htmlproofer-plugin's internal mode, over the final HTML, theme included, and much faster).

Every href/src that stays on the site must resolve to a file, and every #fragment to an id in it.
Speed (issue 15): each page is parsed once (lxml's C parser, no lxml.html element classes), its ids and links
read in the same pass; targets are resolved as strings against one listing of the site's files, not by asking
the file system per link."""
from __future__ import annotations

import os
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:")
_PARSER = etree.HTMLParser(remove_comments=True, remove_blank_text=False)
_LINKS = etree.XPath("//@href | //@src")
_IDS = etree.XPath("//@id | //a/@name")


def _listing(site: Path) -> tuple[set[str], set[str]]:
    """Every file and every directory of the site, as '/'-separated paths relative to it ('' is the root)."""
    files, dirs = set(), {""}
    for top, subdirs, names in os.walk(site):
        rel = Path(top).relative_to(site).as_posix()
        rel = "" if rel == "." else rel
        dirs.update(posixpath.join(rel, d) for d in subdirs)
        files.update(posixpath.join(rel, n) for n in names)
    return files, dirs


def check_site(site: Path, ignore: tuple[str, ...] = (), base_path: str = "/", directory_urls: bool = True
               ) -> list[str]:
    """Problems as 'page: target (why)'. `ignore` holds site-relative paths of files made after the build (the
    handout PDFs): a link that resolves to exactly one of them passes;
    `base_path` is the site's path on its server (from site_url), which absolute links start with.
    directory_urls=False (the offline edition, opened from file://) also rejects links to a directory: a browser
    shows a file listing there, not the directory's index.html."""
    site = site.resolve()
    ignore = frozenset(ignore)  # exact paths, never substrings
    files, dirs = _listing(site)
    pages = sorted(f for f in files if f.endswith(".html"))
    ids: dict[str, frozenset[str]] = {}
    links: dict[str, list[str]] = {}
    for rel in pages:
        tree = etree.fromstring((site / rel).read_bytes(), _PARSER)
        if tree is None:
            ids[rel], links[rel] = frozenset(), []
            continue
        ids[rel] = frozenset(_IDS(tree))
        links[rel] = [str(v) for v in _LINKS(tree)
                      if not (v.getparent().tag == "link" and "canonical" in (v.getparent().get("rel") or ""))]
    problems = []
    for rel in pages:
        here = posixpath.dirname(rel)
        for url in links[rel]:
            url = url.strip()
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(SKIP_SCHEMES):
                continue
            path, fragment = unquote(parts.path), unquote(parts.fragment)
            if path.startswith(base_path):
                path = "/" + path[len(base_path):]
            elif path.startswith("/") and base_path != "/":
                problems.append(f"{rel}: {url} (outside the site: the site lives under {base_path})")
                continue
            if not path:
                target = rel
            else:
                target = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(here, path))
                target = "" if target == "." else target
                if target.startswith("../") or target == "..":
                    problems.append(f"{rel}: {url} (outside the site)")
                    continue
                if path.endswith("/") and target not in dirs and (target in files or target in ignore):
                    problems.append(f"{rel}: {url} (a file linked as a directory)")  # normpath dropped the '/'
                    continue
                if target in dirs:
                    if not directory_urls:
                        problems.append(f"{rel}: {url} (a directory: from file:// it shows a listing)")
                        continue
                    target = posixpath.join(target, "index.html")
            if target not in files and target not in ignore:
                problems.append(f"{rel}: {url} (no such file)")
            elif fragment and target.endswith(".html") and fragment not in ids[target]:
                problems.append(f"{rel}: {url} (no element with id '{fragment}')")
    return problems
