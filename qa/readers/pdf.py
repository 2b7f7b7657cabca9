"""PDF into pieces through pdfplumber (pdfminer.six): text lines with their font sizes.

Lines are grouped into paragraphs by vertical gaps, and inside a paragraph into units
by `qa.readers.common.starts_new_unit` (list lines are list items). A line is a heading
when its text is a title in the PDF's outline (level from the outline) or when its font
is at least `HEADING_SIZE_RATIO` times the body size (the size most characters have);
larger fonts get lower levels. Every piece carries its 1-based page number. A PDF
without a text layer (a scan) raises ReaderError.
"""

from __future__ import annotations

import io
import logging
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from qa.readers.common import Piece, ReaderError, line_pieces

log = logging.getLogger(__name__)

# A line whose font is 15 % larger than the body text's reads as a heading; body text
# and footnotes in public-sector PDFs differ by less, section headings by more
# (typically 11 pt body, 13-18 pt headings).
HEADING_SIZE_RATIO = 1.15
HEADING_MAX_CHARS = 120
# A vertical gap larger than this share of the line height starts a new paragraph
# (single-spaced lines have gaps of about half a line height).
PARAGRAPH_GAP_RATIO = 0.8


@dataclass(frozen=True)
class _Line:
    page: int
    text: str
    top: float
    bottom: float
    size: float


def _outline_titles(pdf: Any) -> dict[str, int]:
    """Outline (bookmark) titles with their levels; empty when the PDF has none."""
    titles: dict[str, int] = {}
    try:
        for level, title, *_ in pdf.doc.get_outlines():
            if isinstance(title, str) and title.strip():
                titles.setdefault(" ".join(title.split()), int(level))
    except Exception:  # pdfminer raises PDFNoOutlines and others for absent or odd outlines
        log.debug("no usable outline", exc_info=True)
    return titles


def _lines(pdf: Any) -> list[_Line]:
    lines: list[_Line] = []
    for page in pdf.pages:
        for line in page.extract_text_lines(return_chars=True):
            text = " ".join(str(line["text"]).split())
            if not text:
                continue
            size = max(float(c.get("size", 0.0)) for c in line["chars"]) if line["chars"] else 0.0
            lines.append(_Line(page.page_number, text, float(line["top"]), float(line["bottom"]), round(size, 1)))
    return lines


def _unreadable(exc: Exception) -> str:
    """Why pdfplumber could not open or read a PDF, and what to do. pdfplumber wraps
    pdfminer's errors, a user password among them, in PdfminerException."""
    cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(cause, PDFPasswordIncorrect):
        return "not a readable PDF: it is password-protected; export it again without a password"
    return f"not a readable PDF ({exc}); re-export it from the source program"


def pdf_pieces(data: bytes) -> list[Piece]:
    """Pieces of a PDF file's bytes; raises ReaderError for a broken or scanned PDF."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            lines = _lines(pdf)
            outline = _outline_titles(pdf)
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise ReaderError(_unreadable(exc)) from exc
    if not lines:
        raise ReaderError("unreadable PDF: no text layer: scanned PDF? run OCR first")
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    body = weights.most_common(1)[0][0]
    big = sorted({ln.size for ln in lines if ln.size >= body * HEADING_SIZE_RATIO}, reverse=True)
    levels = {size: i + 1 for i, size in enumerate(big)}

    pieces: list[Piece] = []
    paragraph: list[_Line] = []

    def flush() -> None:
        if paragraph:
            pieces.extend(line_pieces([ln.text for ln in paragraph], paragraph[0].page))
            paragraph.clear()

    previous: _Line | None = None
    for line in lines:
        level = outline.get(line.text)
        if level is None and line.size in levels and len(line.text) <= HEADING_MAX_CHARS:
            level = levels[line.size]
        if level is not None:
            flush()
            last = pieces[-1] if pieces else None
            joins = (
                last is not None
                and last.kind == "heading"
                and previous is not None
                and previous.size == line.size
                and previous.page == line.page
                and line.text not in outline
            )
            if joins and last is not None:
                pieces[-1] = Piece("heading", last.level, f"{last.text} {line.text}", last.page)
            else:
                pieces.append(Piece("heading", level, line.text, line.page))
        else:
            gap_breaks = previous is not None and (
                previous.page != line.page
                or line.top - previous.bottom > PARAGRAPH_GAP_RATIO * (line.bottom - line.top)
            )
            if gap_breaks:
                flush()
            paragraph.append(line)
        previous = line
    flush()
    return pieces
