"""What every reader shares: the piece shape, line units, list markers, dates and table rows.

A reader turns one file into a list of `Piece`s (kind, heading level, text, page). The
text of a piece is one unit: a heading, a paragraph, a list item or a table row. Readers
work on text already passed through `qa.normalise.normalise`; `qa.documents.assemble`
folds runs of white space inside a piece and joins pieces into the document text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, TypeAlias

from qa.lexicon import is_danish_word
from qa.normalise import has_letter_or_digit

BlockKind = Literal["heading", "paragraph", "list_item", "table_row", "table_header", "table_caption"]


class ReaderError(Exception):
    """A file that a reader cannot turn into text; the message says why and what to do."""


@dataclass(frozen=True)
class Piece:
    """One unit of a document before assembly: `page` is 1-based for PDFs (the page the
    unit starts on), else None; `page_starts` holds (character offset in `text`, page) for
    each later page the unit runs onto (a paragraph broken over a page break), in order."""

    kind: BlockKind
    level: int
    text: str
    page: int | None = None
    page_starts: tuple[tuple[int, int], ...] = ()


# A list marker at the start of a line: "-", "*", "•", "–", "+" or another bullet glyph
# ("▪", "■", "●", "○", "◦", "‣", "⁃", "►", "▸", "▶", "➢", "✓", "✔", "·"), or a character of
# Unicode's private use area (U+E000-U+F8FF: a symbol font's bullet, as Word writes its
# Symbol and Wingdings bullets into PDFs, "\uf0b7" and "\uf0a7"; no text starts with one),
# followed by a space (the marker is dropped); or a number with "." or ")" followed by a
# space (kept: it is visible source text, "1. Log ind med MitID").
BULLET = re.compile(r"^\s*[-*•–+▪■●○◦‣⁃►▸▶➢✓✔·\ue000-\uf8ff]\s+")
NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+")

# Month names and their usual abbreviations, Danish (Retskrivningsordbogen, Dansk
# Sprognævn) and English: "1. juli 2025 – 30. juni 2026: ..." starts with a date, not a
# list number.
_MONTHS = (
    "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|"
    "january|february|march|may|june|july|october|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec"
)
DATE_START = re.compile(rf"^\s*\d{{1,2}}\.\s*(?:{_MONTHS})\b", re.IGNORECASE)

# Soft-break rule: a line no longer than this (characters) that ends without punctuation
# reads as a heading or label when the next line starts with a capital or a digit. Prose
# hard-wrapped for reading (at 72-80 columns, the usual editor and e-mail width) is
# longer than this on every line but the paragraph's last.
SHORT_LINE = 50
SENTENCE_END = (".", "!", "?", "…")
"""What ends a sentence."""
CLOSING = "\"'”»)]"
"""Closing quotes and brackets that may follow a sentence's end."""
# A line that opens with a label: one to three words (abbreviations and ranges such as
# "man.-ons." and "e-mail" count as words) and a colon before more text ("fredag:
# 10-13", "tlf.: 70 12 34 56"). A sentence that runs on over a line break does not
# open its next line so.
LABEL_START = re.compile(r"^[^\W\d][\w.\-/]*(?: [\w.\-/]+){0,2}: \S")


# A document's date: a calendar date written YYYY-MM-DD (ISO 8601, as the README shows
# it), or one with a time of day, as YAML reads `date: 2024-05-01 10:30` and pages give it
# ("2024-05-01T10:30:00+02:00"), its UTC offset (Z, +HH, +HHMM or +HH:MM) after an
# optional space, as Jekyll documents it ("2024-05-01 10:30:00 +0200", which YAML leaves
# text).
_ISO_DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"(?: ?(?P<offset>Z|(?P<sign>[+-])(?P<hours>\d{2})(?::?(?P<minutes>\d{2}))?))?)?"
)


def iso_date(value: str) -> bool:
    """Whether `value` is a date as `_ISO_DATE` writes it, and one that exists
    (`datetime.fromisoformat`, its offset read as +HH:MM): "2024-05-01",
    "2024-05-01 10:30:00 +0200" and "2024-05-01T10:30:00Z" are; "2024", "1. maj 2024",
    "2025-18-11" and an offset of 24 hours or more are not."""
    match = _ISO_DATE.fullmatch(value)
    if not match:
        return False
    moment = value
    if match["offset"]:
        offset = "+00:00" if match["offset"] == "Z" else f"{match['sign']}{match['hours']}:{match['minutes'] or '00'}"
        moment = value[: match.start("offset")].rstrip(" ") + offset
    try:
        datetime.fromisoformat(moment)
    except ValueError:
        return False
    return True


# The commonest finite verbs of Danish and English help pages: a line holding one is a
# sentence, not a caption or a heading ("Genbrugspladsen er lukket på helligdage",
# "Prisen er 205 kr").
FINITE_VERB = re.compile(
    r"\b(er|var|har|havde|kan|kunne|skal|skulle|må|bliver|blev|får|fik|gælder|betaler|koster|giver|"
    r"is|are|was|were|has|have|had|can|could|must|will|would|shall|should|pays|costs|applies)\b",
    re.IGNORECASE,
)
# A year of four digits (1900-2099) (`YEAR`, below, takes a span of years too), and digits
# that are not one: a phone number, an amount, an hour.
_YEAR = r"(?:19|20)\d\d(?!\d)"
NOT_YEAR_DIGITS = re.compile(rf"(?<!\d)(?!{_YEAR})\d+")
# A span of two years written with the second's last two digits, no space around the
# mark ("2026/27", "2025-26"); "2026 - 27 kr" and "2026-27 kr." give an amount (a stop 49
# review).
_YEAR_SPAN = re.compile(r"(?<!\d)((?:19|20)\d\d)[-–/](\d\d)(?!\d)(?!\s*(?:kr|dkk|%))", re.IGNORECASE)


def has_figure(text: str) -> bool:
    """Whether a text holds digits that are no year (`NOT_YEAR_DIGITS`), the second year of
    a span of two years written with its last two digits ("varmeåret 2026/27", a stop 48
    tester's caption, quoted as an answer when its "27" made it no label) counting as a
    year; "Pris pr. hovedret 2026 – 58 kr" holds a figure (a stop 49 review)."""

    def span(m: re.Match[str]) -> str:
        return m.group(1) if (int(m.group(1)) + 1) % 100 == int(m.group(2)) else m.group(0)

    return NOT_YEAR_DIGITS.search(_YEAR_SPAN.sub(span, text)) is not None


def reads_as_label(text: str) -> bool:
    """Whether a line names rather than states: no common finite verb (`FINITE_VERB`) and
    no figure but a year (`has_figure`), as a heading or a caption ("Beløb", "Dødsfald
    i 2026") does; "Prisen er 205 kr" and "Hverdage kl. 9-15" state."""
    return FINITE_VERB.search(text) is None and not has_figure(text)


# A page's date stamp: "Senest opdateret: 3. marts 2026", "Sidst opdateret 14.01.2025",
# "Siden er opdateret den 6. januar 2026", "Last updated: 3 March 2026", "Published 2 May
# 2025", set in emphasis or brackets or not. The words are those of page templates
# (borger.dk, the municipalities' CMS, gov.uk-style English pages), not of one page.
_STAMP_WORDS = (
    r"(?:(?:side[n]?\s+er\s+)?(?:senest|sidst)\s+|(?:side[n]?(?:\s+er)?|last|page(?:\s+last)?|first)\s+)?"
    r"(?:opdateret|ændret|revideret|redigeret|udgivet|publiceret|offentliggjort|oprettet|"
    r"updated|modified|reviewed|published|changed)"
)
_STAMP_DATE = (
    rf"(?:\d{{1,2}}\.?\s*(?:{_MONTHS})\.?\s*\d{{4}}|(?:{_MONTHS})\.?\s*(?:\d{{1,2}},?\s*)?\d{{4}}|"
    r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2})"
)
# Who made the change, after the date: "Senest revideret 12.01.2026 af Borgerservice", "Last
# reviewed 3 March 2026 by the Digital Team", "... af Affald og Genbrug": at most
# `_STAMP_AUTHOR_WORDS` capitalised words, after "the" in English and maybe joined by
# "og", "and" or "&" (a name; "... af hensyn til nye regler", "... af kommunen
# og forældrene" and "af Folketinget og gælder for alle" are text: a stop 44 review).
_STAMP_AUTHOR_WORDS = 4
_CAPITALISED_WORD = r"\s+(?-i:[A-ZÆØÅ])[\w'’-]*"
_STAMP_AUTHOR = (
    rf"(?P<author>\s+(?:af|by)(?:\s+the)?{_CAPITALISED_WORD}"
    rf"(?:(?:\s+(?:og|and|&))?{_CAPITALISED_WORD}){{0,{_STAMP_AUTHOR_WORDS - 1}}})?"
)
_PAGE_STAMP = re.compile(
    rf"^[\s*_(\[]*{_STAMP_WORDS}\s*(?:d\.|den|on)?\s*:?\s*{_STAMP_DATE}"
    rf"(?:,?\s*(?:kl\.|at)?\s*\d{{1,2}}[.:]\d{{2}})?{_STAMP_AUTHOR}[\s*_)\].]*$",
    re.IGNORECASE,
)
# Only a stamp that says it dates the page ("Senest ...", "Sidst ...", "Siden er ...",
# "Last ...", "Page ...") names who made the change: "Oprettet 1. marts 2019 af Byrådet",
# "Revideret 14. december 2025 af Social- og Sundhedsudvalget" and "Published 15 January
# 2026 by SIRI" are a page's facts (a second stop 44 review).
_PAGE_DATING = re.compile(r"^[\s*_(\[]*(?:senest|sidst|siden?|last|page)\b", re.IGNORECASE)


# A stamp and a second one in matching brackets, the pair maybe in emphasis (each stamp
# is matched alone by `_PAGE_STAMP`).
_STAMP_PAIR = re.compile(r"^[*_]*([^()\[\]]+?) ?(?:\(([^()\[\]]+)\)|\[([^()\[\]]+)\])[.*_]*$")

# A page's line of facts about itself, its parts set apart by a middle dot, a bullet or a
# bar ("Senest opdateret: 2. marts 2026 · Ansvarlig: Jobcenter Ravnsholt", a blind set's
# page at stop 53, quoted for "How late can I be for a job centre meeting?"): a stamp that
# says it dates the page (`_PAGE_DATING`) and a byline, a label that says who answers for
# the page (`_BYLINE_LABEL`, the words of page templates) and a name of at most
# `_BYLINE_NAME_WORDS` capitalised words, maybe joined by "og", "and" or "&" ("Ansvarlig:
# Jobcenter Ravnsholt", "Redaktør: Borgerservice", "Kontakt: Social og Sundhed"). Not a
# stamp without such words: "Revideret 14. december 2025 | Vedtaget af: Byrådet" dates a
# policy, which a question may ask about; nor a fact beside the date ("Status: Aflyst",
# "Ansøgningsfrist: Løbende"): two stop 55 reviews'.
_STAMP_PARTS = re.compile(r"\s+[·•|]\s+")
_BYLINE_LABEL = (
    r"(?i:(?:side|indholds)?ansvarlig(?: [\w-]+)?|redakt(?:ør|ion)|redigeret af|skrevet af|forfatter|"
    r"kontakt(?:person)?|afdeling|responsible(?: [\w-]+)?|editor|author|written by|contact|department|owner)"
)
_BYLINE_NAME_WORDS = 4
_BYLINE = re.compile(
    rf"^{_BYLINE_LABEL}:{_CAPITALISED_WORD}(?:(?:\s+(?:og|and|&))?{_CAPITALISED_WORD})"
    rf"{{0,{_BYLINE_NAME_WORDS - 1}}}$"
)

# The longest stamp: words, a date and a time ("Siden er senest opdateret den 14.
# september 2025 kl. 10:15" is 58 characters).
_STAMP_MAX_CHARS = 120


def is_page_stamp(text: str) -> bool:
    """Whether a text is all a page's date stamp (`_PAGE_STAMP`): "Senest opdateret: 3.
    marts 2026", "_Last updated: 20 February 2025_", "Sidst opdateret 14.01.2025", maybe
    with who made the change after words saying it dates the page ("Senest revideret
    12.01.2026 af Borgerservice", quoted at stop 43 for "Can I have an interpreter at the
    complaints board meeting?"; not "Oprettet 1. marts 2019 af Byrådet"). Read as
    the page shows it, but quoted it answers no question ("Will I still get unemployment
    benefits straight away?" was answered "Senest opdateret: 14. august 2025"), so
    `qa.reader` makes no answer unit of it. A stamp followed by a second stamp in brackets
    is one too, as a bilingual page gives its date in both languages ("Last updated: 3
    March 2026 (Senest opdateret: 3. marts 2026)" was quoted for "hvad gør jeg med brugte
    batterier"); what the brackets say is not checked to be the same date. So is a stamp
    with a byline set apart by a middle dot, a bullet or a bar (`_STAMP_PARTS`, `_BYLINE`:
    "Senest opdateret: 2. marts 2026 · Ansvarlig: Jobcenter Ravnsholt"). A sentence
    that dates a rule ("Reglerne er ændret 1. juli 2025.") is none."""
    if len(text) > _STAMP_MAX_CHARS:
        return False
    # One space between words: the pattern's runs of optional spaces then meet one space
    # each, not a long run they could split in many ways.
    collapsed = " ".join(text.split())
    if _stamp(collapsed):
        return True
    pair = _STAMP_PAIR.match(collapsed)
    if pair is not None and all(_stamp(part) for part in pair.groups() if part is not None):
        return True
    parts = _STAMP_PARTS.split(collapsed)
    dating = [part for part in parts if _stamp(part) and _PAGE_DATING.match(part)]
    return len(parts) > 1 and bool(dating) and all(_stamp(part) or _BYLINE.match(part) for part in parts)


def _stamp(text: str) -> bool:
    """Whether a text (spaces collapsed) matches `_PAGE_STAMP`, naming who made the change
    only after words that say it dates the page (`_PAGE_DATING`)."""
    m = _PAGE_STAMP.match(text)
    return m is not None and (m.group("author") is None or _PAGE_DATING.match(text) is not None)


# A breadcrumb trail copied with a web page's text: "borger.dk > Bolig og flytning >
# Flytning", "Forside › Affald". Its separators, and the words of a trail's first step.
_CRUMB_SEPARATOR = re.compile(r"\s+[>›»/]\s+")
_CRUMB_HOME = re.compile(r"^(forside|start|hjem|home|front ?page|(?:[\w-]+\.)+(dk|gov|eu|com|org))$", re.IGNORECASE)
# How many of a text's first lines may be a trail: it stands above the article.
CRUMB_LINES = 3
# The separators between a page's own title and its site's name, as a browser shows a
# `<title>` ("Pas | borger.dk", "Storskrald – Syddjurs Kommune", "Klag over støj - Lyngbæk
# Kommune", "Pas — borger.dk"), with the spaces around them; matched from the start of a
# run of spaces only (a run of thousands of spaces was read in time quadratic in its
# length: a stop 51 review's).
TITLE_SEPARATOR = re.compile(r"(?<!\s)\s+(?:\||–|—|-)\s+")

# The most words a link in a list of links may hold ("Sundhedsplejen", "Skole og SFO"):
# a link that says more ("Søg boligstøtte på borger.dk") is content, as are digits.
LINK_LIST_WORDS = 3
# Headings that say what follows is links to other pages, in the words of Danish and English
# web pages: related pages or links ("Relaterede emner", "Related links", "Nyttige links",
# "Links", "Genveje": `RELATED_TITLE`), or "Se også", "Læs mere", "See also", "Read more"
# (with those, `LINK_TITLE`), as the whole heading; in a fact box or a contact column any
# heading that speaks of them ("Læs mere om ...", "Mere om affald": `LINK_HEADING`). A list of
# short links under another heading ("Det skal du medbringe": "Gyldigt pas", "Sundhedskort")
# is content and stays, as are those under a heading that only holds such a word in the
# content ("Links til de blanketter, du skal udfylde", "Documents related to your
# application", "Se mere om de enkelte genbrugspladser": a stop 41 reviewer's pages), and in
# a text copied from a page those under "Se også", "Læs mere", "See also" or "Read more",
# which also stand over a section or an expander's own list (`qa.readers.text`: a stop 41
# reviewer's "Læs mere" over "• Rengøring", "• Tøjvask", "See also" over "Required
# documents" and its items).
_RELATED = (
    r"links?|linket|genveje|shortcuts|(relatere[dt]e?|related|nyttige|useful|andre|other|flere|more)\s+"
    r"(links?|sider|pages|emner|topics|indhold|content|artikler|articles)"
)
_SEE_ALSO = r"se også|læs også|læs mere|see also|read more"
RELATED_TITLE = re.compile(rf"({_RELATED})\s*:?", re.IGNORECASE)
LINK_TITLE = re.compile(rf"({_RELATED}|{_SEE_ALSO})\s*:?", re.IGNORECASE)
# One line of links copied with a page: a title saying links follow, a colon, and the links'
# labels set apart by one separator ("Se også: Specialundervisning i Strandholm ·
# Skolefravær – hvad gør vi? · Forældrerådgivning", "Relaterede sider: SFO |
# Skoleindskrivning"), each of at most `LINK_LINE_WORDS` words.
_LINK_SEPARATOR = re.compile(r"\s+([·|•])\s+")
_LINK_LINE_TITLE = re.compile(rf"{_RELATED}|{_SEE_ALSO}|related|relateret", re.IGNORECASE)
LINK_LINE_WORDS = 8


# A link's target that is contact, not another page: a phone, a text message, an e-mail
# address or a map (Google Maps).
CONTACT_LINK = re.compile(r"\s*(tel:|mailto:|sms:|https?://(www\.)?(google\.[a-z.]+/maps|maps\.))", re.IGNORECASE)


def is_link_line(text: str) -> bool:
    """Whether a line is a list of links on one line, as pages set their "Se også" and
    "Relaterede sider" and text copied from them keeps it: a title of `LINK_TITLE` or
    "Related", a colon, then two or more labels set apart by one of " · ", " | ", " • " (the
    same each time), none ending a sentence with "." and none longer than `LINK_LINE_WORDS`
    words (a word holds a letter or a digit: the dash of "Valg 2026 – sådan stemmer du i
    Lindå Kommune" is none, a stop 47 blind tester's text page). A
    stop 43 tester's text page had "Læs også: Tinglysningsafgift ved køb af bolig ·
    Tilstandsrapport og ejerskifteforsikring" quoted for a question on the deadline to
    withdraw from buying a home. Not a sentence that names the pages ("Læs også:
    Pædagogisk Psykologisk Rådgivning i Bakkely og Stammeforeningen."), nor one link."""
    return link_line_labels(text) is not None


def link_line_labels(text: str) -> list[str] | None:
    """The labels of a line of links (`is_link_line`) in order, or None when the line is
    none: "Se også: Pas | Kørekort | borger.dk" -> ["Pas", "Kørekort", "borger.dk"]."""
    head, colon, rest = text.strip().partition(":")
    if not colon or _LINK_LINE_TITLE.fullmatch(head.strip()) is None:
        return None
    if len(set(_LINK_SEPARATOR.findall(rest))) != 1:
        return None
    labels = [label.strip() for label in _LINK_SEPARATOR.split(rest)[::2]]
    if len(labels) >= 2 and all(
        label and count_words(label) <= LINK_LINE_WORDS and not label.endswith(".") for label in labels
    ):
        return labels
    return None


def count_words(text: str) -> int:
    """How many of a text's space-separated tokens hold a letter or a digit
    (`has_letter_or_digit`; not "–", "·")."""
    return sum(1 for token in text.split() if has_letter_or_digit(token))


LINK_HEADING = re.compile(rf"\b({_RELATED}|{_SEE_ALSO}|se mere|relatere\w*|related|mere om)\b", re.IGNORECASE)


# A page's tool bar copied with its text: sharing, printing, listening, back to the top
# ("Del siden | Udskriv | Til toppen", "Del   Print   Lyt", "Del siden: Facebook · LinkedIn
# · E-mail · Print", "Del på Facebook   Del på LinkedIn   Send som e-mail   Udskriv",
# "Share this page"), in the tools' names on Danish municipal, borger.dk and English pages
# (twelve pages of the development and page sets had one, read as a heading over the
# text after it or as a paragraph; one was quoted as an answer).
# The social networks and mail count only beside the share tool (`_TOOL_GROUPS`):
# "Facebook Messenger", "Messenger / WhatsApp" and "Facebook\nLinkedIn\nX" are channels a
# page names, headings over how to reach it (a stop 42 reviewer's pages). "X" is no tool: a
# table's "Print x x" marks a service with crosses.
_SOCIAL = r"facebook|linkedin|twitter|bluesky|messenger|whatsapp"
# The tools of a bar, each under its names and phrases (Danish and English names of one
# tool count once: "Lyt / læs op", "Udskriv / Print"), the share tool first: a bar holds it
# and one more (`is_tool_bar`). A stop 42 reviewer's "Lyt / læs op" in a list of a site's
# accessibility functions, "Udskriv⇥Print" in a table of words and a heading "Print /
# e-mail" over a library's service are no bars.
_TOOL_NAMES = (
    rf"del(?:\s+(?:siden|denne\s+side|artiklen|på\s+(?:{_SOCIAL})))?|share(?:\s+(?:this\s+page|on\s+(?:{_SOCIAL})))?",
    r"print|udskriv",
    r"lyt|læs\s+op|listen|read\s+aloud",
    r"(?:tilbage\s+)?til\s+toppen|(?:back\s+)?to\s+top",
    r"kopi[eé]r\s+link|copy\s+link",
    r"(?:send\s+(?:som\s+|as\s+(?:an?\s+)?)?)?(?:e-?)?mail",
    *_SOCIAL.split("|"),
)
_TOOL_GROUPS = tuple(re.compile(rf"\b(?:{names})\b", re.IGNORECASE) for names in _TOOL_NAMES)
# One tool's name, as a part of a bar or a line of its own.
_ONE_TOOL = re.compile(rf"(?:{'|'.join(_TOOL_NAMES)})\s*:?", re.IGNORECASE)
# What sets a bar's tools apart: "|", "·", "•", ":", a tab, or two spaces and more, as a
# page's buttons copied as text leave them. Tools joined by single spaces read as a phrase
# ("Del på Facebook" as a cookie page's heading), by "/" or "," as a heading naming two
# ("Udskriv / del" over how to print or share a letter; stop 42 reviewers' pages).
_TOOL_SEPARATOR = re.compile(r"\s*[|·•:]\s*|\t\s*| {2,}")
# A line set in emphasis as a whole ("*Del siden: Facebook | LinkedIn*"); a list's "* "
# bullet is no emphasis.
_EMPHASIS = re.compile(r"([*_]{1,2})(\S.*?\S)\1")
# Where a page's date stamp may follow a tool bar on its line ("Del siden   Print   Sidst
# opdateret 2. oktober 2025").
_STAMP_START = re.compile(r"\s(?=(?:sidst|senest|last|opdateret|updated|published)\b)", re.IGNORECASE)


def _shares_and_more(text: str) -> bool:
    """Whether a text names the share tool and another (`_TOOL_GROUPS`)."""
    tools = [group.search(text) is not None for group in _TOOL_GROUPS]
    return tools[0] and sum(tools) >= 2


def is_tool_bar(line: str) -> bool:
    """Whether a line is only a page's tool bar: two or more tools' names (`_ONE_TOOL`) set
    apart as buttons copied as text are (`_TOOL_SEPARATOR`), the tool to share the page
    and another of print, listen, e-mail, a social network, back to top, copy link
    (`_TOOL_GROUPS`), maybe in emphasis and maybe followed by the page's date stamp
    (`is_page_stamp`): "Del siden | Udskriv | Til toppen", "*Del siden: Facebook |
    LinkedIn | E-mail | Print*", "Del   Print   Lyt". Not "Print" alone (a service's
    name), "Del siden", "Share this page" or "Del på Facebook" alone (a help or cookie
    page's headings), channels without the share tool ("Facebook Messenger", "Messenger /
    WhatsApp", "Print / e-mail"), one tool's two names ("Lyt / læs op", "Del⇥Share"), nor
    a line that says more ("Del siden med en ven, der skal flytte")."""
    text = line.strip()
    emphasis = _EMPHASIS.fullmatch(text)
    if emphasis is not None:
        text = emphasis.group(2).strip()
    stamp = _STAMP_START.search(text)
    if stamp is not None and is_page_stamp(text[stamp.end() :]):
        text = text[: stamp.start()].strip()
    parts = [part for part in _TOOL_SEPARATOR.split(text) if part.strip()]
    return len(parts) >= 2 and all(_ONE_TOOL.fullmatch(part.strip()) for part in parts) and _shares_and_more(text)


def is_tool_bar_lines(lines: Sequence[str]) -> bool:
    """Whether lines, two or more, are a page's tool bar with one tool's name on each
    (`_ONE_TOOL`), the share tool and another among them: "Del siden", "Facebook",
    "LinkedIn", "Mail", "Print" as a text page copies its buttons. Not a table of the
    buttons' names ("Del⇥Share", "Udskriv⇥Print": two names on a line)."""
    return (
        len(lines) >= 2
        and all(_ONE_TOOL.fullmatch(line.strip()) for line in lines)
        and _shares_and_more(" ".join(lines))
    )


def is_breadcrumb(line: str) -> bool:
    """Whether a line is only a breadcrumb trail: three or more short steps (at most six
    words, none ending a sentence) joined by ">", "›", "»" or "/" with spaces around it, or
    two whose first is a home page ("Forside > Affald", "www.borger.dk > Flytning"). "Gå
    til Indstillinger > Sikkerhed" is an instruction, not a trail (its first step is no
    home page and it has two), and quotes in guillemets ("Tilbud om »Frit valg«") are
    none. The last step, the page's own title, may be a question ("Forside › Lystfiskeri ›
    Hvor må du fiske?", a held-out text page of stop 50 whose trail was read as text) when
    the trail starts at a home page and points on (">", "›", "»"), every step holding a
    letter: "Er 5 > 3 > 1?" compares, "Mistet pas / kørekort / sundhedskort?" asks and
    "Vælg Min side › Mine sager › Hvor langt er min sag?" instructs (a stop 52 review's
    lines, read as text). A menu path of three steps on a line of its own reads as a
    trail: `CRUMB_LINES` keeps the test to the lines above a page's text."""
    steps = [step.strip() for step in _CRUMB_SEPARATOR.split(line.strip())]
    if steps[-1].endswith("?"):
        slashed = any("/" in mark for mark in _CRUMB_SEPARATOR.findall(line.strip()))
        pointed = not slashed and _CRUMB_HOME.match(steps[0]) is not None
        if not pointed or not all(any(c.isalpha() for c in step) for step in steps):
            return False
        steps[-1] = steps[-1][:-1].rstrip()
    if len(steps) < 2 or any(not step or len(step.split()) > 6 or step.endswith(("!", "?", ",")) for step in steps):
        return False
    if any(step.endswith(".") and not _CRUMB_HOME.match(step) for step in steps):
        return False
    return len(steps) >= 3 or _CRUMB_HOME.match(steps[0]) is not None


def starts_with_list_marker(line: str) -> bool:
    """True when a line starts with a bullet or a list number (but not with a date)."""
    return bool(BULLET.match(line)) or (bool(NUMBERED.match(line)) and not DATE_START.match(line))


def strip_bullet(line: str) -> str:
    """The line without a leading bullet marker; list numbers are kept."""
    return BULLET.sub("", line, count=1)


def starts_new_unit(before: str, after: str, wrapped: bool = False, written: bool = False) -> bool:
    """Whether a single line break between two lines of a paragraph starts a new unit.

    A new unit starts when `after` starts with a list marker, when `before` ends a
    sentence and `after` does not continue in lower case, when `before` ends with a
    colon, or when `before` is short (at most `SHORT_LINE` characters), ends without
    punctuation and `after` starts with a capital or a digit. A break known to be a wrap
    (`wrapped`: a PDF line in a narrow column that `after`'s first word did not fit
    after) is neither a short line's end nor a list's next item: "... fra kl. 7 til" /
    "18. Du skal ..." wraps a sentence at a number. A break the author wrote (`written`:
    an HTML `<br>`, never a wrap for the reader's window) also starts a new unit before
    a line that opens with a label (`LABEL_START`: "fredag: 10-13", "e-mail: ...")
    whatever case it starts in, when `before` also opens with a label (a run of
    "Mandag: ..." / "fredag: ..." lines) or ends a sentence; after any other line a
    label may go on a sentence ("husker<br>følgende: pas, ..."). Otherwise the lines are
    hard-wrapped prose, or a sentence broken mid-way ("hvis du<br>har en ...", "senest
    1. juli 2025<br>kl. 12"), and stay one unit.

    >>> starts_new_unit("Sådan søger du", "Kontakt kommunen.")
    True
    >>> starts_new_unit("Mandag-torsdag: 10-15", "fredag: 10-13", written=True)
    True
    >>> starts_new_unit("Du kan søge om fritagelse, hvis du har en", "kognitiv funktionsnedsættelse.")
    False
    """
    before, after = before.rstrip(), after.lstrip()
    if not before or not after:
        return True
    if starts_with_list_marker(after) and not wrapped:
        return True
    first = after[0]
    last = before.rstrip(CLOSING)[-1:] or before[-1]
    if last == ":":
        return True
    if written and LABEL_START.match(after) and (last in SENTENCE_END or LABEL_START.match(before)):
        return True
    if last in SENTENCE_END:
        return not first.islower()
    if len(before) <= SHORT_LINE and last.isalnum() and not wrapped:
        return first.isupper() or first.isdigit()
    return False


# A line ending in a hyphen after a word, with the word's run of letters before it:
# "ansøg-", "CPR-", "Sundheds-".
_LINE_END_HYPHEN = re.compile(r"(?P<word>\w*)-$")
# Words after a hyphen that stands for a compound's left-out last part ("Sundheds- og
# Ældreministeriet", "bolig- eller ejendomsskat"; Retskrivningsordbogen's "bindestreg ved
# udeladt led"): the hyphen ends a word, and a space follows it.
_LEFT_OUT_PART = re.compile(r"^(?:og|eller|samt|el\.|and|or)(?!\w)", re.IGNORECASE)
# "som" after such a hyphen, in "både kommune- som regionsråd"; checked only when the
# word and "som" are not one word the dictionary knows ("virk-" + "som" is "virksom").
_LEFT_OUT_BEFORE_SOM = re.compile(r"^som(?!\w)", re.IGNORECASE)
# The run of letters a line starts with: the rest of a word hyphenated at a line's end.
_LEADING_LETTERS = re.compile(r"^[^\W\d_]+")
_VOWELS = frozenset("aeiouyæøåéè")
# A word broken by a layout program's hyphenation leaves at least this many letters on the
# line; a shorter run before a hyphen is more often an abbreviation ("it-", "e-").
HYPHENATED_MIN_LETTERS = 3


def _hyphen_join(text: str, line: str, hyphenated: bool) -> tuple[str, str]:
    """`text` and the glue to put between it and the next line `line` of its unit: a
    space, except after a hyphen that ends a word when `line` goes on in lower case:
    - with `hyphenated` (lines a layout program set, a PDF's, which hyphenates words at
      line ends), a hyphen after a word fragment (at least `HYPHENATED_MIN_LETTERS`
      letters with a vowel, in lower case but perhaps the first) goes when the fragment
      and the letters `line` starts with make one word simplemma's Danish dictionary
      knows (`qa.lexicon.is_danish_word`, lower-cased): "ansøg-" + "ning" gives
      "ansøgning", "Sundheds-" + "styrelsen" "Sundhedsstyrelsen";
    - any other hyphen is kept, since it is part of the text: "mandag-" + "fredag" gives
      "mandag-fredag", "CPR-" + "nummer" "CPR-nummer", and without `hyphenated`
      "selvbetjenings-" + "adgang" is kept as it is.
    A hyphen followed by "og", "eller" or "samt" stands for a left-out part
    (`_LEFT_OUT_PART`) and keeps its space: "Sundheds-" + "og" gives "Sundheds- og"; so
    does one followed by "som" when the two are not one known word ("kommune-" + "som"
    gives "kommune- som", "virk-" + "som" "virksom")."""
    match = _LINE_END_HYPHEN.search(text)
    if match is None or not line[0].islower() or _LEFT_OUT_PART.match(line):
        return text, " "
    word = match["word"]
    if not word:
        return text, " "
    rest = _LEADING_LETTERS.match(line)
    known = rest is not None and word.isalpha() and is_danish_word((word + rest[0]).casefold())
    if _LEFT_OUT_BEFORE_SOM.match(line) and not known:
        return text, " "
    fragment = (
        len(word) >= HYPHENATED_MIN_LETTERS
        and word.isalpha()
        and word[1:].islower()
        and any(c in _VOWELS for c in word.casefold())
    )
    if hyphenated and fragment and known:
        return text[:-1], ""
    return text, ""


def join_lines(lines: Sequence[str], hyphenated: bool = False) -> str:
    """The lines of one value (a table cell's) as one line: white space folded, and each
    line joined to the one before as within a unit (`_hyphen_join`): "ansøg-" + "ning"
    gives "ansøgning" with `hyphenated`, "Sundheds-" + "og attest" "Sundheds- og attest"."""
    text = ""
    for raw in lines:
        line = " ".join(raw.split())
        if line:
            text, glue = _hyphen_join(text, line, hyphenated) if text else (text, "")
            text += glue + line
    return text


def line_unit_starts(
    lines: Sequence[str],
    wrapped: Sequence[bool] | None = None,
    hyphenated: bool = False,
    written: bool = False,
) -> list[tuple[str, list[tuple[int, int]]]]:
    """Group consecutive lines of one paragraph into units by `starts_new_unit`: per unit,
    its text and, for each line in it, (index of the line in `lines`, character offset of
    the line's start in the unit's text). Blank lines belong to no unit. `wrapped[i]`
    says that the break after line i is known to be a wrap, and `written` that every
    break is one the author wrote (`starts_new_unit`).

    Lines of one unit are joined by a space, except after a hyphen that ends a word and
    is followed by a lower-case letter (`_hyphen_join`; `hyphenated`: the lines were set by
    a program that hyphenates): "CPR-" + "nummer" gives "CPR-nummer" (the hyphen is kept,
    since it may be part of the word), and with `hyphenated` "ansøg-" + "ning" gives
    "ansøgning".
    """
    units: list[tuple[str, list[tuple[int, int]]]] = []
    previous = ""
    previous_wrapped = False
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if units and not starts_new_unit(previous, line, previous_wrapped, written):
            text, starts = units[-1]
            text, glue = _hyphen_join(text, line, hyphenated)
            units[-1] = (text + glue + line, [*starts, (index, len(text) + len(glue))])
        else:
            units.append((line, [(index, 0)]))
        previous = line
        previous_wrapped = wrapped is not None and wrapped[index]
    return units


def line_pieces(
    lines: Sequence[str],
    line_pages: Sequence[int] | None = None,
    wrapped: Sequence[bool] | None = None,
    hyphenated: bool = False,
    written: bool = False,
) -> list[Piece]:
    """Pieces of a run of text lines: list lines become list items, the rest paragraphs
    (on no page). With `line_pages` (the page of each line, a PDF's), each piece is on
    the page of its first line and records the offset and page of each of its lines that
    starts a later page (`Piece.page_starts`). `wrapped` marks the breaks known to be
    wraps, `hyphenated` says that a program set the lines and `written` that the author
    wrote every break (`line_unit_starts`)."""
    pieces: list[Piece] = []
    for unit, starts in line_unit_starts(lines, wrapped, hyphenated, written):
        kind: BlockKind = "list_item" if starts_with_list_marker(unit) else "paragraph"
        text = strip_bullet(unit) if kind == "list_item" else unit
        if line_pages is None:
            pieces.append(Piece(kind, 0, text))
            continue
        cut = len(unit) - len(text)
        page_starts = tuple(
            (offset - cut, line_pages[index])
            for (before, _), (index, offset) in itertools.pairwise(starts)
            if line_pages[index] != line_pages[before]
        )
        pieces.append(Piece(kind, 0, text, line_pages[starts[0][0]], page_starts))
    return pieces


def table_row_text(row: Sequence[str], labels: Sequence[str]) -> str:
    """One table row as text, each value next to the label of its column: "Kort: X; Pris:
    205 kr.". Empty cells are left out; a value without a label (no header, more cells
    than labels, or a label equal to the value) stands alone; "" for a row with no values."""
    parts: list[str] = []
    for i, cell in enumerate(row):
        value = " ".join(cell.split())
        if not value:
            continue
        label = " ".join(labels[i].split()) if i < len(labels) else ""
        parts.append(f"{label}: {value}" if label and label != value else value)
    return "; ".join(parts)


Slot: TypeAlias = str | None
"""A table's slot: the text of the cell that starts there, or None where a cell merged
over columns from the left goes on (Word's `w:gridSpan`; the other readers give text in
every slot)."""


def spread(row: Sequence[Slot]) -> list[str]:
    """Each slot of a row with the text of the cell that covers it (a merged cell's text
    in each column it spans): ["Pris", None] gives ["Pris", "Pris"]; a leading None is ""."""
    texts: list[str] = []
    for slot in row:
        texts.append(slot if slot is not None else (texts[-1] if texts else ""))
    return texts


def full_width(row: Sequence[Slot]) -> bool:
    """Whether one cell fills a row of two or more columns (a note under a fee table,
    "Alle priser gælder fra 1. januar 2025.", or a group row over the rows under it)."""
    return len(row) > 1 and row[0] is not None and all(slot is None for slot in row[1:])


# A year or a span of years as a column's header: "2026", "2025/26", "2025-2026".
YEAR = re.compile(r"(?:19|20)\d\d(?:\s*[-–/]\s*(?:(?:19|20)?\d\d))?")
# A figure: a number, a range, a date or a time in digits ("3.480", "10-17", "12/3"),
# alone or with a currency or a per cent sign ("745 kr.", "DKK 1.250", "10 %"); a cell
# with other words ("0-2 år", "1 barn", "1. kvartal", "Under 10.000 kr.") is a label.
_FIGURE = re.compile(
    r"[-–+]?\d[\d.,:/\s–-]*(?:\s*(?:kr\.?|dkk|eur|€|%))?|(?:kr\.?|dkk|eur|€)\s*\d[\d.,\s]*", re.IGNORECASE
)


def cell_kind(text: str) -> str | None:
    """What a table cell holds: "figure" (`_FIGURE`: "745 kr.", "10-17", "70 10 11 12"),
    "text" (anything with words: "Lukket", "0-2 år", "1. marts"), or None when it is empty."""
    cell = " ".join(text.split())
    if not cell:
        return None
    return "figure" if _FIGURE.fullmatch(cell) else "text"


def _year_labelled(text: str) -> bool:
    """Whether a cell is a year or a span of years (`YEAR`), with no other figure after it:
    "2026", "2025/26", "2025 (kr.)", not "2025: 120 kr." or "1. marts 2025"."""
    cell = " ".join(text.split())
    year = YEAR.match(cell)
    return year is not None and not any(ch.isdigit() for ch in cell[year.end() :])


def values_row(first: Sequence[Slot], below: Sequence[Sequence[Slot]]) -> bool:
    """Whether a table's first row is a row of values like the rows below it, not their
    header: in every column where it has a cell, that cell is of a kind most cells below
    it are (`cell_kind`; ties count for each), in at least one column that kind is a
    figure, and no cell of it is a year over a column without years (a header of years:
    "Ydelse | 2025 | 2026"; `_year_labelled`). "Voksne | 745 kr." over "Børn | 155 kr."
    and "Mandag | 10-17" over "Tirsdag | 10-17" are values; "Ydelse | Gebyr" over "Pas |
    745 kr.", "Tilbud | 0-2 år" over "Dagpleje | 3.480" and "1 barn | 2 børn" over
    "1.200 | 2.100" are headers, as is a first row over text alone (which nothing tells
    apart)."""
    figures = False
    for column, slot in enumerate(first):
        kind = cell_kind(slot or "")
        if kind is None:
            continue
        kinds = [cell_kind(row[column] or "") for row in below if column < len(row)]
        counted = [k for k in kinds if k is not None]
        # Of the kinds most cells below hold (a tie counts for each: "10-17" and "Lukket").
        if not counted or counted.count(kind) < max(counted.count(k) for k in set(counted)):
            return False
        if _year_labelled(slot or "") and not any(
            _year_labelled(row[column] or "") for row in below if column < len(row)
        ):
            return False
        figures = figures or kind != "text"
    return figures


def table_row_slots_text(row: Sequence[Slot], labels: Sequence[str]) -> str:
    """One row of slots as text (`table_row_text`): a cell merged over columns is the value
    of each column it spans, but stands once where those columns share a label (as the
    HTML reader reads `colspan`, `qa.readers.html_table`); a cell that fills the row
    (`full_width`) belongs to no column and stands alone."""
    if full_width(row):
        return " ".join((row[0] or "").split())
    texts = spread(row)
    values = [
        "" if x > 0 and row[x] is None and x < len(labels) and labels[x] == labels[x - 1] else text
        for x, text in enumerate(texts)
    ]
    return table_row_text(values, labels)


def table_pieces(rows: Sequence[Sequence[Slot]], header: Sequence[Slot] | None, page: int | None = None) -> list[Piece]:
    """One `table_row` piece per row, each value next to its header: "Kort: X; Pris: 205 kr.".

    The header row itself becomes a `table_header` piece "Kort; Pris" first, so the
    document still holds the table's words in their source order (the reader never
    quotes it alone: it gives no value); over no rows it is a `table_row`, the table's
    content. Rows are written by `table_row_slots_text`: a slot None is covered by a
    cell merged from its left (`Slot`); a header cell merged over columns labels each of
    them and is shown once; a header that one cell fills (`full_width`) is the table's
    title, a paragraph, and the row under it is the header.
    """
    pieces: list[Piece] = []
    while header is not None and full_width(header) and rows:
        # A title row over the table ("Gebyrer for pas 2025" across every column) labels
        # no column: it stands alone and the row under it is the header.
        pieces.append(Piece("paragraph", 0, " ".join((header[0] or "").split()), page))
        header, rows = rows[0], rows[1:]
    labels = [" ".join(h.split()) for h in spread(header)] if header else []
    if labels and any(labels):
        shown = [label for label, slot in zip(labels, header or (), strict=True) if slot is not None]
        # A header over no rows is the table's content (a one-row table, an info box).
        filled = any(any(cell and cell.strip() for cell in row) for row in rows)
        kind: BlockKind = "table_header" if filled else "table_row"
        pieces.append(Piece(kind, 0, "; ".join(label for label in shown if label), page))
    for row in rows:
        text = table_row_slots_text(row, labels)
        if text:
            pieces.append(Piece("table_row", 0, text, page))
    return pieces


# A title that a program writes when the author gave none, in a PDF's metadata, a Word
# file's properties or a page's <title>: Word's PDF printer's "Microsoft Word - Notat.docx"
# (PowerPoint's and Excel's alike), a file name with the suffix of a document or layout
# format ("Notat.docx", "i-xx_guide-fm.indd", as InDesign and print drivers write it), a
# path (a drive path "C:\Users\...\guide", a UNC path "\\server\share\guide", or
# text without a space holding two or more backslashes; one backslash in words, "Tilskud
# til el\varme", is no path), or a new document's name: "Untitled", "Untitled-1"
# (Adobe), "Untitled document|presentation|spreadsheet" and "Unavngivet
# dokument|regneark", "Unavngiven præsentation" (Google Docs, Slides, Sheets), "Nyt
# dokument", "New document 2", "Dokument1" and "Document1" (Word), "Præsentation1" and
# "PowerPoint-præsentation" (PowerPoint), "Document" (an editor's HTML template), "Uden
# titel", "Unbenannt".
_PLACEHOLDER_TITLE = re.compile(
    r"^(?:microsoft (?:word|powerpoint|excel|office word) - .*"
    r"|.*\.(?:docx?|dotx?|pdf|odt|ott|rtf|txt|html?|indd|indb|idml|qxp|pages|pptx?|xlsx?)"
    r"|[a-z]:\\.*|\\\\[^\\ ]+\\.*|[^ ]*\\[^ ]*\\[^ ]*"
    r"|(?:untitled|unbenannt|unavngivet|unavngiven|uden titel|ikke-navngivet)"
    r"(?:[ -]?\d+| (?:document|dokument|presentation|præsentation|spreadsheet|regneark))?"
    r"|(?:nyt dokument|new document)(?: ?\d+)?"
    r"|(?:document|dokument|presentation|præsentation)\s*\d*"
    r"|powerpoint[ -](?:presentation|præsentation))$",
    re.IGNORECASE,
)


def declared_title(value: object, file_name: str = "") -> str | None:
    """A title a file declares (a PDF's metadata Title, a Word file's Title property, a
    page's `<title>`) with its white space folded and NULs removed, or None when it is no
    text, has no letter, is a placeholder a program wrote (`_PLACEHOLDER_TITLE`), or is
    the file's own name `file_name`, with or without its suffix, case aside, written as a
    machine name (`_is_machine_name`: "borger-guide" in borger-guide.pdf): then the
    document's own headings say more. The file's name written as a person writes a title
    is kept ("Vejledning om byggetilladelse" in Vejledning om byggetilladelse.pdf,
    "Byggetilladelse" in byggetilladelse.pdf): Word suggests the file name as the title."""
    if not isinstance(value, str):
        return None
    title = " ".join(value.replace("\x00", "").split())
    if not any(c.isalpha() for c in title) or _PLACEHOLDER_TITLE.match(title):
        return None
    folded = title.casefold()
    if (
        file_name
        and folded in (file_name.casefold(), file_name.rsplit(".", 1)[0].casefold())
        and _is_machine_name(title)
    ):
        return None
    return title


def _is_machine_name(title: str) -> bool:
    """Whether `title` (white space folded) reads as a name a program or a file system
    holds rather than a title: it has no space and either does not open with a capital
    letter or holds a "-" or "_" ("borger-guide", "guide_v2", "byggetilladelse", "Guide_v2";
    not "Byggetilladelse", "Vejledning om byggetilladelse")."""
    return " " not in title and not (title[0].isupper() and "-" not in title and "_" not in title)


# Roman numerals' values, largest first, with the subtractive pairs (IV, IX, XL, ...).
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def roman(number: int) -> str:
    """A positive number in lower-case roman numerals (4 is "iv", 1999 "mcmxcix"), as an
    `<ol type="i">` and Word's lowerRoman number list items."""
    numeral = ""
    for value, symbol in _ROMAN:
        count, number = divmod(number, value)
        numeral += symbol * count
    return numeral


def question_headings(pieces: list[Piece], questions: dict[int, int]) -> list[Piece]:
    """The pieces with each wholly bold question (`questions`: index to level) that a
    paragraph, list item or table row not itself a question follows turned into a
    heading at that level: an FAQ set in bold paragraphs, its question over its answer
    ("Hvem kan få hjemmehjælp?" / "Alle, der ..."). A bold question followed by another
    question, a heading or nothing stays a paragraph."""
    out = list(pieces)
    for index, level in questions.items():
        after = pieces[index + 1] if index + 1 < len(pieces) else None
        answer = after is not None and after.kind != "heading" and not after.text.rstrip(CLOSING).endswith("?")
        if answer:
            out[index] = Piece("heading", level, pieces[index].text)
    return out
