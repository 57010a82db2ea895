"""HTML validation with the W3C Nu HTML Checker (vnu.jar, pinned in package.json; Java from Debian).

All pages go to one Java process (about 15 s for the whole site; a process per page would take minutes).
Errors that come from Material's own templates, and that we cannot change without forking the theme, are
listed in tests/vnu-allowlist.yml: each entry matches the message AND the markup it was found in, and gives
its reason. Anything else is an error from our own markup.

Command line: python -m silverthread.html_validate SITE_DIR (exit 1 on errors not in the allowlist)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ALLOWLIST = ROOT / "tests" / "vnu-allowlist.yml"


@dataclass(frozen=True)
class Message:
    file: str
    line: int | None
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message} [{' '.join(self.extract.split())[:120]}]"


@dataclass(frozen=True)
class Allowed:
    message: re.Pattern
    extract: str
    reason: str

    def matches(self, m: Message) -> bool:
        return bool(self.message.search(m.message)) and self.extract in m.extract


def java() -> str:
    path = shutil.which("java")
    if not path:
        raise RuntimeError("java not found: install Debian's default-jre-headless (make system-deps)")
    return path


def validate(pages: list[Path], root: Path | None = None) -> list[Message]:
    """Every error vnu reports for these HTML files (one JVM), with file paths relative to root."""
    if not VNU.exists():
        raise RuntimeError(f"{VNU} missing: run `npm ci` (make test installs it)")
    proc = subprocess.run([java(), "-Xss8m", "-jar", str(VNU), "--errors-only", "--format", "json",
                           "--exit-zero-always", *map(str, pages)], capture_output=True, text=True, check=True)
    out = []
    for m in json.loads(proc.stderr)["messages"]:
        path = Path(m.get("url", "").removeprefix("file:"))
        rel = path.relative_to(root).as_posix() if root and path.is_relative_to(root) else str(path)
        out.append(Message(rel, m.get("lastLine"), m["message"], m.get("extract", "")))
    return out


def load_allowlist(path: Path = ALLOWLIST) -> list[Allowed]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["allow"]
    for e in entries:
        if not (e.get("message") and e.get("extract") and len(e.get("reason", "")) > 20):
            raise ValueError(f"{path}: every entry needs message, extract and a reason: {e}")
    return [Allowed(re.compile(e["message"]), e["extract"], e["reason"]) for e in entries]


def not_allowed(messages: list[Message], allowlist: list[Allowed]) -> list[Message]:
    return [m for m in messages if not any(a.matches(m) for a in allowlist)]


def main(argv: list[str]) -> int:
    site = Path(argv[1] if len(argv) > 1 else "site").resolve()
    problems = not_allowed(validate(sorted(site.rglob("*.html")), site), load_allowlist())
    for p in problems:
        print(p)
    print(f"{len(problems)} errors from our markup")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
