"""Quotations from the article in our sources: find them and compare them with the article text.

Two forms are quotations (CONTRIBUTING.md): the body of a `!!! quote` admonition, and `<q class="article">`.
Editor's notes carry theirs in `article_quote`. Only white space and straight/curly quotes are normalised;
` … ` separates omitted parts, each of which must be verbatim and in order."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_BLOCK = re.compile(r"^!!! quote(?: \"[^\"]*\")?\n((?:(?:    .*)?\n)+)", re.MULTILINE)
_INLINE = re.compile(r"<q class=\"article\">(.*?)</q>", re.DOTALL)
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


@dataclass(frozen=True)
class Quote:
    path: str
    line: int
    text: str


def normalise(text: str) -> str:
    return " ".join(text.translate(_QUOTES).split())


def find_quotes(path: Path, text: str | None = None) -> list[Quote]:
    text = path.read_text(encoding="utf-8") if text is None else text
    found = []
    for m in _BLOCK.finditer(text):
        body = " ".join(line.strip() for line in m.group(1).splitlines())
        found.append(Quote(str(path), text.count("\n", 0, m.start()) + 1, body))
    for m in _INLINE.finditer(text):
        found.append(Quote(str(path), text.count("\n", 0, m.start()) + 1, m.group(1)))
    return found


def split_parts(quote: str) -> list[str]:
    """The verbatim parts of a quote: the text between ellipses (… ... […] [...]), normalised."""
    return [p for p in _ELLIPSIS.split(normalise(quote)) if p.strip()]


def mismatch(quote: str, article: str) -> str | None:
    """None if every part of the quote occurs verbatim in the article, in order; else the first part that does not."""
    hay = normalise(article)
    pos = 0
    for part in split_parts(quote):
        found = hay.find(part, pos)
        if found < 0:
            return part
        pos = found + len(part)
    return None


def word_count(quotes: list[str]) -> int:
    return sum(len(normalise(q).replace("…", " ").split()) for q in quotes)
