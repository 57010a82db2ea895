"""The Jinja environment for our own templates (overrides/st/): every piece of HTML or generated Markdown
comes from a template, never from string-building in Python."""
from __future__ import annotations

import posixpath
import re
from datetime import date
from functools import cache

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape

from . import ROOT

_REL_LINK = re.compile(r"\]\((?![a-z]+:|#|/)([^)\s]+\.md(?:#[^)\s]*)?)\)")


def relink(markdown: str, written_in: str, src_uri: str) -> str:
    """Re-aim relative Markdown links written in directory `written_in` (docs-relative, '' for the root) so
    they work on the page `src_uri` that shows the text (a lesson, the instructor guide, a handout)."""
    base = posixpath.dirname(src_uri) or "."

    def fix(m: re.Match) -> str:
        path, _, anchor = m.group(1).partition("#")
        target = posixpath.normpath(posixpath.join(written_in, path))
        return "](" + posixpath.relpath(target, base) + (f"#{anchor}" if anchor else "") + ")"
    return _REL_LINK.sub(fix, markdown)


def docs_links(markdown: str, src_uri: str) -> str:
    """Links in data files are written from the docs root ('lessons/02-x.md#y')."""
    return relink(markdown, "", src_uri)


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def check_date(iso: str) -> None:
    """Raise ValueError unless `iso` is a real date as YYYY, YYYY-MM or YYYY-MM-DD."""
    parts = iso.split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        raise ValueError(f"'{iso}' is not YYYY, YYYY-MM or YYYY-MM-DD")
    numbers = [int(p) for p in parts]
    date(numbers[0], *(numbers[1:] + [1] * (3 - len(numbers))))  # ValueError: month must be in 1..12, etc.


def human_date(iso: str) -> str:
    """'1968-07-01' -> '1 July 1968'; '1968-07' -> 'July 1968'; '1968' -> '1968'."""
    check_date(iso)
    parts = iso.split("-")
    if len(parts) == 1:
        return iso
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def indent4(text: str) -> str:
    """Indent every non-blank line by four spaces (admonition bodies)."""
    return "\n".join(("    " + line) if line.strip() else "" for line in text.splitlines())


@cache
def bytecode_cache() -> FileSystemBytecodeCache:
    """Compiled templates kept between builds in Jinja's per-user temporary directory (outside the repository);
    each entry is keyed by the template's name and a checksum of its source, so an edited template is compiled
    again. Saves compiling Material's and our templates on every build."""
    return FileSystemBytecodeCache()


@cache
def environment() -> Environment:
    env = Environment(
        bytecode_cache=bytecode_cache(),
        loader=FileSystemLoader(str(ROOT / "overrides" / "st")),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["st_date"] = human_date
    env.filters["docs_links"] = docs_links
    env.filters["relink"] = relink
    env.filters["indent4"] = indent4
    return env


def render(name: str, **context) -> str:
    """Render overrides/st/<name> with the given context."""
    return environment().get_template(name).render(**context)
