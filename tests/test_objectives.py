"""Objectives are taught in a named section: each objective's taught_in is a heading id on its own lesson page
(checked by the build, with file and line), and the objectives matrix links the objective to that section."""
from __future__ import annotations

from sitebuild import build_fixture
from teaching_fixture import FIXTURE_LESSON, LESSON, line_of


def test_the_matrix_links_every_objective_to_the_section_that_teaches_it(lessons, html_pages):
    table = html_pages["instructors/objectives/index.html"].select_one("article table")
    header = [" ".join(th.get_text().split()) for th in table.select("thead th")]
    col = header.index("Taught in")
    rows = {" ".join(tr.select("td")[0].get_text().split()).split(" ")[0]: tr.select("td")[col]
            for tr in table.select("tbody tr")}
    for lesson in lessons.values():
        page = html_pages[lesson.src_uri.removesuffix(".md") + "/index.html"]
        for obj in lesson.meta["objectives"]:
            assert obj.get("taught_in"), f"{obj['id']} has no section that teaches it"
            link = rows[obj["id"]].select_one("a")
            slug = lesson.src_uri.removesuffix(".md").split("/")[-1]
            assert link and link["href"].endswith(f"{slug}/#{obj['taught_in']}"), (obj["id"], link)
            assert page.find(id=obj["taught_in"]) is not None, f"{obj['id']}: no #{obj['taught_in']} on the page"


def test_an_objective_without_taught_in_fails_the_schema(tmp_path):
    text = FIXTURE_LESSON.read_text(encoding="utf-8").replace(", taught_in: context}", "}")
    result = build_fixture(tmp_path, {LESSON: text})
    assert result.returncode != 0 and "taught_in" in result.output
    assert f"01-demo.md:{line_of(text, 'L1-O1')}" in result.output, result.output[-1500:]


def test_a_taught_in_that_is_not_a_heading_fails_with_file_and_line(tmp_path):
    text = FIXTURE_LESSON.read_text(encoding="utf-8").replace("taught_in: the-argument", "taught_in: the-argumnet")
    result = build_fixture(tmp_path, {LESSON: text})
    assert result.returncode != 0 and "the-argumnet" in result.output and "not a heading" in result.output
    assert f"01-demo.md:{line_of(text, 'the-argumnet')}" in result.output, result.output[-1500:]


def test_a_taught_in_naming_a_generated_section_fails(tmp_path):
    text = FIXTURE_LESSON.read_text(encoding="utf-8").replace("taught_in: the-argument", "taught_in: key-points")
    result = build_fixture(tmp_path, {LESSON: text})
    assert result.returncode != 0 and "generates" in result.output
    assert f"01-demo.md:{line_of(text, 'key-points')}" in result.output, result.output[-1500:]
