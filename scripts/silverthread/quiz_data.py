"""Quiz files (data/quizzes/*.yml): schema plus the rules a schema cannot say (one correct answer, known
objective, unique ids, known citation keys, lesson links that exist). One source for the web quiz, the
worksheet, the answer key and the LMS exports: options are put into their one display order here
(quiz_shuffle), and citations `[@key, locator]` become plain-text source labels, so every output agrees."""
from __future__ import annotations

import html
import re
from pathlib import Path

import yaml
from markdown.extensions.toc import slugify
from pybtex.database import parse_file

from .data_files import _line_of, load_yaml
from .errors import ContentError
from .quiz_shuffle import shuffle_bank

TEXT_FIELDS = ("stem", "explanation", "feedback_correct", "feedback_incorrect")
_CITE = re.compile(r"\[(@[^\[\]]+)\]")
_HEADING = re.compile(r"^#{2,6}\s+(.+?)\s*(?:\{:?\s*#([\w-]+)[^}]*\})?\s*$", re.MULTILINE)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")


def _fail(path: Path, qi: int, qid: str, problem: str) -> None:
    node = yaml.compose(path.read_text(encoding="utf-8"))
    raise ContentError(path, f"question {qid}: {problem}", _line_of(node, ["questions", qi]))


def check_question(path: Path, qi: int, q: dict, objectives: set[str]) -> None:
    qid, qtype, options = q["id"], q["type"], q.get("options", [])
    correct = sum(1 for o in options if o["correct"])
    if qtype == "short":
        if options:
            _fail(path, qi, qid, "a short-answer question has 'answers', not 'options'")
        for key in ("answers", "feedback_correct", "feedback_incorrect"):
            if key not in q:
                _fail(path, qi, qid, f"a short-answer question needs '{key}'")
    else:
        if not options:
            _fail(path, qi, qid, f"a {qtype} question needs options")
        if "answers" in q:
            _fail(path, qi, qid, f"'answers' is only for short-answer questions, not {qtype}")
        if qtype in ("single", "truefalse") and correct != 1:
            _fail(path, qi, qid, f"a {qtype} question needs exactly one correct option, has {correct}")
        if qtype == "multiple" and correct < 1:
            _fail(path, qi, qid, "a multiple-select question has no correct option")
        if qtype == "truefalse" and sorted(o["text"] for o in options) != ["False", "True"]:
            _fail(path, qi, qid, "a truefalse question has exactly the options 'True' and 'False'")
    if q["objective"] not in objectives:
        _fail(path, qi, qid, f"unknown learning objective '{q['objective']}'")


# ---- citations -------------------------------------------------------------------------------------------
def source_labels(bib_path: Path) -> dict[str, str]:
    """Key -> short label for a quiz citation: the document number where there is one (DC/3850), else author
    (or organisation) and year, as in the site's author-date citations."""
    labels = {}
    for key, entry in parse_file(str(bib_path), "bibtex").entries.items():
        number = entry.fields.get("number")
        year = (entry.fields.get("year") or entry.fields.get("date") or "n.d.")[:4]
        people = entry.persons.get("author") or entry.persons.get("editor")
        if people:
            who = " and ".join(" ".join(p.last_names) for p in people[:2]) + (" et al." if len(people) > 2 else "")
        else:
            who = entry.fields.get("organization") or entry.fields.get("institution") or key
        label = number if number and "/" in number else f"{who} {year}"
        labels[key] = label.replace("{", "").replace("}", "")
    return labels


def _cite(text: str, labels: dict[str, str], where: str) -> str:
    def one(m: re.Match) -> str:
        parts = []
        for cite in m.group(1).split(";"):
            key, _, locator = cite.strip().lstrip("@").partition(",")
            if key.strip() not in labels:
                raise KeyError(key.strip())
            parts.append(labels[key.strip()] + (f", {locator.strip()}" if locator.strip() else ""))
        return "(source: " + "; ".join(parts) + ")"
    return _CITE.sub(one, text)


def resolve_citations(path: Path, qi: int, q: dict, labels: dict[str, str]) -> None:
    """`[@key, locator]` in any quiz text -> '(source: label, locator)'; an unknown key names file and question."""
    try:
        for f in TEXT_FIELDS:
            if f in q:
                q[f] = _cite(q[f], labels, f)
        for o in q.get("options", []):
            o["text"] = _cite(o["text"], labels, "option")
            o["feedback"] = _cite(o["feedback"], labels, "feedback")
    except KeyError as exc:
        _fail(path, qi, q["id"], f"unknown citation key '@{exc.args[0]}': add it to bibliography/references.bib "
                                 "or correct the key")


# ---- lesson links ----------------------------------------------------------------------------------------
def anchors(md_path: Path) -> set[str]:
    """The heading anchors of a Markdown page (toc's slugify, or an explicit {: #id })."""
    text = md_path.read_text(encoding="utf-8")
    return {m.group(2) or slugify(m.group(1).strip(), "-") for m in _HEADING.finditer(text)}


def check_link(path: Path, qi: int, q: dict, docs: Path | None) -> None:
    if docs is None:
        return
    target, _, anchor = q["link"].partition("#")
    page = docs / target
    if not page.exists():
        _fail(path, qi, q["id"], f"link {q['link']}: page {target} does not exist")
    if anchor and anchor not in anchors(page):
        _fail(path, qi, q["id"], f"link {q['link']}: {target} has no heading with the anchor #{anchor}")


# ---- the bank ----------------------------------------------------------------------------------------------
def md_text(text: str) -> str:
    """Plain text -> Markdown (inline) that shows exactly that text: HTML-escaped, Markdown punctuation escaped."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))


class QuizBank(dict):
    """quiz_id -> quiz; also carries the lessons, so a template can print the item-analysis report."""
    lessons: dict = {}

    def report(self) -> str:
        from .quiz_report import report
        return report(self, self.lessons)

    @staticmethod
    def md_text(text: str) -> str:
        return md_text(text)


def load_quizzes(quiz_dir: Path, lessons: dict, bib_path: Path | None = None) -> QuizBank:
    """quiz_id -> quiz data, checked against the lessons' objectives, the bibliography and the lesson headings."""
    all_objectives = {oid for lesson in lessons.values() for oid in lesson.objective_ids}
    bib_path = bib_path or quiz_dir.parent.parent / "bibliography" / "references.bib"
    labels = source_labels(bib_path) if bib_path.exists() else {}
    docs = None
    for lesson in lessons.values():
        docs = Path(str(lesson.path)[: -len(lesson.src_uri)])
        break
    quizzes = QuizBank()
    quizzes.lessons = lessons
    seen: dict[str, Path] = {}
    for path in sorted(quiz_dir.glob("*.yml")):
        quiz = load_yaml(path, "quiz")
        qid = quiz["quiz_id"]
        if qid != "module" and qid not in lessons:
            raise ContentError(path, f"quiz_id {qid} is not a lesson id ({', '.join(sorted(lessons))}) or 'module'")
        objectives = all_objectives if qid == "module" else set(lessons[qid].objective_ids)
        for i, q in enumerate(quiz["questions"]):
            if q["id"] in seen:
                _fail(path, i, q["id"], f"duplicate question id (also in {seen[q['id']]})")
            seen[q["id"]] = path
            check_question(path, i, q, objectives)
            check_link(path, i, q, docs)
            resolve_citations(path, i, q, labels)
        shuffle_bank(quiz)
        quiz["_path"] = str(path)
        quizzes[qid] = quiz
    return quizzes
