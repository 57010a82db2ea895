"""Trim Material's stylesheet to what the built site can use (issue 15: first visit <= 100 KB on every page).

Material ships one main.css (about 23 KB gzipped) for every feature it has: blog, tags, tabs, annotations, code
copy, the version selector and so on. After the build, a selector is dropped when it names a class that appears
nowhere the site could produce it: not in any page's HTML, and not in any script the site ships (Material's bundle
and search worker, our site.js and quiz.js). Names in scripts are read conservatively: every identifier-like word
counts as a class, and a word ending in '-' or '_' (a prefix the script completes at run time, such as
'md-search-result__') keeps every class that starts with it. Classes inside :not(...) need not exist. At-rules
(@media, @supports) are kept around the rules they still hold; @font-face, @keyframes and @page are kept whole.
Palette rules for primary and accent colours that no page sets go too. Then icon custom properties
(--md-...-icon...: url(data:...)) that no var() in the stylesheets refers to go.
The file keeps its name, so pages and the offline edition need no change; its source map link is removed."""
from __future__ import annotations

import re
from pathlib import Path

_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_NOT = re.compile(r":not\((?:[^()]|\([^()]*\))*\)")
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_WHOLE_AT = re.compile(r"@(font-face|page|property|(-\w+-)?keyframes)\b")
_COLOR = re.compile(r"\[data-md-color-(primary|accent)=[\"']?([\w-]+)[\"']?\]")
_ICON = re.compile(r"(--md-[\w-]*icon[\w-]*):url\((?:\"[^\"]*\"|'[^']*'|[^)]*)\);?")


def _scan(css: str, i: int, stops: str) -> int:
    """Index of the first character in `stops` at or after i, outside strings (or len(css))."""
    quote = None
    while i < len(css):
        c = css[i]
        if quote:
            if c == "\\":
                i += 2
                continue
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c in stops:
            return i
        i += 1
    return i


def parse(css: str, i: int = 0) -> tuple[list, int]:
    """Minified CSS -> [(prelude, body)], body a string of declarations, a nested list for @media/@supports,
    or None for a statement such as @charset."""
    out: list = []
    while i < len(css):
        if css[i] == "}":
            return out, i + 1
        j = _scan(css, i, "{;}")
        prelude = css[i:j].strip()
        if j >= len(css) or css[j] == "}":
            if prelude:
                out.append((prelude, None))
            i = j
        elif css[j] == ";":
            out.append((prelude + ";", None))
            i = j + 1
        elif prelude.startswith("@") and not _WHOLE_AT.match(prelude):
            inner, i = parse(css, j + 1)
            out.append((prelude, inner))
        else:
            k, depth = j + 1, 1
            while depth:
                k = _scan(css, k, "{}")
                if k >= len(css):
                    break
                depth += 1 if css[k] == "{" else -1
                k += 1
            out.append((prelude, css[j + 1:k - 1]))
            i = k
    return out, i


def _selectors(prelude: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for n, c in enumerate(prelude):
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(prelude[start:n])
            start = n + 1
    parts.append(prelude[start:])
    return parts


class Known:
    def __init__(self, classes: set[str], prefixes: set[str], colors: set[tuple[str, str]] | None = None):
        self.classes = classes
        self.prefixes = tuple(sorted(p for p in prefixes if len(p) >= 4))
        self.colors = colors  # (primary|accent, name) the pages use; None: keep every palette

    def has(self, name: str) -> bool:
        return name in self.classes or name.startswith(self.prefixes)


def _usable(selector: str, known: Known) -> bool:
    selector = _NOT.sub("", selector)
    if known.colors is not None and any(m.groups() not in known.colors for m in _COLOR.finditer(selector)):
        return False  # a primary or accent colour no page sets (palette.css has rules for all 20 of them)
    return all(known.has(c) for c in _CLASS.findall(selector))


def _emit(items: list, known: Known) -> str:
    out = []
    for prelude, body in items:
        if body is None:
            out.append(prelude if prelude.endswith(";") else prelude + ";")
        elif isinstance(body, list):
            inner = _emit(body, known)
            if inner:
                out.append(prelude + "{" + inner + "}")
        elif prelude.startswith("@"):
            out.append(prelude + "{" + body + "}")
        else:
            kept = [s for s in _selectors(prelude) if _usable(s, known)]
            if kept:
                out.append(",".join(kept) + "{" + body + "}")
    return "".join(out)


def known_names(site: Path) -> Known:
    classes: set[str] = set()
    colors: set[tuple[str, str]] = set()
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8", errors="replace")
        for m in re.finditer(r'class="([^"]*)"', html):
            classes.update(m.group(1).split())
        colors.update(re.findall(r'data-md-color-(primary|accent)="([\w-]+)"', html))
    words: set[str] = set()
    for script in site.rglob("*.js"):
        words.update(_WORD.findall(script.read_text(encoding="utf-8", errors="replace")))
    return Known(classes | words, {w for w in words if w.endswith(("-", "_"))}, colors)


def trim(css: str, known: Known, other_css: list[str]) -> str:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    out = _emit(parse(css)[0], known)
    refs = set(re.findall(r"var\((--[\w-]+)", out + "".join(other_css)))
    out = _ICON.sub(lambda m: m.group(0) if m.group(1) in refs else "", out)
    return out.replace(";}", "}")


def trim_site(site: Path) -> tuple[int, int]:
    """Trim Material's stylesheets (main and palette) in a built site in place; returns (bytes before, bytes after)."""
    sheets = sorted((site / "assets" / "stylesheets").glob("*.min.css"))  # main and palette
    if not sheets:
        return 0, 0
    known = known_names(site)
    other = [p.read_text(encoding="utf-8") for p in (site / "assets").glob("*.css")]
    before = after = 0
    for sheet in sheets:
        css = sheet.read_text(encoding="utf-8")
        out = trim(css, known, other)
        sheet.write_text(out, encoding="utf-8")
        before, after = before + len(css), after + len(out)
    return before, after
