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
from sitebuild import ROOT, build_in_process, fixture_project, run_mkdocs


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


def test_default_handouts_page_says_how_to_make_them_and_links_nothing_missing(default_build):
    soup = BeautifulSoup((default_build / "instructors/handouts/index.html").read_text(encoding="utf-8"), "html.parser")
    table = soup.select_one("table.st-handouts")
    cells = table.select("td")
    assert cells and all("make handouts" in td.get_text() for td in cells)
    assert not [a["href"] for a in table.select("a[href]")]


def test_deployed_build_has_handout_pages_linked_from_the_handouts_page(site_dir):
    soup = BeautifulSoup((site_dir / "instructors/handouts/index.html").read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in soup.select("table.st-handouts a[href]")]
    pages = [h for h in links if h.endswith("/")]
    assert pages and all((site_dir / "instructors/handouts" / h / "index.html").resolve().is_file() for h in pages)
    assert any(h.endswith(".pdf") for h in links)


@pytest.mark.parametrize("value, expected", [(True, True), (False, False), ("1", True), ("true", True),
                                             ("0", False), ("", False), ("off", False)])
def test_flag_values(value, expected, tmp_path):
    assert wanted(value, tmp_path / "mkdocs.yml") is expected


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


def test_wanted_raises_content_error(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("extra:\n  handout_pages: maybe\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"mkdocs.yml:2: .*use 1 or 0"):
        wanted("maybe", tmp_path / "mkdocs.yml")
