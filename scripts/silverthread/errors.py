"""One exception type for bad input, so that every failure names file, line and problem."""
from __future__ import annotations

from pathlib import Path


class ContentError(Exception):
    """Bad input in a content or data file. The message names the file, the line and the fix."""

    def __init__(self, path: Path | str, problem: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {problem}")
