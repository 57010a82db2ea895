"""The offline edition (issue 15, `make offline`): the zip is unzipped, opened from disk (file://) in Debian's
Chromium with the network cut off and every non-file request blocked, and used: navigation, search, a quiz with
progress kept across a reload, a glossary definition on hover, the handout PDFs and the quiz downloads."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from browser import DESKTOP
from playwright.sync_api import sync_playwright
from silverthread.handouts import print_handouts
from silverthread.local_server import CHROMIUM_ARGS, chromium_path
from silverthread.offline import explicit, make_offline

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_root(site_dir, tmp_path_factory) -> Path:
    if not list((site_dir / "handouts").glob("*.pdf")):   # test_handouts may have printed them already
        print_handouts(site_dir)
    tmp = tmp_path_factory.mktemp("offline")
    zip_path, count, changed = make_offline(site_dir, tmp / "silverthread-offline.zip")
    assert count > 100 and changed > 1000
    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()
        assert "README.txt" in names and "silverthread/index.html" in names
        assert any(n.startswith("silverthread/handouts/") and n.endswith(".pdf") for n in names)
        assert any(n.startswith("silverthread/downloads/") and n.endswith(".gift.txt") for n in names)
        zf.extractall(tmp / "unzipped")
    return tmp / "unzipped" / "silverthread"


@pytest.fixture()
def offline_page(offline_root):
    """A page of a browser with no network: any request that is not for a file on disk is blocked and recorded."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=DESKTOP)
        context.set_offline(True)
        blocked, errors = [], []

        def route(r):
            if r.request.url.startswith(("file:", "data:", "blob:", "about:")):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        yield page, offline_root.as_uri() + "/", blocked, errors
        assert not blocked, f"requests beyond the disk: {blocked}"
        assert not errors, f"console errors: {errors}"
        browser.close()


def test_directory_links_become_explicit():
    dirs = {"", "lessons", "lessons/02-no-getting-away"}
    assert explicit("../lessons/02-no-getting-away/#key-passages", "glossary", dirs) == \
        "../lessons/02-no-getting-away/index.html#key-passages"
    assert explicit("..", "lessons", dirs) == "../index.html"
    assert explicit(".", "", dirs) == "./index.html"
    assert explicit("../assets/site.css", "lessons", dirs) == "../assets/site.css"
    assert explicit("https://example.org/", "", dirs) == "https://example.org/"
    assert explicit("#top", "", dirs) == "#top"


def test_navigation_works_from_disk(offline_page):
    page, base, _, _ = offline_page
    page.goto(base + "index.html")
    page.click("nav.md-nav--primary a[href$='lessons/02-no-getting-away/index.html']")
    assert page.url.endswith("/lessons/02-no-getting-away/index.html")
    assert "No getting away" in page.locator("h1").first.inner_text() or page.locator("article h1").count() == 1
    page.click("a.md-footer__link--next")
    assert page.url.endswith("/lessons/03-negotiate-or-speak-out/index.html")
    page.click("a.md-header__button.md-logo")
    assert page.url.endswith("/silverthread/index.html")


def test_search_works_from_disk(offline_page):
    page, base, _, _ = offline_page
    page.goto(base + "lessons/index.html")
    page.keyboard.press("/")
    page.keyboard.type("JCPOA", delay=50)        # typed, as a reader does (the bundle reads keyup)
    page.wait_for_selector(".md-search-result__item", timeout=20000)
    first = page.locator(".md-search-result__item > a").first
    assert "/glossary/jcpoa/index.html" in first.get_attribute("href")
    assert first.locator("mark").count() > 0
    first.click()
    page.wait_for_url("**/glossary/jcpoa/index.html*")
    assert "JCPOA" in page.locator("article h1").inner_text()


def test_quiz_keeps_progress_from_disk(offline_page):
    page, base, _, _ = offline_page
    page.goto(base + "lessons/module-quiz/index.html")
    question = page.locator("section.st-quiz li[data-qid]").first
    right = int(question.locator("[data-correct=true]").first.get_attribute("data-option"))
    question.locator("input").nth(right).check()
    question.locator("button.st-q__check").click()
    assert question.locator(".st-q__feedback").inner_text().startswith("Correct.")
    page.reload()
    assert "(1 answered)" in page.locator("section.st-quiz .st-quiz__score").first.inner_text()


def test_glossary_definition_shows_on_hover_from_disk(offline_page):
    page, base, _, _ = offline_page
    page.goto(base + "lessons/01-two-failed-conferences/index.html")
    term = page.locator("article a.st-term__link").first
    term.hover()
    assert page.locator("article a.st-term__link:hover + .st-term__tip").is_visible()


def test_handout_pdfs_and_downloads_are_on_disk(offline_page, offline_root):
    page, base, _, _ = offline_page
    page.goto(base + "instructors/handouts/index.html")
    pdfs = page.eval_on_selector_all("a[href$='.pdf']", "els => els.map(e => e.href)")
    assert len(pdfs) >= 16
    for url in pdfs:
        path = Path(url.removeprefix("file://"))
        assert path.is_relative_to(offline_root) and path.read_bytes()[:5] == b"%PDF-", url
    web = page.eval_on_selector_all("table.st-handouts a:not([href$='.pdf'])", "els => els.map(e => e.href)")
    assert web and all(u.endswith("/index.html") for u in web)
    page.goto(web[0])
    assert page.locator("article h1").count() == 1
    page.goto(base + "instructors/answer-key/index.html")
    gifts = page.eval_on_selector_all("a[href$='.gift.txt'], a[href$='-qti.zip']", "els => els.map(e => e.href)")
    assert gifts and all(Path(u.removeprefix("file://")).is_file() for u in gifts)
