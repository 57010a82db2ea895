"""Internal link and anchor check over the whole built site, run at the end of every build (our equal of
mkdocs-htmlproofer-plugin's internal mode, over the final HTML, theme included, and much faster: lxml).

Every href/src that stays on the site must resolve to a file, and every #fragment to an id in it."""
from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:")


@cache
def _parse(path: Path):
    return lxml.html.fromstring(path.read_bytes())


@cache
def _ids(path: Path) -> frozenset[str]:
    tree = _parse(path)
    return frozenset(tree.xpath("//@id")) | frozenset(tree.xpath("//a/@name"))


def check_site(site: Path, ignore: tuple[str, ...] = (), base_path: str = "/") -> list[str]:
    """Problems as 'page: target (why)'. `ignore` holds path suffixes produced after the build (handout PDFs);
    `base_path` is the site's path on its server (from site_url), which absolute links start with."""
    _parse.cache_clear()
    _ids.cache_clear()
    problems = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        for el, attr, url, _ in _parse(page).iterlinks():
            if attr not in ("href", "src") or el.tag == "link" and "canonical" in (el.get("rel") or ""):
                continue
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(SKIP_SCHEMES):
                continue
            path, fragment = unquote(parts.path), unquote(parts.fragment)
            if path.startswith(base_path):
                path = "/" + path[len(base_path):]
            target = (site / path.lstrip("/")) if path.startswith("/") else (page.parent / path) if path else page
            target = target.resolve()
            if target.is_dir():
                target = target / "index.html"
            if path and path.endswith(ignore):
                continue
            if not target.exists():
                problems.append(f"{rel}: {url} (no such file)")
            elif fragment and target.suffix == ".html" and fragment not in _ids(target):
                problems.append(f"{rel}: {url} (no element with id '{fragment}')")
    return problems
