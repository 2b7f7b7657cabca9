"""PDF paragraphs from the page's own line pitch, whatever the line spacing, and a PDF's
title from its metadata or its first line (review finding 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.documents import Document, read_document
from qa.sentences import split_sentences
from tests.generated_documents import HAVEAFFALD, STORSKRALD, write_spaced_pdf


def _blocks(document: Document) -> list[tuple[str, str]]:
    return [(b.kind, document.block_text(b)) for b in document.blocks]


def _sentences(document: Document) -> list[str]:
    return [document.text[s:e] for b in document.blocks for s, e in split_sentences(document.text, b.start, b.end)]


SPACINGS = [(11, 5), (11, 6), (11, 7), (11, 8), (11, 10), (12, 8), (12, 10)]


@pytest.mark.parametrize(("size", "line_height"), SPACINGS)
def test_wrapped_lines_are_one_paragraph_and_an_empty_line_starts_the_next_at_any_line_spacing(
    tmp_path: Path, size: float, line_height: float
) -> None:
    document = read_document(write_spaced_pdf(tmp_path / "affald.pdf", line_height, size))
    assert _blocks(document) == [("paragraph", STORSKRALD), ("paragraph", HAVEAFFALD)]


@pytest.mark.parametrize(("size", "line_height"), SPACINGS)
def test_a_sentence_wrapped_over_lines_is_one_sentence_at_any_line_spacing(
    tmp_path: Path, size: float, line_height: float
) -> None:
    document = read_document(write_spaced_pdf(tmp_path / "affald.pdf", line_height, size))
    assert (
        "Du skal tilmelde storskrald senest fredagen før kl. 12, og du kan tilmelde det på kommunens hjemmeside "
        "eller ved at ringe til borgerservice på telefon 70 11 22 33."
    ) in _sentences(document)


@pytest.mark.parametrize("line_height", [5, 8, 10])
def test_a_heading_above_widely_spaced_paragraphs_stays_a_heading(tmp_path: Path, line_height: float) -> None:
    path = write_spaced_pdf(tmp_path / "affald.pdf", line_height, heading="Storskrald og haveaffald")
    assert _blocks(read_document(path)) == [
        ("heading", "Storskrald og haveaffald"),
        ("paragraph", STORSKRALD),
        ("paragraph", HAVEAFFALD),
    ]


def test_the_title_is_the_metadata_title_before_the_first_heading(tmp_path: Path) -> None:
    path = write_spaced_pdf(tmp_path / "affald.pdf", 6, heading="Storskrald", title="Affald i Eksempel Kommune")
    assert read_document(path).title == "Affald i Eksempel Kommune"


def test_without_a_metadata_title_the_title_is_the_first_heading(tmp_path: Path) -> None:
    path = write_spaced_pdf(tmp_path / "affald.pdf", 6, heading="Storskrald og haveaffald")
    assert read_document(path).title == "Storskrald og haveaffald"


@pytest.mark.parametrize(
    "junk", ["Microsoft Word - affald.docx", "affald_v2.pdf", "Untitled", "Dokument1", " ", "2026"]
)
def test_a_default_metadata_title_gives_way_to_a_first_line_that_reads_as_a_title(tmp_path: Path, junk: str) -> None:
    path = write_spaced_pdf(tmp_path / "affald.pdf", 8, title=junk, first_line="Affaldsordning 2026")
    document = read_document(path)
    assert document.title == "Affaldsordning 2026"
    assert _blocks(document) == [
        ("paragraph", "Affaldsordning 2026"),
        ("paragraph", STORSKRALD),
        ("paragraph", HAVEAFFALD),
    ]


def test_a_first_line_that_is_a_sentence_is_no_title_and_the_file_name_is(tmp_path: Path) -> None:
    path = write_spaced_pdf(tmp_path / "Affald 2026.pdf", 7, first_line="Læs om affald.")
    assert read_document(path).title == "affald-2026"


def test_the_first_printed_line_of_a_wrapped_paragraph_is_no_title(tmp_path: Path) -> None:
    assert read_document(write_spaced_pdf(tmp_path / "affald.pdf", 7)).title == "affald"
