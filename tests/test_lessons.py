"""Lessons: valid front matter, every section, verbatim quotations within budget, editor's notes for every
row of the fact-check table, resolvable terms and readings, and a cited, linked timeline."""
from __future__ import annotations

import re

import yaml
from silverthread import article_fingerprint
from silverthread.data_files import load_yaml
from silverthread.editor_notes import load_notes
from silverthread.lessons import BUILT_SECTIONS
from silverthread.quotes import find_quotes, mismatch, normalise, word_count
from sitebuild import ROOT, build_fixture, reader_text

LESSONS = ROOT / "docs" / "lessons"
FIXTURE_LESSON = ROOT / "tests/fixtures/minimal/docs/lessons/01-demo.md"


def quote_sources():
    """Every file that may quote the article."""
    files = sorted((ROOT / "docs").rglob("*.md"))
    return files


def all_quotes():
    quotes = [q for path in quote_sources() for q in find_quotes(path)]
    for note in load_notes(ROOT / "data" / "editor_notes").values():
        if note.get("article_quote"):
            quotes.append(type(quotes[0])(note["_path"], 0, note["article_quote"]))
    return quotes


def test_there_are_six_lessons_with_valid_front_matter(lessons):
    assert sorted(lessons) == ["L1", "L2", "L3", "L4", "L5", "L6"]


def test_every_lesson_page_has_all_sections_in_order(lessons, html_pages):
    for lesson in lessons.values():
        page = html_pages[lesson.src_uri.removesuffix(".md") + "/index.html"]
        headings = [" ".join(h.get_text().replace("¶", "").split()) for h in page.select("article h2")]
        wanted = [h for h in headings if h in BUILT_SECTIONS]
        assert wanted == BUILT_SECTIONS, f"{lesson.src_uri}: {headings}"


def test_every_lesson_shows_its_objectives_and_key_points(lessons, html_pages):
    for lesson in lessons.values():
        text = reader_text(html_pages[lesson.src_uri.removesuffix(".md") + "/index.html"])
        for objective in lesson.meta["objectives"]:
            assert objective["id"] in text and objective["text"][:40] in text
        for point in lesson.meta["key_points"]:
            assert point[:40] in text


def test_every_lesson_has_a_discussion_question_on_perspective_or_evidence(lessons):
    for lesson in lessons.values():
        part = lesson.path.read_text(encoding="utf-8").split("## Discussion questions", 1)[1]
        assert re.search(r"perspective|evidence|vantage|position|viewpoint|bias|sources?\b|accounts?\b|relies on",
                         part, re.IGNORECASE), lesson.id


def test_every_quotation_matches_the_article_fingerprint():
    """Runs from the committed fingerprint, so it needs no copy of the article."""
    fingerprint = article_fingerprint.load()
    bad = [f"{q.path}:{q.line}: '{part}'" for q in all_quotes() for part in [fingerprint.missing(q.text)] if part]
    assert not bad, "not verbatim in the article (by its fingerprint):\n" + "\n".join(bad)


def test_every_quotation_matches_the_full_article_verbatim_and_in_order(article_text):
    bad = [f"{q.path}:{q.line}: '{part}'" for q in all_quotes() for part in [mismatch(q.text, article_text)] if part]
    assert not bad, "not verbatim in the article:\n" + "\n".join(bad)


def test_the_committed_fingerprint_is_current(article_text):
    committed = article_fingerprint.load().data
    assert article_fingerprint.make(article_text, committed["salt"]) == committed, (
        "data/article_fingerprint.json is not the fingerprint of this article: run `make fingerprint`")


def test_quotations_stay_under_ten_percent_of_the_article():
    """Distinct passages (a passage quoted twice is reproduced once), against the body without references."""
    body_words = article_fingerprint.load().body_words
    used = word_count(sorted({normalise(q.text) for q in all_quotes()}))
    assert used < 0.10 * body_words, f"{used} quoted words of {body_words}"


def test_the_fingerprint_tells_a_quote_from_a_misquote():
    fingerprint = article_fingerprint.load()
    assert fingerprint.missing("Not all countries are ready … like the DPRK.") is None
    assert fingerprint.missing("Not all countries are ready to live like Iran.")       # a word changed
    assert fingerprint.missing("Not all countries are ready … like DPRK.")             # a word left out
    assert fingerprint.missing("Not all the countries are ready … like the DPRK.")     # a word added
    assert fingerprint.missing("Not all countries are ready … like the DPRK .") is None  # space: only in full check
    assert fingerprint.missing("like Iran")                                            # common words, wrong pair
    assert "too short" in fingerprint.missing("Not … DPRK")


def test_a_misquote_is_detected_by_the_full_comparison(article_text):
    assert mismatch("Not all countries are ready to live like Iran.", article_text)
    assert mismatch("Not all countries are ready … like the DPRK.", article_text) is None
    assert mismatch("like the DPRK … Not all countries are ready", article_text), "parts out of order"


def test_every_lesson_has_quotations_only_in_the_allowed_forms():
    for path in LESSONS.glob("[0-9]*.md"):
        text = path.read_text(encoding="utf-8")
        assert not any(line.startswith("> ") for line in text.splitlines()), f"{path.name}: use !!! quote, not >"


def fact_check_rows() -> list[str]:
    return load_yaml(ROOT / "data" / "fact_check_rows.yml", "fact_check_rows")["rows"]


def test_every_row_of_the_fact_check_table_has_an_editors_note_placed_once():
    notes = load_notes(ROOT / "data" / "editor_notes")
    by_row = {n["facts_row"]: n for n in notes.values()}
    placed = {}
    for path in (ROOT / "docs").rglob("*.md"):
        for nid in re.findall(r"^\[\[editor-note:([a-z0-9-]+)\]\]$", path.read_text(encoding="utf-8"), re.MULTILINE):
            placed.setdefault(nid, []).append(path)
    rows = fact_check_rows()
    assert len(rows) >= 10
    for row in rows:
        assert row in by_row, f"no editor's note answers the fact-check row: {row}"
        assert len(placed.get(by_row[row]["id"], [])) == 1, f"note {by_row[row]['id']} must be placed exactly once"
    assert set(by_row) <= set(rows), f"notes name rows that are not in the table: {set(by_row) - set(rows)}"


def test_the_projects_list_of_fact_check_rows_is_current(facts_md):
    section = load_yaml(ROOT / "data" / "fact_check_rows.yml", "fact_check_rows")["section"]
    table = facts_md.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| article says")]
    assert [row.split(" | ")[0][2:].strip() for row in rows] == fact_check_rows(), (
        "data/fact_check_rows.yml differs from facts.md: copy the first cells of its rows")


def test_editors_notes_appear_in_the_built_pages(html_pages):
    notes = load_notes(ROOT / "data" / "editor_notes")
    text = " ".join(reader_text(p) for p in html_pages.values())
    for note in notes.values():
        assert f"Editor's note: {note['title']}" in text, note["id"]


def test_overview_times_match_the_lessons(lessons, html_pages):
    """The overview's table is written by hand: each lesson's reading and teaching minutes must be its front
    matter's, and the total row their sums."""
    table = next(t for t in html_pages["lessons/index.html"].select("article table") if "Teaching" in t.get_text())
    rows = [[" ".join(td.get_text().split()) for td in tr.select("td")] for tr in table.select("tbody tr")]
    times = {row[0]: (int(row[-2]), int(row[-1])) for row in rows}
    for lesson in lessons.values():
        title = next(t for t in times if t.endswith(lesson.meta["title"]))
        want = (lesson.meta["reading_minutes"], lesson.meta["teaching_minutes"])
        got = times.pop(title)
        assert got == want, f"{lesson.id}: the overview says {got}, the lesson's front matter {want}"
    total = (sum(les.meta["reading_minutes"] for les in lessons.values()),
             sum(les.meta["teaching_minutes"] for les in lessons.values()))
    assert times == {"Total": total}, f"the total row: {times}, the lessons add up to {total}"


def test_update_lesson_says_up_to_when_it_is_current(html_pages):
    text = reader_text(html_pages["lessons/06-since-publication/index.html"])
    assert re.search(r"current to (January|February|March|April|May|June|July|August|September|October|November|"
                     r"December) 20\d\d", text)
    assert "Not the article's content" in text


def test_the_timeline_is_in_date_order_and_shows_every_event(html_pages):
    """The build checks each event's date, citation and lesson link (and the link checker its anchor); the
    order and completeness of the rendered list are checked here."""
    events = load_yaml(ROOT / "data" / "timeline.yml", "timeline")["events"]
    dates = [e["date"] for e in events]
    assert dates == sorted(dates), "timeline is not in date order"
    shown = html_pages["lessons/timeline/index.html"].select(".st-timeline li time")
    assert [t["datetime"] for t in shown] == dates

def test_a_lesson_missing_a_section_fails_the_build(tmp_path):
    text = FIXTURE_LESSON.read_text(encoding="utf-8").replace("## Context", "## Background")
    result = build_fixture(tmp_path, {"docs/lessons/01-demo.md": text})
    assert result.returncode != 0 and "01-demo.md" in result.output and "Context" in result.output


def test_a_lesson_with_bad_front_matter_fails_with_file_and_line(tmp_path):
    text = re.sub(r"^teaching_minutes: \d+$", "teaching_minutes: ten", FIXTURE_LESSON.read_text(encoding="utf-8"),
                  flags=re.MULTILINE)
    line = text.splitlines().index("teaching_minutes: ten") + 1
    result = build_fixture(tmp_path, {"docs/lessons/01-demo.md": text})
    assert result.returncode != 0 and f"01-demo.md:{line}" in result.output and "teaching_minutes" in result.output


def test_a_misquote_in_a_fixture_is_caught(tmp_path):
    fingerprint = article_fingerprint.load()
    assert [q for q in find_quotes(FIXTURE_LESSON) if q.text] and not [
        q for q in find_quotes(FIXTURE_LESSON) if fingerprint.missing(q.text)]
    text = FIXTURE_LESSON.read_text(encoding="utf-8").replace("like the DPRK.", "like Iran.")
    path = tmp_path / "01-demo.md"
    path.write_text(text, encoding="utf-8")
    assert [q for q in find_quotes(path) if fingerprint.missing(q.text)]


def test_an_unknown_editors_note_fails_the_build(tmp_path):
    text = FIXTURE_LESSON.read_text(encoding="utf-8").replace("[[editor-note:demo-note]]", "[[editor-note:nope]]")
    result = build_fixture(tmp_path, {"docs/lessons/01-demo.md": text})
    assert result.returncode != 0 and "01-demo.md" in result.output and "nope" in result.output


def test_an_unknown_marker_fails_the_build(tmp_path):
    result = build_fixture(tmp_path, {"docs/marker.md": "# M\n\n[[qiuz:L1]]\n"})
    assert result.returncode != 0 and "marker.md:3" in result.output and "qiuz" in result.output  # line 3 of 3


def test_front_matter_schema_rejects_an_unknown_bloom_level():
    meta = yaml.safe_load(FIXTURE_LESSON.read_text(encoding="utf-8").split("---")[1])
    meta["objectives"][0]["bloom"] = "memorise"
    from silverthread.data_files import _validator
    assert list(_validator("lesson").iter_errors(meta))


def test_a_heading_with_trailing_spaces_fails_with_file_and_line(tmp_path):
    """Handouts cut lessons into sections by heading: '## Key passages  ' used to drop that section silently."""
    text = FIXTURE_LESSON.read_text(encoding="utf-8").replace("## Key passages\n", "## Key passages  \n")
    line = text.splitlines().index("## Key passages  ") + 1
    result = build_fixture(tmp_path, {"docs/lessons/01-demo.md": text})
    assert result.returncode != 0 and f"01-demo.md:{line}" in result.output and "ends with spaces" in result.output


def timeline_yaml(dates: list[str]) -> str:
    events = [{"date": d, "title": f"Event {i}", "description": "Something happened that day.", "cite": "npt1968",
               "lesson": "lessons/01-demo.md"} for i, d in enumerate(dates)]
    return yaml.safe_dump({"events": events}, sort_keys=False)


def test_an_impossible_timeline_date_fails_with_file_and_line(tmp_path):
    dates = [f"20{10 + i}-01-01" for i in range(10)]
    dates[4] = "2014-13-01"  # month 13: passes the schema's pattern, and used to end in a bare IndexError
    text = timeline_yaml(dates)
    line = text.splitlines().index("- date: '2014-13-01'") + 1
    result = build_fixture(tmp_path, {"data/timeline.yml": text})
    assert result.returncode != 0 and "IndexError" not in result.output
    assert f"timeline.yml:{line}" in result.output and "impossible date" in result.output


def test_a_valid_fixture_timeline_builds(tmp_path):
    """The counterpart of the test above: the same file with real dates builds, so the failure is the date."""
    result = build_fixture(tmp_path, {"data/timeline.yml": timeline_yaml([f"20{10 + i}-02-28" for i in range(10)])})
    assert result.returncode == 0, result.output[-2000:]


FIXTURE_NOTES = ROOT / "tests/fixtures/minimal/data/editor_notes/L1.yml"


def test_an_unknown_citation_key_in_an_editors_note_names_the_yaml_file_and_line(tmp_path):
    text = FIXTURE_NOTES.read_text(encoding="utf-8").replace("[@npt1968]", "[@nosuchkey]")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "@nosuchkey" in row)
    result = build_fixture(tmp_path, {"data/editor_notes/L1.yml": text})
    assert result.returncode != 0 and f"editor_notes/L1.yml:{line}" in result.output and "nosuchkey" in result.output
    assert "01-demo.md" not in result.output, "the error names the page that shows the note, not the file to fix"


def test_an_unknown_field_in_an_editors_note_names_the_yaml_file_and_its_line(tmp_path):
    text = FIXTURE_NOTES.read_text(encoding="utf-8").replace("    title:", "    titel: typo\n    title:")
    line = text.splitlines().index("    titel: typo") + 1
    result = build_fixture(tmp_path, {"data/editor_notes/L1.yml": text})
    assert result.returncode != 0 and f"editor_notes/L1.yml:{line}" in result.output and "titel" in result.output
