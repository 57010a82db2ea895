"""The quiz bank's item-writing lint, option shuffle, multiple-response scoring and escaping (issue 12; issue 16
items 4 and 5). Each lint rule has a fixture that breaks it; the authored bank passes them all."""
from __future__ import annotations

import copy
import io
import json
import re
import subprocess
import zipfile

import pytest
import yaml
from bs4 import BeautifulSoup
from lxml import etree
from silverthread.quiz_gift import to_gift
from silverthread.quiz_lint import lint_bank
from silverthread.quiz_qti import multiple_weights, to_qti_zip
from silverthread.quiz_shuffle import display_options, option_order
from sitebuild import ROOT, build_fixture

FIXTURE_QUIZ = ROOT / "tests/fixtures/minimal/data/quizzes/L1.yml"


def objectives(lessons):
    return {o["id"]: o["bloom"] for les in lessons.values() for o in les.meta["objectives"]}


def test_the_authored_bank_passes_every_lint_rule(quizzes, lessons):
    findings = lint_bank(quizzes, objectives(lessons))
    assert not findings, "\n".join(map(str, findings))


# ---- one fixture per rule ---------------------------------------------------------------------------------
def _single(qid, key, wrong, **kw):
    q = {"id": qid, "type": "single", "stem": f"Which option is right in {qid}?", "objective": "L1-O1",
         "difficulty": "medium", "bloom": "analyse", "fact": f"fact {qid}", "explanation": "Because.",
         "link": "lessons/01-demo.md#the-argument",
         "options": [{"text": key, "correct": True, "feedback": "Yes, right."}]
         + [{"text": w, "correct": False, "feedback": "No, wrong."} for w in wrong]}
    q.update(kw)
    return q


def _tf(qid, true_):
    return {"id": qid, "type": "truefalse", "stem": f"Statement {qid} about the treaty text.", "objective": "L1-O1",
            "difficulty": "easy", "bloom": "remember", "fact": f"fact {qid}", "explanation": "Because.",
            "link": "lessons/01-demo.md#the-argument",
            "options": [{"text": "True", "correct": true_, "feedback": "Feedback one."},
                        {"text": "False", "correct": not true_, "feedback": "Feedback two."}]}


def base_bank() -> dict:
    """A small bank that passes every rule."""
    qs = [_single("x-01", "Three words here", ["Four words right here", "Two words"]),
          _single("x-02", "Alpha beta gamma", ["Delta epsilon zeta eta", "Theta iota kappa"]),
          _single("x-03", "One two three four", ["Five six seven", "Eight nine ten eleven"]),
          _tf("x-04", True), _tf("x-05", False)]
    return {"X": {"quiz_id": "X", "title": "Lint fixture", "_path": "data/quizzes/X.yml", "questions": qs}}


def q_of(bank, qid):
    return next(q for q in bank["X"]["questions"] if q["id"] == qid)


def break_longest(b):
    for qid in ("x-01", "x-02"):
        q_of(b, qid)["options"][0]["text"] = "a key that is now clearly the longest"


def break_ratio(b):
    q_of(b, "x-03")["options"][0]["text"] = "one two three four five six seven eight nine ten eleven"


def break_tf_balance(b):
    q_of(b, "x-05")["options"][0]["correct"], q_of(b, "x-05")["options"][1]["correct"] = True, False
    b["X"]["questions"].append(_tf("x-06", True))


def break_article_claim(b):
    q_of(b, "x-04")["stem"] = "As the article says, the NPT had sixty-eight parties in 2022."


def break_above(b):
    q_of(b, "x-01")["options"][2]["text"] = "None of the above"


def break_absolute(b):
    q_of(b, "x-02")["options"][1]["text"] = "Delta always zeta eta"


def break_feedback(b):
    q_of(b, "x-02")["options"][2]["feedback"] = "  "


def break_fact_missing(b):
    q_of(b, "x-03").pop("fact")


def break_fact_duplicate(b):
    q_of(b, "x-03")["fact"] = "fact x-01"


def break_higher(b):
    for q in b["X"]["questions"]:
        q["bloom"] = "remember"


def break_honest_bloom(b):
    q_of(b, "x-01")["stem"] = "In which year was the treaty signed?"


RULES = [("key-longest", break_longest, "x-01"), ("key-length", break_ratio, "x-03"),
         ("tf-balance", break_tf_balance, "x-06"), ("tf-article-claim", break_article_claim, "x-04"),
         ("above", break_above, "x-01"), ("absolute", break_absolute, "x-02"), ("feedback", break_feedback, "x-02"),
         ("fact", break_fact_missing, "x-03"), ("fact", break_fact_duplicate, "x-03"),
         ("higher-order", break_higher, "(quiz)"), ("honest-bloom", break_honest_bloom, "x-01")]


def test_the_fixture_bank_passes():
    assert lint_bank(base_bank()) == []


@pytest.mark.parametrize("rule,edit,qid", RULES, ids=[f"{r}-{e.__name__}" for r, e, _ in RULES])
def test_each_rule_fails_on_a_fixture_naming_file_and_question(rule, edit, qid):
    bank = copy.deepcopy(base_bank())
    edit(bank)
    findings = [f for f in lint_bank(bank) if f.rule == rule]
    assert findings, f"{rule} did not fire"
    text = "\n".join(map(str, findings))
    assert qid in text and ("X.yml" in text or "(module)" in text), text


def test_a_waiver_exempts_an_item_from_the_length_rules():
    bank = copy.deepcopy(base_bank())
    break_ratio(bank)
    q_of(bank, "x-03")["waiver"] = "The key is a list of three names because three states objected."
    assert not [f for f in lint_bank(bank) if f.rule.startswith("key-")]


# ---- shuffle ----------------------------------------------------------------------------------------------
def test_option_order_depends_on_the_question_id_alone():
    assert option_order("l1-01", 4) == option_order("l1-01", 4)
    assert sorted(option_order("m-07", 5)) == list(range(5))
    orders = {tuple(option_order(f"q-{i:02d}", 4)) for i in range(40)}
    assert len(orders) > 10, "the shuffle should vary between questions"


def test_true_false_stays_true_then_false():
    q = {"id": "z-01", "type": "truefalse", "options": [{"text": "False"}, {"text": "True"}]}
    assert [o["text"] for o in display_options(q)] == ["True", "False"]


def test_editing_another_question_does_not_reorder_this_one(tmp_path, lessons):
    from silverthread.quiz_data import load_quizzes
    src = ROOT / "data" / "quizzes"
    dst = tmp_path / "data" / "quizzes"
    dst.mkdir(parents=True)
    for p in src.glob("*.yml"):
        (dst / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    before = load_quizzes(dst, lessons, ROOT / "bibliography" / "references.bib")
    data = yaml.safe_load((dst / "L1.yml").read_text(encoding="utf-8"))
    data["questions"][0]["options"].reverse()  # reorder, and reword, the first question
    data["questions"][0]["stem"] += " (edited)"
    (dst / "L1.yml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    after = load_quizzes(dst, lessons, ROOT / "bibliography" / "references.bib")
    for qa, qb in zip(before["L1"]["questions"][1:], after["L1"]["questions"][1:], strict=True):
        assert [o["text"] for o in qa.get("options", [])] == [o["text"] for o in qb.get("options", [])], qa["id"]


def _texts(nodes):
    """Visible text of each node, without the glossary hover definitions."""
    out = []
    for n in nodes:
        n = copy.copy(n)
        for tip in n.select(".st-term__tip"):
            tip.decompose()
        out.append(" ".join(n.get_text().split()))
    return out


def _plain(text: str) -> str:
    """Fold white space and the typographic quotes text2qti's Markdown adds."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split())


def gift_parse(text: str) -> list[dict]:
    script = "const g=require('gift-pegjs');let s='';process.stdin.on('data',d=>s+=d).on('end',()=>" \
             "console.log(JSON.stringify(g.parse(s))));"
    proc = subprocess.run(["node", "-e", script], input=text, capture_output=True, text=True, cwd=ROOT, check=True)
    return [p for p in json.loads(proc.stdout) if p["type"] != "Category"]


def qti_items(quiz) -> list:
    with zipfile.ZipFile(io.BytesIO(to_qti_zip(quiz))) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".xml") and "meta" not in n and "manifest" not in n)
        return etree.fromstring(zf.read(name)).findall(".//{*}item")


def test_web_quiz_worksheet_key_gift_and_qti_agree_on_order_and_key(quizzes, html_pages):
    key_page = html_pages["instructors/answer-key/index.html"]
    for quiz in quizzes.values():
        page = html_pages[quiz["lesson"].removesuffix(".md") + "/index.html"]
        gift = gift_parse(to_gift([quiz]))
        items = qti_items(quiz)
        for i, q in enumerate(quiz["questions"]):
            if q["type"] == "short":
                continue
            want = [" ".join(o["text"].split()) for o in q["options"]]
            web = page.select_one(f'li.st-q[data-qid="{q["id"]}"]')
            assert _texts(web.select(".st-q__options label")) == want, q["id"]
            key = key_page.find(id=f"key-{q['id']}").find_parent("section")
            shown = _texts(key.select(".st-key__options li"))
            assert [s.split(":", 1)[1].split(" Feedback:")[0].strip().rstrip(".") for s in shown] == \
                   [w.rstrip(".") for w in want], q["id"]
            assert [s.startswith("Correct") for s in shown] == [o["correct"] for o in q["options"]], q["id"]
            assert [c["text"]["text"] for c in gift[i]["choices"]] == want, q["id"]
            labels = [_plain(BeautifulSoup(m.text, "html.parser").get_text())
                      for m in items[i].findall(".//{*}response_label//{*}mattext")]
            assert labels == [_plain(w) for w in want], q["id"]
            for rc in items[i].iter("{*}render_choice"):
                assert rc.get("shuffle") == "Yes", q["id"]
    worksheet = html_pages["handouts/lesson-1-worksheet/index.html"] if "handouts/lesson-1-worksheet/index.html" \
        in html_pages else html_pages["handouts/lesson-1-student/index.html"]
    first = next(q for q in quizzes["L1"]["questions"] if q["type"] != "short")
    boxes = worksheet.select(".st-worksheet__q")[quizzes["L1"]["questions"].index(first)]
    for letter in boxes.select(".st-worksheet__letter"):
        letter.decompose()
    assert [t.replace("☐", "").strip() for t in _texts(boxes.select(".st-worksheet__options li"))] == \
           [" ".join(o["text"].split()) for o in first["options"]]


# ---- multiple-response scoring ----------------------------------------------------------------------------
def test_multiple_response_weights_in_gift_and_qti(quizzes):
    checked = 0
    for quiz in quizzes.values():
        gift = gift_parse(to_gift([quiz]))
        items = qti_items(quiz)
        for i, q in enumerate(quiz["questions"]):
            if q["type"] != "multiple":
                continue
            checked += 1
            weights = [c["weight"] for c in gift[i]["choices"]]
            right = [w for w, o in zip(weights, q["options"], strict=True) if o["correct"]]
            wrong = [w for w, o in zip(weights, q["options"], strict=True) if not o["correct"]]
            assert abs(sum(right) - 100) < 0.01 and all(w > 0 for w in right), q["id"]
            assert abs(sum(wrong) + 100) < 0.01 and all(w < 0 for w in wrong), q["id"]
            adds = [float(s.text) for s in items[i].iter("{*}setvar") if s.get("action") == "Add"]
            assert adds == pytest.approx(multiple_weights(q), abs=1e-4), q["id"]
            assert sum(a for a in adds if a > 0) == pytest.approx(100, abs=0.01), q["id"]
            assert sum(a for a in adds if a < 0) == pytest.approx(-100, abs=0.01), q["id"]
            assert not [s for s in items[i].iter("{*}setvar") if s.get("action") == "Set"], q["id"]
    assert checked >= 5


# ---- escaping and error messages (issue 16, items 4 and 5) -------------------------------------------------
KEY_PAGE = "---\ntitle: Answer key\n---\n\n# Answer key\n\n[[answer-key]]\n"


def test_quiz_text_is_text_on_the_answer_key_and_the_instructor_handout(tmp_path):
    data = yaml.safe_load(FIXTURE_QUIZ.read_text(encoding="utf-8"))
    data["title"] = "Quiz <svg onload=alert(1)>"
    data["questions"][0]["stem"] = "Stem <img src=x onerror=alert(2)> here?"
    data["questions"][0]["options"][1]["text"] = "[x](javascript:alert(1))"
    data["questions"][0]["options"][1]["feedback"] = "See [here](javascript:alert(3)) <script>alert(4)</script>"
    result = build_fixture(tmp_path, {"data/quizzes/L1.yml": yaml.safe_dump(data, sort_keys=False),
                                      "docs/instructors/answer-key.md": KEY_PAGE})
    assert result.returncode == 0, result.output[-2000:]
    pages = [result.site / "instructors/answer-key/index.html"]
    pages += [p for p in (result.site / "handouts").rglob("*instructor*/index.html")]
    assert len(pages) >= 2
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<svg onload" not in html and "<img src=x" not in html and "<script>alert" not in html, page
        assert not re.search(r"href=[\"']?javascript:", html, re.IGNORECASE), page
        assert "[x](javascript:alert(1))" in html, page
    assert "Quiz &lt;svg onload=alert(1)&gt;" in pages[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("field, value, named", [
    ("explanation", "Because the treaty says so [@nosuchkey2099].", "nosuchkey2099"),  # an unknown citation key
    ("link", "lessons/01-demo.md#no-such-heading", "no-such-heading"),  # a broken quiz link
], ids=["unknown-citation-key", "broken-link"])
def test_a_bad_quiz_field_names_the_yaml_file_and_question(tmp_path, field, value, named):
    data = yaml.safe_load(FIXTURE_QUIZ.read_text(encoding="utf-8"))
    data["questions"][1][field] = value
    result = build_fixture(tmp_path, {"data/quizzes/L1.yml": yaml.safe_dump(data, sort_keys=False)})
    assert result.returncode != 0
    assert "L1.yml" in result.output and "l1-02" in result.output and named in result.output, result.output[-800:]


def test_answer_key_and_instructor_handouts_are_left_out_of_search_and_marked_noindex(site_dir):
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert "instructors/answer-key/" not in locations
    assert not [loc for loc in locations if re.match(r"handouts/lesson-\d-instructor/", loc)]
    front = (ROOT / "docs/instructors/answer-key.md").read_text(encoding="utf-8").split("---")[1]
    assert "robots: noindex" in front


def test_no_quiz_has_the_key_longest_in_more_than_a_third_of_single_choice_items_waivers_included(quizzes):
    from silverthread.quiz_lint import key_is_longest
    for qid, quiz in quizzes.items():
        singles = [q for q in quiz["questions"] if q["type"] == "single"]
        longest = [q["id"] for q in singles if key_is_longest(q)]
        assert len(longest) * 3 <= len(singles), f"{qid}: {longest}"


def test_the_report_covers_every_quiz_and_is_on_the_answer_key_page(quizzes, lessons, html_pages):
    from silverthread.quiz_report import report
    text = report(quizzes, lessons)
    for quiz in quizzes.values():
        assert quiz["title"] in text
    assert "Key positions" in text and "Lint verdicts" in text and "not covered" in text
    page = html_pages["instructors/answer-key/index.html"]
    assert page.find(id="item-analysis-report") and "Key positions" in page.get_text()
