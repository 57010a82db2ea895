"""The bibliography: every entry complete and checked, every cited key known, nothing invented or leaked."""
from __future__ import annotations

import re

import pytest
from pybtex.database import parse_file
from silverthread import bibliography
from silverthread.citations import cited_keys
from silverthread.data_files import load_front_matter, split_front_matter
from sitebuild import ROOT, build_fixture, reader_text

BIB = ROOT / "bibliography" / "references.bib"
# The article's own reference list (authors and years as the article gives them) and the Valdai paper.
ARTICLE_REFERENCES = {
    "gromyko1997": ("Gromyko", "1997"), "karnaukhova2022": ("Karnaukhova", "2022"),
    "margojev2018": ("Margojev", "2018"), "margojev_orlov2017": ("Margojev", "2017"),
    "mutluer2022": ("Mutluer", "2022"), "orlov_semenov2022": ("Orlov", "2022"),
    "timerbaev1998": ("Timerbaev", "1998"), "timerbaev2007": ("Timerbaev", "2007"),
    "valdai_npt": ("Margoev", "2022"),
}


@pytest.fixture(scope="module")
def entries():
    return bibliography.load(BIB)


@pytest.fixture(scope="module")
def raw():
    return parse_file(str(BIB)).entries


def all_cited_keys() -> set[str]:
    """Keys cited in prose and in data (front matter, notes, timeline)."""
    keys = set()
    for md in (ROOT / "docs").rglob("*.md"):
        keys |= {k for k, _ in cited_keys(split_front_matter(md)[1])}
    for md in (ROOT / "docs" / "glossary").glob("*.md"):
        if md.name != "index.md":
            meta = load_front_matter(md, "glossary")
            keys |= set(meta["sources"]) | {f["cite"].split(",")[0] for f in meta["facts"]}
    for md in (ROOT / "docs" / "lessons").glob("[0-9]*.md"):
        keys |= set(load_front_matter(md, "lesson")["readings"])
    for data in (ROOT / "data").rglob("*.yml"):
        keys |= {k for k, _ in cited_keys(data.read_text(encoding="utf-8"))}
        keys |= set(re.findall(r"^\s*cite: \"?([A-Za-z0-9_-]+)", data.read_text(encoding="utf-8"), re.MULTILINE))
    return keys


def test_every_entry_parses_and_has_its_types_required_fields(entries, raw):
    assert len(entries) == len(raw) >= 20


def test_the_article_is_present_with_its_doi(raw):
    art = raw["margoev2022"]
    assert art.fields["doi"] == "10.31278/1810-6374-2022-20-4-64-68"
    assert art.fields["volume"] == "20" and art.fields["number"] == "4"
    assert "Margoev" in str(art.persons["author"][0])


@pytest.mark.parametrize("key,author_year", sorted(ARTICLE_REFERENCES.items()))
def test_the_articles_reference_list_is_present_as_the_article_gives_it(raw, key, author_year):
    author, year = author_year
    entry = raw[key]
    names = " ".join(str(p) for role in ("author", "editor") for p in entry.persons.get(role, []))
    assert author in names
    assert entry.fields.get("year", entry.fields.get("date", ""))[:4] == year
    assert entry.fields["keywords"] == "article"


def test_article_reference_urls_and_access_dates_match_the_article(raw, article_text):
    for key in ("karnaukhova2022", "margojev2018", "mutluer2022"):
        assert raw[key].fields["url"] in article_text, key
        assert raw[key].fields["urldate"] == "2022-09-22", key


def test_dois_have_the_doi_form(raw):
    for key, entry in raw.items():
        if "doi" in entry.fields:
            assert re.match(r"^10\.\d{4,9}/\S+$", entry.fields["doi"]), key


def test_no_identifier_is_invented(raw):
    """DOIs and ISBNs only where the article or the source list gives them."""
    sources_md = (ROOT.parent / "shared" / "reference" / "sources.md").read_text(encoding="utf-8")
    article = (ROOT.parent / "shared" / "seed" / "article.txt").read_text(encoding="utf-8")
    for key, entry in raw.items():
        for field in ("doi", "isbn"):
            value = entry.fields.get(field)
            if value:
                assert value in sources_md or value in article, f"{key}: {field} {value} has no source"


def test_every_cited_key_exists(entries):
    missing = all_cited_keys() - set(entries)
    assert not missing, f"cited but not in references.bib: {sorted(missing)}"


def test_every_entry_is_cited_or_annotated(entries):
    cited = all_cited_keys()
    for key, entry in entries.items():
        assert key in cited or len(entry.annotation.split()) >= 15, f"{key} is neither cited nor annotated"


def test_every_annotation_has_two_to_four_sentences(entries):
    for key, entry in entries.items():
        sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z(])", entry.annotation) if s.strip()]
        assert 2 <= len(sentences) <= 5, f"{key}: annotation has {len(sentences)} sentences"


def test_every_url_has_an_access_date(raw):
    for key, entry in raw.items():
        if "url" in entry.fields:
            assert re.match(r"^\d{4}-\d{2}-\d{2}$", entry.fields.get("urldate", "")), key


def test_references_page_lists_every_entry_with_its_annotation(html_pages, entries):
    page = html_pages["references/index.html"]
    for key, entry in entries.items():
        block = page.find(id=f"ref-{key}")
        assert block is not None, f"{key} is missing from the references page"
        assert entry.annotation[:60] in reader_text(block)
        hrefs = {a["href"] for a in block.select("a[href]")}
        if entry.doi:
            assert f"https://doi.org/{entry.doi}" in hrefs, f"{key}: DOI not linked"
        elif entry.url:
            assert entry.url in hrefs, f"{key}: URL not linked"


def test_bib_download_is_the_source_file(site_dir):
    assert (site_dir / "downloads" / "silverthread.bib").read_bytes() == BIB.read_bytes()


def test_csl_json_download_has_every_entry(site_dir, entries):
    import json
    items = json.loads((site_dir / "downloads" / "silverthread.json").read_text(encoding="utf-8"))
    assert {item["id"] for item in items} == set(entries)


def test_a_lesson_citation_renders_author_date_with_locator(html_pages):
    text = reader_text(html_pages["lessons/03-negotiate-or-speak-out/index.html"])
    assert "(Timerbaev 1998, 73–75)" in text


def test_pages_with_citations_end_with_their_references(html_pages):
    for rel, soup in html_pages.items():
        if soup.select("sup[id^=fnref]"):
            assert soup.select_one("div.footnote"), rel
            assert soup.find("h2", id="references"), rel


def test_citation_syntax_in_link_text_is_not_swallowed(tmp_path):
    result = build_fixture(tmp_path, {"docs/handle.md": "# Handle\n\nFollow [@someone](https://example.org).\n"})
    assert result.returncode != 0 and "handle.md" in result.output and "someone" in result.output


def test_an_unknown_citation_key_fails_the_build_with_file_line_and_key(tmp_path):
    result = build_fixture(tmp_path, {"docs/unknown.md": "# Unknown\n\nA claim [@no_such_key].\n"})
    assert result.returncode != 0
    assert "unknown.md:3" in result.output and "no_such_key" in result.output


def test_an_entry_missing_a_required_field_fails_with_file_and_key(tmp_path):
    bib = (ROOT / "tests/fixtures/minimal/bibliography/references.bib").read_text(encoding="utf-8")
    bib = bib.replace("  journaltitle = {Journal of Fixtures},\n", "")
    result = build_fixture(tmp_path, {"bibliography/references.bib": bib})
    assert result.returncode != 0 and "demo2022" in result.output and "journaltitle" in result.output


def test_a_malformed_entry_fails_with_the_file(tmp_path):
    bib = (ROOT / "tests/fixtures/minimal/bibliography/references.bib").read_text(encoding="utf-8")
    result = build_fixture(tmp_path, {"bibliography/references.bib": bib + "\n@misc{broken,\n  title = {unclosed\n"})
    assert result.returncode != 0 and "references.bib" in result.output


def test_a_bad_doi_fails_with_key(tmp_path):
    bib = (ROOT / "tests/fixtures/minimal/bibliography/references.bib").read_text(encoding="utf-8")
    result = build_fixture(tmp_path, {"bibliography/references.bib": bib.replace("10.1234/demo.2022", "doi:1234")})
    assert result.returncode != 0 and "demo2022" in result.output and "DOI" in result.output


def test_a_citation_wrapped_over_two_lines_still_renders(tmp_path):
    page = "# Wrapped\n\nThe treaty says so [@npt1968,\nart. IX].\n"
    result = build_fixture(tmp_path, {"docs/wrapped.md": page})
    html = (result.site / "wrapped/index.html").read_text(encoding="utf-8")
    assert result.returncode == 0 and "[@npt1968" not in html and "(United Nations 1968, art. IX)" in html
