"""Text of a printed PDF for the handout and print-kit tests: Poppler's pdftotext (Debian's poppler-utils) keeps
the text of Chromium's link runs (the glossary terms), which pypdf's default mode drops, at a tenth of the time
of pypdf's layout mode."""
from __future__ import annotations

import shutil
import subprocess
from functools import cache


def pdftotext(path, first: int | None = None, last: int | None = None) -> str:
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext not found: install Debian's poppler-utils (make system-deps)"
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    out = subprocess.run([exe, "-enc", "UTF-8", *pages, str(path), "-"], capture_output=True, check=True)
    return " ".join(out.stdout.decode("utf-8").split())


@cache
def text_of(path) -> str:
    return pdftotext(path)
