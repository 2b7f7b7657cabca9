"""Plain text into pieces: paragraphs split on blank lines, lines into units.

Inside a paragraph, each line that starts with a list marker (`-`, `*`, `•`, `–`, `+`, or
a number such as `1.` or `1)`, but not a date such as "1. juli 2025") is a list item of
its own, and other lines are joined or split by `qa.readers.common.starts_new_unit`. A
paragraph that is one short line without closing punctuation, and not the last, reads as
a heading (level 1 when it opens the file, else 2), unless it gives a postal address, a phone
number or an e-mail address. A breadcrumb trail among the first lines is left out.
"""

from __future__ import annotations

import re

from qa.answer_types import holds_form
from qa.readers.common import CRUMB_LINES, Piece, is_breadcrumb, line_pieces, reads_as_label

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
