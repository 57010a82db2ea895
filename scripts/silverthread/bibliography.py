"""The bibliography: load references.bib, check every entry, and format entries with pandoc + CSL.

The .bib file is the single source of truth: annotations live in its `annote` fields and the reference
group (the article's own references / primary documents / further reading) in `keywords`.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pypandoc
from bs4 import BeautifulSoup
from pybtex.database import BibliographyData
from pybtex.database import parse_string as _pybtex_parse
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


@lru_cache(maxsize=2)
def parse_string(text: str, bib_format: str) -> BibliographyData:
    """pybtex's parse, once per text: the build reads the .bib in several places (checks, the pandoc pass, the
    CSL-JSON download). Callers only read the result."""
    return _pybtex_parse(text, bib_format)


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


# ---- The one pandoc pass ----
# Every citation block of the site and every entry (nocite @*) are formatted together in ONE pandoc run, so
# the year suffixes (2022a/2022b) are decided once and the in-text labels, each page's reference list, the
# Further reading/Sources lists and the References page all agree. `--wrap=none` keeps each formatted entry on
# one line (a wrapped line starting "2026." would become a numbered list inside a Markdown list item).
SUPPLIED = "Title supplied by the editors"  # a `note` starting so marks a title as the editors' description


@dataclass(frozen=True)
class Formatted:
    refs: dict[str, str]     # key -> the entry as HTML (Chicago author-date), on one line
    inline: dict[str, str]   # citation block text, e.g. "[@a, 12; @b]" -> linked author-date HTML


_POOL = ThreadPoolExecutor(max_workers=2)  # background pandoc runs: the citation pass and the CSL-JSON download
_PASS: dict = {"path": None, "blocks": None, "result": None, "running": None}


@lru_cache(maxsize=4)
def _pandoc_pass(bib_text_hash: str, bib_path: str, blocks: tuple[str, ...]) -> Formatted:
    """The pass, or its result from an earlier build with the same .bib, CSL, blocks, code and pandoc (build_cache):
    still one formatting of all citations together, so year suffixes agree."""
    import json

    from . import build_cache
    digest = build_cache.key(Path(bib_path).read_bytes(), CSL.read_bytes(), "\0".join(blocks),
                             build_cache.code("bibliography"))
    kept = build_cache.get("citations", digest)
    if kept is not None:
        data = json.loads(kept)
        return Formatted(data["refs"], data["inline"])
    result = _run_pandoc_pass(bib_path, blocks)
    build_cache.put("citations", digest, json.dumps({"refs": result.refs, "inline": result.inline}).encode())
    return result


def _run_pandoc_pass(bib_path: str, blocks: tuple[str, ...]) -> Formatted:
    doc = "---\nnocite: '[@*]'\nlink-citations: true\n---\n\n"
    doc += "\n\n".join(f"::: {{.st-cite-block n=\"{i}\"}}\n{block}\n:::" for i, block in enumerate(blocks))
    html = pypandoc.convert_text(doc, "html", format="markdown", extra_args=[
        "--citeproc", "--wrap=none", "--bibliography", bib_path, "--csl", str(CSL)])
    soup = BeautifulSoup(html, "html.parser")
    bib = parse_string(Path(bib_path).read_text(encoding="utf-8"), "bibtex").entries
    supplied = {key for key, entry in bib.items() if entry.fields.get("note", "").startswith(SUPPLIED)}
    translated = {key for key, entry in bib.items() if _TRANSLATION.search(entry.fields.get("title", ""))}
    refs = {}
    for div in soup.select("div.csl-entry"):
        key = div["id"].removeprefix("ref-")
        if key in supplied:
            _unquote_title(div)
        if key in translated:
            _translation_outside_title(div)
        refs[key] = " ".join(div.decode_contents().split())
    inline = {}
    for div in soup.select("div.st-cite-block"):
        span = div.select_one("span.citation")
        if span is None:
            raise ContentError(Path(bib_path), f"pandoc did not format the citation {blocks[int(div['data-n'])]}")
        for a in span.select("a[role]"):
            del a["role"]
        inline[blocks[int(div["data-n"])]] = " ".join(span.decode_contents().split())
    return Formatted(refs, inline)


def _unquote_title(div) -> None:
    """Chicago: a title the editors supplied is a plain description, neither quoted nor italic (nor bracketed).
    The title is the first quoted span or italic element of the entry."""
    for el in div.find_all(["span", "em"], recursive=False):
        inner = el.decode_contents().strip()
        if el.name == "em":
            el.replace_with(BeautifulSoup(inner, "html.parser"))
            return
        if inner.startswith("\u201c") and inner.endswith("\u201d"):
            el.replace_with(BeautifulSoup(inner[1:-1], "html.parser"))
            return


# A title in another language followed by its English translation in square brackets, as in the article's
# reference list (E118): `title = {V labirintakh Kremlya ... [In the Labyrinths of the Kremlin ...]}`.
_TRANSLATION = re.compile(r"\s\[[^\[\]]+\]\}?\s*$")
_TITLE_AND_TRANSLATION = re.compile(r"(?s)(\u201c?)(.*\S)\s+(\[[^\[\]]*\])([.,]?)(\u201d?)")


def _translation_outside_title(div) -> None:
    """Chicago (and the article): a translated title's bracketed English translation follows the title in
    roman, outside its italics or quotation marks: <em>V labirintakh Kremlya</em> [In the Labyrinths ...].
    The title is the first quoted span or italic element of the entry; the .bib title (and so the CSL-JSON
    download) keeps the translation as plain text."""
    for el in div.find_all(["span", "em"], recursive=False):
        inner = el.decode_contents().strip()
        quoted = inner.startswith("\u201c")
        if el.name != "em" and not quoted:
            continue
        m = _TITLE_AND_TRANSLATION.fullmatch(inner)
        if m is None or bool(m.group(1)) != quoted or (quoted and not m.group(5)):
            return
        title, translation, stop = m.group(2), m.group(3), m.group(4)
        if el.name == "em":
            html = f"<em>{title}</em> {translation}{stop}"
        else:  # "Title [Translation]." -> "Title" [Translation].
            html = f"<span>\u201c{title}\u201d</span> {translation}{stop}"
        el.replace_with(BeautifulSoup(html, "html.parser"))
        return


def start_citations(path: Path, blocks: list[str]) -> None:
    """Start THE pandoc pass for this build in a background thread (pandoc runs on the other core while the build
    adds its generated files); format_citations() with the same or fewer blocks waits for it."""
    if _PASS["path"] != path:
        _PASS.update(path=path, blocks=None, result=None, running=None)
    if _PASS["result"] is None and _PASS["running"] is None:
        _PASS["blocks"] = tuple(sorted(set(blocks)))
        _PASS["running"] = _POOL.submit(_pandoc_pass, hashlib.sha256(path.read_bytes()).hexdigest(), str(path),
                                        _PASS["blocks"])


def format_citations(path: Path, blocks: list[str]) -> Formatted:
    """Run THE pandoc pass for this build: every entry plus these citation blocks. Called once per build,
    before any page is rendered (citations.prewarm); a second call with blocks it has not seen is an error."""
    if _PASS["path"] != path:
        _PASS.update(path=path, blocks=None, result=None, running=None)
    if _PASS["running"] is not None:
        running, _PASS["running"] = _PASS["running"], None
        _PASS["result"] = running.result()
    if _PASS["result"] is not None and not set(blocks) <= set(_PASS["blocks"]):
        new = sorted(set(blocks) - set(_PASS["blocks"]))
        raise ContentError(path, f"citation(s) {', '.join(new[:5])} reached pandoc after the site's single "
                                 "formatting pass; they must be found by citations.blocks_in() beforehand")
    if _PASS["result"] is None:
        _PASS["blocks"] = tuple(sorted(set(blocks)))
        _PASS["result"] = _pandoc_pass(hashlib.sha256(path.read_bytes()).hexdigest(), str(path), _PASS["blocks"])
    return _PASS["result"]


def current_path() -> Path:
    """The .bib file of the build under way (set by formatted())."""
    if _PASS["path"] is None:
        raise RuntimeError("bibliography.formatted() must be called first")
    return _PASS["path"]


def current() -> Formatted:
    """The result of this build's pass (running it with no citation blocks if nothing has asked yet)."""
    if _PASS["result"] is None:
        if _PASS["path"] is None:
            raise RuntimeError("bibliography.formatted() must be called before current()")
        format_citations(_PASS["path"], [])
    return _PASS["result"]


class _Refs(Mapping):
    """Key -> formatted entry, filled from the build's single pass the first time a page asks."""

    def __getitem__(self, key: str) -> str:
        return current().refs[key]

    def __iter__(self):
        return iter(current().refs)

    def __len__(self) -> int:
        return len(current().refs)


def _plain_title(value: str) -> str:
    """A .bib title as readers see it: braces dropped, TeX dashes and escapes resolved."""
    value = value.replace("---", "\u2014").replace("--", "\u2013").replace("\\&", "&").replace("\\%", "%")
    return " ".join(value.replace("{", "").replace("}", "").split())


_CSL_PENDING: dict = {}


def prefetch_csl_json(path: Path) -> None:
    """Start pandoc's CSL-JSON conversion of the .bib in a background thread (the build goes on meanwhile; pandoc
    is a separate process, so the two run on two cores). csl_json() collects it."""
    key = (str(path), hashlib.sha256(path.read_bytes()).hexdigest())
    if key not in _CSL_PENDING:
        _CSL_PENDING.clear()
        _CSL_PENDING[key] = _POOL.submit(_csljson_pandoc, str(path))


def _csljson_pandoc(path: str) -> str:
    from . import build_cache
    digest = build_cache.key(Path(path).read_bytes(), build_cache.code("bibliography"))
    kept = build_cache.get("csljson", digest)
    if kept is not None:
        return kept.decode("utf-8")
    out = pypandoc.convert_file(path, "csljson", format="biblatex")
    build_cache.put("csljson", digest, out.encode("utf-8"))
    return out


def csl_json(path: Path) -> str:
    """The bibliography as CSL-JSON (for Zotero and citeproc tools), converted by pandoc. Titles keep the
    capitals of references.bib: pandoc would put English titles in sentence case, and a style can lower
    capitals but never restore them."""
    import json

    pending = _CSL_PENDING.pop((str(path), hashlib.sha256(path.read_bytes()).hexdigest()), None)
    items = json.loads(pending.result() if pending else _csljson_pandoc(str(path)))
    entries = parse_string(path.read_text(encoding="utf-8"), "bibtex").entries
    for item in items:
        fields = entries[item["id"]].fields
        for csl_field, bib_field in (("title", "title"), ("container-title", "journaltitle"),
                                     ("container-title", "booktitle"), ("container-title", "journal")):
            if csl_field in item and bib_field in fields:
                item[csl_field] = _plain_title(fields[bib_field])
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def formatted(path: Path) -> Mapping[str, str]:
    """Key -> the entry formatted as HTML in Chicago author-date (pandoc citeproc). Starts a new build: the
    entries come from that build's single pandoc pass, which also formats every in-text citation."""
    _PASS.update(path=path, blocks=None, result=None, running=None)
    return _Refs()
