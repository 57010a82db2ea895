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


def axe_violations(page) -> list[str]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    script = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
    result = page.evaluate(script, WCAG_TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(n["target"][0] if isinstance(n["target"][0], str)
            else str(n["target"]) for n in v["nodes"][:3]) for v in result["violations"]]
