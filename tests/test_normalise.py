"""The one normalisation: documents and questions normalise alike (case nfd-query, zwsp-sentence)."""

from __future__ import annotations

import unicodedata

import pytest

from qa.normalise import normalise


def test_nfd_and_nfc_forms_of_a_question_normalise_to_the_same_text() -> None:
    question = "Hvornår begynder skoleåret for pårørende?"
    assert normalise(unicodedata.normalize("NFD", question)) == question


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\ufeffTitel", "Titel"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("Ansøgnings\u200bfristen", "Ansøgningsfristen"),
        ("bolig\u00adstøtte", "boligstøtte"),
        ("205\u00a0kr.", "205 kr."),
        ("10\u202f000", "10 000"),
        ("a\u2060b\u200c\u200dc", "abc"),
        ("kolonne\tværdi", "kolonne værdi"),
        ("Digital\u034fPost\ufe0f", "DigitalPost"),  # combining grapheme joiner, variation selector
        ("Nem\U000e0100ID\u200e", "NemID"),  # variation selector supplement, left-to-right mark
        ("\u3164\u115f\u1160\uffa0", ""),  # Hangul fillers: letters by category, but blank
    ],
)
def test_invisible_characters_spaces_and_line_ends_are_normalised(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_normalise_is_idempotent_and_keeps_line_breaks_and_runs_of_spaces() -> None:
    text = "Linje 1\n\n  Linje  2\n"
    assert normalise(text) == text
    assert normalise(normalise("x\u00a0\u00a0y")) == "x  y"
