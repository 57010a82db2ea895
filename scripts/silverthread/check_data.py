"""Command line: validate every data file and front matter against its schema (python -m silverthread.check_data)."""
from __future__ import annotations

import sys
from pathlib import Path

from . import DATA, DOCS
from .data_files import load_front_matter, load_yaml
from .errors import ContentError

DATA_FILES = ("timeline", "facilitation", "activities", "fact_check_rows", "primary_sources", "tasks",
              "figures", "corrections", "reading_guides", "lesson_plans")  # data/<name>.yml, schema <name>


def _load_corrections(path: Path, schema: str) -> None:
    """The corrections log keeps its dates as text: check it the way the build reads it."""
    from .corrections import read_log
    read_log(path)


def check(docs: Path = DOCS, data: Path = DATA) -> tuple[int, list[str]]:
    """(files checked, problems as 'file:line: problem')."""
    jobs = [(p, "lesson", True) for p in sorted((docs / "lessons").glob("[0-9][0-9]-*.md"))]
    jobs += [(p, "glossary", True) for p in sorted((docs / "glossary").glob("*.md")) if p.name != "index.md"]
    jobs += [(p, "quiz", False) for p in sorted((data / "quizzes").glob("*.yml"))]
    jobs += [(p, "editor_notes", False) for p in sorted((data / "editor_notes").glob("*.yml"))]
    jobs += [(data / f"{name}.yml", name, False) for name in DATA_FILES if (data / f"{name}.yml").exists()]
    problems = []
    for path, schema, is_page in jobs:
        try:
            loader = load_front_matter if is_page else _load_corrections if schema == "corrections" else load_yaml
            loader(path, schema)
        except ContentError as exc:
            problems.append(str(exc))
    return len(jobs), problems


def main() -> int:
    checked, problems = check()
    for p in problems:
        print(p, file=sys.stderr)
    print(f"checked {checked} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
