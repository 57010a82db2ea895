"""Primary-source boxes: short verbatim excerpts of primary documents (data/primary_sources.yml, schema
primary_sources), each shown by a line `[[source:ID]]` as a quotation figure with its citation and locator."""
from __future__ import annotations

import re
from pathlib import Path

from .data_files import line_at, load_yaml
from .errors import ContentError

MAX_WORDS = 120
WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")


def words(text: str) -> int:
    return len(WORD.findall(text))


def load_sources(path: Path, bib_keys: set[str]) -> dict[str, dict]:
    """Box id -> box (with '_lessons' and '_path'); fails on repeated ids, unknown keys and over-long text."""
    boxes: dict[str, dict] = {}
    for index, box in enumerate(load_yaml(path, "primary_sources")["sources"]):
        where = ["sources", index]
        if box["id"] in boxes:
            raise ContentError(path, f"source box id '{box['id']}' is used twice", line_at(path, where + ["id"]))
        if box["source"] not in bib_keys:
            raise ContentError(path, f"source box '{box['id']}': unknown bibliography key '{box['source']}'",
                               line_at(path, where + ["source"]))
        count = words(box["text"])
        if count > MAX_WORDS:
            raise ContentError(path, f"source box '{box['id']}': the excerpt has {count} words; at most {MAX_WORDS} "
                                     "(cut it, marking omissions with ' … ')", line_at(path, where + ["text"]))
        boxes[box["id"]] = {**box, "_lessons": box["lessons"], "_path": str(path)}
    return boxes


def paragraphs(text: str) -> list[str]:
    """The excerpt's paragraphs (blank-line separated), each on one line: the box shows them as plain text."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
