"""Markers: a line `[[name]]` or `[[name:arg]]` in Markdown asks the build for generated content.
An unknown marker fails the build, so a typo never reaches readers as raw text."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from .errors import ContentError
from .markdown_utils import line_of, mask_code

MARKER = re.compile(r"^[ \t]*\[\[([a-z-]+)(?::([A-Za-z0-9_-]+))?\]\][ \t]*$", re.MULTILINE)
LOOSE = re.compile(r"\[\[[^\]\n]*\]\]")


def expand(markdown: str, handlers: dict[str, Callable[[str | None], str]], path: Path | str,
           line_offset: int = 0) -> str:
    """Replace every marker with its handler's output; fail on unknown names or misplaced markers."""
    masked = mask_code(markdown)
    for loose in LOOSE.finditer(masked):
        if not MARKER.match(masked, masked.rfind("\n", 0, loose.start()) + 1):
            raise ContentError(path, f"marker {loose.group(0)} must stand alone on its line",
                               line_of(markdown, loose.start()) + line_offset)
    out, last = [], 0
    for m in MARKER.finditer(masked):
        name, arg = m.group(1), m.group(2)
        if name not in handlers:
            raise ContentError(path, f"unknown marker [[{name}]]; known: {', '.join(sorted(handlers))}",
                               line_of(markdown, m.start()) + line_offset)
        try:
            replacement = handlers[name](arg)
        except KeyError as exc:
            raise ContentError(path, f"[[{name}:{arg}]]: unknown id {exc}",
                               line_of(markdown, m.start()) + line_offset) from None
        out.append(markdown[last:m.start()])
        out.append(replacement)
        last = m.end()
    out.append(markdown[last:])
    return "".join(out)
