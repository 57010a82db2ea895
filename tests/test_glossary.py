"""Glossary: required terms, short cited definitions, the A-Z index, back-links that match where terms
really appear, and hover definitions that stay out of quotations and headings."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from silverthread.glossary import MAX_DEFINITION_WORDS, load_terms
from sitebuild import ROOT, build_fixture, reader_text

REQUIRED = {"npt", "tpnw", "jcpoa", "track-two"}
ALSO_REQUIRED = {"iaea", "iaea-safeguards", "review-conference", "nws-nnws", "article-x", "mezf", "ptbt", "ctbt",
                 "new-start", "sort", "technical-cooperation-fund", "zaporizhzhia", "humanitarian-initiative", "p5",
                 "e3", "track-one-and-a-half", "valdai-club", "pir-center"}


@pytest.fixture(scope="module")
def terms():
    return load_terms(ROOT / "docs" / "glossary")


def term_page(html_pages, tid):
    return html_pages[f"glossary/{tid}/index.html"]


def test_the_four_required_terms_and_the_others_exist(terms):
    assert REQUIRED | ALSO_REQUIRED <= set(terms)


def test_every_definition_is_one_short_sentence(terms):
    for term in terms.values():
        assert len(term.definition.split()) <= MAX_DEFINITION_WORDS, term.id
        assert term.definition.rstrip().endswith("."), term.id


def test_every_term_has_a_source_and_cited_facts(terms, html_pages):
    for term in terms.values():
        assert term.sources and term.facts, term.id
        table = term_page(html_pages, term.id).select("article table")[0]
        rows = table.select("tbody tr")
        assert len(rows) == len(term.facts)
        for row in rows:
            cited = row.select(".citation a[href^='#ref-']")
            assert cited, f"{term.id}: fact without a rendered citation: {row.get_text()}"


def test_counts_that_change_say_as_of(terms):
    for term in terms.values():
        for fact in term.facts:
            counted = re.search(r"\b(parties|ratifications|signatories|member states)\b", fact["label"], re.IGNORECASE)
            if counted and re.search(r"\d", fact["value"]):
                assert "as of" in fact["value"].lower(), f"{term.id}: {fact['label']}"


def test_every_term_page_is_in_the_index(terms, html_pages):
    index = html_pages["glossary/index.html"]
    linked = {a["href"].strip("/").split("/")[-1] for a in index.select("article dl dt a")}
    assert linked == set(terms)
    text = reader_text(index)
    for term in terms.values():
        assert term.definition in text


def test_every_term_page_has_its_sections(terms, html_pages):
    for term in terms.values():
        ids = {h.get("id") for h in term_page(html_pages, term.id).select("article h2")}
        assert {"key-facts", "explanation", "in-the-article", "where-this-term-appears", "related-terms",
                "sources"} <= ids, term.id


def marked_terms(soup) -> set[str]:
    return {a["href"].strip("/").split("/")[-1] for a in soup.select("span.st-term > a.st-term__link")}


def test_back_links_match_where_terms_really_appear(terms, html_pages):
    lessons = {rel: soup for rel, soup in html_pages.items() if rel.startswith("lessons/0")}
    for term in terms.values():
        expected = {rel.split("/")[1] for rel, soup in lessons.items() if term.id in marked_terms(soup)}
        section = term_page(html_pages, term.id).select_one("ul.st-backlinks")
        got = {a["href"].strip("/").split("/")[-1] for a in section.select("a")} if section else set()
        assert got == expected, term.id


def test_definitions_appear_on_lesson_pages(html_pages):
    for rel, soup in html_pages.items():
        if rel.startswith("lessons/0"):
            marks = soup.select("span.st-term")
            assert marks, rel
            for mark in marks:
                link, tip = mark.select_one("a"), mark.select_one("[role=tooltip]")
                assert tip and link["aria-describedby"] == tip["id"], rel


def test_definitions_are_never_inside_quotes_headings_code_or_links(html_pages):
    for rel, soup in html_pages.items():
        for mark in soup.select("span.st-term"):
            bad = mark.find_parent(["h1", "h2", "h3", "h4", "blockquote", "q", "code", "pre", "a"])
            quote = mark.find_parent(class_="quote")
            assert bad is None and quote is None, f"{rel}: definition inside {bad.name if bad else 'a quote'}"


def test_each_term_is_marked_at_most_once_per_page(html_pages):
    for rel, soup in html_pages.items():
        ids = [m.select_one("[role=tooltip]")["id"] for m in soup.select("span.st-term")]
        assert len(ids) == len(set(ids)), rel


def test_an_unknown_key_term_fails_the_build_with_file_and_term(tmp_path):
    lesson = (ROOT / "tests/fixtures/minimal/docs/lessons/01-demo.md").read_text(encoding="utf-8")
    result = build_fixture(tmp_path, {"docs/lessons/01-demo.md": lesson.replace("key_terms: [npt]",
                                                                                   "key_terms: [npt, nonsense-term]")})
    assert result.returncode != 0 and "01-demo.md" in result.output and "nonsense-term" in result.output


def test_a_too_long_definition_fails_the_build(tmp_path):
    page = (ROOT / "tests/fixtures/minimal/docs/glossary/npt.md").read_text(encoding="utf-8")
    long = "A " + "very " * 40 + "long definition."
    result = build_fixture(tmp_path, {"docs/glossary/npt.md": page.replace(
        "A 1968 treaty that limits the spread of nuclear weapons.", long)})
    assert result.returncode != 0 and "npt.md" in result.output and "words" in result.output


def test_a_fixture_term_is_marked_in_prose_but_not_in_its_quote(tmp_path):
    """The quote holds the page's first 'NPT', so a marker that entered quotes would mark it there."""
    lesson = (ROOT / "tests/fixtures/minimal/docs/lessons/01-demo.md").read_text(encoding="utf-8")
    quote = "A legally correct withdrawal from the NPT is possible"  # verbatim (test_lessons checks fixtures)
    lesson = (lesson.replace("The NPT entered into force", "The treaty entered into force")
              .replace("Not all countries are ready to live like the DPRK.", quote)
              .replace("[[editor-note:demo-note]]\n", "[[editor-note:demo-note]]\n\nThe NPT is the treaty at stake.\n"))
    assert lesson.count("NPT") == 2 and lesson.index(quote) < lesson.index("The NPT is")
    result = build_fixture(tmp_path, {"docs/lessons/01-demo.md": lesson})
    assert result.returncode == 0, result.output[-2000:]
    soup = BeautifulSoup((result.site / "lessons/01-demo/index.html").read_text(encoding="utf-8"), "lxml")
    quoted = soup.select_one("article .admonition.quote")
    assert "withdrawal from the NPT" in " ".join(quoted.get_text().split()) and not quoted.select(".st-term")
    marks = soup.select("article span.st-term")
    assert len(marks) == 1 and "is the treaty at stake" in marks[0].parent.get_text()
