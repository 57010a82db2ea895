"""Try-it-first tasks: [[task:ID]] from data/tasks.yml, before the lesson's interpretation (## The argument),
each followed by its model answer in a closed <details>; student handouts never carry the model answer."""
from __future__ import annotations

from sitebuild import build_fixture, reader_text
from teaching_checks import lesson_content_problems, task_problems, tasks
from teaching_fixture import LESSON, full_changes, lesson_with, line_of, page, tasks_yaml

MARK = "MODEL-ANSWER-MARK"


def test_a_task_stands_before_the_argument_with_a_collapsed_answer_and_stays_off_student_handouts(tmp_path):
    result = build_fixture(tmp_path, full_changes())
    assert result.returncode == 0, result.output[-3000:]
    lesson = page(result.site, "lessons/01-demo/index.html")
    assert len(tasks(lesson)) == 1 and not task_problems(lesson)
    assert tasks(lesson)[0].select_one("details.answer") and MARK in tasks(lesson)[0].get_text()
    students = [p for p in (result.site / "handouts").rglob("index.html") if "-instructor" not in p.parent.name]
    assert len(students) >= 2
    for student in students:
        assert MARK not in reader_text(page(student.parent, "index.html")), f"{student}: a model answer leaked"
    module = reader_text(page(result.site, "handouts/module/index.html"))
    assert "Which words of the box" in module, "the task itself is on the whole-module handout"
    assert "<b>if</b>" in module, "the handout prints the source box the task works on"
    instructor = page(result.site, "handouts/lesson-1-instructor/index.html")
    assert MARK in reader_text(instructor), "the instructor handout shows the model answer"
    assert not instructor.select(".st-task details"), "open on the instructor handout (print)"


def test_the_checker_catches_an_open_answer_and_a_late_task(tmp_path):
    """The content test's own helper is proved able to fail."""
    from bs4 import BeautifulSoup
    html = ('<article><div class="st-task" id="task-a"><div class="admonition task"></div><details class="answer" open>'
            '</details></div><h2 id="the-argument">The argument</h2><div class="st-task" id="task-b"></div></article>')
    problems = task_problems(BeautifulSoup(html, "lxml"))
    assert any("task-a: the model answer is open" in p for p in problems)
    assert any("task-b is not before" in p for p in problems)
    assert any("task-b has no model answer" in p for p in problems)


def test_a_task_after_the_argument_fails_on_its_line(tmp_path):
    lesson = lesson_with(["[[source:demo-box]]", "[[figure:demo-fig]]"], ["[[task:demo-task]]"])
    result = build_fixture(tmp_path, full_changes(lesson=lesson))
    assert result.returncode != 0
    assert f"01-demo.md:{line_of(lesson, '[[task:demo-task]]')}" in result.output
    assert "before the lesson's own interpretation" in result.output


def test_a_task_its_lesson_does_not_show_fails_on_the_yaml_line(tmp_path):
    lesson = lesson_with(["[[source:demo-box]]", "[[figure:demo-fig]]"])
    result = build_fixture(tmp_path, full_changes(lesson=lesson))
    assert result.returncode != 0 and "tasks.yml:2" in result.output and "does not show it" in result.output


def test_a_task_placed_twice_fails(tmp_path):
    lesson = lesson_with(["[[source:demo-box]]", "[[task:demo-task]]", "[[figure:demo-fig]]", "[[task:demo-task]]"])
    result = build_fixture(tmp_path, full_changes(lesson=lesson))
    assert result.returncode != 0 and "placed twice" in result.output and "01-demo.md:" in result.output


def test_a_task_on_an_unknown_source_box_fails_on_the_yaml_line(tmp_path):
    text = tasks_yaml(source="nope")
    result = build_fixture(tmp_path, full_changes(**{"data/tasks.yml": text}))
    assert result.returncode != 0
    assert f"tasks.yml:{line_of(text, 'source: nope')}" in result.output and "unknown source box" in result.output


def test_a_task_without_a_model_answer_fails_the_schema(tmp_path):
    text = tasks_yaml().replace("model_answer:", "model_answr:")
    result = build_fixture(tmp_path, full_changes(**{"data/tasks.yml": text}))
    assert result.returncode != 0 and "tasks.yml:" in result.output and "model_answ" in result.output


def test_every_lesson_has_two_tasks_before_its_argument(lessons, html_pages):
    """Content (issue 13): EXPECTED TO FAIL until the lesson writers add the tasks."""
    bad = {}
    for lesson in lessons.values():
        soup = html_pages[lesson.src_uri.removesuffix(".md") + "/index.html"]
        problems = [p for p in lesson_content_problems(soup, min_tasks=2, min_figures=0, min_sources=0)]
        if problems:
            bad[lesson.id] = problems
    assert not bad, bad


def test_a_fixture_lesson_without_tasks_fails_the_content_check(tmp_path):
    """The content test above can fail: the plain fixture lesson has none."""
    result = build_fixture(tmp_path, {LESSON: lesson_with([])})
    assert result.returncode == 0, result.output[-2000:]
    problems = lesson_content_problems(page(result.site, "lessons/01-demo/index.html"))
    assert any("tasks" in p for p in problems) and any("figures" in p for p in problems)
    assert any("source boxes" in p for p in problems)
