"""HTML into pieces with selectolax (lexbor, an HTML5 parser): all visible main-content text.

The main content is `<main>`, else `[role=main]`, else `<article>`, else `<body>`, with
navigation, headers, footers, asides, forms, cookie and consent banners, dialogs,
buttons, scripts and styles removed (`BOILERPLATE`), and hidden elements (`HIDDEN`).
Inside it, every text node counts (also text directly in `<div>`, `<span>`, `<td>`,
`<dd>`): block elements end a unit, `<br>` ends a line, headings are headings at their
level, each `<li>` is a list item (items of an `<ol>` numbered as a browser shows them),
and each table row is one unit with its values next to their headers
(`qa.readers.html_table`: spans laid out as the HTML table model does). A button in a
column header (`<th>`) is the header's text (a sortable table), without its
screen-reader hint.

Collapsed content is content. Help pages put their answers in accordions, disclosures
and tabs (WAI-ARIA Authoring Practices: the accordion, disclosure and tabs patterns; the
Danish design system DKFDS and Bootstrap build them so): a control names its panel with
`aria-controls` and says whether it is open with `aria-expanded` (or is a
`role=tab`), and the closed panel is hidden (`hidden`, `aria-hidden="true"`,
`display: none`) until the reader clicks. Such a panel (`disclosure_panels`), and any
element `hidden="until-found"` (which the HTML Living Standard makes findable on the
page), is read like visible text. Its control is its label: a button inside a heading
gives the heading its text, and a control or a `<summary>` outside any heading is a
heading one level below the section it is in ("Hvad koster et pas?" above its answer).
Other hidden elements, and buttons that control no panel ("Del", "Print"), stay out.

trafilatura was evaluated on the same fixtures and rejected: on a short page it falls
back to its baseline and returns navigation and content as one paragraph, and with its
size thresholds lowered it drops text written directly in a `<div>` (see the report of
issue 6).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from qa.readers.common import Piece, ReaderError, line_pieces, strip_bullet
from qa.readers.html_table import html_table_pieces

BOILERPLATE = ", ".join(
    [
        "script, style, noscript, template, svg, iframe, object, canvas, select, input, textarea",
        "nav, aside, form, dialog",
        "[role=navigation], [role=banner], [role=contentinfo], [role=search], [role=dialog], [role=alertdialog]",
        '[id*="cookie" i], [class*="cookie" i], [id*="consent" i], [class*="consent" i]',
    ]
)
HIDDEN = ", ".join(
    [
        '[hidden], [aria-hidden=true], [style*="display:none" i], [style*="display: none" i]',
        '[style*="visibility:hidden" i], [style*="visibility: hidden" i]',
    ]
)
# Text for screen readers only (Bootstrap 3-4 `sr-only`, Bootstrap 5 and DKFDS
# `visually-hidden`, Foundation `show-for-sr`): inside a sort button it is the hint
# "Klik for at sortere", no part of the column's header.
SCREEN_READER_ONLY = ".sr-only, .visually-hidden, .show-for-sr"
# A control that shows and hides a panel it names (WAI-ARIA Authoring Practices'
# disclosure, accordion and tabs patterns).
DISCLOSURE_CONTROLS = "[aria-controls][aria-expanded], [role=tab][aria-controls]"
MAIN_CONTENT = ("main", "[role=main]", "article", "body")
# A page's own header and footer are boilerplate; an <article>'s or <main>'s header (its
# title, per the HTML Living Standard's sectioning rules) and footer are content.
PAGE_FRAME = "header, footer"
_SECTIONING = {"main", "article"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements that end a unit (the HTML Living Standard's block-level content, plus table parts).
BLOCKS = {
    "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "hr", "li", "main", "ol", "p", "pre", "section",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "legend", "menu", "hgroup",
}  # fmt: skip
_WHITE = re.compile(r"\s+")


def html_document(html: str) -> tuple[dict[str, str | None], list[Piece]]:
    """The metadata of a page (title from `<title>`, language from `<html lang>`, source
    from the canonical link, date) and the pieces of its main content (text already
    normalised), from one parse."""
    tree = LexborHTMLParser(html)
    metadata = _metadata(tree)  # read before the boilerplate is removed from the tree
    root, disclosures = _main_content(tree)
    return metadata, _pieces(root, disclosures)


def _metadata(tree: LexborHTMLParser) -> dict[str, str | None]:
    title_node = tree.css_first("title")
    html_node = tree.css_first("html")
    lang = (html_node.attributes.get("lang") or "") if html_node is not None else ""
    canonical = tree.css_first('link[rel="canonical"]')
    source = canonical.attributes.get("href") if canonical is not None else None
    return {
        "title": title_node.text(strip=True) if title_node is not None else None,
        "language": lang.strip() or None,
        "source": source or _meta(tree, "og:url"),
        "date": _meta(tree, "date", "dcterms.date", "DC.date", "article:published_time"),
    }


def _meta(tree: LexborHTMLParser, *names: str) -> str | None:
    for name in names:
        node = tree.css_first(f'meta[name="{name}"], meta[property="{name}"]')
        if node is not None and node.attributes.get("content"):
            return node.attributes["content"]
    return None


def main_content(html: str) -> LexborNode:
    """The main-content element of a page with its boilerplate removed.

    Raises ReaderError when the page has no body.
    """
    return _main_content(LexborHTMLParser(html))[0]


@dataclass(frozen=True)
class Disclosures:
    """The disclosures of a page, by `mem_id`: `controls` label the panel that follows
    them (accordion buttons, `aria-expanded` headings), `tabs` are tab controls (read
    as the heading of their panel, which a tab list does not precede directly),
    `panels` are the elements they show, and `tab_labels` maps each tab panel to its
    tab's text."""

    controls: frozenset[int] = frozenset()
    tabs: frozenset[int] = frozenset()
    panels: frozenset[int] = frozenset()
    tab_labels: dict[int, str] = field(default_factory=dict)


def _main_content(tree: LexborHTMLParser) -> tuple[LexborNode, Disclosures]:
    """The main-content element with its boilerplate removed, and the disclosures left
    in it (see the module docstring)."""
    _remove_outermost(tree.css(BOILERPLATE))
    disclosures = disclosure_panels(tree)
    _remove_outermost([n for n in tree.css(HIDDEN) if n.mem_id not in disclosures.panels])
    labels = disclosures.controls - disclosures.tabs
    sort_buttons = [n for n in tree.css("th button") if _in_header_cell(n)]
    _remove_outermost([hint for n in sort_buttons for hint in n.css(SCREEN_READER_ONLY)])
    keep = labels | {n.mem_id for n in sort_buttons}
    _remove_outermost([n for n in tree.css("button") if n.mem_id not in keep])
    _remove_outermost([n for n in tree.css(PAGE_FRAME) if not _inside_content(n)])
    for selector in MAIN_CONTENT:
        root = tree.css_first(selector)
        if root is not None:
            return root, disclosures
    raise ReaderError("the HTML has no <body>; save the whole page, not a fragment of it")


def disclosure_panels(tree: LexborHTMLParser) -> Disclosures:
    """The disclosure controls of a page and the panels they show: a panel is an element
    whose id a control's `aria-controls` lists (space-separated ids), or whose
    `aria-labelledby` names a control (an element with `aria-expanded`), or any element
    `hidden="until-found"`. A control counts only when one of its panels is on the page,
    so a "Menu" button whose menu was removed with the navigation is no label."""
    by_id: dict[str, LexborNode] = {}
    for node in tree.css("[id]"):
        by_id.setdefault(node.attributes.get("id") or "", node)
    controls: set[int] = set()
    tabs: set[int] = set()
    panels: set[int] = {n.mem_id for n in tree.css('[hidden="until-found" i]')}
    tab_labels: dict[int, str] = {}
    for control in tree.css(DISCLOSURE_CONTROLS):
        targets = [by_id.get(i) for i in (control.attributes.get("aria-controls") or "").split()]
        found = [t for t in targets if t is not None and t.mem_id != control.mem_id]
        if not found:
            continue
        controls.add(control.mem_id)
        panels.update(t.mem_id for t in found)
        if control.attributes.get("role") == "tab" and control.tag not in HEADINGS:
            tabs.add(control.mem_id)
            tab_labels.update((t.mem_id, control.text(separator=" ")) for t in found)
    for panel in tree.css("[aria-labelledby]"):
        labels = [by_id.get(i) for i in (panel.attributes.get("aria-labelledby") or "").split()]
        named = [n for n in labels if n is not None and "aria-expanded" in n.attributes]
        if named:
            panels.add(panel.mem_id)
            controls.update(n.mem_id for n in named)
    return Disclosures(frozenset(controls), frozenset(tabs), frozenset(panels), tab_labels)


def _remove_outermost(nodes: list[LexborNode]) -> None:
    """Remove the nodes that have no ancestor among `nodes`: removing a node frees its
    descendants, so those are never touched again."""
    ids = {n.mem_id for n in nodes}
    for node in nodes:
        parent = node.parent
        while parent is not None and parent.mem_id not in ids:
            parent = parent.parent
        if parent is None:
            node.decompose()


def _in_header_cell(node: LexborNode) -> bool:
    """Whether the nearest table cell around a node is a `<th>` (a sortable table's
    column header holds its text in a button: DKFDS `table-sort`, `aria-sort`)."""
    parent = node.parent
    while parent is not None and parent.tag not in ("td", "th", "table"):
        parent = parent.parent
    return parent is not None and parent.tag == "th"


def _inside_content(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in _SECTIONING or parent.attributes.get("role") == "main":
            return True
        parent = parent.parent
    return False


def list_numbers(root: LexborNode) -> dict[int, str]:
    """The number a browser shows for each `<li>` of an `<ol>` under `root` ("3." for the
    third, counting from the `start` attribute), keyed by the item's `mem_id`."""
    numbers: dict[int, str] = {}
    for ol in root.css("ol"):
        start = (ol.attributes.get("start") or "1").strip()
        number = int(start) if start.lstrip("-").isdigit() else 1
        for item in ol.iter():
            if item.tag == "li":
                numbers[item.mem_id] = f"{number}."
                number += 1
    return numbers


class _Walker:
    """Walks the main content in document order, collecting lines into pieces."""

    def __init__(self, numbers: dict[int, str], disclosures: Disclosures) -> None:
        self.numbers = numbers
        self.disclosures = disclosures
        self.section_level = 1  # the level of the last <h1>-<h6>
        self.pieces: list[Piece] = []
        self.lines: list[str] = [""]
        self.item_number: str | None = None
        self.in_item = False

    def flush(self) -> None:
        lines = [line for line in self.lines if line.strip()]
        self.lines = [""]
        if not lines:
            return
        pieces = line_pieces(lines)
        if self.in_item:
            first = pieces[0]
            text = strip_bullet(first.text) if first.kind == "list_item" else first.text
            if self.item_number is not None:
                text = f"{self.item_number} {text}"
            pieces[0] = Piece("list_item", 0, text)
            self.in_item = False
            self.item_number = None
        self.pieces.extend(pieces)

    def label(self, text: str) -> None:
        """A disclosure's label as a heading one level below the section it is in."""
        self.flush()
        self.in_item, self.item_number = False, None
        self.pieces.append(Piece("heading", min(self.section_level + 1, 6), text))

    def walk(self, node: LexborNode) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                self.lines[-1] += _WHITE.sub(" ", child.text_content or "")
            elif tag == "br":
                self.lines.append("")
            elif tag in HEADINGS:
                self.flush()
                text = child.text(separator=" ")
                if self.in_item and self.item_number is not None:
                    text = f"{self.item_number} {text}"  # the number a browser shows before it
                self.in_item, self.item_number = False, None  # a list item with a heading is a section
                level = int(tag[1])
                if not any(n.mem_id in self.disclosures.controls for n in child.traverse()):
                    self.section_level = level  # an accordion's heading is no section of its own
                self.pieces.append(Piece("heading", level, text))
            elif child.mem_id in self.disclosures.tabs:
                continue  # read as the heading of its panel
            elif (tag == "summary" or child.mem_id in self.disclosures.controls) and not _holds_heading(child):
                # The label of a disclosure outside any heading: a heading of what it
                # shows, and the label of a list item (an accordion built as a list).
                self.label(child.text(separator=" "))
            elif child.mem_id in self.disclosures.tab_labels:
                self.label(self.disclosures.tab_labels[child.mem_id])
                self.walk(child)
                self.flush()
            elif tag == "table":
                self.flush()
                self.pieces.extend(html_table_pieces(child))
            elif tag == "pre":
                self.flush()
                self.lines = (child.text(separator="") or "").split("\n")
                self.flush()
            elif tag == "li":
                self.flush()
                self.in_item, self.item_number = True, self.numbers.get(child.mem_id)
                self.walk(child)
                self.flush()
            elif tag in BLOCKS or tag == "summary":
                self.flush()
                self.walk(child)
                self.flush()
            elif tag not in ("-comment", "img"):
                self.walk(child)


def _holds_heading(node: LexborNode) -> bool:
    return any(n.tag in HEADINGS for n in node.traverse())


def _pieces(root: LexborNode, disclosures: Disclosures) -> list[Piece]:
    walker = _Walker(list_numbers(root), disclosures)
    walker.walk(root)
    walker.flush()
    return walker.pieces
