"""A PDF of many pages is read in memory that does not grow with its pages, and each page
is read once unless a table may go on there from the page before."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from fpdf import FPDF

import qa.readers.pdf as pdf_reader
from qa.documents import read_document

PAGES = 40


def _write_fee_pages(path: Path) -> Path:
    """`PAGES` pages, each a heading over a ruled table of fees that fills the page's
    lower part and ends it."""
    pdf = FPDF()
    for page in range(1, PAGES + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 14)
        pdf.cell(0, 8, f"Gebyrer for byggesager, afsnit {page}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(0, 5, "Kommunen opkræver gebyret, når sagen er afgjort, og du får regningen i Digital Post.")
        pdf.set_y(150)
        with pdf.table(col_widths=(120, 60)) as table:
            header = table.row()
            header.cell("Ydelse")
            header.cell("Pris")
            for row in range(1, 16):
                cells = table.row()
                cells.cell(f"Byggetilladelse til sag {page}.{row} på grunden")
                cells.cell(f"{page * 100 + row} kr.")
    pdf.output(str(path))
    return path


def test_a_pdf_of_many_pages_is_read_without_holding_every_page(tmp_path: Path) -> None:
    data = _write_fee_pages(tmp_path / "gebyrer.pdf").read_bytes()
    tracemalloc.start()
    try:
        _, pieces, _ = pdf_reader.pdf_document(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert pieces[-1].text == "Ydelse: Byggetilladelse til sag 40.15 på grunden; Pris: 4015 kr."
    assert len(pieces) == PAGES * 18
    assert peak < 20 * 2**20  # one page's characters and layout at a time; all 40 held took 70 MiB


def test_each_page_is_read_once_when_no_table_goes_on_at_its_top(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write_fee_pages(tmp_path / "gebyrer.pdf")
    reads: list[int] = []
    ruled_tables = pdf_reader._ruled_tables

    def counted(page: object, continues: tuple[str, ...] | None = None) -> object:
        reads.append(page.page_number)  # type: ignore[attr-defined]
        return ruled_tables(page, continues)

    monkeypatch.setattr(pdf_reader, "_ruled_tables", counted)
    document = read_document(path)
    assert reads == list(range(1, PAGES + 1))
    assert document.block_text(document.blocks[18]) == "Gebyrer for byggesager, afsnit 2"
