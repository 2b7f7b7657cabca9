"""A PDF's pages without text: a scanned page among pages of text is left out with a
warning naming the file and the pages, and the build goes on; a page whose content stream
is damaged is reported as damaged, not as a scan, whether some pages or all are."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image

from qa.documents import DocumentError, read_corpus, read_document_warned
from qa.inspect import inspect_file, render_text
from tests.generated_documents import write_damaged_pdf, write_guide_pdf, write_partly_scanned_pdf

PAGES = [
    "Ansøgningen om byggetilladelse sendes via Byg og Miljø.",
    "Sagsbehandlingstiden er 40 dage.",
    "Gebyret for en byggetilladelse er 4.500 kr.",
]


def test_scanned_pages_among_pages_of_text_are_reported_by_number_and_the_rest_is_read(tmp_path: Path) -> None:
    path = write_partly_scanned_pdf(tmp_path / "byggesag.pdf", [PAGES[0], None, PAGES[1], None, PAGES[2]])
    document, warnings = read_document_warned(path)
    assert [(document.block_text(b), b.page) for b in document.blocks] == [
        (PAGES[0], 1),
        (PAGES[1], 3),
        (PAGES[2], 5),
    ]
    assert warnings == ["pages 2, 4 have no text layer (scanned?): run OCR on the PDF, or their text is not searchable"]


def test_a_partly_scanned_pdf_is_built_with_a_warning_naming_the_file_and_the_page(tmp_path: Path) -> None:
    path = write_partly_scanned_pdf(tmp_path / "byggesag.pdf", [PAGES[0], PAGES[1], None])
    report = read_corpus(tmp_path)
    assert [d.doc_id for d in report.documents] == ["byggesag"]
    assert report.summary_lines()[:2] == [
        "read 1 document (1 .pdf)",
        f"warning: {path}: page 3 has no text layer (scanned?): run OCR on the PDF, or its text is not searchable",
    ]


def test_qa_inspect_shows_the_warning_about_a_scanned_page(tmp_path: Path) -> None:
    path = write_partly_scanned_pdf(tmp_path / "byggesag.pdf", [PAGES[0], None])
    lines = render_text(inspect_file(path))
    assert [line for line in lines if line.startswith("warning")] == [
        "warning   page 2 has no text layer (scanned?): run OCR on the PDF, or its text is not searchable"
    ]


def test_a_blank_page_gives_no_warning(tmp_path: Path) -> None:
    _, warnings = read_document_warned(write_guide_pdf(tmp_path / "vejledning.pdf", cover=True))
    assert warnings == []


@pytest.mark.parametrize(
    ("how", "why"),
    [
        ("compressed", "a corrupt compressed content stream"),
        ("garbage", "a content stream of bytes that are no PDF drawing instructions"),
    ],
)
def test_a_damaged_page_among_pages_of_text_is_reported_as_damaged_not_scanned(
    tmp_path: Path, how: str, why: str
) -> None:
    path = write_damaged_pdf(tmp_path / "byggesag.pdf", PAGES, {2}, how)
    document, warnings = read_document_warned(path)
    assert [document.block_text(b) for b in document.blocks] == [PAGES[0], PAGES[2]]
    assert warnings == [f"page 2 is damaged ({why}): its text is not read; re-export the PDF from the source program"]


def test_a_pdf_whose_every_page_is_damaged_says_to_re_export_it_not_to_run_ocr(tmp_path: Path) -> None:
    path = write_damaged_pdf(tmp_path / "byggesag.pdf", PAGES[:2], {1, 2}, "compressed")
    with pytest.raises(DocumentError) as info:
        read_document_warned(path)
    assert str(info.value) == (
        f"{path}: unreadable PDF: pages 1, 2 are damaged (a corrupt compressed content stream); "
        "re-export it from the source program"
    )


def test_a_photo_page_and_a_back_cover_with_only_the_running_footer_give_no_warning_but_a_bare_scan_does(
    tmp_path: Path,
) -> None:
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    picture = Image.new("L", (170, 250), 200)
    for number, text in enumerate([PAGES[0], "photo", PAGES[1], "logo", "scan", PAGES[2]], 1):
        pdf.add_page()
        if text == "photo":
            pdf.image(picture, x=0, y=0, w=210, h=270)
        elif text == "logo":
            pdf.image(picture, x=80, y=100, w=50, h=30)
        elif text == "scan":
            pdf.image(picture, x=20, y=20, w=170, h=250)
            continue
        else:
            pdf.set_font("Helvetica", "", 11)
            pdf.set_xy(10, 30)
            pdf.multi_cell(0, 6, text)
        pdf.set_font("Helvetica", "", 8)
        pdf.set_xy(10, 282)
        pdf.cell(100, 4, "Aarhus Kommune - www.aarhus.dk")
        pdf.set_xy(180, 282)
        pdf.cell(20, 4, str(number), align="R")
    pdf.output(str(tmp_path / "aarsrapport.pdf"))
    document, warnings = read_document_warned(tmp_path / "aarsrapport.pdf")
    assert [(document.block_text(b), b.page) for b in document.blocks] == [(PAGES[0], 1), (PAGES[1], 3), (PAGES[2], 6)]
    assert warnings == ["page 5 has no text layer (scanned?): run OCR on the PDF, or its text is not searchable"]
