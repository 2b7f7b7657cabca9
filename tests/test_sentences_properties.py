"""Property tests of the sentence splitter over random text: whatever the input, the spans
are in order, do not overlap, cover every visible character, are trimmed and fit the limit."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from qa.sentences import abbreviations, split_sentences

# Pieces of Danish-looking text, chosen to hit every rule: sentence ends, abbreviations,
# numbers and labels, quotes, brackets, emoji, invisible characters, clause marks.
_TOKENS = st.one_of(
    st.sampled_from(["Ansøgningen", "kommunen", "Digital", "Post", "MitID", "I", "du", "søger", "ÆØÅ", "æblet"]),
    st.sampled_from(sorted({f"{a}." for language in ("da", "en") for a in abbreviations(language)})),
    st.sampled_from(["Man.-ons.", "Tors.", "lør.-søn.", "Mon.–Fri.", "CPR-nr.", "reg.nr.", "10.00-14.00", "9 a.m."]),
    st.sampled_from(["1.", "15.", "2026", "1.234,50", "§", "§ 3.", "Stk.", "kr.", "H.", "nr."]),
    st.sampled_from([".", "!", "?", "…", ",", ";", ":", " – ", "-", "...", "?!"]),
    st.sampled_from(['"', "»", "«", "(", ")", "[", "]", "„", "“", "”", "'"]),
    st.sampled_from(["👨\u200d👩\u200d👧", "✅", "⚠\ufe0f", "👍"]),
    st.sampled_from(["\u200b", "\u200d", "\ufeff", "\u00ad", "\u2060"]),
    st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", "\t"]),
    st.text(min_size=1, max_size=12),
)
_TEXT = st.lists(_TOKENS, max_size=120).map("".join)


def _visible(char: str) -> bool:
    return not (char.isspace() or unicodedata.category(char) == "Cf")


def _check(text: str, start: int, end: int, limit: int, language: str = "da") -> None:
    spans = split_sentences(text, start, end, max_chars=limit, language=language)
    previous_end = start
    for s, e in spans:
        assert previous_end <= s < e <= end
        piece = text[s:e]
        assert piece == piece.strip()
        assert _visible(piece[0]) and _visible(piece[-1])
        assert e - s <= limit
        previous_end = e
    covered = {i for s, e in spans for i in range(s, e)}
    assert {i for i in range(start, end) if _visible(text[i])} <= covered


@settings(max_examples=150, deadline=None)
@given(_TEXT, st.integers(min_value=1, max_value=120), st.sampled_from(["da", "en"]))
def test_spans_are_ordered_trimmed_within_the_limit_and_cover_every_visible_character(
    text: str, limit: int, language: str
) -> None:
    _check(text, 0, len(text), limit, language)


@settings(max_examples=100, deadline=None)
@given(_TEXT, st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=200))
def test_a_range_of_the_text_is_split_within_that_range(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    _check(text, start, end, 400)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=600), st.integers(min_value=1, max_value=400))
def test_any_unicode_text_is_split_into_trimmed_spans_within_the_limit(text: str, limit: int) -> None:
    _check(text, 0, len(text), limit)
