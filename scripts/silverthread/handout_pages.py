"""Handout pages: print-first HTML pages generated at build time from the same sources as the site (lesson
sections, glossary data, quizzes, notes), never a second copy. `make handouts` prints them to PDF."""
from __future__ import annotations

import re

from .templates import render

HANDOUTS = "handouts"


def wanted(value, config_path) -> bool:
    """extra.handout_pages from mkdocs.yml. MkDocs' !ENV passes SILVERTHREAD_HANDOUTS through YAML's typing, so this
    gets a boolean (default false; "true", "yes", "off"), an integer ("1", "0") or None (set but empty, which
    counts as unset). Anything else fails the build rather than being guessed."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    from pathlib import Path

    from .errors import ContentError
    lines = Path(config_path).read_text(encoding="utf-8").splitlines()
    line = next((i for i, text in enumerate(lines, 1) if text.strip().startswith("handout_pages:")), None)
    raise ContentError(config_path, f"extra.handout_pages (SILVERTHREAD_HANDOUTS) is {value!r}: use 1 or 0", line)


_LINK = re.compile(r"\]\((?!https?:|mailto:|\.\./)([^)\s]*)\)")


def rebase_links(markdown: str) -> str:
    """Links in lesson sections and notes are relative to lessons/; a handout lives in handouts/ (same depth)."""
    return _LINK.sub(lambda m: m.group(0) if m.group(1).startswith("#") else f"](../lessons/{m.group(1)})", markdown)


def section(lesson_body: str, heading: str) -> str:
    """The Markdown of one '## heading' section of a lesson body (without the heading)."""
    match = re.search(rf"^## {re.escape(heading)}[ \t]*$", lesson_body, re.MULTILINE)
    if match is None:
        raise KeyError(f"no section '## {heading}'")  # lessons.check_sections guarantees every section
    return lesson_body[match.end():].split("\n## ", 1)[0].strip()


def handout_sources(site) -> dict[str, str]:
    """docs-relative path -> Markdown for every handout page."""
    from .data_files import split_front_matter
    from .print_kit import kit_context, kit_pages, load_kit  # the printed kit (issue 14): worksheets, cover sheets

    pages: dict[str, str] = {}
    lessons = sorted(site.lessons.values(), key=lambda les: les.id)
    bodies = {les.id: split_front_matter(les.path)[1] for les in lessons}
    guides, plans = load_kit(site.data, site.lessons)
    for lesson in lessons:
        body = bodies[lesson.id]
        ctx = dict(m=lesson.meta, lesson=lesson, terms=[site.terms[t] for t in lesson.meta["key_terms"]],
                   passages=section(body, "Key passages"), questions=section(body, "Discussion questions"),
                   quiz=site.quizzes.get(lesson.id), notes=site.facilitation.get(lesson.id, []),
                   tasks=[t for t in getattr(site, "tasks", {}).values() if t["lesson"] == lesson.id],
                   readings=[site.refs[k] for k in lesson.meta["readings"]])
        ctx.update(kit_context(site, lesson, guides, plans))
        n = lesson.id[1:]
        for role in ("student", "instructor"):
            src = f"{HANDOUTS}/lesson-{n}-{role}.md"
            pages[src] = render("handout_lesson.md.j2", instructor=role == "instructor", src_uri=src, **ctx)
    pages[f"{HANDOUTS}/glossary.md"] = render("handout_glossary.md.j2", terms=site.terms_by_letter())
    pages[f"{HANDOUTS}/bibliography.md"] = render("handout_simple.md.j2", title="Annotated bibliography",
                                                  marker="[[references]]")
    pages[f"{HANDOUTS}/timeline.md"] = render("handout_simple.md.j2", title="Timeline, 1962 to 2026",
                                              marker="[[timeline]]")
    pages[f"{HANDOUTS}/module.md"] = render(
        "handout_module.md.j2", lessons=lessons, bodies=bodies, site=site,
        sections=["Context", "The argument", "Key passages", "Discussion questions"], section=section)
    pages.update(kit_pages(site, HANDOUTS))  # slide decks, role cards, comparison grid
    return pages
