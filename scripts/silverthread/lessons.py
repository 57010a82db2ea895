"""Lessons: front matter (checked by data/schemas/lesson.schema.json) and the sections every lesson must have."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .data_files import _line_of, load_front_matter, split_front_matter
from .errors import ContentError
from .reading_time import WORDS_PER_MINUTE, minutes, page_words

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


GENERATED_ANCHORS = {"learning-objectives", "key-terms", "key-points", "further-reading", "check-your-understanding"}


def front_line(path: Path, keys: list) -> int | None:
    """Line (from the file's top) of a front-matter value."""
    node = yaml.compose(split_front_matter(path)[0])
    if node is None:
        return None
    return _line_of(node, keys) + 1


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
        for index, obj in enumerate(meta["objectives"]):
            if obj["taught_in"] in GENERATED_ANCHORS:
                raise ContentError(path, f"objective {obj['id']}: taught_in '{obj['taught_in']}' is a section the "
                                         "build generates; name the heading of the prose that teaches it",
                                   front_line(path, ["objectives", index, "taught_in"]))
        words = page_words(meta, body, lessons_dir.parent.parent / "data")
        computed = minutes(words)
        if "reading_minutes" in meta and meta["reading_minutes"] != computed:
            raise ContentError(path, f"reading_minutes: {meta['reading_minutes']}, but the page has {words} words, "
                                     f"{computed} min at {WORDS_PER_MINUTE} words a minute: delete the line (the "
                                     "build computes it) or correct it", front_line(path, ["reading_minutes"]))
        meta["reading_minutes"] = computed
        meta["reading_words"] = words
        if meta["lesson_id"] in lessons:
            raise ContentError(path, f"lesson id {meta['lesson_id']} is used twice")
        lessons[meta["lesson_id"]] = Lesson(meta, path, f"lessons/{path.name}")
    return lessons
