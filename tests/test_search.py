"""Search on demand (issue 15), in Debian's Chromium: nothing of search (Material's worker script, the index) is
requested until the reader opens search by a click, a tap or the "/" key; then real queries find the right first
hit, with excerpts and highlighted terms; handouts and the answer key stay out; the dialog is named, takes focus,
closes on Escape, and passes axe in both colour schemes."""
from __future__ import annotations

import json

import pytest
from browser import DESKTOP, MOBILE, axe_violations, watched_page

pytestmark = pytest.mark.browser

SEARCH_FILES = ("/search/search_index.json", "/search/search_index.js", "/workers/search.")
PAGES = ["", "lessons/02-no-getting-away/", "glossary/npt/", "lessons/module-quiz/"]


def _search_requests(requests: list[str]) -> list[str]:
    return [u for u in requests if any(s in u for s in SEARCH_FILES)]


def _open_page(browser, base, path="", **context_args):
    context = browser.new_context(**{"viewport": DESKTOP, **context_args})
    page, watch = watched_page(context, base)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + path, wait_until="networkidle")
    return context, page, watch, requests


def _results(page, query: str) -> list[str]:
    """Pages of the results, in order, relative to the site root."""
    page.fill("[data-md-component=search-query]", query)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))")
    root = page.evaluate("() => new URL(JSON.parse(document.getElementById('__config').textContent).base, "
                         "location).href")
    return list(dict.fromkeys(h.split("?")[0].split("#")[0].removeprefix(root) for h in hrefs))


@pytest.mark.parametrize("path", PAGES)
def test_nothing_of_search_loads_before_first_use(browser, base, path):
    context, page, watch, requests = _open_page(browser, base, path)
    page.mouse.wheel(0, 2000)                     # reading: scroll, move the pointer, tab through the page
    page.mouse.move(200, 300)
    for _ in range(3):
        page.keyboard.press("Tab")
    page.wait_for_timeout(700)
    assert page.locator("#__search").evaluate("el => !el.checked")
    assert not _search_requests(requests), f"search loaded before first use: {_search_requests(requests)}"
    assert page.evaluate("() => document.documentElement.getAttribute('data-st-search')") is None
    page.keyboard.press("Escape")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("/")                      # first use: the keyboard shortcut
    page.wait_for_function("() => document.activeElement.matches('[data-md-component=search-query]')")
    assert _results(page, "NPT"), "no results after opening search"
    loaded = _search_requests(requests)
    assert any("/search/search_index.json" in u for u in loaded) and any("/workers/search." in u for u in loaded)
    assert not watch.errors and not watch.foreign, (watch.errors, watch.foreign)
    context.close()


def test_a_tap_on_the_header_search_icon_opens_and_loads_search(browser, base):
    context, page, watch, requests = _open_page(browser, base, "lessons/05-track-two/", viewport=MOBILE,
                                                has_touch=True, is_mobile=True)
    assert not _search_requests(requests)
    page.tap("label.md-header__button[for=__search]")
    page.wait_for_function("() => document.activeElement.matches('[data-md-component=search-query]')")
    assert _results(page, "snapback")[0] == "glossary/snapback/"
    assert _search_requests(requests)
    assert not watch.errors and not watch.foreign
    context.close()


def test_a_click_in_the_header_search_field_opens_and_loads_search(browser, base):
    context, page, watch, requests = _open_page(browser, base, "glossary/")
    assert not _search_requests(requests)
    page.click(".md-search__input")
    assert _results(page, "Valdai")[0] == "glossary/valdai-club/"
    assert _search_requests(requests)
    context.close()


@pytest.mark.parametrize("query,first", [
    ("JCPOA", "glossary/jcpoa/"),
    ("Track Two", "glossary/track-two/"),
    ("snapback", "glossary/snapback/"),
    ("Zaporizhzhia", "glossary/zaporizhzhia/"),
    ("monasteries", "lessons/05-track-two/"),      # a lesson topic: the Valaam/Track Two discussion of lesson 5
])
def test_real_queries_find_the_right_first_hit_with_excerpt_and_highlight(browser, base, query, first):
    context, page, watch, _ = _open_page(browser, base)
    page.keyboard.press("/")
    results = _results(page, query)
    assert results[0] == first, f"{query!r}: first hits {results[:4]}"
    assert not [r for r in results if r.startswith(("handouts/", "instructors/answer-key/"))], results
    top = page.locator(".md-search-result__item").first
    assert top.locator("mark").count() > 0, "the query terms are highlighted in the result"
    excerpt = " ".join(top.locator("article").all_inner_texts())
    assert len(excerpt.split()) > 8, f"the first result shows an excerpt of its text: {excerpt!r}"
    assert not watch.errors and not watch.foreign
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_dialog_is_named_focused_closes_on_escape_and_passes_axe(browser, base, scheme):
    context, page, watch, _ = _open_page(browser, base, "lessons/01-two-failed-conferences/", color_scheme=scheme)
    dialog = page.locator("[data-md-component=search]")
    assert dialog.get_attribute("role") == "dialog" and dialog.get_attribute("aria-label") == "Search"
    page.keyboard.press("/")
    page.wait_for_function("() => document.activeElement.matches('[data-md-component=search-query]')")
    assert page.locator("[data-md-component=search-query]").get_attribute("aria-label")
    _results(page, "review conference")
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == (
        "slate" if scheme == "dark" else "default")
    violations = axe_violations(page)
    assert not violations, violations
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__search').checked")
    assert not page.locator(".md-search__output").is_visible()
    assert not watch.errors and not watch.foreign
    context.close()


def test_index_leaves_out_handouts_and_answer_key_and_boosts_term_pages(site_dir):
    docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = {d["location"].split("#")[0] for d in docs}
    assert "glossary/jcpoa/" in locations and "lessons/05-track-two/" in locations
    assert not [loc for loc in locations if loc.startswith(("handouts/", "instructors/answer-key/"))]
    boosted = {d["location"] for d in docs if d.get("boost", 1) > 1}
    assert "glossary/jcpoa/" in boosted and not [b for b in boosted if not b.startswith("glossary/")]
    demoted = {d["location"].split("#")[0] for d in docs if d.get("boost", 1) < 1}
    assert demoted == {"corrections/"}, demoted  # the log names many terms; it ranks below the pages it is about
