"""Where data-driven boxes are placed: every `[[name:ID]]` marker line in the lesson bodies, with its line, so
the build can say that a box listed for a lesson is missing from it (or shown where it is not listed)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .data_files import line_at, split_front_matter
from .errors import ContentError
from .markdown_utils import mask_code

# The lesson's own interpretation starts at this heading: try-it-first tasks must come before it.
INTERPRETATION_SECTION = "The argument"


@dataclass(frozen=True)
class Placement:
    lesson: str        # lesson id
    path: Path         # the lesson file
    line: int          # 1-based, counted from the file's top
    before_interpretation: bool


def placements(lessons: dict, name: str) -> dict[str, list[Placement]]:
    """Marker id -> where `[[name:id]]` stands in the lessons."""
    found: dict[str, list[Placement]] = {}
    pattern = re.compile(rf"^[ \t]*\[\[{re.escape(name)}:([A-Za-z0-9_-]+)\]\][ \t]*$", re.MULTILINE)
    for lesson in lessons.values():
        front, body = split_front_matter(lesson.path)
        offset = front.count("\n") + 2 if front else 0
        masked = mask_code(body)
        heading = re.search(rf"^## {re.escape(INTERPRETATION_SECTION)}[ \t]*$", masked, re.MULTILINE)
        limit = heading.start() if heading else len(masked)
        for m in pattern.finditer(masked):
            line = body.count("\n", 0, m.start()) + 1 + offset
            found.setdefault(m.group(1), []).append(Placement(lesson.id, lesson.path, line, m.start() < limit))
    return found


def check_listed(kind: str, name: str, items: dict[str, dict], lessons: dict, data_path: Path,
                 top_key: str, once: bool = False) -> dict[str, list[Placement]]:
    """Each item's `lessons` (or `lesson`) must show it, and no lesson shows an item not listed for it."""
    where = placements(lessons, name)
    for iid, places in where.items():
        if iid not in items:
            continue  # the marker itself fails with 'unknown id' and the page's line
        listed = items[iid]["_lessons"]
        for p in places:
            if p.lesson not in listed:
                raise ContentError(p.path, f"[[{name}:{iid}]]: {kind} '{iid}' is not listed for lesson {p.lesson} "
                                           f"(its lessons in {data_path.name}: {', '.join(listed) or 'none'})", p.line)
        if once:
            for lid in listed:
                mine = [p for p in places if p.lesson == lid]
                if len(mine) > 1:
                    raise ContentError(mine[1].path, f"[[{name}:{iid}]] is placed twice in lesson {lid}", mine[1].line)
    for index, (iid, item) in enumerate(items.items()):
        shown = {p.lesson for p in where.get(iid, [])}
        for lid in item["_lessons"]:
            if lid not in lessons:
                raise ContentError(data_path, f"{kind} '{iid}': no lesson {lid}", line_at(data_path, [top_key, index]))
            if lid not in shown:
                raise ContentError(data_path, f"{kind} '{iid}' is listed for lesson {lid}, but "
                                              f"{lessons[lid].path.name} does not show it: add the line "
                                              f"[[{name}:{iid}]] there", line_at(data_path, [top_key, index, "id"]))
    return where
