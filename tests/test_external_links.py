"""External links, offline: well-formed, https unless a listed reason says otherwise, and every bibliography
address has an access date. (`make linkcheck` checks them online.)"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import yaml
from pybtex.database import parse_file
from silverthread.html_checks import is_external
from sitebuild import ROOT

HTTP_ONLY = yaml.safe_load((ROOT / "bibliography" / "http-only.yml").read_text(encoding="utf-8"))["hosts"]
BIB = parse_file(str(ROOT / "bibliography" / "references.bib")).entries


def external_urls(html_pages) -> set[str]:
    urls = {a["href"] for soup in html_pages.values() for a in soup.select("a[href]") if is_external(a["href"])}
    return urls | {e.fields["url"] for e in BIB.values() if "url" in e.fields}


def test_every_external_url_is_well_formed(html_pages):
    for url in external_urls(html_pages):
        parts = urlsplit(url)
        assert parts.scheme in ("http", "https") and "." in parts.netloc and " " not in url, url
        assert not re.search(r"[<>\"{}|\\^`]", url), url


def test_external_urls_use_https_unless_a_reason_is_listed(html_pages):
    plain = {url for url in external_urls(html_pages) if url.startswith("http://")}
    unexplained = sorted(url for url in plain if urlsplit(url).netloc not in HTTP_ONLY)
    assert not unexplained, unexplained


def test_every_bibliography_url_has_an_access_date():
    for key, entry in BIB.items():
        if "url" in entry.fields:
            assert re.match(r"^\d{4}-\d{2}-\d{2}$", entry.fields.get("urldate", "")), key

