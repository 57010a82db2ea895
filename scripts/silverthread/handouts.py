"""Print the handout pages of a built site to PDF with headless Chromium (python -m silverthread.handouts SITE).

Why Chromium rather than WeasyPrint: the tests already need Chromium, so printing adds no install; it renders
the site's own print stylesheet exactly as a reader's browser does, embeds font subsets, and keeps internal
links. Each PDF gets a header with the module's citation and address and a footer with page numbers."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from .local_server import CHROMIUM_ARGS, chromium_path, serve
from .print_kit import SITE_URL

CITATION = "Silver Thread: a course module on Margoev (2022), “The ‘Silver Thread’ Torn Apart”"
HEADER = ('<div style="font-size:7pt;width:100%;margin:0 12mm;color:#333;font-family:sans-serif;">'
          f'{CITATION}. {SITE_URL}</div>')
FOOTER = ('<div style="font-size:8pt;width:100%;text-align:center;color:#333;font-family:sans-serif;">'
          'Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>')


# Links to other pages of the site point at the published site, not at the temporary local server the PDF is
# printed from; links within the page (#...) stay internal (PDF named destinations). The print stylesheet
# spells out the address of links to other sites; these stay as they were printed before (text only).
_PUBLIC_LINKS = """([local, published]) => {
  for (const a of document.querySelectorAll("a[href]")) {
    if (!a.getAttribute("href").startsWith("#") && a.href.startsWith(local)) {
      a.href = published + a.href.slice(local.length);
      a.setAttribute("data-st-site-link", "");
    }
  }
  const style = document.createElement("style");
  style.textContent = ".md-typeset a[data-st-site-link]::after { content: none !important; }";
  document.head.append(style);
}"""


# Paper: A4 for sheets, handouts and cards; slide decks (handouts/lesson-N-slides) on 16:9 pages (10 x 5.625 in).
# Every PDF is tagged (structure tree, /Lang from the page's lang), has bookmarks from its headings (outline) and
# the page title as its document title; tests/test_print_kit.py checks each of these.
A4 = {"format": "A4", "margin": {"top": "18mm", "bottom": "16mm", "left": "16mm", "right": "16mm"}}
SHEET = {"format": "A4", "margin": {"top": "14mm", "bottom": "12mm", "left": "14mm", "right": "14mm"}}
SLIDES = {"width": "254mm", "height": "142.875mm",
          "margin": {"top": "10mm", "bottom": "9mm", "left": "14mm", "right": "14mm"}}


def paper(name: str) -> dict:
    """Slides 16:9; student worksheets A4 with narrower margins (two pages); everything else A4."""
    return SLIDES if name.endswith("-slides") else SHEET if name.endswith("-student") else A4


def handout_pages(site: Path) -> list[str]:
    return sorted(p.parent.name for p in (site / "handouts").glob("*/index.html"))


def print_handouts(site: Path) -> list[Path]:
    """Write site/handouts/<name>.pdf for every handout page; return the PDFs."""
    names = handout_pages(site)
    if not names:
        raise SystemExit(f"no handout pages under {site}/handouts: build the site with them first "
                         "(SILVERTHREAD_HANDOUTS=1 mkdocs build --strict; make handouts does both steps)")
    out = []
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.emulate_media(media="print", color_scheme="light")
        for name in names:
            page.goto(f"{base}handouts/{name}/", wait_until="load")
            page.evaluate(_PUBLIC_LINKS, [base, SITE_URL])
            target = site / "handouts" / f"{name}.pdf"
            page.pdf(path=str(target), print_background=False, display_header_footer=True,
                     header_template=HEADER, footer_template=FOOTER, outline=True, tagged=True, **paper(name))
            out.append(target)
        browser.close()
    return out


def main(argv: list[str]) -> int:
    site = Path(argv[1] if len(argv) > 1 else "site")
    start = time.perf_counter()
    pdfs = print_handouts(site)
    print(f"{len(pdfs)} handouts in {time.perf_counter() - start:.1f} s: {site}/handouts/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
