"""Site-wide definitions: the first occurrence of each glossary term on a page becomes a link to its term page
with an accessible description (aria-describedby), shown on hover and on keyboard focus.

Not inside headings, quotations from the article, code, links, or the term's own page. Uses lxml directly
(text and tails), which is many times faster than a BeautifulSoup pass over every page."""
from __future__ import annotations

import posixpath

import lxml.html

from .glossary import Term, alias_owner, alias_pattern
from .templates import render

SKIP_TAGS = {"a", "code", "pre", "kbd", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "q",
             "blockquote", "abbr", "button", "label", "summary", "figcaption", "sup", "nav", "dt", "legend",
             "title", "head", "time",
             "td", "th"}  # table cells: the hover definition is clipped there
SKIP_CLASSES = {"quote", "st-term", "footnote", "st-quiz", "st-definition", "headerlink", "st-no-terms",
                "admonition-title", "st-worksheet",
                # bibliography: the References page, each page's list, Further reading/Sources, in-text citations
                "st-refs", "st-ref", "st-ref__citation", "st-page-refs", "citation", "csl-entry",
                # quiz options, also where a quiz is rendered outside .st-quiz (handouts, answer key)
                "st-q__options", "st-q__option", "st-q__key"}


def _skipped(el) -> bool:
    """True if text directly inside `el` must not be marked."""
    while el is not None:
        if el.tag in SKIP_TAGS or SKIP_CLASSES.intersection((el.get("class") or "").split()):
            return True
        el = el.getparent()
    return False


def term_href(term_id: str, page_url: str) -> str:
    """Relative link from a page (its directory URL, e.g. 'lessons/02-no-getting-away/') to a term page."""
    return posixpath.relpath(f"glossary/{term_id}/", page_url or ".") + "/"


def mark_terms(html: str, terms: dict[str, Term], page_url: str, own_term: str | None = None) -> tuple[str, set[str]]:
    """Return the page HTML with first occurrences marked, and the ids of the terms marked."""
    if not terms or not html.strip():
        return html, set()
    pattern, owner = alias_pattern(terms), alias_owner(terms)
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    done: set[str] = {own_term} if own_term else set()
    rendered: dict[str, str] = {}

    def mark(text: str | None) -> str | None:
        if not text:
            return text
        out, pos = [], 0
        for match in pattern.finditer(text):
            tid = owner[match.group(1)]
            if tid in done:
                continue
            done.add(tid)
            # A private-use placeholder now, the template's HTML after serialising.
            placeholder = f"\ue001{len(rendered)}\ue001"
            rendered[placeholder] = render("term.html.j2", term=terms[tid], text=match.group(1),
                                           href=term_href(tid, page_url)).strip()
            out += [text[pos:match.start()], placeholder]
            pos = match.end()
        return "".join(out) + text[pos:] if out else text

    for el in root.iter():
        if not isinstance(el.tag, str):  # comments, processing instructions
            continue
        if not _skipped(el):
            el.text = mark(el.text)
        parent = el.getparent()
        if parent is not None and not _skipped(parent):
            el.tail = mark(el.tail)
    out = (root.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
    for placeholder, markup in rendered.items():
        out = out.replace(placeholder, markup)
    return out, done - ({own_term} if own_term else set())
