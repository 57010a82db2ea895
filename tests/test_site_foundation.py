"""The site foundation: strict build, links and anchors, privacy, no leaked source markup."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup
from silverthread import check_data, html_validate
from silverthread.html_checks import raw_markup, third_party_loads
from silverthread.link_check import check_site
from sitebuild import ROOT, build_fixture, fixture_project


def test_every_page_in_docs_is_built(site_dir):
    sources = [p.relative_to(ROOT / "docs").with_suffix("") for p in (ROOT / "docs").rglob("*.md")]
    for src in sources:
        out = site_dir / (src.parent if src.name == "index" else src) / "index.html"
        assert out.exists(), f"docs/{src}.md was not built to {out}"


def test_the_link_check_finds_a_missing_file_and_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<p id="here"><a href="a/">ok</a> <a href="b/">gone</a> '
                                         '<a href="#here">ok</a> <a href="#nowhere">gone</a></p>')
    (tmp_path / "a" / "index.html").write_text("<p>a</p>")
    problems = check_site(tmp_path)
    assert problems == ["index.html: b/ (no such file)", "index.html: #nowhere (no element with id 'nowhere')"]


def test_no_page_loads_anything_from_a_third_party_host(html_pages):
    problems = {rel: third_party_loads(soup) for rel, soup in html_pages.items()}
    problems = {k: v for k, v in problems.items() if v}
    assert not problems, problems


def test_our_stylesheets_fetch_nothing_from_other_hosts(site_dir):
    for css in site_dir.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        remote = re.findall(r"(?:url\(|@import\s+)['\"]?(?:https?:)?//", text)
        assert not remote, f"{css.relative_to(site_dir)} fetches from another host: {remote[:3]}"


def test_no_source_markup_leaks_into_pages(html_pages):
    problems = {rel: raw_markup(soup) for rel, soup in html_pages.items()}
    problems = {k: v for k, v in problems.items() if v}
    assert not problems, problems


def test_the_raw_markup_check_catches_a_leak():
    soup = BeautifulSoup("<article><p>As shown [@npt1968] and [[quiz:L9]] and {{ page.title }}.</p></article>", "lxml")
    found = " ".join(raw_markup(soup))
    assert "citation syntax" in found and "marker" in found and "template tag" in found


def test_the_fixture_site_builds(fixture_site):
    assert fixture_site.returncode == 0, fixture_site.output


def test_a_broken_link_fails_the_build_naming_page_and_target(tmp_path):
    page = "# Broken\n\nSee [nowhere](missing-page.md).\n"
    result = build_fixture(tmp_path, {"docs/broken.md": page})
    assert result.returncode != 0
    assert "broken.md" in result.output and "missing-page.md" in result.output


def test_a_broken_anchor_fails_the_build_naming_page_and_target(tmp_path):
    page = "# Broken\n\nSee [the lesson](lessons/01-demo.md#no-such-section).\n"
    result = build_fixture(tmp_path, {"docs/broken-anchor.md": page})
    assert result.returncode != 0
    assert "broken-anchor.md" in result.output and "no-such-section" in result.output


def test_code_spans_keep_citation_syntax_as_text(fixture_site):
    html = (fixture_site.site / "index.html").read_text(encoding="utf-8")
    assert "<code>[@not_a_key]</code>" in html and "<code>user@example.org</code>" in html


def test_an_at_handle_in_prose_is_text_not_a_citation(tmp_path):
    """mkdocs-bibtex's inline citations are off: '@name' outside [...] is prose, not an unknown key warning."""
    result = build_fixture(tmp_path, {"docs/contact.md": "# Contact\n\nFollow @silverthread_edu for news.\n"})
    assert result.returncode == 0, result.output[-2000:]
    assert "Follow @silverthread_edu for news." in (result.site / "contact/index.html").read_text(encoding="utf-8")


def test_check_data_covers_every_data_file_and_names_file_and_line(tmp_path):
    project = fixture_project(tmp_path)
    checked, problems = check_data.check(project / "docs", project / "data")
    assert not problems and checked >= 4
    activities = (ROOT / "data" / "activities.yml").read_text(encoding="utf-8")
    minutes = re.search(r"minutes: \d+", activities)
    line = activities.count("\n", 0, minutes.start()) + 1
    activities = activities[:minutes.start()] + "minutes: ten" + activities[minutes.end():]
    (project / "data" / "activities.yml").write_text(activities, encoding="utf-8")
    (project / "data" / "facilitation.yml").write_text("lessons:\n  L1: nope\n", encoding="utf-8")
    _, problems = check_data.check(project / "docs", project / "data")
    assert any(f"activities.yml:{line}" in p and "minutes" in p for p in problems), problems
    assert any("facilitation.yml:2" in p for p in problems), problems


# A page with our own kind of error (the unescaped quotes that once broke every <meta name="description">)
# and one of Material's allowed ones, checked in the same Java run as the site: the run must catch the first
# and let only the second through, so the allowlist cannot hide our markup.
CANARY = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Canary</title>
<meta name="description" content="A module on "The 'Silver Thread' Torn Apart"">
</head><body><input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">
<label class="md-nav__link" for="__drawer" tabindex="">Menu</label></body></html>
"""


def test_every_page_is_valid_html(site_dir, tmp_path):
    canary = tmp_path / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 60 and any(p.parent.parent.name == "handouts" for p in pages)  # handout pages included
    messages = html_validate.validate([*pages, canary], site_dir)
    allowlist = html_validate.load_allowlist()
    caught = [m for m in html_validate.not_allowed(messages, allowlist) if m.file == str(canary)]
    assert any("meta" in m.message for m in caught), "the checker missed the canary's broken attribute"
    assert not any("tabindex" in m.message or "autocomplete" in m.message for m in caught)
    ours = [m for m in html_validate.not_allowed(messages, allowlist) if m.file != str(canary)]
    assert not ours, f"{len(ours)} HTML errors from our markup:\n" + "\n".join(map(str, ours[:30]))
