"""Handouts: PDFs printed from the built site (same sources), with the right content for each audience."""
from __future__ import annotations

import re
from functools import cache

import pytest
from pdf_text import pdftotext, text_of
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject
from silverthread.handouts import CITATION, print_handouts
from silverthread.link_check import check_site
from sitebuild import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("handouts")]  # one worker prints the PDFs
EXTRAS = ["module", "glossary", "bibliography", "timeline"]


@pytest.fixture(scope="module")
def pdfs(site_dir):
    return {p.stem: p for p in print_handouts(site_dir)}


@cache
def reader(path) -> PdfReader:
    return PdfReader(path)


def squash(text: str) -> str:
    """Compare PDF text ignoring spaces and hyphenation, which line breaking changes."""
    return re.sub(r"[\s\u00ad\-'’‘\"“”]+", "", text).lower()


def test_every_expected_pdf_is_produced_and_opens(pdfs, lessons):
    expected = {f"lesson-{les.id[1:]}-{role}" for les in lessons.values() for role in ("student", "instructor")}
    assert expected | set(EXTRAS) <= set(pdfs)


def test_page_counts_are_sane(pdfs):
    for name, path in pdfs.items():
        pages = len(reader(path).pages)
        assert 1 <= pages <= (120 if name == "module" else 40), f"{name}: {pages} pages"


def test_fonts_are_embedded(pdfs):
    for name, path in pdfs.items():
        for page in reader(path).pages[:2]:
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
        first = pdftotext(path, 1, 1)
        assert squash(CITATION) in squash(first), name
        assert re.search(r"Page 1 of \d+", first), name


def test_student_worksheets_have_objectives_prompts_terms_questions_and_their_quiz_items(pdfs, lessons, quizzes):
    """The two-page worksheet (issue 14): objectives, reading-guide prompts and key terms, then the quiz items the
    lesson plan selects for the sheet (at most six; the full quiz is on the web) and the discussion questions."""
    from silverthread.print_kit import load_kit, sheet_quiz

    _guides, plans = load_kit(ROOT / "data", lessons)
    for lesson in lessons.values():
        text = squash(text_of(pdfs[f"lesson-{lesson.id[1:]}-student"]))
        for heading in ("Learning objectives", "Before class: as you read, note", "Key terms",
                        "Discussion questions", "Quiz worksheet"):
            assert squash(heading) in text, f"{lesson.id}: {heading}"
        for objective in lesson.meta["objectives"]:
            assert squash(objective["text"][:50]) in text, objective["id"]
        for q in sheet_quiz(quizzes[lesson.id], plans[lesson.id])["questions"]:
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


def link_problems(pdf: PdfReader) -> tuple[int, list[str]]:
    """(internal links, problems): every link to a place in the PDF must name a destination that exists, and
    every link out must be a public web address (not the local server the handout was printed from)."""
    names = set(pdf.named_destinations)
    internal, problems = 0, []
    for number, page in enumerate(pdf.pages, 1):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            if "/Dest" in annot:
                internal += 1
                dest = annot["/Dest"]
                if isinstance(dest, str) and dest not in names:
                    problems.append(f"page {number}: link to missing destination {dest}")
            elif "/A" in annot and annot["/A"].get("/S") == "/URI":
                uri = str(annot["/A"]["/URI"])
                local = re.match(r"https?://(127\.|localhost)", uri)
                if local or not uri.startswith(("https://", "http://", "mailto:")):
                    problems.append(f"page {number}: link to {uri}")
    return internal, problems


def test_internal_links_in_pdfs_resolve_and_links_out_are_public(pdfs):
    total = 0
    for name, path in pdfs.items():
        internal, problems = link_problems(reader(path))
        total += internal
        assert not problems, f"{name}: " + "; ".join(problems[:5])
    assert total > 50, "the handouts have (almost) no internal links: footnotes, citations, glossary"


def test_the_link_check_catches_missing_destinations_and_local_links(pdfs, tmp_path):
    writer = PdfWriter(clone_from=reader(pdfs["glossary"]))
    writer._root_object[NameObject("/Dests")] = DictionaryObject()  # every named destination gone
    for page in writer.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if "/A" in annot and annot["/A"].get("/S") == "/URI":
                annot["/A"][NameObject("/URI")] = TextStringObject("http://127.0.0.1:8000/glossary/")
                break
    broken = tmp_path / "broken.pdf"
    writer.write(broken)
    internal, problems = link_problems(PdfReader(broken))
    assert internal and any("missing destination" in p for p in problems)
    assert any("127.0.0.1" in p for p in problems)


def test_handout_links_on_the_site_resolve_once_printed(pdfs, site_dir):
    problems = check_site(site_dir, base_path="/silverthread/")
    assert not problems, "\n".join(problems[:20])


def test_handout_pages_have_no_unique_id_clashes(site_dir):
    from bs4 import BeautifulSoup
    pages = sorted((site_dir / "handouts").glob("*/index.html"))
    assert len(pages) >= 20, "the session site has no handout pages (is SILVERTHREAD_HANDOUTS set?)"
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        ids = [t["id"] for t in soup.select("article [id]")]
        dupes = {i for i in ids if ids.count(i) > 1}
        assert not dupes, f"{page.parent.name}: {sorted(dupes)[:5]}"
