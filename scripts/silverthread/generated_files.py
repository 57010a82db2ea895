"""Downloads generated at build time from the single sources: the .bib file, and the quiz exports
(Moodle GIFT per quiz and for the module, Canvas QTI zips). Added as MkDocs files, so links to them are
validated like any page."""
from __future__ import annotations

from mkdocs.structure.files import File, Files

from .bibliography import csl_json
from .handout_pages import handout_sources
from .quiz_gift import to_gift
from .quiz_qti import to_qti_zip

DOWNLOADS = "downloads"


def download_names(site) -> dict[str, bytes | str]:
    """docs-relative path -> content, for every generated download."""
    out: dict[str, bytes | str] = {f"{DOWNLOADS}/silverthread.bib": site.bib_path.read_bytes(),
                                   f"{DOWNLOADS}/silverthread.json": csl_json(site.bib_path)}
    ordered = sorted(site.quizzes.values(), key=lambda q: (q["quiz_id"] == "module", q["quiz_id"]))
    for quiz in ordered:
        out[f"{DOWNLOADS}/quiz-{quiz['quiz_id']}.gift.txt"] = to_gift([quiz])
        out[f"{DOWNLOADS}/quiz-{quiz['quiz_id']}-qti.zip"] = to_qti_zip(quiz)
    if ordered:
        out[f"{DOWNLOADS}/quiz-all.gift.txt"] = to_gift(ordered)
    return out


def add_generated_files(files: Files, config, site) -> Files:
    for path, content in {**download_names(site), **handout_sources(site)}.items():
        files.append(File.generated(config, path, content=content))
    return files
