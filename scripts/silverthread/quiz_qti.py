"""Canvas export: QTI 1.2 zip, built with text2qti (a maintained library) from text we render from the
quiz data. text2qti reads Markdown, so our plain text is escaped for Markdown first.

Two changes to text2qti's XML, made on the parsed tree: every choice list carries shuffle="Yes", so an LMS
may shuffle the options (our own fixed order is the one the worksheet and the key show); and a
multiple-response item scores each tick (Add +100/k for each of the k right options, Add -100/m for each of
the m wrong ones; the SCORE variable is bounded to 0-100), instead of all or nothing."""
from __future__ import annotations

import io
import re
import zipfile

from lxml import etree
from text2qti.config import Config
from text2qti.qti import QTI
from text2qti.quiz import Quiz

from .templates import render

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|$])")


def md_escape(text: str) -> str:
    """Plain text -> Markdown that shows the same text (one line)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def multiple_weights(question: dict) -> list[float]:
    """Per-option score for a multiple-response item: the right set sums to 100, the wrong ticks to -100."""
    right = sum(1 for o in question["options"] if o["correct"])
    wrong = len(question["options"]) - right
    return [round(100 / right, 5) if o["correct"] else round(-100 / max(wrong, 1), 5) for o in question["options"]]


def to_text2qti(quiz: dict) -> str:
    return render("quiz.text2qti.j2", quiz=quiz, esc=md_escape)


def _rescore(xml: bytes, quiz: dict) -> bytes:
    root = etree.fromstring(xml)
    items = root.findall(".//{*}item")
    for item, q in zip(items, quiz["questions"], strict=True):
        for rc in item.iter("{*}render_choice"):
            rc.set("shuffle", "Yes")
        if q["type"] != "multiple":
            continue
        ns = etree.QName(item).namespace
        prefix = f"{{{ns}}}" if ns else ""
        labels = [lab.get("ident") for lab in item.iter("{*}response_label")]
        proc = item.find("{*}resprocessing")
        for rc in list(proc.findall("{*}respcondition")):
            if rc.find("{*}setvar") is not None:
                proc.remove(rc)
        for ident, weight in zip(labels, multiple_weights(q), strict=True):
            rc = etree.SubElement(proc, prefix + "respcondition", {"continue": "Yes"})
            cv = etree.SubElement(rc, prefix + "conditionvar")
            etree.SubElement(cv, prefix + "varequal", {"respident": "response1"}).text = ident
            etree.SubElement(rc, prefix + "setvar", {"action": "Add", "varname": "SCORE"}).text = f"{weight:g}"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def to_qti_zip(quiz: dict) -> bytes:
    """The QTI 1.2 zip (imsmanifest.xml plus assessment XML) for one quiz."""
    raw = QTI(Quiz(to_text2qti(quiz), config=Config(), source_name=quiz["quiz_id"])).zip_bytes()
    src, out = zipfile.ZipFile(io.BytesIO(raw)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            name = info.filename
            if name.endswith(".xml") and name != "imsmanifest.xml" and not name.endswith("assessment_meta.xml"):
                data = _rescore(data, quiz)
            dst.writestr(info, data)
    return out.getvalue()
