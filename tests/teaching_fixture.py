"""Fixture data for the issue 13 tests: a source box, a task and a figure placed in the minimal fixture
lesson, and helpers to break each on purpose."""
from __future__ import annotations

from pathlib import Path

import yaml
from sitebuild import ROOT

FIXTURE_LESSON = ROOT / "tests/fixtures/minimal/docs/lessons/01-demo.md"
LESSON = "docs/lessons/01-demo.md"

SOURCE_TEXT = ("Each Party shall in exercising its national sovereignty have the right to withdraw from the Treaty "
               "<b>if</b> it decides that extraordinary events have jeopardized the supreme interests of its country.")

GOOD_SVG = (ROOT / "data/figures/npt-bargain.svg").read_text(encoding="utf-8").replace("npt-bargain", "demo-fig")


def sources_yaml(**changes) -> str:
    box = {"id": "demo-box", "source": "npt1968", "locator": "art. X.1", "text": SOURCE_TEXT, "lessons": ["L1"]}
    box.update(changes)
    return yaml.safe_dump({"sources": [box]}, sort_keys=False, allow_unicode=True)


def tasks_yaml(**changes) -> str:
    task = {"id": "demo-task", "lesson": "L1", "title": "read the clause",
            "prompt": "Which words of the box give the state itself the judgement? *Underline* them.",
            "source": "demo-box",
            "model_answer": "MODEL-ANSWER-MARK: 'if it decides' leaves the judgement to the withdrawing state."}
    task.update(changes)
    return yaml.safe_dump({"tasks": [task]}, sort_keys=False, allow_unicode=True)


def figures_yaml(**changes) -> str:
    fig = {"id": "demo-fig", "caption": "**The bargain.** Who owes what [@npt1968, arts. I-VI].", "lessons": ["L1"]}
    fig.update(changes)
    return yaml.safe_dump({"figures": [fig]}, sort_keys=False, allow_unicode=True)


def lesson_with(context_lines: list[str], argument_lines: list[str] = ()) -> str:
    """The fixture lesson with marker lines added at the end of Context (and of The argument)."""
    text = FIXTURE_LESSON.read_text(encoding="utf-8")
    text = text.replace("\n## The argument\n", "\n" + "".join(f"{m}\n\n" for m in context_lines) + "## The argument\n")
    text = text.replace("\n## Key passages\n", "\n" + "".join(f"{m}\n\n" for m in argument_lines) + "## Key passages\n")
    return text


def full_changes(lesson: str | None = None, svg: str = GOOD_SVG, **files) -> dict[str, str | None]:
    """A fixture project with one box, one task and one figure, all placed before The argument."""
    changes = {"data/primary_sources.yml": sources_yaml(), "data/tasks.yml": tasks_yaml(),
               "data/figures.yml": figures_yaml(), "data/figures/demo-fig.svg": svg,
               LESSON: lesson or lesson_with(["[[source:demo-box]]", "[[task:demo-task]]", "[[figure:demo-fig]]"])}
    changes.update(files)
    return changes


def line_of(text: str, needle: str) -> int:
    return next(i for i, row in enumerate(text.splitlines(), 1) if needle in row)


def page(site: Path, rel: str):
    from bs4 import BeautifulSoup
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "lxml")
