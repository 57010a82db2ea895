"""Issue 15: handout pages (handouts/*) are built only when handouts are made (`make handouts`, `make offline`, the
deploy workflow: SILVERTHREAD_HANDOUTS=1). The default build (`make build`, `make serve`) leaves them out and its
Handouts page says how to make them, without a link to a page or PDF the build does not have."""
from __future__ import annotations

import re

import pytest
import yaml
from bs4 import BeautifulSoup
from silverthread.errors import ContentError
from silverthread.handout_pages import wanted
from sitebuild import ROOT, build_fixture, build_in_process, fixture_project, run_mkdocs


@pytest.fixture(scope="module")
def default_build(tmp_path_factory):
    result = run_mkdocs(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("default") / "site", handouts=False)
    assert result.returncode == 0, f"the default strict build failed:\n{result.output[-4000:]}"
    assert not result.warnings, "\n".join(result.warnings)
    return result.site


def test_default_build_has_no_handout_pages(default_build):
    assert not list((default_build / "handouts").glob("*/index.html"))
    locs = re.findall(r"<loc>([^<]+)</loc>", (default_build / "sitemap.xml").read_text(encoding="utf-8"))
    assert any(loc.endswith("/instructors/handouts/") for loc in locs)
    assert not [loc for loc in locs if "/handouts/" in loc and "/instructors/handouts/" not in loc]


def test_default_handouts_page_says_where_they_are_and_links_nothing_missing(default_build):
    soup = BeautifulSoup((default_build / "instructors/handouts/index.html").read_text(encoding="utf-8"), "html.parser")
    table = soup.select_one("table.st-handouts")
    cells = table.select("td")
    assert cells and all(td.get_text(strip=True) == "Not in this local copy" for td in cells)
    assert not table.select("a[href]")
    note = table.find_previous_sibling("div", class_="admonition")
    assert "make handouts" in note.get_text() and note.a["href"].endswith("/instructors/handouts/")


def test_deployed_build_has_handout_pages_linked_from_the_handouts_page(site_dir):
    soup = BeautifulSoup((site_dir / "instructors/handouts/index.html").read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in soup.select("table.st-handouts a[href]")]
    pages = [h for h in links if h.endswith("/")]
    assert pages and all((site_dir / "instructors/handouts" / h / "index.html").resolve().is_file() for h in pages)
    assert any(h.endswith(".pdf") for h in links)


def _flag_from_env(monkeypatch, value: str | None):
    """extra.handout_pages as the build sees it: SILVERTHREAD_HANDOUTS read through mkdocs.yml's !ENV tag."""
    from mkdocs.config import load_config

    if value is None:
        monkeypatch.delenv("SILVERTHREAD_HANDOUTS", raising=False)
    else:
        monkeypatch.setenv("SILVERTHREAD_HANDOUTS", value)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return load_config(str(ROOT / "mkdocs.yml")).extra.get("handout_pages", False)


@pytest.mark.parametrize("env, expected", [(None, False), ("", False), ("0", False), ("false", False),
                                           ("1", True), ("true", True)])
def test_flag_from_the_environment(env, expected, monkeypatch):
    assert wanted(_flag_from_env(monkeypatch, env), ROOT / "mkdocs.yml") is expected


@pytest.mark.parametrize("env", ["maybe", "2", "handouts"])
def test_unclear_flag_from_the_environment_fails_with_file_and_line(env, monkeypatch):
    value = _flag_from_env(monkeypatch, env)
    line = next(i for i, text in enumerate((ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), 1)
                if text.strip().startswith("handout_pages:"))
    with pytest.raises(ContentError, match=rf"mkdocs.yml:{line}: extra.handout_pages .* use 1 or 0"):
        wanted(value, ROOT / "mkdocs.yml")


def test_unclear_flag_fails_the_build_with_file_and_line(tmp_path):
    project = fixture_project(tmp_path)
    config_path = project / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["extra"]["handout_pages"] = "maybe"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    line = next(i for i, text in enumerate(config_path.read_text(encoding="utf-8").splitlines(), 1)
                if "handout_pages:" in text)
    result = build_in_process(config_path, tmp_path / "site")
    assert result.returncode == 1
    assert f"mkdocs.yml:{line}: extra.handout_pages (SILVERTHREAD_HANDOUTS) is 'maybe'" in result.output


def test_only_the_handout_pdfs_may_wait_for_make_handouts(tmp_path):
    """The link check lets links to the PDFs `make handouts` prints pass before they exist, and no other PDF."""
    page = ('# Extra\n\n<a href="../handouts/lesson-1-student.pdf">printed later</a>\n'
            '<a href="handouts/lesson-1-student.pdf">wrong folder</a>\n'
            '<a href="../handouts/lesson-9-student.pdf">never printed</a>\n<a href="../notes.pdf">stray</a>\n')
    result = build_fixture(tmp_path, {"docs/extra.md": page})
    assert result.returncode == 1
    problems = [line.strip() for line in result.output.splitlines() if line.strip().startswith("extra/index.html:")]
    assert problems == ["extra/index.html: handouts/lesson-1-student.pdf (no such file)",
                        "extra/index.html: ../handouts/lesson-9-student.pdf (no such file)",
                        "extra/index.html: ../notes.pdf (no such file)"], result.output[-2000:]
