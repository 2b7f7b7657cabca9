"""The one text normalisation, applied to documents and questions alike.

Offsets everywhere (blocks, sentences, chunks, citations) refer to text normalised by
`normalise`, so a question typed in decomposed Unicode (NFD) or pasted with invisible
characters matches the documents exactly as the same question typed plainly.

What it does, in order:

1. a leading byte-order mark (U+FEFF) is dropped;
2. CRLF and lone CR become LF;
3. invisible characters (`INVISIBLE_RANGES`: soft hyphen, zero-width space and joiners, bidirectional
   controls, variation selectors, the combining grapheme joiner, Hangul fillers ...) are removed;
4. no-break and other Unicode space separators (U+00A0, U+2000-U+200A, U+202F, U+205F,
   U+3000) and tabs become a plain space;
5. Unicode NFC.

It does not fold runs of spaces or trim: readers decide that per line, since line
breaks carry structure (list items, table rows).
"""

from __future__ import annotations

import re
import unicodedata

INVISIBLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x0600, 0x0605),  # Arabic number signs (format characters)
    (0x061C, 0x061C),  # Arabic letter mark
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x115F, 0x1160),  # Hangul choseong and jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian free variation selectors and vowel separator
    (0x200B, 0x200F),  # zero-width space, non-joiner, joiner; left-to-right and right-to-left marks
    (0x202A, 0x202E),  # bidirectional embeddings and overrides
    (0x2060, 0x206F),  # word joiner, invisible operators, bidirectional isolates, deprecated controls
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # byte-order mark / zero-width no-break space
    (0xFFA0, 0xFFA0),  # half-width Hangul filler
    (0xFFF0, 0xFFFB),  # reserved, and the interlinear annotation controls
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),  # Egyptian hieroglyph format controls
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0000, 0xE0FFF),  # tags and variation selectors supplement
)
"""The one definition of an invisible character, as ranges of code points (first, last):
every format character (Unicode category Cf, as of Unicode 15.1) and every default-ignorable
code point (DerivedCoreProperties.txt), the characters a renderer shows as nothing. They
carry no text: normalisation removes them, redaction reads through them, and the help
widget (api/static/widget.js) leaves them out when it counts a question's length."""

INVISIBLE = "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in INVISIBLE_RANGES)
"""`INVISIBLE_RANGES` as the inside of a regular expression's character class."""

INVISIBLE_CHARACTER = re.compile(f"[{INVISIBLE}]")
"""One invisible character (see `INVISIBLE_RANGES`)."""

# Space separators (Unicode category Zs other than U+0020) and the tab.
SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Dashes of any width, which normalisation leaves as they are ("mandag‑fredag" with U+2011,
# "Mon.–Fri."); the ASCII hyphen last, so that the string is literal inside a regex's [...].
DASHES = "‐‑‒–—−-"

LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""A lone UTF-16 surrogate (U+D800-U+DFFF): not a character. JSON's ``\\ud800`` escapes can
carry one, and Python reads a command-line byte that is not UTF-8 (``0xff``) as one
(``\\udcff``, its surrogateescape); it cannot be encoded as UTF-8, and the tokeniser refuses it."""

_SPACES = re.compile(f"[{SPACES}]")

MAX_TEXT_CHARS = 1000
"""The HTTP contract's longest question or query, in characters (code points) after
normalising and trimming; QA_MAX_QUESTION_CHARS may only lower it."""


def normalise(text: str) -> str:
    """The normalised form of `text` (see the module docstring); idempotent.

    >>> normalise("\\ufeffA\\u00a0b\\r\\nAnsøgnings\\u200bfristen")
    'A b\\nAnsøgningsfristen'
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = INVISIBLE_CHARACTER.sub("", text)
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


def checked_text(field: str, value: str, max_chars: int = MAX_TEXT_CHARS) -> str:
    """``value`` as the engine reads it (`normalise`, trimmed), when it asks something: the one
    check of a question or query's length and letters, made by the HTTP API
    (`api.schemas.check_text`) and by `qa ask`. ``field`` names the text in the messages
    ("question", "query"); ``max_chars`` is the most characters (code points) allowed.

    Raises ValueError when nothing readable is left (empty, or only invisible characters such
    as U+200B, punctuation, underscores or control characters) or when more than
    ``max_chars`` characters are.
    """
    value = normalise(value).strip()
    if not value:
        raise ValueError(f"the {field} is empty: write a {field} of 1 to {max_chars} characters")
    if not has_letter_or_digit(value):
        raise ValueError(f"the {field} holds no letters or digits: write a {field} in words")
    if len(value) > max_chars:
        raise ValueError(f"the {field} is {len(value)} characters long; at most {max_chars} are allowed")
    return value
