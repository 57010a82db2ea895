"""Load YAML data and Markdown front matter and validate them against the JSON schemas in data/schemas.

Errors name the file and the line of the offending value, so that a typo is fixed where it was made.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from . import SCHEMAS
from .errors import ContentError

# libyaml's loader when PyYAML has it (the wheels do): several times faster than the pure-Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def files_key(*paths: Path) -> tuple:
    """(path, mtime, size) of each file: a cache key that changes when any of them is edited (mkdocs serve), so data
    read once per build is read again after a change."""
    out = []
    for path in paths:
        try:
            st = path.stat()
            out.append((str(path), st.st_mtime_ns, st.st_size))
        except FileNotFoundError:
            out.append((str(path), None, None))
    return tuple(out)


@cache
def _validator(schema_name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{schema_name}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def _line_of(node: yaml.Node, path: list[Any]) -> int:
    """Line (1-based) of the YAML node at `path`, or of the deepest node found on the way."""
    for step in path:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            match = node.value[step]
        else:
            match = None
        if match is None:
            break
        node = match
    return node.start_mark.line + 1


def line_at(path: Path, keys: list[Any]) -> int | None:
    """Line (1-based) of the value at `keys` in a YAML file (for messages about valid YAML with a bad value)."""
    node = yaml.compose(path.read_text(encoding="utf-8"))
    return _line_of(node, keys) if node is not None else None


def _named(data: Any, path: list[Any]) -> str:
    """'question l1-03: ' when the error sits inside an item that has an id, so messages name it."""
    node, label = data, ""
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            label = f"{'question' if 'stem' in node else 'item'} {node['id']}: "
    return label


def validate(data: Any, text: str, schema_name: str, path: Path, line_offset: int = 0) -> Any:
    """Validate parsed YAML `data` (from `text`) against a schema; raise ContentError on the first problem."""
    errors = sorted(_validator(schema_name).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        node = yaml.compose(text)
        keys = list(err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            extra = [k for k in err.instance if k not in err.schema.get("properties", {})]
            keys += extra[:1]  # the line of the unexpected key itself
        line = _line_of(node, keys) + line_offset if node is not None else None
        where = "/".join(str(p) for p in err.absolute_path) or "(top level)"
        raise ContentError(path, f"{_named(data, list(err.absolute_path))}{where}: {err.message} "
                                 f"(schema {schema_name})", line)
    return data


def load_yaml(path: Path, schema_name: str, loader: type | None = None) -> Any:
    """Read and validate a YAML data file (with `loader`, a yaml Loader class, where a file needs its own)."""
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.load(text, Loader=loader or _Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ContentError(path, f"not valid YAML: {exc}", mark.line + 1 if mark else None) from None
    return validate(data, text, schema_name, path)


def split_front_matter(path: Path) -> tuple[str, str]:
    """Return (front matter YAML, body) of a Markdown file; front matter may be empty."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return "", text
    end = text.find("\n---\n", 4)
    if end == -1:
        raise ContentError(path, "front matter starts with --- but never ends", 1)
    return text[4:end + 1], text[end + 5:]


def load_front_matter(path: Path, schema_name: str) -> dict:
    """Read and validate a Markdown page's front matter (line numbers count from the file's top)."""
    meta_text, _ = split_front_matter(path)
    try:
        data = yaml.load(meta_text, Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ContentError(path, f"front matter is not valid YAML: {exc}", mark.line + 2 if mark else None) from None
    return validate(data, meta_text, schema_name, path, line_offset=1)
