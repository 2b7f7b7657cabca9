"""Danish sentence splitting with exact character offsets.

A candidate boundary is sentence-final punctuation followed by white space and a capital
letter, a digit or an opening quote. It is rejected when the word before the full stop is
a known abbreviation ("mio.", "bl.a.", "f.eks.", "jf.") or a single capital initial.
Abbreviations followed by a comma or a small letter never look like boundaries at all.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    [
        "afd",
        "alm",
        "ang",
        "bl",
        "bl.a",
        "bl.a.m",
        "ca",
        "d.d",
        "d.v.s",
        "dvs",
        "eks",
        "ekskl",
        "el",
        "etc",
        "evt",
        "f",
        "f.eks",
        "f.ex",
        "fhv",
        "fx",
        "gl",
        "hhv",
        "ifm",
        "iflg",
        "inkl",
        "jf",
        "jvf",
        "kap",
        "kl",
        "kr",
        "m.fl",
        "m.h.t",
        "m.m",
        "m.v",
        "maks",
        "min",
        "mio",
        "mia",
        "mht",
        "mrd",
        "mv",
        "ndf",
        "nr",
        "o.a",
        "o.l",
        "o.lign",
        "obs",
        "odg",
        "off",
        "osv",
        "p.g.a",
        "pga",
        "pkt",
        "pr",
        "red",
        "resp",
        "s",
        "sdr",
        "skt",
        "st",
        "stk",
        "t",
        "tlf",
        "tv",
        "vedr",
        "vha",
        "vol",
    ]
)

_BOUNDARY = re.compile(r"[.!?…]+[\"'”»)\]]*(?=\s+[\"'“«(\[]?[A-ZÆØÅÄÖÜÉ0-9])")


def _word_before(text: str, end: int) -> str:
    """The run of non-space characters that ends just before position `end`."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _is_abbreviation(word: str) -> bool:
    bare = word.lstrip("(\"'“«[").lower()
    if bare in ABBREVIATIONS:
        return True
    # A single capital initial ("H. C. Andersen") is not a sentence.
    return len(bare) == 1 and bare.isalpha() and word[-1:].isupper()


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in text[start:end]; white space between them is left out."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        punct = match.group(0)
        if punct[0] == "." and _is_abbreviation(_word_before(text, match.start())):
            continue
        spans.append((cursor, match.end()))
        cursor = match.end()
    spans.append((cursor, end))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
