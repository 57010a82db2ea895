"""The bibliography: load references.bib, check every entry, and format entries with pandoc + CSL.

The .bib file is the single source of truth: annotations live in its `annote` fields and the reference
group (the article's own references / primary documents / further reading) in `keywords`.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pypandoc
from bs4 import BeautifulSoup
from pybtex.database import BibliographyData, parse_string
from pybtex.scanner import PybtexError

from . import ROOT
from .errors import ContentError

CSL = ROOT / "bibliography" / "chicago-author-date.csl"
GROUPS = {
    "article": "The article and its own references",
    "primary": "Primary documents",
    "further": "Further reading and reference works",
}
# Fields each entry type must have; "a|b" means either will do.
REQUIRED = {
    "article": ["title", "journaltitle|journal", "year|date"],  # unsigned pieces exist (e.g. ACT round-ups)
    "book": ["author|editor", "title", "publisher", "year|date"],
    "incollection": ["author", "title", "booktitle", "year|date"],
    "online": ["title", "url", "urldate"],
    "misc": ["author|organization", "title", "year|date"],
    "report": ["author|institution", "title"],  # undated circulars exist: Chicago prints n.d.
    "techreport": ["author|institution", "title"],
}
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


@dataclass(frozen=True)
class Entry:
    key: str
    type: str
    group: str
    annotation: str
    url: str | None
    doi: str | None
    line: int


def _has(entry, field: str) -> bool:
    return any(f in entry.fields or f in entry.persons for f in field.split("|"))


def _lines(text: str) -> dict[str, int]:
    return {m.group(1): text.count("\n", 0, m.start()) + 1
            for m in re.finditer(r"^@\w+\s*\{\s*([^,\s]+)\s*,", text, re.MULTILINE)}


def load(path: Path) -> dict[str, Entry]:
    """Parse and check the .bib file; raise ContentError naming file, key and problem."""
    text = path.read_text(encoding="utf-8")
    try:
        data: BibliographyData = parse_string(text, "bibtex")
    except PybtexError as exc:
        raise ContentError(path, f"malformed BibTeX: {exc}") from None
    lines = _lines(text)
    entries = {}
    for key, entry in data.entries.items():
        line = lines.get(key)
        etype = entry.type.lower()
        if etype not in REQUIRED:
            raise ContentError(path, f"{key}: entry type @{etype} is not one we format; use one of "
                                     f"{', '.join(sorted(REQUIRED))}", line)
        for field in REQUIRED[etype]:
            if not _has(entry, field):
                raise ContentError(path, f"{key}: @{etype} needs the field {field.replace('|', ' or ')}", line)
        group = entry.fields.get("keywords", "").strip()
        if group not in GROUPS:
            raise ContentError(path, f"{key}: keywords must be one of {', '.join(GROUPS)} (got '{group}')", line)
        # TeX dashes in annotations, as in titles: --- em dash, -- en dash.
        annotation = " ".join(entry.fields.get("annote", "").split()).replace("---", "—").replace("--", "–")
        if not annotation:
            raise ContentError(path, f"{key}: needs an annote field (2-4 sentences in our own words)", line)
        doi = entry.fields.get("doi")
        if doi and not DOI.match(doi):
            raise ContentError(path, f"{key}: DOI '{doi}' is not of the form 10.NNNN/...", line)
        url = entry.fields.get("url")
        if url and not ISO_DATE.match(entry.fields.get("urldate", "")):
            raise ContentError(path, f"{key}: a url needs an access date, urldate = {{YYYY-MM-DD}}", line)
        entries[key] = Entry(key, etype, group, annotation, url, doi, line or 0)
    return entries


@lru_cache(maxsize=4)
def _formatted(bib_text_hash: str, bib_path: str) -> dict[str, str]:
    doc = "---\nnocite: '[@*]'\nlink-citations: false\n---\n"
    html = pypandoc.convert_text(doc, "html", format="markdown",
                                 extra_args=["--citeproc", "--bibliography", bib_path, "--csl", str(CSL)])
    soup = BeautifulSoup(html, "html.parser")
    out = {}
    for div in soup.select("div.csl-entry"):
        key = div["id"].removeprefix("ref-")
        out[key] = div.decode_contents().strip()
    return out


def csl_json(path: Path) -> str:
    """The bibliography as CSL-JSON (for Zotero and citeproc tools), converted by pandoc."""
    return pypandoc.convert_file(str(path), "csljson", format="biblatex")


def formatted(path: Path) -> dict[str, str]:
    """Key -> the entry formatted as HTML in Chicago author-date (pandoc citeproc), computed once per .bib content."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return _formatted(digest, str(path))
