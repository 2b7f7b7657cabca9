"""HTML into pieces with selectolax (lexbor, an HTML5 parser): all visible main-content text.

The main content (`content_roots`) is `<main>` (the first not itself hidden), else
`[role=main]`, else the one outermost `<article>` (of several, the one holding the
`<h1>`; the others are teasers), else `<body>`. With a `<main>`, a title band above it
that holds the page's one `<h1>` is read first (the band and `<main>`'s branch under the
nearest element holding both; a logo or a dialog's `<h1>` is no title). Beside a `<main>`
in its layout row, an `<aside>` (a contact column) is read when, cleaned, it holds more
than links (phone, e-mail and map links count as contact, not links); of an `<aside>`
after a `<main>` right under `<body>`, of the asides and side columns after that
`<article>`, of a section menu's `<nav>` column beside a `<main>`, of the columns after
the wrapper of a `<main>` with no column in its own row, and when the content is `<body>`,
only the blocks whose class or id names contact, or whose own heading does ("Kontakt
Borgerservice"), are read (`side_contact_blocks`: a WordPress theme's contact widget).
Nothing that holds the main content is ever removed: an ASP.NET page is one `<form>`
(with no `<main>`, the form that holds the page's `<h1>` and nearly all its text is
spared as a form: `page_form`), a consent script puts "cookie" classes on `<body>`, and a
page saved with a dialog open has its app root `aria-hidden`.

The page is parsed as a browser that runs scripts parses it (`parse_page`): the content
of a `<noscript>` is one text node, removed with its element, so that a `<noscript>` in
`<head>` holding a `<p>` ("Du skal aktivere JavaScript") does not spill into the body.

Removed from the page: scripts and styles (`SCRIPTS`), navigation, forms, dialogs, breadcrumbs
(`BOILERPLATE`), buttons that show nothing and a question put to them (a feedback poll:
`_polls`), links that lead nowhere standing alone ("Til toppen", "Udskriv":
`_is_script_link`), hidden elements (`HIDDEN`), the page's own header and footer
(`PAGE_FRAME`; also an element whose class or id names a footer, and anywhere the site's
logo: `FRAME_CLASS_PARTS`), and outside the main content asides and cookie and consent
banners (`PAGE_BOILERPLATE`); inside it an aside is a fact box and goes only when it is
mostly links; in an aside that stays, and anywhere under a heading that says no more than
that, a list of links goes ("Relaterede links", with its heading when nothing else stands
under it: `_link_lists`). Page furniture named by its
class or id (`FURNITURE_CLASS_PARTS`: share, feedback, related links, contents lists, menus,
skip links; outside the content also an older theme's menus by id, "topmenu", "leftmenu")
goes when it is a widget
rather than text (`_is_furniture`), as do screen-reader hints inside links and controls,
icon-font glyph names and a heading's permalink mark ("#", "¶"); so do links to social
networks' share endpoints and the short label beside them ("Del:": `_share_bars`). A page nested too
deeply to walk is refused with a message.

Inside the main content every text node counts (also text directly in `<div>`, `<span>`,
`<td>`, `<dd>`): block elements end a unit, `<br>` ends a line (and a unit before a line
that opens with a label, "fredag: 10-13", or between lines of hours: `starts_new_unit`),
headings (`<h1>`-`<h6>`, `role=heading`, a `<p>` with a heading class: `heading_level`)
are headings at their level, each `<li>` is a list item (items of an `<ol>` numbered as a browser shows them,
"3.", "c.", "iii.": `list_numbers`), each table row is one unit with its values next to
their headers (`qa.readers.html_table`: spans laid out as the HTML table model does; a
button in a column header, as in a sortable table, is the header's text; a table that
lays out the page, a cell holding a table or a heading beside other blocks, is read as blocks:
`is_layout_table`), and so is each group of a description list ("Torsdag: 10.00-17.30").
Text-level formatting joins its text to its neighbours' in body text, headings, labels
and cells alike (`inline_text`); two other elements that meet with no white space
("<span>Telefon</span><span>33 98 00 10</span>") are read apart where the layout sets
them apart (`_laid_apart`), as are, wherever they meet, a word of lower-case letters and
a capital ("boligstøtte<small>Opdateret 2024</small>": `_case_seam`), while a word cut
by markup stays whole ("<a>NemKonto</a>en", "<b>Nem</b>Konto",
"<span>Ansøgnings</span><span>fristen</span>", a Word export's `<span class=SpellE>`
pieces); footnote marks ("309 kr.<sup>1</sup>") are left out (`is_footnote_mark`). A
heading that repeats the one right before it is read once (`without_copies`: a copy for
another screen width that the stylesheet hides). A paragraph that is one question
set wholly in bold, with an answer after it, is a heading one level below the section
(`question_headings`: an FAQ written as bold paragraphs).

Collapsed content is content. Help pages put their answers in accordions, disclosures
and tabs (WAI-ARIA Authoring Practices: the accordion, disclosure and tabs patterns; the
Danish design system DKFDS and Bootstrap build them so): a control names its panel with
`aria-controls` and says whether it is open with `aria-expanded` (or is a `role=tab`),
and the closed panel is hidden (`hidden`, `aria-hidden="true"`, `display: none`) until
the reader clicks; a control that names no panel (a site's own accordion script) shows
the element right after it, or after the heading around it (hidden while the control is
closed), and so does a plain `type="button"` outside any form right before an element of
text not displayed (`hidden`, `display: none`: an older script toggles "the next element"). Such
a panel (`disclosure_panels`), and any element `hidden="until-found"` (which the HTML
Living Standard makes findable on the page), is read like visible text. Its control is
its label: a button inside a heading gives the heading its text, and a control or a
`<summary>` outside any heading is a heading one level below the section it is in ("Hvad
koster et pas?" above its answer); not a control that holds its own panel, a link in a
paragraph ("Læs mere"), a control of several panels ("Åbn alle") or one without letters
(a carousel's dots). Bootstrap's tabs, pills and collapses name their panel with their
documented `data-toggle` / `data-bs-toggle` and the "#id" of their `href` or
`data-target` (`BOOTSTRAP_CONTROLS`) and are read as the ARIA patterns are. Tab panels
are found before anything is removed (a tab list may sit in a `<nav>`), each read under
its tab's text. An older FAQ's script shows its answer too: one whose question's link or
block names the answer's id, runs a script that takes the element after it, or hands
itself to a page function (`onclick="klToggle(this)"`), where two such questions at least
stand under an element named for an FAQ; a table of one column laid out as such an FAQ
(question rows, answer rows) is read as its headings over their answers. Other hidden
elements, and buttons that control no panel ("Del", "Print"), stay out.

trafilatura was evaluated on the same fixtures and rejected: on a short page it falls
back to its baseline and returns navigation and content as one paragraph, and with its
size thresholds lowered it drops text written directly in a `<div>` (see the report of
issue 6).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

from qa.normalise import has_letter_or_digit
from qa.readers.common import (
    CLOSING,
    CONTACT_LINK,
    LINK_HEADING,
    LINK_LINE_WORDS,
    LINK_LIST_WORDS,
    LINK_TITLE,
    TITLE_SEPARATOR,
    Piece,
    ReaderError,
    count_words,
    declared_title,
    has_figure,
    iso_date,
    line_pieces,
    link_line_labels,
    question_headings,
    roman,
    strip_bullet,
)
from qa.readers.dom import WHITE, all_bold, ancestors, closest
from qa.readers.html_table import html_table_pieces, owner_table, table_caption, table_rows

# Removed wherever they are, except the content root and what holds it (an ASP.NET page
# is one <form> around everything; react-modal hides the app root while a dialog is open).
_LANDMARK_ROLES = (
    "[role=navigation], [role=banner], [role=contentinfo], [role=search], [role=dialog], [role=alertdialog]"
)
# Cookie and consent banners, by their id or class, or by the name they give assistive
# technology (`aria-label="Cookie-samtykke"` on a banner whose id and class are a vendor's
# code, "coiOverlay") when that element is a banner: a modal (`aria-modal`; a dialog goes
# anyway) or an overlay fixed on the screen. A section of a cookie policy named so
# (`<section aria-label="Cookies vi bruger">`) is content.
_OVERLAY = ('[aria-modal="true" i]', '[style*="position:fixed" i]', '[style*="position: fixed" i]')
_CONSENT = ", ".join(
    [f'[{a}*="{w}" i]' for a in ("id", "class") for w in ("cookie", "consent")]
    + [f'[aria-label*="{w}" i]{overlay}' for w in ("cookie", "consent") for overlay in _OVERLAY]
)
# What a page runs or styles, never read; removed before `BOILERPLATE`, so that no text
# share counts it.
SCRIPTS = "script, style, noscript, template"
BOILERPLATE = ", ".join(
    [
        "svg, iframe, object, canvas, select, input, textarea",
        "nav, form, dialog",
        _LANDMARK_ROLES,
        '[aria-label*="breadcrumb" i], [aria-label*="brødkrumme" i]',
    ]
)
# Removed outside the content root only: cookie and consent banners (inside it, an id
# such as "consent-from-both-parents" names a section of the text) and asides (inside
# it or beside it in its layout row, a fact box or a contact column; there an aside goes
# only when it is mostly links).
PAGE_BOILERPLATE = ", ".join(["aside", _CONSENT])
# Class names of page furniture, as whole dash- or underscore-separated parts of a class
# ("c-breadcrumb", "article__share", "feedback-widget"; not "sharepoint" or "shared"):
# breadcrumbs, menus, share and social links and related-content lists after Mozilla
# Readability's `unlikelyCandidates` and `negative` patterns; feedback widgets ("Fandt du
# det, du søgte?", a question that is no part of the text), tables of contents, whose
# items repeat the headings, and skip links ("Spring til indhold").
FURNITURE_CLASS_PARTS = frozenset(
    {
        "breadcrumb",
        "breadcrumbs",
        "menu",
        "share",
        "sharing",
        "social",
        "related",
        "feedback",
        "toc",
        "skip",
        "skiplink",
    }
)
# Screen-reader hints inside a link, a button or a `<summary>` ("(åbner i nyt vindue)",
# "Vis svar"), by the visually-hidden class names of Bootstrap, GOV.UK, WordPress and
# Foundation; and icon fonts whose text is a glyph name ("arrow_forward"; Google's
# Material Symbols).
_HINT_CLASS = re.compile(
    r"(^|[-_])(sr-only|visually-hidden|visuallyhidden|screen-reader-text|show-for-sr)$", re.IGNORECASE
)
_CONTROL_PARTS = "a [class], button [class], summary [class], [role=button] [class]"
_ICON_CLASS = re.compile(r"^material-(icons|symbols)", re.IGNORECASE)
# Links within the page inside a heading: without a letter or digit ("#", "¶", "🔗") they
# are the heading's permalink mark, no part of its text.
_HEADING_LINKS = ", ".join(f'{h} a[href^="#"]' for h in ("h1", "h2", "h3", "h4", "h5", "h6", "[role=heading]"))
_CLASS_PART = re.compile(r"[-_]+")
_HEADINGS_SELECTOR = "h1, h2, h3, h4, h5, h6"
# Marks that set links apart in a bar of links ("Borger | Erhverv · Kontakt").
_SEPARATORS = re.compile(r"[|·•/›»–-]")
# An aside inside the content whose link text is more than this share of its text is a
# list of links (the link density of Mozilla Readability, which uses 0.5 alike).
ASIDE_LINK_DENSITY = 0.5
# A furniture element with a form control, no page title and at most this many characters
# of text is a widget ("Fandt du det, du søgte?" with its Ja / Nej buttons).
WIDGET_TEXT = 200
HIDDEN = ", ".join(
    [
        '[hidden], [aria-hidden=true], [style*="display:none" i], [style*="display: none" i]',
        '[style*="visibility:hidden" i], [style*="visibility: hidden" i]',
    ]
)
# A control that shows and hides a panel it names (WAI-ARIA Authoring Practices'
# disclosure, accordion and tabs patterns).
DISCLOSURE_CONTROLS = "[aria-controls][aria-expanded], [role=tab][aria-controls]"
# Such a control without `aria-controls` (many sites' own accordions script the element
# after the button): its panel is the element that follows it (`_panel_after`).
SIBLING_CONTROLS = ", ".join(
    f"{tag}[aria-expanded]" for tag in ("button", "a", "[role=button]", "h1", "h2", "h3", "h4", "h5", "h6")
)
# Bootstrap's toggles (its documented `data-toggle` / `data-bs-toggle` attributes): a tab
# or pill shows the pane its `href` or `data-target` names ("#a1"), as `role=tab` with
# `aria-controls` does, and a collapse toggle shows its panel as a disclosure control.
BOOTSTRAP_TABS = ("tab", "pill")
BOOTSTRAP_CONTROLS = ", ".join(
    f'[{attribute}="{kind}" i]'
    for attribute in ("data-toggle", "data-bs-toggle")
    for kind in (*BOOTSTRAP_TABS, "collapse")
)
# Not displayed: what a script shows by removing the attribute or the inline style.
COLLAPSED = '[hidden], [style*="display:none" i], [style*="display: none" i]'
MAIN_CONTENT = ("main", "[role=main]")
# A page's own header and footer are boilerplate; an <article>'s or <main>'s header (its
# title, per the HTML Living Standard's sectioning rules) and footer are content.
PAGE_FRAME = "header, footer"
PAGE_FRAME_TAGS = frozenset({"header", "footer", "nav"})
# Class or id parts ("site-footer", "footer__links", "logo"; not "footerless" or "logos")
# that name the page's frame where a site builds it of <div>s: a footer, which like the
# <footer> element is content only inside <main> or an <article>, and the site's logo,
# likewise.
FRAME_CLASS_PARTS = frozenset({"footer", "logo"})
# Where a page's only <h1> is no title of its content: the page's frame, navigation,
# asides, dialogs and cookie or consent banners (not a <form>: ASP.NET wraps the page in one;
# nor a hidden element: a page saved with a dialog open hides its app root).
NO_TITLE = ", ".join([PAGE_FRAME, "nav, aside, dialog", _LANDMARK_ROLES, _CONSENT])
_SECTIONING = {"main", "article"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements that end a unit (the HTML Living Standard's block-level content, plus table parts).
BLOCKS = {
    "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "hr", "li", "main", "ol", "p", "pre", "section",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "legend", "menu", "hgroup",
}  # fmt: skip
# Text-level elements that style part of a word or phrase ("m<sup>2</sup>",
# "<strong>Nem</strong>Konto"; the HTML Living Standard's text-level semantics). Two other
# elements that meet with no white space between them (server-rendered
# "<span>Telefon</span><span>33 98 00 10</span>", laid out apart by its CSS) are read with
# a space between them where `_laid_apart` says so; text after a link runs on
# ("<a>NemKonto</a>en").
FORMATTING = {
    "abbr", "b", "bdi", "bdo", "big", "cite", "code", "del", "dfn", "em", "font", "i", "ins", "kbd", "mark", "q",
    "rp", "rt", "ruby", "s", "samp", "small", "strike", "strong", "sub", "sup", "tt", "u", "var", "wbr",
}  # fmt: skip


def parse_page(html: str) -> LexborHTMLParser:
    """A page's tree as a browser that runs scripts builds it: a `<noscript>` holds only
    text (the HTML Living Standard's scripting flag), wherever it stands."""
    return LexborHTMLParser(html, scripting=True)


def html_document(html: str, file_name: str = "") -> tuple[dict[str, str | None], list[Piece]]:
    """The metadata of a page (title from `<title>` without a site-name suffix,
    `page_title`, unless a program wrote it as a placeholder or it is the file's name
    `file_name`, `qa.readers.common.declared_title`; language from `<html lang>`, source
    from the canonical link, date) and the pieces of its main content (text already
    normalised), from one parse. Raises ReaderError for a page nested too deeply to walk."""
    tree = parse_page(html)
    metadata = _metadata(tree, file_name)  # read before the boilerplate is removed from the tree
    try:
        roots, disclosures = _main_content(tree)
        return metadata, without_copies([piece for root in roots for piece in _pieces(root, disclosures)])
    except RecursionError:
        raise ReaderError(
            "the page nests its elements too deeply to read (hundreds of levels); save the page as a browser shows it"
        ) from None


def without_copies(pieces: list[Piece]) -> list[Piece]:
    """The pieces without each heading that repeats the heading right before it (level
    and text the same, white space and case aside): a copy of a title that a page shows
    at another screen width and hides with its stylesheet (`<h1 class="d-md-none">Pas</h1>
    <h1 class="d-none d-md-block">Pas</h1>`), which a reader that runs no CSS sees twice.
    Paragraphs, list items and table rows are kept: two alike are two answers in a grid
    ("Ja", "Ja") or two steps ("Klik på Næste")."""
    kept: list[Piece] = []
    for piece in pieces:
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and piece.kind == previous.kind == "heading"
            and piece.level == previous.level
            and _folded(piece.text) == _folded(previous.text)
        ):
            continue
        kept.append(piece)
    return kept


def _folded(text: str) -> str:
    return WHITE.sub(" ", text).strip().casefold()


def _metadata(tree: LexborHTMLParser, file_name: str) -> dict[str, str | None]:
    title_node = tree.css_first("title")
    html_node = tree.css_first("html")
    lang = (html_node.attributes.get("lang") or "") if html_node is not None else ""
    canonical = tree.css_first('link[rel="canonical"]')
    source = canonical.attributes.get("href") if canonical is not None else None
    title = title_node.text(strip=True) if title_node is not None else None
    return {
        "title": declared_title(page_title(title, _meta(tree, "og:site_name")), file_name) if title else None,
        "language": lang.strip() or None,
        "source": source or _meta(tree, "og:url"),
        "date": _meta_date(tree),
    }


# A host name as a site names itself: "borger.dk", "www.skat.dk", "lifeindenmark.borger.dk".
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}", re.IGNORECASE)


def page_title(title: str, site_name: str | None) -> str:
    """A page's `<title>` without the site's name after the last " | ", " – " or " - "
    ("Pas (side) | borger.dk" is "Pas (side)"), when that suffix is the page's
    `og:site_name` (case and spacing aside) or a host name (`_HOST`) and text is left
    before it; the title as it is otherwise ("Storskrald | Syddjurs Kommune" without an
    `og:site_name`)."""
    separators = list(TITLE_SEPARATOR.finditer(title))
    if not separators:
        return title
    last = separators[-1]
    page, suffix = title[: last.start()].strip(), title[last.end() :].strip()
    same_site = (
        site_name is not None and WHITE.sub(" ", suffix).casefold() == WHITE.sub(" ", site_name).strip().casefold()
    )
    if page and (same_site or _HOST.fullmatch(suffix)):
        return page
    return title


# The meta tags that give a page's date, in order of precedence: the HTML "date" name,
# Dublin Core's (DCMI Metadata Terms, in two spellings) and Open Graph's article time.
DATE_META = ("date", "dcterms.date", "DC.date", "article:published_time")


def _meta_date(tree: LexborHTMLParser) -> str | None:
    """The first of the page's `DATE_META` that is a date (`iso_date`); a page's "3. marts
    2024" or "Opdateret i går" is no date the service can serve as one, so it is passed
    over (the page is read all the same: its author, not the operator, wrote it)."""
    for name in DATE_META:
        value = (_meta(tree, name) or "").strip()
        if iso_date(value):
            return value
    return None


def _meta(tree: LexborHTMLParser, *names: str) -> str | None:
    for name in names:
        node = tree.css_first(f'meta[name="{name}"], meta[property="{name}"]')
        if node is not None and node.attributes.get("content"):
            return node.attributes["content"]
    return None


def main_content(html: str) -> list[LexborNode]:
    """The elements holding a page's main content, in reading order, with their
    boilerplate removed (`content_roots`).

    Raises ReaderError when the page has no body.
    """
    return _main_content(parse_page(html))[0]


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


def _main_content(tree: LexborHTMLParser) -> tuple[list[LexborNode], Disclosures]:
    """The elements that hold the main content, in reading order, with the boilerplate
    removed, and the disclosures left in them (see the module docstring). Raises
    ReaderError when the page has no body."""
    # Tab panels and their labels are found before anything is removed: a tab list may
    # sit in a <nav>, which goes.
    scripts = page_script_texts(tree)
    early = disclosure_panels(tree, scripts)
    roots = content_roots(tree, early.panels)
    held = {n.mem_id for root in roots for n in [root, *ancestors(root)]}  # never removed
    # With no <main> or <article>, the body is no evidence of what is content.
    inside = {n.mem_id for root in roots for n in root.traverse()} if roots[0].tag != "body" else set()

    def remove(nodes: list[LexborNode]) -> None:
        _remove_outermost([n for n in nodes if n.mem_id not in held])

    remove(tree.css(SCRIPTS))
    # With no <main>, an ASP.NET page's one <form> around the page is found by what it
    # holds, and spared as a form only: what is hidden, a banner or furniture in it goes.
    page_forms = set()
    if roots[0].tag == "body":
        body_chars, headings = _text_chars(roots[0]), len(roots[0].css("h1"))
        page_forms = {n.mem_id for n in tree.css("form") if page_form(n, body_chars, headings)}
    remove([n for n in tree.css(BOILERPLATE) if n.mem_id not in page_forms])
    boilerplate = [n for n in tree.css(PAGE_BOILERPLATE) if n.mem_id not in inside or _mostly_links(n)]
    if roots[0].tag == "body":
        # With no <main>, an aside's contact blocks stay (`side_contact_blocks`: a
        # WordPress theme's `<aside id="secondary">` with its office hours widget, a stop
        # 43 tester's page), the rest of it goes.
        contact = {n.mem_id: side_contact_blocks(n) for n in boilerplate if n.tag == "aside"}
        for aside in [n for n in boilerplate if contact.get(n.mem_id)]:
            if all(block.mem_id != aside.mem_id for block in contact[aside.mem_id]):
                _keep_only(aside, contact[aside.mem_id])  # an aside that is its box stays whole
        boilerplate = [n for n in boilerplate if not contact.get(n.mem_id)]
    remove(boilerplate)
    remove([n for n in tree.css("[class], [id]") if _is_furniture(n)])
    remove([n for n in tree.css(_CONTROL_PARTS) if _is_hint(n)])
    remove([n for n in tree.css("[class]") if any(_ICON_CLASS.match(t) for t in _class_tokens(n))])
    remove([n for n in tree.css(_HEADING_LINKS) if not any(c.isalnum() for c in n.text(separator=" "))])
    late = disclosure_panels(tree, scripts)
    disclosures = Disclosures(
        late.controls, late.tabs, late.panels | early.panels, {**early.tab_labels, **late.tab_labels}
    )
    remove([n for n in tree.css(HIDDEN) if n.mem_id not in disclosures.panels])
    labels = disclosures.controls - disclosures.tabs
    sort_buttons = {n.mem_id for n in tree.css("th button") if _in_header_cell(n)}  # their hints went above
    idle = [n for n in tree.css("button") if n.mem_id not in labels | sort_buttons]
    remove(idle + _polls(tree, idle))
    remove([n for n in tree.css("a[href]") if n.mem_id not in labels and _is_script_link(n)])
    shares = [n for n in tree.css("a[href]") if is_share_link(n.attributes.get("href") or "")]
    remove(shares + _share_bars(tree, shares))
    remove([n for n in tree.css(PAGE_FRAME) if not _inside_content(n)])
    # Frame by class or id, outside the content only: inside <main>, id="logo" is as likely
    # a heading's anchor ("Logo" in a design guide) or a section about a logo. A heading
    # is never frame by its id or class (a logo <h1> is no title: `_is_logo`).
    remove(
        [n for n in tree.css("[class], [id]") if _names_frame(n) and not _inside_content(n) and n.tag not in HEADINGS]
    )
    # A column beside <main> is read only when, cleaned, it holds more than links.
    kept = [r for r in roots if r.tag != "aside" or not _mostly_links(r)]
    # In an aside that stays (a contact column, a fact box), a list of links under a heading
    # that speaks of links ("Relaterede links", "Læs også") goes, and with it its heading
    # when nothing else stands under that heading; anywhere else in what stays (the content,
    # an older theme's right column) one under a heading that says no more than that.
    remove(_keeping_layout([n for root in kept for n in _link_lists(root) + _link_lines(root)]))
    return kept, disclosures


# A <form> holding at least this share of the page's text (non-space characters) holds
# the page itself (ASP.NET WebForms wraps every page in one), not a search, contact,
# newsletter or feedback form, which on a short page may hold half of its text.
PAGE_FORM_SHARE = 0.8


def page_form(form: LexborNode, body_chars: int, body_headings: int) -> bool:
    """Whether a `<form>` wraps the page rather than being one of its widgets: it holds
    every `<h1>` of the body (`body_headings` of them; a feedback or contact form under
    the page's title holds none, a header's search form beside a logo `<h1>` holds little
    text) and at least `PAGE_FORM_SHARE` of the body's text (`body_chars`, non-space
    characters without scripts: `_text_chars`). A hidden login form or a cookie banner
    that passes still goes as hidden or as a banner. For a page whose content root is
    `<body>` (no `<main>` or `<article>`), where a form is otherwise boilerplate."""
    if len(form.css("h1")) < body_headings:
        return False
    return _text_chars(form) >= PAGE_FORM_SHARE * body_chars


def _text_chars(node: LexborNode) -> int:
    """The non-space characters of a node's text."""
    return len(WHITE.sub("", node.text(separator=" ")))


def _link_lists(root: LexborNode) -> list[LexborNode]:
    """The lists of links within a content root (`<main>`, a column beside it, `<body>`): a
    list whose every item is one link and nothing else, its text without a digit but a
    year's ("Affaldsgebyrer 2026") and of at most `LINK_LIST_WORDS` words (`LINK_LINE_WORDS`
    under a bold "Se også:", `_SEE_ALSO_LABEL`; longer links under a "Se også" heading were
    left out at stop 47 and taken back: self-service links, "Apply online for family
    reunification with a spouse", were what questions asked for), and no link a contact
    (`CONTACT_LINK`), right under a bold line or paragraph that says no more than that
    links follow (`_LINK_LABEL_TAGS`, `LINK_TITLE`: both go; not when nothing but the
    page's title stands before it, `_text_before`), or right under a heading that says it
    holds links: in an `<aside>` (a fact box,
    a contact column) any heading that speaks of links (`qa.readers.common.LINK_HEADING`:
    "Relaterede links", "Læs også om ..."), elsewhere one that says no more than that
    (`LINK_TITLE`, matched whole: "Related links", "Se også"). Each goes with the element
    that only wraps it (up to its aside or `root`), and with its heading when nothing else
    stands under it (the next element is a heading of the same or a higher level, or there
    is none); never under the page's title, an `<h1>` (a page "Nyttige links" that is its
    list), and never an aside or `root` itself. At stop 41 such a list in an older theme's
    right column (no `<aside>`) was quoted, "Gadelys (in Danish)" for a question on street
    lights, as was a text page's (`qa.readers.text`). Those in a table's cell are sorted by
    `_keeping_layout`."""
    out: list[LexborNode] = []
    for listing in root.css("ul, ol"):
        longest = _longest_link(listing)
        if longest is None or longest > LINK_LINE_WORDS:
            continue
        aside = root if root.tag == "aside" else closest(listing, lambda a: a.tag == "aside")
        bound = aside if aside is not None else root
        block = listing
        while (parent := block.parent) is not None and parent.mem_id != bound.mem_id and _wraps(parent, block):
            block = parent
        heading = _next_element(block, backward=True)
        title = heading.text(separator=" ").strip() if heading is not None else ""
        # Links of more than `LINK_LIST_WORDS` words go only under a bold "Se også:" (a
        # box of related pages, whose "Farligt affald og batterier" left "Affaldsgebyrer
        # 2026" in the text, a stop 48 tester's page); under a heading they stay, as stop
        # 47 found ("Apply online for family reunification with a spouse" was asked for).
        if longest > LINK_LIST_WORDS and not (
            heading is not None and heading.tag in _LINK_LABEL_TAGS and _SEE_ALSO_LABEL.fullmatch(title)
        ):
            continue
        if heading is not None and heading.tag in _LINK_LABEL_TAGS:
            # A bold line or a paragraph saying no more than that links follow ("<strong>Se
            # også:</strong>" over the list): it goes with them, unless nothing but the
            # page's title stands before it (a page "New in Lindå" that is its "Useful
            # links:", its title in a wrapper or a band above `<main>`: two reviews').
            if LINK_TITLE.fullmatch(title) and _text_before(heading, root):
                out.extend((block, heading))
            continue
        if heading is None or heading.tag not in HEADINGS or heading.tag == "h1":
            continue
        if not (LINK_TITLE.fullmatch(title) or (aside is not None and LINK_HEADING.search(title))):
            continue
        out.append(block)
        after = _next_element(block)
        if after is None or (after.tag in HEADINGS and after.tag <= heading.tag):
            out.append(heading)
    return out


def _text_before(node: LexborNode, root: LexborNode) -> bool:
    """Whether any text of `root` outside an `<h1>` comes before `node` in document order
    (walked once, up to `node`)."""
    for current in root.traverse(include_text=True):
        if current.mem_id == node.mem_id:
            return False
        if (
            current.tag == "-text"
            and (current.text_content or "").strip()
            and closest(current, lambda a: a.tag == "h1") is None
        ):
            return True
    return False


def _keeping_layout(found: list[LexborNode]) -> list[LexborNode]:
    """The lists and lines of links `found` (`_link_lists`, `_link_lines`) that may go: not
    those in a data table's cell, nor those of a table that lays out a page
    (`is_layout_table`) and would no longer without all of them: an
    older page laid out in a table is told by a cell's heading over its list, and a third
    reviewer's page whose one such cell was "Se også" over its links was read as one table
    row without it (as, at stop 49, a review's column of two lists of links, and one of a
    contact box and a line of links)."""
    by_table: dict[int, tuple[LexborNode, list[LexborNode]]] = {}
    out: list[LexborNode] = []
    for node in found:
        cell = closest(node, lambda a: a.tag in ("td", "th"))
        table = closest(cell, lambda a: a.tag == "table") if cell is not None else None
        if table is None:
            out.append(node)
        elif is_layout_table(table):
            by_table.setdefault(table.mem_id, (table, []))[1].append(node)
    for table, nodes in by_table.values():
        if is_layout_table(table, frozenset(n.mem_id for n in nodes)):
            out.extend(nodes)
    return out


# The elements that hold a list of links' title when no heading does: `<p>Se også:</p>`,
# `<strong>Se også:</strong>` right over the list (a stop 48 tester's older theme, whose
# "Affaldsgebyrer 2026" link was quoted).
_LINK_LABEL_TAGS = frozenset({"p", "strong", "b"})
# Such a label that points on to other pages on the subject, with its colon ("Se også:");
# not "Læs mere:", which also leads into next steps (a stop 49 review's "Sådan gør du").
_SEE_ALSO_LABEL = re.compile(r"(se også|læs også|see also)\s*:", re.IGNORECASE)


def _link_lines(root: LexborNode) -> list[LexborNode]:
    """The lines of links within a content root: a paragraph or a box of no other block
    whose text is one line of links (`qa.readers.common.link_line_labels`: "Se også: Pas |
    Kørekort | borger.dk") and whose every label is a link of its own, as the text reader
    drops such a line. A stop 48 tester's older theme had `<div class="seeAlso"><strong>Se
    også:</strong> <a>Pas</a> | <a>Kørekort</a> | <a>borger.dk</a></div>` read as a
    paragraph. A sentence that names pages ("Læs også: Pædagogisk Psykologisk Rådgivning
    i Bakkely og Stammeforeningen.") is none, nor a line whose labels are not all links."""
    out: list[LexborNode] = []
    for node in root.css("p, div"):
        if any(n.tag in BLOCKS or n.tag in HEADINGS for n in node.traverse() if n.mem_id != node.mem_id):
            continue
        shown = link_line_labels(WHITE.sub(" ", node.text(separator=" ")).strip())
        links = {WHITE.sub(" ", a.text(separator=" ")).strip() for a in node.css("a")}
        if shown is not None and all(label in links for label in shown):
            out.append(node)
    return out


def _longest_link(listing: LexborNode) -> int | None:
    """The words of the longest label (`qa.readers.common.count_words`: not "–") of a list
    whose every item is one link to another page, without a figure but a year, and
    nothing else (`_link_lists`), or None for any other list."""
    items = [c for c in listing.iter() if c.tag == "li"]
    if not items:
        return None
    longest = 0
    for item in items:
        links = item.css("a")
        text = WHITE.sub(" ", item.text(separator=" ")).strip()
        if len(links) != 1 or CONTACT_LINK.match(links[0].attributes.get("href") or ""):
            return None
        if WHITE.sub(" ", links[0].text(separator=" ")).strip() != text or not text or has_figure(text):
            return None
        longest = max(longest, count_words(text))
    return longest


def _wraps(parent: LexborNode, child: LexborNode) -> bool:
    """Whether an element holds nothing but `child` (white space aside)."""
    same_text = WHITE.sub("", parent.text(separator=" ")) == WHITE.sub("", child.text(separator=" "))
    return same_text and all(c.mem_id == child.mem_id for c in parent.iter())  # iter(): elements only


# A column beside the main content that is no `<aside>`: a theme's `<div class="col-md-4
# sidebar">` or `[role=complementary]` (WAI-ARIA's landmark for an aside). Such columns
# hold news teasers, "Mest besøgte" menus and popular topics as often as contact (a stop 43
# reviewer's Drupal, Bootstrap and lifeindenmark-like pages leaked teasers into answers),
# so only their contact blocks are read, those whose class or id names contact
# (`CONTACT_PARTS`: "contact-card", "kontaktboks"): held-out t71's "Telefontid:
# mandag–torsdag kl. 9.00–15.00, ..." in a sidebar's contact card was served by no reading
# of its page.
SIDE_COLUMN_PARTS = frozenset({"sidebar"})
# Class or id parts of a block of a side column that is content: contact details and a fact
# box ("kp-factbox", a stop 43 tester's estate office with its hours).
CONTACT_PARTS = frozenset(
    {"contact", "kontakt", "kontaktboks", "kontaktbox", "contactbox", "kontaktinfo", "contactinfo", "factbox",
     "faktaboks", "faktabox"}
)  # fmt: skip


def is_side_column(node: LexborNode) -> bool:
    """Whether an element that is no `<aside>` is a column beside the content: of role
    `complementary`, or with the class or id part "sidebar" (`SIDE_COLUMN_PARTS`: "col-md-4
    sidebar", "page-sidebar"; not "sidebarmenu")."""
    return (node.attributes.get("role") or "").lower() == "complementary" or _names_part(node, SIDE_COLUMN_PARTS)


# A box's own heading that names contact ("Kontakt Natur og Miljø", "Kontaktoplysninger",
# "Contact us"; not "Kontaktløs betaling" nor the event "Kontakt-caféen"): a WordPress text
# widget's title over its office's phone hours, in a sidebar whose classes name no contact
# (held-out t113: "Torsdag kl. 9-17" was read from no reading of its page). General Danish
# and English words.
CONTACT_HEADING = re.compile(r"(kontakt(oplysninger|info(rmation)?)?|contact(s|info)?)(?=[\s:]|$)", re.IGNORECASE)


def _headed_contact_box(heading: LexborNode, column: LexborNode) -> LexborNode | None:
    """The box that `heading` (a heading naming contact: `CONTACT_HEADING`) titles within
    `column`, or None: the nearest element holding more than the heading, reached through
    elements whose first element with text it is (a Bootstrap card's `card-header` around
    it, an icon before it), that is `column` or inside it, holds no other heading
    (`heading_level`: stop 53 reviews, an older theme's right column opening with
    "Kontakt", then "Nyheder" and "Mest læste" with their teasers, and news under a `<p
    class="h3">`) and is not mostly links (`_mostly_links`: a "Kontakt" section's menu,
    "Skriv til os", "Find en medarbejder"). A heading that links to another page titles
    a teaser of it ("Kontakt Ydelsesservice" over "Her finder du telefonnummer ...")."""
    if any(not CONTACT_LINK.match(a.attributes.get("href") or "") for a in heading.css("a[href]")):
        return None
    title = _folded(heading.text(separator=" "))
    node = heading
    while True:
        box = node.parent
        if box is None or (box.mem_id != column.mem_id and all(a.mem_id != column.mem_id for a in ancestors(box))):
            return None
        first = next((c for c in box.iter() if has_letter_or_digit(c.text(separator=" "))), None)
        if first is None or first.mem_id != node.mem_id:
            return None
        if _folded(box.text(separator=" ")) != title:
            break
        node = box
    inside = {n.mem_id for n in heading.traverse()}
    others = [n for n in box.traverse() if n.mem_id not in inside and heading_level(n) is not None]
    return None if others or _mostly_links(box) else box


def side_contact_blocks(
    column: LexborNode, hidden: AbstractSet[int] = frozenset(), *, menu: bool = False
) -> list[LexborNode]:
    """The outermost elements of a side column (the column itself included) whose class
    or id names contact or a fact box (`CONTACT_PARTS`), or whose own first heading names
    contact (`_headed_contact_box`), each after the heading right
    before it when it has none of its own (a widget's title: "Kontakt Borgerservice" over
    `<div class="kontakt">`, which read under the page's last heading otherwise, a stop 44
    review), in document order, each once; none when it has none. Not one in the column
    that is hidden (`hidden`: `mem_id`s) or a menu or a dialog or a chat, or stands in one
    (a stop 50 review: a `<nav class="contact-nav">`, a `contact-modal` and a stale
    `display:none` box were read; a widget with both an id and a class was read twice, as
    the selector matches it once for each), and none of a column that is a dialog or a
    chat (a stop 53 review: a chat launcher's greeting under "Kontakt os på chat"). In a
    menu (`menu`: a `<nav>` beside the content, held-out t114's holding the office's
    `<section class="c-contactcard">` under "Kontakt Ungejobservice") only the boxes that
    are cards (`_a_card`), neither the menu itself nor a heading ("contact-nav", a menu
    item "nav-item--contact", a navbar's "Kontakt" column of links: a stop 53 review). A
    form is no reason: a "Ring mig op" box is a `<form>` around its phone hours (a third
    review's; a contact form's field labels are read)."""
    if _names_part(column, _MODAL_PARTS):
        return []
    if _names_part(column, CONTACT_PARTS) and not menu:
        return [column]
    named = [n for n in column.css("[class], [id]") if _names_part(n, CONTACT_PARTS) and n.mem_id != column.mem_id]
    headings = [h for h in column.css(_HEADINGS_SELECTOR) if CONTACT_HEADING.match(h.text(separator=" ").strip())]
    boxes = named + [box for h in headings if (box := _headed_contact_box(h, column)) is not None]
    if menu:
        boxes = [n for n in boxes if n.mem_id != column.mem_id and n.tag not in HEADINGS and _a_card(n)]
    order = {n.mem_id: i for i, n in enumerate(column.traverse())}
    found = sorted({n.mem_id: n for n in boxes}.values(), key=lambda n: order[n.mem_id])
    found = [n for n in found if not _out_of_view(n, column, hidden)]
    ids = {n.mem_id for n in found}
    blocks: list[LexborNode] = []
    for block in (n for n in found if not any(a.mem_id in ids for a in ancestors(n))):
        before = _next_element(block, backward=True)
        if block.css_first(_HEADINGS_SELECTOR) is None and before is not None and before.tag in HEADINGS:
            blocks.append(before)
        blocks.append(block)
    return blocks


def _a_card(box: LexborNode) -> bool:
    """Whether a box in a menu is a contact card rather than a part of the menu: not mostly
    links (`_mostly_links`) and holding no list of links (a navbar's "Kontakt" column: its
    "Kontakt os", "Åbningstider" and "Presse" links over the main number, a stop 53 review)."""
    return not _mostly_links(box) and box.css_first("li a[href]") is None


# Class parts of a dialog that a script opens (Bootstrap's `modal`, hidden by its stylesheet
# until shown) or of a chat launcher ("chat-launcher", "chatbot": its greeting is no text of
# the page, a stop 53 review).
_MODAL_PARTS = frozenset({"modal", "chat", "chatbot"})


def _out_of_view(node: LexborNode, column: LexborNode, hidden: AbstractSet[int]) -> bool:
    """Whether `node` or an element between it and `column` is hidden (`hidden`) or a
    menu or a dialog (also one named by its class, or a chat: `_MODAL_PARTS`)."""
    return any(
        n.mem_id in hidden
        or _is_menu(n)
        or n.tag == "dialog"
        or (n.attributes.get("role") or "").lower() == "dialog"
        or _names_part(n, _MODAL_PARTS)
        for n in _up_to(node, column)
    )


def _is_menu(node: LexborNode) -> bool:
    """Whether an element is a menu: a `<nav>` or of role `navigation`."""
    return node.tag == "nav" or (node.attributes.get("role") or "").lower() == "navigation"


def content_roots(tree: LexborHTMLParser, panels: AbstractSet[int] = frozenset()) -> list[LexborNode]:
    """The elements that hold a page's main content, in document order: `<main>` (the
    first one not itself hidden), else `[role=main]`, else the one outermost `<article>`
    (or, of several, the one holding the `<h1>`: the others are teasers), else `<body>`.
    With a `<main>`, also the title band above it when the page's one `<h1>` stands
    outside it (`_title_band`) and the columns beside it (`_beside`: its asides, and the
    contact and fact boxes of other side columns); with that `<article>`, the contact and
    fact boxes of the columns after it (`_contact_after`). A contact box is no hidden
    element nor in one, unless it is or stands in a disclosure's panel (`panels`: the
    `mem_id`s of `disclosure_panels`, a closed accordion's `aria-hidden` panel).

    Raises ReaderError when the page has no body.
    """
    hidden = _matching(tree, HIDDEN)
    closed = hidden - panels  # hidden, and no panel a control shows
    for selector in MAIN_CONTENT:
        main = next((n for n in tree.css(selector) if n.mem_id not in hidden), None)
        if main is not None:
            return _beside(tree, main, _title_band(tree, main), hidden, closed)
    articles = [a for a in tree.css("article") if not any(n.tag == "article" for n in ancestors(a))]
    titled = [a for a in articles if a.css_first("h1") is not None]
    if len(articles) == 1 or len(titled) == 1:
        article = (titled or articles)[0]
        return [article, *_contact_after(tree, article, closed)]
    if tree.body is None:
        raise ReaderError("the HTML has no <body>; save the whole page, not a fragment of it")
    return [tree.body]


def _beside(
    tree: LexborHTMLParser, content: LexborNode, roots: list[LexborNode], hidden: set[int], closed: AbstractSet[int]
) -> list[LexborNode]:
    """`roots` (`<main>`'s elements: its title band and branch, or itself) with the
    columns beside `content` (`<main>`), in document order: each `<aside>` in its layout
    row (its contact column; kept when, cleaned, it holds more than links), the contact
    and fact boxes (`side_contact_blocks`) of any other column there (`is_side_column`)
    and of a section menu's `<nav>` column (not the menu itself), and when none of these
    stands in that row, those of the columns after a wrapper of `content`
    (`_contact_after`); when `content` stands right under `<body>`, those of an `<aside>`
    after it that is no hidden element or consent banner."""
    inside = {n.mem_id for root in roots for n in root.traverse()}
    row = content.parent
    siblings = list(row.iter()) if row is not None else []
    columns = [c for c in siblings if c.mem_id not in inside and c.mem_id not in hidden]
    roots = list(roots)
    if row is not None and row.tag not in ("body", "html"):
        beside = len(roots)
        frame = any(c.tag in PAGE_FRAME_TAGS - {"nav"} or _names_frame(c) for c in siblings)
        for column in columns:
            if column.tag == "aside":
                if not _names_part(column, _MODAL_PARTS):  # a chat launcher's greeting is no column
                    roots.append(column)
            elif is_side_column(column):
                roots += side_contact_blocks(column, closed)
            elif _is_menu(column) and not frame:
                # A section menu's column holding the office's contact card (held-out
                # t114's "Telefonen er åben mandag til fredag kl. 9.00-12.00"): its card
                # named contact, not its links; not in the page's wrapper, where a <nav>
                # beside <main> with the header or footer is the site's menu bar (a stop
                # 53 review: an ASP.NET form around a navbar's mega menu and its
                # Borgerservice card).
                roots += side_contact_blocks(column, closed, menu=True)
        if len(roots) == beside:
            # Nothing beside <main> in its own row: the side column may stand beside a
            # wrapper of it (WordPress: <div id="primary"> around <div id="content"
            # role="main">, <div id="tertiary" role="complementary"> after it, held-out
            # t113; Twenty Fourteen's <div id="secondary"> two wrappers out, page set
            # zzx): the contact boxes after it in the nearest row within the page's
            # wrappers, not a band right under <body>.
            roots += _contact_after(tree, content, closed, within_body=True)
    elif columns:
        # After the content right under <body>: an aside's contact and fact boxes only (a
        # stop 43 tester's estate office hours; a stop 44 review found news teasers,
        # a chat and a survey in such an aside answering questions), not a banner's.
        consent = _matching(tree, _CONSENT)
        for column in columns:
            if column.tag == "aside" and column.mem_id not in consent and _follows(column, content):
                roots += side_contact_blocks(column, closed)
    return _in_document_order(tree, roots)


def _contact_after(
    tree: LexborHTMLParser, article: LexborNode, hidden: AbstractSet[int], within_body: bool = False
) -> list[LexborNode]:
    """The contact and fact boxes (`side_contact_blocks`) of the asides and side columns
    (`is_side_column`) after a page's content `<article>` in the nearest layout row that
    has any (with `within_body`, not `<body>` itself: a `<main>`'s wrappers' rows only, as
    a stop 53 review's site-wide band after the page's wrapper was read):
    walking up from the article, the first element in which such a column, or
    the outermost asides of a column after the branch holding the article (a theme's
    `<div class="col-md-4">` around its `<aside>`), follow that branch and hold a box; none
    hidden (`hidden`) or in a hidden element, a consent banner or the page's frame (a
    footer's widget area), in document order. A stop 49 tester's page laid out as
    `<article class="l-grid__main">` beside `<aside class="l-grid__aside">`, with no
    `<main>`, lost its contact box's "Torsdag kl. 13.00–17.00" that a question asked for.
    Only such boxes are read, as beside a `<main>` right under `<body>`: stop 50 reviews
    found news, a chat, a survey, a cookie notice, related teasers and a section menu in
    asides beside articles (their rows within a wrapper, an ASP.NET form), a menu column
    before the article, the article's column holding its breadcrumbs, a script or a
    feedback aside too, the aside in a column of its own or nested in another, and a
    footer's contact widget."""
    out = set(hidden) | _matching(tree, _CONSENT)
    branch = article
    last = ("html", "body") if within_body else ("html",)
    while (row := branch.parent) is not None and row.tag not in last:
        columns = list(row.iter())
        at = next(i for i, c in enumerate(columns) if c.mem_id == branch.mem_id)
        sides: list[LexborNode] = []
        for column in columns[at + 1 :]:
            if _off_page(column, column, out):
                continue
            if column.tag == "aside" or is_side_column(column):
                sides.append(column)
                continue
            asides = [a for a in column.css("aside") if not _off_page(a, column, out)]
            held = {a.mem_id for a in asides}
            sides += [a for a in asides if not any(b.mem_id in held for b in ancestors(a))]
        found = {b.mem_id: b for side in sides for b in side_contact_blocks(side, hidden)}
        if found:
            return _in_document_order(tree, list(found.values()))
        branch = row
    return []


def _off_page(node: LexborNode, column: LexborNode, out: AbstractSet[int]) -> bool:
    """Whether `node`, or an element between it and `column` (both included), is in `out`
    (hidden, a consent banner) or the page's frame (`PAGE_FRAME_TAGS`, `_names_frame`)."""
    return any(
        n.mem_id in out or n.tag in PAGE_FRAME_TAGS or _names_frame(n) for n in _up_to(node, column, inclusive=True)
    )


def _up_to(node: LexborNode, column: LexborNode, inclusive: bool = False) -> Iterator[LexborNode]:
    """`node` and its ancestors up to `column` (`column` itself with `inclusive`), nearest
    first; all of them when `column` is none of them."""
    current: LexborNode | None = node
    while current is not None:
        if current.mem_id == column.mem_id:
            if inclusive:
                yield current
            return
        yield current
        current = current.parent


def _in_document_order(tree: LexborHTMLParser, nodes: list[LexborNode]) -> list[LexborNode]:
    """`nodes` sorted as they stand in the page (one walk of the tree)."""
    order = {n.mem_id: i for i, n in enumerate(tree.root.traverse())} if tree.root else {}
    return sorted(nodes, key=lambda n: order.get(n.mem_id, 0))


def _title_band(tree: LexborHTMLParser, main: LexborNode) -> list[LexborNode]:
    """`[main]`, or when `main` holds no `<h1>` and the page's one `<h1>` outside page
    furniture stands before it (a kommune page's band with the title and lead), that band
    and then `main`'s branch: under the nearest element holding both, the child holding
    the `<h1>` and the child holding `main` (with the column beside `main`)."""
    if main.css_first("h1") is not None:
        return [main]
    # Not a hidden <h1>, but one under a hidden app root (a page saved with a dialog open).
    hidden, no_title = _matching(tree, HIDDEN), _matching(tree, NO_TITLE)
    titles = [
        h
        for h in tree.css("h1")
        if not _is_logo(h)
        and h.mem_id not in hidden
        # a consent script's "cookie" class on <body> marks no banner
        and not any(
            a.mem_id in no_title or _names_frame(a) for a in [h, *ancestors(h)] if a.tag not in ("body", "html")
        )
    ]
    if len(titles) != 1:
        return [main]
    title_path = [titles[0], *ancestors(titles[0])]
    holders = {n.mem_id for n in title_path}
    main_path = [main, *ancestors(main)]
    common = next((i for i, a in enumerate(main_path) if a.mem_id in holders), None)
    if common is None or common == 0:
        return [main]
    shared = main_path[common].mem_id
    band = next(n for i, n in enumerate(title_path) if i + 1 < len(title_path) and title_path[i + 1].mem_id == shared)
    branch = main_path[common - 1]
    order = [n.mem_id for n in main_path[common].iter()]
    if band.mem_id not in order or order.index(band.mem_id) > order.index(branch.mem_id):
        return [main]  # a title after the content is no title band
    return [band, branch]


def _is_logo(heading: LexborNode) -> bool:
    """Whether an `<h1>` is the site's logo: a class or id naming a logo, or only a link
    to the site's front page."""
    attributes = heading.attributes
    if "logo" in f"{attributes.get('id') or ''} {attributes.get('class') or ''}".lower():
        return True
    links = heading.css("a")
    text = WHITE.sub("", heading.text(separator=" "))
    return len(links) == 1 and (links[0].attributes.get("href") or "").strip() in ("/", "#", "") and bool(text)


def _matching(tree: LexborHTMLParser, selector: str) -> set[int]:
    """The `mem_id`s of the elements a selector matches: the same rule that removes them
    (`HIDDEN`) or rules them out (`NO_TITLE`), asked of one element."""
    return {n.mem_id for n in tree.css(selector)}


def _class_tokens(node: LexborNode) -> list[str]:
    return (node.attributes.get("class") or "").split()


def _class_parts(node: LexborNode) -> list[str]:
    """The parts of an element's class names and id, in lower case ("site-footer" -> site,
    footer; "faqList" -> faqlist)."""
    tokens = [*_class_tokens(node), node.attributes.get("id") or ""]
    return [part for token in tokens for part in _CLASS_PART.split(token.lower()) if part]


def _names_part(node: LexborNode, parts: frozenset[str]) -> bool:
    """Whether a part of an element's class or id ("site-footer" -> site, footer) is one of
    `parts`."""
    return any(part in parts for part in _class_parts(node))


def _names_frame(node: LexborNode) -> bool:
    """Whether an element's class or id names a part of the page's frame
    (`FRAME_CLASS_PARTS`: "footer" or "logo")."""
    return _names_part(node, FRAME_CLASS_PARTS)


# An older theme's menus, named by their place in the page's id or a class name
# ("topmenu", "leftMenu"); not "ugemenu" or "dagensmenu", a kitchen's menu of the week.
MENU_IDS = frozenset(f"{place}menu" for place in ("top", "left", "right", "side", "main", "sub", "mega", "nav", "site"))
# Its navigation bars by other ids or class names, without dashes and underscores
# ("topnav", "main-nav", "navigation", "primary-menu", "menu", "topLinks", "site-links";
# not "links" alone, which may name a list of forms in the text, nor "serviceLinks", which
# may name a page's self-service links, "Søg boligstøtte på borger.dk", a stop 48
# review's; a stop 43 tester's `<ul id="topnav">` had "English" and "Søg" read as list
# items and offered as answers): furniture only when they hold nothing but links
# (`_holds_only_links`), as a stop 44 review found a left column `leftnav` holding a
# contact box and a café's `<div id="menu">` with its menu card and prices.
NAV_IDS = (
    frozenset(
        f"{place}{word}"
        for place in ("", "top", "main", "primary", "site", "mega", "global", "service")
        for word in ("menu", "nav", "navigation", "navbar")
    )
    - MENU_IDS
) | frozenset(f"{place}links" for place in ("top", "site", "global"))


def _names_furniture(node: LexborNode) -> bool:
    """Whether an element's class names page furniture (`FURNITURE_CLASS_PARTS`), or,
    outside the main content and not a heading, its whole id or, for a menu of links and
    nothing else (`_is_link_menu`), one of its class names names a menu by its place
    (`MENU_IDS`; an older theme's `<div class="leftMenu">`, whose "Restaurant og café"
    over its links was read as text and offered as an answer on a stop 47 blind tester's
    page) or a bar of nothing but links (`NAV_IDS`; the same page's `<div
    class="topLinks">`, "Kontakt | English | Sitemap | Tekstversion", was quoted). Other
    ids are a heading's anchor or a section's name as often ("social-pension", "related-takster"), also on a
    page without `<main>`, where nothing is inside the content."""
    parts = [part.lower() for token in _class_tokens(node) for part in _CLASS_PART.split(token)]
    if any(part in FURNITURE_CLASS_PARTS for part in parts):
        return True
    if node.tag in HEADINGS or _inside_content(node):
        return False
    ident = (node.attributes.get("id") or "").lower()
    classes = [token.lower() for token in _class_tokens(node)]
    if ident in MENU_IDS or (any(name in MENU_IDS for name in classes) and _is_link_menu(node)):
        return True
    return any(_CLASS_PART.sub("", name) in NAV_IDS for name in [ident, *classes]) and _holds_only_links(node)


# The most characters of text a menu named by its class may hold outside its links: its
# own title ("Restaurant og café", 18).
MENU_TITLE_CHARS = 60


def _is_link_menu(node: LexborNode) -> bool:
    """Whether an element holds a menu of links and nothing else: no `<h1>`, and besides
    its links at most `MENU_TITLE_CHARS` characters of text with no digit (a title over
    them, in a heading or not, not opening hours or a phone number) and no "@", ".", ":"
    or "," (an e-mail address, a sentence, a label, a postal address), the text of its
    phone and e-mail links (`CONTACT_LINK`) counted as text. A class names a menu less
    surely than an id: stop 48 reviews had a `<div id="page" class="page subMenu">`
    holding the whole page with its `<h1>`, a `<td class="leftMenu">` the office's opening
    hours, and a `<div class="rightMenu">` a contact box (a phone link, an e-mail address, "Rådhuset, Torvet,
    Lindå") or a notice ("Borgerservice holder lukket grundlovsdag.")."""
    if node.css_first("h1") is not None:
        return False
    rest = node.text(separator=" ")
    for link in node.css("a"):
        if not CONTACT_LINK.match(link.attributes.get("href") or ""):
            rest = rest.replace(link.text(separator=" "), " ", 1)
    rest = " ".join(rest.split())
    return len(rest) <= MENU_TITLE_CHARS and not any(ch.isdigit() or ch in "@.:," for ch in rest)


def _holds_only_links(node: LexborNode) -> bool:
    """Whether an element's text is all its links' text (maybe set apart by "|", "·" or
    the like), without a heading: a bar of links, not a box or a card that also says
    something."""
    if node.css_first(_HEADINGS_SELECTOR) is not None:
        return False
    links = sum(_text_chars(link) for link in node.css("a"))
    rest = _text_chars(node) - links
    return links > 0 and rest <= len(_SEPARATORS.findall(node.text(separator=" ")))


def _is_furniture(node: LexborNode) -> bool:
    """Whether an element is page furniture: its class, or outside the content its id,
    names it (`_names_furniture`) and it is a widget, not text: mostly links (other than phone, e-mail and map links)
    or buttons, or a few words around a form control (a feedback form) without the
    page's title. A content wrapper whose class happens to say "social", "menu" or
    "toc" ("category-social-og-sundhed", "js-toc-content") holds text and stays."""
    if not _names_furniture(node):
        return False
    titles = sum(_text_chars(h) for h in node.css("h1, h2, h3, h4, h5, h6"))
    text = _text_chars(node) - titles  # a list of links under its title
    controls = [
        c
        for c in node.css("a, button, input, select, textarea, label")
        if not CONTACT_LINK.match(c.attributes.get("href") or "")
    ]
    interactive = sum(_text_chars(c) for c in controls if c.tag in ("a", "button", "label"))
    widget = any(c.tag != "a" for c in controls) and text <= WIDGET_TEXT and node.css_first("h1") is None
    return text <= 0 or interactive > ASIDE_LINK_DENSITY * text or widget


def _polls(tree: LexborHTMLParser, buttons: list[LexborNode]) -> list[LexborNode]:
    """The polls around buttons that show nothing: for each button, the nearest element
    holding text besides such buttons (`_text_holder`), when it holds only a question to
    the reader and its answers: the text is one sentence of at most `WIDGET_TEXT`
    characters ending with "?", there are two or more buttons, each such a button with a
    one-word label, and nothing else (`_POLL_EXTRAS`: no link, heading, list, table or
    field) stands in it ("Var siden nyttig?" / Ja / Nej): a feedback widget, whatever its
    class, and no part of the text. A heading is never a poll's question."""
    ids = {b.mem_id for b in buttons}
    found: list[LexborNode] = []
    for holder, text in _short_holders(tree, buttons, WIDGET_TEXT):
        if holder.css_first(_POLL_EXTRAS) is not None:
            continue
        answers = holder.css("button")
        one_word = all(b.mem_id in ids and len(b.text(separator=" ").split()) == 1 for b in answers)
        question = text.endswith("?") and _SENTENCE_BREAK.search(text) is None
        if len(answers) >= 2 and one_word and question and len(text) <= WIDGET_TEXT:
            found.append(holder)
    return found


def _short_holders(tree: LexborHTMLParser, controls: list[LexborNode], limit: int) -> Iterator[tuple[LexborNode, str]]:
    """Each distinct nearest element holding text besides `controls` (`_text_holder`) that
    holds at most `limit` characters of it, with that text (white space folded), in the
    order of the controls: the candidates for a poll (`_polls`) or a share bar
    (`_share_bars`). Each element's text is counted once per page (`_text_sizes`), so the
    walk is linear in the page."""
    ids = {c.mem_id for c in controls}
    sizes = _text_sizes(tree, ids)
    seen: set[int] = set()
    for control in controls:
        holder = _text_holder(control, sizes)
        if holder is None or holder.mem_id in seen:
            continue
        seen.add(holder.mem_id)
        if sizes[holder.mem_id] <= limit:
            yield holder, WHITE.sub(" ", _text_outside(holder, ids)).strip()


# What a poll's element holds besides its question and buttons: then it is content.
_POLL_EXTRAS = "a, h1, h2, h3, h4, h5, h6, [role=heading], ul, ol, dl, table, input, select, textarea"


def _text_sizes(tree: LexborHTMLParser, skipped: set[int]) -> dict[int, int]:
    """The characters of text other than white space in each node of a page (by
    `mem_id`), without the text of the elements in `skipped` and their descendants: one
    pass over the tree, bottom-up."""
    sizes: dict[int, int] = {}
    if tree.root is None:
        return sizes
    for node in reversed(list(tree.root.traverse(include_text=True))):
        size = sizes.get(node.mem_id, 0)  # its children's, added before it is reached
        if node.tag == "-text":
            size += len(WHITE.sub("", node.text_content or ""))
        if node.mem_id in skipped:
            size = 0
        sizes[node.mem_id] = size
        parent = node.parent
        if parent is not None and size:
            sizes[parent.mem_id] = sizes.get(parent.mem_id, 0) + size
    return sizes


def _text_holder(node: LexborNode, sizes: dict[int, int]) -> LexborNode | None:
    """The nearest ancestor of a node below `<body>` holding text (`sizes`, from
    `_text_sizes`), or None."""
    for holder in ancestors(node):
        if holder.tag in ("body", "html"):
            return None
        if sizes.get(holder.mem_id, 0):
            return holder
    return None


_SENTENCE_BREAK = re.compile(r"[.!?]\s")
# The share endpoints of social networks, as they document them for share buttons
# (Facebook's sharer, X's and Twitter's web intents, LinkedIn's shareArticle and
# share-offsite, Pinterest, Reddit, WhatsApp, Telegram): such a link shares the page and
# says nothing of its content.
_SHARE_LINK = re.compile(
    r"\s*https?://(?:www\.|m\.)?(?:facebook\.com/(?:sharer|share\.php|dialog/share)|(?:twitter|x)\.com/(?:intent/|share)"
    r"|linkedin\.com/(?:shareArticle|sharing/share-offsite)|pinterest\.[a-z.]+/pin/create|reddit\.com/submit"
    r"|t\.me/share)",
    re.IGNORECASE,
)
# WhatsApp's click-to-chat ("https://wa.me/<number>", "api.whatsapp.com/send?phone=") is a
# contact link; only a message without a number ("wa.me/?text=...") shares the page.
_WHATSAPP_SHARE = re.compile(
    r"\s*https?://(?:www\.)?(?:wa\.me/?|api\.whatsapp\.com/send/?)\?(?!(?:.*&)?phone=[^&]*\d)(?:.*&)?text=",
    re.IGNORECASE | re.DOTALL,
)


def is_share_link(href: str) -> bool:
    """Whether a link's `href` is a social network's share endpoint (`_SHARE_LINK`, or
    WhatsApp with a message and no number: `_WHATSAPP_SHARE`)."""
    return _SHARE_LINK.match(href) is not None or _WHATSAPP_SHARE.match(href) is not None


# The most characters of a share bar's label besides its links ("Del:", "Del siden").
SHARE_LABEL = 40


def _share_bars(tree: LexborHTMLParser, links: list[LexborNode]) -> list[LexborNode]:
    """The share bars around share links (`is_share_link`): for each link, the nearest
    element holding text besides such links (`_text_holder`), when that text is a short
    label (at most `SHARE_LABEL` characters, no sentence break: "Del:")."""
    return [
        holder
        for holder, text in _short_holders(tree, links, SHARE_LABEL)
        if len(text) <= SHARE_LABEL and _SENTENCE_BREAK.search(text) is None
    ]


# Where a link that leads nowhere goes: a script ("javascript:window.print()"), "#", or
# "#top", which the HTML Living Standard scrolls to the top of the page.
_NOWHERE = re.compile(r"\s*(javascript:.*|#(top)?\s*)", re.IGNORECASE | re.DOTALL)


# Where a link that leads nowhere is text, not a tool: a heading (a jQuery UI accordion's
# question, `<h3><a href="#">`), a table cell, a term, a list item or a paragraph.
_TEXT_PLACES = HEADINGS | {"td", "th", "dt", "li", "p"}
# Attributes by which a script makes a link that leads nowhere a control of something.
_SCRIPTED = ("onclick", "data-toggle", "data-bs-toggle", "aria-controls")
# The most words of a tool's label ("Til toppen", "Udskriv siden").
TOOL_WORDS = 3


def _is_script_link(link: LexborNode) -> bool:
    """Whether a link is a button in a link's clothes, standing alone ("Til toppen",
    "Udskriv"): it leads nowhere (`_NOWHERE`), no text stands beside it in the unit it is
    read in (`_stands_alone`; a word linked so inside a sentence stays), it is in no
    heading, cell, term, list item or paragraph (`_TEXT_PLACES`), no script attribute
    makes it a control (`_SCRIPTED`), and its label is at most `TOOL_WORDS` words and no
    question."""
    if _NOWHERE.fullmatch(link.attributes.get("href") or "") is None:
        return False
    if any(a in link.attributes for a in _SCRIPTED):
        return False
    text = link.text(separator=" ").strip()
    if len(text.split()) > TOOL_WORDS or "?" in text:
        return False
    return closest(link, lambda a: a.tag in _TEXT_PLACES or a.attributes.get("role") == "heading") is None and (
        _stands_alone(link)
    )


def _stands_alone(node: LexborNode) -> bool:
    """Whether an element is the only text of the unit it is read in: up to the nearest
    block around it, and there between the nearest block or line break before and after
    it, every other text is white space."""
    while True:
        for step in ("prev", "next"):
            sibling = getattr(node, step)
            while sibling is not None and sibling.tag not in BLOCKS and sibling.tag not in HEADINGS | {"br"}:
                if sibling.tag != "-comment" and (sibling.text(separator=" ") or "").strip():
                    return False
                sibling = getattr(sibling, step)
        parent = node.parent
        if parent is None or parent.tag in BLOCKS or parent.tag in HEADINGS:
            return True
        node = parent


def _text_outside(node: LexborNode, skipped: set[int]) -> str:
    """The text of a node without that of its descendants in `skipped` (by `mem_id`),
    its text nodes joined by spaces; walked without recursion, however deep the page."""
    parts: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.mem_id in skipped:
            continue
        if current.tag == "-text":
            parts.append(current.text_content or "")
        else:
            stack.extend(reversed(list(current.iter(include_text=True))))
    return " ".join(parts)


def _is_hint(node: LexborNode) -> bool:
    return any(_HINT_CLASS.search(t) for t in _class_tokens(node))


def _mostly_links(node: LexborNode) -> bool:
    """Whether links to other pages hold more than `ASIDE_LINK_DENSITY` of an element's
    text (a phone number, an e-mail address or a map link is the contact it gives)."""
    text = _text_chars(node)
    pages = [a for a in node.css("a") if not CONTACT_LINK.match(a.attributes.get("href") or "")]
    links = sum(_text_chars(a) for a in pages)
    return text == 0 or links > ASIDE_LINK_DENSITY * text


def disclosure_panels(tree: LexborHTMLParser, page_scripts: list[str]) -> Disclosures:
    """The disclosure controls of a page and the panels they show: a panel is an element whose
    id a control's `aria-controls` lists (space-separated ids), or the element right
    after a button, link or heading with `aria-expanded` whose `aria-controls` names no
    element on the page (`_panel_after`; hidden unless the control says it is open), or
    whose `aria-labelledby` names a control (an element with `aria-expanded`), or the
    element of text not displayed (`COLLAPSED`) right after a button without
    `aria-expanded` that submits nothing (`_is_plain_toggle`), or such a block right after
    an in-page link that names it ("#faq2") and asks a question standing alone (its control
    is the link), or any element `hidden="until-found"`. `page_scripts` are the texts of
    the page's own scripts (`page_script_texts`), read before the scripts are removed. A control counts only when
    one of its panels is on the page, so a "Menu" button whose menu was removed with the
    navigation is no label."""
    by_id: dict[str, LexborNode] = {}
    for node in tree.css("[id]"):
        by_id.setdefault(node.attributes.get("id") or "", node)
    controls: set[int] = set()
    tabs: set[int] = set()
    panels: set[int] = {n.mem_id for n in tree.css('[hidden="until-found" i], [role=tabpanel]')}
    tab_labels: dict[int, str] = {}
    hidden = _matching(tree, HIDDEN)
    # A selector list matches an element once per selector it meets (a tab with
    # `aria-expanded`): each control is taken once.
    for control in {
        n.mem_id: n for n in tree.css(f"{DISCLOSURE_CONTROLS}, {SIBLING_CONTROLS}, {BOOTSTRAP_CONTROLS}")
    }.values():
        targets = [by_id.get(i) for i in _controlled_ids(control)]
        is_tab = control.attributes.get("role") == "tab" or _bootstrap_toggle(control) in BOOTSTRAP_TABS
        if not any(targets) and not is_tab and "aria-expanded" in control.attributes:
            # No aria-controls: the panel follows its control, hidden while it is closed (an
            # element shown after a closed "Vis mere" is the next section, not its panel).
            after = _panel_after(control)
            is_open = (control.attributes.get("aria-expanded") or "").strip() == "true"
            shows = after is not None and after.tag not in HEADINGS and (is_open or after.mem_id in hidden)
            targets = [after if shows else None]
        # A hidden panel of links is a collapsed menu, not collapsed text: no panel.
        found = [
            t
            for t in targets
            if t is not None and t.mem_id != control.mem_id and not (t.mem_id in hidden and _mostly_links(t))
        ]
        if not found:
            continue
        controls.add(control.mem_id)
        panels.update(t.mem_id for t in found)
        if is_tab and control.tag not in HEADINGS:
            tabs.add(control.mem_id)
            label = inline_text(control)
            if any(c.isalpha() for c in label):  # not a carousel's dots "1", "2"
                for target in found:
                    # A panel that several tabs show in turn has no one label.
                    tab_labels[target.mem_id] = "" if target.mem_id in tab_labels else label
    # A button that says nothing of a panel and submits nothing, right before an element of
    # text that is not displayed (an older script toggles "the next element"): its panel.
    # Not a heading (a stale price hidden under it) nor a form's button (its error message).
    collapsed = _matching(tree, COLLAPSED)
    for control in tree.css("button"):
        panel = _panel_after(control) if _is_plain_toggle(control) else None
        if panel is not None and panel.mem_id in collapsed and not _mostly_links(panel):
            controls.add(control.mem_id)
            panels.add(panel.mem_id)
    # An FAQ's question written as a link right before the block of text it names, which
    # is not displayed (an older script's accordion, `<a href="#faq2">Hvad skal jeg
    # medbringe?</a>` over `<div id="faq2" style="display:none">`): a page hides its answer
    # only to show it when the question is clicked. Not a link further away (a tab list,
    # a table of contents, a "show" link after its panel: their text would be read under
    # the wrong heading), one inside a line of text or that asks nothing ("Vis nummer"
    # before a hidden phone number, "Beregn" before a calculator's result), nor one that
    # opens a dialog (a receipt, a rating widget's reply): two fresh reviewers'
    # counterexamples, stop 39. The link may name it by `data-target` instead (`<a href="#"
    # data-target="#svar1">`, a stop 43 tester's page; a stop 44 review found Bootstrap's
    # modal and carousel buttons and a staff card taken for panels' controls when any
    # `data-target` was one). A link that names nothing and only runs a script (`<a
    # href="javascript:void(0)">`, `<a href="#">`) shows the block right after it when it
    # is one of an FAQ's questions: at least two such links with their hidden answers in
    # one element named for an FAQ (`_faq_holders`; a stop 44 tester's FAQ: `<div
    # class="faq-question"><a href="javascript:void(0)">Hjælper I med at finde
    # studiejob?</a></div>` over `<div class="faq-svar" style="display:none">`, in a `<div
    # class="faq">`). Two stop 45 reviews: a single such link, or two side by side in a
    # box of tools, is a widget ("Kunne du bruge siden?" over a feedback form's reply,
    # "Har du spørgsmål?" over a closed chat, "Hvor meget kan du få i boligstøtte?" over a
    # calculator's "0 kr.", "Har du glemt din adgangskode?" over a login error), and a
    # link running other script (`__doPostBack`, `window.open`) toggles nothing. A link
    # whose script names the block right after it by its id (`<a
    # href="javascript:toggleFaq('faq2');">` over `<div id="faq2" style="display:none">`,
    # `_script_panel`: a stop 46 tester's FAQ) counts as one of those, and so
    # does any element whose `onclick` names it so (`<div class="faq_question"
    # onclick="toggleFaq('faq1')">` over `<div class="faq_answer" id="faq1"
    # style="display:none">`: a stop 48 tester's older theme), or whose script takes the
    # element after it (`<div class="faqQ" onclick="$(this).next().slideToggle();">`: a
    # stop 49 tester's).
    faq_answers: dict[tuple[int, int], list[tuple[LexborNode, LexborNode]]] = {}
    questions = {
        n.mem_id: n for n in tree.css('a[href^="#"], a[data-target^="#"], a[href^="javascript:" i], [onclick]')
    }
    bound = _bound_click_handlers(tree, page_scripts)
    for mem_id, (node, _) in bound.items():
        questions.setdefault(mem_id, node)
    for link in questions.values():
        handler = bound[link.mem_id][1] if link.mem_id in bound else None
        # The script that shows the panel: the element's `onclick`, or the handler a page
        # script binds to it when only that shows one.
        shown_by = link.attributes.get("onclick") or ""
        names = (link.attributes.get("data-target") or link.attributes.get("href")) if link.tag == "a" else None
        if names is not None:
            named_id = names.strip()
            script_only = bool(_SCRIPT_ONLY.fullmatch(named_id))
            scripted = _script_panel(link)
            if scripted is None and script_only:  # `<a href="#" onclick="$(this).next()...">`
                scripted = _script_panel(link, onclick=True)
        else:  # another element's `onclick` only, or a link's without an `href` (a stop 51
            # review's `<a class="faq-q" onclick=...>`), never a block's `data-target`: a lone
            # calculator's `<div onclick=... data-target="#beregning">` showed its "0 kr." (a
            # stop 49 review)
            named_id, script_only, scripted = "", False, _script_panel(link, onclick=True)
        if scripted is None and handler is not None and (names is None or script_only):
            scripted = _script_panel(link, handler=handler)
            if scripted is not None:
                shown_by = handler
        names_nothing = script_only or scripted is not None
        if names_nothing and _shows_no_page_text(shown_by):
            continue
        if not names_nothing and not (named_id.startswith("#") and len(named_id) > 1):
            continue
        after = scripted if scripted is not None else _panel_after(link)
        answer = after if names_nothing else by_id.get(named_id[1:])
        if (
            answer is not None
            and after is not None
            and after.mem_id == answer.mem_id
            and answer.mem_id in collapsed
            and answer.tag in BLOCKS
            and inline_text(link).rstrip().endswith("?")
            and _stands_alone(link)
            and not _is_dialog(answer)
            and not _LOADING_MESSAGE.fullmatch(inline_text(answer).strip())
            and not _mostly_links(answer)
        ):
            if names_nothing:
                for holder, depth in _faq_holders(answer):
                    faq_answers.setdefault((holder.mem_id, depth), []).append((link, answer))
                continue
            controls.add(link.mem_id)
            panels.add(answer.mem_id)
    for pairs in faq_answers.values():
        # Two answers at least: a heading's `onclick` and the script-only link inside it
        # show one answer twice (a review's lone calculator, "Du kan få 0 kr. om måneden").
        if len({answer.mem_id for _, answer in pairs}) >= 2:
            controls.update(link.mem_id for link, _ in pairs)
            panels.update(answer.mem_id for _, answer in pairs)
    for panel in tree.css("[aria-labelledby]"):
        labels = [by_id.get(i) for i in (panel.attributes.get("aria-labelledby") or "").split()]
        named = [n for n in labels if n is not None and "aria-expanded" in n.attributes]
        if named:
            panels.add(panel.mem_id)
            controls.update(n.mem_id for n in named)
    labelled = {panel: label for panel, label in tab_labels.items() if label}
    return Disclosures(frozenset(controls), frozenset(tabs), frozenset(panels), labelled)


# A hidden element's text that a script replaces when it is shown: a short loading message
# ("Henter svar ...", "Kortet indlæses ...", "Loading…": two stop 51 reviews' widgets, an
# opening hours box and a map's key in an element named "accordion").
_LOADING_MESSAGE = re.compile(
    r"(?=[^.!?]*\b(?:henter|hentes|indlæser|indlæses|loader|loading|vent venligst|please wait)\b)"
    r"[^.!?]{0,60}(?:\.\.\.|…)",
    re.IGNORECASE,
)
# A quoted name in a script ("toggleFaq('faq2')"), as an element's id is passed to it.
_QUOTED_NAME = re.compile(r"""['"]([\w:.-]+)['"]""")
# A script that takes the element right after the one clicked, by jQuery (`$(this).next()`,
# `jQuery(this).parent().next()`, past calls that keep the element:
# `$(this).toggleClass('open').next()`) or the DOM (`this.nextElementSibling`,
# `this.parentNode.nextElementSibling`): the next element, not one named by its id. Its
# spaces are matched without backtracking (a run of 20,000 after `this` took 2.5 s to
# refuse: a stop 51 review's).
_TAKES_NEXT = re.compile(
    r"\bthis\s*+\)?(?P<steps>(?:\s*+\.\s*+(?:(?:parent|toggleClass|addClass|removeClass|attr|prop|css)"
    r"\s*+\([^()]*\)|parentNode\b|parentElement\b))*)\s*+\.\s*+(?:next\b|nextElementSibling\b)",
    re.IGNORECASE,
)
# A step of such a script up to the parent of the element it had (not a word in a call's
# arguments, `.attr('data-parent', ...)`).
_PARENT_STEP = re.compile(r"\.\s*parent(?:Node|Element)?\b", re.IGNORECASE)


def _script_panel(control: LexborNode, onclick: bool = False, handler: str | None = None) -> LexborNode | None:
    """The element a link's `href` script ("javascript:..."), or with `onclick` an
    element's `onclick` script, shows: the element right after the control
    (`_panel_after`) when the script names its id, quoted (`<a
    href="javascript:toggleFaq('faq2');">Kan jeg skrive min klage på engelsk?</a>` over
    `<div id="faq2" class="faqanswer" style="display:none">`, or `<div
    onclick="toggleFaq('faq1')">` over `<div id="faq1" style="display:none">`), or the
    element after the one clicked when the script takes it (`_TAKES_NEXT`: `<div
    class="faqQ" onclick="$(this).next().slideToggle();">` over `<div class="faqA"
    style="display:none">`, a stop 49 tester's older theme), after as many parents as the
    script climbs (`$(this).parent().next()` past an icon beside the question: a stop 51
    review's); None otherwise. A script that opens a window or another page, or loads or
    writes what it shows (`_shows_no_page_text`), shows no panel. With `handler`, the
    script is a handler a page's script binds to the control (`_bound_click_handlers`),
    which shows a panel only by taking the element after the one clicked: one handler
    serves every element its selector matches, so an id it names is no one control's."""
    if handler is not None:
        if _shows_no_page_text(handler) or _TAKES_NEXT.search(handler) is None:
            return None
        script = handler
    elif onclick:
        script = control.attributes.get("onclick") or ""
    else:
        href = (control.attributes.get("href") or "").strip()
        script = href[len("javascript:") :] if href.lower().startswith("javascript:") else ""
    if not script.strip() or _shows_no_page_text(script):
        return None
    takes = _TAKES_NEXT.search(script)
    if takes is not None:
        climbs = len(_PARENT_STEP.findall(takes.group("steps")))
        if climbs == 0:
            return _panel_after(control)
        node = control
        for _ in range(climbs):
            parent = node.parent
            if parent is None or parent.tag in ("body", "html"):
                return None
            node = parent
        return _next_element(node)
    after = _panel_after(control)
    if after is None:
        return None
    names = set(_QUOTED_NAME.findall(script))
    if (after.attributes.get("id") or "") in names:
        return after
    inner = _only_named_within(after, names)
    if inner is not None:
        return inner
    return after if onclick and _PASSES_ITSELF.search(script) else None


# A page script's binding of a click handler to the elements a selector matches: jQuery's
# `$('.faq__q').on('click keypress', function () { ... })` or `$('.faq__q').click(function
# ...`, or the DOM's `document.querySelectorAll('.faq__q')` (with an `addEventListener('click'`
# after it). The selector is a simple one: classes, ids, tags and descendants, no
# quotes or brackets; the events' names are bounded, so that a string without its closing
# quote is refused in time linear in its length.
_BINDS_CLICK = re.compile(
    r"""(?:\$|\bjQuery)\(\s*(['"])(?P<jquery>[\w.#\s>-]{1,200})\1\s*\)\s*\.\s*"""
    r"""(?:on\s*\(\s*(['"])[\w\s.]{0,80}?\bclick\b[\w\s.]{0,80}\3\s*,|click\s*\()"""
    r"""|querySelectorAll\s*\(\s*(['"])(?P<dom>[\w.#\s>-]{1,200})\4\s*\)""",
)
_DOM_CLICK = re.compile(r"""addEventListener\s*\(\s*['"]click['"]""")
# How long a handler's body may be, in characters: a handler that shows the next element
# is a line or a few (`$(this).next('dd').slideToggle(200)`); a longer one is not read.
_HANDLER_MAX_CHARS = 2000


# A function written where the binding passes it: `function (e) {`, `function name() {`,
# `(e) => {`, `e => {`, after a DOM binding's `.forEach(` too.
_FUNCTION_OPENS = re.compile(
    r"\s*(?:\.\s*forEach\s*\(\s*)?(?:function\s*[\w$]*\s*\([^()]{0,100}\)|\([^()]{0,100}\)\s*=>|[\w$]+\s*=>)\s*\{"
)


def _handler_body(script: str, start: int) -> str | None:
    """The body of the function a binding at `start` of `script` passes, braces included:
    a function written right there (`_FUNCTION_OPENS`), from its "{" to the "}" that closes
    it (braces in strings are counted too: a handler's script rarely holds one). None
    for a function passed by its name (`on('click', sendSvar)`: a stop 55 review's, whose
    next binding's function it is not) or a body that does not close within
    `_HANDLER_MAX_CHARS`: the script after it (a form's `on('submit', ...)`, a click
    counter of another element: a first review's) is no part of the handler."""
    opens = _FUNCTION_OPENS.match(script, start)
    if opens is None:
        return None
    opening = opens.end() - 1
    depth = 0
    for i in range(opening, min(len(script), opening + _HANDLER_MAX_CHARS)):
        depth += {"{": 1, "}": -1}.get(script[i], 0)
        if depth == 0:
            return script[opening : i + 1]
    return None


def page_script_texts(tree: LexborHTMLParser) -> list[str]:
    """The texts of a page's own scripts: each `<script>` without a `src`."""
    return [script.text() for script in tree.css("script") if not script.attributes.get("src")]


def _bound_click_handlers(tree: LexborHTMLParser, scripts: list[str]) -> dict[int, tuple[LexborNode, str]]:
    """The elements of `tree` that a page's own scripts (`scripts`) bind a click handler to
    by a selector (`_BINDS_CLICK`), by `mem_id`, each with the handler's script: the body
    of the function the binding passes (`_handler_body`; a binding of the DOM's counts
    only with an `addEventListener('click'` in it). A stop 53
    tester's regional page binds `$('.nordsund-faq__q').on('click keypress', function(){
    $(this).next('dd').slideToggle(200); })` to its FAQ's `<dt>` questions over `<dd
    style="display:none">` answers, which no attribute of the markup names. An element
    bound twice keeps its first binding. A selector the parser refuses binds nothing."""
    bound: dict[int, tuple[LexborNode, str]] = {}
    for text in scripts:
        for m in _BINDS_CLICK.finditer(text):
            handler = _handler_body(text, m.end())
            selector = m.group("jquery") or m.group("dom") or ""
            if handler is None or (m.group("dom") is not None and _DOM_CLICK.search(handler) is None):
                continue
            try:
                nodes = tree.css(selector.strip())
            except SelectolaxError:
                continue
            for node in nodes:
                bound.setdefault(node.mem_id, (node, handler))
    return bound


# A script that hands the element clicked to a function of the page's ("klToggle(this)",
# `toggle(this, 'open')`; a stop 52 tester's WordPress accordion, whose function, in a
# script of the page or a file of the site, takes its next element). Which element it
# shows the markup cannot say: the caller takes the element right after it only as one of
# an FAQ's answers (two at least under an element named for an FAQ, `_faq_holders`), as
# for a link that only runs a script.
_PASSES_ITSELF = re.compile(r"[\w$]\s*\(\s*this\s*[,)]")


def _only_named_within(block: LexborNode, names: AbstractSet[str]) -> LexborNode | None:
    """The element inside `block` whose id is one of `names` when it holds all of
    `block`'s text (the wrappers around it hold nothing else: a table's next row, `<tr><td><div
    id="svar1" style="display:none">`, under the row of the link `<a href="#"
    onclick="return visSvar('svar1');">`, a stop 52 tester's older municipal FAQ), else None.
    A row only of a table of one column without a header (`_one_plain_column`): a note
    row of a price table, shown, would be read as the label of the row after it (a stop
    54 review's)."""
    if block.tag == "tr":
        table = closest(block, lambda a: a.tag == "table")
        if table is None or not _one_plain_column(table):
            return None
    text = WHITE.sub("", block.text(separator=" "))
    for name in names:
        inner = block.css_first(f'[id="{name}"]')
        if inner is not None and WHITE.sub("", inner.text(separator=" ")) == text:
            return inner
    return None


# The `href` of a link that only runs a script to toggle what follows it: "#", "#0",
# "#!", or "javascript:" with nothing to run ("javascript:void(0)", "javascript:;",
# "javascript://").
_SCRIPT_ONLY = re.compile(r"#[0!]?|javascript:\s*(?:void\s*\(?\s*(?:0|null)\s*\)?\s*;?|;|//)?", re.IGNORECASE)
# An `onclick` that opens a window or another page or submits a form: no toggle of text on
# the page. Reading `location` is no going there (`track(location.pathname)`, a stop 51
# review's).
_OPENS_ELSEWHERE = re.compile(
    r"\bopen\s*\(|\blocation(?:\.href)?\s*=(?!=)|\blocation\.(?:assign|replace)\s*\(|submit|__doPostBack",
    re.IGNORECASE,
)
# jQuery calls that keep the element they are called on (`$(this).next().slideToggle()`).
_KEEPS_ELEMENT = (
    r"(?:show|hide|toggle|slideToggle|slideDown|slideUp|fadeIn|fadeOut|fadeToggle"
    r"|addClass|removeClass|toggleClass|css|attr|prop|stop|delay|animate)"
)
# A script that writes the text of the element after the one clicked, or loads it from the
# server (`$(this).next().load('/Faq.ashx?id=12')`, `$(this).next().html(svar[0])`,
# `this.nextElementSibling.innerHTML = svar[0]`, over "Henter svar ...": two stop 51
# reviews'), along calls that keep that element only (an icon's text set after `.siblings()`
# or `.find()` is the icon's: a third review's "close the others" accordion).
# An assignment to an element's text by the DOM (`el.innerHTML = ...`, `+=`, not `==`).
_DOM_TEXT_WRITE = r"(?:innerHTML|innerText|textContent)\s*\+?=(?!=)"
_WRITES_NEXT = re.compile(
    rf"\.next\s*\([^()]*\)(?:\s*\.\s*{_KEEPS_ELEMENT}\s*\([^()]*\))*\s*\.\s*(?:html|text|load)\s*\(\s*[^)\s]"
    rf"|nextElementSibling\s*\.\s*{_DOM_TEXT_WRITE}",
    re.IGNORECASE,
)
# A call to the server, and a write of an element's text: together, a script that fetches
# what it shows (`var el = jQuery(this).next(); jQuery.get(url, function (d) { el.html(d);
# })`); a call alone is a count of clicks (`$.post('/faq/stat', ...)`, which a third
# review's FAQs made before their answers were lost).
_CALLS_SERVER = re.compile(
    r"(?:\$|\bjQuery)\.(?:get|getJSON|post|ajax)\s*\(|\bfetch\s*\(|XMLHttpRequest", re.IGNORECASE
)
_WRITES_TEXT = re.compile(rf"\.(?:html|text)\s*\(\s*[^)\s]|\b{_DOM_TEXT_WRITE}", re.IGNORECASE)


def _shows_no_page_text(script: str) -> bool:
    """Whether a script shows nothing that stands on the page: it opens a window or another
    page or submits a form (`_OPENS_ELSEWHERE`), writes or loads the next element's text
    (`_WRITES_NEXT`), or calls the server and writes some element's text (`_CALLS_SERVER`,
    `_WRITES_TEXT`)."""
    return bool(
        _OPENS_ELSEWHERE.search(script)
        or _WRITES_NEXT.search(script)
        or (_CALLS_SERVER.search(script) and _WRITES_TEXT.search(script))
    )


# The class or id parts that name an FAQ and the parts that name a widget whose hidden
# text is a state, a reply or a result rather than an answer.
FAQ_PARTS = frozenset({"faq", "faqs", "accordion", "accordeon", "harmonika", "spoergsmaal", "questions"})
_WIDGET_PARTS = frozenset(
    {
        "quiz",
        "result",
        "results",
        "resultat",
        "status",
        "feedback",
        "chat",
        "alert",
        "booking",
        "tooltip",
        "calculator",
        "beregner",
        "popover",
        "error",
        "fejl",
        "login",
        "guide",
        "wizard",
        "cookie",
        "consent",
        "rating",
        "vote",
        "poll",
        "helpful",
        "nyttig",
        "vurdering",
        "tilbagemelding",
    }
)
_WIDGET_WORDS = tuple(sorted(_WIDGET_PARTS))
# How far above a hidden answer its FAQ's element may be: the answer's parent, its
# grandparent when each question and answer have an item of their own (`<ul
# class="faq-liste"><li><a ...>?</a><div style="display:none">`), or its great-grandparent.
_FAQ_DEPTH = 3


def _faq_holders(answer: LexborNode) -> list[tuple[LexborNode, int]]:
    """The elements above a hidden answer whose class or id names an FAQ (`_names_faq`),
    each with how many levels above the answer it is (1 for its parent; a table's row
    group, `_ROW_GROUPS`, is no level), nearest first:
    the nearest within `_FAQ_DEPTH` levels and those above it up to that depth. An empty
    list when the answer or an element below the nearest names a widget (`_names_widget`: a quiz's
    options, a calculator's result, a chat's status, a rating's reply) or the answer holds
    a form's fields. Both an FAQ's item and its list may be named (`<div class="faq"><div
    class="faq-item"><a href="#">...?</a><div style="display:none">`, a stop 45 tester's
    page); above the nearest, a widget's name ends the walk but keeps what was found (a
    filter's "faq-results" around a working FAQ, a stop 46 review's). The caller counts
    the pairs per element and depth, so that a lone link at another depth (a help link
    beside an FAQ's list) is no item of it."""
    if answer.css_first("input, select, textarea, form") is not None:
        return []
    holders: list[tuple[LexborNode, int]] = []
    node: LexborNode | None = answer
    depth = 0
    while depth <= _FAQ_DEPTH:
        if node is None or node.tag in ("body", "html"):
            break
        if _names_widget(node):
            return holders  # below the nearest: none; above it: the walk ends
        if node is not answer and _names_faq(node):
            holders.append((node, depth))
        if node.tag not in _ROW_GROUPS:
            depth += 1
        node = node.parent
    return holders


def _one_plain_column(table: LexborNode) -> bool:
    """Whether a table has one column and no header: no row of its own (`table_rows`) with
    two cells or more or a header cell, and no `<thead>` or `<caption>` (which the parser
    puts right under its table; they make a one-column table one of data, "Det skal du
    have klar" over its rows: a stop 54 review's)."""
    if any(part.tag in ("thead", "caption") for part in table.iter()):
        return False
    for row in table_rows(table):
        cells = [cell for cell in row.iter() if cell.tag in ("td", "th")]
        if len(cells) > 1 or any(cell.tag == "th" for cell in cells):
            return False
    return True


# A table's row groups, which the HTML parser inserts where the markup has none (`<tbody>`,
# the HTML Living Standard's tree construction): no level of an FAQ's markup (a stop 52
# tester's `<table class="faq">` of question rows and hidden answer rows, `<tr><td><div
# style="display:none">`).
_ROW_GROUPS = frozenset({"tbody", "thead", "tfoot"})


# The start of a class or id part written as one word with what follows ("faqList",
# "faqitem", "accordionItem"; stop 45 testers' pages).
_FAQ_PREFIXES = ("faq", "accordion", "accordeon")


def _names_widget(node: LexborNode) -> bool:
    """Whether a part of an element's class or id names a widget (`_WIDGET_PARTS`), also
    as the start or the end of a word ("faqFeedback", "faqSearchResult", "chatbot")."""
    return any(part.startswith(_WIDGET_WORDS) or part.endswith(_WIDGET_WORDS) for part in _class_parts(node))


def _names_faq(node: LexborNode) -> bool:
    """Whether a part of an element's class or id names an FAQ: one of `FAQ_PARTS`, or a
    word that starts with one of `_FAQ_PREFIXES` ("faqlist")."""
    return any(part in FAQ_PARTS or part.startswith(_FAQ_PREFIXES) for part in _class_parts(node))


# A dialog: the WAI-ARIA role or the HTML element, or the class or id parts sites and
# libraries give them (Bootstrap's "modal", "popup", "lightbox", "overlay").
_DIALOG_PARTS = frozenset({"modal", "popup", "dialog", "lightbox", "overlay"})


def _is_dialog(node: LexborNode) -> bool:
    """Whether an element is a dialog a control opens rather than a panel it shows."""
    attributes = node.attributes
    if node.tag == "dialog" or attributes.get("role") in ("dialog", "alertdialog") or "aria-modal" in attributes:
        return True
    return _names_part(node, _DIALOG_PARTS)


def _is_plain_toggle(button: LexborNode) -> bool:
    """Whether a `<button>` without `aria-expanded` may toggle the element after it: its
    type is "button" (a missing or unknown type is "submit", the HTML Living Standard
    says) and it is in no `<form>`."""
    if "aria-expanded" in button.attributes:
        return False
    kind = (button.attributes.get("type") or "").strip().lower()
    return kind == "button" and closest(button, lambda a: a.tag == "form") is None


def _bootstrap_toggle(control: LexborNode) -> str:
    """What a Bootstrap toggle toggles ("tab", "pill", "collapse"), else ""."""
    attributes = control.attributes
    return (attributes.get("data-bs-toggle") or attributes.get("data-toggle") or "").strip().lower()


def _controlled_ids(control: LexborNode) -> list[str]:
    """The ids of the panels a control shows: its `aria-controls`, else for a Bootstrap
    toggle the "#id" of its `data-bs-target`, `data-target` or `href`."""
    attributes = control.attributes
    ids = (attributes.get("aria-controls") or "").split()
    if ids or not _bootstrap_toggle(control):
        return ids
    target = (attributes.get("data-bs-target") or attributes.get("data-target") or attributes.get("href") or "").strip()
    return [target[1:]] if target.startswith("#") and len(target) > 1 else []


def _panel_after(control: LexborNode) -> LexborNode | None:
    """The element right after a disclosure control that names no panel (the WAI-ARIA
    disclosure pattern's content follows its button): the next element after the control,
    or after the wrappers that hold nothing but it (a heading around the button), or None
    when nothing follows. A panel that is mostly links (a menu) is refused by the caller."""
    text = WHITE.sub("", control.text(separator=" "))
    node = control
    while (after := _next_element(node)) is None:
        parent = node.parent
        if parent is None or parent.tag in ("body", "html") or WHITE.sub("", parent.text(separator=" ")) != text:
            return None
        node = parent
    return after


def _next_element(node: LexborNode, *, backward: bool = False) -> LexborNode | None:
    """The next (or, `backward`, the previous) sibling of a node that is an element (not
    text or a comment), or None when there is none or text stands between them."""
    sibling = node.prev if backward else node.next
    while sibling is not None and sibling.tag in ("-text", "-comment"):
        if (sibling.text_content or "").strip():
            return None  # text between the control and the next element: no panel follows
        sibling = sibling.prev if backward else sibling.next
    return sibling


def _follows(node: LexborNode, earlier: LexborNode) -> bool:
    """Whether `node` is a later sibling of `earlier`."""
    sibling = earlier.next
    while sibling is not None:
        if sibling.mem_id == node.mem_id:
            return True
        sibling = sibling.next
    return False


def _keep_only(node: LexborNode, kept: list[LexborNode]) -> None:
    """Remove every part of `node` but the elements `kept` (its descendants) and what
    leads to them."""
    kept_ids = {n.mem_id for n in kept}
    on_path = {a.mem_id for n in kept for a in ancestors(n)}
    for child in list(node.iter(include_text=True)):
        if child.mem_id in kept_ids:
            continue
        if child.mem_id in on_path:
            _keep_only(child, kept)
        else:
            child.decompose()


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
    cell = closest(node, lambda a: a.tag in ("td", "th", "table"))
    return cell is not None and cell.tag == "th"


def _inside_content(node: LexborNode) -> bool:
    return closest(node, lambda a: a.tag in _SECTIONING or a.attributes.get("role") == "main") is not None


def list_numbers(root: LexborNode) -> dict[int, str]:
    """The marker a browser shows for each `<li>` of an `<ol>` under `root`, keyed by the
    item's `mem_id`: its ordinal value as the HTML Living Standard counts it (from the
    `start` attribute, else 1, or the number of items for a `reversed` list, counting
    down; an item's `value` attribute sets its own and the next ones' values) written in
    the list's style (`_list_style`: "3.", "c.", "iii."), or no marker for a list styled
    `none` in its `style` attribute."""
    numbers: dict[int, str] = {}
    for ol in root.css("ol"):
        items = [item for item in ol.iter() if item.tag == "li"]
        style = _list_style(ol)
        reversed_ = "reversed" in ol.attributes
        number = _html_integer(ol.attributes.get("start"))
        if number is None:
            number = len(items) if reversed_ else 1
        for item in items:
            value = _html_integer(item.attributes.get("value"))
            number = number if value is None else value
            if style is not None:
                numbers[item.mem_id] = f"{_list_marker(number, style)}."
            number += -1 if reversed_ else 1
    return numbers


_INTEGER = re.compile(r"^[\t\n\f\r ]*([-+]?\d+)")
# The numbering styles of `<ol type>` (case matters: "a" and "A") and of the CSS
# `list-style-type` an `<ol>`'s own `style` attribute may set.
_OL_TYPES = {"1": "decimal", "a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman", "I": "upper-roman"}
_CSS_LIST_STYLE = re.compile(
    r"list-style(?:-type)?\s*:\s*[^;]*?\b(none|decimal|lower-alpha|lower-latin|upper-alpha|upper-latin|lower-roman|"
    r"upper-roman)\b",
    re.IGNORECASE,
)


def _html_integer(text: str | None) -> int | None:
    """An attribute's value by the HTML Living Standard's rules for parsing integers
    (leading white space, a sign, digits; anything after them ignored), else None."""
    match = _INTEGER.match(text or "")
    return int(match.group(1)) if match else None


def _list_style(ol: LexborNode) -> str | None:
    """How an `<ol>` numbers its items: the `list-style-type` of its `style` attribute,
    else its `type` attribute, else "decimal"; None for `none` (no marker shown)."""
    css = _CSS_LIST_STYLE.search(ol.attributes.get("style") or "")
    if css is not None:
        style = css.group(1).lower().replace("latin", "alpha")
        return None if style == "none" else style
    return _OL_TYPES.get((ol.attributes.get("type") or "").strip(), "decimal")


def _list_marker(number: int, style: str) -> str:
    """A list item's number in a numbering style ("lower-alpha": 3 is "c", 27 is "aa";
    "upper-roman": 4 is "IV"), in decimal where the style has no such number (0 and
    below; roman numerals past 3999), as CSS counter styles fall back."""
    if style.endswith("alpha") and number > 0:
        letters = ""
        while number > 0:
            number, digit = divmod(number - 1, 26)
            letters = chr(ord("a") + digit) + letters
        return letters.upper() if style.startswith("upper") else letters
    if style.endswith("roman") and 0 < number < 4000:
        numeral = roman(number)
        return numeral.upper() if style.startswith("upper") else numeral
    return str(number)


class _Walker:
    """Walks the main content in document order, collecting lines into pieces."""

    def __init__(self, numbers: dict[int, str], disclosures: Disclosures, spaced: bool = False) -> None:
        """`spaced`: two elements that meet with no white space are always read apart (a
        heading's, label's or cell's parts), not only where `_laid_apart` says so."""
        self.spaced = spaced
        self.numbers = numbers
        self.disclosures = disclosures
        self.section_level = 1  # the level of the last <h1>-<h6>
        self.pieces: list[Piece] = []
        self.lines: list[str] = [""]
        self.item_number: str | None = None
        self.in_item = False
        self.closed = False  # an element other than formatting ended since the last text
        self.gap = False  # ... and another began after it
        # Wholly bold questions read as paragraphs, by their index in `pieces`: the level
        # each would have as a heading (`question_headings`).
        self.bold_questions: dict[int, int] = {}

    def flush(self) -> None:
        lines = [line for line in self.lines if line.strip()]
        self.lines = [""]
        if not lines:
            return
        pieces = line_pieces(lines, written=True)  # <br> and the lines of a <pre>
        if self.in_item:
            first = pieces[0]
            text = strip_bullet(first.text) if first.kind == "list_item" else first.text
            if self.item_number is not None:
                text = f"{self.item_number} {text}"
            pieces[0] = Piece("list_item", 0, text)
            self.in_item = False
            self.item_number = None
        self.pieces.extend(pieces)

    def cell_text(self, cell: LexborNode) -> str:
        """A table cell's text read as any other text (formatting joined, elements
        apart), its lines joined by "; " ("Man.-ons. 10.00-14.00; Tors. 14.00-17.30"), or
        by a space after a line that ends a sentence."""
        return _joined_lines(_pieces(cell, self.disclosures, spaced=True))

    def _is_label(self, control: LexborNode) -> bool:
        """Whether a disclosure control labels what it shows: not when it holds a
        heading (that is the label) or its own panel (it is the section), a link in a
        paragraph ("Læs mere"), a control of several panels ("Åbn alle"), or a label
        without letters (a carousel's dots "1", "2")."""
        if _holds_heading(control) or any(n.mem_id in self.disclosures.panels for n in control.traverse()):
            return False
        if control.tag != "summary" and (
            control.tag in ("a", "span") and closest(control, lambda a: a.tag == "p") is not None
        ):
            return False
        if len((control.attributes.get("aria-controls") or "").split()) > 1:
            return False
        return any(c.isalpha() for c in control.text(separator=" "))

    def _lays_out_disclosures(self, table: LexborNode) -> bool:
        """Whether a table lays out an FAQ's disclosures rather than holding data: a table
        of one column without a header (`_one_plain_column`) whose own cells hold two
        disclosure panels or more (`<table class="faq">` of question rows and answer rows,
        `<tr><td><div id="svar1" style="display:none">`, a stop 52 tester's older municipal
        page), so that its questions are read as headings over their answers. One "Læs
        mere" panel in a list of documents is a note of its row (a stop 54 review's)."""
        if not _one_plain_column(table):
            return False
        panels = (n for n in table.traverse() if n.mem_id in self.disclosures.panels)
        return sum(1 for n in panels if owner_table(n) == table.mem_id) >= 2

    def label(self, text: str) -> None:
        """A disclosure's label as a heading one level below the section it is in."""
        self.flush()
        self.in_item, self.item_number = False, None
        self.pieces.append(Piece("heading", min(self.section_level + 1, 6), text))

    def walk(self, node: LexborNode) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                text = WHITE.sub(" ", child.text_content or "")
                before = self.lines[-1]
                apart = _laid_apart(before, text) or (self.spaced and before[-1:].isalnum() and text[:1].isalnum())
                if text and ((self.gap and apart) or _case_seam(before, text)):
                    text = " " + text
                self.lines[-1] += text
                if text:
                    self.closed = self.gap = False
            elif tag == "br":
                self.lines.append("")
            elif (level := heading_level(child)) is not None:
                self.flush()
                text = inline_text(child)
                if self.in_item and self.item_number is not None:
                    text = f"{self.item_number} {text}"  # the number a browser shows before it
                self.in_item, self.item_number = False, None  # a list item with a heading is a section
                if not any(n.mem_id in self.disclosures.controls for n in child.traverse()):
                    self.section_level = level  # an accordion's heading is no section of its own
                self.pieces.append(Piece("heading", level, text))
            elif child.mem_id in self.disclosures.tabs:
                continue  # read as the heading of its panel
            elif (tag == "summary" or child.mem_id in self.disclosures.controls) and self._is_label(child):
                # The label of a disclosure outside any heading: a heading of what it
                # shows, and the label of a list item (an accordion built as a list).
                self.label(inline_text(child))
            elif child.mem_id in self.disclosures.controls and tag == "button":
                continue  # a control that labels nothing: "Åbn alle", a carousel's "1", "2"
            elif child.mem_id in self.disclosures.tab_labels:
                self.label(self.disclosures.tab_labels[child.mem_id])
                self.walk(child)
                self.flush()
            elif tag == "table" and not is_layout_table(child) and not self._lays_out_disclosures(child):
                self.flush()
                self.pieces.extend(html_table_pieces(child, self.cell_text))
            elif tag == "figcaption" and _captions_a_table(child):
                continue  # read with its table, as the table's caption
            elif tag == "pre":
                self.flush()
                self.lines = (child.text(separator="") or "").split("\n")
                self.flush()
            elif tag == "li":
                self.flush()
                self.in_item, self.item_number = True, self.numbers.get(child.mem_id)
                self.walk(child)
                self.flush()
            elif tag == "dl" and (rows := _definitions(child, self.disclosures)) is not None:
                self.flush()
                self.pieces.extend(rows)
            elif tag in BLOCKS or tag == "summary":
                self.flush()
                self.walk(child)
                self.flush()
                if tag == "p" and not self.in_item and self.pieces and _is_bold_question(child, self.pieces[-1]):
                    self.bold_questions[len(self.pieces) - 1] = min(self.section_level + 1, 6)
            elif tag == "sup" and is_footnote_mark(child.text(separator=""), self.lines[-1]):
                continue
            elif tag in FORMATTING:
                self.walk(child)
            elif tag not in ("-comment", "img"):
                self.gap = self.gap or self.closed
                self.walk(child)
                self.closed = True


def _captions_a_table(figcaption: LexborNode) -> bool:
    """Whether a `<figcaption>` is read as its figure's data table's caption
    (`qa.readers.html_table.table_caption`) rather than where it stands."""
    figure = figcaption.parent
    table = next((c for c in figure.iter() if c.tag == "table"), None) if figure is not None else None
    caption = table_caption(table) if table is not None and not is_layout_table(table) else None
    return caption is not None and caption.mem_id == figcaption.mem_id


def is_layout_table(table: LexborNode, without: frozenset[int] = frozenset()) -> bool:
    """Whether a `<table>` lays out a page rather than holding data, so that its cells are
    read as blocks (each cell's headings, paragraphs and lists as they stand) and not as
    one row of values: it says so (`role="presentation"` or `"none"`, WAI-ARIA), or it has
    no header cell, `<thead>` or `<caption>` and one of its own cells holds another table,
    or a heading together with a paragraph, list or table in that same cell (an older
    site's columns, a newsletter's layout grid). A cell holding only a heading is a data
    table's title or header cell (`<td colspan=2><h3>Gebyrer 2025</h3></td>`). `without`:
    elements (by `mem_id`) judged as if taken out with what they hold (`_keeping_layout`)."""
    if (table.attributes.get("role") or "").strip().lower() in ("presentation", "none"):
        return True
    own = [n for n in table.traverse() if n.mem_id == table.mem_id or owner_table(n) == table.mem_id]
    if any(n.tag in ("th", "thead", "caption") for n in own):
        return False
    for cell in (n for n in own if n.tag == "td"):
        inside: set[str] = set()
        stack = list(cell.iter())
        while stack:
            node = stack.pop()
            if node.mem_id not in without:
                inside.add(node.tag or "")
                stack.extend(node.iter())
        if "table" in inside or (inside & HEADINGS and inside & _LAYOUT_BLOCKS):
            return True
    return False


# What stands beside a heading in a cell of a table that lays out a page.
_LAYOUT_BLOCKS = {"p", "ul", "ol", "dl", "table"}


def _definitions(dl: LexborNode, disclosures: Disclosures) -> list[Piece] | None:
    """A description list as one `table_row` per group, its terms before its
    descriptions as a table row puts a header before its value ("Torsdag: 10.00-17.30",
    "Voksne (18-64 år): 818 kr."; lines of one description joined by "; "). None when a
    term or description holds more than lines of text (a heading, a list, a table): such
    a list is read as blocks."""
    if any(n.tag in _NOT_IN_DEFINITIONS and n.mem_id != dl.mem_id for n in dl.traverse()):
        return None  # decided before any walking: nested lists are walked once, as blocks
    groups: list[tuple[list[str], list[str]]] = []
    for node in dl.traverse():
        owner = closest(node, lambda a: a.tag == "dl")
        if node.tag not in ("dt", "dd") or owner is None or owner.mem_id != dl.mem_id:
            continue
        pieces = _pieces(node, disclosures, spaced=True)
        if any(p.kind != "paragraph" for p in pieces):
            return None
        text = _joined_lines(pieces)
        if not groups or (node.tag == "dt" and groups[-1][1]):  # a term after a description starts a group
            groups.append(([], []))
        groups[-1][0 if node.tag == "dt" else 1].append(text)
    rows = []
    for terms, descriptions in groups:
        term, description = "; ".join(t for t in terms if t), "; ".join(d for d in descriptions if d)
        text = f"{term}: {description}" if term and description else term or description
        if text:
            rows.append(Piece("table_row", 0, text))
    return rows


_NOT_IN_DEFINITIONS = {"dl", "ul", "ol", "table"} | HEADINGS


_FOOTNOTE_MARK = re.compile(r"\s*(\(?\d{1,2}\)|\[\d{1,2}\]|[*†‡]{1,3}|\d{1,2})\s*")


def is_footnote_mark(superscript: str, before: str) -> bool:
    """Whether the text of a `<sup>` is a footnote mark, left out of the text: "1)",
    "[2]", "*", or a bare number after a full stop, a bracket or a space ("309
    kr.<sup>1</sup>", a footnote's own number at its start). A bare number right after a
    letter or digit stays: an exponent ("m<sup>2</sup>" is "m2") or the minutes of a
    time ("kl. 10<sup>00</sup>")."""
    if _FOOTNOTE_MARK.fullmatch(superscript) is None:
        return False
    return not superscript.strip().isdigit() or not before[-1:].isalnum()


def heading_level(node: LexborNode) -> int | None:
    """The level (1-6) of a heading, or None: `<h1>`-`<h6>`; an element with
    `role="heading"` at its `aria-level` (2 when it gives none, as WAI-ARIA says); a `<p>`
    or `<div>` styled as a heading with a class "h1"-"h6" (Bootstrap's and DKFDS's
    heading classes, "for when you cannot use the heading element") and holding no
    blocks of its own."""
    if node.tag in HEADINGS:
        return int(node.tag[1])
    if node.attributes.get("role") == "heading":
        level = (node.attributes.get("aria-level") or "").strip()
        return min(max(int(level), 1), 6) if level.isdigit() else 2
    if node.tag in ("p", "div"):
        classes = [t for t in _class_tokens(node) if t in _HEADING_CLASSES]
        if classes and not any(
            n.tag in BLOCKS or n.tag in HEADINGS for n in node.traverse() if n.mem_id != node.mem_id
        ):
            return int(classes[0][1])
    return None


_HEADING_CLASSES = {f"h{n}" for n in range(1, 7)}


def inline_text(node: LexborNode) -> str:
    """An element's text read as the walker reads text (formatting joined, a word cut by
    markup kept whole), its lines joined (`_joined_lines`): the text of a heading, a
    label or a caption ("Hvad er Nem<b>ID</b>?" is "Hvad er NemID?")."""
    return _joined_lines(_pieces(node, Disclosures(), spaced=True))


def _joined_lines(pieces: list[Piece]) -> str:
    """The texts of pieces as one line: joined by "; " ("Man.-ons. 10.00-14.00; Tors.
    14.00-17.30"), or by a space after a line that ends a sentence."""
    text = ""
    for piece in pieces:
        line = piece.text.strip()
        if line:
            text += ("" if not text else " " if text[-1] in ".!?:;" else "; ") + line
    return text


def _laid_apart(before: str, after: str) -> bool:
    """Whether text that ends one element and text that starts the next, with no white
    space between them, are two things a page's CSS lays apart ("Telefon" | "33 98 00
    10", "818" | "kr.", "Tlf." | "70 12 34 56", "Kodeviser" | "Sådan bruger du"), not one
    word cut by markup ("Ansøgnings" | "fristen", pasted from a word processor): a
    digit, a full stop or colon on the left, or a digit or capital letter on the right."""
    left, right = before[-1:], after[:1]
    if not (left.isalnum() or left in ".:") or not right.isalnum():
        return False
    return left.isdigit() or left in ".:" or right.isdigit() or right.isupper()


# A word of lower-case letters only, at least two, at the end of a text.
_LOWER_WORD_END = re.compile(r"(?<!\w)[^\W\d_]{2,}$")


def _case_seam(before: str, after: str) -> bool:
    """Whether text that ends one element and text that starts the next, with no white
    space between them, are two words by their case: a word of lower-case letters only,
    at least two, then a capital ("boligstøtte" | "Opdateret 2024", "med" | "MitID"). A
    name written in camel case starts with a capital or one letter ("Nem" | "Konto",
    "e" | "Boks") and stays one word."""
    word = _LOWER_WORD_END.search(before)
    return word is not None and word.group().islower() and after[:1].isupper()


def _holds_heading(node: LexborNode) -> bool:
    return any(n.tag in HEADINGS for n in node.traverse())


def _is_bold_question(paragraph: LexborNode, piece: Piece) -> bool:
    """Whether a `<p>`, read as `piece`, is one question set wholly in bold ("<p><strong>Hvem
    kan få hjemmehjælp?</strong></p>")."""
    text = piece.text.strip()
    return (
        piece.kind == "paragraph"
        and text.rstrip(CLOSING).endswith("?")
        and all_bold(paragraph, paragraph.text(separator=" "))
    )


def _pieces(root: LexborNode, disclosures: Disclosures, spaced: bool = False) -> list[Piece]:
    """The pieces of an element's text; bold questions over their answers become headings
    (`question_headings`) except in a cell, label or description (`spaced`)."""
    walker = _Walker(list_numbers(root), disclosures, spaced)
    walker.walk(root)
    walker.flush()
    return walker.pieces if spaced else question_headings(walker.pieces, walker.bold_questions)
