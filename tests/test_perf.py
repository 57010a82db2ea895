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
