"""Moodle GIFT export of a quiz file. A small writer: GIFT is a short, documented text format, and no
maintained Python library writes it."""
from __future__ import annotations

import re

from .templates import render

_SPECIAL = re.compile(r"([~=#{}:\\])")


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters ~ = # { } : (and backslash) and fold white space."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


# Moodle accepts only these grade fractions (percentages), so the shares come from this table.
SHARE = {1: "100", 2: "50", 3: "33.33333", 4: "25", 5: "20", 6: "16.66667"}


def _weights(question: dict) -> list[str]:
    """Per-option prefix: '=' for single/true-false. Multiple response: the right options share +100 per cent
    and the wrong ones share -100 per cent, so the right set scores 100, each wrong tick costs its share,
    and ticking everything scores 0 (Moodle floors a question's mark at 0)."""
    options = question.get("options", [])
    if question["type"] != "multiple":
        return ["=" if o["correct"] else "~" for o in options]
    right = sum(o["correct"] for o in options)
    wrong = len(options) - right
    return [f"~%{SHARE[right]}%" if o["correct"] else f"~%-{SHARE[max(wrong, 1)]}%" for o in options]


def to_gift(quizzes: list[dict]) -> str:
    """One GIFT document for one or more quizzes, each in its own category."""
    weights = {q["id"]: _weights(q) for quiz in quizzes for q in quiz["questions"]}
    return render("quiz.gift.j2", quizzes=quizzes, weights=weights, esc=gift_escape)
