"""Checks on built lesson pages for issue 13's machinery (source boxes, try-it-first tasks, figures), as
functions, so the content tests and the fixture tests use the same definitions."""
from __future__ import annotations

from bs4 import BeautifulSoup

INTERPRETATION_ANCHOR = "the-argument"  # silverthread.placements.INTERPRETATION_SECTION, as a heading id


def _order(soup: BeautifulSoup) -> dict[int, int]:
    return {id(el): i for i, el in enumerate(soup.find_all(True))}


def source_boxes(soup: BeautifulSoup) -> list:
    return soup.select("figure.st-source")


def figures(soup: BeautifulSoup) -> list:
    return soup.select("figure.st-figure")


def tasks(soup: BeautifulSoup) -> list:
    return soup.select("div.st-task")


def task_problems(soup: BeautifulSoup) -> list[str]:
    """Problems with the tasks of one built lesson page: each task must stand before the interpretation
    heading, and be followed by its model answer in a closed <details>."""
    problems = []
    order = _order(soup)
    heading = soup.find(id=INTERPRETATION_ANCHOR)
    for task in tasks(soup):
        name = task.get("id", "task")
        if heading is None or order[id(task)] > order[id(heading)]:
            problems.append(f"{name} is not before #{INTERPRETATION_ANCHOR}")
        answer = task.select_one("details.answer")
        if answer is None:
            problems.append(f"{name} has no model answer in <details>")
        elif answer.has_attr("open"):
            problems.append(f"{name}: the model answer is open; it must be collapsed")
        prompt = task.select_one(".admonition.task")
        if prompt is None or (answer is not None and order[id(prompt)] > order[id(answer)]):
            problems.append(f"{name}: the task must come first, its answer right after it")
    return problems


def figure_problems(soup: BeautifulSoup) -> list[str]:
    """Each figure: an inline <svg role=img> whose aria-labelledby names its <title> and <desc>, a caption."""
    problems = []
    for fig in figures(soup):
        svg = fig.find("svg")
        name = fig.get("id", "figure")
        if svg is None or svg.get("role") != "img":
            problems.append(f"{name}: no inline <svg role=img>")
            continue
        ids = svg.get("aria-labelledby", "").split()
        named = [soup.find(id=i) for i in ids]
        if len(ids) != 2 or any(n is None or not n.get_text(strip=True) for n in named):
            problems.append(f"{name}: aria-labelledby must name a <title> and a <desc> with text")
        if not fig.select_one("figcaption") or not fig.select_one("figcaption").get_text(strip=True):
            problems.append(f"{name}: no caption")
    return problems


def lesson_content_problems(soup: BeautifulSoup, min_tasks: int = 2, min_figures: int = 1,
                            min_sources: int = 1) -> list[str]:
    """What issue 13 asks of every lesson page."""
    problems = task_problems(soup) + figure_problems(soup)
    if len(tasks(soup)) < min_tasks:
        problems.append(f"{len(tasks(soup))} try-it-first tasks; at least {min_tasks}")
    if len(figures(soup)) < min_figures:
        problems.append(f"{len(figures(soup))} figures; at least {min_figures}")
    if len(source_boxes(soup)) < min_sources:
        problems.append(f"{len(source_boxes(soup))} primary-source boxes; at least {min_sources}")
    return problems
