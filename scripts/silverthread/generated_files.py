"""Downloads generated at build time from the single sources: the .bib file, and the quiz exports
(Moodle GIFT per quiz and for the module, Canvas QTI zips). Added as MkDocs files, so links to them are
validated like any page."""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.structure.files import File, Files

from . import build_cache
from .bibliography import csl_json
from .handout_pages import handout_sources
from .quiz_gift import to_gift

DOWNLOADS = "downloads"


def _cached_qti(quiz: dict) -> bytes:
    """to_qti_zip(quiz), kept between builds (build_cache), keyed by the quiz's content and the code that writes it:
    text2qti takes about half a second a build for the seven zips."""
    here = Path(__file__).parent
    templates = [p.read_bytes() for p in sorted((here.parents[1] / "overrides" / "st").glob("quiz*.j2"))]
    digest = build_cache.key(json.dumps(quiz, sort_keys=True, default=str),
                             build_cache.code(*sorted(p.stem for p in here.glob("quiz_*.py"))), *templates)
    data = build_cache.get("qti", digest)
    if data is None:
        from .quiz_qti import to_qti_zip  # text2qti takes 0.1 s to import: only when a zip is made
        data = to_qti_zip(quiz)
        build_cache.put("qti", digest, data)
    return data


def download_names(site) -> dict[str, bytes | str]:
    """docs-relative path -> content, for every generated download."""
    out: dict[str, bytes | str] = {f"{DOWNLOADS}/silverthread.bib": site.bib_path.read_bytes(),
                                   f"{DOWNLOADS}/silverthread.json": csl_json(site.bib_path)}
    ordered = sorted(site.quizzes.values(), key=lambda q: (q["quiz_id"] == "module", q["quiz_id"]))
    for quiz in ordered:
        out[f"{DOWNLOADS}/quiz-{quiz['quiz_id']}.gift.txt"] = to_gift([quiz])
        out[f"{DOWNLOADS}/quiz-{quiz['quiz_id']}-qti.zip"] = _cached_qti(quiz)
    if ordered:
        out[f"{DOWNLOADS}/quiz-all.gift.txt"] = to_gift(ordered)
    return out


def add_generated_files(files: Files, config, site) -> Files:
    pages = handout_sources(site) if site.handout_pages else {}  # only when handouts are made (mkdocs.yml)
    site.handout_pdfs = tuple(f"{path.removesuffix('.md')}.pdf" for path in pages)  # printed after the build
    for path, content in {**download_names(site), **pages}.items():
        files.append(File.generated(config, path, content=content))
    return files
