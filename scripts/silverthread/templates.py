"""The Jinja environment for our own templates (overrides/st/): every piece of HTML or generated Markdown
comes from a template, never from string-building in Python."""
from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from . import ROOT


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def human_date(iso: str) -> str:
    """'1968-07-01' -> '1 July 1968'; '1968-07' -> 'July 1968'; '1968' -> '1968'."""
    parts = iso.split("-")
    if len(parts) == 1:
        return iso
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


@lru_cache(maxsize=None)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(ROOT / "overrides" / "st")),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["st_date"] = human_date
    env.filters["indent4"] = lambda text: "\n".join(("    " + line) if line.strip() else "" for line in text.splitlines())
    return env


def render(name: str, **context) -> str:
    """Render overrides/st/<name> with the given context."""
    return environment().get_template(name).render(**context)
