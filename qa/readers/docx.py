"""Word (.docx) into pieces through python-docx.

Paragraphs and tables in body order. Headings from the paragraph styles ("Title" is
level 1, "Heading N" and the Danish "Overskrift N" are level N); list paragraphs (a
"List ..." style, or Word numbering, `w:numPr`, on the paragraph or its style) are list
items; line breaks inside a paragraph split it into units like any other lines; tables
become one piece per row with each value next to its header (the first row), as for
Markdown and HTML.

A numbered list item starts with the number Word shows before it, counted from the
numbering part (`qa.readers.word_numbering.ListNumbers`: "1.", "a)", "iv.", "1.2."),
then a space, as the HTML reader writes an `<ol>` item ("1. Log ind med MitID"), so that
a run of steps keeps its order marks; a bulleted item, or one whose number this reader
cannot write, has no marker, and every item is at level 0, nested or not. A numbered
paragraph in a table cell shows its number in the cell's text (once counted, however many
rows the cell is merged down over); a heading's number is counted but not shown (the
heading is read as its words). The lists in a footnote, an endnote or a text box are
numbered apart from the body's and from each other's, as LibreOffice numbers them, so that
a note's numbered lines do not move the body's steps on.

Footnotes and endnotes (word/footnotes.xml, word/endnotes.xml, `_note_parts`) are read
as their own paragraphs right after the paragraph or table that refers to them, in the
order of the references, each once (`_Reader.note_pieces`); an endnote too, although
Word prints it at the document's end, since what it qualifies (a fee, an exception) is
the paragraph that refers to it. The reference mark shows nothing in the body text, nor
does a custom mark (the text after a reference with `w:customMarkFollows`, "745 kr.*",
`_run_text`), and a note's pieces do not start with its number: a mark glued to a word
("zonen1", "745 kr.2") would change the word a question's terms are matched against and
where a sentence ends, a number opening the note ("1 Priserne er fastsat ...") would be
quoted as part of its first sentence, and the number ties nothing together once the note
stands next to its paragraph. A notes part that is not XML is left out and the body read
without its notes (`_note_parts`).

A table row that starts or ends off the edge of the table's grid (`w:gridBefore`,
`w:gridAfter`) is laid out on the grid, so that each of its values stays under its own
header (`_Reader.table_pieces`); offsets and spans that are not counts read as none, and
are cut to Word's 63 columns (`_mend_grid`).

The text is the document as it reads with its tracked changes accepted, wherever Word
keeps it (`_runs`): inserted runs (`w:ins`) are read and deleted or moved-away ones
(`w:del`, `w:moveFrom`) are not, and a paragraph whose mark was deleted or moved away is
neither numbered nor counted (`qa.readers.word_numbering.mark_removed`); the text of
content controls (`w:sdt`, which forms and authorities' templates fill in, inline or
around whole paragraphs and tables), simple fields (`w:fldSimple`), smart tags and custom
XML is read where it stands; a text box's paragraphs follow the paragraph it is anchored
in (`_text_boxes`), or in a table cell are part of the cell's text, read once (Word keeps
a VML copy for old readers under `mc:Fallback`). python-docx's `Paragraph.text` and
`Document.iter_inner_content` read only runs and hyperlinks directly under a paragraph
and paragraphs and tables directly under the body, and lost all of these.

The title (`docx_document`) is the document's Title property (File > Info > Properties,
`_core_title`) unless it is empty or a placeholder a program wrote
(`qa.readers.common.declared_title`), else its first level-1 heading (a paragraph in the
"Title" or "Heading 1" style); left out otherwise, so that `qa.documents.assemble` takes
the first heading or the file's id.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

import docx
from docx.document import Document as DocxDocument
from docx.exceptions import PythonDocxError
from docx.opc.exceptions import OpcError
from docx.opc.part import XmlPart
from docx.opc.parts.coreprops import CorePropertiesPart
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.oxml.text.run import CT_R
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from qa.readers.common import (
    Piece,
    ReaderError,
    Slot,
    declared_title,
    full_width,
    line_pieces,
    strip_bullet,
    table_pieces,
    values_row,
)
from qa.readers.word_numbering import ListNumbers, int_attribute, mark_removed

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
    """Whether a paragraph is a list item by its style's name ("List Number", "Liste") or
    its own `w:numPr`; not one whose mark was deleted or moved away (`mark_removed`)."""
    if mark_removed(paragraph._p):
        return False
    if style_name.lower().startswith(("list", "liste")):
        return True
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.numPr is not None


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Subtrees of a paragraph whose runs are not its text: deleted and moved-away runs, the copy
# of a drawing kept for readers without its markup (`mc:Fallback`), and text boxes, whose
# paragraphs are read as paragraphs of their own (`_text_boxes`).
_NOT_TEXT = frozenset([qn("w:del"), qn("w:moveFrom"), qn("w:pPr"), qn("w:txbxContent"), _MC_FALLBACK])
# Wrappers around a block's paragraphs and tables (a content control, custom XML).
_BLOCK_WRAPPERS = frozenset([qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")])
_SHOWING_PLACEHOLDER = f"{qn('w:sdtPr')}/{qn('w:showingPlcHdr')}"
_GALLERY = f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}"
# A table of contents' entries repeat the headings with page numbers ("Ansøgning\t3"):
# its lines in Word's built-in "toc N" styles (Danish Word shows them as
# "Indholdsfortegnelse N") and its title in "TOC Heading" (the name Word and LibreOffice
# write for it), and the content control Word and LibreOffice put around it.
_TOC_STYLE = re.compile(r"^(?:(?:toc|indholdsfortegnelse)\s*\d|toc heading)$", re.IGNORECASE)


def _placeholder(element: etree._Element) -> bool:
    """Whether `element` is a content control whose text is not the document's: one nobody
    filled in, showing its placeholder ("Klik eller tryk her for at skrive tekst."; Word
    marks it `w:showingPlcHdr`), or a table of contents (document part gallery "Table of
    Contents")."""
    if element.tag != qn("w:sdt"):
        return False
    gallery = element.find(_GALLERY)
    return element.find(_SHOWING_PLACEHOLDER) is not None or (
        gallery is not None and gallery.get(qn("w:val")) == "Table of Contents"
    )


def _runs(element: etree._Element) -> list[CT_R]:
    """The runs of a paragraph (or a part of one) in text order, inside insertions,
    hyperlinks, content controls, fields, smart tags and custom XML, without those under
    `_NOT_TEXT` or in a content control showing its placeholder (`_placeholder`)."""
    found: list[CT_R] = []
    for child in element:
        if child.tag == qn("w:r"):
            found.append(child)
        elif child.tag not in _NOT_TEXT and not _placeholder(child):
            found.extend(_runs(child))
    return found


def _text_boxes(element: etree._Element) -> list[etree._Element]:
    """The text boxes (`w:txbxContent`) anchored in a paragraph, in order, without the
    copies under `mc:Fallback` and without boxes inside boxes (read with their box)."""
    found: list[etree._Element] = []
    for child in element:
        if child.tag == qn("w:txbxContent"):
            found.append(child)
        elif child.tag != _MC_FALLBACK:
            found.extend(_text_boxes(child))
    return found


def _unwrapped(container: etree._Element, tags: tuple[str, ...]) -> list[etree._Element]:
    """The children of `container` with one of the `tags`, in order, including those inside
    content controls (not one showing its placeholder, `_placeholder`) and custom XML."""
    found: list[etree._Element] = []
    for child in container:
        if child.tag in tags:
            found.append(child)
        elif child.tag in _BLOCK_WRAPPERS and not _placeholder(child):
            found.extend(_unwrapped(child, tags))
    return found


def _blocks(container: etree._Element) -> list[etree._Element]:
    """The paragraphs (`w:p`) and tables (`w:tbl`) of a body, cell or text box in order
    (`_unwrapped`)."""
    return _unwrapped(container, (qn("w:p"), qn("w:tbl")))


# A run's children that are text, as python-docx's `CT_R.text` reads them.
_RUN_TEXT = frozenset(qn(tag) for tag in ("w:br", "w:cr", "w:noBreakHyphen", "w:ptab", "w:t", "w:tab"))


def _custom_mark(child: etree._Element) -> bool:
    """Whether `child` is a note reference whose mark is the text after it in its run
    (`w:customMarkFollows` on `w:footnoteReference` or `w:endnoteReference`, ECMA-376
    Part 1, 17.11: "745 kr.*" with "*" the mark)."""
    return child.tag in _NOTE_REFERENCES and child.get(qn("w:customMarkFollows")) in ("1", "true", "on")


def _run_text(run: CT_R) -> str:
    """A run's text (`CT_R.text`) without a note's custom reference mark: the first text
    (`w:t`) after a reference that says its mark follows (`_custom_mark`), as the number
    of a note's ordinary reference is not read (module docstring)."""
    if not any(_custom_mark(child) for child in run):
        return run.text
    texts: list[str] = []
    skip = False
    for child in run:
        if _custom_mark(child):
            skip = True
        elif child.tag == qn("w:t") and skip:
            skip = False
        elif child.tag in _RUN_TEXT:
            texts.append(str(child))
    return "".join(texts)


def _paragraph_text(paragraph: etree._Element) -> str:
    """A paragraph's text (`_runs`, `_run_text`), line breaks as "\\n" and tabs as "\\t"
    as python-docx gives them."""
    return "".join(_run_text(run) for run in _runs(paragraph))


def _lift(parent: etree._Element, tags: tuple[str, ...]) -> None:
    """Puts `parent`'s children with one of the `tags` inside content controls and custom
    XML (`_unwrapped`) in their place as its own children, in order, after its other
    children (a table's properties and grid, a row's properties), in place."""
    if not any(child.tag in _BLOCK_WRAPPERS for child in parent):
        return
    items = _unwrapped(parent, tags)
    for child in list(parent):
        if child.tag in tags or child.tag in _BLOCK_WRAPPERS:
            parent.remove(child)
    parent.extend(items)


# Word's table grid has at most 63 columns (Microsoft, "Word specifications and limits":
# "Maximum number of columns in a table: 63"): a row's grid offsets (`w:gridBefore`,
# `w:gridAfter`) and a cell's span (`w:gridSpan`) are cut to that, so that a tiny file
# cannot make a row of millions of slots.
_MAX_GRID_COLUMNS = 63


def _grid_value(element: etree._Element | None, least: int) -> int:
    """The integer `w:val` of a grid offset or span element, within `least` and
    `_MAX_GRID_COLUMNS`; `least` when it is absent or not an integer ("abc", "", "1.5")."""
    value = int_attribute(element, least)
    return min(max(value if value is not None else least, least), _MAX_GRID_COLUMNS)


def _mend_grid(table: etree._Element) -> None:
    """Writes each of a table's rows' `w:gridBefore` and `w:gridAfter` (0 to 63) and each
    of its cells' `w:gridSpan` (1 to 63) back as `_grid_value` reads it, in place, so that
    python-docx's rows and cells (which read them with `int` and lay a span out slot by
    slot) neither raise for a value that is not an integer nor run out of memory for a
    huge one."""
    for row in table.findall(qn("w:tr")):
        for name, least in (("w:gridBefore", 0), ("w:gridAfter", 0)):
            for element in row.findall(f"{qn('w:trPr')}/{qn(name)}"):
                element.set(qn("w:val"), str(_grid_value(element, least)))
        for element in row.findall(f"{qn('w:tc')}/{qn('w:tcPr')}/{qn('w:gridSpan')}"):
            element.set(qn("w:val"), str(_grid_value(element, 1)))


def _lift_table_controls(table: etree._Element) -> None:
    """Lifts a table's rows out of the content controls around them (a repeating section)
    and its cells out of those around one cell (`_lift`), so that python-docx's rows and
    cells see them (they read only a table's own `w:tr` and a row's own `w:tc`)."""
    _lift(table, (qn("w:tr"),))
    for row in table.findall(qn("w:tr")):
        _lift(row, (qn("w:tc"),))


# A footnote's or endnote's reference in the text, and the kind of note it points at.
_NOTE_REFERENCES = {qn("w:footnoteReference"): "footnote", qn("w:endnoteReference"): "endnote"}
# Where a reference is not the document's: in deleted or moved-away runs and in the copy
# of a drawing under `mc:Fallback`.
_NOT_REFERENCED = frozenset([qn("w:del"), qn("w:moveFrom"), _MC_FALLBACK])
# The notes that are not text: the line Word draws above the notes, its longer form where
# a note goes on from the page before, and the notice that a note goes on (ECMA-376 Part 1,
# 17.18.33 ST_FtnEdn).
_SEPARATORS = frozenset(["separator", "continuationSeparator", "continuationNotice"])


def _note_references(element: etree._Element, boxes: bool) -> list[tuple[str, str]]:
    """The notes `element` refers to, as (kind, id) in text order ("footnote" or
    "endnote", `w:id`), without references under `_NOT_REFERENCED` or in a content control
    showing its placeholder, and in text boxes only with `boxes`."""
    found: list[tuple[str, str]] = []
    for child in element:
        kind = _NOTE_REFERENCES.get(child.tag)
        if kind is not None:
            found.append((kind, child.get(qn("w:id"), "")))
        elif child.tag in _NOT_REFERENCED or _placeholder(child) or (not boxes and child.tag == qn("w:txbxContent")):
            continue
        else:
            found.extend(_note_references(child, boxes))
    return found


def _note_parts(document: DocxDocument) -> dict[tuple[str, str], etree._Element]:
    """A document's footnotes and endnotes (`w:footnote`, `w:endnote`) by (kind, `w:id`),
    from the parts its footnotes and endnotes relationships point at (`_part_root`;
    python-docx reads neither part); none from a part that is not XML, which is left out
    without a word, as a note the file lacks is (python-docx does not read these parts,
    so the body is whole without them)."""
    notes: dict[tuple[str, str], etree._Element] = {}
    for kind in ("footnote", "endnote"):
        try:
            root = _part_root(document, f"/{kind}s")
        except etree.XMLSyntaxError:
            continue  # a part that is not XML: the body is read without its notes
        for note in root.findall(qn(f"w:{kind}")) if root is not None else []:
            notes[(kind, note.get(qn("w:id"), ""))] = note
    return notes


def _part_root(document: DocxDocument, ending: str) -> etree._Element | None:
    """The root element of the part the document points at with a relationship type
    ending in `ending` ("/numbering", "/styles", "/footnotes"; the end is the same in the
    transitional and strict namespaces, as for `_CORE_PROPERTIES`), or None. Raises
    lxml's XMLSyntaxError for a part that is not XML."""
    for rel in document.part.rels.values():
        if not rel.is_external and rel.reltype.endswith(ending):
            part = rel.target_part
            return part.element if isinstance(part, XmlPart) else parse_xml(part.blob)
    return None


class _Reader:
    """Reads one document's blocks in order, counting its list numbers
    (`qa.readers.word_numbering.ListNumbers`) and reading each footnote and endnote once,
    after the first paragraph or table that refers to it."""

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self.numbers = ListNumbers(_part_root(document, "/numbering"), _part_root(document, "/styles"))
        self.notes = _note_parts(document)
        self.read_notes: set[tuple[str, str]] = set()

    @contextmanager
    def numbered_apart(self) -> Iterator[None]:
        """Counts the lists of what is read inside it (a note, a text box) apart from the
        rest (`ListNumbers.apart`), and goes on with the outer count after it."""
        outer = self.numbers
        self.numbers = outer.apart()
        try:
            yield
        finally:
            self.numbers = outer

    def paragraph_pieces(self, paragraph: Paragraph) -> list[Piece]:
        """A paragraph's pieces (a heading, lines or a list item: a list paragraph's first
        line, after the number Word shows before it, `ListNumbers.label`), then those of
        the notes it refers to (`note_pieces`), then those of its text boxes, each box's
        lists numbered apart (`numbered_apart`); none for a line of a table of contents
        (`_TOC_STYLE`). A heading's number is counted but not shown. A paragraph whose mark
        was deleted or moved away (`mark_removed`; with the changes accepted, Word joins
        what is left of it to the next paragraph) has no number and is not counted: its
        text left, if any, is a paragraph of its own."""
        pieces: list[Piece] = []
        text = _paragraph_text(paragraph._p)
        label = self.numbers.label(paragraph._p)
        style_name = paragraph.style.name if paragraph.style is not None and paragraph.style.name else ""
        if _TOC_STYLE.match(style_name.strip()):
            return []
        if text.strip():
            level = _heading_level(style_name)
            if level is not None:
                pieces.append(Piece("heading", level, " ".join(text.split())))
            else:
                pieces = line_pieces(text.split("\n"))
                if (label is not None or _is_list(paragraph, style_name)) and pieces:
                    first = strip_bullet(pieces[0].text)
                    pieces[0] = Piece("list_item", 0, f"{label} {first}" if label else first)
        for reference in _note_references(paragraph._p, boxes=False):
            pieces.extend(self.note_pieces(reference))
        for box in _text_boxes(paragraph._p):
            with self.numbered_apart():
                pieces.extend(self.container_pieces(box))
        return pieces

    def note_pieces(self, reference: tuple[str, str]) -> list[Piece]:
        """The pieces of the paragraphs and tables of the note `reference` names (kind,
        id), the first time it is named, its lists numbered apart (`numbered_apart`); none
        for a separator or a note the file lacks. The note's number is not shown, as the
        reference's is not."""
        note = self.notes.get(reference)
        if reference in self.read_notes or note is None or note.get(qn("w:type")) in _SEPARATORS:
            return []
        self.read_notes.add(reference)
        with self.numbered_apart():
            return self.container_pieces(note)

    def cell_text(self, cell: etree._Element) -> str:
        """A table cell's text: the words of its paragraphs (a numbered one after its
        number, `ListNumbers.label`), of their text boxes (each box's lists numbered apart,
        `numbered_apart`) and of the cells of tables nested in it, in order, joined by
        single spaces."""
        texts: list[str] = []
        for block in _blocks(cell):
            if block.tag == qn("w:p"):
                text, label = _paragraph_text(block), self.numbers.label(block)
                texts.append(f"{label} {text}" if label and text.strip() else text)
                for box in _text_boxes(block):
                    with self.numbered_apart():
                        texts.append(self.cell_text(box))
            else:
                rows = _unwrapped(block, (qn("w:tr"),))
                texts.extend(self.cell_text(inner) for row in rows for inner in _unwrapped(row, (qn("w:tc"),)))
        return " ".join(" ".join(texts).split())

    def table_pieces(self, table: Table) -> list[Piece]:
        """A table's pieces (`qa.readers.common.table_pieces`, the first row its header
        unless Word does not mark it as one and it is a row of values like the rows below,
        `qa.readers.common.values_row`),
        then those of the notes it refers to (`note_pieces`). Its cells are laid out on
        the table's grid: a row that starts or ends away from the grid's edge
        (`w:gridBefore`, `w:gridAfter`) has an empty slot for each grid column it leaves
        out (not None, which would give the cell before it that column too), and a cell
        merged over columns (`w:gridSpan`) leaves None in the slots it goes on over, so
        that each value stays under its own header; offsets and spans are cut to Word's
        63 columns (`_mend_grid`). A cell merged down rows (`w:vMerge`) shows its text in
        each row it spans, read (and its list paragraphs counted) once. Rows and cells
        inside content controls are read as the table's own (`_lift_table_controls`)."""
        _lift_table_controls(table._tbl)
        _mend_grid(table._tbl)
        texts: dict[etree._Element, str] = {}
        rows: list[list[Slot]] = []
        for row in table.rows:
            cells: list[Slot] = [""] * row.grid_cols_before
            previous = None
            for cell in row.cells:
                if cell._tc is not previous and cell._tc not in texts:
                    texts[cell._tc] = self.cell_text(cell._tc)
                cells.append(None if cell._tc is previous else texts[cell._tc])
                previous = cell._tc
            rows.append(cells + [""] * row.grid_cols_after)
        # A first row of values like the rows below ("Voksne | 745 kr." over "Børn | 155
        # kr."), which Word does not mark as a header, labels no column; a title row
        # (`full_width`) goes to `table_pieces`, which finds the header under it.
        headed = len(rows) > 1 and (
            _marked_header(table.rows[0]._tr) or full_width(rows[0]) or not values_row(rows[0], rows[1:])
        )
        pieces = table_pieces(rows[1:], rows[0]) if headed else table_pieces(rows, None)
        for reference in _note_references(table._tbl, boxes=True):
            pieces.extend(self.note_pieces(reference))
        return pieces

    def container_pieces(self, container: etree._Element) -> list[Piece]:
        """The pieces of the paragraphs and tables of a body, text box or note, in order
        (`_blocks`)."""
        parent = self.document._body
        pieces: list[Piece] = []
        for block in _blocks(container):
            if block.tag == qn("w:p"):
                pieces.extend(self.paragraph_pieces(Paragraph(block, parent)))
            else:
                pieces.extend(self.table_pieces(Table(block, parent)))
        return pieces


def _marked_header(row: etree._Element) -> bool:
    """Whether Word marks a table row (`w:tr`) as a header row to repeat on each page
    (`w:trPr/w:tblHeader`, ISO/IEC 29500-1 17.4.50; on unless `w:val` is "0", "false" or
    "off")."""
    mark = row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
    return mark is not None and mark.get(qn("w:val"), "true").lower() not in ("0", "false", "off")


def _document_pieces(document: DocxDocument) -> list[Piece]:
    """The pieces of a document's body: its paragraphs and tables in order, each followed
    by the notes it refers to first (`_Reader`)."""
    return _Reader(document).container_pieces(document.element.body)


# The relationship type of a package's core properties (docProps/core.xml): ECMA-376
# Part 2 writes it in the package namespace, which python-docx looks for; LibreOffice
# writes ".../officedocument/2006/relationships/metadata/core-properties", which Word
# reads too. Either ends so.
_CORE_PROPERTIES = "/metadata/core-properties"


def _core_title(document: DocxDocument) -> str | None:
    """The Title property of the core properties part the package points at under either
    relationship type (`_CORE_PROPERTIES`), or None when it has none. Not
    `Document.core_properties`: without the relationship it knows, python-docx makes up a
    part whose title is "Word Document", and LibreOffice's files would all be so titled."""
    for rel in document.part.package.rels.values():
        if not rel.is_external and rel.reltype.casefold().endswith(_CORE_PROPERTIES):
            part = rel.target_part
            if isinstance(part, CorePropertiesPart):
                return part.core_properties.title
    return None


def docx_document(data: bytes, file_name: str = "") -> tuple[dict[str, str | None], list[Piece]]:
    """The metadata of a .docx file's bytes ({"title": str | None}: the Title property,
    `declared_title`, with `file_name`, the file's name, as no title; else the first
    level-1 heading; else None) and its pieces. Raises ReaderError for a file Word did not
    write: not a zip, a damaged zip (`_BROKEN`), a part that is not XML, or parts
    python-docx cannot find."""
    try:
        document = docx.Document(io.BytesIO(data))
        pieces = _document_pieces(document)
        title = declared_title(_core_title(document), file_name)
    except _BROKEN as exc:
        raise ReaderError(f"not a readable .docx file ({exc}); open and save it again in Word") from exc
    if title is None:
        title = next((p.text for p in pieces if p.kind == "heading" and p.level == 1), None)
    return {"title": title}, pieces
