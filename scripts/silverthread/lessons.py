"""Lessons: front matter (checked by data/schemas/lesson.schema.json) and the sections every lesson must have."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .data_files import load_front_matter, split_front_matter
from .errors import ContentError

# The prose sections authors write, in this order; the build adds the rest from front matter and data.
REQUIRED_SECTIONS = ["Context", "The argument", "Key passages", "Discussion questions"]
# Every section of a built lesson page, in order (used by the tests on the HTML).
BUILT_SECTIONS = ["Learning objectives", *REQUIRED_SECTIONS, "Key terms", "Key points", "Further reading",
                  "Check your understanding"]


@dataclass
class Lesson:
    meta: dict
    path: Path
    src_uri: str

    @property
    def id(self) -> str:
        return self.meta["lesson_id"]

    @property
    def objective_ids(self) -> list[str]:
        return [o["id"] for o in self.meta["objectives"]]


def check_sections(path: Path, body: str, line_offset: int) -> None:
    """Fail unless the body has exactly the required H2 sections in order, and >= 3 discussion questions."""
    found = [(m.group(1).strip(), body.count("\n", 0, m.start()) + 1 + line_offset)
             for m in re.finditer(r"^## (.+)$", body, re.MULTILINE)]
    for m in re.finditer(r"^(## .*?)([ \t]+)$", body, re.MULTILINE):
        raise ContentError(path, f"heading '{m.group(1)}' ends with spaces: remove them (handouts and links find "
                                 "sections by their exact heading)", body.count("\n", 0, m.start()) + 1 + line_offset)
    names = [name for name, _ in found]
    for name in REQUIRED_SECTIONS:
        if name not in names:
            raise ContentError(path, f"missing section '## {name}' (lessons need: {', '.join(REQUIRED_SECTIONS)})")
    if names != REQUIRED_SECTIONS:
        raise ContentError(path, f"sections must be exactly {REQUIRED_SECTIONS} in this order, found {names}",
                           found[0][1] if found else None)
    questions_part = body.split("## Discussion questions", 1)[1]
    count = len(re.findall(r"^\d+\.\s", questions_part, re.MULTILINE))
    if count < 3:
        raise ContentError(path, f"'## Discussion questions' has {count} numbered questions; at least 3")


def load_lessons(lessons_dir: Path) -> dict[str, Lesson]:
    """Lesson id -> Lesson, for docs/lessons/NN-*.md."""
    lessons = {}
    for path in sorted(lessons_dir.glob("[0-9][0-9]-*.md")):
        meta = load_front_matter(path, "lesson")
        front, body = split_front_matter(path)
        check_sections(path, body, front.count("\n") + 2)
        ids = [o["id"] for o in meta["objectives"]]
        for oid in ids:
            if not oid.startswith(meta["lesson_id"] + "-"):
                raise ContentError(path, f"objective {oid} does not belong to lesson {meta['lesson_id']}")
        if len(set(ids)) != len(ids):
            raise ContentError(path, "objective ids repeat")
        if meta["lesson_id"] in lessons:
            raise ContentError(path, f"lesson id {meta['lesson_id']} is used twice")
        lessons[meta["lesson_id"]] = Lesson(meta, path, f"lessons/{path.name}")
    return lessons
