"""The cases giant-line, abbreviations and zwsp-sentence (issue 6), on copies of their inputs
in tests/cases/: the copied text split into exact sentence spans, and each file read and
chunked end to end."""

from __future__ import annotations

from pathlib import Path

from qa.chunking import chunk_document
from qa.documents import read_document
from qa.normalise import normalise
from qa.sentences import split_sentences

CASES = Path(__file__).resolve().parent / "cases"


def _line_spans(text: str, first_words: str) -> list[tuple[int, int]]:
    """The sentence spans of the line of `text` that starts with `first_words`."""
    start = text.index(first_words)
    return split_sentences(text, start, text.index("\n", start))


def test_abbreviations_case_splits_only_at_real_sentence_ends() -> None:
    text = (CASES / "abbreviations" / "tilskud.md").read_text(encoding="utf-8")
    assert _line_spans(text, "Ansøgningsfristen") == [(88, 146), (147, 199)]
    assert _line_spans(text, "Tilskuddet gives") == [(212, 278), (279, 332)]
    assert _line_spans(text, "Gebyret") == [(344, 397), (398, 431), (432, 471)]
    assert [text[s:e] for s, e in _line_spans(text, "Tilskuddet gives")] == [
        "Tilskuddet gives iht. Bekendtgørelse om energitilskud til boliger.",
        "Beløbet opgøres ift. Energistyrelsens standardpriser.",
    ]


def test_abbreviations_case_read_and_chunked_gives_whole_sentences() -> None:
    document = read_document(CASES / "abbreviations" / "tilskud.md")
    chunks, sentences = chunk_document(document)
    assert [s.text for s in sentences] == [
        "Ansøgningsfristen er den 15. sept. 2026 for alle kommuner.",
        "Ansøgninger behandles i den rækkefølge, de modtages.",
        "Tilskuddet gives iht. Bekendtgørelse om energitilskud til boliger.",
        "Beløbet opgøres ift. Energistyrelsens standardpriser.",
        "Gebyret for behandling er kr. 1.234,50 pr. ansøgning.",
        "Der blev i alt udbetalt 1.000 kr.",
        "Pengene kommer fra den statslige pulje.",
    ]
    assert [c.heading for c in chunks] == ["Frister", "Regler", "Beløb"]
    for sentence in sentences:
        assert document.text[sentence.start : sentence.end] == sentence.text


def test_zwsp_case_splits_after_each_zero_width_space() -> None:
    text = (CASES / "zwsp-sentence" / "friplads.md").read_text(encoding="utf-8")
    spans = _line_spans(text, "Ansøgnings")
    assert spans == [(83, 147), (149, 216), (218, 262)]
    assert [text[s:e] for s, e in spans] == [
        "Ansøgnings\u200bfristen for økonomisk friplads er den 15. april 2026.",
        "Ansøgninger modtaget efter fristen behandles først fra næste måned.",
        "Tilskuddet afhænger af husstandens indkomst.",
    ]


def test_zwsp_case_read_and_chunked_gives_three_sentences() -> None:
    document = read_document(CASES / "zwsp-sentence" / "friplads.md")
    _, sentences = chunk_document(document)
    # whether or not the reader has removed the zero-width spaces, the sentences are these
    assert [normalise(s.text) for s in sentences] == [
        "Ansøgningsfristen for økonomisk friplads er den 15. april 2026.",
        "Ansøgninger modtaget efter fristen behandles først fra næste måned.",
        "Tilskuddet afhænger af husstandens indkomst.",
        "Fripladstilskud gives til forældre med en samlet indkomst under en fastsat grænse.",
    ]
    for sentence in sentences:
        assert document.text[sentence.start : sentence.end] == sentence.text


ANSWER_CLAUSE = (
    "behandlingstiden for en ansøgning om boligstøtte er normalt seks uger fra kommunen har modtaget alle oplysninger,"
)


def test_giant_line_case_is_cut_into_clause_pieces_of_at_most_400_characters() -> None:
    text = (CASES / "giant-line" / "boligstoette.txt").read_text(encoding="utf-8")
    start = text.index("kommunen behandler")
    spans = split_sentences(text, start, len(text))
    assert len(spans) == 49
    assert max(e - s for s, e in spans) == 395
    assert all(text[e - 1] == "," for s, e in spans[:-1])  # every cut is after a comma
    holding = [(s, e) for s, e in spans if "seks uger" in text[s:e]]
    assert holding == [(9334, 9725)]
    assert text[9334:9725] == (
        "hvis du flytter skal du søge igen fra den nye adresse, kommunen kan bede om dokumentation for "
        "indtægter og udgifter, afgørelsen sendes til din digitale postkasse, du kan klage over afgørelsen "
        f"inden for fire uger, {ANSWER_CLAUSE} kommunen behandler ansøgninger om boligstøtte løbende hele året,"
    )


def test_giant_line_case_read_and_chunked_gives_short_chunks_one_holding_the_answer() -> None:
    document = read_document(CASES / "giant-line" / "boligstoette.txt")
    chunks, sentences = chunk_document(document)
    assert len(chunks) == 48
    assert max(len(c.text) for c in chunks) == 469
    assert max(len(s.text) for s in sentences) == 395
    assert {c.heading for c in chunks} == {"Boligstøtte og behandling"}
    holding = [c for c in chunks if "seks uger" in c.text]
    assert len(holding) == 1
    assert ANSWER_CLAUSE in holding[0].text
    assert len(holding[0].text) == 391
