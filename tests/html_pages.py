"""Saved web pages for the HTML reader's tests: a page around a body, and its units."""

from __future__ import annotations

from pathlib import Path

from qa.documents import Document

HEAD = '<!DOCTYPE html><html lang="da"><head><title>Side</title></head>'


def saved_page(folder: Path, body: str, body_attributes: str = "") -> Path:
    """Write `side.html` in `folder`: a Danish page whose `<body>` (with its attributes)
    holds `body`; returns its path."""
    path = folder / "side.html"
    path.write_text(f"{HEAD}<body{body_attributes}>{body}</body></html>")
    return path


def units(document: Document) -> list[tuple[str, int, str]]:
    """The document's blocks as (kind, level, text)."""
    return [(b.kind, b.level, document.block_text(b)) for b in document.blocks]
