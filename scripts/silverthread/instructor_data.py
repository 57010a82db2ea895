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


def load_activities(path: Path, lessons: dict) -> list[dict]:
    activities = load_yaml(path, "activities")["activities"]
    objectives = {oid for lesson in lessons.values() for oid in lesson.objective_ids}
    for act in activities:
        for oid in act["objectives"]:
            if oid not in objectives:
                raise ContentError(path, f"activity {act['id']}: unknown learning objective {oid}")
    return activities
