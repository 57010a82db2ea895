"""Checks over a built site's HTML, shared by the tests and `make linkcheck`: internal links and anchors,
third-party requests, and unrendered source markup."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

# Elements and attributes that make the browser fetch something when the page loads.
LOADING = [("script", "src"), ("img", "src"), ("img", "srcset"), ("iframe", "src"), ("source", "src"),
           ("source", "srcset"), ("video", "src"), ("video", "poster"), ("audio", "src"), ("embed", "src"),
           ("object", "data"), ("track", "src"), ("input", "src")]
LOADING_LINK_RELS = {"stylesheet", "preconnect", "preload", "prefetch", "dns-prefetch", "icon", "modulepreload",
                     "manifest", "apple-touch-icon"}
# Source syntax that must never reach readers.
RAW_MARKUP = [
    (re.compile(r"\[@[\w-]"), "citation syntax [@key]"),
    (re.compile(r"\\(full_)?bibliography"), "mkdocs-bibtex command"),
    (re.compile(r"\[\[[a-z-]+(:[^\]]*)?\]\]"), "unexpanded [[marker]]"),
    (re.compile(r"\{\{|\{%|%\}"), "template tag"),
    (re.compile(r"^\s*!!!\s", re.M), "unrendered admonition"),
    (re.compile(r"\[\^[\w-]+\]"), "unrendered footnote"),
    (re.compile(r"```"), "unrendered code fence"),
    (re.compile(r"\]\((\.\./|\./)?[\w/-]+\.md(#[\w-]*)?\)"), "unrendered Markdown link"),
    (re.compile(r"(^|\s)#{2,6} \w", re.M), "unrendered heading"),
]


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme and parts.scheme not in ("file",)) or url.startswith("//")


def internal_link_problems(site: Path, rel: str, soup: BeautifulSoup, ids_of) -> list[str]:
    """Every internal href/src on a page resolves to a file, and every #fragment to an id there."""
    problems = []
    page_dir = (site / rel).parent
    for tag in soup.find_all(True):
        for attr in ("href", "src"):
            url = tag.get(attr)
            if not url or is_external(url) or url.startswith(("mailto:", "tel:", "javascript:", "data:")):
                continue
            parts = urlsplit(url)
            path, fragment = unquote(parts.path), unquote(parts.fragment)
            if path:
                target = (site / path.lstrip("/")) if path.startswith("/") else (page_dir / path)
                target = target.resolve()
                if target.is_dir():
                    target = target / "index.html"
                if not target.exists():
                    problems.append(f"{rel}: <{tag.name} {attr}=\"{url}\"> points to a missing file")
                    continue
            else:
                target = (site / rel).resolve()
            if fragment and target.suffix == ".html" and fragment not in ids_of(target):
                problems.append(f"{rel}: <{tag.name} {attr}=\"{url}\"> points to a missing anchor #{fragment}")
    return problems


def third_party_loads(soup: BeautifulSoup) -> list[str]:
    """URLs on other hosts that the page would fetch while loading (hyperlinks to them are fine)."""
    found = []
    for name, attr in LOADING:
        for tag in soup.find_all(name):
            for value in (tag.get(attr) or "").split(","):
                url = value.strip().split(" ")[0]
                if url and is_external(url):
                    found.append(f"<{name} {attr}={url}>")
    for tag in soup.find_all("link"):
        rels = set(tag.get("rel") or [])
        if rels & LOADING_LINK_RELS and is_external(tag.get("href", "")):
            found.append(f"<link rel={' '.join(rels)} href={tag['href']}>")
    for style in soup.find_all("style"):
        found += [f"CSS {u}" for u in re.findall(r"url\(\s*['\"]?(https?:)?//[^)]+\)", style.text)]
        found += [f"CSS {u}" for u in re.findall(r"@import\s+['\"]?(?:url\()?(https?://[^'\")]+)", style.text)]
    return found


def visible_text(soup: BeautifulSoup) -> str:
    """Text a reader sees in the article body (code blocks excluded: they may show syntax on purpose)."""
    body = soup.select_one("article") or soup
    clone = BeautifulSoup(str(body), "lxml")
    for tag in clone.find_all(["code", "pre", "script", "style"]):
        tag.decompose()
    return clone.get_text(" ")


def raw_markup(soup: BeautifulSoup) -> list[str]:
    text = visible_text(soup)
    return [f"{what}: …{text[max(0, m.start() - 40):m.end() + 40]}…"
            for pattern, what in RAW_MARKUP for m in [pattern.search(text)] if m]
