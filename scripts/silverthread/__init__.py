"""Silver Thread: build-time helpers for the course site (one module per job)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
DATA = ROOT / "data"
SCHEMAS = DATA / "schemas"
BIBLIOGRAPHY = ROOT / "bibliography" / "references.bib"
