"""Quizzes: one question file per lesson plus a module quiz, full coverage of objectives, safe rendering
with answers only inside feedback and details, GIFT and QTI exports from the same data."""
from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile

import pytest
import yaml
from lxml import etree
from silverthread.quiz_gift import gift_escape, to_gift
from sitebuild import ROOT, build_fixture

FIXTURE_QUIZ = ROOT / "tests/fixtures/minimal/data/quizzes/L1.yml"


def answer_texts(quiz):
    """Strings that only an answer key may show: feedback and explanations."""
    out = []
    for q in quiz["questions"]:
        out.append(q["explanation"])
        out += [o["feedback"] for o in q.get("options", [])]
        out += [q[k] for k in ("feedback_correct", "feedback_incorrect") if k in q]
    return out


def test_every_lesson_has_a_quiz_of_five_or_more_and_the_module_quiz_fifteen(lessons, quizzes):
    for lid in lessons:
        assert len(quizzes[lid]["questions"]) >= 5, lid
    assert len(quizzes["module"]["questions"]) >= 15


def test_every_objective_is_assessed(lessons, quizzes):
    assessed = {q["objective"] for quiz in quizzes.values() for q in quiz["questions"]}
    for lesson in lessons.values():
        for oid in lesson.objective_ids:
            assert oid in assessed, f"objective {oid} has no question"


def test_questions_go_beyond_recall(quizzes):
    for qid, quiz in quizzes.items():
        recall = sum(1 for q in quiz["questions"] if re.match(r"^(When|In what year|On what date)\b", q["stem"]))
        assert recall <= len(quiz["questions"]) // 3, f"{qid}: too many date-recall questions"


def test_web_quiz_shows_every_question_and_no_answer_outside_details(quizzes, html_pages):
    for qid, quiz in quizzes.items():
        page_rel = quiz["lesson"].removesuffix(".md") + "/index.html"
        section = html_pages[page_rel].select_one(f'section.st-quiz[data-quiz="{qid}"]')
        assert section is not None, qid
        assert len(section.select("li.st-q")) == len(quiz["questions"])
        for details in section.select("details"):
            details.decompose()
        outside = " ".join(section.get_text().split())
        for text in answer_texts(quiz):
            assert " ".join(text.split()) not in outside, f"{qid}: answer text outside details: {text[:50]}"
        assert "data-correct" not in str(section), qid


def test_quiz_markup_is_semantic(html_pages):
    for rel, soup in html_pages.items():
        for q in soup.select("li.st-q"):
            assert q.select_one("fieldset > legend"), rel
            for field in q.select("input"):
                assert q.select_one(f'label[for="{field["id"]}"]'), f"{rel}: unlabelled input"
            assert q.select_one("[aria-live]"), rel


def test_quiz_assets_load_only_on_pages_with_a_quiz(html_pages):
    for rel, soup in html_pages.items():
        has_quiz = bool(soup.select("section.st-quiz"))
        loads = any("quiz.js" in (s.get("src") or "") for s in soup.select("script"))
        assert has_quiz == loads, rel


def test_question_text_is_escaped(tmp_path):
    result = build_fixture(tmp_path)
    html = (result.site / "lessons/01-demo/index.html").read_text(encoding="utf-8")
    assert "Right &lt;b&gt;one&lt;/b&gt;" in html and "Right <b>one</b>" not in html


def test_answer_key_lists_every_question(quizzes, html_pages):
    page = html_pages["instructors/answer-key/index.html"]
    for quiz in quizzes.values():
        for q in quiz["questions"]:
            assert page.find(id=f"key-{q['id']}"), q["id"]


def test_gift_escapes_special_characters():
    assert gift_escape("a~b=c#d{e}f:g") == r"a\~b\=c\#d\{e\}f\:g"


def gift_parse(text: str) -> list[dict]:
    """Parse GIFT with gift-pegjs, an independent, maintained parser (npm)."""
    script = "const g=require('gift-pegjs');let s='';process.stdin.on('data',d=>s+=d).on('end',()=>" \
             "console.log(JSON.stringify(g.parse(s))));"
    proc = subprocess.run(["node", "-e", script], input=text, capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(proc.stdout)


def test_gift_export_round_trips_through_an_independent_parser(quizzes, site_dir):
    for qid, quiz in quizzes.items():
        text = (site_dir / "downloads" / f"quiz-{qid}.gift.txt").read_text(encoding="utf-8")
        assert text == to_gift([quiz])
        parsed = [p for p in gift_parse(text) if p["type"] != "Category"]
        assert [p["title"] for p in parsed] == [q["id"] for q in quiz["questions"]]
        for p, q in zip(parsed, quiz["questions"], strict=True):
            assert " ".join(q["stem"].split()) in p["stem"]["text"]
            if q["type"] == "short":
                assert sorted(c["text"]["text"] for c in p["choices"]) == sorted(q["answers"])
            else:
                assert [c["text"]["text"] for c in p["choices"]] == [o["text"] for o in q["options"]]
                right = [bool(c["isCorrect"]) or (c["weight"] or 0) > 0 for c in p["choices"]]
                assert right == [o["correct"] for o in q["options"]], q["id"]
                assert [c["feedback"]["text"] for c in p["choices"]] == [o["feedback"] for o in q["options"]]


def test_gift_special_characters_survive_the_round_trip():
    quiz = {"quiz_id": "x", "title": "Special: {chars}", "questions": [{
        "id": "x-01", "type": "single", "stem": "Is 2 = 2 ~ #1 {yes}: true?", "objective": "L1-O1",
        "difficulty": "easy", "explanation": "Because: {maths}.", "link": "a.md#b",
        "options": [{"text": "a=b", "correct": True, "feedback": "ok#1"},
                    {"text": "c~d", "correct": False, "feedback": "no: {x}"}]}]}
    parsed = [p for p in gift_parse(to_gift([quiz])) if p["type"] != "Category"][0]
    assert parsed["stem"]["text"] == "Is 2 = 2 ~ #1 {yes}: true?"
    assert [c["text"]["text"] for c in parsed["choices"]] == ["a=b", "c~d"]


def test_qti_zips_are_well_formed_with_a_manifest_listing_every_item(quizzes, site_dir):
    for qid, quiz in quizzes.items():
        data = (site_dir / "downloads" / f"quiz-{qid}-qti.zip").read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
            assert "imsmanifest.xml" in names
            manifest = etree.fromstring(zf.read("imsmanifest.xml"))
            hrefs = {el.get("href") for el in manifest.iter() if el.get("href")}
            assessments = [n for n in names
                           if n.endswith(".xml") and "assessment_meta" not in n and n != "imsmanifest.xml"]
            assert assessments and set(assessments) <= hrefs
            items = etree.fromstring(zf.read(assessments[0])).findall(".//{*}item")
            assert len(items) == len(quiz["questions"]), qid
            for name in names:
                if name.endswith(".xml"):
                    etree.fromstring(zf.read(name))


@pytest.mark.parametrize("problem,edit,message", [
    ("no correct answer", lambda d: d["questions"][0]["options"][0].update(correct=False), "exactly one correct"),
    ("unknown objective", lambda d: d["questions"][0].update(objective="L1-O9"), "unknown learning objective"),
    ("duplicate id", lambda d: d["questions"][1].update(id="l1-01"), "duplicate question id"),
    ("missing feedback", lambda d: d["questions"][0]["options"][0].pop("feedback"), "feedback"),
    ("wrong type", lambda d: d["questions"][0].update(type="essay"), "essay"),
])
def test_a_malformed_quiz_fails_the_build_naming_file_question_and_problem(tmp_path, problem, edit, message):
    data = yaml.safe_load(FIXTURE_QUIZ.read_text(encoding="utf-8"))
    edit(data)
    result = build_fixture(tmp_path, {"data/quizzes/L1.yml": yaml.safe_dump(data, sort_keys=False)})
    assert result.returncode != 0, problem
    assert "L1.yml" in result.output and message in result.output, result.output[-600:]
    assert "l1-0" in result.output, "the message names the question"


def test_a_lesson_without_a_quiz_fails_the_build_naming_the_lesson(tmp_path):
    result = build_fixture(tmp_path, {"data/quizzes/L1.yml": None})
    assert result.returncode != 0 and "01-demo.md" in result.output and "no quiz" in result.output


def test_answer_key_and_instructor_handouts_carry_noindex_and_student_pages_do_not(html_pages):
    def robots(rel):
        tag = html_pages[rel].select_one('meta[name="robots"]')
        return tag["content"] if tag else None

    assert robots("instructors/answer-key/index.html") == "noindex"
    instructor = [rel for rel in html_pages if rel.startswith("handouts/") and "-instructor/" in rel]
    assert instructor and all(robots(rel) == "noindex" for rel in instructor)
    for rel in ("index.html", "lessons/01-two-failed-conferences/index.html", "lessons/module-quiz/index.html"):
        assert robots(rel) is None, rel
