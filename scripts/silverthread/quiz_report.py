"""Item analysis of the quiz bank: `make quiz-report` (or `python -m silverthread.quiz_report`).

Per quiz: counts by type, Bloom level and difficulty; where the key sits after the shuffle; the key's length
against the distractors, item by item; the true/false balance; the objectives covered and not covered; the
lint verdicts. The same report is printed on the answer-key page at build time."""
from __future__ import annotations

import sys
from collections import Counter

from . import ROOT
from .quiz_lint import BLOOMS, HIGHER, bloom_of, key_is_longest, length_ratio, lint_bank

LETTERS = "ABCDEF"


def _counts(counter: Counter, order: list[str]) -> str:
    return ", ".join(f"{k} {counter[k]}" for k in order if counter[k]) or "none"


def report(quizzes: dict[str, dict], lessons: dict) -> str:
    """The report as Markdown (readable as plain text too)."""
    objectives = {o["id"]: o["bloom"] for les in lessons.values() for o in les.meta["objectives"]}
    findings = lint_bank(quizzes, objectives)
    order = sorted(quizzes, key=lambda k: (k == "module", k))
    lines = ["# Quiz item analysis", ""]
    total = Counter()
    all_tf = [0, 0]
    for qid in order:
        quiz, qs = quizzes[qid], quizzes[qid]["questions"]
        types = Counter(q["type"] for q in qs)
        blooms = Counter(bloom_of(q, objectives) for q in qs)
        diffs = Counter(q["difficulty"] for q in qs)
        positions: Counter = Counter()
        for q in qs:
            if q["type"] in ("single", "multiple"):
                positions.update(LETTERS[i] for i, o in enumerate(q["options"]) if o["correct"])
        singles = [q for q in qs if q["type"] == "single"]
        longest = sum(1 for q in singles if key_is_longest(q))
        waived = sum(1 for q in singles if key_is_longest(q) and q.get("waiver"))
        tf_true = sum(1 for q in qs if q["type"] == "truefalse"
                      and any(o["correct"] and o["text"] == "True" for o in q["options"]))
        tf_all = types["truefalse"]
        all_tf[0] += tf_true
        all_tf[1] += tf_all
        higher = sum(blooms[b] for b in HIGHER)
        covered = {q["objective"] for q in qs}
        own = sorted(objectives) if qid == "module" else list(lessons[qid].objective_ids)
        total.update({"items": len(qs), "singles": len(singles), "longest": longest, "higher": higher})
        for t, n in types.items():
            total[f"type:{t}"] += n
        lines += [f"## {quiz['title']} ({qid}, {len(qs)} items)", "",
                  f"- Types: {_counts(types, ['single', 'multiple', 'truefalse', 'short'])}",
                  f"- Bloom levels: {_counts(blooms, BLOOMS)}; apply/analyse/evaluate {higher} of {len(qs)}",
                  f"- Difficulty: {_counts(diffs, ['easy', 'medium', 'hard'])}",
                  f"- Key positions (choice items, after the shuffle): {_counts(positions, list(LETTERS))}",
                  f"- Key is the longest option: {longest} of {len(singles)} single-choice items"
                  f"{f' ({waived} with a written waiver)' if waived else ''}",
                  f"- True/false keyed True: {tf_true} of {tf_all}",
                  f"- Objectives covered: {', '.join(o for o in own if o in covered) or 'none'}; "
                  f"not covered: {', '.join(o for o in own if o not in covered) or 'none'}", "",
                  "| Item | Type | Bloom | Difficulty | Key position | Key/distractor length | Key longest |",
                  "| --- | --- | --- | --- | --- | --- | --- |"]
        for q in qs:
            ratio = length_ratio(q)
            pos = ", ".join(LETTERS[i] for i, o in enumerate(q.get("options", [])) if o["correct"]) \
                if q["type"] != "short" else "-"
            if q["type"] == "truefalse":
                pos = next(o["text"] for o in q["options"] if o["correct"])
            lines.append(f"| {q['id']} | {q['type']} | {bloom_of(q, objectives)} | {q['difficulty']} | {pos} | "
                         f"{'-' if ratio is None else f'{ratio:.2f}'}{' (waiver)' if q.get('waiver') else ''} | "
                         f"{'yes' if key_is_longest(q) else 'no' if q['type'] == 'single' else '-'} |")
        lines.append("")
    by_type = ", ".join(f"{t} {total['type:' + t]}" for t in ["single", "multiple", "truefalse", "short"])
    lines += ["## Whole bank", "",
              f"- Items: {total['items']} ({by_type})",
              f"- Key is the longest option: {total['longest']} of {total['singles']} single-choice items",
              f"- True/false keyed True: {all_tf[0]} of {all_tf[1]}",
              f"- Items at apply/analyse/evaluate: {total['higher']} of {total['items']}", "",
              "## Lint verdicts", ""]
    lines += [f"- {f}" for f in findings] or ["- No findings: every rule passes on the whole bank."]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    from .lessons import load_lessons
    from .quiz_data import load_quizzes
    lessons = load_lessons(ROOT / "docs" / "lessons")
    text = report(load_quizzes(ROOT / "data" / "quizzes", lessons), lessons)
    if len(argv) > 1:
        out = ROOT / argv[1]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
