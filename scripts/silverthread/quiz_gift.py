"""Moodle GIFT export of a quiz file. A small writer: GIFT is a short, documented text format, and no
maintained Python library writes it."""
from __future__ import annotations

import re

from .templates import render

_SPECIAL = re.compile(r"([~=#{}:\\])")


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters ~ = # { } : (and backslash) and fold white space."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _weights(question: dict) -> list[str]:
    """Per-option prefix: '=' for single/true-false; Moodle percentages for multiple-select."""
    options = question.get("options", [])
    if question["type"] != "multiple":
        return ["=" if o["correct"] else "~" for o in options]
    right = sum(o["correct"] for o in options)
    share = {1: "100", 2: "50", 3: "33.33333", 4: "25", 5: "20", 6: "16.66667"}[right]
    return [f"~%{share}%" if o["correct"] else "~%-100%" for o in options]


def to_gift(quizzes: list[dict]) -> str:
    """One GIFT document for one or more quizzes, each in its own category."""
    weights = {q["id"]: _weights(q) for quiz in quizzes for q in quiz["questions"]}
    return render("quiz.gift.j2", quizzes=quizzes, weights=weights, esc=gift_escape)
