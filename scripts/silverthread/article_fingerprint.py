"""A fingerprint of the article, committed as data/article_fingerprint.json, so that quotations can be proved
verbatim without the article (which is copyrighted and never in the repository).

Made by `make fingerprint` (python -m silverthread.article_fingerprint /path/to/article.txt).

What it holds: for every run of k consecutive tokens of the article (k = 2 to 5; a token is a word or one
punctuation mark, after the same normalisation as quotes.normalise), a salted, stretched hash (PBKDF2-SHA256)
truncated to 24 bits, as one sorted list per k. No positions, no words. That proves a quotation part verbatim:
every 5-token window of it must be in the set (parts of 2 to 4 tokens: the one k-gram of their length), and a
changed word changes up to five windows, each of which then has about a 1-in-8,000 chance of a false match.
It is not the text: a 24-bit hash also matches countless wrong word runs, so reading the set back by guessing
one word after another branches at every step (each true next word comes with several false ones), and the
stretching makes every guess cost a thousand hash rounds.

What it cannot check: the order of the parts of a quote with an ellipsis, space before punctuation, or a part
of one word. With the article at hand (SILVERTHREAD_ARTICLE or ../shared/seed/article.txt) the tests also run
the full comparison (quotes.mismatch) and check that this fingerprint is current."""
from __future__ import annotations

import hashlib
import json
import re
import secrets
import sys
from functools import cache
from pathlib import Path

from . import DATA
from .quotes import normalise, split_parts

FINGERPRINT = DATA / "article_fingerprint.json"
SIZES = (2, 3, 4, 5)
BITS = 24
ITERATIONS = 1000
_TOKEN = re.compile(r"\w+|[^\w\s]")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalise(text))


def body_words(article: str) -> int:
    """Words of the article's body (without its reference list): the base of the 10 per cent quotation budget."""
    return len(article.split("References:")[0].split())


def _hash(gram: tuple[str, ...], salt: bytes) -> str:
    digest = hashlib.pbkdf2_hmac("sha256", "\x1f".join(gram).encode("utf-8"), salt + bytes([len(gram)]), ITERATIONS)
    return digest[: BITS // 8].hex()


def make(article: str, salt_hex: str | None = None) -> dict:
    """The fingerprint of the article text; a new random salt unless one is given (to reproduce a fingerprint)."""
    salt_hex = salt_hex or secrets.token_hex(16)
    salt = bytes.fromhex(salt_hex)
    toks = tokens(article)
    grams = {str(k): sorted({_hash(tuple(toks[i:i + k]), salt) for i in range(len(toks) - k + 1)}) for k in SIZES}
    return {"about": "Salted 24-bit hashes of the article's 2- to 5-token runs (silverthread.article_fingerprint); "
                     "not the text. Regenerate with `make fingerprint`.",
            "article": "Margoev, A. R. (2022). The 'Silver Thread' Torn Apart. Russia in Global Affairs 20(4).",
            "salt": salt_hex, "iterations": ITERATIONS, "bits": BITS, "tokens": len(toks),
            "body_words": body_words(article), "grams": grams}


class Fingerprint:
    def __init__(self, data: dict):
        if data.get("iterations") != ITERATIONS or data.get("bits") != BITS:
            raise ValueError("article fingerprint was made with other settings: run `make fingerprint`")
        self.data = data
        self.salt = bytes.fromhex(data["salt"])
        self.body_words: int = data["body_words"]
        self._sets = {int(k): frozenset(v) for k, v in data["grams"].items()}

    def missing(self, quote: str) -> str | None:
        """None if every part of the quote is (by its hashes) verbatim in the article; else the first part that
        is not. Parts are separated by an ellipsis, as in quotes.mismatch."""
        for part in split_parts(quote):
            toks = tokens(part)
            if len(toks) < 2:
                return part + " (too short to prove: quote at least two words)"
            k = min(5, len(toks))
            if any(_hash(tuple(toks[i:i + k]), self.salt) not in self._sets[k] for i in range(len(toks) - k + 1)):
                return part
        return None


@cache
def load(path: Path = FINGERPRINT) -> Fingerprint:
    return Fingerprint(json.loads(path.read_text(encoding="utf-8")))


def write(article_path: Path, out: Path = FINGERPRINT) -> dict:
    """Write the fingerprint; keep the committed salt so an unchanged article gives an unchanged file."""
    salt = json.loads(out.read_text(encoding="utf-8"))["salt"] if out.exists() else None
    data = make(article_path.read_text(encoding="utf-8"), salt)
    head = json.dumps({k: v for k, v in data.items() if k != "grams"}, indent=1, ensure_ascii=False)[:-2]
    grams = ",\n".join(f'  "{k}": {json.dumps(v)}' for k, v in data["grams"].items())
    out.write_text(f'{head},\n "grams": {{\n{grams}\n }}\n}}\n', encoding="utf-8")
    return data


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not Path(argv[1]).is_file():
        print("usage: python -m silverthread.article_fingerprint /path/to/article.txt", file=sys.stderr)
        return 2
    data = write(Path(argv[1]))
    print(f"{FINGERPRINT}: {data['tokens']} tokens, {data['body_words']} body words")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
