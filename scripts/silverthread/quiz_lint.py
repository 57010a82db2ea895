"""Item-writing lint for the quiz bank (run in the tests and shown in `make quiz-report`).

Each rule guards against a cue that lets a test-wise student score without knowing the subject, or an item
that cannot be graded fairly. Every finding names the quiz file and the question id.

Rules (see docs/instructors/answer-key.md, "Item analysis"):
- key-longest: in each quiz, the key is the longest option in at most a third of the single-choice items;
- key-length: no key (mean of the keys, for multiple response) is more than 1.5 times the mean distractor
  length in words. A question with a written `waiver:` reason is exempt from both length rules;
- tf-balance: across the module, 40-60 per cent of true/false items are keyed True;
- tf-article-claim: no true/false stem reports the article's own claim ("the article says...");
- above: no "all of the above" / "none of the above" (or "both/neither of the above");
- absolute: no absolute word (always, never, only, all, none) that occurs only in distractors;
- feedback: every option has its own feedback;
- fact: every item names the fact it tests (`fact:`), and no two items in the module test the same fact;
- higher-order: at least a third of each quiz's items are tagged apply, analyse or evaluate;
- honest-bloom: a stem that only asks to name or date something is tagged remember or understand.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

HIGHER = {"apply", "analyse", "evaluate"}
BLOOMS = ["remember", "understand", "apply", "analyse", "evaluate"]
ABSOLUTES = ("always", "never", "only", "all", "none")
_WORD = re.compile(r"[A-Za-z0-9][\w'’.-]*")
_ABOVE = re.compile(r"\b(all|none|both|neither) of the (above|others|options)\b", re.IGNORECASE)
_ARTICLE_CLAIM = re.compile(
    r"\b(as|according to) the (article|author)\b|\b(the article|the author|margoev)\b[^.?!]{0,40}"
    r"\b(says|said|states|stated|claims|claimed|writes|wrote|reports|reported|argues|argued)\b", re.IGNORECASE)
_RECALL = re.compile(r"^(When|In (what|which) year|On what date|Name\b|Who (was|is)\b|In which city)", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    file: str
    qid: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: question {self.qid}: [{self.rule}] {self.message}"


def words(text: str) -> int:
    return len(_WORD.findall(text))


def length_ratio(q: dict) -> float | None:
    """Mean key length / mean distractor length, in words (choice items only)."""
    keys = [words(o["text"]) for o in q.get("options", []) if o["correct"]]
    wrong = [words(o["text"]) for o in q.get("options", []) if not o["correct"]]
    if q["type"] not in ("single", "multiple") or not keys or not wrong:
        return None
    return (sum(keys) / len(keys)) / max(sum(wrong) / len(wrong), 1)


def key_is_longest(q: dict) -> bool:
    """Single choice: the key has strictly more words than every distractor."""
    if q["type"] != "single":
        return False
    key = next(words(o["text"]) for o in q["options"] if o["correct"])
    return all(key > words(o["text"]) for o in q["options"] if not o["correct"])


def bloom_of(q: dict, objectives: dict[str, str] | None = None) -> str:
    """The item's own `bloom:` tag; an untagged item falls back on its objective's level."""
    level = q.get("bloom") or (objectives or {}).get(q["objective"], "remember")
    return "analyse" if level == "analyze" else level


def _name(quiz: dict) -> str:
    return Path(quiz.get("_path", f"{quiz['quiz_id']}.yml")).name


def lint_quiz(quiz: dict, objectives: dict[str, str] | None = None) -> list[Finding]:
    f, out = _name(quiz), []
    questions = quiz["questions"]
    singles = [q for q in questions if q["type"] == "single" and not q.get("waiver")]
    longest = [q["id"] for q in singles if key_is_longest(q)]
    n_single = sum(1 for q in questions if q["type"] == "single")
    if n_single and len(longest) * 3 > n_single:
        out.append(Finding(f, ", ".join(longest), "key-longest",
                           f"the key is the longest option in {len(longest)} of {n_single} single-choice items "
                           "(at most a third allowed)"))
    for q in questions:
        qid, options = q["id"], q.get("options", [])
        ratio = length_ratio(q)
        if ratio is not None and ratio > 1.5 and not q.get("waiver"):
            out.append(Finding(f, qid, "key-length", f"key is {ratio:.1f} times the mean distractor length "
                                                     "(at most 1.5; or give a `waiver:` reason)"))
        if q["type"] == "truefalse" and _ARTICLE_CLAIM.search(q["stem"]):
            out.append(Finding(f, qid, "tf-article-claim", "a true/false stem reports the article's own claim; "
                                                           "ask which treaty, what the record shows, or what the "
                                                           "article leaves out"))
        for o in options:
            if _ABOVE.search(o["text"]):
                out.append(Finding(f, qid, "above", f"option '{o['text']}' ('... of the above')"))
            if not str(o.get("feedback", "")).strip():
                out.append(Finding(f, qid, "feedback", f"option '{o['text']}' has no feedback"))
        if q["type"] in ("single", "multiple"):
            for word in ABSOLUTES:
                pat = re.compile(rf"\b{word}\b", re.IGNORECASE)
                in_wrong = any(pat.search(o["text"]) for o in options if not o["correct"])
                in_key = any(pat.search(o["text"]) for o in options if o["correct"])
                if in_wrong and not in_key:
                    out.append(Finding(f, qid, "absolute", f"the absolute word '{word}' occurs only in distractors"))
        bloom = bloom_of(q, objectives)
        if bloom not in BLOOMS:
            out.append(Finding(f, qid, "honest-bloom", f"unknown Bloom level '{bloom}'"))
        elif bloom in HIGHER and _RECALL.search(q["stem"]):
            out.append(Finding(f, qid, "honest-bloom", f"a naming or dating stem is recall, not {bloom}"))
        if not str(q.get("fact", "")).strip():
            out.append(Finding(f, qid, "fact", "no `fact:` tag naming the one fact this item tests"))
    higher = sum(1 for q in questions if bloom_of(q, objectives) in HIGHER)
    if higher * 3 < len(questions):
        out.append(Finding(f, "(quiz)", "higher-order", f"{higher} of {len(questions)} items at apply/analyse/"
                                                        "evaluate (at least a third needed)"))
    return out


def lint_bank(quizzes: dict[str, dict], objectives: dict[str, str] | None = None) -> list[Finding]:
    """Every finding for every quiz, then the module-wide rules (true/false balance, one fact per item)."""
    out = [x for qid in sorted(quizzes) for x in lint_quiz(quizzes[qid], objectives)]
    tf = [(quiz, q) for quiz in quizzes.values() for q in quiz["questions"] if q["type"] == "truefalse"]
    if tf:
        true = sum(1 for _, q in tf if any(o["correct"] and o["text"] == "True" for o in q["options"]))
        if not 0.4 <= true / len(tf) <= 0.6:
            out.append(Finding("(module)", ", ".join(q["id"] for _, q in tf), "tf-balance",
                               f"{true} of {len(tf)} true/false items keyed True (40-60 per cent needed)"))
    seen: dict[str, tuple[str, str]] = {}
    for qid in sorted(quizzes):
        quiz = quizzes[qid]
        for q in quiz["questions"]:
            fact = " ".join(str(q.get("fact", "")).lower().split())
            if not fact:
                continue
            if fact in seen:
                other_file, other = seen[fact]
                out.append(Finding(_name(quiz), q["id"], "fact",
                                   f"tests the same fact as {other} ({other_file}): '{fact}'"))
            else:
                seen[fact] = (_name(quiz), q["id"])
    return out
