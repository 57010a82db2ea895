"""make canary (issue 15): the comparison of the MkDocs and ProperDocs outputs finds a changed page, a missing file
and an extra file, and does not count the time stamps inside the quiz zips as a difference."""
from __future__ import annotations

import importlib.util
import time
import zipfile

from sitebuild import ROOT

spec = importlib.util.spec_from_file_location("canary", ROOT / "scripts" / "canary.py")
canary = importlib.util.module_from_spec(spec)
spec.loader.exec_module(canary)


def _zip(path, stamp):
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("imsmanifest.xml", date_time=stamp), "<manifest/>")


def test_compare_finds_each_kind_of_difference(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        (d / "p").mkdir(parents=True)
        (d / "same.html").write_text('<meta name="generator" content="x 1"><p>same</p>')
    (b / "same.html").write_text('<meta name="generator" content="y 2"><p>same</p>')
    (a / "p" / "index.html").write_text("<p>one</p>")
    (b / "p" / "index.html").write_text("<p>two</p>")
    (a / "only-a.txt").write_text("a")
    (b / "only-b.txt").write_text("b")
    _zip(a / "q.zip", (2026, 1, 1, 0, 0, 0))
    _zip(b / "q.zip", time.localtime()[:6])
    only_a, only_b, differ, same = canary.compare(a, b)
    assert (only_a, only_b, differ, same) == (["only-a.txt"], ["only-b.txt"], ["p/index.html"], 3)
    assert canary.first_difference(a / "p" / "index.html", b / "p" / "index.html") == "-<p>one</p> | +<p>two</p>"
