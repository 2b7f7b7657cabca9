"""Plain text into pieces: paragraphs split on blank lines, lines into units.

Inside a paragraph, each line that starts with a list marker (`-`, `*`, `•`, `–`, `+`, or
a number such as `1.` or `1)`, but not a date such as "1. juli 2025") is a list item of
its own, and other lines are joined or split by `qa.readers.common.starts_new_unit`. A
paragraph that is one short line without closing punctuation, and not the last, reads as
a heading (level 1 when it opens the file, else 2), unless it gives a postal address, a phone
number or an e-mail address. A breadcrumb trail among the first lines is left out. A
paragraph whose lines are columns set apart by tabs or runs of spaces (a table copied from
a web page, or typed in a fixed-width font) is read as a table: a row per line, each value
next to its column's header (`aligned_table`).
"""

from __future__ import annotations

import re

from qa.answer_types import fits, holds_form
from qa.readers.common import (
    CRUMB_LINES,
    Piece,
    is_breadcrumb,
    line_pieces,
    reads_as_label,
    starts_with_list_marker,
    table_pieces,
    values_row,
)

_BLANK_LINES = re.compile(r"\n[ \t]*\n")
HEADING_MAX_CHARS = 100


# Conjunctions, relative pronouns and articles a line ends with when it leads on to what
# follows ("Du kan få hjælpen, hvis", "... som følgende", "such as the"; a heading may end in
# a preposition, "Det skal du være opmærksom på", but not in these).
_LEADING_ON = frozenset(
    {"hvis", "at", "og", "eller", "men", "fordi", "når", "mens", "medmindre", "som", "der", "følgende", "if",
     "that", "and", "or", "but", "because", "whether", "unless", "the", "a", "an", "as"}
)  # fmt: skip


def looks_like_heading(paragraph: str) -> bool:
    """A one-line paragraph of at most 100 characters without closing punctuation, not
    ending in a conjunction (`_LEADING_ON`: "Du kan ikke få kortet, hvis" opens the list
    below it), that gives no phone number, e-mail address or postal address in parts between commas
    (`qa.answer_types.holds_form`): "Esbjerg Rådhus, Torvegade 74, 6700 Esbjerg" on a line
    of its own is contact data, which a heading would hide from every answer; "Budget 2026
    Esbjerg Kommune" stays a heading."""
    words = paragraph.split()
    return (
        "\n" not in paragraph
        and len(paragraph) <= HEADING_MAX_CHARS
        and not paragraph.rstrip().endswith((".", "!", "?", ":", ";", ","))
        and bool(words)
        and words[-1].lower() not in _LEADING_ON
        and not any(holds_form(paragraph, form) for form in ("phone", "email"))
        and not ("," in paragraph and holds_form(paragraph, "address"))
    )


# One cell of a line of a plain-text table: words set apart by single spaces. Cells are set
# apart by two or more spaces, or by a tab, which `qa.documents` hands this reader as two
# spaces (`TAB_AS_SPACES`).
_CELL = re.compile(r"\S+(?: \S+)*")
TAB_AS_SPACES = "  "
"""What a tab in a plain-text file becomes before the text is normalised (`qa.documents`,
which otherwise reads a tab as one space): a gap between two cells of a table."""
# The longest cell of a plain-text table, in characters: its cells are values, up to a
# short phrase ("Materialets pris + 100 kr. i administrationsgebyr", 49; "695 kr. pr. måned
# (11 måneder, juli er betalingsfri)", 50).
TABLE_CELL_MAX_CHARS = 80
# A sentence, which no table cell is: four or more words ending in a full stop, "!" or "?".
# Prose typed with two spaces after each full stop splits into such pieces ("Du kan søge
# om tilskud.  Ansøgningen skal ..."); a value ending in an abbreviation does not ("30
# kr.", "2 kr. pr. side" is no sentence by its end: "side").
_SENTENCE = re.compile(r"\S+(?: \S+){3,}[.!?]")


def _cells(line: str) -> list[tuple[int, str]]:
    """The cells of one line of a plain-text table: (start column in characters, text)."""
    return [(m.start(), m.group()) for m in _CELL.finditer(line)]


def _value_cell(text: str) -> bool:
    """Whether a piece of a line can be a table's cell: at most `TABLE_CELL_MAX_CHARS`
    characters and no sentence (`_SENTENCE`)."""
    return len(text) <= TABLE_CELL_MAX_CHARS and not _SENTENCE.fullmatch(text)


def aligned_table(lines: list[str]) -> list[list[str]] | None:
    """A paragraph's lines read as a table whose columns are set apart by tabs or runs of two
    or more spaces, or None when they are not one. The result is the rows in order, the first
    line's cells first, each row with one text per column ("" where a row leaves a column
    empty).

    A table has at least two lines; its first line, not indented and not a list item, has
    two or more cells; no cell is longer than `TABLE_CELL_MAX_CHARS` or a sentence
    (`_SENTENCE`). A line with as many cells as the first is a row, cell by cell; a line
    with fewer (a column left empty) puts each cell in the column whose first-line cell
    starts nearest to it, in order, or the lines are no table. An indented line goes on the
    row above it (a cell wrapped onto a second line, set under its column:
    "Mandag-torsdag 13.00-17.00," over "fredag 13.00-16.00"), each cell in its nearest
    column. Anything else (a line with more cells than the first, one with a single cell,
    an indented line under the first) means the lines are no table.
    """
    if len(lines) < 2 or lines[0][:1].isspace() or starts_with_list_marker(lines[0]):
        return None
    first = _cells(lines[0])
    width = len(first)
    if width < 2 or not all(_value_cell(text) for _, text in first):
        return None
    starts = [start for start, _ in first]
    rows = [[text for _, text in first]]
    for line in lines[1:]:
        cells = _cells(line)
        wrapped = line[:1].isspace()
        if not cells or len(cells) > width or not all(_value_cell(text) for _, text in cells):
            return None
        if not wrapped and len(cells) == width:
            rows.append([text for _, text in cells])
            continue
        columns = [min(range(width), key=lambda column: abs(starts[column] - start)) for start, _ in cells]
        if columns != sorted(set(columns)) or (wrapped and len(rows) < 2) or (not wrapped and len(cells) < 2):
            return None
        row = rows[-1] if wrapped else [""] * width
        for column, (_, text) in zip(columns, cells, strict=True):
            row[column] = f"{row[column]} {text}".strip()
        if not wrapped:
            rows.append(row)
    return rows


def _table(rows: list[list[str]]) -> list[Piece]:
    """The pieces of a plain-text table (`aligned_table`): its first line is the header unless
    it is a row of values like the rest (`qa.readers.common.values_row`) or gives an amount
    (`qa.answer_types.fits` for "how much": "Fritidsklub | 695 kr. pr. måned (11 måneder)"
    over "Ungdomsklub, klubkort | 150 kr. pr. sæson"), which no header does. Plain text
    has no markup that tells a header apart, as HTML's <th> and Markdown's rule line do."""
    first, below = rows[0], rows[1:]
    if values_row(first, below) or any(fits(cell, "how_much") for cell in first):
        return table_pieces(rows, None)
    return table_pieces(below, first)


def _without_breadcrumbs(paragraphs: list[str]) -> list[str]:
    """The paragraphs without the breadcrumb trails (`is_breadcrumb`) among the text's
    first `CRUMB_LINES` lines: navigation copied with a page, not its content."""
    kept: list[str] = []
    seen = 0
    for paragraph in paragraphs:
        lines = []
        for line in paragraph.split("\n"):
            seen += 1
            if not (seen <= CRUMB_LINES and is_breadcrumb(line)):
                lines.append(line)
        if any(line.strip() for line in lines):
            kept.append("\n".join(lines).strip())
    return kept


def text_pieces(body: str) -> list[Piece]:
    """Pieces of a plain text (already normalised: LF line ends only), without a
    breadcrumb trail at its top (`_without_breadcrumbs`)."""
    paragraphs = _without_breadcrumbs([p.strip() for p in _BLANK_LINES.split(body) if p.strip()])
    pieces: list[Piece] = []
    for i, paragraph in enumerate(paragraphs):
        is_last = i == len(paragraphs) - 1
        lines = paragraph.split("\n")
        table = aligned_table(lines)
        if table is not None:
            pieces.extend(_table(table))
            continue
        units = line_pieces(lines)
        if not is_last and looks_like_heading(paragraph) and units[0].kind != "list_item":
            pieces.append(Piece("heading", 1 if i == 0 else 2, paragraph))
        elif (
            len(units) > 1
            and units[0].kind == "paragraph"
            and units[0].text == lines[0].strip()
            and looks_like_heading(units[0].text)
            and reads_as_label(units[0].text)
        ):
            # A heading line right above its text, with no blank line between ("Beløb" over
            # "Beløbet afhænger af ...", "Dødsfald i 2026" over its list), as text copied
            # from a web page sets it: a unit of its own by the soft-break rule, read as the
            # heading it is; not a line with a finite verb or a figure but a year ("Prisen er
            # 205 kr", "Hverdage kl. 9-15" over "Lørdag kl. 10-13"), which is text.
            pieces.append(Piece("heading", 1 if i == 0 else 2, units[0].text))
            pieces.extend(units[1:])
        else:
            pieces.extend(units)
    return pieces
