"""Pages that broke a reverted attempt at tables of contents and footnote marks still read
whole: a framed box beside the text over a table set at tab stops (was a KeyError that
made the whole PDF unreadable), and a form of 200 checkboxes, each label with a raised
number (the page work of the new rules is linear; its time is measured outside the
tests)."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from qa.documents import Document, read_document

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
