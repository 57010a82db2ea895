"""Everything the build knows about the module's content, loaded and cross-checked once per build, and the
page transforms the MkDocs hook calls. Each transform delegates to a module with one job."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from . import BIBLIOGRAPHY, DATA, DOCS, bibliography, citations, markers, page_dates
from .corrections import anchor as correction_anchor
from .corrections import count_for, load_corrections, log_view
from .data_files import line_at, load_yaml, split_front_matter
from .editor_notes import load_notes
from .errors import ContentError
from .figures import load_figures, renumber_ids
from .glossary import load_terms, require_terms
from .handout_pages import HANDOUTS, rebase_links, wanted
from .instructor_data import instructor_handlers, load_activities, load_facilitation
from .lessons import load_lessons
from .markdown_utils import mask_code
from .placements import check_listed
from .primary_sources import load_sources, paragraphs
from .print_kit import SITE_URL, kit_extras
from .quiz_data import load_quizzes
from .reading_time import WORDS_PER_MINUTE
from .tasks import check_tasks, handout_role, load_tasks
from .templates import check_date, human_date, render
from .term_marks import mark_terms

HANDOUT_EXTRAS = [("module", "The whole module"), ("glossary", "Glossary"), ("bibliography", "Annotated bibliography"),
                  ("timeline", "Timeline")]


def lesson_headings(lessons: dict) -> dict[str, str]:
    """'lessons/x.md#anchor' -> heading text, for the ## to #### headings of each lesson (toc's own slugify)."""
    import re

    from markdown.extensions.toc import slugify
    out = {}
    for lesson in lessons.values():
        body = mask_code(split_front_matter(lesson.path)[1])
        for m in re.finditer(r"^#{2,4} (.+?)[ \t]*$", body, re.MULTILINE):
            text = re.sub(r"[*_`]", "", m.group(1))
            out.setdefault(f"{lesson.src_uri}#{slugify(text, '-')}", text)
    return out


def page_link(target: str, from_url: str) -> str:
    """Relative URL from a built page (directory URL) to a docs-relative .md target with optional #anchor."""
    path, _, anchor = target.partition("#")
    url = path.removesuffix("index.md").removesuffix(".md")
    url = url + "/" if url and not url.endswith("/") else url
    rel = posixpath.relpath(url or ".", from_url or ".")
    rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


@dataclass
class SiteContent:
    docs: Path = DOCS
    data: Path = DATA
    bib_path: Path = BIBLIOGRAPHY
    marked: dict[str, set[str]] = field(default_factory=dict)  # lesson src_uri -> term ids marked there
    preview: bool = False  # `mkdocs serve`: no PDFs are printed, so the Handouts page says how to make them
    handout_pages: bool = False  # extra.handout_pages (SILVERTHREAD_HANDOUTS): build handouts/* pages
    handout_pdfs: tuple[str, ...] = ()  # 'handouts/<name>.pdf' for each handout page: printed after the build

    def configure(self, config) -> SiteContent:
        """Take paths from the MkDocs config, so fixture projects in tests build with their own content."""
        root = Path(config.config_file_path).parent
        self.docs = Path(config.docs_dir)
        self.data = root / "data"
        self.bib_path = root / config.plugins["bibtex"].config.bib_file
        self.handout_pages = wanted(config.extra.get("handout_pages", False), Path(config.config_file_path))
        return self.load()

    def load(self) -> SiteContent:
        page_dates.clear()
        page_dates.prefetch(self.data.parent)  # git log and the CSL-JSON conversion run while the build goes on
        bibliography.prefetch_csl_json(self.bib_path)
        self.bib = bibliography.load(self.bib_path)
        self.refs = bibliography.formatted(self.bib_path)
        self.terms = load_terms(self.docs / "glossary")
        self.lessons = load_lessons(self.docs / "lessons")
        self.notes = load_notes(self.data / "editor_notes") if (self.data / "editor_notes").is_dir() else {}
        self.quizzes = load_quizzes(self.data / "quizzes", self.lessons) if (self.data / "quizzes").is_dir() else {}
        facilitation, activities = self.data / "facilitation.yml", self.data / "activities.yml"
        self.facilitation = load_facilitation(facilitation, self.lessons) if facilitation.exists() else {}
        self.activities = load_activities(activities, self.lessons) if activities.exists() else []
        timeline = self.data / "timeline.yml"
        self.timeline = load_yaml(timeline, "timeline")["events"] if timeline.exists() else []
        sources, tasks, figures = self.data / "primary_sources.yml", self.data / "tasks.yml", self.data / "figures.yml"
        self.sources = load_sources(sources, set(self.bib)) if sources.exists() else {}
        self.tasks = load_tasks(tasks, self.sources) if tasks.exists() else {}
        self.figures = load_figures(figures, self.data / "figures") if figures.exists() else {}
        self.corrections = load_corrections(self.data / "corrections.yml", self.docs, set(self.bib))
        self._cross_check()
        self.marked = {}
        self.headings = lesson_headings(self.lessons)  # 'lessons/x.md#anchor' -> heading text
        return self

    def _cross_check(self) -> None:
        known = set(self.bib)
        for path in sorted(self.data.rglob("*.yml")):  # citations in data files, named where they are written
            citations.check_keys(path.read_text(encoding="utf-8"), known, path)
        for term in self.terms.values():
            for key in term.sources + [f["cite"].split(",")[0] for f in term.facts]:
                if key not in known:
                    raise ContentError(term.path, f"unknown citation key '{key}' in front matter")
        for lesson in self.lessons.values():
            if lesson.id not in self.quizzes:
                raise ContentError(lesson.path, f"lesson {lesson.id} has no quiz: add data/quizzes/{lesson.id}.yml")
            require_terms(lesson.meta["key_terms"], self.terms, lesson.path)
            for key in lesson.meta["readings"]:
                if key not in known:
                    raise ContentError(lesson.path, f"reading '{key}' is not in bibliography/references.bib")
        if self.sources:
            check_listed("source box", "source", self.sources, self.lessons, self.data / "primary_sources.yml",
                         "sources")
        if self.tasks:
            check_tasks(self.tasks, self.lessons, self.data / "tasks.yml")
        if self.figures:
            check_listed("figure", "figure", self.figures, self.lessons, self.data / "figures.yml", "figures")
        timeline = self.data / "timeline.yml"
        for i, event in enumerate(self.timeline):
            try:
                check_date(event["date"])
            except ValueError as exc:
                raise ContentError(timeline, f"event '{event['title']}': impossible date: {exc}",
                                   line_at(timeline, ["events", i, "date"])) from None
            if event["cite"].split(",")[0] not in known:
                raise ContentError(self.data / "timeline.yml", f"{event['date']} {event['title']}: unknown "
                                                               f"citation key '{event['cite']}'")
            if not (self.docs / event["lesson"].split("#")[0]).exists():
                raise ContentError(self.data / "timeline.yml", f"{event['date']}: lesson link {event['lesson']} "
                                                               "does not exist")

    def search_meta(self, src_uri: str, meta: dict) -> None:
        """Term pages rank first for their term; handouts repeat the lessons, so search leaves them out."""
        if src_uri.startswith("glossary/") and Path(src_uri).stem in self.terms:
            meta.setdefault("search", {"boost": 4})
        elif src_uri.startswith(f"{HANDOUTS}/"):
            meta.setdefault("search", {"exclude": True})

    # ---- Markdown stage (before mkdocs-bibtex) ----
    def page_markdown(self, markdown: str, src_uri: str, abs_path: Path | None) -> str:
        front = split_front_matter(abs_path)[0] if abs_path else ""
        offset = front.count("\n") + 2 if front else 0
        abs_path = abs_path or Path(src_uri)
        citations.check_keys(markdown, set(self.bib), abs_path, offset)
        markdown = markers.expand(markdown, self._handlers(src_uri), abs_path, offset)
        if src_uri.startswith(f"{HANDOUTS}/"):
            markdown = rebase_links(markdown)
        citations.check_keys(markdown, set(self.bib), abs_path)  # generated text too (notes, facts)
        if src_uri.startswith("glossary/") and Path(src_uri).stem in self.terms:
            markdown = self._term_page(markdown, self.terms[Path(src_uri).stem], src_uri)
        lesson = next((les for les in self.lessons.values() if les.src_uri == src_uri), None)
        if lesson:
            markdown = self._lesson_page(markdown, lesson, src_uri)
        if citations.cited_keys(markdown):
            markdown = markdown.rstrip() + "\n\n## References\n"
        return citations.protect_code(citations.join_wrapped(markdown))

    def _handlers(self, src_uri: str) -> dict:
        def link(target: str) -> str:
            return posixpath.relpath(target, posixpath.dirname(src_uri) or ".")

        role = handout_role(src_uri)  # None on site pages: 'student' or 'instructor' on handouts
        copies: dict[str, int] = {}

        def source_box(arg: str, anchor: bool = True) -> str:
            box = self.sources[arg]
            return render("source_box.md.j2", box=box, paragraphs=paragraphs(box["text"]),
                          anchor=anchor and role is None, src_uri=src_uri)

        def task(arg: str) -> str:
            item = self.tasks[arg]
            box = source_box(item["source"], anchor=False) if role and item.get("source") else ""
            return render("task.md.j2", task=item, answer={None: "collapsed", "instructor": "open"}.get(role),
                          anchor=role is None, source_box=box, src_uri=src_uri)

        def figure(arg: str) -> str:
            fig = self.figures[arg]
            copies[arg] = copies.get(arg, 0) + 1
            svg = fig["_svg"] if copies[arg] == 1 else renumber_ids(fig["_svg"], arg, copies[arg])
            return render("figure.md.j2", figure=fig, svg=svg, anchor=copies[arg] == 1 and role is None,
                          src_uri=src_uri)

        return {
            "editor-note": lambda arg: render("editor_note.md.j2", note=self.notes[arg], src_uri=src_uri),
            "quiz": lambda arg: render("quiz_slot.md.j2", quiz=self.quizzes[arg]),
            "glossary-index": lambda _: render("glossary_index.md.j2", terms=self.terms_by_letter(), link=link),
            "timeline": lambda _: render("timeline.md.j2", events=self.timeline, link=link),
            "references": lambda _: render("references.md.j2", groups=self.reference_groups(), link=link),
            "answer-key": lambda _: render("answer_key.md.j2", quizzes=self.quizzes, lessons=self.lessons,
                                           link=link),
            "reference": lambda arg: self.refs[arg],
            "facilitation": lambda _: render("facilitation.md.j2", notes=self.facilitation, lessons=self.lessons,
                                             link=link, src_uri=src_uri),
            "objectives-matrix": lambda _: render("objectives_matrix.md.j2", rows=self.objective_rows(), link=link),
            "handouts-table": lambda _: render(
                "handouts_table.html.j2", lessons=sorted(self.lessons.values(), key=lambda les: les.id),
                base=posixpath.relpath(".", posixpath.dirname(src_uri.removesuffix(".md") + "/index.html")) + "/",
                extras=HANDOUT_EXTRAS + kit_extras(self), pages=self.handout_pages,
                pdfs=self.handout_pages and not self.preview, preview=self.preview, published=SITE_URL),
            "lesson-table": lambda _: render("lesson_table.md.j2", lessons=self.lessons, link=link,
                                            wpm=WORDS_PER_MINUTE),
            "source": source_box,
            "task": task,
            "figure": figure,
            "corrections": lambda _: render("corrections.md.j2", **log_view(self.corrections, self.docs),
                                            link=link),
            **instructor_handlers(self, link),
        }

    def page_history(self, src_uri: str, meta: dict, markdown: str) -> None:
        """Put the date the page's content last changed (git) and its number of corrections into its meta,
        for the page foot (overrides/main.html). Handout pages repeat other pages and carry neither."""
        if src_uri.startswith(f"{HANDOUTS}/"):
            return
        lesson = next((les for les in self.lessons.values() if les.src_uri == src_uri), None)
        notes = {nid: Path(n["_path"]).resolve().relative_to(self.data.parent.resolve()).as_posix()
                 for nid, n in self.notes.items()}
        deps = page_dates.dependencies(markdown, f"{self.docs.name}/{src_uri}", notes, lesson.id if lesson else None)
        changed = page_dates.last_changed(self.data.parent, deps)
        meta["st_history"] = {"iso": changed, "date": human_date(changed) if changed else None,
                              "corrections": count_for(self.corrections, src_uri),
                              "anchor": correction_anchor(src_uri)}

    def citation_texts(self) -> list[str]:
        """Every text that will contain citations: page sources, data files, and the citations templates make."""
        texts = [p.read_text(encoding="utf-8") for p in self.docs.rglob("*.md")]
        texts += [p.read_text(encoding="utf-8") for p in self.data.rglob("*.yml")]
        texts += [f"[@{f['cite']}]" for t in self.terms.values() for f in t.facts]
        texts += [f"[@{e['cite']}]" for e in self.timeline]
        texts += [f"[@{key}]" for c in self.corrections for key in c.sources]
        texts += [f"[@{b['source']}, {b['locator']}]" for b in self.sources.values()]
        return texts

    def objective_rows(self) -> list[dict]:
        """Objective -> lesson sections -> quiz questions -> activities, for the instructors' matrix."""
        rows = []
        for lesson in sorted(self.lessons.values(), key=lambda les: les.id):
            for obj in lesson.meta["objectives"]:
                questions = [q for quiz in self.quizzes.values() for q in quiz["questions"]
                             if q["objective"] == obj["id"]]
                taught = f"{lesson.src_uri}#{obj['taught_in']}"
                sections = list(dict.fromkeys(q["link"] for q in questions if q["link"].startswith(lesson.src_uri)))
                rows.append({"lesson": lesson, "objective": obj, "questions": questions, "taught_in": taught,
                             "heading": self.headings.get(taught, obj["taught_in"].replace("-", " ").capitalize()),
                             "sections": [s for s in sections if s != taught],
                             "activities": [a for a in self.activities if obj["id"] in a["objectives"]]})
        return rows

    def terms_by_letter(self) -> list[tuple[str, list]]:
        groups: dict[str, list] = {}
        for term in sorted(self.terms.values(), key=lambda t: t.label.lower()):
            groups.setdefault(term.label[0].upper(), []).append(term)
        return sorted(groups.items())

    def reference_groups(self) -> list[tuple[str, str, list]]:
        out = []
        for group, title in bibliography.GROUPS.items():
            entries = sorted((e for e in self.bib.values() if e.group == group),
                             key=lambda e: self.refs.get(e.key, e.key))
            out.append((group, title, [(e, self.refs[e.key]) for e in entries]))
        return out

    def _term_page(self, markdown: str, term, src_uri: str) -> str:
        related = [self.terms[r] for r in term.related]
        return render("term_page.md.j2", term=term, body=markdown, related=related,
                      sources=[self.refs[k] for k in term.sources])

    def _lesson_page(self, markdown: str, lesson, src_uri: str) -> str:
        key_terms = [self.terms[t] for t in lesson.meta["key_terms"]]
        readings = [self.refs[k] for k in lesson.meta["readings"]]
        return render("lesson_page.md.j2", m=lesson.meta, body=markdown, key_terms=key_terms,
                      readings=readings, quiz=self.quizzes.get(lesson.id))

    # ---- After mkdocs-bibtex ----
    @staticmethod
    def after_citations(markdown: str) -> str:
        return citations.after_citations(markdown)

    # ---- HTML stage ----
    def page_content(self, html: str, src_uri: str, url: str) -> str:
        lesson = next((les for les in self.lessons.values() if les.src_uri == src_uri), None)
        if lesson:
            self._check_taught_in(lesson, html)
        html = self._fill_worksheets(self._fill_quizzes(html, url))
        own = Path(src_uri).stem if src_uri.startswith("glossary/") else None
        html, marked = mark_terms(html, self.terms, url, own)
        if any(les.src_uri == src_uri for les in self.lessons.values()):
            self.marked[src_uri] = marked
        return html

    def _check_taught_in(self, lesson, html: str) -> None:
        """Each objective's taught_in must be the id of a heading on its lesson's page."""
        from lxml import html as lxml_html

        from .lessons import front_line
        doc = lxml_html.fromstring(html) if html.strip() else None
        heads = {h.get("id"): " ".join(h.text_content().replace("¶", "").split())
                 for h in (doc.xpath("//h2[@id]|//h3[@id]|//h4[@id]") if doc is not None else [])}
        for index, obj in enumerate(lesson.meta["objectives"]):
            if obj["taught_in"] not in heads:
                raise ContentError(lesson.path, f"objective {obj['id']}: taught_in '{obj['taught_in']}' is not a "
                                                f"heading of this page; its headings: {', '.join(heads)}",
                                   front_line(lesson.path, ["objectives", index, "taught_in"]))

    def quiz_ids_in(self, html: str) -> list[str]:
        return [qid for qid, quiz in self.quizzes.items() if render("quiz_slot.md.j2", quiz=quiz).strip() in html]

    def _fill_worksheets(self, html: str) -> str:
        for quiz in self.quizzes.values():
            slot = render("worksheet_slot.html.j2", quiz=quiz).strip()
            if slot in html:
                html = html.replace(slot, render("worksheet.html.j2", quiz=quiz))
        return html

    def _fill_quizzes(self, html: str, url: str) -> str:
        for qid in self.quiz_ids_in(html):
            slot = render("quiz_slot.md.j2", quiz=self.quizzes[qid]).strip()
            html = html.replace(slot, render("quiz.html.j2", quiz=self.quizzes[qid],
                                             link=lambda target: page_link(target, url)))
        return html

    def backlinks(self, html: str, src_uri: str, url: str) -> str:
        """Fill a term page's 'Where this term appears' from the lessons rendered in this build."""
        tid = Path(src_uri).stem
        slot = render("backlinks_slot.html.j2", term_id=tid).strip()
        if slot not in html:
            return html
        lessons = sorted(self.lessons.values(), key=lambda les: les.id)
        pages = [les for les in lessons if tid in self.marked.get(les.src_uri, set())]
        links = [(lesson, page_link(lesson.src_uri, url)) for lesson in pages]
        return html.replace(slot, render("backlinks.html.j2", links=links))
