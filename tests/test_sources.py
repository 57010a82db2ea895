"""Primary-source boxes: data/primary_sources.yml, shown by [[source:ID]]; each rule fails the build with file
and line on a fixture, and a good box renders as a quotation figure with its citation and locator."""
from __future__ import annotations

import pytest
from silverthread.primary_sources import MAX_WORDS, load_sources, words
from sitebuild import ROOT, build_fixture
from teaching_checks import source_boxes
from teaching_fixture import LESSON, full_changes, lesson_with, line_of, page, sources_yaml


def test_a_source_box_renders_with_citation_locator_and_escaped_text(tmp_path):
    result = build_fixture(tmp_path, full_changes())
    assert result.returncode == 0, result.output[-3000:]
    soup = page(result.site, "lessons/01-demo/index.html")
    [box] = source_boxes(soup)
    assert box.get("id") == "source-demo-box"
    quote = box.select_one("blockquote")
    assert "<b>if</b>" in quote.get_text(), "the excerpt is plain text: markup shows as typed"
    assert quote.find("b") is None
    caption = " ".join(box.select_one("figcaption").get_text().split())
    assert "art. X.1" in caption and "United Nations 1968" in caption, caption
    assert box.select_one("figcaption a[href*='ref-npt1968']"), "the citation links to the page's reference list"


@pytest.mark.parametrize("change, needle, message", [
    ({"source": "nosuchkey"}, "source: nosuchkey", "unknown bibliography key 'nosuchkey'"),
    ({"text": "word " * (MAX_WORDS + 1)}, "text:", f"at most {MAX_WORDS}"),
    ({"lessons": ["L1", "L2"]}, "lessons:", "no lesson L2"),
    ({"locator": ""}, "locator:", "locator"),
])
def test_a_bad_source_box_fails_with_the_yaml_file_and_line(tmp_path, change, needle, message):
    text = sources_yaml(**change)
    result = build_fixture(tmp_path, full_changes(**{"data/primary_sources.yml": text}))
    assert result.returncode != 0
    line = line_of(text, needle.split()[0]) if change.get("lessons") is None else 3
    assert "primary_sources.yml:" in result.output and message in result.output, result.output[-1500:]
    if "lessons" not in change:
        assert f"primary_sources.yml:{line}" in result.output, result.output[-1500:]


def test_a_box_listed_for_a_lesson_that_does_not_show_it_fails(tmp_path):
    lesson = lesson_with(["[[task:demo-task]]", "[[figure:demo-fig]]"])  # no [[source:demo-box]]
    result = build_fixture(tmp_path, full_changes(lesson=lesson))
    assert result.returncode != 0
    assert "primary_sources.yml:2" in result.output and "does not show it" in result.output, result.output[-1500:]


def test_a_box_shown_where_it_is_not_listed_fails_on_the_page_line(tmp_path):
    changes = full_changes(**{"data/primary_sources.yml": sources_yaml(lessons=[]),
                              "data/tasks.yml": "tasks: []\n"})
    lesson = changes[LESSON].replace("[[task:demo-task]]\n\n", "")
    changes[LESSON] = lesson
    result = build_fixture(tmp_path, changes)
    assert result.returncode != 0
    assert f"01-demo.md:{line_of(lesson, '[[source:demo-box]]')}" in result.output and "not listed" in result.output


def test_an_unknown_source_box_fails_on_the_page_line(tmp_path):
    lesson = lesson_with(["[[source:demo-box]]", "[[task:demo-task]]", "[[figure:demo-fig]]", "[[source:nope]]"])
    result = build_fixture(tmp_path, full_changes(lesson=lesson))
    assert result.returncode != 0
    assert f"01-demo.md:{line_of(lesson, '[[source:nope]]')}" in result.output and "nope" in result.output


def test_the_word_count_counts_words():
    assert words("Each Party shall, in exercising its sovereignty … withdraw.") == 8
    assert words("non-nuclear-weapon State's 1 January 1967") == 5


def test_the_projects_source_boxes_load():
    """Keys, lengths and ids of the real file (the build checks placement)."""
    from silverthread import bibliography
    keys = set(bibliography.load(ROOT / "bibliography/references.bib"))
    boxes = load_sources(ROOT / "data/primary_sources.yml", keys)
    assert boxes and all(words(b["text"]) <= MAX_WORDS for b in boxes.values())


def test_every_source_box_is_shown_on_a_lesson():
    """Content: the seed boxes are waiting for the lesson writers to place them (expected to fail until then)."""
    from silverthread import bibliography
    keys = set(bibliography.load(ROOT / "bibliography/references.bib"))
    boxes = load_sources(ROOT / "data/primary_sources.yml", keys)
    unplaced = [b for b in boxes if not boxes[b]["lessons"]]
    assert not unplaced, f"source boxes not shown on any lesson yet: {unplaced}"


def test_every_lesson_shows_a_source_box(lessons, html_pages):
    """Content (issue 13): EXPECTED TO FAIL until the lesson writers place source boxes."""
    missing = [les.id for les in lessons.values()
               if not source_boxes(html_pages[les.src_uri.removesuffix(".md") + "/index.html"])]
    assert not missing, f"lessons without a primary-source box: {missing}"
