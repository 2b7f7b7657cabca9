"""Word (.docx) into pieces through python-docx.

Paragraphs and tables in body order. Headings from the paragraph styles ("Title" is
level 1, "Heading N" and the Danish "Overskrift N" are level N); list paragraphs (a
"List ..." style or Word numbering, `w:numPr`) are list items; line breaks inside a
paragraph split it into units like any other lines; tables become one piece per row with
each value next to its header (the first row), as for Markdown and HTML.

The title (`docx_document`) is the document's Title property (File > Info > Properties)
unless it is empty or a placeholder a program wrote (`qa.readers.common.declared_title`),
else its first level-1 heading (a paragraph in the "Title" or "Heading 1" style); left
out otherwise, so that `qa.documents.assemble` takes the first heading or the file's id.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

import docx
from docx.document import Document as DocxDocument
from docx.exceptions import PythonDocxError
from docx.opc.exceptions import OpcError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from qa.readers.common import Piece, ReaderError, declared_title, line_pieces, strip_bullet, table_pieces

# What python-docx lets through for a damaged file: the zip module's errors (a bad
# archive, a damaged or truncated member, an unknown compression method), lxml's for a
# part that is not XML, and its own for parts it cannot find or read.
_BROKEN = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    KeyError,
    ValueError,
    etree.LxmlError,
    OpcError,
    PythonDocxError,
)
_HEADING_STYLE = re.compile(r"^(?:heading|overskrift)\s*(\d)$", re.IGNORECASE)


def _heading_level(style_name: str) -> int | None:
    if style_name.strip().lower() in ("title", "titel"):
        return 1
    match = _HEADING_STYLE.match(style_name.strip())
    return int(match.group(1)) if match else None


def _is_list(paragraph: Paragraph, style_name: str) -> bool:
    if style_name.lower().startswith(("list", "liste")):
        return True
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.numPr is not None


def _paragraph_pieces(paragraph: Paragraph) -> list[Piece]:
    text = paragraph.text
    if not text.strip():
        return []
    style_name = paragraph.style.name if paragraph.style is not None and paragraph.style.name else ""
    level = _heading_level(style_name)
    if level is not None:
        return [Piece("heading", level, " ".join(text.split()))]
    lines = text.split("\n")
    pieces = line_pieces(lines)
    if _is_list(paragraph, style_name) and pieces:
        pieces[0] = Piece("list_item", 0, strip_bullet(pieces[0].text))
    return pieces


def _table_pieces(table: Table) -> list[Piece]:
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if previous is not None and cell._tc is previous:  # a merged cell repeats
                continue
            previous = cell._tc
            cells.append(" ".join(cell.text.split()))
        rows.append(cells)
    if not rows:
        return []
    return table_pieces(rows[1:], rows[0]) if len(rows) > 1 else table_pieces(rows, None)


def _document_pieces(document: DocxDocument) -> list[Piece]:
    """The pieces of a document's body: its paragraphs and tables in order."""
    pieces: list[Piece] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            pieces.extend(_paragraph_pieces(block))
        else:
            pieces.extend(_table_pieces(block))
    return pieces


def docx_document(data: bytes, file_name: str = "") -> tuple[dict[str, str | None], list[Piece]]:
    """The metadata of a .docx file's bytes ({"title": str | None}: the Title property,
    `declared_title`, with `file_name`, the file's name, as no title; else the first
    level-1 heading; else None) and its pieces. Raises ReaderError for a file Word did not
    write: not a zip, a damaged zip (`_BROKEN`), a part that is not XML, or parts
    python-docx cannot find."""
    try:
        document = docx.Document(io.BytesIO(data))
        pieces = _document_pieces(document)
        title = declared_title(document.core_properties.title, file_name)
    except _BROKEN as exc:
        raise ReaderError(f"not a readable .docx file ({exc}); open and save it again in Word") from exc
    if title is None:
        title = next((p.text for p in pieces if p.kind == "heading" and p.level == 1), None)
    return {"title": title}, pieces
