"""Glossary terms: the term pages' front matter is the one source of truth for definitions, aliases and facts."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .data_files import load_front_matter
from .errors import ContentError

MAX_DEFINITION_WORDS = 30


@dataclass
class Term:
    id: str
    term: str
    label: str
    aliases: list[str]
    definition: str
    facts: list[dict]
    related: list[str]
    sources: list[str]
    path: Path
    src_uri: str = field(default="")

    @property
    def title(self) -> str:
        return self.term if self.label in self.term else f"{self.term} ({self.label})"


def load_terms(glossary_dir: Path) -> dict[str, Term]:
    """Load and cross-check every docs/glossary/<id>.md except the index."""
    terms: dict[str, Term] = {}
    owner: dict[str, str] = {}
    for path in sorted(glossary_dir.glob("*.md")):
        if path.name == "index.md":
            continue
        meta = load_front_matter(path, "glossary")
        term = Term(id=path.stem, path=path, src_uri=f"glossary/{path.name}", **meta)
        words = len(term.definition.split())
        if words > MAX_DEFINITION_WORDS:
            raise ContentError(path, f"definition has {words} words; at most {MAX_DEFINITION_WORDS}", 2)
        for alias in term.aliases:
            if alias in owner:
                raise ContentError(path, f"alias '{alias}' is already used by glossary term '{owner[alias]}'")
            owner[alias] = term.id
        terms[term.id] = term
    for term in terms.values():
        for rel in term.related:
            if rel not in terms:
                raise ContentError(term.path, f"related term '{rel}' has no page docs/glossary/{rel}.md")
    return terms


def require_terms(ids: list[str], terms: dict[str, Term], path: Path | str) -> None:
    """Fail if any id is not a glossary term (used for lesson key_terms and [[term:...]] references)."""
    for tid in ids:
        if tid not in terms:
            raise ContentError(path, f"unknown glossary term '{tid}': no page docs/glossary/{tid}.md")


def alias_pattern(terms: dict[str, Term]) -> re.Pattern:
    """One regex for all aliases, longest first, on word boundaries, so 'IAEA safeguards' wins over 'IAEA'."""
    return _compiled(tuple(sorted((a for t in terms.values() for a in t.aliases), key=len, reverse=True)))


@lru_cache(maxsize=8)
def _compiled(aliases: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(a) for a in aliases) + r")(?![\w-])")


def alias_owner(terms: dict[str, Term]) -> dict[str, str]:
    return {a: t.id for t in terms.values() for a in t.aliases}
