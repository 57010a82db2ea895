"""Instructor material as data: facilitation notes (one per discussion question of every lesson) and class
activities (which objectives they serve). Checked against the lessons so they cannot drift apart."""
from __future__ import annotations

import re
from pathlib import Path

from .data_files import load_yaml, split_front_matter
from .errors import ContentError


def discussion_questions(lesson_path: Path) -> list[str]:
    """The numbered items under '## Discussion questions' (first line of each item, plus continuation lines)."""
    body = split_front_matter(lesson_path)[1].split("## Discussion questions", 1)[1]
    body = body.split("\n## ", 1)[0]
    items = re.split(r"^\d+\.\s+", body, flags=re.MULTILINE)[1:]
    return [" ".join(item.split()) for item in items]


def load_facilitation(path: Path, lessons: dict) -> dict[str, list[dict]]:
    notes = load_yaml(path, "facilitation")["lessons"]
    for lid, lesson in lessons.items():
        questions = discussion_questions(lesson.path)
        given = notes.get(lid, [])
        if len(given) != len(questions):
            raise ContentError(path, f"{lid} has {len(questions)} discussion questions but {len(given)} "
                                     "facilitation notes: one per question, in order")
        for i, (note, question) in enumerate(zip(given, questions, strict=True), 1):
            if " ".join(note["question"].split()) != question:
                raise ContentError(path, f"{lid} note {i}: question does not match the lesson's question {i} "
                                         f"('{question[:60]}…'); copy it exactly")
    for lid in notes:
        if lid not in lessons:
            raise ContentError(path, f"facilitation notes for unknown lesson {lid}")
    return notes


HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*$", re.MULTILINE)
EXPLICIT_ID = re.compile(r"\{:?[^}]*#([A-Za-z0-9_-]+)[^}]*\}\s*$")


def heading_ids(page: Path) -> set[str]:
    """Ids of a Markdown page's headings: an explicit `{: #id }`, else the toc extension's slug of the text."""
    from markdown.extensions.toc import slugify

    from .markdown_utils import mask_code
    ids = set()
    for m in HEADING.finditer(mask_code(split_front_matter(page)[1])):
        text = m.group(1)
        explicit = EXPLICIT_ID.search(text)
        ids.add(explicit.group(1) if explicit else slugify(re.sub(r"[*_`]", "", text), "-"))
    return ids


def essay_headings(page: Path) -> list[str]:
    """Ids of the essay-prompt headings of assignments.md (`### Essay N: title {: #essay-N }`)."""
    body = split_front_matter(page)[1]
    return re.findall(r"^###[ \t]+Essay \d+\b.*\{:[ \t]*#(essay-[0-9]+)[ \t]*\}[ \t]*$", body, re.MULTILINE)


def load_activities(path: Path, lessons: dict, docs: Path | None = None) -> list[dict]:
    """Activities and assessed tasks (essays, short assignments), each with its objectives, page and anchor.
    Fails on an unknown objective id, on an anchor that is not a heading of its page, on an essay heading of
    assignments.md with no entry, and on a task that serves no objective."""
    data = load_yaml(path, "activities")
    if docs is None and lessons:
        docs = next(iter(lessons.values())).path.parent.parent
    objectives = {oid for lesson in lessons.values() for oid in lesson.objective_ids}
    items = [{**act, "kind": "activity", "page": "instructors/activities.md"} for act in data["activities"]]
    items += [{**task, "page": "instructors/assignments.md"} for task in data.get("assessments", [])]
    seen: set[str] = set()
    for item in items:
        label = "activity" if item["kind"] == "activity" else item["kind"]
        if item["id"] in seen:
            raise ContentError(path, f"{label} {item['id']}: duplicate id")
        seen.add(item["id"])
        if not item["objectives"]:
            raise ContentError(path, f"{label} {item['id']}: maps to no learning objective")
        for oid in item["objectives"]:
            if oid not in objectives:
                raise ContentError(path, f"{label} {item['id']}: unknown learning objective {oid}")
    if docs is not None:
        ids: dict[str, set[str]] = {}
        for item in items:
            page = docs / item["page"]
            if not page.exists():
                continue
            ids.setdefault(item["page"], heading_ids(page))
            if item["anchor"] not in ids[item["page"]]:
                raise ContentError(path, f"{item['id']}: anchor '{item['anchor']}' is not a heading of "
                                         f"docs/{item['page']}")
        assignments = docs / "instructors" / "assignments.md"
        if assignments.exists():
            listed = {t["anchor"] for t in items if t["kind"] == "essay"}
            for anchor in essay_headings(assignments):
                if anchor not in listed:
                    raise ContentError(path, f"essay prompt '{anchor}' of docs/instructors/assignments.md has "
                                             "no entry under assessments: map it to its objectives")
    return items


def instructor_handlers(site, link) -> dict:
    """Markers for the instructor guide: [[lesson-plans]] (every lesson's 50- and 90-minute plan, the two
    questions to run first, the exit ticket and what to do when discussion stalls) and [[reading-guides]] (the
    pre-class reading guide of every lesson), both from the print kit's data files, so the web guide and the
    printed cover sheets show the same plan."""
    from .print_kit import load_kit, with_starts
    from .templates import render

    # The handlers are built for every page, but only the instructor guide uses them: load the kit lazily.
    lessons = sorted(site.lessons.values(), key=lambda les: les.id)

    def lesson_plans(_) -> str:
        _guides, plans = load_kit(site.data, site.lessons)
        questions = {les.id: discussion_questions(les.path) for les in lessons}
        rows = {les.id: {length: with_starts(plans[les.id][f"plan_{length}"]) for length in (50, 90)
                         if plans.get(les.id, {}).get(f"plan_{length}")} for les in lessons}
        return render("lesson_plans.md.j2", lessons=lessons, plans=plans, questions=questions, rows=rows, link=link)

    def reading_guides(_) -> str:
        guides, _plans = load_kit(site.data, site.lessons)
        return render("reading_guides.md.j2", lessons=lessons, guides=guides, link=link)

    return {"lesson-plans": lesson_plans, "reading-guides": reading_guides}
