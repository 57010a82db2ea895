"""The printed kit (issue 14): two-page student worksheets that give no answers away, instructor cover sheets,
16:9 slide decks, role cards one delegation per page, the comparison grid, and accessible PDFs (tagged, with
title, language and bookmarks). Each check is a function proved able to fail on a fixture."""
from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
import yaml
from pdf_text import pdftotext, text_of
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject
from silverthread.data_files import load_yaml
from silverthread.errors import ContentError
from silverthread.glossary import load_terms
from silverthread.print_kit import (
    MAX_SHEET_ITEMS,
    SITE_URL,
    activity_tables,
    answer_grid,
    answer_leaks,
    load_kit,
    plain,
    sheet_quiz,
)
from sitebuild import ROOT

LESSON_IDS = [f"L{n}" for n in range(1, 7)]


@pytest.fixture(scope="module")
def terms():
    return load_terms(ROOT / "docs" / "glossary")


# ---- fast checks: the leak detector, the data files, the Activities tables ---------------------------------

def test_leak_detector_finds_the_two_leaks_the_review_reported(quizzes, terms):
    """L6's own key-term definition of New START answered its question 1; L4 printed the SORT/New START note
    above its SORT question. Both must be found; the questions' own text must not count."""
    new_start = terms["new-start"]
    assert any(leak.startswith("l6-01") for leak in answer_leaks(f"{new_start.label}: {new_start.definition}",
                                                                  quizzes["L6"], terms))
    notes = {n["id"]: n for n in load_yaml(ROOT / "data" / "editor_notes" / "L4.yml", "editor_notes")["notes"]}
    note = " ".join(str(v) for k, v in notes["sort-new-start"].items() if isinstance(v, str))
    assert any(leak.startswith("l4-07") for leak in answer_leaks(note, quizzes["L4"], terms))
    for lid in LESSON_IDS:
        own = " ".join(q["stem"] + " " + " ".join(o["text"] for o in q.get("options", []))
                       for q in quizzes[lid]["questions"])
        assert answer_leaks(own, quizzes[lid], terms) == [], lid


def test_leak_detector_finds_an_answer_stated_in_other_words(quizzes, terms):
    """'TPNW' in a sheet answers a question whose correct option spells out the treaty's name."""
    text = "Note how the TPNW grew from sixty-eight ratifications in September 2022."
    assert any(leak.startswith("l2-03") for leak in answer_leaks(text, quizzes["L2"], terms))


def test_the_kit_data_covers_every_lesson(lessons):
    guides, plans = load_kit(ROOT / "data", lessons)
    assert set(guides) == set(plans) == set(lessons)
    for lid, plan in plans.items():
        assert sum(step["minutes"] for step in plan["plan_50"]) == 50, lid
        assert len(plan["facts_to_state"]) == 3 and len(plan["first_questions"]) == 2, lid
        assert 3 <= len(guides[lid]["prompts"]) <= 4, lid


@pytest.mark.parametrize("change, message", [
    (lambda d: d["lessons"]["L1"]["plan_50"].__setitem__(0, {"minutes": 9, "activity": "Opening, longer"}),
     "adds up to"),
    (lambda d: d["lessons"]["L2"].__setitem__("first_questions", [1, 9]), "names question 9"),
    (lambda d: d["lessons"].pop("L3"), "L3 has no entry"),
    (lambda d: d["lessons"]["L4"]["facts_to_state"].pop(), "schema lesson_plans"),
    (lambda d: d["lessons"]["L2"].pop("worksheet_items"), "more than a two-page worksheet holds"),
    (lambda d: d["lessons"]["L3"]["facts_to_state"].__setitem__(1, "The NPT opened for signature in 1968."),
     "L3: fact 2 to state has no citation"),
    (lambda d: d["lessons"]["L2"]["worksheet_items"].__setitem__(0, "l2-99"), "l2-99, not in"),
    (lambda d: d["lessons"]["L1"].__setitem__("worksheet_items", [f"l1-0{n}" for n in range(1, 8)]),
     "schema lesson_plans"),
])
def test_bad_lesson_plans_fail_loudly(tmp_path, lessons, change, message):
    data = tmp_path / "data"
    (data / "schemas").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "quizzes", data / "quizzes")
    plans = yaml.safe_load((ROOT / "data" / "lesson_plans.yml").read_text(encoding="utf-8"))
    change(plans)
    (data / "lesson_plans.yml").write_text(yaml.safe_dump(plans, sort_keys=False), encoding="utf-8")
    with pytest.raises(ContentError, match=message):
        load_kit(data, lessons)


def test_role_cards_and_grid_come_from_the_activities_page():
    tables = activity_tables(ROOT / "docs" / "instructors" / "activities.md")
    sets = {(c["activity"], c["scenario"]): c for c in tables["cards"]}
    assert {s for _a, s in sets} >= {"2015", "2022", "caucuses", "Track Two"}, sorted(sets)
    for (_activity, scenario), cards in sets.items():
        assert cards["header"][0] in ("Delegation", "Caucus", "Role") and len(cards["rows"]) >= 3, scenario
    assert sets[("Track Two role-play", "Track Two")]["header"][0] == "Role"
    # no other table on the page (debate timings, rubrics, the grid) becomes a card
    names = {row[0] for c in tables["cards"] for row in c["rows"]}
    assert not names & {"Minutes", "8", "Criterion", "**Preparation**", "Question"}
    header, rows = tables["grid"]
    assert len(rows) >= 4 and header[0] == "Question"


def test_a_role_card_marker_without_its_table_fails_and_other_tables_are_ignored(tmp_path):
    page = tmp_path / "activities.md"
    page.write_text("# A\n\n## Sim\n\n**Role cards, 2015.**\n\nSome words first.\n\n"
                    "| Delegation | Record |\n|---|---|\n| X | y |\n| Z | w |\n", encoding="utf-8")
    with pytest.raises(ContentError, match="Role cards, 2015"):
        activity_tables(page)
    page.write_text("# A\n\n## Sim\n\n| Caucus | Record |\n|---|---|\n| X | y |\n| Z | w |\n", encoding="utf-8")
    assert activity_tables(page)["cards"] == []


def sheet_text(lesson, quiz: dict, guide: dict, terms) -> str:
    """Everything a student worksheet prints apart from the quiz: objectives, prompts, key terms, discussion."""
    from silverthread.instructor_data import discussion_questions
    parts = [o["text"] for o in lesson.meta["objectives"]] + list(guide["prompts"])
    parts += [plain(q) for q in discussion_questions(lesson.path)]
    return " ".join(parts)


def test_every_worksheet_holds_at_most_six_items_none_answered_by_the_sheet(lessons, quizzes, terms):
    """Fast version of the PDF check: the items a worksheet prints are not answered by its objectives, reading
    prompts or discussion questions; and it is able to fail (a sheet whose text also states the correct option of
    one of its own items)."""
    guides, plans = load_kit(ROOT / "data", lessons)
    for lid, lesson in lessons.items():
        sheet = sheet_quiz(quizzes[lid], plans[lid])
        assert 3 <= len(sheet["questions"]) <= MAX_SHEET_ITEMS, lid
        leaks = answer_leaks(sheet_text(lesson, sheet, guides[lid], terms), sheet, terms)
        assert leaks == [], f"{lid}: " + "; ".join(leaks)
    sheet = sheet_quiz(quizzes["L2"], plans["L2"])
    item = next(q for q in sheet["questions"] if q["type"] == "single")
    key = next(o["text"] for o in item["options"] if o["correct"])
    stem_tail = " ".join(item["stem"].split()[-10:])  # a few of the stem's words, as a sentence that gives it away
    leaky = sheet_text(lessons["L2"], sheet, guides["L2"], terms) + f" Remember, on {stem_tail} The answer: {key}."
    assert any(leak.startswith(item["id"]) for leak in answer_leaks(leaky, sheet, terms)), item["id"]


# ---- the PDFs --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pdfs(site_dir):
    from silverthread.handouts import print_handouts
    return {p.stem: p for p in print_handouts(site_dir)}


@cache
def reading_text_of(path) -> str:
    """The PDF's text in the order it was written (pdftotext -raw): Chromium writes in document order, so a
    quiz item's options set in two columns stay together and the leak check can cut the item's own text."""
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext not found: install Debian's poppler-utils (make system-deps)"
    out = subprocess.run([exe, "-enc", "UTF-8", "-raw", str(path), "-"], capture_output=True, check=True)
    return " ".join(out.stdout.decode("utf-8").split())


def squash(text: str) -> str:
    return re.sub(r"[\s\u00ad\-'’‘\"“”]+", "", text).lower()


def kit_names(lessons) -> set[str]:
    names = {f"lesson-{lid[1:]}-{role}" for lid in lessons for role in ("student", "instructor", "slides")}
    return names | {"role-cards", "comparison-grid"}


@pytest.mark.browser
def test_make_handouts_produces_the_whole_kit(pdfs, lessons):
    missing = kit_names(lessons) - set(pdfs)
    assert not missing, sorted(missing)
    assert "module" in pdfs, "the whole-module PDF with the full reading"


def worksheet_problems(path: Path) -> list[str]:
    """A student worksheet: at most two pages, page one objectives, prompts and key terms, the quiz from the foot
    of page one, page two the discussion questions; no bullet beside a box; no doubled label; the reading's address."""
    pages = len(PdfReader(path).pages)
    problems = [] if pages <= 2 else [f"{pages} pages"]
    one, two = squash(pdftotext(path, 1, 1)), squash(pdftotext(path, 2, 2)) if pages > 1 else ""
    for heading in ("Learning objectives", "as you read, note", "Key terms"):
        if squash(heading) not in one:
            problems.append(f"page 1 lacks '{heading}'")
    if squash("Discussion questions") not in two:
        problems.append("page 2 lacks 'Discussion questions'")
    if squash("Quiz worksheet") not in one + two:
        problems.append("no quiz")
    text = text_of(path)
    if re.search(r"[•◦▪]\s*☐", text):
        problems.append("a bullet beside a checkbox")
    doubled = re.search(r"\b([A-Z][\w-]+(?: [\w-]+)*) \(\1\b", text)
    if doubled:
        problems.append(f"doubled label: {doubled.group(0)}")
    if squash(f"{SITE_URL}handouts/module.pdf") not in squash(text):
        problems.append("no address of the whole-module PDF")
    return problems


@pytest.mark.browser
def test_student_worksheets_are_two_pages_in_the_right_order(pdfs, lessons):
    for lid, lesson in lessons.items():
        path = pdfs[f"lesson-{lid[1:]}-student"]
        assert worksheet_problems(path) == [], lid
        assert squash(SITE_URL + lesson.src_uri[:-3]) in squash(text_of(path)), f"{lid}: no address of the lesson"


@pytest.mark.browser
def test_the_worksheet_check_fails_on_a_long_handout(pdfs):
    """The instructor handout (many pages, no reading prompts) fails the worksheet check."""
    problems = worksheet_problems(pdfs["lesson-1-instructor"])
    assert any("pages" in p for p in problems)


@pytest.mark.browser
def test_worksheets_print_their_quiz_items_with_a_box_or_lines(site_dir, lessons, quizzes):
    from bs4 import BeautifulSoup
    _guides, plans = load_kit(ROOT / "data", lessons)
    for lid in lessons:
        soup = BeautifulSoup((site_dir / "handouts" / f"lesson-{lid[1:]}-student" / "index.html")
                             .read_text(encoding="utf-8"), "lxml")
        sheet = sheet_quiz(quizzes[lid], plans[lid])
        items = soup.select(".st-worksheet__q")
        assert len(items) == len(sheet["questions"]) <= MAX_SHEET_ITEMS, lid
        if len(sheet["questions"]) < len(quizzes[lid]["questions"]):
            assert "the full quiz" in soup.get_text(), f"{lid}: the sheet does not say the full quiz is on the web"
        for item, q in zip(items, sheet["questions"], strict=True):
            if q["type"] == "short":
                assert len(item.select(".st-lines span")) >= 2, f"{q['id']}: no ruled lines"
            else:
                assert len(item.select(".st-worksheet__box")) == len(q["options"]), q["id"]
        assert len(soup.select(".st-sheet__discussion .st-lines")) == len(soup.select(".st-sheet__discussion > li"))
        # glossary marks (dotted underline, hover definitions) are for the screen, not for paper
        assert not soup.select("article .st-term__link"), f"{lid}: glossary marks on the worksheet"


@pytest.mark.browser
def test_no_student_sheet_or_slide_states_an_answer_to_its_own_questions(pdfs, lessons, quizzes, terms):
    """The questions students answer on paper in class are the worksheet's items; neither the sheet nor the deck
    projected beside it may answer them. (The deck shows all the lesson's discussion questions, which may state
    facts that answer a web-quiz item left off the sheet for that reason: lesson_plans.yml's worksheet_items.)"""
    _guides, plans = load_kit(ROOT / "data", lessons)
    for lid in lessons:
        sheet = sheet_quiz(quizzes[lid], plans[lid])
        for kind in ("student", "slides"):
            leaks = answer_leaks(reading_text_of(pdfs[f"lesson-{lid[1:]}-{kind}"]), sheet, terms)
            assert leaks == [], f"{lid} {kind}: " + "; ".join(leaks)


@pytest.mark.browser
def test_the_leak_check_fails_on_a_sheet_with_a_definition_that_answers(pdfs, quizzes, terms):
    new_start = terms["new-start"]
    doctored = reading_text_of(pdfs["lesson-6-student"]) + f" {new_start.label} {new_start.definition}"
    assert answer_leaks(doctored, quizzes["L6"], terms)


def cover_problems(path: Path, quiz: dict, plan: dict, questions: list[str]) -> list[str]:
    """Page one of an instructor handout: the answer grid, the three facts, the two questions, the minute plan."""
    one = squash(pdftotext(path, 1, 1))
    problems = []
    grid = " · ".join(f"{n}-{a}" for n, a in answer_grid(quiz))
    if squash(grid) not in one:
        problems.append(f"answer grid {grid}")
    for fact in plan["facts_to_state"]:
        if squash(plain(fact)[:60]) not in one:
            problems.append(f"fact {fact[:40]}")
    for n in plan["first_questions"]:
        if squash(re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", questions[n - 1])[:50]) not in one:
            problems.append(f"question {n}")
    for step in plan["plan_50"]:
        if squash(step["activity"][:40]) not in one:
            problems.append(f"plan step {step['activity'][:30]}")
    return problems


@pytest.mark.browser
def test_instructor_handouts_open_with_a_one_page_cover_sheet(pdfs, lessons, quizzes):
    from silverthread.instructor_data import discussion_questions
    _guides, plans = load_kit(ROOT / "data", lessons)
    for lid, lesson in lessons.items():
        path = pdfs[f"lesson-{lid[1:]}-instructor"]
        questions = discussion_questions(lesson.path)
        assert cover_problems(path, sheet_quiz(quizzes[lid], plans[lid]), plans[lid], questions) == [], lid
        rest = squash(pdftotext(path, 2))
        for heading in ("Answer key", "Facilitation notes"):
            assert squash(heading) in rest, f"{lid}: {heading} after the cover"
    # able to fail: lesson 2's cover is not lesson 1's
    assert cover_problems(pdfs["lesson-2-instructor"], quizzes["L1"], plans["L1"],
                          discussion_questions(lessons["L1"].path))


@pytest.mark.browser
def test_slide_decks_are_short_16_9_and_end_with_the_exit_ticket(pdfs, lessons):
    """5-8 slides, each one 16:9 page; the exit ticket is the last slide (a references page may follow it)."""
    _guides, plans = load_kit(ROOT / "data", lessons)
    for lid, lesson in lessons.items():
        path = pdfs[f"lesson-{lid[1:]}-slides"]
        reader = PdfReader(path)
        assert 5 <= len(reader.pages) <= 8, f"{lid}: {len(reader.pages)} slides"
        for page in reader.pages:
            ratio = float(page.mediabox.width) / float(page.mediabox.height)
            assert abs(ratio - 16 / 9) < 0.01, f"{lid}: page ratio {ratio:.3f}"
        pages = len(reader.pages)
        last = squash(pdftotext(path, pages, pages))
        refs_only = squash("References") in last and squash("Exit ticket") not in last
        if last.startswith(squash("Silver Thread")) and refs_only:
            # the excerpt's and the figure's references follow the exit ticket on one last page, nothing else
            last = squash(pdftotext(path, pages - 1, pages - 1))
        assert squash("Exit ticket") in last
        for item in plans[lid]["exit_ticket"]:
            assert squash(item[:50]) in last, f"{lid}: exit ticket {item[:40]}"
        titles = [o["/Title"] for o in reader.outline if not isinstance(o, list)]
        # Chromium drops the space where a heading wraps ('review conferences' -> 'reviewconferences')
        assert any(squash(lesson.meta["title"]) in squash(t) for t in titles), f"{lid}: no bookmark for the title slide"


@pytest.mark.browser
def test_role_cards_one_delegation_per_page_and_the_grid(pdfs):
    tables = activity_tables(ROOT / "docs" / "instructors" / "activities.md")
    path = pdfs["role-cards"]
    pages = [squash(pdftotext(path, n, n)) for n in range(1, len(PdfReader(path).pages) + 1)]
    for cards in tables["cards"]:
        for row in cards["rows"]:
            heading = squash(re.sub(r"[*_]", "", f"{row[0]} ({cards['scenario']})"))
            where = [n for n, page in enumerate(pages, 1) if heading in page]
            assert len(where) == 1, f"{row[0]} ({cards['scenario']}) on pages {where}"
    headings = [squash(f"{row[0]} ({c['scenario']})") for c in tables["cards"] for row in c["rows"]]
    for n, page in enumerate(pages, 1):
        assert sum(h in page for h in headings) <= 1, f"page {n} holds more than one card"
    grid = squash(text_of(pdfs["comparison-grid"]))
    for row in tables["grid"][1]:
        assert squash(row[0]) in grid


# ---- accessibility of every PDF ---------------------------------------------------------------------------

def accessibility_problems(reader: PdfReader) -> list[str]:
    """Tagged (structure tree, marked content), language, a document title, bookmarks, embedded fonts."""
    root = reader.trailer["/Root"]
    problems = []
    tree = root.get("/StructTreeRoot")
    if tree is None or "/K" not in tree.get_object():
        problems.append("no structure tree")
    if not (root.get("/MarkInfo") or {}).get("/Marked"):
        problems.append("not marked as tagged")
    if not str(root.get("/Lang") or "").strip():
        problems.append("no /Lang")
    title = str((reader.metadata or {}).get("/Title") or "")
    xmp = reader.xmp_metadata
    if not title.strip() and not (xmp and xmp.dc_title):
        problems.append("no document title")
    if not reader.outline:
        problems.append("no bookmarks")
    for number, page in enumerate(reader.pages, 1):
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for font in fonts.values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            desc = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            if desc is not None and not any(k in desc.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(f"page {number}: font {font.get('/BaseFont')} not embedded")
    return problems


@pytest.mark.browser
def test_every_pdf_is_tagged_titled_in_english_with_bookmarks(pdfs):
    for name, path in pdfs.items():
        reader = PdfReader(path)
        assert accessibility_problems(reader) == [], name
        assert str(reader.trailer["/Root"]["/Lang"]).startswith("en"), name
        assert "Silver Thread" in str(reader.metadata["/Title"]), name


@pytest.mark.browser
def test_the_accessibility_check_fails_on_an_untagged_untitled_pdf(pdfs, tmp_path):
    writer = PdfWriter(clone_from=PdfReader(pdfs["lesson-1-student"]))
    for key in ("/StructTreeRoot", "/MarkInfo", "/Lang", "/Outlines"):
        writer._root_object.pop(NameObject(key), None)
    writer.add_metadata({"/Title": ""})
    broken = tmp_path / "broken.pdf"
    writer.write(broken)
    problems = accessibility_problems(PdfReader(broken))
    for expected in ("no structure tree", "not marked", "no /Lang", "no document title", "no bookmarks"):
        assert any(expected in p for p in problems), expected
