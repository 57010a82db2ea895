"""Figures: accessible inline SVG drawn by us (data/figures/<id>.svg, captions in data/figures.yml, schema
figures), shown by `[[figure:ID]]` as <figure> with <figcaption>. Every SVG is checked: role="img", a <title>
and a <desc> named by aria-labelledby, words as real <text>, no external reference (fonts, links, images), and
colours only as currentColor or CSS custom properties, so it reads in light and dark schemes and in print."""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from .data_files import line_at, load_yaml
from .errors import ContentError

SVG_NS = "http://www.w3.org/2000/svg"
XLINK = "{http://www.w3.org/1999/xlink}href"
COLOUR_PROPS = ("fill", "stroke", "color", "stop-color", "flood-color", "lighting-color")
ALLOWED_COLOUR = re.compile(r"^(none|currentColor|transparent|inherit|var\(--[A-Za-z0-9_-]+(,[^;]*)?\))$")
FORBIDDEN_TAGS = {"image", "foreignObject", "script", "font", "font-face", "glyph", "a", "iframe", "video", "audio"}


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def check_svg(svg_text: str, fig_id: str, path: Path) -> None:
    """Raise ContentError (with the SVG's line) unless the drawing meets the rules in the module docstring."""
    try:
        root = etree.fromstring(svg_text.encode("utf-8"))
    except etree.XMLSyntaxError as exc:
        raise ContentError(path, f"not well-formed SVG: {exc}", exc.lineno) from None

    def fail(problem: str, el=None) -> None:
        raise ContentError(path, problem, getattr(el, "sourceline", None) or 1)

    if _local(root.tag) != "svg" or etree.QName(root.tag).namespace != SVG_NS:
        fail("the root element must be <svg xmlns=\"http://www.w3.org/2000/svg\">", root)
    if root.get("role") != "img":
        fail('the <svg> needs role="img"', root)
    if not root.get("viewBox"):
        fail("the <svg> needs a viewBox (it scales with the page)", root)
    title = next((c for c in root if _local(c.tag) == "title"), None)
    desc = next((c for c in root if _local(c.tag) == "desc"), None)
    if title is None or not "".join(title.itertext()).strip():
        fail("the <svg> needs a <title> with text as its first child (its accessible name)", root)
    if desc is None or not "".join(desc.itertext()).strip():
        fail("the <svg> needs a <desc> with text (its description)", root)
    labelled = (root.get("aria-labelledby") or "").split()
    if not title.get("id") or not desc.get("id") or labelled != [title.get("id"), desc.get("id")]:
        fail('wire the name: <svg aria-labelledby="TITLE-ID DESC-ID"> with id on <title> and <desc>', root)
    prefix = f"fig-{fig_id}-"
    texts = 0
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = _local(el.tag)
        if name in FORBIDDEN_TAGS:
            fail(f"<{name}> is not allowed (no images, links, scripts or embedded fonts in figures)", el)
        if name == "text":
            texts += bool("".join(el.itertext()).strip())
        if name in ("g", "path") and el.get("aria-label"):
            fail(f"<{name} aria-label=...> looks like text converted to paths: write the words as <text>", el)
        if el.get("id") and not el.get("id").startswith(prefix):
            fail(f"id '{el.get('id')}' must start with '{prefix}' (ids stay unique on a page with several figures)",
                 el)
        for attr in ("href", XLINK, "src"):
            ref = el.get(attr)
            if ref is not None and not ref.startswith("#"):
                fail(f"external reference {ref!r}: figures may only refer to their own elements ('#id')", el)
        style = el.get("style") or ""
        if name == "style":
            style = "".join(el.itertext())
            if re.search(r"@import|@font-face", style):
                fail("no @import or @font-face in figures (no external fonts)", el)
        if re.search(r"url\((?!\s*['\"]?#)", style):
            fail("url(...) may only point at the figure's own elements", el)
        values = [(p, el.get(p)) for p in COLOUR_PROPS if el.get(p) is not None]
        values += [(m.group(1), m.group(2).strip()) for m in
                   re.finditer(r"(?<![\w-])(" + "|".join(COLOUR_PROPS) + r")\s*:\s*([^;}]+)", style)]
        for prop, value in values:
            if not ALLOWED_COLOUR.match(value) and not value.startswith("url(#"):
                fail(f"{prop}: {value!r}: use currentColor or a CSS custom property (var(--...)) so the figure "
                     "follows the light and dark schemes and print", el)
    if not texts:
        fail("the figure has no <text>: its words must be real text, not drawn shapes", root)


def inline(svg_text: str) -> str:
    """The SVG as one block for inlining in HTML: no XML declaration, comments or blank lines."""
    text = re.sub(r"<\?xml[^>]*\?>", "", svg_text)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    return "\n".join(line.rstrip() for line in text.splitlines() if line.strip())


def load_figures(path: Path, figures_dir: Path) -> dict[str, dict]:
    """Figure id -> figure (with '_svg' ready to inline, '_lessons', '_path')."""
    figures: dict[str, dict] = {}
    for index, fig in enumerate(load_yaml(path, "figures")["figures"]):
        if fig["id"] in figures:
            raise ContentError(path, f"figure id '{fig['id']}' is used twice", line_at(path, ["figures", index, "id"]))
        svg_path = figures_dir / f"{fig['id']}.svg"
        if not svg_path.exists():
            raise ContentError(path, f"figure '{fig['id']}': no drawing at {svg_path}",
                               line_at(path, ["figures", index, "id"]))
        svg = svg_path.read_text(encoding="utf-8")
        check_svg(svg, fig["id"], svg_path)
        figures[fig["id"]] = {**fig, "_svg": inline(svg), "_lessons": fig["lessons"], "_path": str(path)}
    return figures


def renumber_ids(svg: str, fig_id: str, copy: int) -> str:
    """The second and later copies of a figure on one page (the whole-module handout) get their own ids."""
    return re.sub(rf"\bfig-{re.escape(fig_id)}-([A-Za-z0-9_-]+)", rf"fig-{fig_id}-\1-{copy}", svg)
