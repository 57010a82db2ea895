"""Citation keys in Markdown: find them (outside code), check them against the bibliography, and keep
mkdocs-bibtex away from code spans, where `[@key]` is an example, not a citation."""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs_bibtex.citation import CitationBlock

from .errors import ContentError
from .markdown_utils import code_ranges, line_of, mask_code

_BLOCK = re.compile(r"\[([^\[\]]*@[^\[\]]*)\]")
# Placeholder for "@" inside code; private-use character, never typed by authors.
_AT = "\ue000"


def cited_keys(markdown: str) -> list[tuple[str, int]]:
    """(key, line) for every citation outside code, parsed the way mkdocs-bibtex parses them."""
    masked = mask_code(markdown)
    found = []
    for match in _BLOCK.finditer(masked):
        for block in CitationBlock.from_markdown(match.group(0)):
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
    """Hide '@' inside code from mkdocs-bibtex (restored by restore_code)."""
    chars = list(markdown)
    for a, b in code_ranges(markdown):
        for i in range(a, b):
            if chars[i] == "@":
                chars[i] = _AT
    return "".join(chars)


def restore_code(markdown: str) -> str:
    """Undo protect_code."""
    return markdown.replace(_AT, "@")
