"""Quiz files (data/quizzes/*.yml): schema plus the rules a schema cannot say (one correct answer, known
objective, unique ids). One source for the web quiz, the worksheet, the answer key and the LMS exports."""
from __future__ import annotations

from pathlib import Path

import yaml

from .data_files import _line_of, load_yaml
from .errors import ContentError


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


def load_quizzes(quiz_dir: Path, lessons: dict) -> dict[str, dict]:
    """quiz_id -> quiz data, checked against the lessons' objectives."""
    all_objectives = {oid for lesson in lessons.values() for oid in lesson.objective_ids}
    quizzes: dict[str, dict] = {}
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
        quiz["_path"] = str(path)
        quizzes[qid] = quiz
    return quizzes
