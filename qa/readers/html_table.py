"""An HTML `<table>` into pieces: the cells laid out on a grid as a browser lays them out,
header rows combined per column, each header row as a `table_header` piece, and one
`table_row` piece per data row with each value next to its header
(`qa.readers.common.table_row_text`).

The grid follows the HTML Living Standard's table processing model ("forming a table"
and "the algorithm for processing rows", §4.9.12 of html.spec.whatwg.org): each cell is
anchored at the first free slot of its row and covers `colspan` × `rowspan` slots;
`colspan` is 1 when absent, unparsable or 0 and at most 1000, `rowspan` is 1 when absent
or unparsable and at most 65534, and `rowspan="0"` grows to the end of its row group.
A cell does not reach past the last row of its row group (`<thead>`, `<tbody>`,
`<tfoot>`): CSS 2.1 §17.5 has the user agent shorten it until it fits. Once a
table's spans have repeated `MAX_SPANNED_CHARACTERS` characters, its further spans
are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from qa.readers.common import CLOSING, FINITE_VERB, Piece, table_row_text
from qa.readers.dom import WHITE, all_bold, closest

# The HTML Living Standard's rules for parsing non-negative integers (leading white
# space, an optional "+", then digits; anything after the digits is ignored).
_NON_NEGATIVE = re.compile(r"^[\t\n\f\r ]*\+?(\d+)")
MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534
# The characters spans may repeat in one table: a few hundred kilobytes of
# `colspan="1000" rowspan="0"` would otherwise make gigabytes of slots and text.
MAX_SPANNED_CHARACTERS = 5_000_000


@dataclass(frozen=True)
class Cell:
    """One `<td>` or `<th>`: its text (white space folded), whether it is a header cell
    (`<th>`), whether its whole text is bold (`<strong>`/`<b>`), and the row of the grid
    it is anchored in (a cell with `rowspan` also covers the rows below)."""

    id: int
    text: str
    header: bool
    bold: bool
    row: int


@dataclass(frozen=True)
class TableGrid:
    """A table laid out on slots: `rows[y][x]` is the cell covering slot (x, y), or None
    for a slot no cell covers; a row's list ends at its last covered slot, `width` is
    the longest. `groups[y]` numbers the row group of row y, `in_head[y]` says whether
    it is in a `<thead>`."""

    rows: list[list[Cell | None]]
    groups: list[int]
    in_head: list[bool]
    width: int


def table_rows(table: LexborNode) -> list[LexborNode]:
    """The `<tr>`s of a table in document order, not those of tables nested in its cells."""
    rows = []
    for tr in table.css("tr"):
        owner = closest(tr, lambda a: a.tag == "table")
        if owner is not None and owner.mem_id == table.mem_id:
            rows.append(tr)
    return rows


def _span(node: LexborNode, name: str, default_for_zero: int, limit: int) -> int:
    match = _NON_NEGATIVE.match(node.attributes.get(name) or "")
    if match is None:
        return 1
    value = int(match.group(1))
    return default_for_zero if value == 0 else min(value, limit)


def _cell_text(node: LexborNode) -> str:
    return WHITE.sub(" ", node.text(separator=" ")).strip()


def table_grid(table: LexborNode, cell_text: Callable[[LexborNode], str] = _cell_text) -> TableGrid:
    """The slots of a table, each cell filling every slot it spans (see the module
    docstring): a cell spanning two columns is in both, a cell spanning two rows is in
    both rows. Row groups are the `<tr>`s' parents (the parser puts bare `<tr>`s in a
    `<tbody>`), taken in document order. `cell_text` reads a cell's text (by default all
    its text nodes, separated by spaces)."""
    trs = table_rows(table)
    groups: list[int] = []
    in_head: list[bool] = []
    group = -1
    parent_id: int | None = None
    for tr in trs:
        parent = tr.parent
        if parent is None or parent.mem_id != parent_id:
            group += 1
            parent_id = parent.mem_id if parent is not None else None
        groups.append(group)
        in_head.append(parent is not None and parent.tag == "thead")
    group_end = list(range(len(trs)))  # the last row of each row's row group
    for y in reversed(range(len(trs) - 1)):
        if groups[y + 1] == groups[y]:
            group_end[y] = group_end[y + 1]
    rows: list[list[Cell | None]] = [[] for _ in trs]
    budget = MAX_SPANNED_CHARACTERS
    for y, tr in enumerate(trs):
        rows_left = group_end[y] - y + 1
        x = 0
        for node in tr.iter():
            if node.tag not in ("td", "th"):
                continue
            while x < len(rows[y]) and rows[y][x] is not None:
                x += 1
            colspan = _span(node, "colspan", 1, MAX_COLSPAN)
            rowspan = min(_span(node, "rowspan", rows_left, MAX_ROWSPAN), rows_left)
            text = cell_text(node)
            budget -= (colspan * rowspan - 1) * (len(text) + 1)
            if budget < 0:
                colspan = rowspan = 1  # a hostile table: past the budget, spans shrink to one slot
            cell = Cell(node.mem_id, text, node.tag == "th", all_bold(node, text), y)
            for row in rows[y : y + rowspan]:
                if len(row) < x + colspan:
                    row.extend([None] * (x + colspan - len(row)))
                for slot in range(x, x + colspan):
                    if row[slot] is None:  # overlapping cells: the first keeps the slot
                        row[slot] = cell
            x += colspan
    return TableGrid(rows, groups, in_head, max((len(r) for r in rows), default=0))


def _distinct(row: list[Cell | None]) -> list[Cell]:
    """The cells of a grid row, each once, left to right."""
    seen: set[int] = set()
    cells = []
    for cell in row:
        if cell is not None and cell.id not in seen:
            seen.add(cell.id)
            cells.append(cell)
    return cells


def full_width_cell(grid: TableGrid, y: int) -> Cell | None:
    """The cell that alone fills row y of a table at least two columns wide (a group
    row, `<tr><th colspan="2">Selvstændige</th></tr>`), else None."""
    row = grid.rows[y]
    first = row[0] if row else None
    if grid.width < 2 or len(row) < grid.width or first is None or any(c is not first for c in row):
        return None
    return first


def _is_header_row(grid: TableGrid, y: int) -> bool:
    """A row of header cells: every non-empty cell a `<th>` (an empty corner `<td>` is
    allowed), or two or more non-empty cells each wholly bold (a rich-text editor's
    header; one bold cell is a note, "Bemærk:")."""
    cells = [c for c in _distinct(grid.rows[y]) if c.text]
    return bool(cells) and (all(c.header for c in cells) or (len(cells) > 1 and all(c.bold for c in cells)))


def _is_th_row(grid: TableGrid, y: int) -> bool:
    cells = [c for c in _distinct(grid.rows[y]) if c.text]
    return bool(cells) and all(c.header for c in cells)


def header_row_count(grid: TableGrid) -> int:
    """How many rows at the top of a table are its header: the rows of a `<thead>` that
    opens the table, else the leading header rows (`_is_header_row`). After the first
    header row, a full-width row is a group row and ends the header; a table of header
    rows only (all in `<thead>`, or all `<th>`) has its first row as header and the rest
    as data, a table bold throughout has none, and so has a table of one row."""
    if len(grid.rows) < 2:
        return 0  # one row heads nothing: it is the table's content
    count = 0
    while count < len(grid.rows) and grid.in_head[count]:
        count += 1
    if count:
        return 1 if count == len(grid.rows) else count  # every row in <thead>: a CMS's quirk
    while count < len(grid.rows) and _is_header_row(grid, count):
        if count > 0 and full_width_cell(grid, count) is not None:
            break
        count += 1
    if count == len(grid.rows) and not all(_is_th_row(grid, y) for y in range(count)):
        return 0  # bold throughout: bold marks no header
    if count and all(full_width_cell(grid, y) is not None for y in range(count)):
        return 0  # a title row alone is a group row over the rows under it
    return 1 if count == len(grid.rows) and count > 1 else count


def column_labels(grid: TableGrid, header_rows: int) -> list[str]:
    """The label of each column: the texts of the header cells above it, top to bottom,
    each cell once ("2024" spanning two columns over "Sats" and "Maks. fradrag" gives
    "2024 Sats" and "2024 Maks. fradrag"; "Fradrag" spanning both header rows gives
    "Fradrag"). A header row that one cell fills ("Priser 2025" over the columns) is the
    table's title, shown as its own row, not part of each label."""
    labels = []
    titles = {y for y in range(header_rows) if full_width_cell(grid, y) is not None}  # a table's title row
    for x in range(grid.width):
        parts: list[str] = []
        seen: set[int] = set()
        for y in range(header_rows):
            if y in titles and header_rows > len(titles):
                continue
            cell = grid.rows[y][x] if x < len(grid.rows[y]) else None
            if cell is None or not cell.text or cell.id in seen:
                continue
            seen.add(cell.id)
            if not parts or parts[-1] != cell.text:
                parts.append(cell.text)
        labels.append(" ".join(parts))
    return labels


def _row_values(row: list[Cell | None], labels: list[str]) -> list[str]:
    """The value in each column of a data row. A cell spanning columns is the value of
    each, but stands once where the columns it spans share a label (or have none)."""
    values = []
    for x, cell in enumerate(row):
        same = x > 0 and cell is not None and row[x - 1] is cell and _label(labels, x) == _label(labels, x - 1)
        values.append("" if cell is None or same else cell.text)
    return values


def _label(labels: list[str], x: int) -> str:
    return labels[x] if x < len(labels) else ""


def html_table_pieces(table: LexborNode, cell_text: Callable[[LexborNode], str] = _cell_text) -> list[Piece]:
    """The pieces of one `<table>`: its caption (`table_caption`) as a `table_caption` when it
    is a title (`_titles_its_table`: the page's own title for the table, which a reader
    quotes no more than a heading; six captions with a date or a comma, "Satser for
    sygedagpenge fra 1. januar 2026", were quoted as answers at stop 51, where a
    paragraph's text could not tell them captions), else as a paragraph (a caption that
    states, "Der er ingen ledige ældreboliger lige nu", holds a note, or is all a table
    without values has to say: `_has_values`), each header row as a
    `table_header` as the source shows it ("Fradrag; 2024; 2025", then "Sats; Maks.
    fradrag; Sats; Maks. fradrag"), and one `table_row` per data row with each value next to its column's
    combined label ("Fradrag: Jobfradrag; 2024 Sats: 4,5 %; 2024 Maks. fradrag: 2.900 kr.; …").

    A table without a header row keeps the row-header rule: a row of a `<th>` and then
    `<td>`s reads "Pris: 205 kr.; …".

    A full-width group row (`<tr><th colspan="2">Selvstændige</th></tr>`) is no data
    row: its text is put in front of each row under it, up to the next group row or the
    end of its row group ("Selvstændige; Hvad: Oplysningsskema for 2024; Frist: 1. juli
    2025"). Not a heading: a row is the unit an answer quotes, and with the prefix the
    quoted row itself says which group it is about; a heading would only be shown as
    the chunk's heading, and would also become the heading of the page's text after
    the table (up to the next real heading) and replace the section's own heading
    above the table's rows. A group row with no rows under it stands alone.
    """
    grid = table_grid(table, cell_text)
    caption = table_caption(table)
    pieces = []
    if caption is not None:
        # A table without values (no `<td>` of its own holding text, only a header row) keeps
        # its caption as text: the caption says all it has to say.
        text = cell_text(caption)
        titles = _titles_its_table(caption, text) and _has_values(table)
        pieces.append(Piece("table_caption" if titles else "paragraph", 0, text))
    head = header_row_count(grid)
    labels = column_labels(grid, head) if head else []
    for y in range(head):
        shown = "; ".join(c.text for c in _distinct(grid.rows[y]) if c.text and c.row == y)
        if shown:
            pieces.append(Piece("table_header", 0, shown))
    group: str | None = None
    group_used = True
    for y in range(head, len(grid.rows)):
        if y > head and grid.groups[y] != grid.groups[y - 1]:
            group, group_used = _end_group(pieces, group, group_used)
        row = grid.rows[y]
        spanning = full_width_cell(grid, y)
        if spanning is not None:
            if spanning.row == y and spanning.text:
                group, group_used = _end_group(pieces, group, group_used)
                group, group_used = spanning.text, False
            continue  # a full-width cell from a row above: nothing new
        if not labels and _is_row_header(row):
            first = row[0]
            assert first is not None
            rest = "; ".join(c.text for c in _distinct(row[1:]) if c.text and c.id != first.id)
            text = f"{first.text}: {rest}" if first.text and rest else first.text or rest  # "Pris: 205 kr."
        else:
            text = table_row_text(_row_values(row, labels), labels)
        if text:
            pieces.append(Piece("table_row", 0, f"{group}; {text}" if group else text))
            group_used = True
    _end_group(pieces, group, group_used)
    return pieces


def _has_values(table: LexborNode) -> bool:
    """Whether a table has a `<td>` of its own (not a nested table's) holding text."""
    return any(cell.text(separator=" ").strip() and owner_table(cell) == table.mem_id for cell in table.css("td"))


def owner_table(node: LexborNode) -> int | None:
    """The `mem_id` of the nearest table holding a node, or None."""
    owner = closest(node, lambda a: a.tag == "table")
    return owner.mem_id if owner is not None else None


def table_caption(table: LexborNode) -> LexborNode | None:
    """The caption of a `<table>`: its `<caption>`, else the `<figcaption>` of the
    `<figure>` it is the one table of (HTML's figure caption, first or last in its figure:
    WordPress's table block sets it under the table, `<figure class="wp-block-table">
    <table>...</table><figcaption>Åbningstider for genbrugspladserne 2026</figcaption>`, a
    stop 48 tester's page, whose caption was read after the rows as a paragraph and quoted
    as an answer) when it names the table (`_names_a_table`), or None."""
    caption = next((child for child in table.iter() if child.tag == "caption"), None)
    if caption is not None:  # its own, not a nested table's (a stop 52 review's page)
        return caption
    figure = table.parent
    if figure is None or figure.tag != "figure" or len(figure.css("table")) != 1:
        return None
    if any(closest(n, lambda a: a.tag in ("table", "figcaption")) is None for n in figure.css(_PICTURES)):
        return None  # a figure of a picture and a table: its caption may tell the picture
    figcaption = next((child for child in figure.iter() if child.tag == "figcaption"), None)
    return figcaption if figcaption is not None and _names_a_table(figcaption) else None


# What a figure's caption holds when it notes rather than names its table: a footnote's
# mark, a label's colon ("Kilde: ...", "Foto: ..."), a sentence's end.
_NOTE_MARKS = ("*", ":", ".", "!", "?")


# What shows a picture in a figure: its caption may tell the picture rather than the table
# beside it ("Kort over pladsen med indkørsel fra Ravnsholtvej", a review's figure).
_PICTURES = "img, picture, svg, video, iframe, canvas, object"


def _titles_its_table(caption: LexborNode, text: str) -> bool:
    """Whether a table's caption, read as `text`, is a title of the table rather than text
    about it: one line (no `<br>`, paragraph or list in it), no common finite verb
    (`qa.readers.common.FINITE_VERB`: "Der er ingen ledige ældreboliger lige nu" states)
    and no sentence's end ("Alle beløb er før skat."). A stop 52 review's captions that
    stated a fact or held a note after a `<br>` were no longer quotable as tables' titles,
    nor was the caption of a table without rows ("Ingen kommende arrangementer"), which
    stays a paragraph (`html_table_pieces`). Some titles carry what a question asks ("Nye
    åbningstider fra mandag den 2. februar", a review's) and can no longer be quoted: on
    the test pages no gold was a caption (0 of the 333 captions of stop 51's sets), and
    six captions were quoted as wrong answers."""
    if not _one_line(caption):
        return False
    line = text.strip().rstrip(CLOSING)
    return bool(line) and FINITE_VERB.search(line) is None and not line.endswith((".", "!", "?", ":", ";"))


# What breaks a caption into more than one line: a line break, a block, a list, a table.
_LINE_BREAKING = frozenset({"br", "p", "div", "ul", "ol", "li", "table"})


def _one_line(caption: LexborNode) -> bool:
    """Whether a caption holds nothing that breaks it into lines (`_LINE_BREAKING`)."""
    return not any(n.tag in _LINE_BREAKING for n in caption.traverse() if n.mem_id != caption.mem_id)


def _names_a_table(figcaption: LexborNode) -> bool:
    """Whether a `<figcaption>` is one line naming its table ("Åbningstider for
    genbrugspladserne 2026"): no element of its own but inline text (no `<br>`, paragraph
    or list) and none of `_NOTE_MARKS`. A stop 49 review's figure captions held footnotes to
    the rows ("* Prisen er fastsat af Folketinget ...<br>** Biretter ..."), rules as a list,
    a photo credit and a source: notes, read where they stand."""
    if not _one_line(figcaption):
        return False
    text = WHITE.sub(" ", figcaption.text(separator=" ")).strip()
    return bool(text) and not any(mark in text for mark in _NOTE_MARKS)


def _end_group(pieces: list[Piece], group: str | None, used: bool) -> tuple[None, bool]:
    """Close a group: a group row that no row followed stands alone."""
    if group is not None and not used:
        pieces.append(Piece("table_row", 0, group))
    return None, True


def _is_row_header(row: list[Cell | None]) -> bool:
    """A `<th>` first and `<td>`s after it: "Pris | 205 kr." is a label and its value."""
    cells = _distinct(row)
    return len(cells) > 1 and cells[0].header and all(not c.header for c in cells[1:])
