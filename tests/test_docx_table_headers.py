"""A Word table's first row is its header unless Word does not mark it as one and it is a
row of values like the rows below it (`qa.readers.common.values_row`): a headerless
price table read its first row as labels for every other row ("Voksne: Børn; 745 kr.:
155 kr."), and "Hvad koster et pas til børn?" was answered with that."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement

from qa.documents import read_document
from qa.readers.common import cell_kind, values_row


def _table_blocks(tmp_path: Path, rows: list[list[str]], marked: bool = False) -> list[tuple[str, str]]:
    """The blocks after the intro paragraph of a .docx holding one table of `rows`
    (python-docx's default table style), its first row marked as a header (`w:tblHeader`)
    when `marked`; each as (kind, its text in the document)."""
    document = docx.Document()
    document.add_paragraph("Priser")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    if marked:
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    path = tmp_path / "tabel.docx"
    document.save(str(path))
    read = read_document(path)
    for block in read.blocks:
        assert read.text[block.start : block.end].strip() == read.text[block.start : block.end]
    return [(b.kind, read.text[b.start : b.end]) for b in read.blocks[1:]]


@pytest.mark.parametrize(
    ("rows", "blocks"),
    [
        (
            [["Voksne", "745 kr."], ["Børn", "155 kr."], ["Pensionister", "445 kr."]],
            [("table_row", "Voksne; 745 kr."), ("table_row", "Børn; 155 kr."), ("table_row", "Pensionister; 445 kr.")],
        ),
        (
            [["Mandag", "10-17"], ["Tirsdag", "10-17"], ["Onsdag", "Lukket"]],
            [("table_row", "Mandag; 10-17"), ("table_row", "Tirsdag; 10-17"), ("table_row", "Onsdag; Lukket")],
        ),
        (
            [["Borgerservice", "70 10 11 12"], ["Skat", "72 22 18 18"]],
            [("table_row", "Borgerservice; 70 10 11 12"), ("table_row", "Skat; 72 22 18 18")],
        ),
    ],
)
def test_a_first_row_of_values_like_the_rows_below_is_no_header(
    tmp_path: Path, rows: list[list[str]], blocks: list[tuple[str, str]]
) -> None:
    assert _table_blocks(tmp_path, rows) == blocks


@pytest.mark.parametrize(
    ("rows", "blocks"),
    [
        (
            [["Ydelse", "Gebyr"], ["Handicapparkeringskort", "185 kr."]],
            [("table_header", "Ydelse; Gebyr"), ("table_row", "Ydelse: Handicapparkeringskort; Gebyr: 185 kr.")],
        ),
        (
            [["Ydelse", "2025", "2026"], ["Storskrald", "120", "135"]],
            [("table_header", "Ydelse; 2025; 2026"), ("table_row", "Ydelse: Storskrald; 2025: 120; 2026: 135")],
        ),
        (
            [["Ydelse", "2025 (kr.)", "2026 (kr.)"], ["Storskrald", "120", "135"]],
            [
                ("table_header", "Ydelse; 2025 (kr.); 2026 (kr.)"),
                ("table_row", "Ydelse: Storskrald; 2025 (kr.): 120; 2026 (kr.): 135"),
            ],
        ),
        (
            [["Tilbud", "0-2 år", "3-5 år"], ["Dagpleje", "3.480 kr.", "2.190 kr."]],
            [
                ("table_header", "Tilbud; 0-2 år; 3-5 år"),
                ("table_row", "Tilbud: Dagpleje; 0-2 år: 3.480 kr.; 3-5 år: 2.190 kr."),
            ],
        ),
        (
            [["Tilbud", "0-2 år", "3-5 år"], ["Dagpleje", "3.480", "2.100"]],
            [
                ("table_header", "Tilbud; 0-2 år; 3-5 år"),
                ("table_row", "Tilbud: Dagpleje; 0-2 år: 3.480; 3-5 år: 2.100"),
            ],
        ),
        (
            [["1 barn", "2 børn"], ["1.200", "2.100"]],
            [("table_header", "1 barn; 2 børn"), ("table_row", "1 barn: 1.200; 2 børn: 2.100")],
        ),
        (
            [["Ydelse", "1. januar 2025", "1. juli 2025"], ["Pas", "745", "760"]],
            [
                ("table_header", "Ydelse; 1. januar 2025; 1. juli 2025"),
                ("table_row", "Ydelse: Pas; 1. januar 2025: 745; 1. juli 2025: 760"),
            ],
        ),
        (
            [["Ydelse", "Under 10.000 kr."], ["Gebyr", "100 kr."]],
            [("table_header", "Ydelse; Under 10.000 kr."), ("table_row", "Ydelse: Gebyr; Under 10.000 kr.: 100 kr.")],
        ),
        (
            [["Dag", "Åbningstid"], ["Mandag", "10-17"]],
            [("table_header", "Dag; Åbningstid"), ("table_row", "Dag: Mandag; Åbningstid: 10-17")],
        ),
        (
            [["Ydelse", "Sted"], ["Pas", "Borgerservice"]],
            [("table_header", "Ydelse; Sted"), ("table_row", "Ydelse: Pas; Sted: Borgerservice")],
        ),
    ],
)
def test_a_first_row_of_another_kind_than_the_rows_below_stays_their_header(
    tmp_path: Path, rows: list[list[str]], blocks: list[tuple[str, str]]
) -> None:
    assert _table_blocks(tmp_path, rows) == blocks


def test_a_first_row_word_marks_as_a_header_stays_the_header(tmp_path: Path) -> None:
    rows = [["Voksne", "745 kr."], ["Børn", "155 kr."]]
    assert _table_blocks(tmp_path, rows, marked=True) == [
        ("table_header", "Voksne; 745 kr."),
        ("table_row", "Voksne: Børn; 745 kr.: 155 kr."),
    ]


def test_cells_are_told_apart_as_figures_and_text() -> None:
    cells = ("745 kr.", "DKK 1.250", "10 %", "10-17", "70 10 11 12", "1. marts", "0-2 år", "Lukket", " ")
    assert [cell_kind(t) for t in cells] == [*["figure"] * 5, "text", "text", "text", None]
    assert values_row(["Voksne", "745 kr."], [["Børn", "155 kr."], ["Studerende", "Gratis"], ["Unge", "95 kr."]])
    assert not values_row(["Ydelse", "Pris"], [["Pas", "745 kr."]])
    assert not values_row(["Ydelse", "Sted"], [["Pas", "Borgerservice"]])  # text alone: a header
