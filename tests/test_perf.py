"""Issue 15, build side: the Markdown extensions are only those the pages use (no superscript ordinals from
smartsymbols, "60th" stays "60th", also inside displayed URLs), and the link check's file:// mode."""
from __future__ import annotations

import re

from silverthread.link_check import check_site


def test_no_ordinal_is_turned_into_a_superscript(site_dir):
    hits = {p.relative_to(site_dir).as_posix(): m for p in site_dir.rglob("*.html")
            for m in re.findall(r"\d<sup>(?:st|nd|rd|th)</sup>", p.read_text(encoding="utf-8"))}
    assert not hits, f"ordinals rendered as superscripts (pymdownx.smartsymbols is back?): {hits}"


def test_link_check_in_file_mode_rejects_links_to_directories(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<p id="x"><a href="a/index.html">ok</a> <a href="a/">dir</a> '
                                         '<a href="../up.html">out</a> <a href="#x">ok</a></p>')
    (tmp_path / "a" / "index.html").write_text("<p>a</p>")
    assert check_site(tmp_path) == ["index.html: ../up.html (outside the site)"]
    assert check_site(tmp_path, directory_urls=False) == [
        "index.html: a/ (a directory: from file:// it shows a listing)", "index.html: ../up.html (outside the site)"]


def test_link_check_rejects_paths_outside_the_base_and_files_linked_as_directories(tmp_path):
    (tmp_path / "handouts").mkdir()
    (tmp_path / "handouts" / "a.pdf").write_bytes(b"%PDF")
    links = ['<a href="/silverthread/handouts/a.pdf">ok</a>', '<a href="/handouts/a.pdf">root</a>',
             '<a href="handouts/a.pdf/">slash</a>', '<a href="handouts/b.pdf">later</a>',
             '<a href="handouts/b.pdf/">later, slash</a>', '<a href="handouts/">a directory</a>']
    (tmp_path / "handouts" / "index.html").write_text("<p>handouts</p>")
    (tmp_path / "index.html").write_text(" ".join(links))
    assert check_site(tmp_path, base_path="/silverthread/", ignore=("handouts/b.pdf",)) == [
        "index.html: /handouts/a.pdf (outside the site: the site lives under /silverthread/)",
        "index.html: handouts/a.pdf/ (a file linked as a directory)",
        "index.html: handouts/b.pdf/ (a file linked as a directory)"]


def test_css_trim_drops_rules_for_classes_the_site_never_uses(tmp_path):
    from silverthread.css_trim import trim_site
    sheets = tmp_path / "assets" / "stylesheets"
    sheets.mkdir(parents=True)
    (tmp_path / "assets" / "site.css").write_text(".st-x{background:var(--md-details-icon)}", encoding="utf-8")
    (tmp_path / "index.html").write_text('<p class="md-used st-x">x</p>', encoding="utf-8")
    (tmp_path / "assets" / "bundle.js").write_text('e.classList.add("md-dynamic");k="md-made__"+n', encoding="utf-8")
    (sheets / "main.1.min.css").write_text(
        ":root{--md-details-icon:url('data:image/svg+xml;charset=utf-8,<svg/>');"
        "--md-tag-icon:url('data:image/svg+xml;charset=utf-8,<svg/>')}"
        ".md-used{color:red}.md-unused{color:blue}.md-used,.md-unused .x{margin:0}"
        ".md-dynamic{top:0}.md-made__meta{left:0}.md-used:not(.md-unused){right:0}"
        "@media print{.md-unused{display:none}.md-used{display:block}}@media screen{.md-unused{a:b}}"
        "@font-face{font-family:x}@keyframes k{0%{opacity:0}to{opacity:1}}/*# sourceMappingURL=main.1.min.css.map*/",
        encoding="utf-8")
    trim_site(tmp_path)
    css = (sheets / "main.1.min.css").read_text(encoding="utf-8")
    assert ".md-unused{" not in css and ".md-unused .x" not in css and "@media screen" not in css
    for kept in (".md-used{color:red}", ".md-used{margin:0}", ".md-dynamic{top:0}", ".md-made__meta{left:0}",
                 ".md-used:not(.md-unused){right:0}", "@media print{.md-used{display:block}}",
                 "@font-face{font-family:x}", "@keyframes k{0%{opacity:0}to{opacity:1}}", "--md-details-icon"):
        assert kept in css, kept
    assert "--md-tag-icon" not in css and "sourceMappingURL" not in css


def test_material_stylesheet_is_trimmed_and_still_styles_every_class_in_use(site_dir):
    from silverthread.css_trim import known_names
    sheet = next((site_dir / "assets" / "stylesheets").glob("main.*.min.css"))
    css = sheet.read_text(encoding="utf-8")
    assert len(css) < 110_000, "Material's stylesheet was not trimmed"
    for cls in ("md-header", "md-nav__link", "md-search-result__meta", "md-typeset", "admonition", "md-footer"):
        assert f".{cls}" in css, cls
    assert known_names(site_dir).has("md-search-result__article")
