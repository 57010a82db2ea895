"""Playwright helpers for the browser tests: Debian's Chromium, a local server, and a page that records
console errors and blocks (and records) any request to a host other than the local server."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sitebuild import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 360, "height": 740}


@dataclass
class Watch:
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)


def watched_page(context, base: str):
    """A new page whose console errors and foreign requests are recorded; foreign requests are blocked."""
    watch = Watch()
    host = urlsplit(base).netloc

    def route(r):
        if urlsplit(r.request.url).netloc == host or r.request.url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            watch.foreign.append(r.request.url)
            r.abort()

    context.add_init_script(path=str(AXE))  # axe-core from node_modules (pinned), never from a CDN
    page = context.new_page()
    page.route("**/*", route)
    page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.errors.append(str(e)))
    return page, watch


# Transitions and animations off, so that axe never measures a colour halfway through a scheme switch.
NO_TRANSITIONS = """document.addEventListener("DOMContentLoaded", () => {
  const style = document.createElement("style");
  style.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
  document.head.append(style);
});"""


# In the page, in one round trip: switch the scheme through Material's palette toggle (the reader's own switch:
# Material follows the system scheme only on a first visit, then it remembers the palette), wait until it is
# applied and two frames are painted, run axe, and measure horizontal overflow.
_SWITCH_AND_CHECK = """async ([want, ctx, tags, preload]) => {
  const body = document.body;
  if (body.getAttribute("data-md-color-scheme") !== want) {
    document.querySelector(`input.md-option[data-md-color-scheme='${want}']`).click();
  }
  const frame = () => new Promise(r => requestAnimationFrame(r));
  const deadline = Date.now() + 5000;
  while (body.getAttribute("data-md-color-scheme") !== want || body.hasAttribute("data-md-color-switching")) {
    if (Date.now() > deadline) throw new Error(`the page did not switch to the ${want} scheme`);
    await frame();
  }
  await frame(); await frame();
  const result = ctx === false ? {violations: []} : await axe.run(ctx ? {include: [ctx]} : document,
      {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"], preload});
  return {violations: result.violations,
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth};
}"""


def _describe(violations: list[dict]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(n["target"][0] if isinstance(n["target"][0], str)
            else str(n["target"]) for n in v["nodes"][:3]) for v in violations]


def check_in(page, scheme: str, viewport: dict, context: str | None | bool = None,
             preload: bool = True) -> tuple[list[str], int]:
    """Switch the loaded page to a colour scheme and width in place (no reload) and return (axe violations,
    horizontal overflow in px). `context`: a CSS selector to check only that part, None for the whole page,
    False for no axe run. `preload` fetches the stylesheets for the one rule that reads them
    (css-orientation-lock, which neither scheme nor width changes): a third of axe's time on a page, so it is
    needed once per page, not once per combination. Axe must be in the page (watched_page injects it)."""
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size(viewport)
    want = "slate" if scheme == "dark" else "default"
    out = page.evaluate(_SWITCH_AND_CHECK, [want, context, WCAG_TAGS, preload])
    return _describe(out["violations"]), out["overflow"]


def switch(page, scheme: str, viewport: dict) -> None:
    check_in(page, scheme, viewport, context=False)


def axe_violations(page, context: str | None = None, preload: bool = True) -> list[str]:
    """WCAG 2.1 A/AA violations on the whole page, or only inside `context` (a CSS selector), as it is now."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    script = ("([ctx, tags, preload]) => axe.run(ctx ? {include: [ctx]} : document, "
              "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'], preload})")
    return _describe(page.evaluate(script, [context, WCAG_TAGS, preload])["violations"])
