"""The public corrections log (data/corrections.yml): load it, check it against the pages and the
bibliography, and group it for the Corrections page and for each corrected page's link to its entries."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from .data_files import load_yaml, split_front_matter
from .errors import ContentError


class _DatesAsText(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when PyYAML has it
    """Leaves 2026-12-01 as text, so the schema and fromisoformat() judge it (PyYAML would turn a valid date
    into a date object and crash on an impossible one such as 2026-02-30)."""


_DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}

PAGE = "corrections.md"


@dataclass(frozen=True)
class Correction:
    date: str
    pages: tuple[str, ...]
    what: str
    why: str
    sources: tuple[str, ...]
    errata: tuple[str, ...]


def anchor(src_uri: str) -> str:
    """Stable anchor of a page's section on the Corrections page: 'lessons/01-x.md' -> 'lessons-01-x'."""
    return src_uri.removesuffix(".md").replace("/", "-").replace("_", "-")


def read_log(path: Path) -> list[dict]:
    """The log's entries, schema-checked, dates kept as text; [] while it holds only its header comments."""
    if not _entry_lines(path.read_text(encoding="utf-8")):
        return []
    return load_yaml(path, "corrections", loader=_DatesAsText)


def load_corrections(path: Path, docs: Path, known_keys: set[str]) -> list[Correction]:
    """Read and check the log: every page must exist, every source be a bibliography key, no date in the
    future. Errors name the file, the entry's line and the fix."""
    if not path.exists():
        return []
    raw = read_log(path)
    lines = _entry_lines(path.read_text(encoding="utf-8"))
    out = []
    for i, entry in enumerate(raw):
        line = lines[i] if i < len(lines) else None
        try:
            day = dt.date.fromisoformat(entry["date"])
        except ValueError:
            raise ContentError(path, f"entry {i + 1}: '{entry['date']}' is not a real date", line) from None
        if day > dt.date.today():
            raise ContentError(path, f"entry {i + 1}: date {entry['date']} is in the future", line)
        for page in entry["pages"]:
            if not (docs / page).is_file():
                raise ContentError(path, f"entry {i + 1}: page '{page}' does not exist under docs/", line)
        for key in entry["sources"]:
            if key not in known_keys:
                raise ContentError(path, f"entry {i + 1}: unknown citation key '{key}' in sources", line)
        out.append(Correction(entry["date"], tuple(entry["pages"]), entry["what"].strip(), entry["why"].strip(),
                              tuple(entry["sources"]), tuple(entry.get("errata", []))))
    return out


def _entry_lines(text: str) -> list[int]:
    """1-based line of each top-level list item ('- ' at column 0)."""
    return [n for n, line in enumerate(text.splitlines(), 1) if line.startswith("- ")]


def by_page(corrections: list[Correction], docs: Path) -> list[dict]:
    """One group per corrected page (in site order of their paths), newest entry first."""
    pages = sorted({p for c in corrections for p in c.pages})
    return [{"src_uri": p, "anchor": anchor(p), "title": page_title(docs / p),
             "entries": sorted((c for c in corrections if p in c.pages), key=lambda c: c.date, reverse=True)}
            for p in pages]


def log_view(corrections: list[Correction], docs: Path) -> dict:
    """The Corrections page: every entry once, newest first, numbered in log order (the log only grows, so
    'no. 12' and its anchor 'entry-12' stay put), plus one index group per corrected page linking to its entries
    (the group's anchor is what the page's own 'corrected' note links to)."""
    numbered = [{"n": n, "id": f"entry-{n}", "c": c} for n, c in enumerate(corrections, 1)]
    newest = sorted(numbered, key=lambda e: e["c"].date, reverse=True)
    pages = sorted({p for c in corrections for p in c.pages})
    titles = {p: page_title(docs / p) for p in pages}
    groups = [{"src_uri": p, "anchor": anchor(p), "title": titles[p],
               "entries": [e for e in newest if p in e["c"].pages]} for p in pages]
    return {"groups": groups, "entries": newest, "titles": titles, "anchors": {p: anchor(p) for p in pages}}


def count_for(corrections: list[Correction], src_uri: str) -> int:
    return sum(src_uri in c.pages for c in corrections)


def page_title(path: Path) -> str:
    """The page's title as the navigation shows it: front matter 'title', else its first heading."""
    front, body = split_front_matter(path)
    meta = yaml.load(front, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) if front else None
    if isinstance(meta, dict) and meta.get("title"):
        return str(meta["title"])
    for line in body.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem
