"""Pages that broke a reverted attempt at tables of contents and footnote marks still read
whole: a framed box beside the text over a table set at tab stops (was a KeyError that
made the whole PDF unreadable), a form of 200 checkboxes, each label with a raised
number (the page work of the new rules is linear; its time is measured outside the
tests), and a superscript digit typed as a character ("745¹", "tøjvask...²"), which
passes str.isdigit() but is no input to int() (a ValueError that escaped the reader and
stopped read_corpus for the whole folder)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fpdf import FPDF

import qa.readers.pdf as pdf_reader
from qa.documents import Document, read_corpus, read_document

BODY = (
    "Kommunen behandler din ansøgning inden for fire uger, og du får svar i Digital Post. "
    "Hvis du mangler at sende dokumentation, kontakter vi dig, før sagen afgøres."
)


def _blocks(document: Document) -> list[tuple[str, str]]:
    return [(b.kind, document.block_text(b)) for b in document.blocks]


def test_a_framed_box_beside_text_over_a_tab_aligned_table_with_a_footnote_reads_whole(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(120, 6, f"{BODY} {BODY}", new_x="LMARGIN", new_y="NEXT")
    pdf.rect(140, 10, 60, 30)
    pdf.set_xy(142, 12)
    pdf.multi_cell(56, 5, "Husk: Licensen følger bilens nummerplade.")
    pdf.set_y(80)
    rows = [("Ydelse", "Periode", "Pris"), ("Licens", "1 år", "745 kr."), ("Licens, el", "1 år", "170 kr.")]
    for i, cells in enumerate([*rows, ("Erhverv", "1 år", "4.250 kr.")]):
        y = pdf.get_y()
        pdf.set_font("Helvetica", "B" if i == 0 else "", 11)
        for x, text in zip((10, 80, 130), cells, strict=True):
            pdf.set_xy(x, y)
            pdf.cell(40, 6, text)
        pdf.ln(6)
    pdf.set_xy(10, 120)
    pdf.set_font("Helvetica", "", 11)
    pdf.write(6, "Priserne gælder i hele kommunen.")
    pdf.char_vpos = "SUP"
    pdf.write(6, "1")
    pdf.char_vpos = "LINE"
    pdf.set_y(260)
    pdf.set_font("Helvetica", "", 8)
    pdf.cell(0, 4, "1 Vedtaget af byrådet.")
    pdf.output(str(tmp_path / "licens.pdf"))
    assert _blocks(read_document(tmp_path / "licens.pdf")) == [
        (
            "paragraph",
            "Kommunen behandler din ansøgning inden for fire uger, og du får Husk: Licensen følger bilens svar i "
            "Digital Post. Hvis du mangler at sende dokumentation, nummerplade. kontakter vi dig, før sagen afgøres. "
            "Kommunen behandler din ansøgning inden for fire uger, og du får svar i Digital Post. Hvis du mangler at "
            "sende dokumentation, kontakter vi dig, før sagen afgøres.",
        ),
        ("table_header", "Ydelse; Periode; Pris"),
        ("table_row", "Ydelse: Licens; Periode: 1 år; Pris: 745 kr."),
        ("table_row", "Ydelse: Licens, el; Periode: 1 år; Pris: 170 kr."),
        ("table_row", "Ydelse: Erhverv; Periode: 1 år; Pris: 4.250 kr."),
        ("paragraph", "Priserne gælder i hele kommunen."),
        ("paragraph", "1 Vedtaget af byrådet."),
    ]


def test_a_form_of_200_checkboxes_with_raised_numbers_reads_every_label(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.add_page()
    for i in range(200):
        x, y = 10 + (i % 10) * 19, 20 + (i // 10) * 12
        pdf.rect(x, y, 3, 3)
        pdf.set_xy(x + 4, y - 1)
        pdf.set_font("Helvetica", "", 8)
        pdf.write(5, "Valg.")
        pdf.char_vpos = "SUP"
        pdf.write(5, str(i % 10))
        pdf.char_vpos = "LINE"
    pdf.set_xy(10, 270)
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, BODY)
    pdf.output(str(tmp_path / "skema.pdf"))
    document = read_document(tmp_path / "skema.pdf")
    text = " ".join(document.block_text(b) for b in document.blocks)
    assert text == " ".join(f"Valg.{i % 10}" for i in range(200)) + " " + BODY


def _price_list(path: Path) -> Path:
    """A price list whose first price ends in the character "¹" (typed, not raised), with
    its note below: core Helvetica writes "¹" as one character of its Latin-1 range."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 14)
    pdf.cell(0, 10, "Takster 2026", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    for label, price in [("Voksne", "745¹"), ("Børn", "375"), ("Pensionister", "500")]:
        pdf.cell(0, 6, f"{label} {'.' * 30} {price}", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, "¹ Prisen gælder fra 1. januar 2026.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_a_price_ending_in_a_typed_superscript_digit_after_a_leader_reads_as_it_stands(tmp_path: Path) -> None:
    assert _blocks(read_document(_price_list(tmp_path / "takster.pdf"))) == [
        ("heading", "Takster 2026"),
        ("table_row", "Voksne; 745¹"),
        ("table_row", "Børn; 375"),
        ("table_row", "Pensionister; 500"),
        ("paragraph", "¹ Prisen gælder fra 1. januar 2026."),
    ]


def test_a_typed_superscript_digit_after_an_ellipsis_reads_as_it_stands(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "Kommunen tilbyder hjælp til rengøring, indkøb, tøjvask...²\nDet er gratis.")
    pdf.output(str(tmp_path / "hjaelp.pdf"))
    assert _blocks(read_document(tmp_path / "hjaelp.pdf")) == [
        ("paragraph", "Kommunen tilbyder hjælp til rengøring, indkøb, tøjvask...² Det er gratis."),
    ]


def test_a_corpus_with_a_price_ending_in_a_typed_superscript_digit_reads_every_file(tmp_path: Path) -> None:
    _price_list(tmp_path / "takster.pdf")
    (tmp_path / "hilsen.txt").write_text("Hej verden. Dette er en tekst.\n", encoding="utf-8")
    report = read_corpus(tmp_path)
    assert ([d.doc_id for d in report.documents], report.errors) == (["hilsen", "takster"], [])


@pytest.mark.parametrize("number", ["745¹", "²", "₂", "③", "٣", "３", "12³"])
def test_an_entry_ending_in_a_digit_other_than_0_to_9_is_none(number: str) -> None:
    line = pdf_reader._Line(1, f"Indledning ........ {number}", 0.0, 10.0, 11.0, tail_gap=40.0)
    assert pdf_reader._contents_entry(line) is None


def _char(text: str, x0: float, size: float, bottom: float) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x0 + 0.55 * size, "top": bottom - size, "bottom": bottom, "size": size}


@pytest.mark.parametrize("digit", ["¹", "₂", "③", "٣", "３"])
def test_a_raised_digit_other_than_0_to_9_is_no_footnote_mark(digit: str) -> None:
    word = [_char(letter, 10.0 + 6.05 * i, 11.0, 100.0) for i, letter in enumerate("zonen")]
    raised = _char(digit, word[-1]["x1"], 7.7, 96.0)
    note = _char(digit, 10.0, 8.0, 700.0)
    lines: list[dict[str, Any]] = [
        {"text": "zonen" + digit, "top": 89.0, "bottom": 100.0, "chars": [*word, raised]},
        {"text": f"{digit} Se loven.", "top": 692.0, "bottom": 700.0, "chars": [note, _char("S", 16.0, 8.0, 700.0)]},
    ]
    assert pdf_reader._line_marks([*word, raised]) == []
    assert pdf_reader._footnote_marks(lines, 11.0, []) == []
