"""Deterministic option order for every quiz question: one shuffle, seeded by the question id alone, so the
web quiz, the printed worksheet, the answer key and the GIFT and QTI exports all show the same order, and
editing (or adding) another question never reorders this one. True/false stays True, False."""
from __future__ import annotations

import hashlib
import random

SALT = "silverthread-options-v1"


def option_order(qid: str, n: int) -> list[int]:
    """Indices of the authored options in display order, for a choice question with n options."""
    seed = int.from_bytes(hashlib.sha256(f"{SALT}:{qid}".encode()).digest()[:8], "big")
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return order


def display_options(question: dict) -> list[dict]:
    """The question's options in the order every output shows them."""
    options = list(question.get("options", []))
    if question["type"] == "truefalse":
        return sorted(options, key=lambda o: o["text"] != "True")  # True, then False
    if question["type"] not in ("single", "multiple"):
        return options
    return [options[i] for i in option_order(question["id"], len(options))]


def shuffle_bank(quiz: dict) -> None:
    """Put every question's options into display order, in place (once, at load time)."""
    for q in quiz["questions"]:
        if "options" in q:
            q["options"] = display_options(q)
