"""Figures: [[figure:ID]] inlines data/figures/<id>.svg in <figure> with <figcaption>; every SVG is checked
(accessible name and description, real text, no external references, theme colours) and a bad one fails the
build with the SVG's file and line."""
from __future__ import annotations

from pathlib import Path

import pytest
from silverthread.errors import ContentError
from silverthread.figures import check_svg
from sitebuild import ROOT, build_fixture
from teaching_checks import figure_problems, figures
from teaching_fixture import GOOD_SVG, full_changes, page


def test_a_figure_is_inline_svg_in_a_figure_with_caption(tmp_path):
    result = build_fixture(tmp_path, full_changes())
    assert result.returncode == 0, result.output[-3000:]
    soup = page(result.site, "lessons/01-demo/index.html")
    [fig] = figures(soup)
    assert fig.get("id") == "figure-demo-fig" and not figure_problems(soup)
    assert "United Nations 1968" in fig.select_one("figcaption").get_text()
    assert not fig.select(".st-term"), "no glossary links inside the drawing"


BAD = {
    "no role": (GOOD_SVG.replace(' role="img"', ""), 'role="img"'),
    "no desc": (GOOD_SVG.replace("<desc", "<metadata").replace("</desc>", "</metadata>"), "<desc>"),
    "not wired": (GOOD_SVG.replace('aria-labelledby="fig-demo-fig-title fig-demo-fig-desc"', ""), "aria-labelledby"),
    "hex colour": (GOOD_SVG.replace('<g fill="currentColor">', '<g fill="#333333">'), "currentColor"),
    "style colour": (GOOD_SVG.replace('<g fill="currentColor">', '<g style="fill: black">'), "currentColor"),
    "external link": (GOOD_SVG.replace('<rect x="10"', '<use href="https://example.org/x.svg#a"/><rect x="10"'),
                      "external reference"),
    "image": (GOOD_SVG.replace('<rect x="10"', '<image href="#x"/><rect x="10"'), "<image>"),
    "web font": (GOOD_SVG.replace("<g fill=", "<style>@import url(https://fonts.example/x.css);</style><g fill="),
                 "@import"),
    "text as paths": (GOOD_SVG.replace('<rect x="10"', '<g aria-label="Article I"><path d="M0 0"/></g><rect x="10"'),
                      "converted to paths"),
    "no text": ("\n".join(line for line in GOOD_SVG.splitlines() if "<text" not in line), "no <text>"),
    "foreign id": (GOOD_SVG.replace('<rect x="10" y="10"', '<rect id="box" x="10" y="10"'), "must start with"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_svg_is_rejected_with_its_line(case, tmp_path):
    svg, message = BAD[case]
    path = tmp_path / "demo-fig.svg"
    with pytest.raises(ContentError) as info:
        check_svg(svg, "demo-fig", path)
    assert message in str(info.value) and str(info.value).startswith(f"{path}:"), str(info.value)


def test_a_bad_svg_fails_the_build_naming_the_svg_file(tmp_path):
    result = build_fixture(tmp_path, full_changes(svg=BAD["hex colour"][0]))
    assert result.returncode != 0 and "demo-fig.svg:" in result.output and "currentColor" in result.output


def test_a_figure_without_its_drawing_fails_on_the_yaml_line(tmp_path):
    changes = full_changes()
    del changes["data/figures/demo-fig.svg"]
    result = build_fixture(tmp_path, changes)
    assert result.returncode != 0 and "figures.yml:2" in result.output and "no drawing" in result.output


@pytest.mark.parametrize("svg", sorted((ROOT / "data/figures").glob("*.svg")), ids=lambda p: p.name)
def test_every_project_figure_passes_the_checks(svg: Path):
    check_svg(svg.read_text(encoding="utf-8"), svg.stem, svg)


def test_every_lesson_shows_a_figure(lessons, html_pages):
    """Content (issue 13): EXPECTED TO FAIL until the lesson writers place figures."""
    missing = [les.id for les in lessons.values()
               if not figures(html_pages[les.src_uri.removesuffix(".md") + "/index.html"])]
    assert not missing, f"lessons without a figure: {missing}"
    for lesson in lessons.values():
        assert not figure_problems(html_pages[lesson.src_uri.removesuffix(".md") + "/index.html"]), lesson.id
