"""Reading time, computed, never typed: the words a student reads on a lesson page at WORDS_PER_MINUTE,
rounded up. Counted: the front matter the page shows (summary, guiding questions, objectives, key points) and
the body's prose, with markup, link targets and citation keys left out and each data marker counted as the
words of what it shows (editor's notes, source boxes, tasks with their model answers, figure captions)."""
from __future__ import annotations

import math
import re
from pathlib import Path

import yaml

from .data_files import files_key
from .markdown_utils import mask_code

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

WORDS_PER_MINUTE = 200
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_MARKER = re.compile(r"^[ \t]*\[\[([a-z-]+)(?::([A-Za-z0-9_-]+))?\]\][ \t]*$", re.MULTILINE)

# marker name -> (data file or directory under data/, list key, fields read on the page)
MARKER_TEXT = {
    "editor-note": ("editor_notes", "notes", ("title", "article_quote", "note")),
    "source": ("primary_sources.yml", "sources", ("text", "locator", "note")),
    "task": ("tasks.yml", "tasks", ("title", "prompt", "model_answer")),
    "figure": ("figures.yml", "figures", ("caption",)),
}


def prose_words(markdown: str) -> int:
    """Words a reader sees in a piece of Markdown."""
    text = mask_code(markdown)
    text = re.sub(r"\[@[^\]]*\]", " ", text)                     # citations render as short author-date labels
    text = re.sub(r"\]\([^)]*\)", "]", text)                     # link targets
    text = re.sub(r"<[^>]+>", " ", text)                        # HTML tags (their text stays)
    text = re.sub(r"^[ \t]*[!?]{3}\+?[ \t]*[a-z-]+", " ", text, flags=re.MULTILINE)  # admonition type
    text = re.sub(r"\{[^}\n]*\}", " ", text)                     # attribute lists
    return len(WORD.findall(text))


def _marker_files(data_dir: Path) -> list[tuple[str, str, tuple, Path]]:
    out = []
    for name, (rel, key, fields) in MARKER_TEXT.items():
        target = data_dir / rel
        files = sorted(target.glob("*.yml")) if target.is_dir() else [target] if target.exists() else []
        out.extend((name, key, fields, path) for path in files)
    return out


_TEXTS: dict[tuple, dict[str, dict[str, str]]] = {}


def _marker_texts(data_dir: Path) -> dict[str, dict[str, str]]:
    """Marker name -> id -> text, read once per build (every lesson page needs it) and again after a file changes."""
    files = _marker_files(data_dir)
    cache_key = files_key(*(path for *_, path in files))
    if cache_key not in _TEXTS:
        _TEXTS.clear()
        _TEXTS[cache_key] = _read_marker_texts(files)
    return _TEXTS[cache_key]


def _read_marker_texts(files: list[tuple[str, str, tuple, Path]]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for name, key, fields, path in files:
        try:
            items = (yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}).get(key) or []
        except (yaml.YAMLError, AttributeError):
            continue  # the file's own loader reports it with file and line
        for item in items:
            if isinstance(item, dict) and "id" in item:
                text = "\n\n".join(str(item[f]) for f in fields if item.get(f))
                out.setdefault(name, {})[str(item["id"])] = text
    return out


def page_words(meta: dict, body: str, data_dir: Path) -> int:
    texts = _marker_texts(data_dir)

    def expand(m: re.Match) -> str:
        return texts.get(m.group(1), {}).get(m.group(2) or "", "")
    shown = [meta.get("summary", ""), *meta.get("questions", []),
             *(o.get("text", "") for o in meta.get("objectives", [])), *meta.get("key_points", [])]
    return prose_words("\n\n".join(shown)) + prose_words(_MARKER.sub(expand, body))


def minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
