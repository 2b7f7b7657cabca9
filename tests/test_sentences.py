"""Danish sentence splitting: abbreviations and numbers do not end sentences; offsets are exact."""

from __future__ import annotations

import pytest

from qa.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I 2016 afsendte myndighederne i alt 112,6 mio. Digital Post-meddelelser til borgere. "
            "Og danskerne er digitale.",
            [
                "I 2016 afsendte myndighederne i alt 112,6 mio. Digital Post-meddelelser til borgere.",
                "Og danskerne er digitale.",
            ],
        ),
        (
            "Det drejer sig om NemKonto, som benyttes til udbetaling af ydelser mv., om NemID. Slut.",
            ["Det drejer sig om NemKonto, som benyttes til udbetaling af ydelser mv., om NemID.", "Slut."],
        ),
        ("Der findes bl.a. NemID. Det er godt.", ["Der findes bl.a. NemID.", "Det er godt."]),
        ("Brug f.eks. Digital Post. Eller borger.dk.", ["Brug f.eks. Digital Post.", "Eller borger.dk."]),
        ("Se nr. 5 i listen. Tak.", ["Se nr. 5 i listen.", "Tak."]),
        ("Det koster ca. 300 kr. om året. Betal nu.", ["Det koster ca. 300 kr. om året.", "Betal nu."]),
        (
            "Reglerne gælder, jf. Lov om Digital Post. Læs mere.",
            ["Reglerne gælder, jf. Lov om Digital Post.", "Læs mere."],
        ),
        (
            "Loven trådte i kraft den 1. januar 2018. Derefter blev det obligatorisk.",
            ["Loven trådte i kraft den 1. januar 2018.", "Derefter blev det obligatorisk."],
        ),
        ("Hvad er NemKonto? Det er en konto! Sådan.", ["Hvad er NemKonto?", "Det er en konto!", "Sådan."]),
        ("H. C. Andersen skrev eventyr. De læses stadig.", ["H. C. Andersen skrev eventyr.", "De læses stadig."]),
        (
            "Strategien 2016-2020 var den femte. 2021 bragte en ny.",
            ["Strategien 2016-2020 var den femte.", "2021 bragte en ny."],
        ),
        ("Uden punktum til sidst", ["Uden punktum til sidst"]),
    ],
)
def test_splits_danish_sentences_at_real_boundaries_only(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_offsets_point_at_each_sentence_within_a_range() -> None:
    text = "Overskrift\n\nFørste sætning. Anden sætning med bl.a. forkortelse.  Tredje."
    start = text.index("Første")
    spans = split_sentences(text, start, len(text))
    assert spans == [(12, 27), (28, 64), (66, 73)]
    assert [text[s:e] for s, e in spans] == ["Første sætning.", "Anden sætning med bl.a. forkortelse.", "Tredje."]


def test_seed_document_sentences_are_exact_slices(seed_document) -> None:  # type: ignore[no-untyped-def]
    for block in seed_document.blocks:
        for s, e in split_sentences(seed_document.text, block.start, block.end):
            piece = seed_document.text[s:e]
            assert piece == piece.strip() and piece
            assert block.start <= s < e <= block.end
    spans = [
        seed_document.text[s:e]
        for b in seed_document.blocks
        for s, e in split_sentences(seed_document.text, b.start, b.end)
    ]
    assert (
        "I 2016 afsendte de offentlige myndigheder i alt 112,6 mio. Digital Post-meddelelser "
        "til borgere og virksomheder."
    ) in spans
    assert any(s.startswith("Det drejer sig blandt andet om NemKonto") and s.endswith("Virk.") for s in spans)


def test_empty_and_whitespace_text_has_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences("   \n ") == []
