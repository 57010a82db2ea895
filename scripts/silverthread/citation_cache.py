"""Speed: format every citation of the site in one pandoc run before the pages are built, instead of one run
per page (mkdocs-bibtex caches by citation text, so pages then find theirs ready)."""
from __future__ import annotations

from mkdocs_bibtex.citation import CitationBlock

from .markdown_utils import mask_code


def prewarm(registry, texts: list[str]) -> int:
    """Give mkdocs-bibtex's registry every citation block found in `texts`; return how many."""
    blocks, seen = [], set()
    for text in texts:
        for block in CitationBlock.from_markdown(mask_code(text)):
            if str(block) not in seen and all(c.key in registry.bib_data.entries for c in block.citations):
                seen.add(str(block))
                blocks.append(block)
    if blocks and hasattr(registry, "_process_with_pandoc"):
        registry.validate_citation_blocks(blocks)
    return len(blocks)
