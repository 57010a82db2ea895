"""Quality gates in a real browser (Debian's Chromium through Playwright): accessibility (axe-core, WCAG 2.1
A/AA) on every page in both colour schemes at desktop and phone widths (all four combinations), no console
errors, no third-party requests, keyboard use, search, no horizontal scrolling at 360 px, and print media
without chrome or answers."""
from __future__ import annotations

import pytest
from browser import DESKTOP, MOBILE, NO_TRANSITIONS, axe_violations, check_in, switch, watched_page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page_urls(html_pages):
    return sorted(rel.removesuffix("index.html") for rel in html_pages)


# Every page in all four combinations of scheme (light, dark) and width (desktop, 360 px). Each page is loaded
# once and switched in place; axe checks the content area of every page in every combination, and the whole
# page (header, navigation, footer, search) for one page of each template.
ONE_PER_TEMPLATE = ["", "lessons/", "lessons/02-no-getting-away/", "lessons/timeline/", "lessons/module-quiz/",
                    "glossary/", "glossary/npt/", "references/", "instructors/answer-key/", "instructors/handouts/",
                    "handouts/lesson-1-instructor/", "handouts/lesson-1-student/", "handouts/lesson-1-slides/",
                    "about/"]
COMBINATIONS = [("light", DESKTOP), ("dark", DESKTOP), ("dark", MOBILE), ("light", MOBILE)]
CHUNKS = 4  # the pages in four groups, so that pytest-xdist can spread them over the cores


@pytest.mark.parametrize("chunk", range(CHUNKS), ids=[f"pages-{i + 1}-of-{CHUNKS}" for i in range(CHUNKS)])
def test_every_page_passes_axe_in_both_schemes_at_both_widths_and_loads_cleanly(browser, base, page_urls, chunk):
    assert set(ONE_PER_TEMPLATE) <= set(page_urls)
    context = browser.new_context(viewport=DESKTOP, color_scheme="light", reduced_motion="reduce")
    context.add_init_script(NO_TRANSITIONS)
    page, watch = watched_page(context, base)
    problems, combinations = [], 0
    found_in: dict[str, list[str]] = {}  # one line per violation, with the combinations it appears in
    for url in page_urls[chunk::CHUNKS]:
        watch.errors.clear()
        page.goto(base + url, wait_until="load")
        page.evaluate("() => document.fonts.ready.then(() => true)")  # computed styles final before axe
        for n, (scheme, viewport) in enumerate(COMBINATIONS):
            scope = None if url in ONE_PER_TEMPLATE else "article"
            found, overflow = check_in(page, scheme, viewport, scope, preload=n == 0)
            width = "360px" if viewport is MOBILE else "desktop"
            for v in found:
                found_in.setdefault(f"/{url} ({scope or 'whole page'}): {v}", []).append(f"{scheme} {width}")
            combinations += 1
            if viewport is MOBILE and overflow > 0:
                problems.append(f"/{url} [{scheme}]: scrolls horizontally by {overflow}px at 360px")
        problems += [f"/{url}: console error: {e}" for e in watch.errors]
    problems += [f"request to another host: {u}" for u in watch.foreign]
    problems += [f"{v} [{', '.join(where)}]" for v, where in found_in.items()]
    context.close()
    assert combinations == 4 * len(page_urls[chunk::CHUNKS])
    assert not problems, "\n".join(problems[:40])


def test_axe_sees_a_contrast_failure_in_dark_mode_only(browser, base):
    """Switching in place really changes what axe measures: a colour that fails only on the dark background."""
    context = browser.new_context(viewport=DESKTOP, color_scheme="light", reduced_motion="reduce")
    context.add_init_script(NO_TRANSITIONS)
    page, _ = watched_page(context, base)
    page.goto(base + "about/", wait_until="load")
    page.evaluate("""() => { const p = document.createElement('p'); p.textContent = 'Low contrast in dark mode';
        p.id = 'st-canary'; p.style.color = '#1a1a1a'; document.querySelector('article').append(p); }""")
    switch(page, "light", DESKTOP)
    assert not [v for v in axe_violations(page, "#st-canary") if v.startswith("color-contrast")]
    switch(page, "dark", MOBILE)
    assert [v for v in axe_violations(page, "#st-canary") if v.startswith("color-contrast")]
    context.close()


def tab_to(page, selector: str, limit: int = 600) -> None:
    """Press Tab until the element matching selector has focus (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"could not reach {selector} with Tab")


def test_quiz_is_usable_by_keyboard_only(browser, base):
    context = browser.new_context(viewport=DESKTOP)
    page, watch = watched_page(context, base)
    page.goto(base + "lessons/01-two-failed-conferences/")
    questions = page.locator("section.st-quiz li.st-q[data-type=single]")
    first, second = questions.nth(0), questions.nth(1)
    right = int(first.locator("[data-correct=true]").first.get_attribute("data-option"))
    wrong = int(second.locator("[data-correct=false]").first.get_attribute("data-option"))
    first_id = first.get_attribute("data-qid")
    second_id = second.get_attribute("data-qid")

    def answer(qid: str, option: int) -> None:
        tab_to(page, f'input[name="{qid}"]')
        page.keyboard.press("Space")            # selects the focused (first) option
        for _ in range(option):
            page.keyboard.press("ArrowDown")    # arrows move the selection within the group
        tab_to(page, f'li[data-qid="{qid}"] button.st-q__check')
        page.keyboard.press("Enter")

    answer(first_id, right)
    assert page.locator(f'li[data-qid="{first_id}"] .st-q__feedback').inner_text().startswith("Correct.")
    answer(second_id, wrong)
    feedback = page.locator(f'li[data-qid="{second_id}"] .st-q__feedback')
    assert feedback.inner_text().startswith("Not quite.")
    assert feedback.get_attribute("aria-live") == "polite"
    score = page.locator("section.st-quiz .st-quiz__score").inner_text()
    assert score.startswith("Score: 1 of ") and "(2 answered)" in score
    page.reload()                              # progress survives a reload (localStorage)
    assert "(2 answered)" in page.locator("section.st-quiz .st-quiz__score").inner_text()
    assert not watch.errors and not watch.foreign
    context.close()


def test_keyboard_focus_is_visible_on_links_terms_and_quiz_controls(browser, base):
    context = browser.new_context(viewport=DESKTOP)
    page, _ = watched_page(context, base)
    page.goto(base + "lessons/02-no-getting-away/")
    for selector in ["a.st-term__link", "section.st-quiz input", "button.st-q__check", "nav.md-nav a"]:
        tab_to(page, selector)
        style = page.evaluate("() => { const s = getComputedStyle(document.activeElement); "
                              "return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }")
        assert style[0] != "none" and style[1] != "0px" or style[2] != "none", f"{selector}: no visible focus"
    tab_to(page, "a.st-term__link")
    tip = page.locator("a.st-term__link:focus + .st-term__tip")
    assert tip.is_visible(), "a term's definition shows on keyboard focus"
    page.keyboard.press("Escape")
    assert not tip.is_visible(), "Escape dismisses the definition"
    context.close()


def test_print_media_hides_chrome_and_quiz_answers(browser, base):
    context = browser.new_context(viewport=DESKTOP)
    page, _ = watched_page(context, base)
    page.goto(base + "lessons/04-what-still-works/")
    page.emulate_media(media="print")
    for selector in ["header.md-header", ".md-sidebar--primary", "footer.md-footer", ".md-search"]:
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("section.st-quiz li.st-q").first.is_visible()
    assert page.locator("details.st-q__answer").count() > 0
    for i in range(page.locator("details.st-q__answer").count()):
        assert not page.locator("details.st-q__answer").nth(i).is_visible()
    assert not page.locator("button.st-q__check").first.is_visible()
    context.close()
