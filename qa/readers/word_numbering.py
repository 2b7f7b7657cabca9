"""The numbers Word shows before the paragraphs of its lists ("1.", "a)", "iv.", "2.3."), from
a .docx file's numbering part (word/numbering.xml) and styles part (word/styles.xml).

Word keeps no list number in the text: a paragraph says which list it is in and at which
level (`w:numPr`: `w:numId`, `w:ilvl`), directly or through its paragraph style (and
the styles that one is based on), and Word counts the paragraphs of each list as it lays
the document out. This module counts them the same way, in the order the paragraphs are
read (ECMA-376 Part 1, 17.9 "Numbering"):

- a list (`w:num`) points at an abstract definition (`w:abstractNum`, perhaps through a
  numbering style, `w:numStyleLink`) whose level `w:lvl` gives the first number
  (`w:start`, 0 when absent or outside Word's 32-bit range), the number format
  (`w:numFmt`: decimal, lowerLetter, upperLetter, lowerRoman, upperRoman, bullet, none;
  decimal when absent) and the text
  (`w:lvlText`, "%1." or "%1)" or "%1.%2.", where %N stands for level N's number);
- a list may replace a level (`w:lvlOverride` with a `w:lvl`) or its first number
  (`w:startOverride`, none when outside Word's 32-bit range);
- the lists that share one abstract definition share its counters, as Word counts them:
  a second list over the same definition goes on where the first stopped, and a list
  with a `w:startOverride` restarts that level the first time it is used (Word's
  "Restart at 1" writes such a list); counting each `w:numId` apart would number a
  list that goes on after a restarted one from its own last number;
- a level's number restarts when a shallower level is used, or only when one at or above
  the level `w:lvlRestart` names is used (0: never);
- a level skipped on the way down (level 0, then level 2 with no level 1 between) counts
  as used at its first number, so that the next paragraph at that level shows the number
  after it: levels 0, 2, 1, 2 read "1.", "1.1.1.", "1.2.", "1.2.1.". Word shows so
  (CKEditor 4's paste-from-Word fixtures, made in Word: "1. One", two items two levels
  down, then "b. Is" one level down), and so does LibreOffice; the standard does not say.

A level's format is its `w:numFmt`, or, when Word does not know that one (a custom
format such as "01, 02, 03, ...", which Word and LibreOffice write inside
`mc:AlternateContent`), the first one in the `mc:Choice` or `mc:Fallback` this module can
write. A paragraph whose own level's format cannot be written (Word's "ordinal",
"cardinalText" ...), whose level text names no level (a picture or text bullet), or whose
level cannot be found shows no number: it is still a list item, as a bulleted one is. A
placeholder for another level that cannot be written (a bullet level between two numbered
ones) writes nothing, as Word does ("%1.%2.%3%4." with level 3 a bullet shows "1.1.1.").

A paragraph whose paragraph mark was deleted or moved away with tracked changes
(`w:pPr/w:rPr/w:del`, `w:moveFrom`) is no paragraph once the changes are accepted: it is
not counted and has no number (`mark_removed`).

Nothing here raises for a file's content.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from docx.oxml.ns import qn
from lxml import etree

from qa.readers.common import roman

# Word numbers 9 levels, 0 to 8 (ECMA-376 Part 1, 17.9.3 ilvl: "0 to 8").
LEVELS = 9
_PLACEHOLDER = re.compile(r"%([1-9])")
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# A numbering style's definition may point at another numbering style: follow at most this
# many links (a loop in a damaged file ends there).
_MAX_LINKS = 4


def _letters(number: int) -> str:
    """A number as Word's lowerLetter writes it: a to z, then the letter doubled, tripled...
    (27 is "aa", 28 "bb", 53 "aaa"; ECMA-376 Part 1, 17.18.59 ST_NumberFormat "lowerLetter")."""
    repeat, index = divmod(number - 1, 26)
    return chr(ord("a") + index) * (repeat + 1)


# The largest number written in letters: "z" thirty times. A file may set any first number
# (Word's dialog takes up to 32767, which would be "z" repeated 1261 times); past this one
# the number is written in decimal, so that no label runs longer than a line.
_MAX_LETTERS = 26 * 30
# How each number format (`w:numFmt`) writes a number, for the numbers it has (letters
# from 1 to `_MAX_LETTERS`, roman numerals from 1 to 3999; others in decimal, as Word
# writes 0 and a roman number past 3999).
_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "lowerLetter": lambda n: _letters(n) if 0 < n <= _MAX_LETTERS else str(n),
    "upperLetter": lambda n: _letters(n).upper() if 0 < n <= _MAX_LETTERS else str(n),
    "lowerRoman": lambda n: roman(n) if 0 < n < 4000 else str(n),
    "upperRoman": lambda n: roman(n).upper() if 0 < n < 4000 else str(n),
    "decimalZero": lambda n: f"{n:02d}",  # "01" to "09", then "10" (ECMA-376 Part 1, 17.18.59)
    "none": lambda n: "",
}


# Word's custom number formats that pad decimals with zeros, as `w:numFmt w:val="custom"
# w:format="01, 02, 03, ..."` (and "001, 002, 003, ...", "0001, 0002, 0003, ...",
# "00001, 00002, 00003, ...", the ones Word's "Define New Number Format" offers): the
# number of digits is the first sample's.
_PADDED = re.compile(r"(0*1), 0*2, 0*3, \.\.\.")


def format_number(number: int, number_format: str) -> str | None:
    """`number` written in a Word number format (`_FORMATS`): 3 as "lowerLetter" is "c",
    as "upperRoman" "III", as "decimalZero" "03", as "none" ""; None for a format not in
    `_FORMATS` ("bullet" among them)."""
    write = _FORMATS.get(number_format)
    return None if write is None else write(number)


def _writer(number_format: etree._Element) -> Callable[[int], str] | None:
    """How a `w:numFmt` writes a number: a format in `_FORMATS`, or a custom zero-padded
    one (`_PADDED`); None for any other (a bullet, an ordinal, another custom one)."""
    value = number_format.get(qn("w:val"), "")
    if value == "custom":
        padded = _PADDED.fullmatch(number_format.get(qn("w:format"), "").strip())
        width = len(padded.group(1)) if padded else 0
        return (lambda n: f"{n:0{width}d}") if width else None
    return _FORMATS.get(value)


def mark_removed(paragraph: etree._Element) -> bool:
    """Whether a paragraph's (`w:p`) paragraph mark was deleted or moved away with tracked
    changes (`w:pPr/w:rPr` holds `w:del` or `w:moveFrom`: ECMA-376 Part 1, 17.13.5,
    "Deleted Paragraph" and "Move Source Paragraph"): with the changes accepted it is no
    paragraph of its own."""
    rpr = paragraph.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
    return rpr is not None and (rpr.find(qn("w:del")) is not None or rpr.find(qn("w:moveFrom")) is not None)


def int_attribute(element: etree._Element | None, default: int | None = None, name: str = "w:val") -> int | None:
    """The integer attribute `name` of `element` (its `w:val` unless said), or `default`
    when there is no element or no integer ("abc", "", "1.5")."""
    if element is None:
        return default
    try:
        return int(element.get(qn(name), ""))
    except ValueError:
        return default


def _val(element: etree._Element | None) -> str | None:
    return None if element is None else element.get(qn("w:val"))


def _level_writer(level: etree._Element) -> Callable[[int], str] | None:
    """How a level writes its number (`_writer`): by its own `w:numFmt`, else by the first
    one inside its `mc:AlternateContent` (`mc:Choice`, then `mc:Fallback`) that can be
    written; decimal when it has none (ECMA-376 Part 1, 17.9.17); None when none of them
    can be written (a bullet among them)."""
    formats = level.findall(qn("w:numFmt"))
    for alternate in level.findall(f"{_MC}AlternateContent"):
        for branch in (*alternate.findall(f"{_MC}Choice"), *alternate.findall(f"{_MC}Fallback")):
            formats.extend(branch.findall(qn("w:numFmt")))
    if not formats:
        return str
    return next((write for write in map(_writer, formats) if write is not None), None)


@dataclass(frozen=True)
class _List:
    """What a list (`w:num`) counts with, read once: its abstract definition's
    `w:abstractNumId` (whose counters it shares), and for each of the 9 levels the level
    (`_List.read`) and the first number the list sets for it (`w:startOverride`, None
    when it sets none)."""

    abstract_id: str | None
    levels: tuple[etree._Element | None, ...]
    start_overrides: tuple[int | None, ...]

    @classmethod
    def read(cls, num: etree._Element, abstract: etree._Element) -> _List:
        """A list's levels and first numbers, each level the list's own (the first
        `w:lvlOverride` for it that holds a `w:lvl`), else the abstract definition's (its
        first `w:lvl` for it), else None; each first number from the first
        `w:lvlOverride` for the level (`_number` of its `w:startOverride`). Reads each
        override and level once."""
        own: dict[int, etree._Element] = {}
        starts: dict[int, int | None] = {}
        for override in num.findall(qn("w:lvlOverride")):
            index = int_attribute(override, name="w:ilvl")
            if index is None or not 0 <= index < LEVELS:
                continue
            if index not in starts:
                starts[index] = _number(override.find(qn("w:startOverride")))
            if index not in own and (lvl := override.find(qn("w:lvl"))) is not None:
                own[index] = lvl
        defined: dict[int, etree._Element] = {}
        for lvl in abstract.findall(qn("w:lvl")):
            index = int_attribute(lvl, name="w:ilvl")
            if index is not None and 0 <= index < LEVELS:
                defined.setdefault(index, lvl)
        return cls(
            abstract.get(qn("w:abstractNumId")),
            tuple(own.get(index, defined.get(index)) for index in range(LEVELS)),
            tuple(starts.get(index) for index in range(LEVELS)),
        )


class ListNumbers:
    """The numbers of a document's list paragraphs, counted in the order `label` is asked
    (the order the document reads), each paragraph once. Built from the root elements of
    the numbering part (`w:numbering`) and the styles part (`w:styles`), either None when
    the file has none. A note or text box counts its lists apart (`apart`)."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self._nums = {n.get(qn("w:numId")): n for n in _children(numbering, "w:num")}
        self._abstracts = {a.get(qn("w:abstractNumId")): a for a in _children(numbering, "w:abstractNum")}
        self._styles = {s.get(qn("w:styleId")): s for s in _children(styles, "w:style")}
        self._default_style = next(
            (
                s.get(qn("w:styleId"))
                for s in _children(styles, "w:style")
                if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true", "on")
            ),
            None,
        )
        # Counters per abstract definition (its `w:abstractNumId`), one per level; None:
        # not counted since the level last restarted.
        self._counts: dict[str | None, list[int | None]] = {}
        # The (numId, level) pairs whose startOverride has been applied.
        self._overridden: set[tuple[str, int]] = set()
        # The labels of the paragraphs counted, by paragraph: a cell merged down several
        # rows is read in each of them, and its paragraphs are counted once.
        self._labels: dict[etree._Element, str | None] = {}
        # Built on first use and shared with the counts made `apart` (they depend on the
        # parts only): each list's definition (`_List`) by `w:numId`, and each style's
        # `w:numId` and `w:ilvl` from its `w:basedOn` chain by style id.
        self._lists: dict[str, _List | None] = {}
        self._style_num_prs: dict[str, tuple[str | None, int | None]] = {}

    def apart(self) -> ListNumbers:
        """Another count of the same lists, from the start: for the paragraphs of a
        footnote, an endnote or a text box, whose lists LibreOffice numbers apart from the
        body's and from each other note's and box's (a numbered paragraph in a note leaves
        the body's steps 1, 2, 3)."""
        other = copy.copy(self)
        other._counts, other._overridden, other._labels = {}, set(), {}
        return other

    def label(self, paragraph: etree._Element) -> str | None:
        """The label Word shows before `paragraph` (a `w:p`), counting it the first time it
        is asked for: "2.", "b)", "1.2."; "" for a paragraph in a list that shows no
        number (a bullet, format "none", a format or level this module cannot write); None
        for a paragraph in no list (no `w:numPr` on it or its styles, `w:numId` 0, or a
        list the numbering part does not define) or whose mark was deleted or moved away
        (`mark_removed`)."""
        if paragraph not in self._labels:
            self._labels[paragraph] = None if mark_removed(paragraph) else self._counted(paragraph)
        return self._labels[paragraph]

    def _counted(self, paragraph: etree._Element) -> str | None:
        """`label` for a paragraph not counted yet: counts it (`_count`) and writes its label
        (`_render`)."""
        num_id, ilvl = self._num_pr(paragraph)
        found = self._list(num_id) if num_id not in (None, "0") else None
        if found is None or num_id is None:
            return None
        level_index = min(max(ilvl, 0), LEVELS - 1)
        counts = self._counts.setdefault(found.abstract_id, [None] * LEVELS)
        self._count(counts, found, num_id, level_index)
        return self._render(found.levels, counts, level_index)

    def _list(self, num_id: str) -> _List | None:
        """List `num_id`'s levels and first-number overrides (`_List`), read once; None
        for a list the numbering part does not define or whose abstract definition cannot
        be found (`_abstract`)."""
        if num_id not in self._lists:
            num = self._nums.get(num_id)
            abstract = self._abstract(num)
            self._lists[num_id] = None if num is None or abstract is None else _List.read(num, abstract)
        return self._lists[num_id]

    def _num_pr(self, paragraph: etree._Element) -> tuple[str | None, int]:
        """The list id (`w:numId`) and level (`w:ilvl`, 0 when none says) of a paragraph:
        each from its own `w:numPr`, else from its style's and the styles it is based on
        (the paragraph's `w:pStyle`, else the default paragraph style; `_style_num_pr`)."""
        num_id: str | None = None
        ilvl: int | None = None
        ppr = paragraph.find(qn("w:pPr"))
        if ppr is not None and (own := ppr.find(qn("w:numPr"))) is not None:
            num_id, ilvl = _val(own.find(qn("w:numId"))), int_attribute(own.find(qn("w:ilvl")))
        style_id = _val(ppr.find(qn("w:pStyle"))) if ppr is not None else None
        style_num_id, style_ilvl = self._style_num_pr(style_id or self._default_style)
        num_id = num_id if num_id is not None else style_num_id
        ilvl = ilvl if ilvl is not None else style_ilvl
        return num_id, ilvl or 0

    def _style_num_pr(self, style_id: str | None) -> tuple[str | None, int | None]:
        """The `w:numId` and `w:ilvl` a paragraph style gives (each None when none says):
        each from the nearest `w:numPr` that has it, on the style or the styles it is based
        on (a loop of `w:basedOn` ends at a style seen before). Each style is read once
        (`_resolve_styles`)."""
        if style_id is None:
            return None, None
        if style_id not in self._style_num_prs:
            self._resolve_styles(style_id)
        return self._style_num_prs.get(style_id, (None, None))

    def _resolve_styles(self, style_id: str) -> None:
        """Notes in `_style_num_prs` what each style on the `w:basedOn` chain from
        `style_id` gives (`_style_num_pr`), up to a style noted before, a style the styles
        part does not define, or a loop; a style in a loop gets what the loop gives from it
        round to the style before it (`_around`)."""
        path: dict[str, tuple[str | None, int | None]] = {}
        current: str | None = style_id
        while current is not None and current not in self._style_num_prs and current not in path:
            style = self._styles.get(current)
            if style is None:
                break
            path[current] = _own_num_pr(style.find(f"{qn('w:pPr')}/{qn('w:numPr')}"))
            current = _val(style.find(qn("w:basedOn")))
        steps, own = list(path), list(path.values())
        if current is not None and current in path:
            loop = steps.index(current)
            self._style_num_prs.update(zip(steps[loop:], _around(own[loop:]), strict=True))
            steps, own = steps[:loop], own[:loop]
        base = self._style_num_prs.get(current, (None, None)) if current is not None else (None, None)
        for step, pair in zip(reversed(steps), reversed(own), strict=True):
            base = _nearest(pair, base)
            self._style_num_prs[step] = base

    def _abstract(self, num: etree._Element | None) -> etree._Element | None:
        """The abstract definition a list points at, following a numbering style's link
        (`w:numStyleLink` to a style whose `w:numPr` names another list), or None."""
        for _ in range(_MAX_LINKS):
            if num is None:
                return None
            abstract = self._abstracts.get(_val(num.find(qn("w:abstractNumId"))))
            link = _val(abstract.find(qn("w:numStyleLink"))) if abstract is not None else None
            if link is None:
                return abstract
            style = self._styles.get(link)
            num_id = _val(style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")) if style is not None else None
            num = self._nums.get(num_id)
        return None

    def _count(self, counts: list[int | None], found: _List, num_id: str, index: int) -> None:
        """Counts a paragraph of list `num_id` (`found`) at level `index` in `counts` (the
        abstract definition's, `_next`), and first each shallower level not counted yet
        (skipped on the way down) at its first number; then restarts the deeper levels that
        restart on level `index` (`_restarts`)."""
        for used in range(index + 1):
            if used == index or counts[used] is None:
                counts[used] = self._next(counts[used], found, num_id, used)
        for deeper in range(index + 1, LEVELS):
            if _restarts(found.levels[deeper], deeper, index):
                counts[deeper] = None

    def _next(self, current: int | None, found: _List, num_id: str, index: int) -> int:
        """Level `index`'s next number after `current` (None: not counted since it last
        restarted) in list `num_id` (`found`): the list's `w:startOverride` for the level
        the first time the list uses it (noted in `_overridden`), else the level's first
        number (`_start`) when not counted, else one more."""
        override = found.start_overrides[index]
        if override is not None and (num_id, index) not in self._overridden:
            self._overridden.add((num_id, index))
            return override
        return _start(found.levels[index]) if current is None else current + 1

    @staticmethod
    def _render(levels: Sequence[etree._Element | None], counts: list[int | None], index: int) -> str:
        """Level `index`'s text with each %N replaced by level N's number as level N writes
        it (`_level_writer`; in decimal for all in a legal-numbering level, `w:isLgl`),
        and by nothing for a level that cannot be written or found; a level not counted
        yet (a deeper one) shows its first number. "" when level `index` itself cannot be
        written or found, or its text names no level (a bullet)."""
        level = levels[index]
        if level is None or _level_writer(level) is None:
            return ""
        text = _val(level.find(qn("w:lvlText"))) or ""
        legal = level.find(qn("w:isLgl")) is not None and _val(level.find(qn("w:isLgl"))) not in ("0", "false", "off")
        if not _PLACEHOLDER.search(text):
            return ""

        def written(match: re.Match[str]) -> str:
            referenced = int(match.group(1)) - 1
            shown = levels[referenced]
            write = None if shown is None else (str if legal else _level_writer(shown))
            number = counts[referenced]
            return "" if write is None else write(_start(shown) if number is None else number)

        return " ".join(_PLACEHOLDER.sub(written, text).split())


def _children(root: etree._Element | None, tag: str) -> list[etree._Element]:
    return [] if root is None else root.findall(qn(tag))


# Word keeps a list's numbers in 32-bit signed integers: a first number outside them (a
# damaged file's 21-digit `w:start`) is none Word can show, and is read as no value.
_WORD_INTS = range(-(2**31), 2**31)


def _number(element: etree._Element | None) -> int | None:
    """The integer `w:val` of `element` when it is one Word can hold (`_WORD_INTS`), else None."""
    value = int_attribute(element)
    return value if value is not None and value in _WORD_INTS else None


def _start(level: etree._Element | None) -> int:
    """A level's first number (`w:start`; 0 when absent or not a number Word can hold,
    `_number`; ECMA-376 Part 1, 17.9.25)."""
    return 0 if level is None else _number(level.find(qn("w:start"))) or 0


def _own_num_pr(num_pr: etree._Element | None) -> tuple[str | None, int | None]:
    """The `w:numId` and `w:ilvl` (each None when absent or, for the level, not an
    integer) of a `w:numPr`, or (None, None) when there is none."""
    if num_pr is None:
        return None, None
    return _val(num_pr.find(qn("w:numId"))), int_attribute(num_pr.find(qn("w:ilvl")))


def _nearest(near: tuple[str | None, int | None], far: tuple[str | None, int | None]) -> tuple[str | None, int | None]:
    """Each of a `w:numId` and `w:ilvl` pair from `near`, else from `far` when `near` has None."""
    return (near[0] if near[0] is not None else far[0], near[1] if near[1] is not None else far[1])


def _around(own: list[tuple[str | None, int | None]]) -> list[tuple[str | None, int | None]]:
    """For each style in a `w:basedOn` loop (`own`: what each gives itself, in chain
    order), what the chain from it gives: the nearest of its own, then the next styles'
    round the loop to the one before it (`_nearest`). One pass back over the loop twice."""
    resolved: list[tuple[str | None, int | None]] = list(own)
    carry: tuple[str | None, int | None] = (None, None)
    for position in range(2 * len(own) - 1, -1, -1):
        carry = _nearest(own[position % len(own)], carry)
        if position < len(own):
            resolved[position] = carry
    return resolved


def _restarts(level: etree._Element | None, index: int, used: int) -> bool:
    """Whether level `index` restarts when level `used` (shallower) is counted: when
    `w:lvlRestart` (a 1-based level; 0 never) names level `used` or a deeper one, or, when
    it is absent or names a level below `index` (which the standard says to ignore), always."""
    restart = int_attribute(level.find(qn("w:lvlRestart"))) if level is not None else None
    if restart is None or restart > index:
        restart = index
    return restart != 0 and used < restart
