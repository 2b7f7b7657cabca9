"""Markdown (CommonMark plus pipe tables, via markdown-it-py) into pieces.

Headings at every level, each list item its own piece (ordered items keep their number,
"1. Log ind med MitID"), each table row a piece with its values next to their headers,
and paragraph lines joined by single newlines split into units by
`qa.readers.common.starts_new_unit`. A paragraph's first line all in bold that asks a
question is a heading one level under its section's when an answer follows it (an FAQ's
question, `_opens_with_bold_line`, `qa.readers.common.question_headings`, as the HTML reader reads
bold questions).
Raw HTML is kept as text (`html=False`), as the rendered page shows it; image alt text is
left out, as the rendered page does not show it. A list of links under a heading that says
no more than that links follow ("## Se også", "## Relaterede links") goes, as the HTML
reader drops it (`_link_list_label`, `_without_link_lists`).
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from qa.readers.common import (
    CLOSING,
    CONTACT_LINK,
    CRUMB_LINES,
    DATE_START,
    LINK_LIST_WORDS,
    LINK_TITLE,
    Piece,
    count_words,
    has_figure,
    is_breadcrumb,
    is_link_line,
    is_page_stamp,
    is_tool_bar,
    line_pieces,
    question_headings,
    table_pieces,
)


def markdown_parser() -> MarkdownIt:
    """The parser every Markdown file goes through: CommonMark with the table rule on."""
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def inline_lines(token: Token) -> list[str]:
    """The visible text of an inline token, markup removed, split at soft and hard breaks."""
    lines: list[str] = [""]
    for child in token.children or []:
        if child.type in ("text", "code_inline", "text_special", "html_inline"):
            lines[-1] += child.content
        elif child.type in ("softbreak", "hardbreak"):
            lines.append("")
    return lines


def markdown_pieces(body: str) -> list[Piece]:
    """Pieces of a Markdown text (front matter already removed, text normalised)."""
    tokens = markdown_parser().parse(body)
    pieces: list[Piece] = []
    heading_level = 0
    section_level = 1  # the level of the last heading, "#" or underlined
    bold_questions: dict[int, int] = {}  # a bold question's piece index: its level as a heading
    list_depth = 0
    list_start = 0  # the piece index where the open top-level list's items begin
    list_links: list[int] | None = None  # its items' link labels' words, None if one is no link
    link_lists: list[tuple[int, int, int]] = []  # lists of links: (first, end) piece, most words
    pending_number: str | None = None  # "3." for the first paragraph of an ordered item
    table_rows: list[list[str]] = []
    table_header: list[str] | None = None
    row: list[str] | None = None
    in_header = False
    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            heading_level = section_level = int(token.tag[1])
        elif kind == "heading_close":
            heading_level = 0
        elif kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
            # Numbered links are steps ("1. [Opret profil](/profil)"), no list of links.
            bullets = kind == "bullet_list_open" and list_depth == 1
            list_start, list_links = (len(pieces), []) if bullets else (list_start, None)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
            if list_depth == 0 and list_links:
                link_lists.append((list_start, len(pieces), max(list_links)))
        elif kind == "list_item_open":
            pending_number = f"{token.info}{token.markup}" if token.info else None
        elif kind == "table_open":
            table_rows, table_header = [], None
        elif kind == "thead_open":
            in_header = True
        elif kind == "thead_close":
            in_header = False
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            if in_header:
                table_header = row
            else:
                table_rows.append(row)
            row = None
        elif kind == "table_close":
            pieces.extend(table_pieces(table_rows, table_header))
        elif kind == "inline" and row is not None:
            row.append(" ".join(line.strip() for line in inline_lines(token)))
        elif kind == "inline" and heading_level:
            pieces.append(Piece("heading", heading_level, " ".join(inline_lines(token))))
        elif kind == "inline" and list_depth:
            if list_links is not None:
                words = _link_list_label(token)
                list_links = None if words is None else [*list_links, words]
            lines = inline_lines(token)
            if not any(line.strip() for line in lines):  # only an image: "- [![Logo](/l.png)](/)"
                pending_number = None
                continue
            if pending_number is not None:
                lines[0] = f"{pending_number} {lines[0]}"
            number_is_date = pending_number is not None and bool(DATE_START.match(lines[0]))
            pending_number = None
            first, *rest = line_pieces(lines)
            pieces.append(Piece("paragraph" if number_is_date else "list_item", 0, first.text))
            pieces.extend(rest)
        elif kind == "inline":
            lines = inline_lines(token)
            question = lines[0].strip() if _opens_with_bold_line(token) else ""
            if question.rstrip(CLOSING).endswith("?"):
                # A heading under the section's when an answer follows (`question_headings`).
                bold_questions[len(pieces)] = min(6, section_level + 1)
                pieces.append(Piece("paragraph", 0, question))
                lines = lines[1:]
            if any(line.strip() for line in lines):
                pieces.extend(line_pieces(lines))
        elif kind in ("code_block", "fence"):
            pieces.extend(Piece("paragraph", 0, line) for line in token.content.splitlines() if line.strip())
    pieces = _without_link_lists(question_headings(pieces, bold_questions), link_lists)
    return [p for i, p in enumerate(pieces) if not _is_page_furniture(pieces, i)]


def _link_list_label(token: Token) -> int | None:
    """The words (`count_words`) of a list item's inline token that is one link to another
    page and nothing else, its label without a figure but a year (`has_figure`), or None
    for any other item ("[Rotter](/rotter)" -> 1; "[Ring](tel:70101010)", "[Pris](/p)
    2026 kr." -> None)."""
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content.strip())]
    if len(children) < 3 or children[0].type != "link_open" or children[-1].type != "link_close":
        return None
    if any(c.type in ("link_open", "link_close") for c in children[1:-1]):
        return None
    if CONTACT_LINK.match(str(children[0].attrs.get("href") or "")):
        return None
    label = " ".join("".join(line for line in inline_lines(token)).split())
    return None if not label or has_figure(label) else count_words(label)


def _without_link_lists(pieces: list[Piece], link_lists: list[tuple[int, int, int]]) -> list[Piece]:
    """The pieces without each list of links (`link_lists`: (first, end) piece indices of
    a list whose every item is one link, `_link_list_label`, and its longest label's
    words) that stands right under a heading saying no more than that links follow
    (`qa.readers.common.LINK_TITLE`, matched whole: "Se også", "Relaterede links"; not a
    page's title, a level 1 heading) and whose labels are each of at most
    `LINK_LIST_WORDS` words, as the HTML reader drops it
    (`qa.readers.html`); the heading goes with it when nothing else stands under it (a
    heading of the same or a higher level follows, or nothing). A list of longer links
    stays, as it does in HTML under a heading (self-service links were asked for, stop 47),
    and so do a list under another heading ("## Det skal du medbringe"), a numbered list
    (steps) and a list with no text but headings, furniture and a date stamp before its
    heading (a page "## Nyttige links" titled in its front matter, under a breadcrumb trail
    or a stamp: stop 50 reviews', left with no text or only the stamp)."""
    dropped: set[int] = set()
    for first, end, longest in link_lists:
        heading = pieces[first - 1] if first else None
        if heading is None or heading.kind != "heading" or heading.level < 2 or end == first:
            continue
        if not any(_is_content(pieces, i) for i in range(first - 1)):
            continue  # no text of the page's own before it: the page is its list of links
        if longest > LINK_LIST_WORDS or not LINK_TITLE.fullmatch(heading.text.strip()):
            continue
        dropped.update(range(first, end))
        after = pieces[end] if end < len(pieces) else None
        if after is None or (after.kind == "heading" and after.level <= heading.level):
            dropped.add(first - 1)
    return [piece for i, piece in enumerate(pieces) if i not in dropped]


def _is_content(pieces: list[Piece], i: int) -> bool:
    """Whether `pieces[i]` is text of the page's own: no heading, no furniture
    (`_is_page_furniture`) and no date stamp (`is_page_stamp`)."""
    piece = pieces[i]
    return piece.kind != "heading" and not _is_page_furniture(pieces, i) and not is_page_stamp(piece.text)


def _opens_with_bold_line(token: Token) -> bool:
    """Whether a paragraph's first line is all bold: an FAQ written in Markdown sets its
    question so, "**Kan jeg have flere NemKonti?**" over its answer, with or without a
    blank line between (`markdown_pieces` takes it for a heading when it asks and an
    answer follows). Read as a paragraph, the question was quoted as the answer to itself
    (a stop 45 tester's "**I work from home two days a week. Can I still claim?**" for "I
    work from home two days a week. Can I still get the commuting deduction?"). A bold
    label ("**Pris:**") asks nothing and stays text."""
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content.strip())]
    if len(children) < 3 or children[0].type != "strong_open":
        return False
    depth = 0
    for i, child in enumerate(children):
        if child.type in ("softbreak", "hardbreak"):
            return False  # the line ends inside the bold text
        depth += {"strong_open": 1, "strong_close": -1}.get(child.type, 0)
        if depth == 0:
            return i == len(children) - 1 or children[i + 1].type in ("softbreak", "hardbreak")
    return False


def _is_page_furniture(pieces: list[Piece], i: int) -> bool:
    """Whether `pieces[i]` is navigation or tools copied with the page: a breadcrumb trail
    above the article, or a tool bar or a line of links as a paragraph anywhere ("Del
    siden: Facebook · LinkedIn · E-mail · Print", "Se også: [Skolekørsel](/skole) ·
    [Juniorklubber](/klub)": `is_link_line`); a heading naming tools heads a section ("## Udskriv / del"),
    and a bar a paragraph leads in to is content ("... disse knapper:" over "Lyt · Del ·
    Print")."""
    piece = pieces[i]
    if piece.kind != "paragraph":
        return False
    if i < CRUMB_LINES and is_breadcrumb(piece.text):
        return True
    led_in = bool(i) and pieces[i - 1].text.rstrip().endswith(":")
    return (is_tool_bar(piece.text) or is_link_line(piece.text)) and not led_in
