"""Plain text into pieces: paragraphs split on blank lines, lines into units.

Inside a paragraph, each line that starts with a list marker (`-`, `*`, `•`, `–`, `+`, or
a number such as `1.` or `1)`, but not a date such as "1. juli 2025") is a list item of
its own, and other lines are joined or split by `qa.readers.common.starts_new_unit`; in a
text copied from a web page, the lines under a line ending with a colon that read as a
list's items are its items, copied without their bullets (`_with_unmarked_items`). A
paragraph that is one short line without closing punctuation, and not the last, reads as
a heading (level 1 when it opens the file, else 2), unless it gives a postal address, a phone
number or an e-mail address. A breadcrumb trail among the first lines is left out. A
paragraph whose lines are columns set apart by tabs or runs of spaces (a table copied from
a web page, or typed in a fixed-width font) is read as a table: a row per line, each value
next to its column's header when the first line is one (`aligned_table`, `has_header`),
also when a title line sits right above it with no blank line between (`titled_table`). A
table whose cells are set apart by tabs is also read with lines of text above or under it
in its paragraph (`tabbed_table_within`): a caption above it is its heading, other lines
stay text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet

from qa.analysis import is_function_word, words
from qa.answer_types import fits, holds_form
from qa.named_values import weekdays_covered
from qa.normalise import has_letter_or_digit
from qa.phrasing import ADDRESS
from qa.readers.common import (
    CLOSING,
    CRUMB_LINES,
    LINK_LIST_WORDS,
    LINK_TITLE,
    NOT_YEAR_DIGITS,
    RELATED_TITLE,
    SENTENCE_END,
    TITLE_SEPARATOR,
    YEAR,
    Piece,
    cell_kind,
    has_figure,
    is_breadcrumb,
    is_link_line,
    is_page_stamp,
    is_tool_bar,
    is_tool_bar_lines,
    line_pieces,
    reads_as_label,
    starts_with_list_marker,
    strip_bullet,
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


# One cell of a line of a plain-text table whose columns are set apart by spaces: words
# set apart by single spaces; two or more spaces end it. On a line holding a tab, the tab
# alone sets cells apart (two tabs in a row leave a cell empty, as a browser copies a
# table), so `qa.documents` keeps a text page's tabs for this reader.
_CELL = re.compile(r"\S+(?: \S+)*")
# The longest cell of a plain-text table, in characters: its cells are values, up to a
# short phrase ("Materialets pris + 100 kr. i administrationsgebyr", 49; "695 kr. pr. måned
# (11 måneder, juli er betalingsfri)", 50).
TABLE_CELL_MAX_CHARS = 80
# The longest cell of a table whose cells tabs set apart, where no run of spaces in prose
# can pass for a column's edge: a situation described in a phrase ("Du har ikke spærret
# kortet hurtigst muligt efter at have opdaget tabet, og pinkoden er brugt", 90, over "Op
# til 9.500 kr.": a stop 46 tester's page, whose table was read as text).
TABBED_CELL_MAX_CHARS = 160
# A sentence, which no table cell is: four or more words ending in a full stop, "!" or "?",
# or a question of two or more words. Prose typed with two spaces after each full stop
# splits into such pieces ("Du kan søge om tilskud.  Ansøgningen skal ...", "Hvad koster
# det?  Det er gratis."); a value ending in an abbreviation does not ("30 kr.", "2 kr. pr.
# side" is no sentence by its end: "side").
_SENTENCE = re.compile(r"\S+(?: \S+){3,}[.!?]|\S+(?: \S+)+\?")
# A list's or a document's marker as a line's first piece: a letter or a roman or arabic
# number with "." or ")" ("a)", "II.", "1)"), a section number ("1.1"), Word's "o" bullet,
# a paragraph sign ("§ 2") or a numbered step, appendix or section ("Trin 1", "Bilag 2"):
# lines of a list or an outline set apart by a tab, not a table's rows.
_MARKER = re.compile(
    r"(?:[a-zæøå]|[ivxlcdm]+|\d+)[.)]|\d+(?:\.\d+)+\.?|o|§+\s*\d+\w*\.?"
    r"|(?:trin|bilag|step|punkt|kapitel|afsnit|del|appendix|chapter|section)\s+\d+\w*[.:]?",
    re.IGNORECASE,
)
# A rule line under a header, which holds no cell: only dashes, equals signs, underscores,
# "+", "|" and white space, with a run of three dashes, equals signs or underscores. Tested
# by its set of characters and one search, in time linear in the line (a single pattern of
# the three overlapping runs backtracked cubically on a long line of dashes ending in a
# letter).
_RULE_CHARACTERS = frozenset("-=_+| \t")
_RULE_RUN = re.compile(r"[-=_]{3}")


def _is_rule(line: str) -> bool:
    """Whether a line is a rule under a table's header (`_RULE_CHARACTERS`, `_RULE_RUN`)."""
    return set(line) <= _RULE_CHARACTERS and _RULE_RUN.search(line) is not None


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _cells(line: str) -> list[tuple[int | None, str]]:
    """The cells of one line of a plain-text table: (start column in characters, or None on
    a line holding a tab, where columns are counted by tabs; text, "" for an empty cell)."""
    if "\t" in line:
        return [(None, part.strip()) for part in line.rstrip().split("\t")]
    return [(m.start(), m.group()) for m in _CELL.finditer(line)]


# A cell of no letter or digit that is no table's value: a separator or an arrow between
# parts of a line ("Esbjerg Kommune  ·  Torvegade 74", "Ansøgning  -->  Afgørelse"); a dash
# alone is a value ("none").
_EMPTY_VALUES = frozenset({"-", "–", "—"})


# An amount at a cell's end, whose "kr." is no full stop ("Op til 9.500 kr.").
_ENDS_IN_AMOUNT = re.compile(r"\d\s*(kr|mio|mia)\.$")


# The most words of a question that heads a column between tabs ("Hvornår kan du søge?",
# "Can you drive on it in Denmark?"): a heading's title (`TITLE_MAX_WORDS`) and two more
# for a question's verb and English's auxiliary.
QUESTION_CELL_MAX_WORDS = 8


def _asks(text: str) -> bool:
    """Whether a cell is one short question (at most `QUESTION_CELL_MAX_WORDS` words,
    ending in "?" and holding no other sentence's end): a column's header that asks."""
    return (
        text.endswith("?")
        and len(text.split()) <= QUESTION_CELL_MAX_WORDS
        and not any(mark in text[:-1] for mark in SENTENCE_END)
    )


# Columns of a tabbed table whose first line may ask in a cell: a table of contents is a
# question and its page number ("Hvad er boligstøtte?\t3", a stop 53 review's guide).
QUESTION_HEADER_MIN_CELLS = 3


def _value_cell(text: str, tabbed: bool = False, after: str = "", header: bool = False) -> bool:
    """Whether a piece of a line can be a table's cell: at most `TABLE_CELL_MAX_CHARS`
    characters (`TABBED_CELL_MAX_CHARS` between tabs), no sentence (`_SENTENCE`; between
    tabs "Op til 9.500 kr." ends in an amount, `_ENDS_IN_AMOUNT`, and on a table's first
    line of three cells or more (`header`) "Hvornår kan du søge?" heads a column, `_asks`:
    held-out t114's text page read its table of deadlines as prose, its rows glued into
    one paragraph; where a line set out with
    spaces may be prose typed with two spaces after each full stop: "Et nødpas koster 200
    kr.  Et pas ...", a stop 47 review), not a separator (`_EMPTY_VALUES`), and not ending
    in a word that leads on to what follows (`_LEADING_ON`: prose set in two columns,
    "Ring i stedet på 33 66 33 66, hvis"), unless that word is in capitals, a letter naming
    a thing ("hal A", "Zone A": a stop 46 tester's price table was read as text). Between
    tabs, where a tab is a cell's edge and no run of spaces in prose, such a word leads on
    only when the text after the tab (`after`: the next cell, or the next line's first
    cell) goes on in lower case ("Skriv til os, og\tvi svarer."): "Hvad sker der" over a
    table's column ("Årsag\tHvad sker der\tPris", a stop 48 tester's page, whose table was
    read as text) ends a header cell. "" is an empty cell."""
    words = text.split()
    leads_on = bool(words) and words[-1].lower() in _LEADING_ON and words[-1] != words[-1].upper()
    return (
        len(text) <= (TABBED_CELL_MAX_CHARS if tabbed else TABLE_CELL_MAX_CHARS)
        and not (
            _SENTENCE.fullmatch(text) and not (tabbed and (_ENDS_IN_AMOUNT.search(text) or (header and _asks(text))))
        )
        and (not text or text in _EMPTY_VALUES or has_letter_or_digit(text))
        and not (leads_on and (not tabbed or after[:1].islower()))
    )


def _value_cells(line_cells: list[list[str]], index: int, tabbed: bool) -> bool:
    """Whether every piece of line `index` of `line_cells` (each line's cell texts) can be a
    table's cell (`_value_cell`), each judged with the text after it: the next cell, or
    for a line's last cell the next line's first; the first line of three cells or more
    is judged as a header (`QUESTION_HEADER_MIN_CELLS`)."""
    cells = line_cells[index]
    following = line_cells[index + 1] if index + 1 < len(line_cells) else []
    afters = cells[1:] + [following[0] if following else ""]
    header = index == 0 and len(cells) >= QUESTION_HEADER_MIN_CELLS
    return all(_value_cell(text, tabbed, after, header) for text, after in zip(cells, afters, strict=True))


# An ordinal before a word in lower case: Danish writes "1. kvartal", "2. rate", "3. klasse".
_ORDINAL_CELL = re.compile(r"\d{1,2}\.\s+[a-zæøå]")


def _numbered_row(line: str) -> bool:
    """Whether a line that starts as a numbered list item does ("1. kvartal") is a row of a
    tabbed table of three or more columns: it holds two tabs or more and its first cell is
    an ordinal before a word in lower case (`_ORDINAL_CELL`): "1. kvartal\tJanuar–marts\t
    20. januar 2026" under "Kvartal\tPeriode\tUdbetalingsdato" (a held-out text page of
    stop 46, read as a heading over a numbered list) names its row by an ordinal, where
    "2. Udfyld ansøgningen\t..." is a numbered step (a review's page: read as a row, the
    sentence splitter cut it after "2.") and "1.\tTjek din NemKonto" a step of a list. Of
    two columns a table's first line is never its header (`has_header`), so "Etage\t
    Afdeling" over "1. sal\tJobcenter" stays a heading over a list: a row, it was quoted."""
    cells = line.split("\t")
    return len(cells) >= 3 and _ORDINAL_CELL.match(cells[0].strip()) is not None


def aligned_table(lines: list[str]) -> list[list[str]] | None:
    """A paragraph's lines read as a table whose columns are set apart by tabs or by runs of
    two or more spaces, or None when they are not one. The result is the rows in order, the
    first line's cells first, each row with one text per column ("" where a row leaves a
    column empty).

    A table has at least two lines; its first line, not indented, not a list item and not
    opened by a list's marker (`_MARKER`: "o", "a)", "§ 1", "Trin 1"), has two or more
    cells; no cell is longer than `TABLE_CELL_MAX_CHARS` (`TABBED_CELL_MAX_CHARS` on lines
    with tabs) or a sentence (`_SENTENCE`); no line holds "|" or starts with "+" (a drawn
    table, left as text); a rule line of dashes under the header is no row (`_is_rule`).
    On lines with tabs each tab ends a cell, and a row opened by a tab (an empty first
    cell, as a browser copies a cell spanning rows) takes the first cell of the row above.
    On lines set out with spaces, a line with as many cells as the first is a row, cell by
    cell; a line with fewer puts each cell in the column whose first-line cell starts
    nearest to it, in order, or the lines are no table;
    an indented line is a row of its own taking the first cell of the row above when it
    fills every column but the first of a table of three or more, else it goes on the row
    above (a cell wrapped onto a second line, set under its column: "Mandag-torsdag
    13.00-17.00," over "fredag 13.00-16.00"); an indented list item (a footnote, "* Børn
    under 3 år gratis") means the lines are no table. Anything else (a line with more cells
    than the first, one with a single cell) means the lines are no table either.
    """
    lines = [line for line in lines if not _is_rule(line)]
    if len(lines) < 2 or lines[0][:1].isspace() or starts_with_list_marker(lines[0]):
        return None
    if any("|" in line or line.lstrip()[:1] == "+" for line in lines):
        return None
    if any(starts_with_list_marker(line.strip()) and not _numbered_row(line) for line in lines[1:]):
        return None  # a list under a line, or a footnote under a table
    tabbed = any("\t" in line for line in lines)
    line_cells = [_cells(line) for line in lines]
    texts = [[text for _, text in cells] for cells in line_cells]
    first = line_cells[0]
    width = len(first)
    if width < 2 or not _value_cells(texts, 0, tabbed) or _MARKER.fullmatch(first[0][1]):
        return None
    starts = [start or 0 for start, _ in first]
    rows = [[text for _, text in first]]
    for number, line in enumerate(lines[1:], start=1):
        cells = line_cells[number]
        if len(cells) > width or not _value_cells(texts, number, tabbed):
            return None
        if tabbed:
            if len(cells) < 2:
                return None
            row = [text for _, text in cells] + [""] * (width - len(cells))
            if not row[0] and next(text for text in row if text)[:1].islower():
                # A cell going on, under a label ("Bemærk:\tAnsøgninger, der ..." over
                # "\tbehandles ikke.").
                for column, text in enumerate(row):
                    rows[-1][column] = f"{rows[-1][column]} {text}".strip()
                continue
            if not row[0]:
                row[0] = rows[-1][0]  # a first cell spanning this row too
            rows.append(row)
            continue
        wrapped = line[:1].isspace()
        if not wrapped and len(cells) == width:
            rows.append([text for _, text in cells])
            continue
        columns = [min(range(width), key=lambda column: abs(starts[column] - (start or 0))) for start, _ in cells]
        if columns != sorted(set(columns)) or (wrapped and len(rows) < 2) or (not wrapped and len(cells) < 2):
            return None
        spanned = (
            wrapped
            and width >= 3
            and columns == list(range(1, width))
            and not any(text[:1].islower() for _, text in cells)
        )
        row = [rows[-1][0]] + [""] * (width - 1) if spanned else rows[-1] if wrapped else [""] * width
        for column, (_, text) in zip(columns, cells, strict=True):
            row[column] = f"{row[column]} {text}".strip()
        if spanned or not wrapped:
            rows.append(row)
    if len({row[0] for row in rows}) == 1 and len(rows[0][0]) <= 2:
        return None  # one mark opening every line: a list's bullet ("ü", "q")
    return rows


# A rule under a table's header that marks its columns: runs of three or more dashes (or
# equals signs), one per column, set apart by spaces, maybe indented (pandoc's plain text
# writes its simple and multiline tables so: "  Ydelse      Pris" over "  ---------
# -----"), at least two.
_COLUMN_RULE = re.compile(r"[ \t]*[-=]{3,}(?: +[-=]{3,})+[ \t]*")
_RULE_SEGMENT = re.compile(r"[-=]{3,}")


# The ends of a cell that goes on onto the next line: a comma, a plus, a conjunction.
_LEADS_ON = (",", "+", " og", " eller", " samt", " and", " or")


def _wraps(cells: list[str]) -> bool:
    """Whether a ruled table's line is, or ends in, a cell wrapped onto a line of its own
    that fills every column too (a hand-typed table: "Arbejdsstol  Halvdelen af prisen,"
    over "til hjemmet  højst 2.000 kr.", a stop 63 review's): its first cell opens in lower
    case, or one of its cells ends as a text going on does (`_LEADS_ON`)."""
    return cells[0][:1].islower() or any(cell.endswith(_LEADS_ON) for cell in cells)


def ruled_table(lines: list[str]) -> list[list[str]] | None:
    """A paragraph read as a table whose header, its first line, is underlined by a rule
    that marks its columns (`_COLUMN_RULE`), as a text export of a page writes a simple
    table (pandoc's plain text, indented by two spaces, which `aligned_table` does not
    take), or None. The result is the header's cells, then the rows, each cut at the
    columns the rule's runs start at; a rule line under the last row closes the table.
    Only a table laid out to the letter is read: each header cell starts where its rule
    run starts (a header right-aligned or centred, or an empty corner cell, would label
    the wrong column), every line below fills every column the header fills (a wrapped
    cell, a group's row with its first cell left empty or a note across the table would
    be read as a row of its own or glued to the wrong one; nor a row that opens in lower
    case or has a cell ending as text going on, `_wraps`), and no rule stands among the
    rows (a second table's header); None too when text stands left of the first column,
    a word crosses from one column into the next or two cells stand less than two spaces
    apart (prose under a rule), or no row follows. `text_pieces` reads a paragraph so
    only when `aligned_table` does not read it. Two fresh testers' text pages (page sets
    zzzzf and zzzzk) wrote their fee tables so, and each row was read as one sentence with
    the rule's dashes in it ("Ydelse Pris ------ ------ Klagegebyr for privatpersoner 400
    kr."); stop 63 reviewers' text files broke looser readings (wrapped cells, merged
    rows, shifted labels, a crash on a line of a line separator alone)."""
    if len(lines) < 3 or not _COLUMN_RULE.fullmatch(lines[1]):
        return None
    starts = [m.start() for m in _RULE_SEGMENT.finditer(lines[1])]

    def cut(line: str) -> list[str] | None:
        if line[: starts[0]].strip():
            return None
        for boundary in starts[1:]:
            left, right = line[:boundary].rstrip(), line[boundary:]
            if right.strip() and len(left) > starts[0] and len(line) - len(right.lstrip()) - len(left) < 2:
                return None  # a word across two columns, or two cells one space apart: prose
        ends = [*starts[1:], len(line)]
        return [line[start:end].strip() for start, end in zip(starts, ends, strict=True)]

    # The paragraph's first line comes without its indentation (paragraphs are trimmed):
    # a header is indented as its rule is.
    indent = len(lines[1]) - len(lines[1].lstrip())
    head = lines[0] if lines[0][:1].isspace() else " " * indent + lines[0]
    header = cut(head)
    if header is None or not all(header):
        return None  # an empty header cell: a corner over the rows' names, or no table
    if any(len(head) <= start or head[start].isspace() for start in starts):
        return None  # a header cell not starting at its run: right-aligned or centred
    rows: list[list[str]] = []
    for number, line in enumerate(lines[2:], start=2):
        if _is_rule(line):
            if number == len(lines) - 1:
                break  # the rule closing the table
            return None
        cells = cut(line)
        if cells is None or not all(cells) or _wraps(cells):
            return None
        rows.append(cells)
    return [header, *rows] if rows else None


# The longest title line `titled_table` takes over a table, in words: captions and
# headings are short ("Tidsplan", "Places to stay", "Telefontid i Vej og Park",
# "Skolepsykologernes træffetid på skolerne"); a longer line without a full stop is a
# statement ("Genbrugspladserne holder lukket på alle helligdage og juleaftensdag") or
# prose typed with two spaces after each full stop, which must stay quotable text.
TITLE_MAX_WORDS = 6


def titled_table(lines: list[str]) -> tuple[str, list[list[str]]] | None:
    """A paragraph read as a table's title line right above the table (`aligned_table`),
    with no blank line between, as text copied from a web page sets a caption or a heading
    ("Tidsplan" over "Område    Påbud sendes    Frist for separering" and its rows): (the
    title, the table's rows), or None when the paragraph is not one, which then reads as
    it did before titled tables were read.

    The title is one cell (no tab, no run of two spaces) of at most `TITLE_MAX_WORDS`
    words opening with a capital, that reads as a heading (`looks_like_heading`), names
    rather than states (`qa.readers.common.reads_as_label`) and is a unit of its own by
    the soft-break rule (`qa.readers.common.line_pieces`; a longer line such as
    "Genbrugspladserne modtager ikke asbestholdigt affald" runs on into the next and stays
    quotable text). The lines under it must be a table of two or more rows on their own
    whose first line is its header (`has_header`) and holds no cell that may be a value of
    its column (`_a_value_of_its_column`). Fresh reviewers' inputs at stop 40 that stay
    text so: a statement without its full stop over a table, prose typed with two spaces
    after each full stop, an office's contact lines in two columns under its name, a
    list's lead-in over its items in two columns, and header-less tables (a collection
    plan, a holiday opening plan, a school's leaders). A table without a title keeps
    `has_header` alone: real headers of day names ("Hverdage | Lørdag") and of capitalised
    labels ("Head Teacher") look like values to that test."""
    if len(lines) < 3:
        return None
    title = lines[0].strip()
    if (
        "\t" in lines[0]
        or len(_cells(lines[0])) != 1
        or lines[0][:1].isspace()
        or not title[:1].isupper()
        or len(title.split()) > TITLE_MAX_WORDS
        or starts_with_list_marker(title)
        or not looks_like_heading(title)
        or not reads_as_label(title)
    ):
        return None
    if line_pieces(lines)[0].text != title:
        return None  # the line runs on into the next by the soft-break rule: text, as before
    table = aligned_table(lines[1:])
    if table is None or not has_header(table):
        return None
    if _first_line_may_be_values(table):
        return None  # its first row may be a row of values: the paragraph stays text, as before
    return title, table


def has_header(rows: list[list[str]]) -> bool:
    """Whether a plain-text table's first line (`aligned_table`) is its header. Plain text
    has no markup that says so, as HTML's <th> and Markdown's rule line do, and a row taken
    for the header hides its values from every answer and labels every other row with them;
    so the first line is the header only on evidence: the table has three or more columns
    (two columns are mostly a label and its value per line, "Sygeplejen | Døgnåben" over
    "Lægevagten | 1813"); none of its cells is empty, holds a colon (a label and its value,
    "Dato: 3. marts", "Adresse:"), a figure (`qa.readers.common.cell_kind`), an amount
    (`qa.answer_types.fits` for "how much") or a phone number, e-mail or postal address;
    it is not a row of values like the rest (`qa.readers.common.values_row`) nor opened
    by a cell like those under it (`_like_the_rows_below`); and in some column its cell holds no digit while at
    least half of the cells below it do (a label over figures: "Pris" over "745 kr.",
    "Hvornår" over "Første onsdag i måneden kl. 14.00-16.00"). "Adresse | Rådhuspladsen 1"
    over "Telefon | 33 66 33 66", "24. december | Lukket | 10-14" over "27. december |
    10-14 | Lukket" and "Borgmester | Hans Hansen" over "Viceborgmester | Mette Jensen"
    have no header."""
    first, below = rows[0], rows[1:]
    if len(first) < 3:
        return False
    for cell in first:
        if (
            not cell
            or ":" in cell
            or cell_kind(cell) == "figure"
            or fits(cell, "how_much")
            or any(holds_form(cell, form) for form in ("phone", "email", "address"))
        ):
            return False
    if values_row(first, below) or _like_the_rows_below(first[0], [row[0] for row in below]):
        return False
    for column, label in enumerate(first):
        values = [row[column] for row in below if row[column]]
        with_digits = sum(1 for value in values if _has_digit(value))
        if not _has_digit(label) and values and 2 * with_digits >= len(values):
            return True
    return False


def _names_days(text: str) -> bool:
    return bool(weekdays_covered(text))


def _of_the_kind_of_most(cell: str, others: list[str], kinds: tuple[Callable[[str], bool], ...]) -> bool:
    """Whether `cell` is of one of `kinds` (each a test of a text) that at least half of
    `others` are of too."""
    return any(kind(cell) and 2 * sum(1 for text in others if kind(text)) >= len(others) for kind in kinds)


def _names_a_year_over_amounts(cell: str, below: list[str]) -> bool:
    """Whether a cell's only number is a year (1900-2099) while at least half of `below`
    are amounts (`qa.answer_types.fits` for "how much"): a label of the column, not a
    value like them ("Forældrenes samlede indkomst i 2024" over "Under 385.000 kr.", a
    stop 45 tester's page)."""
    if YEAR.search(cell) is None or NOT_YEAR_DIGITS.search(cell) is not None:
        return False
    return 2 * sum(1 for text in below if fits(text, "how_much")) >= len(below)


def _like_the_rows_below(cell: str, below: list[str]) -> bool:
    """Whether a first line's first cell is of the kind of the first cells under it: it
    holds a digit and at least half of them do ("24. december" over "25. december", "Uge
    28-30" over "Uge 31"; not a label naming a year over amounts,
    `_names_a_year_over_amounts`), or it names days and at least half of them do
    ("Mandag" over "Tirsdag-søndag")."""
    if _names_a_year_over_amounts(cell, below):
        return False
    return _of_the_kind_of_most(cell, below, (_has_digit, _names_days))


def _names_alike(cell: str) -> bool:
    """Whether a cell is two or more words, each opening with a capital: a person's or a
    place's name ("Anne Madsen", "Natcafé Havnen"), not a label ("Påbud sendes")."""
    words = cell.split()
    return len(words) >= 2 and all(word[:1].isupper() for word in words)


def _a_value_of_its_column(cell: str, below: list[str]) -> bool:
    """Whether a first line's cell may be one of its column's values rather than its label:
    it recurs among them ("Lukket" over "Lukket"), or names days while at least half of
    them do ("Mandag" over "Onsdag", "Torsdag"), or is a name while at least half of them
    are ("Anne Madsen" over "Bo Nielsen", "Lis Holm"). Read by `titled_table` only: real
    headers look like this too ("Hverdage" over "Man-fre 8-20", "Head Teacher" over
    "Anne Madsen")."""
    values = [value for value in below if value]
    if not cell or not values:
        return False
    recurs = cell.casefold() in {value.casefold() for value in values}
    return recurs or _of_the_kind_of_most(cell, values, (_names_days, _names_alike))


def _first_line_may_be_values(rows: list[list[str]]) -> bool:
    """Whether a cell of a table's first line may be one of its column's values
    (`_a_value_of_its_column`)."""
    return any(_a_value_of_its_column(cell, [row[column] for row in rows[1:]]) for column, cell in enumerate(rows[0]))


def _table(rows: list[list[str]], header_may_be_values: bool = True) -> list[Piece]:
    """The pieces of a plain-text table (`aligned_table`), under its first line when that is
    its header (`has_header`), else each row with its values alone ("Adresse; Rådhuspladsen
    1"), a first cell ending in a colon as the label of the rest ("Telefon: 33 12 34 56").
    Unless `header_may_be_values`, a first line with a cell that may be one of its
    column's values (`_a_value_of_its_column`: "Juleaftensdag\tLukket\tLukket" over
    "27. december\t10-14\tLukket") is no header, as `titled_table` decides for a table
    under a title."""
    if has_header(rows) and (header_may_be_values or not _first_line_may_be_values(rows)):
        return table_pieces(rows[1:], rows[0])
    pieces = []
    for row in rows:
        label, values = row[0], [value for value in row[1:] if value]
        if label.endswith(":") and values:
            pieces.append(Piece("table_row", 0, f"{label} {'; '.join(values)}"))
        else:
            pieces.extend(table_pieces([row], None))
    return pieces


def _without_tool_bars(paragraphs: list[str]) -> list[str]:
    """The paragraphs without a page's tool bar (`qa.readers.common.is_tool_bar`: "Del
    siden | Udskriv | Til toppen", "Del   Print   Lyt"), copied with the page's text: read
    as they were, one stood as the heading over the text after it and one was quoted as an
    answer ("Del siden: Facebook | LinkedIn | E-mail | Print"). A paragraph goes whose
    lines are all a bar or a page's date stamp (the stamp left alone would be read as the
    heading over the text after it, or as the page's title: stop 42 reviewers' pages), and
    one whose lines are a bar only together (`is_tool_bar_lines`: "Del siden", "Facebook",
    "LinkedIn", "Mail", "Print", a line each), unless the paragraph before leads in to it
    ("Øverst finder du tre knapper:" over "Lyt", "Del", "Print" is content). So does a
    paragraph, not the text's first (its title), of nothing but date stamps and lines of
    links (`is_link_line`): alone, they were read as a heading over the text after them or
    as one sentence (a stop 43 tester's page had "Læs også: Tinglysningsafgift ved køb af
    bolig · Tilstandsrapport og ejerskifteforsikring" over "Opdateret 9. oktober 2026"
    quoted as one sentence). Such a line inside a paragraph of text stays: taken out, the
    line left above it could read as a heading ("Et pas til børn koster 150 kr" over
    "Senest opdateret 12. januar 2026": a stop 44 reviewer's page), and the soft-break rule
    already makes it a unit of its own, which `qa.reader` never quotes when it is a stamp.
    A bar sharing
    a paragraph with other text stays (an opening hours line "Mandag-onsdag kl. 10-15 /
    torsdag kl. 10-17", a menu path): without the bar, a line of text alone would be read
    as a heading ("Et nyt kort koster 195 kr" over "Del siden")."""
    kept: list[str] = []
    for paragraph in paragraphs:
        lines = paragraph.split("\n")
        if kept and kept[-1].rstrip().endswith(":"):
            kept.append(paragraph)  # led in to: content ("Øverst finder du disse knapper:")
            continue
        if is_tool_bar_lines(lines):
            continue
        bars = [is_tool_bar(line) for line in lines]
        if all(bar or is_page_stamp(line) or is_link_line(line) for line, bar in zip(lines, bars, strict=True)) and (
            any(bars) or kept
        ):
            continue
        kept.append(paragraph)
    return kept


# A browser window's title copied with a page's text: the page's title, a separator
# (`qa.readers.common.TITLE_SEPARATOR`: " | ", " – ", " - " or " — "), and the site's name ("Bliv
# valgtilforordnet ved valget 2026 | Lindå Kommune", "Restskat for 2026 – sådan betaler du
# | Skattestyrelsen", "Klag over støj og gøende hunde - Lyngbæk Kommune", "... | borger.dk"),
# as browsers show a `<title>`. The site's name is at most `SITE_NAME_WORDS` words.
SITE_NAME_WORDS = 4
# The separator of cells in a table set out with bars, and of a window title's two parts.
_BAR = " | "


def _window_title_parts(line: str) -> tuple[str, str, bool] | None:
    """A line's page title and site name, split at its one bar (" | ") or, with none, at
    its last dash (" – ", " - " or " — "; a page's title may hold a dash: "Restskat for
    2026 – sådan betaler du | Skattestyrelsen"), and whether a bar split them; None when
    there is no separator or more than one bar."""
    separators = list(TITLE_SEPARATOR.finditer(line))
    bars = [m for m in separators if "|" in m.group()]
    if not separators or len(bars) > 1:
        return None
    split = bars[0] if bars else separators[-1]
    return line[: split.start()].strip(), line[split.end() :].strip(), bool(bars)


# The small words a site's name may hold in lower case ("Retten i Ravnsholt").
_NAME_LINKS = frozenset({"i", "og", "for", "på", "af", "til", "ved", "of", "and", "the", "in", "on"})


def _names_a_site(site: str) -> bool:
    """Whether a window title's part after a dash reads as a site's name: a web address
    (`qa.phrasing.ADDRESS`) or words each opening with a capital letter but small links
    (`_NAME_LINKS`): "Lyngbæk Kommune", "borger.dk", "Retten i Ravnsholt"; not a notice
    ("Driftsforstyrrelse – Selvbetjening er lukket" over a trail: a stop 51 review's), nor
    a day ("Mandag - Fredag")."""
    return ADDRESS.fullmatch(site) is not None or (
        all(word[:1].isupper() or word.lower() in _NAME_LINKS for word in site.split()) and not _names_days(site)
    )


def is_window_title(line: str, over_trail: bool = False) -> bool:
    """Whether a line is a page's window title: two parts set apart by one " | " or, only
    right over a breadcrumb trail (`over_trail`), by a dash (`_window_title_parts`), each a
    heading's words (`looks_like_heading`, no tab, no colon, no list marker), the page's
    title with no figure but a year, the site's name with none at all, of at most
    `SITE_NAME_WORDS` words, opening with a capital letter with no full stop, or a web
    address (`qa.phrasing.ADDRESS`); not a page's tool bar ("Del siden | Udskriv").
    Eight of the test pages' text pages have one over their breadcrumb trail, under a
    "TESTDATA" line; one was quoted as an answer (a stop 47 blind tester's page), and a
    stop 49 tester's "Klag over støj og gøende hunde - Lyngbæk Kommune", set apart by a
    hyphen, was quoted too (the nine dash titles of the test pages all stand over a
    trail). A fee, an opening hour or a deadline set out with "|" is none ("Pris: 200 kr |
    Gebyr: 50 kr", "Mandag-fredag | Kl. 8-15", "Søg om fripladstilskud | 1. marts": a stop
    48 review's lines); nor, away from a trail, are days, rows and list items set out
    with a dash ("Mandag - Fredag" over "kl. 8.00-15.00", "Ydelse - Hvem kan søge", "•
    Papir - Blå container": a stop 51 review's lines, each read as a title without the
    trail's rule), nor is a notice over a trail, its part after the dash no site's name
    (`_names_a_site`: "Vi holder lukket - Borgerservice er flyttet")."""
    parts = _window_title_parts(line.strip())
    if parts is None:
        return False
    page, site, by_bar = parts
    if not by_bar and not (over_trail and _names_a_site(site)):
        return False
    site_name = (site[:1].isupper() and "." not in site) or ADDRESS.fullmatch(site) is not None
    return (
        "\t" not in line
        and not starts_with_list_marker(line)
        and ":" not in line
        and looks_like_heading(page)
        and looks_like_heading(site)
        and not _has_digit(YEAR.sub("", page))
        and not _has_digit(site)
        and len(site.split()) <= SITE_NAME_WORDS
        and site_name
        and not is_tool_bar(line)
    )


def _window_title_at(lines: list[str], left: int, over_trails: AbstractSet[str] = frozenset()) -> int | None:
    """The index of the window title (`is_window_title`; set apart by a dash only when the
    line, stripped, is in `over_trails`: it stood right over a breadcrumb trail,
    `_without_breadcrumbs`) among a paragraph's first `left` lines (the text's first
    `CRUMB_LINES` lines, as for a breadcrumb trail) with nothing but sentences and date
    stamps above it (`_above_the_page`), or None. Under a heading ("Åbningstider" over
    "Borgerservice | Rådhuset") or a skip link ("Spring til indhold"), a line of two names
    is none, nor is one over another line holding " | " (stop 48 reviews' pages)."""
    for k, line in enumerate(lines[: max(left, 0)]):
        if is_window_title(line, over_trail=line.strip() in over_trails):
            # A table set out with "|" ("Ydelse | Hvem kan søge" over "Boligstøtte |
            # Lejere og andelshavere": a stop 48 review's page) is no title.
            below = lines[k + 1] if k + 1 < len(lines) else ""
            return None if _BAR in below else k
        if not _above_the_page(line):
            return None
    return None


def _above_the_page(line: str) -> bool:
    """Whether a line may stand above a page's window title: a sentence (a test page's
    "TESTDATA – opfundet indhold ..." line) or a date stamp."""
    return line.rstrip().endswith((".", "!")) or is_page_stamp(line)


# A trail's separator that points on ("Forside > Borger", "Forside › Affald"); "/" joins
# lists of things as well ("Aviser / Reklamer / Breve", "Mandag / Onsdag / Fredag").
_POINTED_STEP = re.compile(r"\s[>›»]\s")


def _without_breadcrumbs(paragraphs: list[str]) -> tuple[list[str], frozenset[str]]:
    """The paragraphs without the breadcrumb trails (`is_breadcrumb`) among the text's
    first `CRUMB_LINES` lines (navigation copied with a page, not its content), and the
    lines, stripped, that stood right over such a trail whose steps point on
    (`_POINTED_STEP`) in their paragraph, as a window title copied with a page stands over
    its trail. A line over "Papir / Pap / Aviser" is none: "Papir – Blå beholder" over it
    was read as a window title (a stop 51 review's)."""
    kept: list[str] = []
    over_trails: set[str] = set()
    seen = 0
    for paragraph in paragraphs:
        lines: list[str] = []
        above: str | None = None  # the line before in this paragraph, a trail or not
        for line in paragraph.split("\n"):
            seen += 1
            if seen <= CRUMB_LINES and is_breadcrumb(line.replace("\t", " ")):
                if above is not None and _POINTED_STEP.search(line):
                    over_trails.add(above.strip())
            else:
                lines.append(line)
            above = line
        if any(line.strip() for line in lines):
            kept.append("\n".join(lines).strip())
    return kept, frozenset(over_trails)


# Words that make a short line a heading over what follows rather than a link's label: an
# infinitive's marker, a pronoun addressing the reader, an opening that asks or instructs
# ("Husk at medbringe", "What to bring", "Sådan søger du", "How to apply"; a stop 41
# reviewer's page set its "what to bring" list right under "See also"). General Danish and
# English words.
_LEAD_WORDS = frozenset(
    {"at", "to", "du", "dig", "man", "jeg", "vi", "you", "we", "husk", "sådan", "remember", "how", "what",
     "hvad", "hvordan", "hvornår", "hvor", "when", "where", "who", "hvem"}
)  # fmt: skip


def _link_labels(lines: list[str]) -> bool:
    """Whether two or more lines are each a link's label as a copied list of links leaves
    it: at most `qa.readers.common.LINK_LIST_WORDS` words after its list marker, without a
    digit but a year's (`has_figure`: "Affaldsgebyr 2026", a stop 48 tester's page,
    where it was quoted; "Mandag 9-15" is no label), a colon, an "@", a sentence's end or a
    word that leads on (`_LEAD_WORDS`) ("Forebyggende hjemmebesøg", "- Plejebolig")."""
    if len(lines) < 2:
        return False
    labels = [strip_bullet(line).strip() for line in lines]
    return all(
        label
        and len(label.split()) <= LINK_LIST_WORDS
        and not has_figure(label)
        and not any(mark in label for mark in ":@")
        and not label.endswith(SENTENCE_END)
        and not any(word.lower() in _LEAD_WORDS for word in label.split())
        for label in labels
    )


def _without_link_lists(paragraphs: list[str]) -> list[str]:
    """The paragraphs without the lists of links copied with a page: a paragraph whose
    first line says no more than that related pages or links follow
    (`qa.readers.common.RELATED_TITLE`:
    "Relaterede emner", "Related links") and whose other lines, two or more, are
    link labels (`_link_labels`), as the HTML reader drops them (`qa.readers.html`); not
    the text's first paragraph, its title. At stop 41 a text page's "Relaterede emner"
    over "Forebyggende hjemmebesøg", "Aktivitetscentre og daghjem" and "Plejebolig" had
    "Forebyggende hjemmebesøg" quoted for a question on such visits. Reviewers' pages that
    stay whole: "Se også" over "Husk at medbringe" and its items in the next paragraph, or
    in the same one ("What to bring" among the labels), a lone "Læs mere" over a list of
    services, a page titled "Nyttige links"."""
    return [
        paragraph
        for i, paragraph in enumerate(paragraphs)
        if i == 0
        or not (RELATED_TITLE.fullmatch((lines := paragraph.split("\n"))[0].strip()) and _link_labels(lines[1:]))
    ]


def tabbed_table_within(lines: list[str]) -> tuple[list[str], list[list[str]], list[str]] | None:
    """A paragraph's lines as (the lines above a table whose cells are set apart by tabs,
    the table's rows as `aligned_table` gives them, the lines under it), or None when the
    paragraph holds no such table with lines of text around it.

    Text copied from a web page sets a table's cells apart by tabs and its caption or the
    sentence leading in to it on the line right above, a note on the line right under it,
    with no blank line between ("Hjemmeboende tillæg pr. måned i 2026 (videregående
    uddannelse)" over "Forældrenes samlede indkomst i 2024\tTillæg pr. måned\tBemærkning"
    and its rows, stop 45 testers' pages): read as one paragraph, the rows ran together
    with the caption into one sentence quoted whole. The table is two or more consecutive
    lines that each hold a tab and read as one (`aligned_table`); the lines around it hold
    none. A line under the table that opens in lower case, or a last row ending in a comma,
    is a cell wrapped onto a line of its own ("Ydelseskontoret\tMandag-onsdag 10-14," over
    "torsdag 10-17", a stop 46 review): no table is split off then. Columns set apart by
    runs of spaces are left to `titled_table`: without a tab, prose typed with two spaces
    after each full stop looks the same."""
    tabbed = [i for i, line in enumerate(lines) if "\t" in line]
    if len(tabbed) < 2:
        return None
    first, last = tabbed[0], tabbed[-1]
    if last - first + 1 != len(tabbed) or (first == 0 and last == len(lines) - 1):
        return None
    above, rows, below = lines[:first], lines[first : last + 1], lines[last + 1 :]
    if below and (below[0].lstrip()[:1].islower() or rows[-1].rstrip().endswith(",")):
        return None
    table = aligned_table(rows)
    if table is None:
        return None
    return above, table, below


def _captions(lines: list[str]) -> list[str] | None:
    """The lines above a table (`tabbed_table_within`) as its headings: one or two lines
    that each read as a heading (`looks_like_heading`) and name rather than state
    (`qa.readers.common.reads_as_label`): a caption ("Hjemmeboende tillæg pr. måned i
    2026"), under its section's heading ("Priser" over "Priser for leje af lokaler i
    2026", as a browser copies <h2> and <caption>). None for a line that states
    ("Borgerservice har åbent hverdage kl. 10-14", a stop 46 review's: it stays quotable
    text), a lead-in ending in ":", no lines or more than two."""
    if not 1 <= len(lines) <= 2:
        return None
    captions = [line.strip() for line in lines]
    return captions if all(looks_like_heading(line) and reads_as_label(line) for line in captions) else None


# A column's edge in a line set out as a table's row: a bar or a dash between spaces.
_SET_APART = re.compile(r"\s[|–—-]\s")


# Words that open a title rather than a sentence: a condition or a time with no main clause
# after it ("Hvis du ikke har MitID", "Når du har børn i forskellige aldre", "If you are
# ill"), an indirect question ("Hvordan du søger", "Who can get help") and a how-to's
# "Sådan" ("Sådan får du et lånerkort"). General Danish and English words.
_TITLE_OPENERS = frozenset(
    {"hvis", "når", "sådan", "hvordan", "hvornår", "hvad", "hvem", "hvor", "if", "when", "how", "what", "who",
     "where"}
)  # fmt: skip


def _plain_title(line: str) -> bool:
    """Whether a line with a verb titles the text under it: it opens with a title's word
    (`_TITLE_OPENERS`), holds no figure but a year (`has_figure`), is set apart in no
    columns (`_SET_APART`) and holds no sentence's end ("?", "!", ". "). A statement typed
    without its full stop ("Licensen er gratis for beboere i zonen", "Borgerservice i Tarm
    er lukket i hele juli", a stop 53 review's) stays text: it answers."""
    words = line.split()
    return (
        bool(words)
        and words[0].lower() in _TITLE_OPENERS
        and not has_figure(line)
        and _SET_APART.search(line) is None
        and not any(mark in line for mark in ("?", "!", ". "))
    )


# The longest line a hard-wrapped text has: mail and editors wrap at 72 to 80 characters
# (RFC 5322 §2.1.1 recommends at most 78), and text copied from a PDF runs a little longer
# in a small font. A text with a sentence on one line longer than this is one whose every
# break is its author's (text copied from a web page: a paragraph a line).
WRAPPED_LINE_MAX_CHARS = 120
# The fewest words of such a line: a long web address or a title is no paragraph.
_PROSE_LINE_MIN_WORDS = 8


def unwrapped_width(body: str) -> int | None:
    """The longest line of a text that no program wrapped (its length without the white
    space around it, in characters), or None for a text that may be hard-wrapped: it has
    no line that is a sentence of its own longer than `WRAPPED_LINE_MAX_CHARS`, of at
    least `_PROSE_LINE_MIN_WORDS` words, ending a sentence and holding no run of spaces
    (a letter's one-line signature of commas, a row of a PDF's table laid out in spaces,
    a title and a web address are none: two stop 54 reviews'). Lines holding a tab, a
    table's, are not counted."""
    lines = [line.strip() for line in body.split("\n") if "\t" not in line]
    if not any(
        len(line) > WRAPPED_LINE_MAX_CHARS
        and len(line.split()) >= _PROSE_LINE_MIN_WORDS
        and line.rstrip(CLOSING).endswith(SENTENCE_END)
        and "  " not in line
        for line in lines
    ):
        return None
    return max(len(line) for line in lines)


def _reads_as_items(run: list[str], width: int) -> bool:
    """Whether lines under a colon line are the items of a list rather than a sentence or
    a value the author broke over lines: at least two; each break between them such that
    the next line's first word would have fit on the line (`width`); no line but a marked
    one ending in a comma, a semicolon or a word that leads on (a stop word,
    `qa.analysis.is_function_word`: "Hvis du
    er under 18 år, når du søger," over "skal en af dine forældre ...", "... for eksempel
    dit kørekort eller dit" over "sundhedskort"); and the unmarked lines all opening in
    small letters or all in capitals or digits (not "Mandag til onsdag" over "kl.
    10.00-15.00", a day and its hours: a stop 54 review's)."""
    if len(run) < 2 or not all(run):
        return False
    if not all(len(above) + 1 + len(below.split()[0]) <= width for above, below in zip(run, run[1:], strict=False)):
        return False
    unmarked = [line for line in run if not starts_with_list_marker(line)]
    for line in unmarked:
        last = line.rstrip(CLOSING)
        tokens = words(last)
        if last.endswith((",", ";")) or (tokens and is_function_word(tokens[-1]) and not last.endswith(SENTENCE_END)):
            return False
    return len({line[0].islower() for line in unmarked}) <= 1


def _leads_in(line: str) -> bool:
    """Whether a line leads in to the lines under it: it ends with a colon, or it says
    that links follow ("Se også", "Relaterede links": `qa.readers.common.LINK_TITLE`, whose
    list page set `zzzb`'s text page glued, "Holiday and holiday pay for young workers
    (Life in Denmark) Unge under 18 og arbejde")."""
    return line.rstrip().endswith(":") or LINK_TITLE.fullmatch(line.strip()) is not None


def _with_unmarked_items(lines: list[str], width: int | None) -> list[Piece]:
    """The units of a paragraph's lines (`line_pieces`), where the lines after a line that
    leads in with a colon are the items of a list copied from a web page without its
    bullets, each on a line of its own: "Anmeld ikke på nettet, hvis:" over "tyveriet sker
    lige nu – ring 112" / "du blev truet eller udsat for vold, da tingene blev taget" /
    ... (held-out `t117`'s text page, whose four conditions were one glued paragraph), or
    "Dagbogen skal vise:" over "Dato og klokkeslæt for hver gang, du bliver generet" /
    "Hvor længe støjen varede" (page set `zzs`). Only in a text no program wrapped
    (`unwrapped_width`: `width`, else None), and only when every break between the lines
    is the author's: the next line's first word would have fit on the line, so that a
    hard-wrapped sentence copied into such a text stays whole. A line that opens in
    capitals and ends a sentence stays a paragraph (a note after the list, "Ring altid 112,
    hvis der er fare for liv."), one with a list marker is a marked item, and the rest
    are items ("din formue er under 10.000 kr.", a list's last condition, with its full
    stop: a stop 54 review's); under a title saying links follow (`_leads_in`) each link's
    label is a paragraph of its own, as such labels on a line of their own were read
    before."""
    if width is None:
        return line_pieces(lines)
    pieces: list[Piece] = []
    start = 0
    for lead, line in enumerate(lines):
        if not _leads_in(line):
            continue
        end = next((i for i in range(lead + 1, len(lines)) if _leads_in(lines[i])), len(lines))
        run = [item.strip() for item in lines[lead + 1 : end]]
        if not _reads_as_items(run, width):
            continue
        pieces.extend(line_pieces(lines[start : lead + 1]))
        links = not line.rstrip().endswith(":")
        for item in run:
            if starts_with_list_marker(item):
                pieces.append(Piece("list_item", 0, strip_bullet(item)))
            elif links or (item.endswith(SENTENCE_END) and item[0].isupper()):
                pieces.append(Piece("paragraph", 0, item))
            else:
                pieces.append(Piece("list_item", 0, item))
        start = end
    pieces.extend(line_pieces(lines[start:]))
    return pieces


# A line of a text of one run of three or more dashes or equals signs alone on it: a
# separator between sections, or a title's underline (Setext's, as Markdown and pandoc's
# plain text write headings).
_RULE_LINE = re.compile(r"[ \t]*(?:-{3,}|={3,})[ \t]*")


def _only_rules(lines: list[str]) -> bool:
    """Whether every one of `lines` is a rule line (`_RULE_LINE`); True for no lines."""
    return all(_RULE_LINE.fullmatch(line) for line in lines)


def _without_separators(paragraphs: list[str]) -> list[str]:
    """The paragraphs without those of nothing but rule lines (`_RULE_LINE`): a separator
    between sections, standing alone between blank lines, which was read as a heading
    "------" (page sets zzzt and zzzy, read at stop 63). A title over its underline stays
    one paragraph with it: reading such a title as a heading was built at stop 63 and
    broken by three rounds of fresh reviewers (a name on a contact card, a framed "Gratis
    adgang", an underlined decision and the value under a title hidden in headings,
    which are never quoted; README, Quality and speed, stop 63)."""
    return [p for p in paragraphs if not _only_rules(p.split("\n"))]


def text_pieces(body: str) -> list[Piece]:
    """Pieces of a plain text (already normalised: LF line ends only; tabs kept, which end a
    table's cells and are spaces elsewhere), without a breadcrumb trail at its top
    (`_without_breadcrumbs`), the page's tool bars, date stamps and lines of links
    (`_without_tool_bars`) and the lists of links copied with it (`_without_link_lists`),
    and with a window title among its first lines read as its heading (`is_window_title`),
    and without the separators between sections (`_without_separators`)."""
    without_trails, over_trails = _without_breadcrumbs([p.strip() for p in _BLANK_LINES.split(body) if p.strip()])
    width = unwrapped_width(body)
    paragraphs = _without_separators(_without_link_lists(_without_tool_bars(without_trails)))
    pieces: list[Piece] = []
    seen = 0  # lines above this paragraph that may stand above a window title, else more
    for i, paragraph in enumerate(paragraphs):
        is_last = i == len(paragraphs) - 1
        raw_lines = paragraph.split("\n")
        title_at = None
        if seen < CRUMB_LINES:  # past the text's first lines, no paragraph is looked at
            title_at = _window_title_at(raw_lines, CRUMB_LINES - seen, over_trails)
            seen = seen + len(raw_lines) if all(_above_the_page(line) for line in raw_lines) else CRUMB_LINES
        if title_at is not None:
            # The page's title as its heading; the lines above it (sentences and stamps)
            # stay units of text, and those under it are read as the rest of the
            # paragraph, but not as a paragraph of one short line that is a heading
            # ("Åbent alle dage kl. 10-17" under "Genbrugspladsen | Lindå Kommune": a stop
            # 48 review's page).
            pieces.extend(line_pieces(raw_lines[:title_at]) if title_at else [])
            pieces.append(Piece("heading", 1, raw_lines[title_at].strip()))
            raw_lines = raw_lines[title_at + 1 :]
            if _only_rules(raw_lines):
                continue  # nothing under the title but its underline, or nothing at all
            paragraph = "\n".join(raw_lines)
        table = aligned_table(raw_lines)
        if table is not None:
            pieces.extend(_table(table))
            continue
        ruled = ruled_table(raw_lines)
        if ruled is not None:
            pieces.extend(table_pieces(ruled[1:], ruled[0]))
            continue
        titled = titled_table(raw_lines)
        if titled is not None:
            title, table = titled
            pieces.append(Piece("heading", 1 if i == 0 else 2, title))
            pieces.extend(_table(table))
            continue
        within = tabbed_table_within(raw_lines)
        if within is not None:
            above, table, below = within
            captions = _captions(above)
            if captions is not None:
                pieces.extend(Piece("heading", 1 if i == 0 else 2, caption) for caption in captions)
            elif above:
                pieces.extend(line_pieces([line.replace("\t", " ") for line in above]))
            pieces.extend(_table(table, header_may_be_values=False))
            if below:
                pieces.extend(line_pieces([line.replace("\t", " ") for line in below]))
            continue
        # Outside a table a tab is a space, as in the other formats.
        paragraph = paragraph.replace("\t", " ")
        lines = paragraph.split("\n")
        units = _with_unmarked_items(lines, width)
        if title_at is None and not is_last and looks_like_heading(paragraph) and units[0].kind != "list_item":
            pieces.append(Piece("heading", 1 if i == 0 else 2, paragraph))
        elif (
            len(units) > 1
            and units[0].kind == "paragraph"
            and units[0].text == lines[0].strip()
            and looks_like_heading(units[0].text)
            and (reads_as_label(units[0].text) or _plain_title(units[0].text))
        ):
            # A heading line right above its text, with no blank line between ("Beløb" over
            # "Beløbet afhænger af ...", "Dødsfald i 2026" over its list), as text copied
            # from a web page sets it: a unit of its own by the soft-break rule, read as the
            # heading it is, also one with a verb that opens as a title does ("Hvis du ikke
            # har MitID": held-out t114's text page, where it was quoted as an answer;
            # `_plain_title`); not a line with a figure but a year ("Prisen er 205 kr",
            # "Hverdage kl. 9-15" over "Lørdag kl. 10-13"), which is text, nor a statement
            # typed without its full stop, a table's header set apart in columns ("Ydelse -
            # Hvem kan søge" over "Boligstøtte - Lejere") or a line holding a question ("Har
            # du feber? Ja Nej" over the next question of a self-test: stop 53 reviews').
            pieces.append(Piece("heading", 1 if i == 0 else 2, units[0].text))
            pieces.extend(units[1:])
        else:
            pieces.extend(units)
    return pieces
