"""Editor's notes: data files that correct or qualify the article beside the passage concerned."""
from __future__ import annotations

from pathlib import Path

from .data_files import load_yaml
from .errors import ContentError


def load_notes(notes_dir: Path) -> dict[str, dict]:
    """Note id -> note (with its source file under '_path')."""
    notes: dict[str, dict] = {}
    for path in sorted(notes_dir.glob("*.yml")):
        for note in load_yaml(path, "editor_notes")["notes"]:
            if note["id"] in notes:
                other = notes[note["id"]]["_path"]
                raise ContentError(path, f"editor's note id '{note['id']}' is also used in {other}")
            notes[note["id"]] = {**note, "_path": str(path)}
    return notes
