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
}
# Cited without a year (E104): its date was never seen.
UNDATED = {"valdai_npt": "Margoev"}


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


IDENTIFIERS = ROOT / "bibliography" / "identifiers.yml"


def test_no_identifier_is_invented(raw):
    """Every DOI and ISBN is listed in bibliography/identifiers.yml with where it was confirmed; those confirmed
    by the editors' source list are in it (checked when ../shared is beside the clone)."""
    import yaml

    listed = yaml.safe_load(IDENTIFIERS.read_text(encoding="utf-8"))
    for key, entry in raw.items():
        for field in ("doi", "isbn"):
            value = entry.fields.get(field)
            if value:
                assert str(listed.get(key, {}).get(field)) == value, f"{key}: {field} {value} not in {IDENTIFIERS.name}"
                assert listed[key].get("confirmed"), f"{key}: say where {value} was confirmed"
    sources = ROOT.parent / "shared" / "reference" / "sources.md"
    if sources.is_file():
        text = sources.read_text(encoding="utf-8")
        for key, ids in listed.items():
            if ids["confirmed"] == "sources.md":
                assert all(str(v) in text for f, v in ids.items() if f in ("doi", "isbn")), key


def test_every_cited_key_exists(entries):
    missing = all_cited_keys() - set(entries)
    assert not missing, f"cited but not in references.bib: {sorted(missing)}"


def test_every_entry_is_cited_or_annotated(entries):
    cited = all_cited_keys()
    for key, entry in entries.items():
        assert key in cited or len(entry.annotation.split()) >= 15, f"{key} is neither cited nor annotated"


def sentences(text: str) -> list[str]:
    """Sentences of an annotation: split after . ! ? before a capital, but not after an initial ("V. A. Orlov")."""
    return [s for s in re.split(r"(?<!\b[A-Z]\.)(?<=[.!?])\s+(?=[A-Z(])", text) if s.strip()]


def test_the_sentence_count_rejects_one_and_five_and_reads_initials_as_one_name():
    assert len(sentences("One sentence only.")) == 1
    assert len(sentences("One. Two. Three. Four. Five.")) == 5
    assert len(sentences("A chapter by V. A. Orlov on education. In English.")) == 2


def test_every_annotation_has_two_to_four_sentences(entries):
    for key, entry in entries.items():
        n = len(sentences(entry.annotation))
        assert 2 <= n <= 4, f"{key}: annotation has {n} sentences"


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
        if soup.select("span.citation"):
            heading = soup.find("h2", id="references")
            assert heading and heading.find_next_sibling("ul", class_="st-page-refs"), rel


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
    from bs4 import BeautifulSoup
    assert result.returncode == 0 and "[@npt1968" not in html
    assert "(United Nations 1968, art. IX)" in reader_text(BeautifulSoup(html, "lxml"))


# ---- Citations rendered right (issue 11, item 5; errata E104, E119-E123, P7, P9-P11) ----

MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
LABEL = re.compile(r"\b(\d{4}[a-z]?|n\.d\.(?:-[a-z]\b)?)")


def _label(link_text: str) -> str:
    """'Margoev 2022a, 64' -> '2022a'; 'Fixture Association, n.d.' -> 'n.d.'"""
    found = [m.group(1) for m in LABEL.finditer(link_text) if link_text[m.end():m.end() + 1] in ("", ",", ")")]
    assert found, f"no year in citation label {link_text!r}"
    return found[0]  # the year before any locator (a title may hold other numbers: "Resolution 2231 …” 2025")


def _lists(label: str, entry_text: str) -> bool:
    """The entry in a reference list carries the same label ('Doe, Jane. 2022a.', 'Association. n.d.')."""
    return re.search(r"(?<= )" + re.escape(label) + (r"\." if not label.endswith(".") else r"(?= )"),
                     " ".join(entry_text.split())) is not None


def test_an_undated_entry_is_cited_without_a_year(raw):
    for key, author in UNDATED.items():
        entry = raw[key]
        assert author in " ".join(str(p) for p in entry.persons["author"])
        assert "year" not in entry.fields and "date" not in entry.fields, key


def test_no_title_is_a_bracketed_placeholder(raw):
    """P10: titles are the sources' own; a description the editors supply is marked in `note`, unbracketed."""
    for key, entry in raw.items():
        assert not entry.fields["title"].lstrip("{").startswith("["), f"{key}: bracketed placeholder title"
        assert not entry.fields.get("titleaddon", "").lstrip("{").startswith("["), f"{key}: bracketed titleaddon"


def test_a_supplied_title_is_rendered_plain_and_marked(raw):
    refs = bibliography.formatted(BIB)
    supplied = [k for k, e in raw.items() if e.fields.get("note", "").startswith(bibliography.SUPPLIED)]
    assert "valdai_npt" in supplied
    for key in supplied:
        html = refs[key]
        title_start = _plain(raw[key].fields["title"])[:12]
        assert f"“{title_start}" not in html and "[" not in html.split("<a ")[0], f"{key}: {html[:120]}"
        assert not re.search(r"<em>\s*" + re.escape(title_start), html), f"{key}: supplied title in italics"


def _plain(value: str) -> str:
    return bibliography._plain_title(value)


def test_csl_json_keeps_the_capitals_of_the_bib_titles(raw):
    """E120 / P9: a style can lower capitals but cannot restore them."""
    import json
    items = {i["id"]: i for i in json.loads(bibliography.csl_json(BIB))}
    for key, entry in raw.items():
        assert items[key]["title"] == _plain(entry.fields["title"]), key
        for field in ("journaltitle", "journal"):
            if field in entry.fields:
                assert items[key]["container-title"] == _plain(entry.fields[field]), key
    assert "Blinken" in items["blinken2023"]["title"] and "Security Council" in items["un_ask_p5"]["title"]


def test_mkdocs_bibtex_is_used_in_one_module_only():
    """Issue 16 item 9: replacing the archived plugin touches scripts/silverthread/citations.py alone."""
    users = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "scripts").rglob("*.py")
                   if "mkdocs_bibtex" in p.read_text(encoding="utf-8"))
    assert users == ["scripts/silverthread/citations.py"]


def test_a_pandoc_run_after_the_single_pass_fails(tmp_path):
    """E122: the registry may not format citations on its own once the site's one pass has run."""
    from types import SimpleNamespace

    from silverthread import citations
    from silverthread.errors import ContentError
    bib = ROOT / "tests/fixtures/minimal/bibliography/references.bib"
    bibliography.formatted(bib)
    registry = SimpleNamespace(bib_data=SimpleNamespace(entries={"npt1968": 1, "demo2022": 2}))
    assert citations.prewarm(registry, ["Text [@npt1968,\n art. IX] and [@demo2022]."]) == 2
    assert registry.inline_text(citations.CitationBlock.from_markdown("[@npt1968, art. IX]")[0]) == \
        '<span class="citation">(<a href="#ref-npt1968">United Nations 1968</a>, art. IX)</span>'
    with pytest.raises(ContentError):
        registry._process_with_pandoc([])
    with pytest.raises(ContentError):  # a block the pass has not seen
        bibliography.format_citations(bib, ["[@demo2022, 5]"])


FIXTURE_BIB_EXTRA = """
@article{demo2022b,
  author       = {Doe, Jane},
  title        = {A Second Demonstration Article on the {NPT}},
  journaltitle = {Journal of Fixtures},
  year         = {2022},
  keywords     = {further},
  annote       = {Fixture entry: same author and year, so the labels need a suffix.},
}

@online{web2026,
  author       = {{Fixture Association}},
  title        = {Treaty Page: A Deliberately Long Title About the {NPT} So That Pandoc Would Wrap the Line
                  Before the Access Date of the Page},
  url          = {https://example.org/a/rather/long/address/for/the/treaty-page-of-the-fixture-association},
  urldate      = {2026-06-30},
  keywords     = {further},
  annote       = {Fixture entry: a web page with an access date.},
}
"""
FIXTURE_PAGE = """# Citing

## The NPT in a heading

Two works of one year [@demo2022, 3; @demo2022b] and a web page [@web2026]. A citation wrapped by the
editor [@demo2022b,
p. 7].

| Treaty | Opened |
|---|---|
| NPT | 1968 [@npt1968] |
"""


@pytest.fixture(scope="module")
def cited_fixture(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cite")
    bib = (ROOT / "tests/fixtures/minimal/bibliography/references.bib").read_text(encoding="utf-8")
    result = build_fixture(tmp, {"bibliography/references.bib": bib + FIXTURE_BIB_EXTRA,
                                 "docs/citing.md": FIXTURE_PAGE})
    assert result.returncode == 0, result.output[-3000:]
    from bs4 import BeautifulSoup
    read = lambda rel: BeautifulSoup((result.site / rel).read_text(encoding="utf-8"), "lxml")  # noqa: E731
    return read("citing/index.html"), read("references/index.html")


def test_fixture_citations_are_author_date_links_without_footnote_numbers(cited_fixture):
    page, _ = cited_fixture
    assert not page.select("sup[id^=fnref], a.footnote-ref, div.footnote")
    cites = page.select("span.citation")
    assert len(cites) == 4
    for cite in cites:
        for a in cite.select("a"):
            target = page.find(id=a["href"][1:])
            assert target is not None and target.name == "li" and "st-ref" in target["class"], a


def test_fixture_year_suffixes_agree_in_text_page_list_and_references_page(cited_fixture):
    page, references = cited_fixture
    labels = {a["href"][5:]: _label(a.get_text()) for a in page.select("span.citation a")}
    assert labels["demo2022"] != labels["demo2022b"] and {labels["demo2022"], labels["demo2022b"]} == {"2022a", "2022b"}
    for key, label in labels.items():
        assert _lists(label, page.find(id=f"ref-{key}").get_text()), key
        assert _lists(label, references.find(id=f"ref-{key}").get_text()), key


def test_fixture_access_date_and_url_stay_in_the_entry(cited_fixture):
    page, _ = cited_fixture
    item = page.find(id="ref-web2026")
    assert re.search(r"Accessed June 30, 2026\. https://example\.org/", " ".join(item.get_text().split()))
    assert item.select_one('a[href^="https://example.org/"]')


def test_fixture_no_hover_in_references_headings_or_tables(cited_fixture):
    page, references = cited_fixture
    for soup in (page, references):
        for term in soup.select(".st-term"):
            assert not term.find_parent(["h1", "h2", "h3", "td", "th", "li"]) or not term.find_parent(
                class_=["st-page-refs", "st-ref"]), term
            assert not term.find_parent(["td", "th", "h1", "h2", "h3"]), term
            assert not term.find_parent(class_=["st-page-refs", "st-ref", "st-refs", "citation"]), term


def _items(soup):
    return soup.select("span.st-refs") + soup.select("ul.st-page-refs > li")


def test_no_sources_item_is_cut_after_accessed_or_holds_only_a_url(html_pages):
    """E119 / P8: a wrapped '2026.' used to start a numbered list inside the item."""
    for rel, soup in html_pages.items():
        main = soup.select_one("article") or soup
        for li in main.select("li"):
            text = " ".join(li.get_text().split())
            assert not re.search(r"Accessed " + MONTH + r"( \d{1,2})?,?$", text), f"{rel}: {text[-80:]}"
        for item in _items(main):
            text = " ".join(item.get_text().split())
            assert not re.fullmatch(r"https?://\S+", text), f"{rel}: URL alone: {text}"
            if "Accessed" in text:
                assert re.search(r"Accessed " + MONTH + r" \d{1,2}, \d{4}\. \S", text), f"{rel}: {text[-100:]}"
                assert item.select_one("a[href^=http]"), f"{rel}: access date without its URL: {text[-100:]}"


def test_every_citation_is_once_and_its_label_matches_the_lists(html_pages):
    """E121, E122: author-date linked to the page's list, no footnote number; same suffix everywhere."""
    keys = set(bibliography.formatted(BIB))
    references = html_pages["references/index.html"]
    for rel, soup in html_pages.items():
        for ref in soup.select("a.footnote-ref"):
            assert ref["href"].removeprefix("#fn:") not in keys, f"{rel}: footnote number for a citation"
        for a in soup.select("span.citation a"):
            key, label = a["href"].removeprefix("#ref-"), _label(a.get_text())
            entry = soup.find(id=f"ref-{key}")
            assert entry is not None, f"{rel}: {key} not in the page's reference list"
            assert _lists(label, entry.get_text()), f"{rel}: in-text {label} but list has {entry.get_text()[:80]}"
            assert _lists(label, references.find(id=f"ref-{key}").get_text()), f"{rel}: {key} {label}"


def test_no_glossary_hover_in_bibliography_headings_tables_or_quiz_options(html_pages):
    """E123: a hover definition inside a title, heading, table cell or quiz option."""
    bad = []
    for rel, soup in html_pages.items():
        for term in soup.select(".st-term"):
            if term.find_parent(["h1", "h2", "h3", "h4", "h5", "h6", "td", "th"]) or term.find_parent(
                    class_=["st-ref", "st-refs", "st-page-refs", "st-ref__citation", "citation", "st-q__options"]):
                bad.append(f"{rel}: {term.get_text()[:40]}")
    assert not bad, "\n".join(bad[:20])


def test_site_description_has_no_raw_double_quotes(html_pages):
    import yaml
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    assert '"' not in config["site_description"]
    meta = html_pages["index.html"].find("meta", attrs={"name": "description"})
    assert meta["content"].startswith("An open course module") and "Silver Thread" in meta["content"]


COUNT = re.compile(r"\b(\d{2,3}) (?:states? parties|parties|member states|states (?:had |have )?(?:ratified|signed)"
                   r"|ratifications|signatories)\b|ratified by (\d{2,3}) states", re.IGNORECASE)
DATED = re.compile(r"\bas of\b|\b(?:by|in|on|at|until|from) (?:\d{1,2} )?" + MONTH + r"(?: \d{1,2},?)? \d{4}"
                   r"|\b(?:\d{1,2} )?" + MONTH + r" \d{4}|\b" + MONTH + r" \d{1,2}, \d{4}"
                   r"|\bbetween \d{4} and \d{4}", re.IGNORECASE)
# Titles and reference entries quote their sources ("TPNW Reaches 50 States Parties"): not our counts.
NOT_OUR_TEXT = ".st-ref__citation, .st-refs, .st-page-refs, .citation, .csl-entry, h1, h2, h3"


def test_every_count_of_states_carries_as_of_a_date(html_pages):
    """P7: counts that change ('191 states parties') say 'as of <date>'; a count tied to a dated event in the
    same sentence ('by September 2022 it had 68 states parties') is history and passes too."""
    from bs4 import BeautifulSoup
    missing = []
    for rel, soup in html_pages.items():
        main = BeautifulSoup(str(soup.select_one("article") or soup), "lxml")
        for el in main.select(NOT_OUR_TEXT):
            el.decompose()
        text = reader_text(main)
        for m in COUNT.finditer(text):
            start = max(text.rfind(". ", 0, m.start()), m.start() - 160, 0)
            stop = min([i for i in (text.find(". ", m.end()),) if i != -1] + [m.end() + 160])
            if not DATED.search(text[start:stop]):
                missing.append(f"{rel}: …{text[max(0, m.start() - 70): m.end() + 40]}…")
    assert not missing, f"{len(missing)} counts without 'as of':\n" + "\n".join(missing)


def test_keys_after_a_title_cited_in_place_of_an_author_stay_in_the_page_list():
    """pandoc wraps a title that stands in for a missing author in spans of its own: the citation span does not
    end at the first '</span>', and the keys after that title must still reach the page's reference list."""
    from silverthread.citations import citation_spans
    html = ('<p><span class="citation">(<a href="#ref-aca2026"><span>“Experts Assess <span>NPT</span> Review '
            'Conference”</span> 2026</a>; <a href="#ref-dc3561">United Nations 2015</a>)</span> and '
            '<span class="citation">(<a href="#ref-npt1968">United Nations 1968</a>)</span></p>')
    spans = citation_spans(html)
    assert len(spans) == 2
    assert 'href="#ref-dc3561"' in spans[0] and 'href="#ref-npt1968"' in spans[1]


def test_a_bracketed_translation_of_a_title_is_roman_and_outside_the_title(raw):
    """E118: Chicago (like the article) prints the English translation of a Russian title in brackets, in
    roman, after the italic or quoted title; the CSL-JSON download keeps it as plain title text (no TeX)."""
    import json
    refs = bibliography.formatted(BIB)
    items = {i["id"]: i for i in json.loads(bibliography.csl_json(BIB))}
    for key in ("gromyko1997", "timerbaev2007"):  # books: italic Russian title, roman translation
        html = refs[key]
        assert re.search(r"</em> \[[A-Z][^\]<]+\]\.", html), f"{key}: {html[:200]}"
        assert "[" not in "".join(m for m in re.findall(r"<em>(.*?)</em>", html)), f"{key}: translation in italics"
    for key in ("karnaukhova2022", "margojev2018", "timerbaev1998"):  # quoted titles: translation after the quotes
        assert re.search(r"\u201d</span> \[", refs[key]), f"{key}: {refs[key][:200]}"
    for key in ("gromyko1997", "timerbaev2007", "karnaukhova2022", "margojev2018", "timerbaev1998"):
        title = items[key]["title"]
        assert title == _plain(raw[key].fields["title"]) and title.endswith("]") and "\\" not in title, key
