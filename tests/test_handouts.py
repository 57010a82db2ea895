"""Handouts: PDFs printed from the built site (same sources), with the right content for each audience."""
from __future__ import annotations

import re
from functools import cache

import pytest
from pypdf import PdfReader
from silverthread.handouts import CITATION, print_handouts
from silverthread.link_check import check_site

pytestmark = pytest.mark.browser
EXTRAS = ["module", "glossary", "bibliography", "timeline"]


@pytest.fixture(scope="module")
def pdfs(site_dir):
    return {p.stem: p for p in print_handouts(site_dir)}


@cache
def text_of(path) -> str:
    """Layout mode: pypdf's default mode drops the text of Chromium's link runs (the glossary terms)."""
    pages = PdfReader(path).pages
    return " ".join(" ".join((page.extract_text(extraction_mode="layout") or "") for page in pages).split())


def squash(text: str) -> str:
    """Compare PDF text ignoring spaces and hyphenation, which line breaking changes."""
    return re.sub(r"[\s\u00ad\-'’‘\"“”]+", "", text).lower()


def test_every_expected_pdf_is_produced_and_opens(pdfs, lessons):
    expected = {f"lesson-{les.id[1:]}-{role}" for les in lessons.values() for role in ("student", "instructor")}
    assert expected | set(EXTRAS) <= set(pdfs)
    for path in pdfs.values():
        assert len(PdfReader(path).pages) >= 1


def test_page_counts_are_sane(pdfs):
    for name, path in pdfs.items():
        pages = len(PdfReader(path).pages)
        assert 1 <= pages <= (120 if name == "module" else 40), f"{name}: {pages} pages"


def test_fonts_are_embedded(pdfs):
    for name, path in pdfs.items():
        for page in PdfReader(path).pages[:2]:
            fonts = (page.get("/Resources") or {}).get("/Font") or {}
            for font in fonts.values():
                font = font.get_object()
                descendants = font.get("/DescendantFonts")
                desc = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
                if desc is not None:
                    desc = desc.get_object()
                    assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), f"{name}: {font}"


def test_every_pdf_has_the_citation_header_and_page_numbers(pdfs):
    for name, path in pdfs.items():
        first = " ".join(PdfReader(path).pages[0].extract_text(extraction_mode="layout").split())
        assert squash(CITATION) in squash(first), name
        assert re.search(r"Page 1 of \d+", first), name


def test_student_handouts_have_objectives_terms_passages_and_questions(pdfs, lessons, quizzes):
    for lesson in lessons.values():
        text = squash(text_of(pdfs[f"lesson-{lesson.id[1:]}-student"]))
        for heading in ("Learning objectives", "Key terms", "Key passages", "Discussion questions",
                        "Quiz worksheet"):
            assert squash(heading) in text, f"{lesson.id}: {heading}"
        for objective in lesson.meta["objectives"]:
            assert squash(objective["text"][:50]) in text, objective["id"]
        for q in quizzes[lesson.id]["questions"]:
            assert squash(q["stem"][:50]) in text, q["id"]


def answer_only_texts(quiz):
    texts = [q["explanation"] for q in quiz["questions"]]
    texts += [o["feedback"] for q in quiz["questions"] for o in q.get("options", [])]
    texts += [q["feedback_correct"] for q in quiz["questions"] if "feedback_correct" in q]
    return [t for t in texts if len(t) > 25]


def test_no_student_handout_contains_answer_key_or_feedback_text(pdfs, lessons, quizzes):
    for lesson in lessons.values():
        text = squash(text_of(pdfs[f"lesson-{lesson.id[1:]}-student"]))
        assert squash("Answer key") not in text
        for answer in answer_only_texts(quizzes[lesson.id]):
            assert squash(answer[:60]) not in text, f"{lesson.id}: {answer[:60]}"


def test_every_instructor_handout_has_the_key_notes_and_timings(pdfs, lessons, quizzes):
    for lesson in lessons.values():
        text = squash(text_of(pdfs[f"lesson-{lesson.id[1:]}-instructor"]))
        for heading in ("Answer key", "Facilitation notes", "Timings"):
            assert squash(heading) in text, f"{lesson.id}: {heading}"
        for answer in answer_only_texts(quizzes[lesson.id]):
            assert squash(answer[:60]) in text, f"{lesson.id}: {answer[:60]}"


def test_module_pdf_has_every_lesson_and_no_answers(pdfs, lessons, quizzes):
    text = squash(text_of(pdfs["module"]))
    for lesson in lessons.values():
        assert squash(lesson.meta["title"]) in text
        for answer in answer_only_texts(quizzes[lesson.id])[:3]:
            assert squash(answer[:60]) not in text


def test_internal_links_in_pdfs_work(pdfs):
    reader = PdfReader(pdfs["lesson-1-student"])
    internal = 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and "/Dest" in annot:
                internal += 1
    named = reader.named_destinations
    assert internal > 0 or named, "the handout has no internal links (footnotes, citations)"


def test_handout_links_on_the_site_resolve_once_printed(pdfs, site_dir):
    problems = check_site(site_dir, base_path="/silverthread/")
    assert not problems, "\n".join(problems[:20])


def test_handout_pages_have_no_unique_id_clashes(site_dir):
    from bs4 import BeautifulSoup
    for page in (site_dir / "handouts").glob("*/index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        ids = [t["id"] for t in soup.select("article [id]")]
        dupes = {i for i in ids if ids.count(i) > 1}
        assert not dupes, f"{page.parent.name}: {sorted(dupes)[:5]}"
