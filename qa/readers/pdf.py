"""PDF into pieces through pdfplumber (pdfminer.six): text lines with their font sizes.

Lines are grouped into paragraphs by the space between them, measured against the
page's own line pitch (`_line_pitches`): a line set further below the one before than
the pitch plus half a line height starts a paragraph (a blank line's worth of extra
space), a line at the usual pitch continues it, however wide the line spacing. Inside a
paragraph, lines are grouped into units by `qa.readers.common.starts_new_unit` (list
lines are list items). A line is a heading
when its text is a title in the PDF's outline (level from the outline) or when its font
is at least `HEADING_SIZE_RATIO` times the body size (the size most characters have);
larger fonts get lower levels. A new page starts a paragraph, unless the page's last
paragraph is cut off mid-sentence and the next page goes on with it
(`_continues_over_page`): then the two are one paragraph, and the sentence broken by the
page break one sentence. Every piece carries the 1-based page it starts on, and the
offset and page of each later page it runs onto (`Piece.page_starts`). Running headers
and footers (page numbers, a title repeated on every page) are read as text like any
other line: a page number under a sentence cut off by the page break keeps the two
halves apart. A PDF without a text layer (a scan) raises ReaderError.

The title (`_title`) is the PDF's metadata Title unless it is a program's default (a
file name, "Microsoft Word - ...", "Untitled"), else, as for a text file, the first
line when it stands alone and reads as a title (short, no closing punctuation); left
out otherwise, so that `qa.documents.assemble` takes the first heading or the file's id.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from qa.readers.common import CLOSING, SENTENCE_END, Piece, ReaderError, line_pieces
from qa.readers.text import looks_like_heading

log = logging.getLogger(__name__)

# A line whose font is 15 % larger than the body text's reads as a heading; body text
# and footnotes in public-sector PDFs differ by less, section headings by more
# (typically 11 pt body, 13-18 pt headings).
HEADING_SIZE_RATIO = 1.15
HEADING_MAX_CHARS = 120
# A line whose baseline lies more than the page's line pitch plus this share of its
# height below the previous line's starts a new paragraph: a wrapped line adds no space
# to the pitch, a blank line a whole line height (a word processor's space after a
# paragraph, 6-12 pt at 11 pt, more than half of one).
PARAGRAPH_EXTRA_SPACE = 0.5
# Without two lines of one size on any page to measure, the pitch is taken as this many
# line heights (single spacing).
SINGLE_SPACING = 1.2
# A metadata Title that a program writes by default: a file name ("Notat.docx"), Word's
# "Microsoft Word - Notat.docx", or a placeholder ("Untitled", "Dokument1").
_JUNK_TITLE = re.compile(
    r"^(microsoft (word|powerpoint|excel) - .*|.*\.(docx?|pdf|odt|rtf|txt|indd|pptx?|xlsx?)"
    r"|untitled|unbenannt|uden titel|unavngivet|(document|dokument)\s*\d*)$",
    re.IGNORECASE,
)


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


def _line_pitches(lines: Sequence[_Line]) -> dict[int, float]:
    """The usual baseline-to-baseline distance (points) of each page's lines, by page
    number: the lower quartile of the distances between consecutive lines of one font
    size on that page (the lower quartile, so that pages of short paragraphs, half of
    whose distances hold a blank line, still give the wrap pitch). A page with no such
    pair gets the pitch of the whole document; with none anywhere, the result is empty."""
    distances: dict[int, list[float]] = {}
    for before, after in zip(lines, lines[1:], strict=False):
        distance = after.bottom - before.bottom
        if before.page == after.page and before.size == after.size and distance > 0.5 * (after.bottom - after.top):
            distances.setdefault(after.page, []).append(distance)
    if not distances:
        return {}

    def lower_quartile(values: list[float]) -> float:
        return sorted(values)[len(values) // 4]

    everywhere = lower_quartile([d for page in distances.values() for d in page])
    return {line.page: lower_quartile(distances[line.page]) if line.page in distances else everywhere for line in lines}


def _starts_paragraph(previous: _Line, line: _Line, pitch: float | None) -> bool:
    """Whether `line` starts a paragraph after `previous`: on a new page, or with its
    baseline more than the page's `pitch` plus `PARAGRAPH_EXTRA_SPACE` of its height below
    `previous`'s (`pitch` None: `SINGLE_SPACING` line heights)."""
    height = line.bottom - line.top
    usual = pitch if pitch is not None else SINGLE_SPACING * height
    return previous.page != line.page or line.bottom - previous.bottom > usual + PARAGRAPH_EXTRA_SPACE * height


# What ends a paragraph's last sentence: a full stop, "!", "?", an ellipsis or a colon,
# perhaps followed by closing quotes or brackets.
_PARAGRAPH_END = (*SENTENCE_END, ":")


def _continues_over_page(previous: _Line, line: _Line) -> bool:
    """Whether body line `line`, the first of its page, goes on with the paragraph whose
    last line is body line `previous` on the page before: `previous` does not end a
    sentence (`_PARAGRAPH_END`, closing quotes and brackets aside), and `line` has the
    same font size and starts with a lower-case letter or a digit."""
    first = line.text[:1]
    return (
        line.page == previous.page + 1
        and line.size == previous.size
        and not previous.text.rstrip(CLOSING).endswith(_PARAGRAPH_END)
        and (first.islower() or first.isdigit())
    )


def _metadata_title(pdf: Any) -> str | None:
    """The metadata Title of a PDF, or None when it has none or one a program wrote by
    default (`_JUNK_TITLE`) or without a letter."""
    value = (pdf.metadata or {}).get("Title")
    if not isinstance(value, str):
        return None
    title = " ".join(value.replace("\x00", "").split())
    if not any(c.isalpha() for c in title) or _JUNK_TITLE.match(title):
        return None
    return title


def _title(metadata_title: str | None, lines: Sequence[_Line], pieces: Sequence[Piece]) -> str | None:
    """The title of a PDF (see the module docstring): its metadata title, else its first
    line when that line is a piece of its own that reads as a title
    (`qa.readers.text.looks_like_heading`), else None."""
    if metadata_title is not None:
        return metadata_title
    if pieces and lines and pieces[0].text == lines[0].text and looks_like_heading(lines[0].text):
        return lines[0].text
    return None


def _unreadable(exc: Exception) -> str:
    """Why pdfplumber could not open or read a PDF, and what to do. pdfplumber wraps
    pdfminer's errors, a user password among them, in PdfminerException."""
    cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(cause, PDFPasswordIncorrect):
        return "not a readable PDF: it is password-protected; export it again without a password"
    return f"not a readable PDF ({exc}); re-export it from the source program"


def pdf_document(data: bytes) -> tuple[dict[str, str | None], list[Piece]]:
    """The metadata of a PDF file's bytes ({"title": str | None}, `_title`) and its
    pieces; raises ReaderError for a broken or scanned PDF."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            lines = _lines(pdf)
            outline = _outline_titles(pdf)
            metadata_title = _metadata_title(pdf)
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
    pitches = _line_pitches(lines)

    pieces: list[Piece] = []
    paragraph: list[_Line] = []

    def flush() -> None:
        if paragraph:
            pieces.extend(line_pieces([ln.text for ln in paragraph], line_pages=[ln.page for ln in paragraph]))
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
            over_page = previous is not None and bool(paragraph) and _continues_over_page(previous, line)
            if previous is not None and not over_page and _starts_paragraph(previous, line, pitches.get(line.page)):
                flush()
            paragraph.append(line)
        previous = line
    flush()
    return {"title": _title(metadata_title, lines, pieces)}, pieces
