"""Command line: validate every data file and front matter against its schema (python -m silverthread.check_data)."""
from __future__ import annotations

import sys

from . import DATA, DOCS
from .data_files import load_front_matter, load_yaml
from .errors import ContentError


def main() -> int:
    problems = []
    jobs = [(p, "lesson", True) for p in sorted((DOCS / "lessons").glob("[0-9][0-9]-*.md"))]
    jobs += [(p, "glossary", True) for p in sorted((DOCS / "glossary").glob("*.md")) if p.name != "index.md"]
    jobs += [(p, "quiz", False) for p in sorted((DATA / "quizzes").glob("*.yml"))]
    jobs += [(p, "editor_notes", False) for p in sorted((DATA / "editor_notes").glob("*.yml"))]
    if (DATA / "timeline.yml").exists():
        jobs.append((DATA / "timeline.yml", "timeline", False))
    for path, schema, is_page in jobs:
        try:
            (load_front_matter if is_page else load_yaml)(path, schema)
        except ContentError as exc:
            problems.append(str(exc))
    for p in problems:
        print(p, file=sys.stderr)
    print(f"checked {len(jobs)} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
