"""Results kept between builds, for steps whose output depends only on files we can hash (issue 15: the strict
build in 5 s). Each entry's name is a SHA-256 of everything the result depends on (input files, the code that makes
it, tool versions), so a change to any of them makes a new entry; nothing is ever served stale. The folder is a
per-user directory under the system's temporary directory, outside the repository (as Jinja's bytecode cache)."""
from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path


def folder() -> Path:
    return Path(tempfile.gettempdir()) / f"silverthread-cache-{os.getuid()}"


def key(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def get(kind: str, digest: str) -> bytes | None:
    path = folder() / f"{kind}-{digest}"
    try:
        return path.read_bytes()
    except OSError:
        return None


def put(kind: str, digest: str, data: bytes) -> None:
    """Write atomically; a cache that cannot be written is no error (the next build computes again)."""
    try:
        folder().mkdir(mode=0o700, exist_ok=True)
        path = folder() / f"{kind}-{digest}"
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError:
        pass


@cache
def code(*modules: str) -> bytes:
    """Source of our modules (names relative to this package) plus tool versions: part of every key."""
    from importlib.metadata import PackageNotFoundError, version
    here = Path(__file__).parent
    parts = [(here / f"{m}.py").read_bytes() for m in modules]
    for dist in ("pypandoc_binary", "pypandoc", "text2qti", "pybtex"):
        try:
            parts.append(f"{dist}=={version(dist)}".encode())
        except PackageNotFoundError:
            parts.append(dist.encode())
    return b"\0".join(parts)
