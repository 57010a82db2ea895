"""Canvas export: QTI 1.2 zip, built with text2qti (a maintained library) from text we render from the
quiz data. text2qti reads Markdown, so our plain text is escaped for Markdown first."""
from __future__ import annotations

import re

from text2qti.config import Config
from text2qti.qti import QTI
from text2qti.quiz import Quiz

from .templates import render

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|$])")


def md_escape(text: str) -> str:
    """Plain text -> Markdown that shows the same text (one line)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def to_text2qti(quiz: dict) -> str:
    return render("quiz.text2qti.j2", quiz=quiz, esc=md_escape)


def to_qti_zip(quiz: dict) -> bytes:
    """The QTI 1.2 zip (imsmanifest.xml plus assessment XML) for one quiz."""
    return QTI(Quiz(to_text2qti(quiz), config=Config(), source_name=quiz["quiz_id"])).zip_bytes()
