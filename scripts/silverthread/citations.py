"""Citations: the ONE module that touches mkdocs-bibtex (archived upstream; 4.4.0 is its last release).

Interface (everything else in the build calls only these):

- ``cited_keys(markdown)``, ``check_keys(markdown, known, path)``: find `[@key]` citations outside code, the
  way mkdocs-bibtex parses them, and fail on unknown keys.
- ``join_wrapped(markdown)``, ``protect_code(markdown)``: prepare page Markdown before mkdocs-bibtex sees it
  (a citation split over two lines is joined; '@' inside code is hidden).
- ``blocks_in(texts)``: every citation block in these texts, as mkdocs-bibtex will see them on the pages.
- ``prewarm(registry, texts)``: format every citation of the site in the bibliography's single pandoc pass
  (``bibliography.format_citations``) and hand the results to mkdocs-bibtex's registry, which from then on
  may not run pandoc itself: a citation that was not in the pass fails the build.
- ``after_citations(html)``: after mkdocs-bibtex and Markdown, put '@' back in
  code and fill the page's "References" heading with the entries the page cites, each with id ``ref-KEY``,
  the target of the in-text links.

In-text citations are author-date only, linked to the page's reference list: no footnote numbers. The
plugin is configured with ``bib_by_default: false`` so it writes no footnote list of its own.

Replacing mkdocs-bibtex by a direct pandoc step touches this module alone (plus the plugin's block in
mkdocs.yml): parse blocks with our own regex instead of ``CitationBlock``, and in the Markdown stage replace
each block by ``bibliography.current().inline[block]`` instead of installing the results in the registry.
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs_bibtex.citation import CitationBlock

from . import bibliography
from .errors import ContentError
from .markdown_utils import code_ranges, line_of, mask_code
from .templates import render

_BLOCK = re.compile(r"\[([^\[\]]*@[^\[\]]*)\]")
# Placeholder for "@" inside code; private-use character, never typed by authors.
_AT = "\ue000"


def cited_keys(markdown: str) -> list[tuple[str, int]]:
    """(key, line) for every citation outside code, parsed the way mkdocs-bibtex parses them."""
    masked = mask_code(markdown)
    found = []
    for match in _BLOCK.finditer(masked):
        # as mkdocs-bibtex sees it after join_wrapped: a citation wrapped over two lines counts too
        for block in CitationBlock.from_markdown(" ".join(match.group(0).split())):
            for citation in block.citations:
                found.append((citation.key, line_of(markdown, match.start())))
    return found


def check_keys(markdown: str, known: set[str], path: Path | str, line_offset: int = 0) -> None:
    """Fail on the first citation of a key that the bibliography does not have."""
    for key, line in cited_keys(markdown):
        if key not in known:
            raise ContentError(path, f"unknown citation key '@{key}': add it to bibliography/references.bib "
                                     "or fix the spelling", line + line_offset)


def join_wrapped(markdown: str) -> str:
    """mkdocs-bibtex only sees a citation on one line: join citations that prose wrapping split."""
    masked = mask_code(markdown)
    out, last = [], 0
    for match in _BLOCK.finditer(masked):
        if "\n" in match.group(0):
            out += [markdown[last:match.start()], " ".join(markdown[match.start():match.end()].split())]
            last = match.end()
    return "".join(out) + markdown[last:]


def protect_code(markdown: str) -> str:
    """Hide '@' inside code from mkdocs-bibtex (restored by after_citations)."""
    chars = list(markdown)
    for a, b in code_ranges(markdown):
        for i in range(a, b):
            if chars[i] == "@":
                chars[i] = _AT
    return "".join(chars)


def blocks_in(texts: list[str], known: set[str] | None = None) -> list[str]:
    """Every distinct citation block (as mkdocs-bibtex writes it, e.g. "[@a, 12; @b]") in `texts`, after
    joining wrapped lines, outside code; only blocks whose keys are all in `known` (if given)."""
    seen: dict[str, None] = {}
    for text in texts:
        for block in CitationBlock.from_markdown(mask_code(join_wrapped(text))):
            if known is None or all(c.key in known for c in block.citations):
                seen.setdefault(str(block))
    return list(seen)


def _pandoc_after_the_pass(citation_blocks=(), *_args, **_kwargs):
    late = ", ".join(str(b) for b in list(citation_blocks)[:5]) or "(unknown)"
    raise ContentError(Path("bibliography/references.bib"),
                       f"mkdocs-bibtex asked pandoc to format {late} after the single formatting pass; "
                       "the citation was not found by citations.blocks_in() (see citations.prewarm)")


def start_prewarm(registry, texts: list[str]) -> list[str]:
    """Find every citation block in `texts` and start the single pandoc pass in the background; prewarm(registry,
    blocks=...) collects it. Returns the blocks."""
    blocks = blocks_in(texts, set(registry.bib_data.entries))
    bibliography.start_citations(bibliography.current_path(), blocks)
    return blocks


def prewarm(registry, texts: list[str] | None = None, blocks: list[str] | None = None) -> int:
    """Format every citation block found in `texts` (or the `blocks` start_prewarm found) in the single pandoc pass
    and install the results in mkdocs-bibtex's registry: author-date text linked to ``#ref-KEY``, no footnote marks.
    Any later pandoc run by the registry fails the build. Returns the number of blocks."""
    if blocks is None:
        blocks = blocks_in(texts or [], set(registry.bib_data.entries))
    result = bibliography.format_citations(bibliography.current_path(), blocks)
    registry._inline_cache = {b: f'<span class="citation">{html}</span>' for b, html in result.inline.items()}
    registry._reference_cache = dict(result.refs)
    registry._process_with_pandoc = _pandoc_after_the_pass
    registry.inline_text = lambda block: registry._inline_cache[str(block)]
    return len(blocks)


_CITATION_OPEN = '<span class="citation">'
_SPAN_TAG = re.compile(r"<span\b[^>]*>|</span>")
_KEY = re.compile(r'href="#ref-([^"]+)"')
_REFS_HEADING = re.compile(r'<h2 id="references(?:_\d+)?">.*?</h2>', re.DOTALL)


def page_reference_list(keys: list[str]) -> str:
    """The page's reference list: the cited entries, alphabetical as in Chicago, each the target of its
    in-text links."""
    refs = bibliography.current().refs
    items = sorted(dict.fromkeys(keys), key=lambda k: re.sub(r"<[^>]+>", "", refs[k]).lower())
    return render("page_refs.html.j2", items=[(k, refs[k]) for k in items])


def citation_spans(html: str) -> list[str]:
    """The inner HTML of every in-text citation span, nested spans included (pandoc wraps a title cited in
    place of an author in spans of its own, so the first '</span>' is not the citation's end)."""
    spans, start = [], html.find(_CITATION_OPEN)
    while start != -1:
        depth, pos = 1, start + len(_CITATION_OPEN)
        for tag in _SPAN_TAG.finditer(html, pos):
            depth += -1 if tag.group(0) == "</span>" else 1
            if depth == 0:
                spans.append(html[pos:tag.start()])
                pos = tag.end()
                break
        start = html.find(_CITATION_OPEN, pos)
    return spans


def after_citations(html: str) -> str:
    """After mkdocs-bibtex: restore '@' in code; put the page's reference list under its References heading."""
    html = html.replace(_AT, "@")
    keys = [k for span in citation_spans(html) for k in _KEY.findall(span)]
    headings = list(_REFS_HEADING.finditer(html))
    if keys and headings:
        end = headings[-1].end()
        html = html[:end] + "\n" + page_reference_list(keys) + html[end:]
    return html

