"""The printed teaching kit (issue 14): two-page student worksheets, instructor cover sheets, slide decks, role
cards and the comparison grid. Everything comes from the sources the site already uses (lesson front matter and
sections, quizzes, glossary, facilitation notes, the Activities page) plus two data files written for print:

- data/reading_guides.yml (schema reading_guides): the 'as you read, note...' prompts on a worksheet's page one;
- data/lesson_plans.yml (schema lesson_plans): the cover sheet's three facts, minute plan and first two
  questions, and the exit ticket on the slides.

`answer_leaks` finds text that states the correct answer to a quiz item (the tests run it on every student PDF;
the worksheet uses it to leave out key-term definitions that would answer a question on the same sheet)."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from .data_files import files_key, load_yaml, split_front_matter
from .errors import ContentError
from .instructor_data import discussion_questions

SITE_URL = "https://silverthread-edu.github.io/silverthread/"  # the published site (printed addresses)
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def plain(markdown: str) -> str:
    """Text for paper: links keep their words, citations and emphasis marks go."""
    text = _MD_LINK.sub(r"\1", re.sub(r"\s*\[@[^\]]*\]", "", markdown))
    return re.sub(r"(?<!\w)[*_]{1,2}|[*_]{1,2}(?!\w)", "", text)


# ---- data files -------------------------------------------------------------------------------------------


_KIT: dict[tuple, tuple[dict, dict]] = {}


def load_kit(data: Path, lessons: dict) -> tuple[dict, dict]:
    """(reading guides, lesson plans) by lesson id, each checked against the lessons: every lesson has one, the
    first questions exist, each plan adds up to its length. Read and checked once per build (several pages use it):
    the result is kept until one of the files it reads changes; an error is raised again on every call."""
    key = (str(data), tuple(sorted(lessons)),
           files_key(data / "reading_guides.yml", data / "lesson_plans.yml", *sorted((data / "quizzes").glob("*.yml")),
                     *(lessons[lid].path for lid in sorted(lessons))))
    if key not in _KIT:
        _KIT.clear()
        _KIT[key] = _load_kit(data, lessons)
    return _KIT[key]


def _load_kit(data: Path, lessons: dict) -> tuple[dict, dict]:
    guides_path, plans_path = data / "reading_guides.yml", data / "lesson_plans.yml"
    guides = load_yaml(guides_path, "reading_guides")["lessons"] if guides_path.exists() else {}
    plans = load_yaml(plans_path, "lesson_plans")["lessons"] if plans_path.exists() else {}
    for path, given in ((guides_path, guides), (plans_path, plans)):
        if not path.exists():
            continue
        for lid in given:
            if lid not in lessons:
                raise ContentError(path, f"entry for unknown lesson {lid}")
        for lid in lessons:
            if lid not in given:
                raise ContentError(path, f"lesson {lid} has no entry: add one under 'lessons:'")
    for lid, plan in plans.items():
        for n, fact in enumerate(plan["facts_to_state"], 1):
            if not _CITATION.search(fact):
                raise ContentError(plans_path, f"{lid}: fact {n} to state has no citation: end it with [@key], a "
                                               f"source the lesson cites for it")
        check_sheet_items(plans_path, lid, plan, data / "quizzes" / f"{lid}.yml")
        count = len(discussion_questions(lessons[lid].path))
        for n in plan["first_questions"]:
            if n > count:
                raise ContentError(plans_path, f"{lid}: first_questions names question {n}, but the lesson has "
                                               f"{count} discussion questions")
        for length in (50, 90):
            steps = plan.get(f"plan_{length}")
            if steps and sum(s["minutes"] for s in steps) != length:
                raise ContentError(plans_path, f"{lid}: plan_{length} adds up to "
                                               f"{sum(s['minutes'] for s in steps)} minutes, not {length}")
    return guides, plans


_CITATION = re.compile(r"\[(@[^\[\]]+)\]")


@cache
def _labels(bib_path: Path) -> dict[str, str]:
    from .quiz_data import source_labels
    return source_labels(bib_path) if bib_path.exists() else {}


def cited(text: str, bib_path: Path) -> str:
    """'... [@dc3850; @npt1968, art. X.1]' -> '... (DC/3850; UN 1968, art. X.1)': short source labels for paper,
    the same ones the printed quiz key uses."""
    labels = _labels(bib_path)

    def one(m: re.Match) -> str:
        parts = []
        for cite in m.group(1).split(";"):
            key, _, locator = cite.strip().lstrip("@").partition(",")
            if key.strip() not in labels:
                raise ContentError(bib_path, f"unknown citation key '{key.strip()}' in data/lesson_plans.yml")
            parts.append(labels[key.strip()] + (f", {locator.strip()}" if locator.strip() else ""))
        return "(" + "; ".join(parts) + ")"
    return _CITATION.sub(one, text)


MAX_SHEET_ITEMS = 6  # quiz items on a two-page worksheet; the full quiz stays on the web page


def check_sheet_items(plans_path: Path, lid: str, plan: dict, quiz_path: Path) -> None:
    """`worksheet_items` names at most MAX_SHEET_ITEMS ids of the lesson's quiz; a quiz longer than that must
    say which items its worksheet prints (items whose answer the sheet's own text gives away are left off)."""
    if not quiz_path.exists():
        return
    import yaml
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    ids = [q["id"] for q in (yaml.load(quiz_path.read_text(encoding="utf-8"), Loader=loader) or {})
           .get("questions", [])]
    chosen = plan.get("worksheet_items")
    if chosen is None:
        if len(ids) > MAX_SHEET_ITEMS:
            raise ContentError(plans_path, f"{lid}: the quiz has {len(ids)} items, more than a two-page worksheet "
                                           f"holds ({MAX_SHEET_ITEMS}); list the ones to print under worksheet_items")
        return
    unknown = [i for i in chosen if i not in ids]
    if unknown:
        raise ContentError(plans_path, f"{lid}: worksheet_items names {', '.join(unknown)}, not in "
                                       f"data/quizzes/{lid}.yml")
    if len(chosen) > MAX_SHEET_ITEMS:
        raise ContentError(plans_path, f"{lid}: worksheet_items lists {len(chosen)} items; a worksheet holds at "
                                       f"most {MAX_SHEET_ITEMS}")


def sheet_quiz(quiz: dict, plan: dict) -> dict:
    """The quiz as the student worksheet prints it: the items named in the plan's worksheet_items (in the quiz's
    own order), or all of them."""
    chosen = plan.get("worksheet_items")
    if chosen is None:
        return quiz
    return {**quiz, "questions": [q for q in quiz["questions"] if q["id"] in chosen]}


def with_starts(steps: list[dict]) -> list[dict]:
    """Each step with 'span' ('0-5', '5-12', ...)."""
    out, t = [], 0
    for step in steps:
        out.append({**step, "span": f"{t}-{t + step['minutes']}"})
        t += step["minutes"]
    return out


# ---- answer leaks -----------------------------------------------------------------------------------------

STOP = set("""a an the and or but nor of to in on at by for from with without as is are was were be been being it its
this that these those which what who whom whose when where why how than then there their they them he his she her
we our you your i not no yes do does did done has have had can could would should may might must will shall so such
into onto over under about after before between during until up down out off also only just more most less least
very each every all any some both b c d e f either neither other another same own one two three four also per via
following statement statements correct true false select apply tick answer answers according article lesson
say says said give gives given which one option options best most strongest""".split())
GENERIC_STEM = set("""which what who when why how statements statement correct select apply describe describes
read remarks reading point points claim claims article lesson true false following treaty figure""".split())
_WORD = re.compile(r"[^\W_]+(?:[-'’.,][^\W_]+)*")
WINDOW = 30


@cache  # about 90,000 calls a build over a few thousand distinct words
def _stem(word: str) -> str:
    word = word.lower().replace("’", "'").removesuffix("'s")
    if word.isdigit():
        return word
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s", "e", "y"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def tokens(text: str, aliases: re.Pattern | None = None, owners: dict | None = None) -> list[str]:
    """Content words, lower-cased and stemmed; glossary aliases become one token per term (TPNW = Treaty on the
    Prohibition of Nuclear Weapons), so a leak in other words is still found."""
    text = re.sub(r"\[@[^\]]*\]", " ", text)
    if aliases is not None:
        text = aliases.sub(lambda m: f" zzterm{owners[m.group(0)].replace('-', '')} ", text)
    out = []
    for raw in _WORD.findall(text):
        raw = raw.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+", raw) else raw
        for part in re.split(r"[-.,]", raw) if not raw.replace(",", "").isdigit() else [raw]:
            if part and part.lower() not in STOP:
                out.append(_stem(part))
    return out


def answer_texts(q: dict) -> list[str]:
    """The texts that state a correct answer: correct options, accepted short answers, or a true/false item's
    fact (its stem alone when the statement is true)."""
    if q["type"] == "short":
        return q["answers"][:1]
    if q["type"] == "truefalse":
        return [q["fact"]] if q.get("fact") else []
    return [o["text"] for o in q["options"] if o["correct"]]


def _cut_question(seq: list[str], stem: list[str], after: int) -> list[str]:
    """seq without the question itself: each run of its stem and the `after` tokens that follow (its options),
    replaced by a break, so that a window never joins text across it."""
    if not stem:
        return seq
    out, i, n = [], 0, len(stem)
    while i < len(seq):
        if seq[i:i + n] == stem:
            out.append("|")
            i += n + after
        else:
            out.append(seq[i])
            i += 1
    return out


def answer_leaks(text: str, quiz: dict, terms: dict | None = None) -> list[str]:
    """Questions whose correct answer `text` states outside the question itself, as 'id: answer (evidence)'.

    For each correct answer: its distinctive words (not in the stem or in any wrong option) must all appear within
    a window of WINDOW words, together with two of the stem's key words (or, for stems that say nothing, such as
    'Which statements are correct?', with most of the answer's words)."""
    from .glossary import alias_owner, alias_pattern
    pattern, owners = (alias_pattern(terms), alias_owner(terms)) if terms else (None, None)

    def tok(s: str) -> list[str]:
        return tokens(s, pattern, owners)

    whole = tok(text)
    # Other questions' wrong options state nothing as true, so they are taken out too (not one- or two-word
    # options such as a treaty's name, which would also cut words out of other text).
    wrong_runs = [run for q in quiz["questions"] for o in q.get("options", []) if not o["correct"]
                  for run in [tok(o["text"])] if len(run) >= 3]
    leaks = []
    for q in quiz["questions"]:
        own = [tok(q["stem"])] + [tok(o["text"]) for o in q.get("options", [])]
        if own[0]:
            seq = _cut_question(whole, own[0], sum(len(o) for o in own[1:]))
        else:  # a stem with no content words ('Which statements are correct?'): cut each of its options
            seq = whole
            for run in own[1:]:
                seq = _cut_question(seq, run, 0)
        for run in wrong_runs:
            seq = _cut_question(seq, run, 0)
        stem = set(own[0])
        wrong = {t for o in q.get("options", []) if not o["correct"] for t in tok(o["text"])}
        keys = {t for t in stem if t not in GENERIC_STEM and t not in {_stem(g) for g in GENERIC_STEM}}
        for answer in answer_texts(q):
            words = set(tok(answer))
            distinct = words - stem - wrong
            if not distinct:
                continue
            context = keys if keys else words
            need = min(2, len(keys)) if keys else max(2, round(0.6 * len(words)))
            for start in range(0, max(1, len(seq) - WINDOW + 1)):
                window = seq[start:start + WINDOW]
                if "|" in window:
                    window = window[: window.index("|")] if window[0] != "|" else []
                found = set(window)
                if distinct <= found and len((context - distinct) & found if keys else context & found) >= need:
                    leaks.append(f"{q['id']}: {answer[:60]} (near: {' '.join(window[:14])}...)")
                    break
    return leaks


# ---- worksheet and cover sheet context --------------------------------------------------------------------


def short_definition(definition: str) -> str:
    text = re.sub(r"\s*\[@[^\]]*\]", "", definition).strip()
    first = re.split(r"(?<=[.;])\s", text, maxsplit=1)[0]
    return first.rstrip(";") + ("" if first.endswith(".") else ".")


def kit_context(site, lesson, guides: dict, plans: dict) -> dict:
    """Extra template context for a lesson's student worksheet and instructor cover sheet."""
    quiz = site.quizzes.get(lesson.id)
    questions = [plain(q) for q in discussion_questions(lesson.path)]
    guide = guides.get(lesson.id) or {"prompts": list(lesson.meta["questions"])[:3]}
    plan = plans.get(lesson.id) or {}
    sheet = sheet_quiz(quiz, plan) if quiz else None
    terms = []
    for tid in lesson.meta["key_terms"]:
        term = site.terms[tid]
        short = short_definition(term.definition)
        leaks = answer_leaks(f"{term.label}: {short}", sheet, site.terms) if sheet else []
        terms.append({"label": term.label, "definition": None if leaks else short})
    first = plan.get("first_questions", [1, 2])
    return {
        "facts": [cited(f, site.data.parent / "bibliography" / "references.bib")
                  for f in plan.get("facts_to_state", [])],
        "guide": guide, "plan": plan, "sheet_terms": terms, "discussion": questions, "sheet_quiz": sheet,
        "quiz_total": len(quiz["questions"]) if quiz else 0,
        "sheet_numbers": [quiz["questions"].index(q) + 1 for q in sheet["questions"]] if quiz else [],
        "first_questions": [(n, questions[n - 1]) for n in first if n <= len(questions)],
        "plan_50": with_starts(plan.get("plan_50", [])), "plan_90": with_starts(plan.get("plan_90", [])),
        "answer_grid": answer_grid(sheet) if quiz else [], "site_url": SITE_URL,
    }


def answer_grid(quiz: dict) -> list[tuple[int, str]]:
    """(number, answer) in worksheet order: letters for choice items (A, C for several), True/False, or the
    first accepted short answer."""
    grid = []
    for n, q in enumerate(quiz["questions"], 1):
        if q["type"] == "short":
            grid.append((n, q["answers"][0]))
        elif q["type"] == "truefalse":
            grid.append((n, next(o["text"] for o in q["options"] if o["correct"])))
        else:
            grid.append((n, ", ".join("ABCDEFGH"[i] for i, o in enumerate(q["options"]) if o["correct"])))
    return grid


# ---- slides -----------------------------------------------------------------------------------------------

_MARKER = re.compile(r"^\[\[(source|figure):([\w-]+)\]\]\s*$", re.MULTILINE)


def lesson_markers(body: str, kind: str) -> list[str]:
    return [m.group(2) for m in _MARKER.finditer(body) if m.group(1) == kind]


def slide_context(site, lesson, plans: dict, body: str) -> dict:
    """A deck: title, objectives, a source excerpt and a figure when the lesson has them (teach13infra's
    primary_sources.yml and figures.yml with their [[source:ID]] / [[figure:ID]] markers; the first excerpt and the
    first figure that answer no worksheet item), discussion questions, exit ticket. No answers: no key points, no
    quiz."""
    sources = getattr(site, "sources", {}) or {}
    figures = getattr(site, "figures", {}) or {}
    plan = plans.get(lesson.id) or {}
    quiz = site.quizzes.get(lesson.id)
    sheet = sheet_quiz(quiz, plan) if quiz else None

    def answers_nothing(text: str) -> bool:
        """The deck is projected while students answer the worksheet: no excerpt or figure on it may answer a sheet
        item (L2's Article X.1 box states what l2-02 asks; L4's safeguards figure gives the count l4-10 asks)."""
        return not sheet or not answer_leaks(text, sheet, getattr(site, "terms", None))
    source = next((s for s in lesson_markers(body, "source")
                   if s in sources and answers_nothing(sources[s].get("text", ""))), None)
    figure = next((f for f in lesson_markers(body, "figure") if f in figures and answers_nothing(
        figures[f].get("caption", "") + " " + re.sub(r"<[^>]+>", " ", figures[f].get("_svg", "")))), None)
    return {"source": source, "figure": figure, "discussion": [plain(q) for q in discussion_questions(lesson.path)],
            "exit_ticket": plan.get("exit_ticket") or list(lesson.meta["questions"])[:3],
            "first_questions": plan.get("first_questions", [1, 2])}


# ---- role cards and the comparison grid (from the Activities page) ----------------------------------------


CARD_HEADERS = ("Delegation", "Caucus", "Role")  # first column of a role-card table
_CARDS = re.compile(r"^\*\*Role cards, ([^*]+?)\.\*\*[ \t]*\n", re.MULTILINE)


def _table_at(text: str, start: int) -> list[list[str]]:
    """Rows (cells) of the Markdown table that starts at `start` after blank lines only (header first, separator
    dropped); [] when anything else comes first, so a marker never picks up a table further down the page."""
    rows = []
    for line in text[start:].splitlines():
        if not rows and not line.strip():
            continue
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not all(re.fullmatch(r":?-+:?", c) for c in cells):
            rows.append(cells)
    return rows


def activity_tables(activities_md: Path) -> dict:
    """{'cards': [{'activity', 'scenario', 'header', 'rows'}, ...], 'grid': (header, rows)} from
    docs/instructors/activities.md. A card set is the table straight after a line '**Role cards, <name>.**' whose
    first column is one of CARD_HEADERS; every other table on the page (debate timings, rubrics, ...) is ignored.
    The activity is the '## ' heading the set sits under. The grid is the table under '### The comparison grid'."""
    text = split_front_matter(activities_md)[1]
    full = activities_md.read_text(encoding="utf-8")
    offset = full.count("\n", 0, len(full) - len(text)) if full.endswith(text) else 0
    cards = []
    for m in _CARDS.finditer(text):
        rows = _table_at(text, m.end())
        if len(rows) < 2 or rows[0][0] not in CARD_HEADERS:
            raise ContentError(activities_md, f"'Role cards, {m.group(1)}' must be followed by a table whose first "
                                              f"column is one of {', '.join(CARD_HEADERS)}",
                               offset + text.count("\n", 0, m.start()) + 1)
        heads = re.findall(r"^## (.+)$", text[:m.start()], re.MULTILINE)
        cards.append({"activity": heads[-1].strip() if heads else "Activities", "scenario": m.group(1),
                      "header": rows[0], "rows": rows[1:]})
    grid_at = re.search(r"^### The comparison grid\s*$", text, re.MULTILINE)
    grid = _table_at(text, grid_at.end()) if grid_at else []
    return {"cards": cards, "grid": (grid[0], grid[1:]) if grid else None}


# The class-activity handouts: page name -> title (the handout's own heading and the Handouts page's row).
KIT_TITLES = {"role-cards": "Role cards: drafting simulation and Track Two role-play",
              "comparison-grid": "Comparison grid: reading the author critically"}


def kit_extras(site) -> list[tuple[str, str]]:
    """(name, title) of the class-activity handouts kit_pages makes, for the Handouts page's table."""
    activities_md = site.docs / "instructors" / "activities.md"
    tables = activity_tables(activities_md) if activities_md.exists() else {"cards": [], "grid": None}
    made = {"role-cards": bool(tables["cards"]), "comparison-grid": bool(tables["grid"])}
    return [(name, title) for name, title in KIT_TITLES.items() if made[name]]


def kit_pages(site, handouts: str) -> dict[str, str]:
    """docs-relative path -> Markdown for the slide decks, role cards and the comparison grid."""
    from .templates import render

    _guides, plans = load_kit(site.data, site.lessons)
    pages = {}
    for lesson in sorted(site.lessons.values(), key=lambda les: les.id):
        body = split_front_matter(lesson.path)[1]
        src = f"{handouts}/lesson-{lesson.id[1:]}-slides.md"
        pages[src] = render("handout_slides.md.j2", lesson=lesson, m=lesson.meta, src_uri=src,
                            **slide_context(site, lesson, plans, body))
    activities_md = site.docs / "instructors" / "activities.md"
    if activities_md.exists():
        tables = activity_tables(activities_md)
        if tables["cards"]:
            pages[f"{handouts}/role-cards.md"] = render("handout_role_cards.md.j2", sets=tables["cards"],
                                                        title=KIT_TITLES["role-cards"])
        if tables["grid"]:
            pages[f"{handouts}/comparison-grid.md"] = render("handout_grid.md.j2", header=tables["grid"][0],
                                                             rows=tables["grid"][1],
                                                             title=KIT_TITLES["comparison-grid"])
    return pages
