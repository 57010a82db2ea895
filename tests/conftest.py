"""Shared fixtures: the real site is built once per test session (strictly; any warning fails)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from silverthread.lessons import load_lessons
from silverthread.quiz_data import load_quizzes
from sitebuild import ROOT, BuildResult, run_mkdocs


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuildResult:
    result = run_mkdocs(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site") / "site")
    assert result.returncode == 0, f"the strict build failed:\n{result.output[-4000:]}"
    assert not result.warnings, "the build logged warnings:\n" + "\n".join(result.warnings)
    return result


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


@pytest.fixture(scope="session")
def article_text() -> str:
    """The article (copyrighted: never in the repo). CI and developers have it at ../shared/seed/."""
    path = Path(os.environ.get("SILVERTHREAD_ARTICLE", ROOT.parent / "shared" / "seed" / "article.txt"))
    assert path.exists(), (f"the article text is needed for the quotation checks: {path} not found "
                           "(set SILVERTHREAD_ARTICLE to its path)")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def facts_md() -> str:
    path = Path(os.environ.get("SILVERTHREAD_FACTS", ROOT.parent / "shared" / "reference" / "facts.md"))
    assert path.exists(), f"the fact-check table is needed: {path} not found (set SILVERTHREAD_FACTS)"
    return path.read_text(encoding="utf-8")
