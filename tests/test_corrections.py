"""The public corrections log: data/corrections.yml is checked (pages, sources, dates), rendered as the
Corrections page, linked from About, and every corrected page links to its entries; every page shows the date
its content last changed, taken from git."""
from __future__ import annotations

import subprocess

import pytest
from silverthread.corrections import anchor
from sitebuild import ROOT, build_fixture

GOOD = """- date: 2026-12-01
  pages: [lessons/01-demo.md]
  what: "The lesson now gives the treaty's opening date."
  why: "The date was missing."
  sources: [npt1968]
  errata: [E1]
"""


def fixture_changes(log: str) -> dict[str, str]:
    return {"data/corrections.yml": log,
            "docs/corrections.md": "---\ntitle: Corrections\n---\n\n# Corrections\n\n[[corrections]]\n"}


SECOND = GOOD.replace("lessons/01-demo.md", "lessons/01-demo.md, index.md").replace(
    "The lesson now gives the treaty's opening date.", "Both pages now name the conference.")


def test_corrections_page_shows_each_entry_once_and_indexes_it_under_every_page_it_changed(tmp_path):
    result = build_fixture(tmp_path, fixture_changes(GOOD + SECOND))
    assert result.returncode == 0, result.output
    page = (result.site / "corrections" / "index.html").read_text(encoding="utf-8")
    assert f'id="{anchor("lessons/01-demo.md")}"' in page and f'id="{anchor("index.md")}"' in page
    assert page.count("The lesson now gives the treaty") == 1 and page.count("Both pages now name") == 1
    assert "The date was missing." in page and "E1" in page
    assert 'id="entry-1"' in page and 'id="entry-2"' in page
    # the lesson's index group links to both entries, the home page's group to the second only
    lesson_group = page.split(f'id="{anchor("lessons/01-demo.md")}"')[1].split("<h")[0]
    home_group = page.split(f'id="{anchor("index.md")}"')[1].split("<h")[0]
    assert 'href="#entry-1"' in lesson_group and 'href="#entry-2"' in lesson_group
    assert 'href="#entry-2"' in home_group and 'href="#entry-1"' not in home_group
    # each entry names the pages it changed, linked to their index groups
    second = page.split('id="entry-2"')[1].split("</dd>")[0]
    assert f'href="#{anchor("lessons/01-demo.md")}"' in second and f'href="#{anchor("index.md")}"' in second
    lesson = (result.site / "lessons" / "01-demo" / "index.html").read_text(encoding="utf-8")
    assert f'corrections/#{anchor("lessons/01-demo.md")}"' in lesson
    assert "2 entries in the corrections log" in lesson
    home = (result.site / "index.html").read_text(encoding="utf-8")
    assert f'corrections/#{anchor("index.md")}"' in home and "1 entry in the corrections log" in home
    # outside git (a fixture) no date is claimed
    assert "Content last changed" not in home


def test_an_uncorrected_page_does_not_link_to_the_log(tmp_path):
    result = build_fixture(tmp_path, fixture_changes(GOOD))
    assert result.returncode == 0, result.output
    home = (result.site / "index.html").read_text(encoding="utf-8")
    assert "corrections log" not in home and "Content last changed" not in home


@pytest.mark.parametrize(("log", "message"), [
    (GOOD.replace("lessons/01-demo.md", "lessons/99-missing.md"), "page 'lessons/99-missing.md' does not exist"),
    (GOOD.replace("[npt1968]", "[nosuchkey]"), "unknown citation key 'nosuchkey'"),
    (GOOD.replace("2026-12-01", "2026-02-30"), "is not a real date"),
    (GOOD.replace("2026-12-01", "2099-01-01"), "is in the future"),
    (GOOD.replace('  why: "The date was missing."\n', ""), "'why' is a required property"),
])
def test_a_bad_corrections_entry_fails_the_build_naming_file_and_line(tmp_path, log, message):
    result = build_fixture(tmp_path, fixture_changes("# header\n" + log))
    assert result.returncode != 0
    assert "corrections.yml:2" in result.output, result.output[-600:]
    assert message in result.output


def test_the_real_log_is_rendered_and_linked_from_about(html_pages):
    page = html_pages["corrections/index.html"]
    about = html_pages["about/index.html"]
    assert about.select_one('a[href$="corrections/"]'), "About does not link to the Corrections page"
    entries = page.select("article dl dt time[id^='entry-']")
    log = (ROOT / "data" / "corrections.yml").read_text(encoding="utf-8")
    assert len(entries) == sum(1 for line in log.splitlines() if line.startswith("- ")), "entry missing or doubled"


def _git_date(*paths: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cs", "--", *paths],
                          capture_output=True, text=True, check=True).stdout.strip()


def test_each_page_shows_when_its_content_last_changed_from_git(html_pages):
    in_git = subprocess.run(["git", "-C", str(ROOT), "rev-parse"], capture_output=True).returncode == 0
    if not in_git:
        pytest.skip("not a git checkout: pages show no date")
    lesson = html_pages["lessons/01-two-failed-conferences/index.html"]
    stamp = lesson.select_one(".st-history time")
    assert stamp is not None
    # the lesson is built from its Markdown and its quiz file: the newest of their commits counts
    assert stamp["datetime"] == _git_date("docs/lessons/01-two-failed-conferences.md", "data/quizzes/L1.yml")
    timeline = html_pages["lessons/timeline/index.html"].select_one(".st-history time")
    assert timeline["datetime"] == _git_date("docs/lessons/timeline.md", "data/timeline.yml")
