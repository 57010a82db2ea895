"""When each page's content last changed, from git: the newest commit that touched the page's Markdown or a
data file the page is built from (its quiz, its editor's notes, the timeline...). One `git log` call per
build. Outside a git checkout (a downloaded archive, a test fixture) pages simply show no date: a build date
would claim a change that did not happen."""
from __future__ import annotations

import subprocess
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

from .markers import MARKER

# Data files behind each marker (paths relative to the project root); editor's notes and quizzes by id.
MARKER_DATA = {
    "timeline": ["data/timeline.yml"],
    "facilitation": ["data/facilitation.yml"],
    "references": ["bibliography/references.bib"],
    "reference": ["bibliography/references.bib"],
    "answer-key": ["data/quizzes"],
    "objectives-matrix": ["data/quizzes", "data/activities.yml"],
    "corrections": ["data/corrections.yml"],
    "source": ["data/primary_sources.yml"],
    "task": ["data/tasks.yml", "data/primary_sources.yml"],
    "figure": ["data/figures.yml", "data/figures"],
    "lesson-table": ["docs/lessons"],
}


_PENDING: dict = {}
_POOL = ThreadPoolExecutor(max_workers=1)  # one background job per build


def prefetch(root: Path) -> None:
    """Start the build's `git log` in a background thread (git runs on the other core while the build goes on)."""
    root = root.resolve()
    if root not in _PENDING:
        _PENDING[root] = _POOL.submit(_git_log, root)


def _git_log(root: Path) -> str | None:
    try:
        return subprocess.run(["git", "-C", str(root), "log", "--format=@%cs", "--name-only", "--no-renames",
                               "--", "docs", "data", "bibliography"],
                              capture_output=True, text=True, check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None


@cache
def _history(root: Path) -> dict[str, str]:
    """Path (relative to root) -> ISO date of the newest commit that touched it; empty outside git."""
    pending = _PENDING.pop(root, None)
    out = pending.result() if pending else _git_log(root)
    if out is None:
        return {}
    newest: dict[str, str] = {}
    date = ""
    for line in out.splitlines():
        if line.startswith("@"):
            date = line[1:]
        elif line and date:
            newest.setdefault(line, date)
    return newest


def dependencies(markdown: str, src_path: str, note_files: dict[str, str], quiz_id: str | None) -> list[str]:
    """Root-relative files a page is built from: its own source, the data its markers name, its quiz."""
    deps = [src_path]
    for m in MARKER.finditer(markdown):
        name, arg = m.group(1), m.group(2)
        if name == "editor-note" and arg in note_files:
            deps.append(note_files[arg])
        elif name == "quiz" and arg:
            deps.append(f"data/quizzes/{arg}.yml")
        deps += MARKER_DATA.get(name, [])
    if quiz_id:
        deps.append(f"data/quizzes/{quiz_id}.yml")
    return list(dict.fromkeys(deps))


def last_changed(root: Path, deps: list[str]) -> str | None:
    """ISO date of the newest commit touching any of `deps` (a folder counts through its files), or None."""
    history = _history(root.resolve())
    dates = [d for path, d in history.items()
             if any(path == dep or path.startswith(dep.rstrip("/") + "/") for dep in deps)]
    return max(dates) if dates else None


def clear() -> None:
    """Forget the cached history (each build reads it afresh, so `mkdocs serve` sees new commits)."""
    _history.cache_clear()
    _PENDING.clear()


