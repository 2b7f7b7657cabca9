"""The numbers Word shows before the paragraphs of its lists ("1.", "a)", "iv.", "2.3."), from
a .docx file's numbering part (word/numbering.xml) and styles part (word/styles.xml).

Word keeps no list number in the text: a paragraph says which list it is in and at which
level (`w:numPr`: `w:numId`, `w:ilvl`), directly or through its paragraph style (and
the styles that one is based on), and Word counts the paragraphs of each list as it lays
the document out. This module counts them the same way, in the order the paragraphs are
read (ECMA-376 Part 1, 17.9 "Numbering"):

- a list (`w:num`) points at an abstract definition (`w:abstractNum`, perhaps through a
  numbering style, `w:numStyleLink`) whose level `w:lvl` gives the first number
  (`w:start`, 0 when absent), the number format (`w:numFmt`: decimal, lowerLetter,
  upperLetter, lowerRoman, upperRoman, bullet, none; decimal when absent) and the text
  (`w:lvlText`, "%1." or "%1)" or "%1.%2.", where %N stands for level N's number);
- a list may replace a level (`w:lvlOverride` with a `w:lvl`) or its first number
  (`w:startOverride`);
- the lists that share one abstract definition share its counters, as Word counts them:
  a second list over the same definition goes on where the first stopped, and a list
  with a `w:startOverride` restarts that level the first time it is used (Word's
  "Restart at 1" writes such a list); counting each `w:numId` apart would number a
  list that goes on after a restarted one from its own last number;
- a level's number restarts when a shallower level is used, or only when one at or above
  the level `w:lvlRestart` names is used (0: never).

A level whose format is not one of those above (Word's "ordinal", "cardinalText",
"decimalZero", a custom format in `mc:AlternateContent`), whose text names no level (a
picture or text bullet), or that cannot be found shows no number: the paragraph is still
a list item, as a bulleted one is. Nothing here raises for a file's content.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from docx.oxml.ns import qn
from lxml import etree

# Word numbers 9 levels, 0 to 8 (ECMA-376 Part 1, 17.9.3 ilvl: "0 to 8").
LEVELS = 9
_PLACEHOLDER = re.compile(r"%([1-9])")
_ALTERNATE_CONTENT = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
# A numbering style's definition may point at another numbering style: follow at most this
# many links (a loop in a damaged file ends there).
_MAX_LINKS = 4
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _letters(number: int) -> str:
    """A number as Word's lowerLetter writes it: a to z, then the letter doubled, tripled...
    (27 is "aa", 28 "bb", 53 "aaa"; ECMA-376 Part 1, 17.18.59 ST_NumberFormat "lowerLetter")."""
    repeat, index = divmod(number - 1, 26)
    return chr(ord("a") + index) * (repeat + 1)


def _roman(number: int) -> str:
    """A number in lower-case roman numerals (4 is "iv", 1999 "mcmxcix")."""
    numeral = ""
    for value, symbol in _ROMAN:
        count, number = divmod(number, value)
        numeral += symbol * count
    return numeral


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
    "lowerRoman": lambda n: _roman(n) if 0 < n < 4000 else str(n),
    "upperRoman": lambda n: _roman(n).upper() if 0 < n < 4000 else str(n),
    "none": lambda n: "",
}


def format_number(number: int, number_format: str) -> str | None:
    """`number` written in a Word number format (`_FORMATS`): 3 as "lowerLetter" is "c",
    as "upperRoman" "III", as "none" ""; None for a format not in `_FORMATS` ("bullet"
    among them)."""
    write = _FORMATS.get(number_format)
    return None if write is None else write(number)


def _int(element: etree._Element | None, default: int | None = None) -> int | None:
    """The integer `w:val` of `element`, or `default` when there is no element or no integer."""
    if element is None:
        return default
    try:
        return int(element.get(qn("w:val"), ""))
    except ValueError:
        return default


def _val(element: etree._Element | None) -> str | None:
    return None if element is None else element.get(qn("w:val"))


def _number_format(level: etree._Element) -> str | None:
    """A level's `w:numFmt`: "decimal" when absent (ECMA-376 Part 1, 17.9.17), None when
    Word wrote it inside `mc:AlternateContent` (a custom format such as "01, 02, 03",
    which this module does not write)."""
    found = level.find(qn("w:numFmt"))
    if found is not None:
        return found.get(qn("w:val"))
    return None if level.find(_ALTERNATE_CONTENT) is not None else "decimal"


class ListNumbers:
    """The numbers of a document's list paragraphs, counted in the order `label` is asked
    (the order the document reads). Built from the root elements of the numbering part
    (`w:numbering`) and the styles part (`w:styles`), either None when the file has none."""

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

    def label(self, paragraph: etree._Element) -> str | None:
        """The label Word shows before `paragraph` (a `w:p`), counting it: "2.", "b)",
        "1.2."; "" for a paragraph in a list that shows no number (a bullet, format
        "none", a format or level this module cannot write); None for a paragraph in no
        list (no `w:numPr` on it or its styles, `w:numId` 0, or a list the numbering part
        does not define)."""
        num_id, ilvl = self._num_pr(paragraph)
        num = self._nums.get(num_id) if num_id not in (None, "0") else None
        abstract = self._abstract(num)
        if num is None or abstract is None or num_id is None:
            return None
        level_index = min(max(ilvl, 0), LEVELS - 1)
        levels = [self._level(num, abstract, index) for index in range(LEVELS)]
        counts = self._counts.setdefault(abstract.get(qn("w:abstractNumId")), [None] * LEVELS)
        self._count(counts, levels, num, num_id, level_index)
        return self._render(levels, counts, level_index)

    def _num_pr(self, paragraph: etree._Element) -> tuple[str | None, int]:
        """The list id (`w:numId`) and level (`w:ilvl`, 0 when none says) of a paragraph:
        each from its own `w:numPr`, else from its style's and the styles it is based on
        (the paragraph's `w:pStyle`, else the default paragraph style)."""
        num_id: str | None = None
        ilvl: int | None = None
        ppr = paragraph.find(qn("w:pPr"))
        style_id = _val(ppr.find(qn("w:pStyle"))) if ppr is not None else None
        for num_pr in self._num_prs(ppr, style_id or self._default_style):
            num_id = num_id if num_id is not None else _val(num_pr.find(qn("w:numId")))
            ilvl = ilvl if ilvl is not None else _int(num_pr.find(qn("w:ilvl")))
        return num_id, ilvl or 0

    def _num_prs(self, ppr: etree._Element | None, style_id: str | None) -> Iterator[etree._Element]:
        """The `w:numPr` of a paragraph's properties, then those of its style and the styles
        it is based on, nearest first (a loop of `w:basedOn` ends at a style seen before)."""
        if ppr is not None and (own := ppr.find(qn("w:numPr"))) is not None:
            yield own
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and (style := self._styles.get(style_id)) is not None:
            seen.add(style_id)
            found = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if found is not None:
                yield found
            style_id = _val(style.find(qn("w:basedOn")))

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

    @staticmethod
    def _level(num: etree._Element, abstract: etree._Element, index: int) -> etree._Element | None:
        """Level `index` of a list: the list's own (`w:lvlOverride` with a `w:lvl`), else
        the abstract definition's, else None."""
        for override in num.findall(qn("w:lvlOverride")):
            if _int_attr(override, "w:ilvl") == index and (own := override.find(qn("w:lvl"))) is not None:
                return own
        return next((lvl for lvl in abstract.findall(qn("w:lvl")) if _int_attr(lvl, "w:ilvl") == index), None)

    def _count(
        self,
        counts: list[int | None],
        levels: list[etree._Element | None],
        num: etree._Element,
        num_id: str,
        index: int,
    ) -> None:
        """Counts a paragraph at level `index` in `counts` (the abstract definition's):
        the level's first number (`_start`) when it is not counted yet or this list
        overrides it and is used at the level for the first time, else one more; then
        restarts the deeper levels that restart on it (`_restarts`)."""
        override = _start_override(num, index)
        if override is not None and (num_id, index) not in self._overridden:
            self._overridden.add((num_id, index))
            counts[index] = override
        else:
            current = counts[index]
            counts[index] = _start(levels[index]) if current is None else current + 1
        for deeper in range(index + 1, LEVELS):
            if _restarts(levels[deeper], deeper, index):
                counts[deeper] = None

    @staticmethod
    def _render(levels: list[etree._Element | None], counts: list[int | None], index: int) -> str:
        """Level `index`'s text with each %N replaced by level N's number in level N's
        format (decimal for all in a legal-numbering level, `w:isLgl`); a level not
        counted yet shows its first number. "" for a bullet, a text that names no level,
        or a level or format that cannot be written."""
        level = levels[index]
        if level is None:
            return ""
        text = _val(level.find(qn("w:lvlText"))) or ""
        legal = level.find(qn("w:isLgl")) is not None and _val(level.find(qn("w:isLgl"))) not in ("0", "false", "off")
        if _number_format(level) == "bullet" or not _PLACEHOLDER.search(text):
            return ""
        parts: list[str] = []
        for match in _PLACEHOLDER.finditer(text):
            referenced = int(match.group(1)) - 1
            shown = levels[referenced]
            if shown is None:
                return ""
            number = counts[referenced]
            number_format = "decimal" if legal else _number_format(shown)
            written = format_number(_start(shown) if number is None else number, number_format or "")
            if written is None:
                return ""
            parts.append(written)
        it = iter(parts)
        return " ".join(_PLACEHOLDER.sub(lambda _: next(it), text).split())


def _children(root: etree._Element | None, tag: str) -> list[etree._Element]:
    return [] if root is None else root.findall(qn(tag))


def _int_attr(element: etree._Element, name: str) -> int | None:
    try:
        return int(element.get(qn(name), ""))
    except ValueError:
        return None


def _start(level: etree._Element | None) -> int:
    """A level's first number (`w:start`; 0 when absent, ECMA-376 Part 1, 17.9.25)."""
    return 0 if level is None else _int(level.find(qn("w:start")), 0) or 0


def _start_override(num: etree._Element, index: int) -> int | None:
    """The first number a list sets for level `index` (`w:lvlOverride/w:startOverride`), or None."""
    for override in num.findall(qn("w:lvlOverride")):
        if _int_attr(override, "w:ilvl") == index:
            return _int(override.find(qn("w:startOverride")))
    return None


def _restarts(level: etree._Element | None, index: int, used: int) -> bool:
    """Whether level `index` restarts when level `used` (shallower) is counted: when
    `w:lvlRestart` (a 1-based level; 0 never) names level `used` or a deeper one, or, when
    it is absent or names a level below `index` (which the standard says to ignore), always."""
    restart = _int(level.find(qn("w:lvlRestart"))) if level is not None else None
    if restart is None or restart > index:
        restart = index
    return restart != 0 and used < restart
