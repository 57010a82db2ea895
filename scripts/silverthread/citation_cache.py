"""Kept for the hook's import: the single citation pass now lives in citations (the one module that uses
mkdocs-bibtex). See citations.prewarm."""
from __future__ import annotations

from .citations import prewarm

__all__ = ["prewarm"]
