"""Redaction of personal data in free text before it is stored or logged.

Three kinds of Danish personal data are replaced by placeholders:

- CPR numbers (``010203-1234``, ``010203 1234``, ``0102031234``) by ``[CPR]``; the first six
  digits must be a plausible date (day 01-31, month 01-12);
- e-mail addresses by ``[EMAIL]``;
- Danish phone numbers (``+45 12 34 56 78``, ``0045 12345678``, ``12 34 56 78``, ``1234 5678``,
  ``12345678``) by ``[TELEFON]``.

Years, ranges of years (``2016-2020``) and ordinary figures (``112,6 mio.``, ``1.000``) are
left alone: a match must be a whole run of digits of exactly the right length.
"""

from __future__ import annotations

import re

__all__ = ["redact"]

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")

_CPR = re.compile(
    r"(?<![\d-])"
    r"(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}"  # DDMMYY
    r"[- ]?\d{4}"
    r"(?![\d-])"
)

_PHONE = re.compile(
    r"(?<![\w+])"
    r"(?!(?:19|20)\d\d (?:19|20)\d\d(?!\d))"  # "2016 2020" is two years, not a phone number
    r"(?:(?:\+|00) ?45 ?)?"
    r"\d\d ?\d\d ?\d\d ?\d\d"
    r"(?![\d-])"
)


def redact(text: str) -> str:
    """Return ``text`` with CPR numbers, e-mail addresses and phone numbers replaced."""
    text = _EMAIL.sub("[EMAIL]", text)
    text = _CPR.sub("[CPR]", text)
    return _PHONE.sub("[TELEFON]", text)
