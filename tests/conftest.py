"""Shared fixtures: the real site is built once per test session (strictly; any warning fails)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from silverthread.lessons import load_lessons
from silverthread.quiz_data import load_quizzes
from sitebuild import ROOT, BuildResult, build_fixture, run_mkdocs


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuildResult:
    result = run_mkdocs(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site") / "site")
    assert result.returncode == 0, f"the strict build failed:\n{result.output[-4000:]}"
    assert not result.warnings, "the build logged warnings:\n" + "\n".join(result.warnings)
    assert list(result.site.glob("handouts/*/index.html")), "the session site must have its handout pages, as deployed"
    return result


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> BuildResult:
    """The unchanged minimal fixture project, built once for every test that only reads it."""
    tmp = tmp_path_factory.mktemp("fixture-site")
    return build_fixture(tmp)


@pytest.fixture(scope="session")
def site_dir(site) -> Path:
    return site.site


@pytest.fixture(scope="session")
def html_pages(site_dir) -> dict[str, BeautifulSoup]:
    """Built page path (relative to the site) -> parsed HTML, for every page except the 404 page."""
    pages = {}
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel == "404.html":
            continue
        pages[rel] = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    return pages


@pytest.fixture(scope="session")
def lessons():
    return load_lessons(ROOT / "docs" / "lessons")


@pytest.fixture(scope="session")
def quizzes(lessons):
    return load_quizzes(ROOT / "data" / "quizzes", lessons)


def _shared_file(env: str, rel: str) -> Path | None:
    """A file of the editors' shared material: $env if set, else ../shared/<rel> beside the clone, else None."""
    path = Path(os.environ[env]) if os.environ.get(env) else ROOT.parent / "shared" / rel
    if os.environ.get(env) and not path.is_file():
        raise pytest.UsageError(f"{env}={path}: no such file")
    return path if path.is_file() else None


ARTICLE = _shared_file("SILVERTHREAD_ARTICLE", "seed/article.txt")
FACTS = _shared_file("SILVERTHREAD_FACTS", "reference/facts.md")


@pytest.fixture(scope="session")
def article_text() -> str:
    """The article (copyrighted: never in the repository). Tests that need the text itself skip without it;
    the quotation checks run from the committed fingerprint either way (silverthread.article_fingerprint)."""
    if ARTICLE is None:
        pytest.skip("article text not at hand (set SILVERTHREAD_ARTICLE or place ../shared/seed/article.txt); "
                    "quotes were checked against the committed fingerprint")
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def facts_md() -> str:
    """The editors' fact-check table; the tests' own copy of what they need is data/fact_check_rows.yml."""
    if FACTS is None:
        pytest.skip("facts.md not at hand (set SILVERTHREAD_FACTS or place ../shared/reference/facts.md)")
    return FACTS.read_text(encoding="utf-8")


# ---- browser tests (test_browser.py, test_search.py): one local server and one Chromium per test module ----

@pytest.fixture(scope="module")
def base(site_dir):
    from silverthread.local_server import serve

    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    from silverthread.local_server import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()
