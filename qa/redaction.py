"""Redaction of personal data in free text before it is stored or logged.

One function, :func:`redact`, is applied wherever text that came from a user is written:
the access log, the application log, feedback rows, error bodies and exports.

Three kinds of Danish personal data are replaced by placeholders:

- CPR numbers by ``[CPR]``, in every way people write them: ``010203-1234``, with an en or
  em dash, a Unicode hyphen or minus sign (U+2010-U+2015, U+2212, U+FE63, U+FF0D), a dot,
  a slash, spaces (also no-break and thin spaces) or no separator; with separators inside
  the date (``01.02.03-1234``, ``01 02 03 1234``); in full-width (``０１０２０３－１２３４``) or
  any other Unicode decimal digits. The first six digits must be a plausible date
  (day 01-31, month 01-12), the rule of the CPR register (cpr.dk, "CPR-nummeret");
- e-mail addresses by ``[EMAIL]`` (also with a full-width ``＠``);
- Danish phone numbers (``+45 12 34 56 78``, ``0045 12345678``, ``12 34 56 78``, ``1234 5678``,
  ``12345678``, full-width digits) by ``[TELEFON]``: eight digits, the
  length of every Danish subscriber number (Numbering plan, Erhvervsstyrelsen).

Invisible characters (`qa.normalise.INVISIBLE_RANGES`, the ones normalisation removes: every
format character such as the soft hyphen, zero-width space, joiners, BOM and bidirectional
controls, and the other default-ignorable ones such as the combining grapheme joiner,
variation selectors and Hangul fillers) are read through: ``111111\u00ad-1118``,
``111111\u034f-1118`` and ``hans\u200b@kommune.dk`` are redacted as ``111111-1118`` and
``hans@kommune.dk`` would be, and the invisible characters inside a match go with it. Text
outside matches is kept as it is.

Years, ranges of years (``2016-2020``), dates (``01-02-2003``) and ordinary figures
(``112,6 mio.``, ``1.000``) are left alone: a match must be a whole run of digits of exactly
the right length. The service's own index versions (``20261203T060301090663Z-06750844``,
`INDEX_VERSION`) are left whole: their hash part may be eight digits. Lone surrogates
(invalid Unicode that JSON can carry) become U+FFFD so that redacted text can always be
encoded, logged and stored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from qa.normalise import INVISIBLE_CHARACTER, LONE_SURROGATE

__all__ = ["INDEX_VERSION", "redact"]

INDEX_VERSION = r"\d{8}T\d{12}Z-[0-9a-f]{8}"
"""An index version as `qa.index.new_build_id` makes it: UTC time to the microsecond and
the first 8 hex digits of the corpus's sha256 (all digits for about 2% of corpora)."""
# A version, or a build folder's name (`qa.index.BUILDING_PREFIX`, the version and 8 hex
# digits more): no personal data, and logged and shown in commands to run.
_OWN_NAMES = re.compile(rf"(?<!\w){INDEX_VERSION}(?:-[0-9a-f]{{8}})?(?![\w-])")

# Characters people put between the groups of a CPR or phone number.
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = " \u00a0\u2007\u2009\u202f\u3000"
_SEP = f"[{_DASHES}./\uff0e\uff0f]"
_GAP = f"[{_SPACES}]*(?:{_SEP}[{_SPACES}]*)?"  # spaces, or one separator with spaces around it
_D = r"\d"  # any Unicode decimal digit (full-width, Arabic-Indic ...), checked by _digits

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+[@\uff20][\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")

_CPR = re.compile(
    rf"(?<![\d{_DASHES}])"
    rf"({_D}{_D}){_GAP}({_D}{_D}){_GAP}{_D}{_D}"  # DD MM YY, optionally separated
    rf"{_GAP}{_D}{{4}}"
    rf"(?![\d{_DASHES}])"
)

_PHONE = re.compile(
    r"(?<![\w+])"
    rf"(?!(?:19|20)\d\d[{_SPACES}{_DASHES}]+(?:19|20)\d\d(?!\d))"  # "2016 2020" is two years
    rf"(?:(?:\+|00|\uff0b)[{_SPACES}]?45[{_SPACES}]?)?"
    rf"{_D}{_D}(?:[{_SPACES}]?{_D}{_D}){{3}}"  # not dashes or dots: "01-02-2003" is a date
    rf"(?![\w{_DASHES}])"  # "20261201T1553Z" is a time stamp
)


def _digits(text: str) -> str:
    """The decimal digits in ``text`` as ASCII (``"０１"`` -> ``"01"``)."""
    return "".join(str(unicodedata.digit(ch)) for ch in text if ch.isdecimal())


def _cpr(match: re.Match[str]) -> str:
    day, month = int(_digits(match.group(1))), int(_digits(match.group(2)))
    return "[CPR]" if 1 <= day <= 31 and 1 <= month <= 12 else match.group(0)


def _visible(text: str) -> tuple[str, list[int]]:
    """``text`` without its invisible characters (`INVISIBLE_CHARACTER`), and the index in
    ``text`` of each character kept."""
    kept = [i for i, ch in enumerate(text) if not INVISIBLE_CHARACTER.match(ch)]
    return "".join(text[i] for i in kept), kept


def _sub(pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str], text: str) -> str:
    """``pattern.sub(replace, text)`` matched on ``text`` as read without invisible characters:
    each match's replacement takes the place of the span of ``text`` it covers (invisible
    characters inside it included); a match that ``replace`` returns unchanged is kept as written."""
    if not INVISIBLE_CHARACTER.search(text):
        return pattern.sub(replace, text)
    visible, where = _visible(text)
    parts, done = [], 0
    for match in pattern.finditer(visible):
        replacement = replace(match)
        if replacement == match.group(0):
            continue
        start, end = where[match.start()], where[match.end() - 1] + 1
        parts += [text[done:start], replacement]
        done = end
    return "".join(parts) + text[done:]


def redact(text: str) -> str:
    """Return ``text`` with CPR numbers, e-mail addresses and phone numbers replaced, also
    when invisible characters stand inside them (see the module docstring).

    Idempotent: ``redact(redact(t)) == redact(t)``. Never raises on any ``str``.
    """
    text = LONE_SURROGATE.sub("\ufffd", text)
    # Index versions are kept as they are; the text between them is redacted.
    pieces = _OWN_NAMES.split(text)
    kept = _OWN_NAMES.findall(text)
    return "".join(_redact_piece(p) + (kept[i] if i < len(kept) else "") for i, p in enumerate(pieces))


def _redact_piece(text: str) -> str:
    """`redact` of a text without index versions."""
    text = _sub(_EMAIL, lambda _: "[EMAIL]", text)
    text = _sub(_CPR, _cpr, text)
    return _sub(_PHONE, lambda _: "[TELEFON]", text)
