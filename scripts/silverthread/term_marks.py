"""Site-wide definitions: the first occurrence of each glossary term on a page becomes a link to its term page
with an accessible description (aria-describedby), shown on hover and on keyboard focus.

Not inside headings, quotations from the article, code, links, or the term's own page.
"""
from __future__ import annotations

import posixpath
from collections import deque

from bs4 import BeautifulSoup, NavigableString

from .glossary import Term, alias_owner, alias_pattern
from .templates import render

SKIP_TAGS = {"a", "code", "pre", "kbd", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "q",
             "blockquote", "abbr", "button", "label", "summary", "figcaption", "sup", "nav", "dt", "legend",
             "title", "head"}
SKIP_CLASSES = {"quote", "st-term", "footnote", "st-quiz", "st-definition", "headerlink", "st-no-terms",
                "admonition-title", "st-refs"}


def _skipped(node) -> bool:
    for parent in node.parents:
        if parent.name in SKIP_TAGS or SKIP_CLASSES.intersection(parent.get("class") or []):
            return True
    return False


def term_href(term_id: str, page_url: str) -> str:
    """Relative link from a page (its directory URL, e.g. 'lessons/02-no-getting-away/') to a term page."""
    return posixpath.relpath(f"glossary/{term_id}/", page_url or ".") + "/"


def mark_terms(html: str, terms: dict[str, Term], page_url: str, own_term: str | None = None) -> tuple[str, set[str]]:
    """Return the page HTML with first occurrences marked, and the ids of the terms marked."""
    if not terms:
        return html, set()
    pattern = alias_pattern(terms)
    owner = alias_owner(terms)
    soup = BeautifulSoup(html, "html.parser")
    done: set[str] = {own_term} if own_term else set()
    marked: set[str] = set()
    rendered: dict[str, str] = {}
    queue = deque(t for t in soup.find_all(string=True) if type(t) is NavigableString and not _skipped(t))
    while queue:
        text = queue.popleft()
        value = str(text)
        for match in pattern.finditer(value):
            tid = owner[match.group(1)]
            if tid in done:
                continue
            done.add(tid)
            marked.add(tid)
            # A private-use placeholder now, the template's HTML after serialising: no re-parsing per term.
            placeholder = f"\ue001{len(rendered)}\ue001"
            rendered[placeholder] = render("term.html.j2", term=terms[tid], text=match.group(1),
                                           href=term_href(tid, page_url))
            after = NavigableString(value[match.end():])
            text.replace_with(NavigableString(value[:match.start()] + placeholder), after)
            queue.appendleft(after)
            break
    html = str(soup)
    for placeholder, markup in rendered.items():
        html = html.replace(placeholder, markup.strip())
    return html, marked
