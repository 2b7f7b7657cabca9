"""Danish and English sentence splitting with exact character offsets, and no unit over a
length limit.

`split_sentences` returns (start, end) spans into the text; `text[start:end]` never begins
or ends with white space or an invisible format character (Unicode category Cf, such as
U+200B), and no span is longer than `max_chars` characters.

A candidate sentence end is a run of `.`, `!`, `?` or `…`, then any closing quotes or
brackets, then white space (or invisible characters). It is a real end when the first
letter or digit after it is a capital letter or a digit; emoji, quotes, brackets, dashes
and invisible characters in between are skipped over and start the next sentence
(". 👨‍👩‍👧 Familier ..." splits before the emoji). A single full stop is not an end when:

1. the word before it is an abbreviation of the document's language that is not marked
   `final` ("iht. Bekendtgørelse", "bl.a. NemID", "d. 1. juli", "e.g. 010190-1234");
2. the word before it is an abbreviation marked `final` ("kr.", "mio.", "osv.", "etc.",
   the months and weekdays) and what follows is a digit ("kr. 1.234,50", "Tors.
   14.00-17.30", "No. 1") or the start of a name: a capital word followed by another
   capital word ("112,6 mio. Digital Post-meddelelser"). Any other capital word starts a
   new sentence ("1.000 kr. Pengene kommer ...", "pens, paper etc. The shop ..."). A name
   that opens a new sentence right after such an abbreviation ("... 300 kr. Udbetaling
   Danmark sender ...") is therefore not split: the rule prefers a long sentence to a
   torn one;
3. the word before it is a single capital initial ("H. C. Andersen");
4. it follows a number label at the start of a unit or of a line: a list number ("1. Log
   ind med MitID", "1.2. Udfyld ...", "b. Vedhæft ...", "ii. Send ...", as a Word list or
   an `<ol>` shows its items), or a paragraph or subsection label ("§ 3. Kommunen ...",
   "Stk. 2. ..."). A
   number elsewhere followed by a capital is a real end ("... i 2016. Det var ...");
   ordinals before a month never are, since months are not capitalised ("den 3. maj").

The abbreviations come from `qa/data/abbreviations-da.txt`, or `abbreviations-en.txt` for
an English document (each file says where its words come from). A word is also read as
an abbreviation when:

- it is joined by a dash to a `final` abbreviation, which decides ("Man.-ons.",
  "Mon.–Wed.", "jan.-feb.");
- it is a compound ending in "nr" ("kontonr.", "reg.nr.", "CPR-nr.", "tlf.nr."): a
  number noun, read as `final` ("reg.nr. 0216 kontonr. 4069 065 307" is one sentence;
  "Skriv dit CPR-nr. Derefter ..." is two). No Danish or English word ends in "nr".

An abbreviation marked `word` is also an ordinary word (Danish "man", "søn"; English
"sat", "sun"): it is read as the abbreviation only when written with a capital ("Man.
10-14"), joined by a dash to another abbreviation ("lør.-søn."), or before a time of day
("søn. 10-16"); otherwise it is the word ("Sådan gør man. 2 dage efter ..." splits).

Then every span longer than `max_chars` is cut at clause boundaries, trying in order line
breaks, `;`, `:`, a comma followed by white space, a dash between spaces (" – ", which
starts the next piece), and white space; clauses are packed greedily into pieces that
fit. Only a single word longer than the limit is cut inside, at the limit.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from qa.normalise import DASHES

# The default longest unit, in characters. Chosen so that a unit fits well inside the
# default chunk (ChunkingOptions.max_chars = 600) and within what multilingual-e5-small
# embeds (512 tokens; Danish prose runs at about 4 characters a token in its tokenizer).
MAX_SENTENCE_CHARS = 400

_TERMINAL = re.compile(r"[.!?…]+")
# Danish writes quotes both »so« and «so», so both guillemets open and close.
_CLOSERS = frozenset("\"'”’»«)]}›‹")
_OPENERS = "(\"'“«»[„‘‹›{"
# How far past a candidate end to look for the first letter or digit of the next sentence.
_LOOKAHEAD = 40
# A list or section number as Word, LibreOffice and browsers show one: "3", "12a", "§3",
# a number of several levels ("1.2", "2.1.3"), a lower-case letter ("a", "b") or a
# roman numeral in one case ("ii", "IV"; at most 39: xxxix).
_NUMBER_LABEL = re.compile(
    r"§*\d{1,3}(?:\.\d{1,3})*[a-z]?|[a-z]|(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})|(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})"
)
_LABEL_PREFIX = re.compile(r"[\W_]*(?:(?:§+|stk\.|pkt\.|nr\.)\s*)?", re.IGNORECASE)
_WORD = re.compile(r"\S+")
# A compound number noun: letters, then "nr" after a letter, a full stop or a dash.
_NUMBER_NOUN = re.compile(rf"[^\W\d_][\w.{DASHES}]*(?<=[^\W\d_]|[.{DASHES}])nr")
# A time of day or a span of hours after a weekday: "10-16", "10.00-14.00", "9 a.m.".
_TIME = re.compile(rf"\d{{1,2}}(?:[.:]\d{{2}})?\s*(?:[{DASHES}]\s*\d|[ap]\.?m\b)", re.IGNORECASE)
# Clause boundaries for the length limit, strongest first: (pattern, where to cut in the
# match: 0 at its start, 1 at its end).
_TIERS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"\n"), 0),
    (re.compile(r";(?=\s)"), 1),
    (re.compile(r":(?=\s)"), 1),
    (re.compile(r",(?=\s)"), 1),
    (re.compile(r"(?<=\s)[–—-](?=\s)"), 0),
    (re.compile(r"\s"), 0),
)


@dataclass(frozen=True)
class Abbreviation:
    """How the splitter treats one abbreviation: `final`, it may stand last in a sentence
    ("kr.", "etc."); `word`, it is also an ordinary word ("man", "sun") and is read as the
    abbreviation only where the text shows it (see the module docstring)."""

    final: bool = False
    word: bool = False


_FLAGS = frozenset({"final", "word"})


def parse_abbreviations(text: str) -> dict[str, Abbreviation]:
    """Parse the abbreviation list format: {abbreviation without its final full stop,
    lower case: its flags}.

    One abbreviation a line, `#` starts a comment, then optional fields `final` and
    `word`, each at most once. Raises ValueError naming the line for any other field or a
    missing full stop.
    """
    entries: dict[str, Abbreviation] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        word, *flags = fields
        if not word.endswith(".") or not _FLAGS.issuperset(flags) or len(set(flags)) != len(flags):
            raise ValueError(
                f"abbreviation list line {number}: {line.strip()!r}; "
                "write the abbreviation with its full stop, optionally followed by `final` and `word`"
            )
        entries[word[:-1].lower()] = Abbreviation(final="final" in flags, word="word" in flags)
    return entries


# The abbreviation list of each document language; any other language reads the Danish one.
_LISTS = {"da": "data/abbreviations-da.txt", "en": "data/abbreviations-en.txt"}


@cache
def _read_list(name: str) -> dict[str, Abbreviation]:
    return parse_abbreviations(resources.files("qa").joinpath(name).read_text(encoding="utf-8"))


# Raised when the splitter's own rules change (its patterns, not its lists).
SPLITTER_VERSION = "3"


@cache
def splitter_identity() -> str:
    """The sha256 (hex) of `SPLITTER_VERSION` and the abbreviation lists, in language
    order: a build records it with its tokeniser, so a changed rule or list makes `qa
    build` re-split the corpus instead of keeping an index whose sentences no longer
    follow them."""
    digest = hashlib.sha256(SPLITTER_VERSION.encode())
    for language in sorted(_LISTS):
        digest.update(resources.files("qa").joinpath(_LISTS[language]).read_bytes())
    return digest.hexdigest()


def abbreviations(language: str = "da") -> dict[str, Abbreviation]:
    """The abbreviations the splitter knows in a document of `language` ("da" or "en";
    any other language gets the Danish list), read once from `qa/data`."""
    return _read_list(_LISTS.get(language, _LISTS["da"]))


_NUMBER_NOUN_ENTRY = Abbreviation(final=True)


def _abbreviation(table: dict[str, Abbreviation], bare: str, text: str, first: int, end: int) -> Abbreviation | None:
    """The abbreviation that `bare` (the word before a full stop, without it) is, if any,
    given that the next sentence would start at `first` (see the module docstring)."""
    entry = table.get(bare.lower())
    if entry is not None:
        if entry.word and not (bare[:1].isupper() or _TIME.match(text, first, end)):
            return None
        return entry
    if _NUMBER_NOUN.fullmatch(bare.lower()):
        return _NUMBER_NOUN_ENTRY
    cut = max(bare.rfind(dash) for dash in DASHES)
    head, tail = bare[:cut], bare[cut + 1 :]
    if cut > 0 and tail:
        entry = table.get(tail.lower())
        if entry is not None and entry.final and (not entry.word or head.rstrip(".").lower() in table):
            return entry
    return None


def is_invisible(char: str) -> bool:
    """Whether a character is an invisible format character (Unicode category Cf)."""
    return unicodedata.category(char) == "Cf"


def _is_gap(char: str) -> bool:
    return char.isspace() or is_invisible(char)


def _word_before(text: str, lo: int, end: int) -> tuple[int, str]:
    """The run of non-space characters that ends just before `end` (not before `lo`)."""
    start = end
    while start > lo and not _is_gap(text[start - 1]):
        start -= 1
    return start, text[start:end]


def _next_alnum(text: str, pos: int, end: int) -> int | None:
    """Position of the first letter or digit at or after pos, within the look-ahead."""
    for i in range(pos, min(end, pos + _LOOKAHEAD)):
        if text[i].isalnum():
            return i
    return None


def _starts_name(text: str, pos: int, end: int) -> bool:
    """Whether the capital word at pos is followed by another capital word ("Digital Post")."""
    word = _WORD.match(text, pos, end)
    if word is None or word.group().endswith((".", "!", "?", ",", ";", ":")):
        return False
    after = pos + len(word.group())
    following = _WORD.search(text, after, end)
    if following is None or text[after : following.start()].count("\n"):
        return False
    first = _next_alnum(text, following.start(), end)
    return first is not None and first < following.end() and text[first].isupper()


def _is_end(
    text: str, match: re.Match[str], cursor: int, lo: int, end: int, table: dict[str, Abbreviation]
) -> int | None:
    """Where the sentence ends if the punctuation `match` ends one, else None; `table`
    holds the abbreviations of the document's language."""
    stop = match.end()
    while stop < end and text[stop] in _CLOSERS:
        stop += 1
    gap = stop
    while gap < end and _is_gap(text[gap]):
        gap += 1
    if gap == stop:
        return None
    first = _next_alnum(text, gap, end)
    if first is None or not (text[first].isupper() or text[first].isdigit()):
        return None
    if match.group() != ".":
        return stop
    word_start, word = _word_before(text, lo, match.start())
    bare = word.lstrip(_OPENERS)
    abbreviation = _abbreviation(table, bare, text, first, end)
    if abbreviation is not None:
        if not abbreviation.final or text[first].isdigit() or _starts_name(text, first, end):
            return None
        return stop
    if len(bare) == 1 and bare.isalpha() and bare.isupper():
        return None
    if _NUMBER_LABEL.fullmatch(bare):
        line_start = max(cursor, text.rfind("\n", cursor, word_start) + 1)
        if _LABEL_PREFIX.fullmatch(text, line_start, word_start):
            return None
    return stop


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow (start, end) past white space and invisible characters at either edge."""
    while start < end and _is_gap(text[start]):
        start += 1
    while end > start and _is_gap(text[end - 1]):
        end -= 1
    return start, end


def split_sentences(
    text: str,
    start: int = 0,
    end: int | None = None,
    max_chars: int = MAX_SENTENCE_CHARS,
    language: str = "da",
) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in text[start:end], in order, none longer than max_chars.

    White space and invisible characters between sentences are left out of every span;
    every other character of the range is in exactly one span (see the module docstring
    for the rules). `language` is the document's ("da" or "en"), which chooses the
    abbreviation list. Offsets are into `text`. Raises ValueError when max_chars < 1.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, got {max_chars}")
    end = len(text) if end is None else end
    table = abbreviations(language)
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _TERMINAL.finditer(text, start, end):
        if match.start() < cursor:
            continue
        stop = _is_end(text, match, cursor, start, end, table)
        if stop is not None:
            spans.append(_trim(text, cursor, stop))
            cursor = stop
    spans.append(_trim(text, cursor, end))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if s < e:
            out.extend(fit_span(text, s, e, max_chars))
    return out


def fit_span(text: str, start: int, end: int, max_chars: int, tier: int = 0) -> list[tuple[int, int]]:
    """Cut text[start:end] at clause boundaries into trimmed pieces of at most max_chars.

    Tries the boundaries of `_TIERS` from `tier` on, strongest first, packing clauses
    greedily; a clause still too long is cut at the next weaker boundary. A single word
    longer than max_chars is cut at max_chars, the only cut inside a word.
    """
    start, end = _trim(text, start, end)
    if end - start <= max_chars:
        return [(start, end)] if start < end else []
    for level in range(tier, len(_TIERS)):
        pattern, side = _TIERS[level]
        cuts = [m.end() if side else m.start() for m in pattern.finditer(text, start, end)]
        cuts = [c for c in cuts if start < c < end]
        if cuts:
            break
    else:
        pieces = [_trim(text, i, min(i + max_chars, end)) for i in range(start, end, max_chars)]
        return [p for p in pieces if p[0] < p[1]]
    bounds = [start, *cuts, end]
    clauses = [_trim(text, a, b) for a, b in zip(bounds, bounds[1:], strict=False)]
    out: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for a, b in clauses:
        if a >= b:
            continue
        if b - a > max_chars:
            if current is not None:
                out.append(current)
                current = None
            out.extend(fit_span(text, a, b, max_chars, level + 1))
        elif current is not None and b - current[0] <= max_chars:
            current = (current[0], b)
        else:
            if current is not None:
                out.append(current)
            current = (a, b)
    if current is not None:
        out.append(current)
    return out
