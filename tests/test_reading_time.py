"""Reading times are computed from the lessons' words (silverthread.reading_time), never typed: the overview
tables show the computed value, and a typed reading_minutes that disagrees fails the build with file and line."""
from __future__ import annotations

from silverthread.reading_time import WORDS_PER_MINUTE, minutes, prose_words
from sitebuild import build_fixture
from teaching_fixture import FIXTURE_LESSON, LESSON, line_of, page


def overview_rows(soup) -> dict[str, tuple[int, int]]:
    table = next(t for t in soup.select("article table") if "Teaching" in t.get_text())
    rows = [[" ".join(td.get_text().split()) for td in tr.select("td")] for tr in table.select("tbody tr")]
    return {row[0]: (int(row[-2]), int(row[-1])) for row in rows}


def test_reading_minutes_are_words_at_the_stated_rate():
    assert WORDS_PER_MINUTE == 200
    assert minutes(1) == 1 and minutes(200) == 1 and minutes(201) == 2 and minutes(1999) == 10
    assert prose_words("A [link](https://x.org/long/path) and a citation [@npt1968, art. X.1] here.") == 6
    assert prose_words('!!! quote "Two words"\n    Three more words.') == 5


def test_every_overview_table_shows_the_computed_reading_times(lessons, html_pages):
    """Home page ([[lesson-table]]) and, once it uses the marker, the module overview (lessons/index.md)."""
    for rel in ("index.html", "lessons/index.html"):
        rows = overview_rows(html_pages[rel])
        for lesson in lessons.values():
            title = next(t for t in rows if t.endswith(lesson.meta["title"]))
            want = (lesson.meta["reading_minutes"], lesson.meta["teaching_minutes"])
            assert rows.pop(title) == want, (rel, lesson.id)
        total = (sum(les.meta["reading_minutes"] for les in lessons.values()),
                 sum(les.meta["teaching_minutes"] for les in lessons.values()))
        assert rows == {"Total": total}, rel


def test_the_fixture_table_shows_the_computed_minutes(tmp_path):
    result = build_fixture(tmp_path, {"docs/index.md": "# Home\n\n[[lesson-table]]\n"})
    assert result.returncode == 0, result.output[-2000:]
    rows = overview_rows(page(result.site, "index.html"))
    assert rows["1. A demonstration lesson"] == (1, 30) and rows["Total"] == (1, 30)
    lesson = page(result.site, "lessons/01-demo/index.html")
    assert "Reading: 1 min" in " ".join(lesson.get_text().split())


def test_a_typed_reading_time_that_disagrees_fails_with_file_and_line(tmp_path):
    text = FIXTURE_LESSON.read_text(encoding="utf-8").replace("teaching_minutes: 30",
                                                              "reading_minutes: 12\nteaching_minutes: 30")
    result = build_fixture(tmp_path, {LESSON: text})
    assert result.returncode != 0 and "words a minute" in result.output
    assert f"01-demo.md:{line_of(text, 'reading_minutes: 12')}" in result.output, result.output[-1500:]


def test_a_typed_reading_time_that_agrees_builds(tmp_path):
    text = FIXTURE_LESSON.read_text(encoding="utf-8").replace("teaching_minutes: 30",
                                                              "reading_minutes: 1\nteaching_minutes: 30")
    result = build_fixture(tmp_path, {LESSON: text})
    assert result.returncode == 0, result.output[-2000:]
