"""Checks over a built site's HTML for the tests: third-party requests and unrendered source markup.
(Internal links and anchors: link_check.py, which every build runs.)"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

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
    (re.compile(r"^\s*!!!\s", re.MULTILINE), "unrendered admonition"),
    (re.compile(r"\[\^[\w-]+\]"), "unrendered footnote"),
    (re.compile(r"```"), "unrendered code fence"),
    (re.compile(r"\]\((\.\./|\./)?[\w/-]+\.md(#[\w-]*)?\)"), "unrendered Markdown link"),
    (re.compile(r"(^|\s)#{2,6} \w", re.MULTILINE), "unrendered heading"),
]


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme and parts.scheme not in ("file",)) or url.startswith("//")


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
