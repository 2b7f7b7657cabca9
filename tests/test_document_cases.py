"""The document side of the cases in ../shared/cases/, each on its own copy in tests/cases/."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from qa.chunking import chunk_document
from qa.documents import Duplicate, read_corpus
from qa.normalise import normalise

CASES = Path(__file__).parent / "cases"


def _blocks(case: str) -> list[tuple[str, str]]:
    (document,) = read_corpus(CASES / case / "corpus").documents
    return [(b.kind, document.block_text(b)) for b in document.blocks]


def test_md_table_rows_keep_each_value_next_to_its_header_without_markup() -> None:
    assert _blocks("md-table") == [
        ("heading", "Gebyrer i borgerservice"),
        ("paragraph", "Gebyrerne gælder fra 1. januar 2026 og opkræves ved ansøgningen."),
        ("table_header", "Ydelse; Gebyr"),
        ("table_row", "Ydelse: Pas til voksne; Gebyr: 745 kr."),
        ("table_row", "Ydelse: Pas til børn under 18 år; Gebyr: 155 kr."),
        ("table_row", "Ydelse: Kørekort, fornyelse; Gebyr: 310 kr."),
        ("table_row", "Ydelse: Sundhedskort, erstatning; Gebyr: 205 kr."),
        ("paragraph", "Gebyret betales ikke tilbage, hvis ansøgningen trækkes tilbage."),
    ]


def test_md_table_row_is_one_sentence_of_its_own() -> None:
    (document,) = read_corpus(CASES / "md-table" / "corpus").documents
    _, sentences = chunk_document(document)
    row = "Ydelse: Pas til børn under 18 år; Gebyr: 155 kr."
    start = document.text.index(row)
    assert [(s.start, s.end) for s in sentences if s.text == row] == [(start, start + len(row))]
    assert "|" not in document.text and "---" not in document.text


def test_html_div_span_text_table_rows_and_br_lines_are_all_units() -> None:
    assert _blocks("html-div-table") == [
        ("heading", "Sygesikringskort"),
        (
            "paragraph",
            "Det gule sygesikringskort viser, hvilken læge du er tilknyttet. "
            "Kortet sendes automatisk, når du flytter til en ny kommune.",
        ),
        ("heading", "Priser"),
        ("table_header", "Kort; Pris"),
        ("table_row", "Kort: Erstatningskort; Pris: 205 kr."),
        ("table_row", "Kort: Midlertidigt kort; Pris: Gratis"),
        ("heading", "Sådan bestiller du"),
        ("paragraph", "Du kan bestille et nyt kort på tre måder:"),
        ("paragraph", "Digitalt med MitID"),
        ("paragraph", "Telefonisk hos borgerservice"),
        ("paragraph", "Personligt i borgerservice"),
        ("list_item", "Kortet leveres inden for 14 dage."),
        ("list_item", "Kortet er gyldigt i hele Danmark & på Færøerne."),
        ("paragraph", "Husk at melde flytning senest fem dage efter, du er flyttet."),
    ]


def test_txt_bullet_lines_are_fifteen_list_items_and_fifteen_sentences() -> None:
    (document,) = read_corpus(CASES / "txt-bullets" / "corpus").documents
    items = [document.block_text(b) for b in document.blocks if b.kind == "list_item"]
    assert len(items) == 15
    assert items[7] == "vielsesattest hvis du har skiftet efternavn siden sidste pas"
    assert items[11] == "fuldmagt hvis en anden person henter passet for dig"
    _, sentences = chunk_document(document)
    assert [s.text for s in sentences if s.text in items] == items
    assert max(s.end - s.start for s in sentences) == 62


def test_same_file_name_in_two_sub_folders_gives_two_documents_with_folder_ids() -> None:
    report = read_corpus(CASES / "same-stem-subfolders" / "corpus")
    assert [(d.doc_id, d.title) for d in report.documents] == [
        ("borger-faq", "Spørgsmål fra borgere"),
        ("virksomhed-faq", "Spørgsmål fra virksomheder"),
    ]
    assert report.errors == [] and report.duplicates == []


def test_identical_documents_are_read_once_and_the_copy_is_reported() -> None:
    folder = CASES / "duplicate-docs" / "corpus"
    report = read_corpus(folder)
    assert [d.doc_id for d in report.documents] == ["mitid", "nemkonto"]
    assert report.duplicates == [Duplicate(folder / "mitid-kopi.md", "mitid-kopi", folder / "mitid.md", "mitid")]
    assert report.summary_lines() == [
        "read 2 documents (2 .md)",
        f"duplicate {folder / 'mitid-kopi.md'} has the same text as {folder / 'mitid.md'}: indexed once, as 'mitid'",
        "largest unit: 134 characters, a paragraph of 'mitid' at 7-141",
    ]


def test_nfd_document_is_served_in_nfc_and_matches_a_normalised_nfd_question() -> None:
    source = (CASES / "nfd-query" / "corpus" / "aabning.md").read_text(encoding="utf-8")
    assert source == unicodedata.normalize("NFD", source)
    (document,) = read_corpus(CASES / "nfd-query" / "corpus").documents
    assert document.text == unicodedata.normalize("NFC", document.text)
    assert document.title == "Åbningstider og pårørende"
    question = normalise(unicodedata.normalize("NFD", "pårørende område"))
    assert question == "pårørende område"
    assert document.text.index("Pårørende til") == 155


def test_zero_width_spaces_are_removed_before_blocks_so_three_sentences_split() -> None:
    (document,) = read_corpus(CASES / "zwsp-sentence" / "corpus").documents
    assert "\u200b" not in document.text
    _, sentences = chunk_document(document)
    assert [s.text for s in sentences][:3] == [
        "Ansøgningsfristen for økonomisk friplads er den 15. april 2026.",
        "Ansøgninger modtaget efter fristen behandles først fra næste måned.",
        "Tilskuddet afhænger af husstandens indkomst.",
    ]
    start = document.text.index("Tilskuddet")
    assert [(s.start, s.end) for s in sentences if s.text.startswith("Tilskuddet")] == [(start, start + 44)]
