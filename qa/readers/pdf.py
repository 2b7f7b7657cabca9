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
offset and page of each later page it runs onto (`Piece.page_starts`). A PDF without a
text layer (a scan), or with no text but page furniture, raises ReaderError.
A page without text among pages with text is left out with a warning
(`_textless_warnings`): "page 3 has no text layer (scanned?)" when it shows an image and
has no character at all (a photo page with its running footer or page number says
nothing), and
"page 2 is damaged (...)" when its content stream cannot be read (`_stream_damage`: a
compressed stream pdfminer decompressed nothing from, or bytes that are no drawing
instructions; pdfminer skips both silently), so that a damaged page is not taken for a
scan; a PDF whose every page is textless and one of them damaged says to re-export it.

A page set in two columns is read column by column (`_page_items`): pdfplumber takes a
line across the whole width, so it would join each line of the left column to the line
of the right one at its height. The gutter (`_gutter`) is an x-interval at least
`GUTTER_MIN_WIDTH` font sizes wide with text on both sides in at least
`COLUMN_MIN_LINES` lines, passed by more lines than cross it, with both columns at least
`COLUMN_MIN_SHARE` of the text's width and filled as wrapped prose fills a column (a
price list set with a tab stop, "Pas 18-64 år      835 kr.", is no pair of columns).
What crosses the gutter (a title, a table, a closing line or a footer across the page)
stays where it stands; between two such lines the left column is read top to bottom,
then the right one. Going up from the foot of the left column to the top of the right one starts no
paragraph, so a sentence cut there is joined as over a wrapped line (subject to
`starts_new_unit`). A column's lines are short, so `starts_new_unit` would take many a
full one that ends in a word before a capital ("... i Eksempel" / "Kommune, hvor ...")
for a label; a column line after which the next line's first word would not have fitted
(`_wrapped`) is wrapped prose instead. A narrow block beside the text on the right (a
fact box, `_sidebar`), whose lines do not stand beside the text's line for line, is a
column too when it starts at one x in at least `COLUMN_MIN_LINES` lines, past a gutter no
line crosses, and is set in a type of its own (another size, or a bold title over plain
lines): it is read after the text. A page without a gutter reads as pdfplumber's
lines, as before.
pdfminer's own layout analysis (LAParams text boxes) is not used for this: it cuts a
line at every wide space, tab stops included, which would change how one-column pages
read, and orders its boxes by a grouping heuristic of its own.

Ruled tables (pdfplumber's `find_tables`, with its default settings: cells framed by
ruling lines or rectangles, as authorities' PDFs mostly have them) are taken out of the
lines and read as rows (`_ruled_tables`): a `table_header` piece "Ydelse; Pris", then one
`table_row` piece per row with each value next to its header ("Ydelse: Pas 18-64 år;
Pris: 835 kr."; `qa.readers.common.table_pieces`, as for HTML, Markdown and Word), on the
table's page where its top stands. Only a table of at least 2 columns and 2 rows (the
header and a row of values) whose first row reads as a header (`_table_text`: every cell
of it filled, and in bold or without a digit or with years over the columns but the
first, `_year_header`; no merged cells, no empty row) is read so;
any other reads as lines. A table cut by a page break need not repeat its header: a
table that starts a page (nothing but furniture above it) right after a page whose last
content is a table of as many columns goes on with that table (`_continue_tables`), so
all its rows, its first included, are read under the header of the page before, and
without a `table_header` piece of its own (a first row that repeats that header is a
header again, as before).

A table set without ruling lines, in columns at tab stops or cell edges, is read the
same way (`_unruled_tables`, on a page of one column): at least `UNRULED_TABLE_MIN_LINES`
consecutive lines whose runs of words, split at gaps of a font size or more, start at the
same x positions, under a first line in bold (rows not), in a font of its own or of
years over the columns. A price list set with a tab stop without such a header reads as
lines, as before, and so does one under a header in the rows' own type ("Ydelse  Pris"
in plain type reads like a row "Pas til børn  Gratis"), and lines that stand in columns
but are no table (`_unruled_refused`): under a first line set larger (a heading), with
list markers as first cells ("1.", "2)", "a."), or with a column of bare whole numbers
(the page numbers of a table of contents).

Running headers and footers (page furniture) are left out before anything else is
measured (`_furniture`), so that they are neither quoted nor counted for the body size or
the line pitch, and a sentence cut by a page break whose page has a footer is still
joined. Only a page's band is looked at: its first and last `FURNITURE_BAND_LINES` text
lines, taken from the page's edge inwards, the second only when the one at the edge is
furniture too (a header of two lines, not a body line under a page's one-line header).
A band line is furniture when it is set no larger than the body size (the size most
characters have, measured over all lines before any is left out: a 28 pt "Kapitel 3" or
"3" at the top of a chapter's page is a heading) and
- it is a page number on its own ("3", "- 3 -", "3/12", "Side 3", "Side 3 af 12",
  "Page 3 of 12"; `_PAGE_NUMBER`) or holds one with the number of pages ("Udbetaling
  Danmark  Side 3 af 12"; `_PAGE_OF_PAGES`), on a PDF of any length, one page included; or
- its text with every run of digits read as one placeholder, in its font size, stands in
  the same band (top or bottom) on at least `FURNITURE_MIN_PAGES` pages and at least
  `FURNITURE_PAGE_SHARE` of the pages with text ("Vejledning om boligstøtte · side 3",
  a title or an authority's name on every page), at a fixed place on all of them
  (`_fixed_place`): at one height, within `FURNITURE_POSITION_TOLERANCE` of a line height
  (a layout sets running heads and feet at fixed coordinates; a body line at a page's edge
  moves by a whole line with the text above it), and with each run of digits the same on
  every page or going up with the page number ("Gebyr: 835 kr." and "Gebyr: 155 kr."
  ending two pages are prices, not a page number). A running head whose chapter number
  changes along the document ("Kapitel 2 · Boligstøtte") is therefore kept as text.
In either case the furniture of a band must stand apart from the text inward of it, by
more than a paragraph break at single spacing (`_set_apart`): a template's opening line
repeated at the top of every page, at single spacing above the text it opens, is text.
A line that stands once, a line repeated in the body outside the band (a heading mid-page),
a closing sentence under text of different lengths, and a title on the first page set
larger than the same words in the running header are kept. A title repeated at the top
of only two pages is kept too (two pages are too few to tell a running head from a
heading that happens to open both).

Before a page's lines are read, a glyph of a symbol font (ZapfDingbats, Wingdings) reads
as "•" (`_read_dingbats`), not as the letter of its code, so a bullet drawn so starts a
list item. Digits set as a superscript read as digits in the line ("65 m²" reads "65 m2",
"(1 + r)²" "(1 + r)2", "kl. 9³⁰" "kl. 930"): a raised digit may be part of a number or a
unit. Only a footnote mark is left out (`_footnote_marks`), on the evidence of all of:
1-3 digits set at most `SUPERSCRIPT_SIZE_RATIO` (0.8) of the size of the character before
them, their bottom raised above that character's by at least `SUPERSCRIPT_RISE` (0.2) of
its size, touching it, right after sentence punctuation (". , ; : ! ?") or a word of at
least `FOOTNOTE_WORD_MIN_LETTERS` (3) letters ("m²", "km²" are units; after a bracket,
"(1 + r)²", an exponent), outside any ruled table the table finder sees, and with their
footnote on the same page: a line lower down that starts with that number and a letter,
set smaller than the page's usual size, and no page furniture (`_refused_notes`: neither
a running footer, "2 Sundhedsprofil 2025" on every page, nor, when it is the page's last
line and only footnote, text that ends another page, its number aside; such a page is
read again with that line no footnote, so "vægt/højde²" keeps its "2" and an endnote mark
"kommunerne³" its "3"); a number raised twice on a page is left in both places. "zonen.¹
Næste sætning" then reads "zonen. Næste sætning", two sentences, and "boligstøtteloven²,"
reads "boligstøtteloven,", not a new word "boligstøtteloven2"; the footnote itself stays
where it stands, a paragraph of its own. Endnotes (notes gathered at the document's end)
are not looked for: their marks stay digits. Here and for a table of contents, a digit is
one of 0-9 (`_ascii_digits`): a superscript, subscript or circled digit typed as a
character ("745¹", "tøjvask...²", "③") is text, read as it stands.

A table of contents is left out (`_contents`), on strong evidence only: its title on a
line of its own ("Indhold", "Indholdsfortegnelse", "Indholdsoversigt", "Contents", "Table
of contents", `_CONTENTS_TITLES`; case, white space, a section number and a closing colon
or full stop aside) right above at least `CONTENTS_MIN_ENTRIES` (3) consecutive lines,
each a title ending in a page number after a leader (`_leader`: at least
`CONTENTS_MIN_LEADER` dots, middle dots, underscores or ellipses, with or without spaces,
as pdfplumber reads a tab stop's leader) or after a gap of at least `CONTENTS_MIN_GAP` (2)
font sizes (a right tab stop without a leader; pdfplumber reads it as one space, so the
gap is measured on the characters, `_Line.tail_gap`), the numbers non-decreasing and each
between 1 and the PDF's page count, and every one of the titles standing later in the document as a line
(or two consecutive lines, a wrapped heading) of their own, case, white space and a
leading section number aside, all on the pages their entries name shifted by one offset
d >= 0 (`_contents_offset`: printed page number + d = PDF page; 0 when the page numbers
are the PDF's pages, a few pages of unnumbered front matter otherwise). The title goes
with the entries. Both conditions are strict because a loose match lost text: a welcome
pack's "Indhold" listing "Affaldsspand ........ 1", "Ruller med sorteringsposer ........
2", "Sorteringsguider ........ 4", each item heading a page later but on pages 2, 3 and 4,
which no one offset gives (quantities, not pages), and a list "Pas ... 2", "Kørekort ...
3", "Sygesikring - ring 33 66 33 66 inden kl. 15 ... 4" whose last entry stands nowhere
else (the heading is "Sygesikring"), so its phone number would have been lost. A run of entries under any other line is
kept whole, however well it matches: a list of small numbers that rise, with labels that
head chapters later, is as often staff per department under "Antal medarbejdere pr.
afdeling" or a timetable's minutes under "Rejsetid i minutter". A price or fare list set
with leaders ("Voksne ........ 745") names pages the PDF lacks, or labels that stand
nowhere else as lines of their own, and is kept whole too, as is any line above it.

A line that is kept and is set as a label, a leader and a value ("Voksne ........ 745",
"Børn . . . . 155", "Pas ………… 835 kr."; `_leader_row`: the leader of a table of contents'
entry, `_leader`, but of at least `ROW_MIN_LEADER` (4) dots, middle dots or ellipses, more
than an ellipsis's three dots in prose, and no underscores, a form's blank to fill in) is a
`table_row` of its own, as the HTML reader reads a row of a two-column table without a
header ("Voksne; 745", `qa.readers.common.table_row_text` without labels; "Voksne ....
745 .... 1.490" is "Voksne; 745; 1.490"): the leader is not quoted, and each row is cited
on its own (with its 150 dots, a row was too long for a short line's unit break and ran on
into the next one as one paragraph). A value (`_row_value`) starts with a letter, a digit
or a sign, ends in no comma, holds a digit or is at most `ROW_MAX_WORDS` (2) words, and is
no unit alone (`_UNITS`): a form's "Dato: ..../..../2025", "Beløb: ........ kr." and
prose with four dots ("kørekort m.m.... og et billede, når du kommer.") stay prose. The
label is one sentence and loses a closing colon ("Sagsnr.: .... 2025-1234" is "Sagsnr.;
2025-1234"); an abbreviation keeps its full stop ("Pensionister m.v.....445"). The line
before it ends its paragraph ("Kopier af afgørelser koster:"), unless the label goes on
with the unit that line ends (`_label_goes_on`): that line ends no sentence and is full to
its margin before the label ("... sendes med posten til" / "Grønland eller Færøerne ....
1.250 kr." is one row), or the label goes on in lower case with a word hyphenated or a
list item; a lower-case label under a sentence or a short subheading is a row of its own.
A lower-case line under a row that reaches the margin goes on with its value
(`_value_goes_on`: "Rengøring .... 345 kr. pr." / "påbegyndt time"). A table of contents
left out stays left out; a run of entries that is kept (no contents title above it)
reads as rows ("Indledning; 3"). A tab stop without a leader gives no row: pdfplumber
reads its gap as one space, "Pas 18-64 år 835 kr.", a short line and a unit of its own
already, and a wide gap also stands between a letter's address and its case data, in a
row of checkboxes, and between a paragraph and a box beside it that no column rule found.

The title (`_title`) is the PDF's metadata Title unless a program wrote it as a
placeholder (`qa.readers.common.declared_title`: a file name, the file's own name,
"Microsoft Word - ...", "Untitled"), else the heading of the largest type on the first
page with text (`_first_page_heading`; the title a reader sees, as pdftitle takes the
first page's largest type), else, as for a text file, the first line when it stands
alone and reads as a title (short, no closing punctuation); left out otherwise, so that
`qa.documents.assemble` takes the first heading or the file's id.
"""

from __future__ import annotations

import io
import itertools
import logging
import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFContentParser, PDFPageInterpreter
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.pdftypes import PDFStream, resolve1, stream_value
from pdfminer.psexceptions import PSEOF
from pdfminer.psparser import PSKeyword
from pdfplumber.utils.exceptions import PdfminerException

from qa.readers.common import (
    CLOSING,
    SENTENCE_END,
    YEAR,
    Piece,
    ReaderError,
    declared_title,
    join_lines,
    line_pieces,
    starts_with_list_marker,
    table_pieces,
    table_row_text,
)
from qa.readers.text import looks_like_heading
from qa.sentences import split_sentences

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


# Page furniture (`_furniture`). The band: a running head or foot takes one or two lines
# (a title over a chapter name; an authority's name over a page number), so the first and
# last two text lines of a page.
FURNITURE_BAND_LINES = 2
# Running heads are left off the cover, title pages and chapter openers, and books and
# reports often alternate them between left and right pages (the document's title on one,
# the chapter's on the other), so each of a pair stands on about half of the pages, a
# little less with openers left out: 40 % is that half with room for the openers, a
# judgement, not a fitted figure. A line in the band on 40 % of the pages recurs far more
# than body text does.
FURNITURE_PAGE_SHARE = 0.4
# ... and on at least three pages: a line at the top of two pages may be a heading that
# happens to open both. Page numbers need no recurrence (`_PAGE_NUMBER`).
FURNITURE_MIN_PAGES = 3
# ... and at one height on all of them: a layout puts running heads and feet at fixed
# coordinates, so their tops agree to a rounding error (well under a point), whereas a
# body line at a page's edge (a paragraph's last line) moves with the text above it by a
# whole line pitch, at least a line height, when that text is a line longer or shorter.
# Half a line height lies between the two.
FURNITURE_POSITION_TOLERANCE = 0.5
# A page number on its own line: "3", "- 3 -", "– 3 –", "3/12", "3 af 12", "Side 3",
# "side 3 af 12", "s. 3", "Page 3 of 12", "p. 3". At most three digits: a four-digit
# number on its own is a year ("2026"), not a page of a public authority's guide.
_PAGE_NUMBER = re.compile(
    r"^(?:(?:side|page|s\.|p\.)\s*)?(?P<n>\d{1,3})(?:\s*(?:af|of|/)\s*(?P<m>\d{1,3}))?$"
    r"|^[-–—]\s*(?P<dashed>\d{1,3})\s*[-–—]$",
    re.IGNORECASE,
)
# "Side 3 af 12" or "Page 3 of 12" inside a band line ("Udbetaling Danmark  Side 3 af 12"):
# body text refers to a page ("se side 3"), but not with the number of pages.
_PAGE_OF_PAGES = re.compile(r"\b(?:side|page)\s*(?P<n>\d{1,3})\s*(?:af|of)\s*(?P<m>\d{1,3})\b", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")

# Columns (`_gutter`). The space between two columns: at least one font size wide (a word
# space is a quarter of one, a gutter 4-10 mm, 1-3 font sizes at 10-11 pt).
GUTTER_MIN_WIDTH = 1.0
# At least three lines with text on both sides of the gutter: two could be a label and a
# value that happen to stand apart.
COLUMN_MIN_LINES = 3
# Each column at least a quarter of the text's width (a sidebar beside a main column
# included), so that a list set with a tab stop ("Pas 18-64 år      835 kr."), whose
# values are short, reads as lines.
COLUMN_MIN_SHARE = 0.25
# Wrapped prose fills its column: half of its lines end within a fifth of the column's
# width (a word or two) of its widest line; a list's labels and values end anywhere.
COLUMN_RAGGEDNESS = 0.2
# Words (`_first_word`): characters further apart than a tenth of their size are two
# words (a space is a quarter of a font size; letters of a word touch, kerned or not).
WORD_GAP = 0.1
# A column line is wrapped when the next line's first word and a space (a quarter of a
# font size in the usual fonts) would not have fitted after it (`_wrapped`).
WORD_SPACE = 0.25


@dataclass(frozen=True)
class _Line:
    """A text line: its page, text, vertical extent and largest font size (points); for a
    line of a column, `room` is the space (points) between its end and the column's right
    edge (the end of its widest line), else None; `first_word` is the width of its first
    word (points); `tail_gap` the space (points) between its last word and the character
    before it (0.0 for a line of one word; `_tail_gap`); `end` the x of its right end
    (points from the page's left edge); `label` the width (points) of the text before a
    row's leader (`_label_width`; 0.0 for a line without one)."""

    page: int
    text: str
    top: float
    bottom: float
    size: float
    room: float | None = None
    first_word: float = 0.0
    tail_gap: float = 0.0
    end: float = 0.0
    label: float = 0.0


@dataclass(frozen=True)
class _Table:
    """A ruled table with a header row (`_table_text`): its cells' texts, row by row; or,
    `continued`, the part of a table that a page break cut off (`_ruled_tables`), whose
    `rows` are all of its rows and `header` the header of the table it continues."""

    page: int
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    continued: bool = False


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


def _line(page: int, line: dict[str, Any], edge: float | None = None) -> _Line | None:
    """A pdfplumber text line (from `extract_text_lines(return_chars=True)`) as a `_Line`
    on `page`, its white space folded and its size the largest of its characters', in a
    column whose right edge is at x = `edge` (points; None: not in a column); None for a
    line of white space only."""
    text = " ".join(str(line["text"]).split())
    if not text:
        return None
    size = _largest_size(line["chars"])
    room = None if edge is None else edge - float(line["x1"])
    chars = line["chars"]
    top, bottom = float(line["top"]), float(line["bottom"])
    return _Line(
        page,
        text,
        top,
        bottom,
        round(size, 1),
        room,
        _first_word(chars),
        _tail_gap(chars),
        float(line["x1"]),
        _label_width(text, chars),
    )


def _label_width(text: str, chars: Sequence[dict[str, Any]]) -> float:
    """The width (points) of the text before the leader of a line's text (`_leader` with a
    row's leader, `_ROW_LEADER`), from its first character to the end of its last, given
    the line's characters; 0.0 when the text has no such leader."""
    split = _leader(text, ROW_MIN_LEADER, _ROW_LEADER)
    shown = sorted((c for c in chars if not str(c["text"]).isspace()), key=lambda c: float(c["x0"]))
    count = 0 if split is None else sum(not ch.isspace() for ch in split[0])
    if not count or count > len(shown):
        return 0.0
    return float(shown[count - 1]["x1"]) - float(shown[0]["x0"])


def _first_word(chars: Sequence[dict[str, Any]]) -> float:
    """The width (points) of the first word of a line's characters: up to the first gap
    of more than `WORD_GAP` of a character's size."""
    ordered = sorted(chars, key=lambda c: float(c["x0"]))
    if not ordered:
        return 0.0
    end = float(ordered[0]["x1"])
    for char in ordered[1:]:
        if float(char["x0"]) - end > WORD_GAP * float(char.get("size", 0.0)) or str(char["text"]).isspace():
            break
        end = max(end, float(char["x1"]))
    return end - float(ordered[0]["x0"])


def _tail_gap(chars: Sequence[dict[str, Any]]) -> float:
    """The space (points) between the last word of a line's characters and the visible
    character before it (a tab stop's gap before a page number right-aligned at the
    margin is several font sizes wide, a word space a quarter of one); 0.0 when the line
    is one word. A word: characters less than `WORD_GAP` of their size apart."""
    shown = sorted((c for c in chars if not str(c["text"]).isspace()), key=lambda c: float(c["x0"]))
    for before, after in zip(reversed(shown[:-1]), reversed(shown[1:]), strict=True):
        gap = float(after["x0"]) - float(before["x1"])
        if gap > WORD_GAP * float(after.get("size", 0.0)):
            return gap
    return 0.0


def _wrapped(line: _Line, after: _Line) -> bool:
    """Whether the break between column line `line` and the next line of its paragraph
    is a wrap: the first word of `after`, with a space (`WORD_SPACE` font sizes) before
    it, would not have fitted in `line`'s room in its column."""
    return line.room is not None and line.room < after.first_word + WORD_SPACE * line.size


def _fills(line: _Line, width: float, edges: dict[int, float]) -> bool:
    """Whether `line` is full up to its margin as a line is that a program wrapped before
    text `width` points wide: that text, with a space (`WORD_SPACE` font sizes) before
    it, would not have fitted after it, in its column (`_Line.room`) or, outside columns,
    before the right end of the page's widest line (`edges`: per page, x in points)."""
    edge = edges.get(line.page)
    room = line.room if line.room is not None else None if edge is None else edge - line.end
    return room is not None and room < width + WORD_SPACE * line.size


def _spans(chars: Sequence[dict[str, Any]], gap: float) -> list[tuple[float, float]]:
    """The horizontal extents (x0, x1 in points) of a line's runs of characters, left to
    right: characters less than `gap` apart are one run (words and the spaces between
    them); a wider space (a gutter, a tab stop) ends a run."""
    spans: list[tuple[float, float]] = []
    for char in sorted(chars, key=lambda c: float(c["x0"])):
        x0, x1 = float(char["x0"]), float(char["x1"])
        if spans and x0 - spans[-1][1] < gap:
            spans[-1] = (spans[-1][0], max(spans[-1][1], x1))
        else:
            spans.append((x0, x1))
    return spans


def _ragged(ends: Sequence[float], edge: float, width: float) -> bool:
    """Whether lines ending at `ends` fill a column `width` points wide whose widest line
    ends at `edge` as wrapped prose does: half of them end within `COLUMN_RAGGEDNESS` of
    the width from the edge."""
    return sorted(edge - end for end in ends)[len(ends) // 2] <= COLUMN_RAGGEDNESS * width


def _gutter(rows: Sequence[Sequence[tuple[float, float]]], size: float) -> float | None:
    """The middle (x in points) of the gutter between two columns of a page, given the runs
    of each of its text lines (`_spans`) and its usual font size (points); None for a page
    of one column.

    A gutter is an x-interval at least `GUTTER_MIN_WIDTH` font sizes wide that lies between
    two runs of at least `COLUMN_MIN_LINES` lines and that more lines pass by than cross
    (a title or a footer across both columns crosses it). Of the candidates, the one with
    the most lines on both sides, the middle of the widest such interval. The columns must
    read as prose, not as a list set with a tab stop ("Pas 18-64 år      835 kr."): each at
    least `COLUMN_MIN_SHARE` of the text's width, and the lines on both sides filling
    their column (`_ragged`)."""
    if len(rows) < COLUMN_MIN_LINES or not any(len(spans) > 1 for spans in rows):
        return None
    left_edge = min(spans[0][0] for spans in rows if spans)
    right_edge = max(spans[-1][1] for spans in rows if spans)
    width = int(right_edge - left_edge)
    both = [0] * (width + 1)  # per point from left_edge: lines with a gap there
    crossing = [0] * (width + 1)  # lines with a run there
    for spans in rows:
        for x0, x1 in spans:
            for x in range(int(x0 - left_edge), min(width, int(x1 - left_edge)) + 1):
                crossing[x] += 1
        for (_, gap_start), (gap_end, _) in zip(spans, spans[1:], strict=False):
            for x in range(int(gap_start - left_edge) + 1, int(gap_end - left_edge)):
                both[x] += 1
    most = max(both)
    if most < COLUMN_MIN_LINES:
        return None
    runs: list[tuple[int, int]] = []  # [start, end) of each run of points with `most` gaps
    for x, count in enumerate(both):
        if count == most and crossing[x] < count:
            if runs and runs[-1][1] == x:
                runs[-1] = (runs[-1][0], x + 1)
            else:
                runs.append((x, x + 1))
    if not runs:
        return None
    start, end = max(runs, key=lambda run: run[1] - run[0])
    if end - start < GUTTER_MIN_WIDTH * size:
        return None
    middle = left_edge + (start + end) / 2
    split = [
        ([s for s in spans if s[1] < middle], [s for s in spans if s[0] > middle])
        for spans in rows
        if not any(x0 <= middle <= x1 for x0, x1 in spans)
    ]
    two_sided = [(left, right) for left, right in split if left and right]
    left_ends = [left[-1][1] for left, _ in two_sided]
    right_ends = [right[-1][1] for _, right in two_sided]
    left_width = max(left_ends) - left_edge
    right_start = min(right[0][0] for _, right in two_sided)
    right_width = max(right_ends) - right_start
    if min(left_width, right_width) < COLUMN_MIN_SHARE * (right_edge - left_edge):
        return None
    if not (_ragged(left_ends, max(left_ends), left_width) and _ragged(right_ends, max(right_ends), right_width)):
        return None
    return middle


def _span_chars(chars: Sequence[dict[str, Any]], span: tuple[float, float]) -> list[dict[str, Any]]:
    """The visible characters of a line whose middle lies in `span` (x0, x1)."""
    return [
        c for c in chars if span[0] <= (float(c["x0"]) + float(c["x1"])) / 2 <= span[1] and not str(c["text"]).isspace()
    ]


def _own_type(block: Sequence[Sequence[dict[str, Any]]], body: Sequence[dict[str, Any]]) -> bool:
    """Whether a block's lines of characters (`block`, top down) are set in a type of their
    own beside the characters of `body`: in another usual size (a fact box at 9 pt beside
    11 pt text), or under a first line in bold over lines that are not (a box's title)."""

    def usual(chars: Sequence[dict[str, Any]]) -> float:
        sizes = sorted(round(float(c.get("size", 0.0)), 1) for c in chars)
        return sizes[len(sizes) // 2] if sizes else 0.0

    inside = [c for line in block for c in line]
    titled = _bold(block[0]) and not any(_bold(line) for line in block[1:])
    return bool(inside) and bool(body) and (usual(inside) != usual(body) or titled)


def _sidebar(
    lines: Sequence[dict[str, Any]], rows: Sequence[Sequence[tuple[float, float]]], size: float
) -> float | None:
    """The middle (x in points) of the gutter between a page's text and a narrow block
    beside it on the right (a fact box, a sidebar), which `_gutter` does not take for a
    column (its lines do not stand beside the text's line for line, and they are short);
    None when there is none. The block: runs of words (`_spans`) of at least
    `COLUMN_MIN_LINES` lines starting at one x (within `COLUMN_START_TOLERANCE` of a font
    size), with no run crossing the space of at least `GUTTER_MIN_WIDTH` font sizes left
    of it, set in a type of their own (`_own_type`); left of it, at least
    `COLUMN_MIN_LINES` lines of prose filling their column (`_ragged`). A price list set
    with a tab stop has its values in the labels' type, and reads as lines."""
    spans = [(x0, x1, i) for i, line_spans in enumerate(rows) for x0, x1 in line_spans]
    if not spans:
        return None
    left_edge = min(x0 for x0, _, _ in spans)
    tolerance = COLUMN_START_TOLERANCE * size
    for start in sorted({x0 for x0, _, _ in spans if x0 > left_edge + tolerance}):
        if any(x0 < start - tolerance and x1 > start - tolerance for x0, x1, _ in spans):
            continue  # a run crosses into the block
        block = sorted((i, x0, x1) for x0, x1, i in spans if abs(x0 - start) <= tolerance)
        before = [(x1, i) for x0, x1, i in spans if x1 < start - tolerance]
        if len({i for i, _, _ in block}) < COLUMN_MIN_LINES or not before:
            continue
        gap_start = max(x1 for x1, _ in before)
        if start - gap_start < GUTTER_MIN_WIDTH * size:
            continue
        ends: dict[int, float] = {}
        for x1, i in before:
            ends[i] = max(ends.get(i, 0.0), x1)
        if len(ends) < COLUMN_MIN_LINES or not _ragged(list(ends.values()), gap_start, gap_start - left_edge):
            continue
        inside = [_span_chars(lines[i]["chars"], (x0, x1)) for i, x0, x1 in block]
        body = [c for i in ends for c in _span_chars(lines[i]["chars"], (left_edge, gap_start))]
        if _own_type(inside, body):
            return (gap_start + start) / 2
    return None


def _table_cells(table: Any) -> tuple[tuple[str, ...], ...] | None:
    """The rows of a table pdfplumber found (`Table.extract()`, each cell's lines joined
    as a paragraph's, `qa.readers.common.join_lines`: "ansøg-" over "ning" is "ansøgning"),
    or None when it is doubtful and its text is better read as lines: fewer than 2
    columns, a merged or missing cell (None) or rows of different lengths, a row with no
    text."""
    cells = table.extract()
    if not cells or len(cells[0]) < 2 or any(len(row) != len(cells[0]) or None in row for row in cells):
        return None
    rows = tuple(tuple(join_lines(str(cell).splitlines(), hyphenated=True) for cell in row) for row in cells)
    return rows if all(any(row) for row in rows) else None


def _year_header(header: Sequence[str], data: Sequence[Sequence[str]]) -> bool:
    """Whether a first row in plain type whose cells hold digits is a header of years over
    columns ("Ydelse | 2025 | 2026" over "Storskrald | 120 kr. | 135 kr."): every cell
    with a digit is a year or a span of years (`qa.readers.common.YEAR`), at least two cells are (one year
    beside a label is a fact, "Kommunen blev oprettet | 2007"), at least one cell has none
    (a label: a row of figures alone may be a row of values), and no value below a year is
    a year itself (a first row of a table of dates is a row of values)."""
    dated = [i for i, cell in enumerate(header) if any(ch.isdigit() for ch in cell)]
    return (
        2 <= len(dated) < len(header)
        and all(YEAR.fullmatch(header[i]) for i in dated)
        and not any(YEAR.fullmatch(row[i]) for row in data for i in dated)
    )


def _table_text(table: Any) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]] | None:
    """The header and the data rows of a table pdfplumber found (`_table_cells`), or None
    when it is doubtful and its text is better read as lines: `_table_cells` finds it
    doubtful, it has fewer than 2 rows, or its first row reads as no header (an empty
    cell, or a cell with a digit when the row is not set in bold, unless it is a header
    of years over columns, `_year_header`)."""
    rows = _table_cells(table)
    if rows is None or len(rows) < 2:
        return None
    header, data = rows[0], rows[1:]
    if not all(header):
        return None
    head = tuple(float(v) for v in table.rows[0].bbox)
    bold = _bold([c for c in table.page.chars if _inside(c, head)])
    if not bold and any(ch.isdigit() for cell in header for ch in cell) and not _year_header(header, data):
        return None
    return header, data


def _inside(obj: dict[str, Any], bbox: Sequence[float]) -> bool:
    """Whether the middle of a pdfplumber object lies in `bbox` (x0, top, x1, bottom)."""
    x = (float(obj["x0"]) + float(obj["x1"])) / 2
    y = (float(obj["top"]) + float(obj["bottom"])) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


@dataclass(frozen=True)
class _Placed:
    """A pdfplumber text line (its dict) or a table where it stands on its page (points)."""

    top: float
    bottom: float
    x0: float
    x1: float
    item: dict[str, Any] | _Table


def _placed_line(line: dict[str, Any]) -> _Placed:
    return _Placed(float(line["top"]), float(line["bottom"]), float(line["x0"]), float(line["x1"]), line)


def _ruled_tables(
    page: Any, continues: tuple[str, ...] | None = None
) -> tuple[list[_Placed], list[tuple[float, float, float, float]]]:
    """The tables of a pdfplumber page that read as a header over rows (`_table_text`),
    found by pdfplumber's table finder with its default settings (cells framed by ruling
    lines or rectangles), each with its bounding box; and the bounding boxes (x0, top, x1,
    bottom, points) of all tables the finder found, read as a table or not, from the top.

    With `continues`, the header of a table that ended the page before: the page's
    topmost table, when it has as many columns and does not repeat that header, is read
    as that table's continuation (`_Table.continued`: all its rows, its first included,
    under `continues`) whatever its first row holds (`_table_cells`)."""
    found = sorted(page.find_tables(), key=lambda t: float(t.bbox[1]))
    tables = []
    for i, table in enumerate(found):
        x0, top, x1, bottom = (float(v) for v in table.bbox)
        rows = _table_cells(table) if continues is not None and i == 0 else None
        if continues is not None and rows is not None and len(rows[0]) == len(continues) and rows[0] != continues:
            tables.append(_Placed(top, bottom, x0, x1, _Table(page.page_number, continues, rows, continued=True)))
        elif (text := _table_text(table)) is not None:
            tables.append(_Placed(top, bottom, x0, x1, _Table(page.page_number, text[0], text[1])))
    boxes = [(float(t.bbox[0]), float(t.bbox[1]), float(t.bbox[2]), float(t.bbox[3])) for t in found]
    return tables, boxes


def _column_order(placed: Sequence[_Placed], middle: float) -> list[dict[str, Any] | _Table]:
    """The items of a two-column page in reading order: what crosses the gutter's `middle`
    (a title, a table or a footer across the page) in order from the top, and between two
    of them (and above the first, below the last) the items of the left column from the
    top, then those of the right column."""
    across = sorted((p for p in placed if p.x0 < middle < p.x1), key=lambda p: p.top)
    bands: list[tuple[list[_Placed], list[_Placed]]] = [([], []) for _ in range(len(across) + 1)]
    for p in placed:
        if p.x0 < middle < p.x1:
            continue
        band = sum(1 for a in across if a.top < p.top)
        bands[band][0 if p.x1 <= middle else 1].append(p)
    ordered: list[dict[str, Any] | _Table] = []
    for band, (left, right) in enumerate(bands):
        if band:
            ordered.append(across[band - 1].item)
        ordered.extend(p.item for p in sorted(left, key=lambda p: p.top))
        ordered.extend(p.item for p in sorted(right, key=lambda p: p.top))
    return ordered


def _column_lines(
    page: Any, lines: Sequence[dict[str, Any]], rows: Sequence[Sequence[tuple[float, float]]], middle: float
) -> list[_Placed]:
    """The text lines of a page with a gutter at x = `middle`, given the runs of each line
    (`_spans`): the lines with a run across it as pdfplumber read them, and the others read
    again from the characters of each column on its own (pdfplumber's lines run across the
    gutter, joining a line of the left column to the line of the right one at its height)."""
    across = [line for line, spans in zip(lines, rows, strict=True) if any(x0 <= middle <= x1 for x0, x1 in spans)]
    bands = [(float(line["top"]), float(line["bottom"])) for line in across]

    def in_column(obj: dict[str, Any], left: bool) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (float(obj["x0"]) + float(obj["x1"])) / 2
        y = (float(obj["top"]) + float(obj["bottom"])) / 2
        return (x < middle) == left and not any(top <= y <= bottom for top, bottom in bands)

    placed = [_placed_line(line) for line in across]
    for left in (True, False):
        column = page.filter(lambda obj, left=left: in_column(obj, left))
        placed.extend(_placed_line(line) for line in column.extract_text_lines(return_chars=True))
    return placed


def _column_edges(ordered: Sequence[dict[str, Any] | _Table], middle: float) -> dict[bool, float]:
    """The right edge (x in points, its widest line's end) of the left column (True) and of
    the right one (False) of a page with a gutter at x = `middle`, from its text lines."""
    edges: dict[bool, float] = {}
    for item in ordered:
        if isinstance(item, dict) and not float(item["x0"]) < middle < float(item["x1"]):
            left = float(item["x1"]) <= middle
            edges[left] = max(edges.get(left, 0.0), float(item["x1"]))
    return edges


# A symbol font whose glyphs are pictures, not letters: ZapfDingbats (a PDF's standard
# 14 fonts), Wingdings and Webdings (Windows). Without a Unicode mapping pdfminer reads
# their glyphs as the ASCII characters of their codes: ZapfDingbats' black square as "n".
_DINGBAT_FONT = re.compile(r"dingbats|wingdings|webdings", re.IGNORECASE)


def _read_dingbats(page: Any) -> None:
    """Read, in place, each character of a pdfplumber page that a symbol font
    (`_DINGBAT_FONT`) draws and pdfminer reads as an ASCII character as "•": a bullet or
    an icon, never the letter of its code ("n Pas" is "• Pas", a list item)."""
    for char in page.chars:
        text = str(char["text"])
        if text.isascii() and not text.isspace() and _DINGBAT_FONT.search(str(char.get("fontname", ""))):
            char["text"] = "•"


# Footnote marks (`_footnote_marks`). A superscript is set at 58-70 % of the text's size
# (LibreOffice 58 %, fpdf2 70 %, Word about 65 %), a smaller type in running text (a
# footnote's 9 pt beside 11 pt) at 80 % or more: a mark's digits are set at most this
# share of the size of the character before them ...
SUPERSCRIPT_SIZE_RATIO = 0.8
# ... with their bottom above that character's by at least this share of its size (a
# superscript is raised by a third of the size; a smaller digit on the same baseline by
# the difference of the two fonts' descents, under a tenth of it) ...
SUPERSCRIPT_RISE = 0.2
# ... right after a word of at least this many letters ("m²", "km²" and "cm³" are units,
# "zonen¹" a mark) or after sentence punctuation (`_MARKED_PUNCTUATION`; not after a
# bracket: "(1 + r)²" is an exponent, "(voksne)" beside a price a table cell).
FOOTNOTE_WORD_MIN_LETTERS = 3
_MARKED_PUNCTUATION = frozenset(".,;:!?")
# Font sizes closer than this (points) are one size: pdfminer derives a character's size
# from its text matrix, which carries a rounding error of a few hundredths of a point.
SIZE_ROUNDING = 0.05
# A footnote: a line that starts with the mark's number, and then holds a letter.
_FOOTNOTE_NUMBER = re.compile(r"^\s*[0-9]{1,3}")
_FOOTNOTE_LINE = re.compile(r"^\s*(?P<n>[0-9]{1,3})(?![0-9])[^0-9]*?[^\W\d_]")
# The digits the footnote and contents rules read as numbers: ASCII's 0-9 only. A
# superscript, subscript or circled digit ("¹", "₂", "③") passes str.isdigit() but is no
# input to int(), and is a character of the text, read as it stands.
_ASCII_DIGITS = frozenset("0123456789")


def _ascii_digits(text: str) -> bool:
    """Whether `text` is one or more of the digits 0-9 (`_ASCII_DIGITS`) and nothing else."""
    return bool(text) and all(ch in _ASCII_DIGITS for ch in text)


@dataclass(frozen=True)
class _Mark:
    """A footnote mark in a page's text: its digits' characters and the character before
    them (pdfplumber's dicts), and the top (points) of the footnote line it refers to
    (0.0 until `_footnote_marks` finds it)."""

    number: str
    chars: tuple[dict[str, Any], ...]
    base: dict[str, Any]
    note: float = 0.0


def _marked_base(shown: Sequence[dict[str, Any]], index: int) -> bool:
    """Whether the visible character `shown[index]` of a line (its characters left to
    right) is one a footnote mark follows: sentence punctuation (`_MARKED_PUNCTUATION`), or
    the last letter of a word of at least `FOOTNOTE_WORD_MIN_LETTERS` letters."""
    text = str(shown[index]["text"])
    if text in _MARKED_PUNCTUATION:
        return True
    letters = 0
    while index >= 0 and str(shown[index]["text"]).isalpha() and letters < FOOTNOTE_WORD_MIN_LETTERS:
        if letters and float(shown[index + 1]["x0"]) - float(shown[index]["x1"]) > WORD_GAP * _size(shown[index]):
            break
        letters += 1
        index -= 1
    return letters >= FOOTNOTE_WORD_MIN_LETTERS


def _size(char: dict[str, Any]) -> float:
    """A pdfplumber character's font size (points; 0.0 when it has none)."""
    return float(char.get("size", 0.0) or 0.0)


def _raised_digit(char: dict[str, Any], base: dict[str, Any], before: dict[str, Any]) -> bool:
    """Whether `char` is a digit set as a superscript after `base` (the character its run
    follows) and touching `before` (`base` or the digit before it): at most
    `SUPERSCRIPT_SIZE_RATIO` of `base`'s size, its bottom at least `SUPERSCRIPT_RISE` of
    that size above `base`'s, less than `WORD_GAP` of that size right of `before`."""
    size = _size(base)
    return (
        _ascii_digits(str(char["text"]))
        and size > 0
        and _size(char) <= SUPERSCRIPT_SIZE_RATIO * size
        and float(base["bottom"]) - float(char["bottom"]) >= SUPERSCRIPT_RISE * size
        and _touches(before, char, base)
    )


def _touches(before: dict[str, Any], after: dict[str, Any], base: dict[str, Any]) -> bool:
    """Whether character `after` stands right after `before`, less than `WORD_GAP` of
    `base`'s size from it (no word space between)."""
    return abs(float(after["x0"]) - float(before["x1"])) <= WORD_GAP * _size(base)


def _line_marks(chars: Sequence[dict[str, Any]]) -> list[_Mark]:
    """The runs of 1-3 digits set as a superscript (`_raised_digit`) in a line's
    characters right after a character a footnote mark follows (`_marked_base`), each
    run whole: a digit right after it that is not raised (the rest of a number) makes it
    none."""
    shown = sorted((c for c in chars if not str(c["text"]).isspace()), key=lambda c: float(c["x0"]))
    marks: list[_Mark] = []
    index = 1
    while index < len(shown):
        base = shown[index - 1]
        end = index
        while end < len(shown) and _raised_digit(shown[end], base, shown[end - 1]):
            end += 1
        after = shown[end] if end < len(shown) else None
        whole = after is None or not _ascii_digits(str(after["text"])) or not _touches(shown[end - 1], after, base)
        if 1 <= end - index <= 3 and whole and not _ascii_digits(str(base["text"])) and _marked_base(shown, index - 1):
            run = tuple(shown[index:end])
            marks.append(_Mark("".join(str(c["text"]) for c in run), run, base))
        index = max(end, index + 1)
    return marks


def _footnote_marks(
    lines: Sequence[dict[str, Any]],
    body: float,
    boxes: Sequence[tuple[float, float, float, float]],
    refused: Collection[float] = (),
) -> list[_Mark]:
    """The footnote marks of a page, to be left out of its text: given its text lines
    (pdfplumber's, with their characters), its usual font size `body` (points) and the
    bounding boxes of the ruled tables found on it (`boxes`), the raised runs of digits of
    each line (`_line_marks`) outside those tables whose number begins a footnote on the
    page: a later line lower on the page that starts with that number followed by a
    letter (`_FOOTNOTE_LINE`; a bare page number is none) and is set smaller than `body`
    (by more than `SIZE_ROUNDING`), and whose top is none of `refused` (points, within
    `SIZE_ROUNDING`: lines `_refused_notes` found to be page furniture, "2   Sundhedsprofil
    2025"). Each mark knows the top of its footnote's line (`_Mark.note`).
    A number with two such runs on the page is no mark (which of the two is unclear).
    Linear in the page's characters, apart from sorting each line's."""
    notes: dict[str, float] = {}  # a footnote's number: the top of its lowest line
    for line in lines:
        match = _FOOTNOTE_LINE.match(str(line.get("text", "")))
        chars = line.get("chars") or []
        if any(abs(float(line["top"]) - top) <= SIZE_ROUNDING for top in refused):
            continue
        if match and chars and max(_size(c) for c in chars) < body - SIZE_ROUNDING:
            notes[match["n"]] = max(notes.get(match["n"], 0.0), float(line["top"]))
    if not notes:
        return []
    found: dict[str, list[_Mark]] = {}
    for line in lines:
        for mark in _line_marks(line.get("chars") or []):
            low = float(line["bottom"])
            inside = any(_inside(char, box) for char in mark.chars for box in boxes)
            if mark.number in notes and notes[mark.number] > low and not inside:
                found.setdefault(mark.number, []).append(replace(mark, note=notes[mark.number]))
    return [marks[0] for marks in found.values() if len(marks) == 1]


def _without_marks(page: Any, marks: Sequence[_Mark]) -> Any:
    """A pdfplumber page without the characters of its footnote `marks`: the character
    each follows reaches, in place, to the end of the mark, so that no space is read where
    the mark stood ("leje¹," reads "leje,"; a space after the mark stays a space)."""
    for mark in marks:
        mark.base["x1"] = max(float(mark.base["x1"]), float(mark.chars[-1]["x1"]))
    left_out = {id(char) for mark in marks for char in mark.chars}
    return page.filter(lambda obj: id(obj) not in left_out)


@dataclass(frozen=True)
class _PageRead:
    """One page as `_page_items` read it: its text lines and tables in reading order, the
    top (points) of the topmost table pdfplumber's finder found there (None: none), and
    the tops (points) of the footnote lines whose marks were left out (`_footnote_marks`)."""

    items: list[_Line | _Table]
    table_top: float | None
    notes: frozenset[float] = frozenset()


def _page_items(page: Any, continues: tuple[str, ...] | None = None, refused: Collection[float] = ()) -> _PageRead:
    """The text lines and tables of one pdfplumber page in reading order, the top (points)
    of the topmost table pdfplumber's finder found there (`_ruled_tables`), and the tops
    of the footnote lines whose marks were left out (`_PageRead`).

    Tables that `_ruled_tables` finds (with `continues`, the header of a table that ended
    the page before) are taken out of the text and stand where their top is. Then the
    page's lines (`extract_text_lines`); on a page with a gutter (`_gutter`) they are read
    per column (`_column_lines`), put in column order (`_column_order`), and each column
    line knows its room to its column's edge (`_column_edges`). A page with neither reads
    as pdfplumber's lines, in pdfplumber's order. A symbol font's glyphs read as "•"
    (`_read_dingbats`). Footnote marks outside the tables found are left out
    (`_footnote_marks`, `_without_marks`; lines at the tops in `refused`, points, are no
    footnotes): the page's lines are then read again without them, the only extra reading,
    on pages with a mark.

    The page is closed after: pdfplumber keeps each page's characters and layout until
    then (about 4 MiB a page of text), so a PDF of hundreds of pages read without closing
    them held gigabytes. A closed page reads its content again when asked."""
    try:
        return _read_page(page, continues, refused)
    finally:
        page.close()


def _read_page(page: Any, continues: tuple[str, ...] | None, refused: Collection[float]) -> _PageRead:
    """`_page_items` without closing the page."""
    _read_dingbats(page)
    tables, boxes = _ruled_tables(page, continues)
    table_top = boxes[0][1] if boxes else None
    if tables:
        page = page.filter(
            lambda obj: (
                obj.get("object_type") != "char" or not any(_inside(obj, (t.x0, t.top, t.x1, t.bottom)) for t in tables)
            )
        )
    lines = page.extract_text_lines(return_chars=True)
    sizes = sorted(float(c.get("size", 0.0)) for line in lines for c in line["chars"])
    size = sizes[len(sizes) // 2] if sizes else 0.0
    marks = _footnote_marks(lines, size, boxes, refused)
    if marks:
        page = _without_marks(page, marks)
        lines = page.extract_text_lines(return_chars=True)
    rows = [_spans(line["chars"], GUTTER_MIN_WIDTH * size) for line in lines]
    middle = (_gutter(rows, size) or _sidebar(lines, rows, size)) if sizes else None
    ordered: list[dict[str, Any] | _Table]
    if middle is not None:
        ordered = _column_order([*tables, *_column_lines(page, lines, rows, middle)], middle)
    else:
        ordered = _unruled_tables(page.page_number, lines, rows)
        for table in sorted(tables, key=lambda t: t.top):  # before the first line below its top
            at = next((i for i, item in enumerate(ordered) if isinstance(item, dict) and item["top"] > table.top), None)
            ordered.insert(len(ordered) if at is None else at, table.item)
    edges = _column_edges(ordered, middle) if middle is not None else {}
    items: list[_Line | _Table] = []
    for item in ordered:
        if isinstance(item, _Table):
            items.append(item)
            continue
        in_column = middle is not None and not float(item["x0"]) < middle < float(item["x1"])
        edge = edges[float(item["x1"]) <= middle] if middle is not None and in_column else None
        if (line := _line(page.page_number, item, edge)) is not None:
            items.append(line)
    return _PageRead(items, table_top, frozenset(mark.note for mark in marks))


# Unruled tables (`_unruled_tables`): at least this many lines (a header and three rows;
# a header over two lines is as often a letter's address beside its case data, or a
# signature block) ...
UNRULED_TABLE_MIN_LINES = 4
# ... whose runs of words (`_spans`) start at the same x, within this share of a font size
# (a program sets a column's cells at one tab stop or cell edge, to a rounding error).
COLUMN_START_TOLERANCE = 0.25


def _span_text(chars: Sequence[dict[str, Any]], span: tuple[float, float]) -> str:
    """The text of a line's characters whose middle lies in `span` (x0, x1), a word space
    wherever two characters stand more than `WORD_GAP` of a font size apart."""
    text = ""
    end: float | None = None
    for char in sorted(chars, key=lambda c: float(c["x0"])):
        if not span[0] <= (float(char["x0"]) + float(char["x1"])) / 2 <= span[1]:
            continue
        if end is not None and float(char["x0"]) - end > WORD_GAP * float(char.get("size", 0.0)):
            text += " "
        text += str(char["text"])
        end = float(char["x1"])
    return " ".join(text.split())


def _bold(chars: Sequence[dict[str, Any]]) -> bool:
    """Whether every visible character of `chars` is set in a bold font."""
    shown = [c for c in chars if not str(c["text"]).isspace()]
    return bool(shown) and all("bold" in str(c.get("fontname", "")).casefold() for c in shown)


def _largest_size(chars: Sequence[dict[str, Any]]) -> float:
    """The largest font size (points) among a line's characters; 0 for none."""
    return max((float(c.get("size", 0.0)) for c in chars), default=0.0)


def _fonts(chars: Sequence[dict[str, Any]]) -> set[str]:
    """The names of the fonts of a line's visible characters."""
    return {str(c.get("fontname", "")) for c in chars if not str(c["text"]).isspace()}


def _header_type(header: Sequence[dict[str, Any]], rows: Sequence[Sequence[dict[str, Any]]]) -> bool:
    """Whether a first line's characters (`header`) are set as a header over the lines
    `rows`: in bold while no row is wholly bold, or in fonts that no row uses (a semibold
    or another family)."""
    used = set().union(*(_fonts(row) for row in rows))
    bold = _bold(header) and not any(_bold(row) for row in rows)
    fonts = _fonts(header)
    return bold or (bool(fonts) and not fonts & used)


def _same_starts(first: Sequence[tuple[float, float]], other: Sequence[tuple[float, float]], size: float) -> bool:
    """Whether two lines' runs (`_spans`) are as many, of at least 2, and start at the
    same x each, within `COLUMN_START_TOLERANCE` of a font size."""
    return (
        len(first) >= 2
        and len(first) == len(other)
        and all(abs(a[0] - b[0]) <= COLUMN_START_TOLERANCE * size for a, b in zip(first, other, strict=True))
    )


# A list marker as a row's first cell ("1.", "2)", "a."): the lines are a numbered list.
_LIST_MARKER_CELL = re.compile(r"(?:\d{1,3}|[A-Za-z])[.)]")
# A bare whole number as a cell, as a page number in a table of contents ("7", "114").
_PAGE_LIKE_CELL = re.compile(r"\d{1,4}")


def _unruled_refused(
    header: Sequence[dict[str, Any]], data_lines: Sequence[Sequence[dict[str, Any]]], data: Sequence[Sequence[str]]
) -> bool:
    """Whether lines that stand in columns under a header by type are no table after all:
    the first line is set larger than the rest (a heading over the lines), a row's first
    cell is a list marker (`_LIST_MARKER_CELL`: a numbered list at a tab stop), or a
    column's values are all bare whole numbers (`_PAGE_LIKE_CELL`: the page numbers of a
    table of contents)."""
    if _largest_size(header) > max((_largest_size(line) for line in data_lines), default=0.0) + 0.1:
        return True
    if any(row and _LIST_MARKER_CELL.fullmatch(row[0]) for row in data):
        return True
    columns = len(data[0]) if data else 0
    return any(all(_PAGE_LIKE_CELL.fullmatch(row[k]) for row in data) for k in range(columns))


def _unruled_tables(
    page: int, lines: Sequence[dict[str, Any]], rows: Sequence[Sequence[tuple[float, float]]]
) -> list[dict[str, Any] | _Table]:
    """A one-column page's text lines (pdfplumber's, with the runs of each, `_spans`), with
    each table set without ruling lines read as a `_Table` in their place: at least
    `UNRULED_TABLE_MIN_LINES` consecutive lines whose runs of words start at the same x
    positions (`_same_starts`: columns set at tab stops or cell edges), the first a
    header by its type (`_header_type`: in bold over rows that are not, or in a font of its
    own) or of years over the columns (`_year_header`). A first line in the rows' type
    without years is no header: "Pas til børn      Gratis" over "Pas 18-64 år      835 kr."
    reads like one. A list set with a tab stop whose first line is a row like the others
    ("Pas 18-64 år      835 kr.") has no header and reads as lines, and so do lines that
    `_unruled_refused` finds no table (a heading over a numbered list, a table of
    contents)."""
    ordered: list[dict[str, Any] | _Table] = []
    i = 0
    while i < len(lines):
        size = _largest_size(lines[i]["chars"])
        end = i + 1
        while end < len(lines) and _same_starts(rows[i], rows[end], size):
            end += 1
        if end - i < UNRULED_TABLE_MIN_LINES:
            ordered.append(lines[i])
            i += 1
            continue
        cells = [tuple(_span_text(lines[k]["chars"], span) for span in rows[k]) for k in range(i, end)]
        header, data = cells[0], cells[1:]
        data_chars = [lines[k]["chars"] for k in range(i + 1, end)]
        headed = _header_type(lines[i]["chars"], data_chars) or _year_header(header, data)
        if (
            headed
            and all(header)
            and all(any(row) for row in data)
            and not _unruled_refused(lines[i]["chars"], data_chars, data)
        ):
            ordered.append(_Table(page, header, tuple(data)))
            i = end
        else:
            ordered.append(lines[i])
            i += 1
    return ordered


def _is_page_number(text: str) -> bool:
    """Whether a line's text is a page number on its own (`_PAGE_NUMBER`), or holds
    "Side N af M" (`_PAGE_OF_PAGES`): page 1 or later, and no later than page M."""
    match = _PAGE_NUMBER.match(text) or _PAGE_OF_PAGES.search(text)
    if match is None:
        return False
    groups = match.groupdict()
    number = int(groups["n"] or groups["dashed"])
    total = groups["m"]
    return number >= 1 and (total is None or number <= int(total))


def _furniture_key(line: _Line) -> tuple[str, float]:
    """What a running header or footer keeps from page to page: its text, case-folded,
    with every run of digits as "#" ("Side 3 af 12" -> "side # af #"), and its font size."""
    return _DIGITS.sub("#", line.text.casefold()), line.size


def _from_edges(lines: Sequence[_Line]) -> dict[str, dict[int, list[_Line]]]:
    """Each page's lines from its edges inwards ({"top" | "bottom": {page: lines}}): by
    position from the top down, and from the bottom up. A page's band on a side is the
    first `FURNITURE_BAND_LINES` of them; on a page of few lines the two bands share lines."""
    pages: dict[int, list[_Line]] = {}
    for line in lines:
        pages.setdefault(line.page, []).append(line)
    edges: dict[str, dict[int, list[_Line]]] = {"top": {}, "bottom": {}}
    for page, on_page in pages.items():
        edges["top"][page] = sorted(on_page, key=lambda ln: ln.top)
        edges["bottom"][page] = edges["top"][page][::-1]
    return edges


def _body_size(lines: Sequence[_Line]) -> float:
    """The body font size (points): the size most characters of `lines` have; 0.0 for no
    lines."""
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _fixed_place(lines: Sequence[_Line]) -> bool:
    """Whether lines of one text and size on different pages stand where a layout puts a
    running head or foot: at one height (their tops within `FURNITURE_POSITION_TOLERANCE`
    of a line height of each other), and with each run of digits either the same on every
    page ("2026") or going up with the page number ("side 3", or "side 2" on page 3 behind
    an unnumbered cover)."""
    height = max(line.bottom - line.top for line in lines)
    tops = [line.top for line in lines]
    if max(tops) - min(tops) > FURNITURE_POSITION_TOLERANCE * height:
        return False
    numbers = [[int(d) for d in _DIGITS.findall(line.text)] for line in lines]
    for runs in zip(*numbers, strict=True):
        if len(set(runs)) > 1 and len({n - line.page for n, line in zip(runs, lines, strict=True)}) > 1:
            return False
    return True


def _furniture(lines: Sequence[_Line]) -> set[_Line]:
    """The running headers and footers among a PDF's lines (the rule is in the module
    docstring): band lines no larger than the body size (`_body_size`) that are a page
    number on their own, or whose text with its digits masked recurs, in one font size, in
    the same band on at least `FURNITURE_MIN_PAGES` pages and `FURNITURE_PAGE_SHARE` of the
    pages with text, at a fixed place (`_fixed_place`); and of a band's lines only those
    nearer the page's edge than its first line that is not."""
    edges = _from_edges(lines)
    body = _body_size(lines)
    needed = max(FURNITURE_MIN_PAGES, math.ceil(FURNITURE_PAGE_SHARE * len(edges["top"])))
    furniture: set[_Line] = set()
    for side, pages in edges.items():
        bands = {page: inward[:FURNITURE_BAND_LINES] for page, inward in pages.items()}
        recurring: dict[tuple[str, float], list[_Line]] = {}
        for band in bands.values():
            for line in {_furniture_key(line): line for line in band}.values():
                recurring.setdefault(_furniture_key(line), []).append(line)
        running = {key for key, same in recurring.items() if len(same) >= needed and _fixed_place(same)}
        for page, band in bands.items():
            taken: list[_Line] = []
            for line in band:
                if line.size > body or not (_is_page_number(line.text) or _furniture_key(line) in running):
                    break
                taken.append(line)
            inward = pages[page]
            while taken and not _set_apart(taken[-1], inward[len(taken)] if len(taken) < len(inward) else None, side):
                taken.pop()
            furniture.update(taken)
    return furniture


def _set_apart(line: _Line, inward: _Line | None, side: str) -> bool:
    """Whether a band line stands apart from the text inward of it (`inward`, the next line
    towards the middle of the page; None: nothing), as a running head or foot does: with
    more space between them than a paragraph break at single spacing (`_starts_paragraph`
    without a pitch: the page's own pitch is no measure here, as on a page of one-line
    paragraphs it is the paragraph spacing). A line at single spacing from the text is a
    line of that text, however often its words recur (the first line of a column repeated
    on every page of a template)."""
    if inward is None:
        return True
    if side == "top":
        return inward.top > line.top and _starts_paragraph(line, inward, None)
    return line.top > inward.top and _starts_paragraph(inward, line, None)


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
    pages = {line.page for line in lines}
    return {page: lower_quartile(distances[page]) if page in distances else everywhere for page in pages}


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


def _continue_tables(
    pdf_pages: Sequence[Any],
    pages: list[list[_Line | _Table]],
    table_tops: Sequence[float | None],
    furniture: set[_Line],
    refused: dict[int, frozenset[float]],
) -> None:
    """Read again, in place in `pages` (the items of each of `pdf_pages`, `_page_items`),
    each page whose content (`furniture` aside) starts with a ruled table right after a
    page whose content ended with a table of as many columns: the table goes on there,
    its rows under the header of the page before (`_ruled_tables`), its first row
    included, since a table cut by a page break need not repeat its header.

    Only a page that may start so is read again (`_may_start_with_table`, given the top
    of its topmost table found, `table_tops`): reading a page takes 50-100 ms. A page's
    lines that are no footnotes (`refused`, by index in `pages`, `_refused_notes`) are
    none in the new reading either."""
    for number in range(1, len(pages)):
        before = [item for item in pages[number - 1] if item not in furniture]
        if not before or not isinstance(before[-1], _Table):
            continue
        if not _may_start_with_table(pages[number], table_tops[number], furniture):
            continue
        again = _page_items(pdf_pages[number], before[-1].header, refused.get(number, frozenset())).items
        first = next((item for item in again if item not in furniture), None)
        if isinstance(first, _Table) and first.continued:
            pages[number] = again


def _note_key(text: str) -> str:
    """A line's text as a running footer repeats it, its leading number (a footnote's, or
    a page number) aside: case-folded, white space folded ("2   Sundhedsprofil 2025" ->
    "sundhedsprofil 2025"). Other digits stay: "1 Note til side 2." is not "1 Note til
    side 3."."""
    return " ".join(_FOOTNOTE_NUMBER.sub("", text, count=1).casefold().split())


def _refused_notes(
    pages: Sequence[Sequence[_Line | _Table]], notes: Sequence[frozenset[float]], furniture: set[_Line]
) -> dict[int, frozenset[float]]:
    """The lines that footnote marks were left out for (`notes`: each page's footnote line
    tops, points, `_PageRead.notes`) but that are page furniture, so that their pages are
    read again with those lines no footnotes ({index in `pages`: tops}; pages with none
    are not listed). A footnote line is furniture when
    - it is a running header or footer (in `furniture`, `_furniture`): a footer that
      starts with the page number ("2   Sundhedsprofil 2025", Word's mirrored footers) is
      no footnote 2, and the "²" of "vægt/højde²" on its page an exponent; or
    - it is its page's last line and its page's only footnote line, and its text after
      the number (`_note_key`) stands in the last line of another page: a footer on too
      few pages for `_furniture` (2 of a 4-page report's pages, each side of mirrored
      footers), "3   Sundhedsprofil 2025" beside "Sundhedsprofil 2025   4".
    Tops are matched within `SIZE_ROUNDING`. Linear in the number of lines (apart from
    comparing a page's one footnote with the other pages' last lines)."""
    page_lines = [[item for item in items if isinstance(item, _Line)] for items in pages]
    lasts = {index: max(lines, key=lambda line: line.bottom) for index, lines in enumerate(page_lines) if lines}
    last_keys = {index: " ".join(line.text.casefold().split()) for index, line in lasts.items()}
    refused: dict[int, frozenset[float]] = {}
    for index, tops in enumerate(notes):
        if not tops:
            continue
        at = [line for line in page_lines[index] if any(abs(line.top - top) <= SIZE_ROUNDING for top in tops)]
        found = {line.top for line in at if line in furniture}
        if len(tops) == 1 and len(at) == 1 and at[0] is lasts.get(index):
            key = _note_key(at[0].text)
            if key and any(key in other for page, other in last_keys.items() if page != index):
                found.add(at[0].top)
        if found:
            refused[index] = frozenset(found)
    return refused


def _may_start_with_table(items: Sequence[_Line | _Table], table_top: float | None, furniture: set[_Line]) -> bool:
    """Whether a page whose `items` were read may, read again, start with its topmost
    table (top at `table_top`, points; None: the page has none): unless a line of its
    content (`furniture` aside) that no column holds (`_Line.room` None: the page's lines,
    or a line across both columns) stands wholly above that table, and so before it in
    reading order (`_column_order`)."""
    if table_top is None:
        return False
    return not any(
        isinstance(item, _Line) and item.room is None and item.bottom <= table_top and item not in furniture
        for item in items
    )


def _first_page_heading(pieces: Sequence[Piece]) -> str | None:
    """The heading of the top level (the largest type, `pdf_document`'s levels) on the
    first page with text, the first of them when there are several; None when that page
    has no heading with a letter in it (a large "2026" is no title)."""
    if not pieces:
        return None
    first_page = pieces[0].page
    headings = [
        piece
        for piece in pieces
        if piece.kind == "heading" and piece.page == first_page and any(c.isalpha() for c in piece.text)
    ]
    return min(headings, key=lambda piece: piece.level).text if headings else None


def _title(metadata_title: str | None, lines: Sequence[_Line], pieces: Sequence[Piece]) -> str | None:
    """The title of a PDF (see the module docstring): its metadata title, else the top
    heading of its first page (`_first_page_heading`), else its first line when that line
    is a piece of its own that reads as a title (`qa.readers.text.looks_like_heading`),
    else None."""
    if metadata_title is not None:
        return metadata_title
    heading = _first_page_heading(pieces)
    if heading is not None:
        return heading
    if pieces and lines and pieces[0].text == lines[0].text and looks_like_heading(lines[0].text):
        return lines[0].text
    return None


# A table of contents (`_contents`). Its entries: at least this many consecutive lines
# (two lines with a number at the end are as often two prices) ...
CONTENTS_MIN_ENTRIES = 3
# ... each ending in a page number after a leader (`_leader`) of at least this many
# leader characters (fewer than a row's, `ROW_MIN_LEADER`: the title above the entries and
# the headings they name are evidence enough) ...
CONTENTS_MIN_LEADER = 3
# ... or after a gap of at least this many font sizes (a tab stop at the right margin
# without a leader; a word space is a quarter of one, `WORD_SPACE`).
CONTENTS_MIN_GAP = 2.0
# The characters of a leader: a word processor fills a tab stop's leader with dozens of
# dots, middle dots, underscores or ellipses.
_LEADER = frozenset(".·_…‥⋯")
# A line with a leader is a row of a label and its value (`_leader_row`) when its leader
# holds at least this many leader characters: an ellipsis in prose is three dots
# ("tøjvask...", "Og så . . . gik han"; Retskrivningsordbogen's udeladelsesprikker, one
# character in Unicode's U+2026 "…"), so four are more than any ellipsis.
ROW_MIN_LEADER = 4
# A row's leader (`_leader_row`): `_LEADER` but underscores, which a form draws as a blank
# to fill in ("Jeg, ______, giver hermed ...", "København, den ______ 2026"), not as a
# leader between a label and its value.
_ROW_LEADER = _LEADER - {"_"}
# A row's value without a digit is at most this many words ("Gratis", "Lukket", "Jens
# Hansen"); prose after four dots goes on longer ("m.m.... og et billede, når du kommer.").
ROW_MAX_WORDS = 2
# What a row's value may start with besides a letter or a digit: a sign or a bracket
# before an amount ("-50 kr.", "+45 70 12 34 56", "(gratis)", "€ 100", "§ 12").
_VALUE_OPENERS = frozenset("-+−–(€$£§")
# Units and currencies that stand after a blank to fill in ("Beløb: ........ kr.",
# "........ kr. ........ øre", "........ %"), compared case-folded: alone after a
# leader they are no value. Danish kroner and øre (Danmarks Nationalbank's "kr.", ISO
# 4217's DKK), the euro (EUR, "€"), per cent ("%", "pct.") and the units of a quantity
# that a form asks for (hours, days, pieces).
_UNITS = frozenset({"kr.", "kr", "dkk", "øre", "eur", "€", "%", "pct.", "procent", "timer", "dage", "stk."})
# The title a program sets over a table of contents (Word: "Indholdsfortegnelse",
# "Contents", "Table of Contents"; LibreOffice: "Indhold", "Contents"), compared after
# `_contents_key`: one of them right above the entries is required.
_CONTENTS_TITLES = frozenset({"indhold", "indholdsfortegnelse", "indholdsoversigt", "contents", "table of contents"})
# A section number in front of a title ("2", "2.1", "3.") and the space after it.
_SECTION_NUMBER = re.compile(r"^[0-9]{1,3}(?:\.[0-9]{1,3})*\.?\s+")


def _contents_key(text: str) -> str:
    """A title as a table of contents and the heading it names both write it: case-folded,
    its white space folded, without a leading section number (`_SECTION_NUMBER`: "2.1
    Gebyrer" is "gebyrer") or a closing full stop or colon."""
    folded = " ".join(text.casefold().split())
    return _SECTION_NUMBER.sub("", folded).rstrip(".: ")


def _leader(text: str, least: int, chars: frozenset[str] = _LEADER) -> tuple[str, str] | None:
    """A line's text split at its leader into the text before it and the text after it
    (both stripped: ("Indledning", "3") for "Indledning ........ 3"), or None when it has
    no leader, its leader starts or ends it, or the text before it has no letter. The
    leader is the line's last run of leader characters (`chars`, default `_LEADER`) and
    spaces that holds at least `least` leader characters (". . . ." holds four, as
    pdfplumber reads a spaced leader); a full stop right after a word ends the word, not
    the leader, when a space follows it or the word holds another full stop, an
    abbreviation's ("Pas m.v. ........ 745" and "Pas m.v.........745" are "Pas m.v." and
    "745"). Linear in the text's length (no regular expression that backtracks over a
    leader)."""
    end = len(text)
    while end > 0:
        if text[end - 1] not in chars and text[end - 1] != " ":
            end -= 1
            continue
        run, leaders = end, 0  # the run is text[run:end]
        while run > 0 and (text[run - 1] in chars or text[run - 1] == " "):
            run -= 1
            leaders += text[run] in chars
        start = run + 1 if _word_full_stop(text, run) else run
        if leaders - (start - run) >= least:
            before, after = text[:start].strip(), text[end:].strip()
            return (before, after) if after and any(ch.isalpha() for ch in before) else None
        end = run
    return None


def _single_stop(pair: str) -> bool:
    """Whether `pair` is a letter or a digit and a full stop ("m." in "m.v")."""
    return len(pair) == 2 and pair[0].isalnum() and pair[1] == "."


def _word_full_stop(text: str, at: int) -> bool:
    """Whether the full stop at `text[at]` ends the word before it: it follows a letter
    or a digit, and a space follows it ("Pas m.v. ....") or that word holds another full
    stop, an abbreviation's ("m.v...."; the word is letters, digits and single full
    stops, so "745" in "Voksne.....745....." holds none)."""
    if at == 0 or text[at] != "." or not text[at - 1].isalnum():
        return False
    start = at
    while start > 0 and (text[start - 1].isalnum() or _single_stop(text[start - 2 : start])):
        start -= 1
    return text[at + 1 : at + 2] == " " or "." in text[start:at]


def _contents_entry(line: _Line) -> tuple[str, int] | None:
    """The title and page number of a line that reads as a table of contents' entry: a
    title with a letter, then a leader of at least `CONTENTS_MIN_LEADER` leader characters
    (`_leader`) or a gap of at least `CONTENTS_MIN_GAP` font sizes (`_Line.tail_gap`:
    pdfplumber reads a tab stop without a leader as one space, after a title that ends in
    no leader character), then a number of 1-4 digits 0-9 ending the line ("Indledning
    ........ 3"); None for any other line. Linear in the line's length."""
    if line.text[-1:] not in _ASCII_DIGITS:
        return None
    split = _leader(line.text, CONTENTS_MIN_LEADER)
    if split is None or not _page_number(split[1]):
        title, space, number = line.text.rpartition(" ")
        wide = bool(space) and line.size > 0 and line.tail_gap >= CONTENTS_MIN_GAP * line.size
        split = (title, number) if wide and title[-1:] not in _LEADER and any(ch.isalpha() for ch in title) else None
    if split is None or not _page_number(split[1]):
        return None
    return split[0], int(split[1])


def _page_number(text: str) -> bool:
    """Whether `text` is a page number as a table of contents gives it: 1-4 digits 0-9."""
    return 1 <= len(text) <= 4 and _ascii_digits(text)


def _leader_row(text: str) -> tuple[str, ...] | None:
    """The cells of a line's text set as a row of a price list, a timetable or any list of
    labels and values with a leader between them: the label, then each value ("Voksne
    ........ 745" gives ("Voksne", "745"), "Voksne ..... 745 ..... 1.490" gives ("Voksne",
    "745", "1.490")), or None for any other line. The label has a letter, is no list
    marker alone (`_LIST_MARKER_CELL`), is one sentence (`_one_sentence`; prose with a
    leader-like run of dots holds several) and loses a closing colon ("Sagsnr.:"); the
    leader is a run of at least `ROW_MIN_LEADER` dots, middle dots or ellipses
    (`_ROW_LEADER`, `_leader`); each value is one (`_row_value`). Underscores are no row's
    leader: they are a form's blank to fill in ("Jeg, ______, giver ...", "København, den
    ______ 2026"). A tab stop without a leader is no evidence of a row: pdfplumber reads
    its gap as one space, the line as "Pas 18-64 år 835 kr.", a unit of its own."""
    split = _leader(text, ROW_MIN_LEADER, _ROW_LEADER)
    if split is None or not _row_value(split[1]):
        return None
    cells = [split[1]]
    label = split[0]
    while (more := _leader(label, ROW_MIN_LEADER, _ROW_LEADER)) is not None and _row_value(more[1]):
        label = more[0]
        cells.insert(0, more[1])
    label = label[:-1].rstrip() if label.endswith(":") else label
    if not any(ch.isalpha() for ch in label) or _LIST_MARKER_CELL.fullmatch(label) or not _one_sentence(label):
        return None
    return (label, *cells)


def _row_value(text: str) -> bool:
    """Whether `text`, the text after a leader, reads as a row's value: it starts with a
    letter, a digit or a sign that opens a value (not "," "/" ")" and the like: a blank in
    "Dato: ..../..../2025" or "Jeg, ........, giver"), does not end in a comma or a
    semicolon (a sentence going on), holds a digit ("745", "kl. 10-17", "side 4") or is at
    most `ROW_MAX_WORDS` words ("Gratis", "Jens Hansen"; prose after four dots, "og et
    billede, når du kommer.", is longer), and is not a unit alone (`_UNITS`: "Beløb
    ........ kr." is a blank to fill in before its unit)."""
    words = text.split()
    if not words or not (text[0].isalnum() or text[0] in _VALUE_OPENERS) or text[-1] in ",;":
        return False
    if any(ch.isdigit() for ch in text):
        return True
    return len(words) <= ROW_MAX_WORDS and not all(word.casefold() in _UNITS for word in words)


def _one_sentence(text: str) -> bool:
    """Whether `text` is at most one sentence (`qa.sentences.split_sentences`, which knows
    abbreviations: "Pas m.v." is one)."""
    return len(split_sentences(text)) <= 1


def _page_edges(lines: Sequence[_Line]) -> dict[int, float]:
    """Per page, the right end (x in points) of its widest line outside columns (a line in
    a column knows its room to the column's edge, `_Line.room`); a page whose lines are
    all in columns is left out."""
    edges: dict[int, float] = {}
    for line in lines:
        if line.room is None:
            edges[line.page] = max(edges.get(line.page, line.end), line.end)
    return edges


def _label_goes_on(before: _Line, line: _Line, label: str, edges: dict[int, float]) -> bool:
    """Whether leader line `line`'s `label` (`_leader_row`) ends the unit that paragraph
    line `before` ends, a label wrapped over lines: `before` ends no sentence and no
    intro (`_PARAGRAPH_END`, closing quotes and brackets aside), and it is full up to its
    margin (`_fills`) before the label (LibreOffice moves a label's last words down with
    the tab stop's leader, Word the first word that does not fit: `_Line.label`, the
    label's width, is at least that word's: "... sendes med posten til" / "Grønland
    eller Færøerne .... 1.250 kr."), or the label goes on in lower case with a word `before` hyphenated
    ("bolig-" / "støtte ....") or a list item `before` opens ("• Kopi af afgørelse for" /
    "tidligere år ...."). A lower-case label after a short line that is no list item
    starts a row of its own: "Gebyrer for byggesager" over "enfamiliehus .... 4.500 kr."
    is a subheading over its rows."""
    if before.text.rstrip(CLOSING).endswith(_PARAGRAPH_END):
        return False
    if _fills(before, max(line.label, line.first_word), edges):
        return True
    hyphenated = before.text.endswith("-") and before.text[-2:-1].isalpha()
    return label[:1].islower() and (hyphenated or starts_with_list_marker(before.text))


def _value_goes_on(row: _Line, line: _Line, edges: dict[int, float]) -> bool:
    """Whether `line`, no leader line, goes on with the value of the leader row that ends
    with line `row` ("Rengøring ........ 345 kr. pr." / "påbegyndt time"): both on one
    page in one size, `line` starting in lower case, and `row` full up to its margin
    (`_fills`), so that `line`'s first word did not fit after it. A value's tail is short:
    `line` neither reaches the margin itself nor ends a sentence of more than
    `ROW_MAX_WORDS` words, so lower-case prose right under a row whose value stands at
    the margin ("hvis du er pensionist, skal du vise dit pensionistbevis.") is no value."""
    words = line.text.split()
    return (
        line.page == row.page
        and line.size == row.size
        and line.text[:1].islower()
        and _fills(row, line.first_word, edges)
        and not _fills(line, 0.0, edges)
        and (len(words) <= ROW_MAX_WORDS or not line.text.rstrip().endswith((".", "!", "?", ":")))
    )


def _places(lines: Sequence[_Line]) -> dict[str, dict[int, int]]:
    """Where each text stands among `lines` (a document's lines in reading order, no table
    of contents' entry among them): {`_contents_key` of a line, or of a line and the next
    one on its page (a heading wrapped over two lines): {page: index of its last line
    there}}."""
    places: dict[str, dict[int, int]] = {}
    for index, line in enumerate(lines):
        places.setdefault(_contents_key(line.text), {})[line.page] = index
        after = lines[index + 1] if index + 1 < len(lines) else None
        if after is not None and after.page == line.page:
            places.setdefault(_contents_key(f"{line.text} {after.text}"), {})[line.page] = index
    return places


def _contents_offset(entries: Sequence[tuple[str, int]], places: dict[str, dict[int, int]], since: int) -> bool:
    """Whether one offset d >= 0 (pages) puts every entry's title (label, printed page
    number) on PDF page number + d, standing there as a line or two of its own (`places`,
    from `_places`) at an index of at least `since` (after the run of entries): d 0 for a
    PDF whose page numbers are its pages, a few pages for front matter left unnumbered.
    An entry whose title stands nowhere, or on a page that does not fit the others',
    keeps the run: a welcome pack's "Affaldsspand ........ 1" over items described on
    pages 2, 3 and 4 is a list of quantities, not a table of contents. At most the number
    of entries times the PDF's page count steps."""
    offsets: set[int] | None = None
    for label, number in entries:
        pages = {page for page, index in places.get(_contents_key(label), {}).items() if index >= since}
        fits = {page - number for page in pages if page >= number}
        offsets = fits if offsets is None else offsets & fits
        if not offsets:
            return False
    return offsets is not None


def _contents_runs(entries: Sequence[tuple[str, int] | None], page_count: int) -> list[tuple[int, int]]:
    """The runs [start, end) of consecutive table of contents' entries (`entries`: each
    line's `_contents_entry`, None for a line that is none or a table, which ends a run)
    whose page numbers could be a table of contents': at least `CONTENTS_MIN_ENTRIES`
    entries, their numbers non-decreasing and each between 1 and `page_count`."""
    runs: list[tuple[int, int]] = []
    start = 0
    for index in range(len(entries) + 1):
        if index < len(entries) and entries[index] is not None:
            continue
        numbers = [entry[1] for entry in entries[start:index] if entry is not None]
        if (
            len(numbers) >= CONTENTS_MIN_ENTRIES
            and numbers == sorted(numbers)
            and numbers[0] >= 1
            and numbers[-1] <= page_count
        ):
            runs.append((start, index))
        start = index + 1
    return runs


def _contents(items: Sequence[_Line | _Table], page_count: int) -> set[_Line]:
    """The lines of a PDF's table of contents among its `items` (furniture left out), to be
    left out: it repeats the headings with page numbers and would compete with the text
    they head. Only on strong evidence: a run of entries (`_contents_runs`, within the
    PDF's `page_count` pages) right under the usual title of a table of contents on a line
    of its own on the run's first page (`_CONTENTS_TITLES`, compared as `_contents_key`),
    every one of which names a title that stands later in the document, after the run, on
    a line or two consecutive lines of their own (`_places`; compared as `_contents_key`:
    case, white space and section numbers aside), all on the pages they name shifted by
    one offset d >= 0 (`_contents_offset`: printed page number + d = PDF page; d > 0 when
    a cover and a contents page come before page 1, never a heading before the page its
    entry names). The title is left out with the run. A run under any other line (or a table, or at the
    top of the document) is kept: small rising numbers whose labels head chapters later
    are as often staff counts or a timetable's minutes.

    A price list set with leaders ("Voksne ........ 745") names pages the PDF lacks, or
    prices that do not go up, or labels that stand nowhere else as a line of their own
    (the same labels on the next page's price list are entries themselves, never
    headings), and is kept whole, as is a list whose labels head pages later but off the
    pages it names (a welcome pack's quantities: "Affaldsspand ........ 1" over items on
    pages 2, 3 and 4) or one entry of which stands nowhere else ("Sygesikring - ring 33 66
    33 66 inden kl. 15 ........ 4" over a heading "Sygesikring": the phone number would be
    lost). Linear in the number of lines, plus at most the entries times the page count."""
    lines: list[_Line | None] = [item if isinstance(item, _Line) else None for item in items]
    entries = [_contents_entry(line) if line is not None else None for line in lines]
    runs = _contents_runs(entries, page_count)
    if not runs:
        return set()
    in_runs = {index for start, end in runs for index in range(start, end)}
    body = [(index, line) for index, line in enumerate(lines) if line is not None and index not in in_runs]
    places = _places([line for _, line in body])
    positions = [index for index, _ in body]  # the index in `lines` of each line of `body`
    found: set[_Line] = set()
    for start, end in runs:
        above, first = lines[start - 1] if start > 0 else None, lines[start]
        if above is None or first is None or above.page != first.page:
            continue
        if _contents_key(above.text) not in _CONTENTS_TITLES:
            continue
        named = [entry for entry in entries[start:end] if entry is not None]
        if not _contents_offset(named, places, bisect_left(positions, end)):
            continue
        found.update(line for line in lines[start:end] if line is not None)
        found.add(above)
    return found


def _tables(items: Sequence[_Line | _Table]) -> bool:
    """Whether a page's items hold a table."""
    return any(isinstance(item, _Table) for item in items)


# The operators of a content stream (ISO 32000-1, Annex A) as pdfminer reads them: a word
# that is none of them (outside a BX ... EX section, where a viewer may skip unknown ones)
# is a stream's bytes, not its drawing instructions.
_OPERATORS = frozenset(
    name[3:].replace("_a", "*").replace("_w", '"').replace("_q", "'")
    for name in dir(PDFPageInterpreter)
    if name.startswith("do_")
) | {"d0", "d1", "BX", "EX", "BI", "ID", "EI"}


def _stream_damage(stream: PDFStream) -> str | None:
    """Why a page's content stream cannot be read, or None: it is compressed but pdfminer
    decompressed nothing from its bytes (pdfminer drops a corrupt compressed stream
    silently), or it holds a word that is no PDF operator (`_OPERATORS`)."""
    length = resolve1(stream.attrs.get("Length"))
    data = stream.get_data()
    if stream.get_filters() and not data and isinstance(length, int) and length > 0:
        return "a corrupt compressed content stream"
    parser = PDFContentParser([stream])
    optional = 0  # depth of BX ... EX sections
    while True:
        try:
            _, token = parser.nextobject()
        except PSEOF:
            return None
        if isinstance(token, PSKeyword):
            name = token.name.decode("latin-1") if isinstance(token.name, bytes) else str(token.name)
            optional += (name == "BX") - (name == "EX")
            if name not in _OPERATORS and optional <= 0:
                return "a content stream of bytes that are no PDF drawing instructions"


def _textless_page(page: Any, bare: bool) -> str:
    """Why a pdfplumber page that gave no text (page furniture aside) has none: the
    damage of its first damaged content stream (`_stream_damage`), "scanned" when it
    shows an image and is `bare`, without a character at all, furniture included (a scan
    without OCR), and "empty" otherwise (a blank page, a drawing, a full-page photo or a
    back cover's logo over the running footer). Closes the page after."""
    try:
        for content in page.page_obj.contents:
            damage = _stream_damage(stream_value(content))
            if damage is not None:
                return damage
        return "scanned" if bare and page.images else "empty"
    finally:
        page.close()


def _damaged(textless: dict[int, str]) -> dict[int, str]:
    """The damaged pages among pages without text ({page: why}, `_textless_page`)."""
    return {page: why for page, why in textless.items() if why not in ("scanned", "empty")}


def _page_list(pages: Sequence[int]) -> str:
    """ "page 3" or "pages 3, 7": 1-based page numbers, in order."""
    numbers = ", ".join(str(page) for page in sorted(pages))
    return f"page {numbers}" if len(pages) == 1 else f"pages {numbers}"


def _damaged_message(damaged: dict[int, str]) -> str:
    """What is wrong with damaged pages ({page: why}, `_stream_damage`): "page 2 is
    damaged (a corrupt compressed content stream)", the pages of one cause
    together."""
    causes: dict[str, list[int]] = {}
    for page, why in sorted(damaged.items()):
        causes.setdefault(why, []).append(page)
    return "; ".join(
        f"{_page_list(pages)} {'is' if len(pages) == 1 else 'are'} damaged ({why})" for why, pages in causes.items()
    )


def _textless_warnings(textless: dict[int, str]) -> list[str]:
    """Warnings about the pages of a PDF with text that give none ({page: why},
    `_textless_page`): the damaged ones, whose text is lost, and the scanned ones, whose
    text is not searchable until the PDF is run through OCR. A blank page says nothing."""
    damaged = _damaged(textless)
    scanned = [page for page, why in textless.items() if why == "scanned"]
    warnings = []
    if damaged:
        pronoun = "its" if len(damaged) == 1 else "their"
        warnings.append(
            f"{_damaged_message(damaged)}: {pronoun} text is not read; re-export the PDF from the source program"
        )
    if scanned:
        verb, pronoun = ("has", "its") if len(scanned) == 1 else ("have", "their")
        warnings.append(
            f"{_page_list(scanned)} {verb} no text layer (scanned?): "
            f"run OCR on the PDF, or {pronoun} text is not searchable"
        )
    return warnings


def _unreadable(exc: Exception) -> str:
    """Why pdfplumber could not open or read a PDF, and what to do. pdfplumber wraps
    pdfminer's errors, a user password among them, in PdfminerException."""
    cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(cause, PDFPasswordIncorrect):
        return "not a readable PDF: it is password-protected; export it again without a password"
    return f"not a readable PDF ({exc}); re-export it from the source program"


def pdf_document(data: bytes, file_name: str = "") -> tuple[dict[str, str | None], list[Piece], list[str]]:
    """The metadata of a PDF file's bytes ({"title": str | None}, `_title`; `file_name`,
    the file's name, is no title), its pieces,
    and warnings about pages whose text is not read (`_textless_warnings`: a scanned page
    among pages of text, a damaged page); raises ReaderError for a broken or scanned PDF,
    or one whose every page without text is damaged."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            read = [_page_items(page) for page in pdf.pages]
            pages = [page_read.items for page_read in read]
            furniture = _furniture([item for items in pages for item in items if isinstance(item, _Line)])
            refused = _refused_notes(pages, [page_read.notes for page_read in read], furniture)
            for index, tops in refused.items():  # read again, those lines no footnotes
                pages[index] = _page_items(pdf.pages[index], None, tops).items
            _continue_tables(pdf.pages, pages, [page_read.table_top for page_read in read], furniture, refused)
            textless = {
                page.page_number: _textless_page(page, bare=not items)
                for page, items in zip(pdf.pages, pages, strict=True)
                if all(item in furniture for item in items if isinstance(item, _Line)) and not _tables(items)
            }
            outline = _outline_titles(pdf)
            kept = [item for items in pages for item in items if isinstance(item, _Table) or item not in furniture]
            contents = _contents(kept, len(pdf.pages))
            metadata_title = declared_title((pdf.metadata or {}).get("Title"), file_name)
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise ReaderError(_unreadable(exc)) from exc
    damaged = _damaged(textless)
    if len(textless) == len(pages) and damaged:
        raise ReaderError(f"unreadable PDF: {_damaged_message(damaged)}; re-export it from the source program")
    if not any(pages):
        raise ReaderError("unreadable PDF: no text layer: scanned PDF? run OCR first")
    lines = [item for item in kept if isinstance(item, _Line)]
    if not kept:
        raise ReaderError(
            "unreadable PDF: no text layer beyond page numbers and running headers or footers: "
            "scanned PDF? run OCR first"
        )
    warnings = _textless_warnings(textless)
    body = _body_size(lines)
    big = sorted({ln.size for ln in lines if ln.size >= body * HEADING_SIZE_RATIO}, reverse=True)
    levels = {size: i + 1 for i, size in enumerate(big)}
    pitches = _line_pitches(lines)
    items = [item for item in kept if isinstance(item, _Table) or item not in contents]

    pieces: list[Piece] = []
    paragraph: list[_Line] = []

    edges = _page_edges(lines)
    row_line: _Line | None = None  # the last line of the last piece when that is a leader row

    def flush(values: tuple[str, ...] = ()) -> None:
        """The pieces of the paragraph's lines; with `values`, its last line is a leader
        line's label (`_leader_row`), and the unit that ends with it is a row of the
        unit's text and `values`."""
        if paragraph:
            wrapped = [_wrapped(line, after) for line, after in itertools.pairwise(paragraph)] + [False]
            texts, pages = [ln.text for ln in paragraph], [ln.page for ln in paragraph]
            made = line_pieces(texts, line_pages=pages, wrapped=wrapped, hyphenated=True)
            if values:
                made[-1] = replace(made[-1], kind="table_row", text=table_row_text((made[-1].text, *values), ()))
            pieces.extend(made)
            paragraph.clear()

    previous: _Line | None = None
    for item in items:
        if isinstance(item, _Table):
            flush()
            if item.continued:  # its header stands on the page before, not on this one
                rows = (table_row_text(row, item.header) for row in item.rows)
                pieces.extend(Piece("table_row", 0, text, item.page) for text in rows if text)
            else:
                pieces.extend(table_pieces(item.rows, item.header, item.page))
            previous = row_line = None
            continue
        line = item
        level = outline.get(line.text)
        if level is None and line.size in levels and len(line.text) <= HEADING_MAX_CHARS:
            level = levels[line.size]
        if level is not None:
            flush()
            row_line = None
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
            pitch = pitches.get(line.page)
            starts = previous is not None and not over_page and _starts_paragraph(previous, line, pitch)
            if starts:
                flush()
            row = _leader_row(line.text)
            if row is None and row_line is not None and not starts and _value_goes_on(row_line, line, edges):
                last = pieces[-1]  # the row's value wrapped onto this line
                pieces[-1] = replace(last, text=f"{last.text} {line.text}")
                row_line = line
            elif row is None:
                paragraph.append(line)
                row_line = None
            else:  # a row of its own, or the end of a label wrapped over lines
                if not paragraph or not _label_goes_on(paragraph[-1], line, row[0], edges):
                    flush()
                paragraph.append(replace(line, text=row[0]))
                flush(row[1:])
                row_line = line
        previous = line
    flush()
    return {"title": _title(metadata_title, lines, pieces)}, pieces, warnings
