"""Small helpers for reading Markdown source: masking code so checks and markers never look inside it."""
from __future__ import annotations

import re
from functools import lru_cache

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,}).*?^(?P=indent)(?P=fence)[ \t]*$",
                    re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)


def code_ranges(markdown: str) -> list[tuple[int, int]]:
    """Character ranges of fenced blocks and inline code spans."""
    if "`" not in markdown and "~~~" not in markdown:
        return []
    ranges = [m.span() for m in _FENCE.finditer(markdown)] if "```" in markdown or "~~~" in markdown else []

    def inside(pos: int) -> bool:
        return any(a <= pos < b for a, b in ranges)

    ranges += [m.span() for m in _CODE_SPAN.finditer(markdown) if not inside(m.start())]
    return sorted(ranges)


@lru_cache(maxsize=1024)  # the same page and data texts are masked by several checks in a build
def mask_code(markdown: str) -> str:
    """Same length as the input, with code replaced by spaces (newlines kept), so offsets and lines still match."""
    ranges = code_ranges(markdown)
    if not ranges:
        return markdown
    chars = list(markdown)
    for a, b in ranges:
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset."""
    return text.count("\n", 0, offset) + 1
