"""The one text normalisation, applied to documents and questions alike.

Offsets everywhere (blocks, sentences, chunks, citations) refer to text normalised by
`normalise`, so a question typed in decomposed Unicode (NFD) or pasted with invisible
characters matches the documents exactly as the same question typed plainly.

What it does, in order:

1. a leading byte-order mark (U+FEFF) is dropped;
2. CRLF and lone CR become LF;
3. soft hyphens (U+00AD) and zero-width or invisible format characters (U+200B-U+200D,
   U+2060, U+FEFF, U+180E) are removed;
4. no-break and other Unicode space separators (U+00A0, U+2000-U+200A, U+202F, U+205F,
   U+3000) and tabs become a plain space;
5. Unicode NFC.

It does not fold runs of spaces or trim: readers decide that per line, since line
breaks carry structure (list items, table rows).
"""

from __future__ import annotations

import re
import unicodedata

# Invisible characters that carry no text: soft hyphen, zero-width space / non-joiner /
# joiner, word joiner, BOM used as zero-width no-break space, Mongolian vowel separator.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"
# Space separators (Unicode category Zs other than U+0020) and the tab.
SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Dashes of any width, which normalisation leaves as they are ("mandag‑fredag" with U+2011,
# "Mon.–Fri."); the ASCII hyphen last, so that the string is literal inside a regex's [...].
DASHES = "‐‑‒–—−-"

LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""A lone UTF-16 surrogate (U+D800-U+DFFF): not a character. JSON's ``\\ud800`` escapes can
carry one, and Python reads a command-line byte that is not UTF-8 (``0xff``) as one
(``\\udcff``, its surrogateescape); it cannot be encoded as UTF-8, and the tokeniser refuses it."""

_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_SPACES = re.compile(f"[{SPACES}]")


def normalise(text: str) -> str:
    """The normalised form of `text` (see the module docstring); idempotent.

    >>> normalise("\\ufeffA\\u00a0b\\r\\nAnsøgnings\\u200bfristen")
    'A b\\nAnsøgningsfristen'
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    return unicodedata.normalize("NFC", text)


def has_letter_or_digit(text: str) -> bool:
    """Whether a text holds a letter or a digit: a character of Unicode category L (letters
    of any script) or N (digits and other numerals, such as ``½``). "???", "___" or only
    invisible characters ask nothing. The one test the HTTP API and the engine both apply."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


def lone_surrogate(text: str) -> str | None:
    """The first lone surrogate in ``text`` (see `LONE_SURROGATE`), or None when the text is
    valid Unicode. The one check of invalid Unicode: the HTTP API, the engine, the
    evaluation set and the CLI refuse a text for which it finds one, each saying where.

    >>> lone_surrogate("Hvad er \\ud800NemID?")
    '\\ud800'
    >>> lone_surrogate("Hvad er NemID?") is None
    True
    """
    found = LONE_SURROGATE.search(text)
    return found.group() if found else None
