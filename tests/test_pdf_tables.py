"""A ruled table in a PDF with a header row reads as one unit per row, each value next to
its header ("Ydelse: Pas 18-64 år; Pris: 835 kr."), in the same format as HTML, Markdown
and Word tables, where the table stands and on its page; a doubtful table reads as lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from qa.documents import Document, read_document
from tests.generated_documents import write_split_table_pdf, write_table_pdf, write_unruled_table_pdf

BEFORE = "Priser på pas i borgerservice."
AFTER = "Gebyret betales ved bestillingen."
FEES = [("Ydelse", "Pris"), ("Pas 18-64 år", "835 kr."), ("Pas 0-17 år", "155 kr.")]


def blocks_with_pages(document: Document) -> list[tuple[str, str, int | None]]:
    return [(b.kind, document.block_text(b), b.page) for b in document.blocks]


def test_a_ruled_fee_table_reads_one_row_per_unit_with_its_headers_on_its_page(tmp_path: Path) -> None:
    document = read_document(write_table_pdf(tmp_path / "pas.pdf", BEFORE, FEES, AFTER, cover=True))
    assert blocks_with_pages(document) == [
        ("paragraph", "Priser 2026", 1),
        ("paragraph", BEFORE, 2),
        ("table_header", "Ydelse; Pris", 2),
        ("table_row", "Ydelse: Pas 18-64 år; Pris: 835 kr.", 2),
        ("table_row", "Ydelse: Pas 0-17 år; Pris: 155 kr.", 2),
        ("paragraph", AFTER, 2),
    ]


def test_a_cell_wrapped_over_two_lines_is_one_value(tmp_path: Path) -> None:
    rows = [("Ydelse", "Pris"), ("Nødpas, udstedt samme dag i borgerservice ved akut rejse", "300 kr.")]
    document = read_document(write_table_pdf(tmp_path / "pas.pdf", BEFORE, rows, AFTER))
    assert [text for kind, text, _ in blocks_with_pages(document) if kind == "table_row"] == [
        "Ydelse: Nødpas, udstedt samme dag i borgerservice ved akut rejse; Pris: 300 kr."
    ]


def test_a_word_hyphenated_at_a_cell_line_end_is_one_word(tmp_path: Path) -> None:
    rows = [
        ("Ydelse", "Pris"),
        ("Byggetilladelse til enfamiliehus, ansøg-\nning om dispensation", "4.500 kr."),
        ("Sundheds-\nog omsorgsattest til CPR-\nnummer", "300 kr."),
    ]
    document = read_document(write_table_pdf(tmp_path / "byggesager.pdf", BEFORE, rows, AFTER))
    assert [text for kind, text, _ in blocks_with_pages(document) if kind == "table_row"] == [
        "Ydelse: Byggetilladelse til enfamiliehus, ansøgning om dispensation; Pris: 4.500 kr.",
        "Ydelse: Sundheds- og omsorgsattest til CPR-nummer; Pris: 300 kr.",
    ]


def test_a_typed_hyphen_at_a_cell_line_end_is_kept(tmp_path: Path) -> None:
    rows = [("Sted", "Åbent"), ("Rådhuset", "Mandag-\nfredag kl. 10-14")]
    document = read_document(write_table_pdf(tmp_path / "aabent.pdf", BEFORE, rows, AFTER))
    assert [text for kind, text, _ in blocks_with_pages(document) if kind == "table_row"] == [
        "Sted: Rådhuset; Åbent: Mandag-fredag kl. 10-14",
    ]


@pytest.mark.parametrize(
    "rows",
    [
        [("2025", "2026"), ("820 kr.", "835 kr."), ("150 kr.", "155 kr.")],
        [("Folketingsvalg", "2022"), ("Kommunalvalg", "2025")],  # a year over years: a table of dates
    ],
)
def test_a_ruled_table_whose_first_row_holds_figures_in_plain_type_reads_as_lines(
    tmp_path: Path, rows: list[tuple[str, ...]]
) -> None:
    document = read_document(write_table_pdf(tmp_path / "pas.pdf", BEFORE, rows, AFTER, header_bold=False))
    assert blocks_with_pages(document) == [
        ("paragraph", BEFORE, 1),
        *[("paragraph", " ".join(row), 1) for row in rows],
        ("paragraph", AFTER, 1),
    ]


def test_a_first_row_of_years_over_the_price_columns_in_plain_type_is_a_header(tmp_path: Path) -> None:
    rows = [("Ydelse", "2025", "2026"), ("Storskrald", "120 kr.", "135 kr."), ("Haveaffald", "80 kr.", "95 kr.")]
    document = read_document(write_table_pdf(tmp_path / "affald.pdf", BEFORE, rows, AFTER, header_bold=False))
    assert blocks_with_pages(document) == [
        ("paragraph", BEFORE, 1),
        ("table_header", "Ydelse; 2025; 2026", 1),
        ("table_row", "Ydelse: Storskrald; 2025: 120 kr.; 2026: 135 kr.", 1),
        ("table_row", "Ydelse: Haveaffald; 2025: 80 kr.; 2026: 95 kr.", 1),
        ("paragraph", AFTER, 1),
    ]


def test_a_ruled_box_of_one_column_reads_as_lines(tmp_path: Path) -> None:
    rows = [("Bemærk",), ("Husk at medbringe dit gamle pas.",)]
    document = read_document(write_table_pdf(tmp_path / "pas.pdf", BEFORE, rows, AFTER))
    assert blocks_with_pages(document) == [
        ("paragraph", BEFORE, 1),
        ("paragraph", "Bemærk", 1),
        ("paragraph", "Husk at medbringe dit gamle pas.", 1),
        ("paragraph", AFTER, 1),
    ]


def test_a_first_row_with_a_year_in_bold_is_a_header(tmp_path: Path) -> None:
    rows = [("Ydelse", "Pris 2026"), ("Pas 18-64 år", "835 kr."), ("Pas 0-17 år", "155 kr.")]
    document = read_document(write_table_pdf(tmp_path / "pas.pdf", BEFORE, rows, AFTER))
    assert [text for kind, text, _ in blocks_with_pages(document) if kind.startswith("table")] == [
        "Ydelse; Pris 2026",
        "Ydelse: Pas 18-64 år; Pris 2026: 835 kr.",
        "Ydelse: Pas 0-17 år; Pris 2026: 155 kr.",
    ]


def test_a_table_going_on_at_the_top_of_the_next_page_without_its_header_reads_its_rows_under_that_header(
    tmp_path: Path,
) -> None:
    continued = [("Kørekort fornyelse", "Gratis"), ("Kørekort duplikat", "280 kr.")]
    document = read_document(write_split_table_pdf(tmp_path / "pas.pdf", BEFORE, FEES, continued, AFTER))
    assert blocks_with_pages(document) == [
        ("paragraph", BEFORE, 1),
        ("table_header", "Ydelse; Pris", 1),
        ("table_row", "Ydelse: Pas 18-64 år; Pris: 835 kr.", 1),
        ("table_row", "Ydelse: Pas 0-17 år; Pris: 155 kr.", 1),
        ("table_row", "Ydelse: Kørekort fornyelse; Pris: Gratis", 2),
        ("table_row", "Ydelse: Kørekort duplikat; Pris: 280 kr.", 2),
        ("paragraph", AFTER, 2),
    ]


def test_a_continued_table_whose_first_row_holds_figures_in_plain_type_reads_as_rows(tmp_path: Path) -> None:
    continued = [("Kørekort duplikat", "280 kr."), ("Internationalt kørekort", "150 kr.")]
    document = read_document(write_split_table_pdf(tmp_path / "pas.pdf", BEFORE, FEES, continued, AFTER))
    assert [text for kind, text, page in blocks_with_pages(document) if page == 2] == [
        "Ydelse: Kørekort duplikat; Pris: 280 kr.",
        "Ydelse: Internationalt kørekort; Pris: 150 kr.",
        AFTER,
    ]


def test_a_table_under_text_at_the_top_of_the_next_page_has_its_own_header(tmp_path: Path) -> None:
    continued = [("Kørekort", "Gebyr"), ("Fornyelse", "Gratis")]
    path = write_split_table_pdf(tmp_path / "pas.pdf", BEFORE, FEES, continued, AFTER, text_above="Kørekort:")
    assert [(kind, text) for kind, text, page in blocks_with_pages(read_document(path)) if page == 2] == [
        ("paragraph", "Kørekort:"),
        ("table_header", "Kørekort; Gebyr"),
        ("table_row", "Kørekort: Fornyelse; Gebyr: Gratis"),
        ("paragraph", AFTER),
    ]


def test_a_table_repeating_its_header_at_the_top_of_the_next_page_reads_under_that_header_again(
    tmp_path: Path,
) -> None:
    continued = [("Ydelse", "Pris"), ("Kørekort duplikat", "280 kr.")]
    document = read_document(write_split_table_pdf(tmp_path / "pas.pdf", BEFORE, FEES, continued, AFTER))
    assert [(kind, text) for kind, text, page in blocks_with_pages(document) if page == 2] == [
        ("table_header", "Ydelse; Pris"),
        ("table_row", "Ydelse: Kørekort duplikat; Pris: 280 kr."),
        ("paragraph", AFTER),
    ]


def test_a_fee_list_in_columns_without_ruling_lines_under_a_bold_header_reads_as_table_rows(tmp_path: Path) -> None:
    rows = [("Ydelse", "Pris"), ("Pas til voksne", "835 kr."), ("Pas til børn", "155 kr."), ("Kørekort", "310 kr.")]
    document = read_document(write_unruled_table_pdf(tmp_path / "priser.pdf", BEFORE, rows, AFTER))
    assert blocks_with_pages(document) == [
        ("paragraph", BEFORE, 1),
        ("table_header", "Ydelse; Pris", 1),
        ("table_row", "Ydelse: Pas til voksne; Pris: 835 kr.", 1),
        ("table_row", "Ydelse: Pas til børn; Pris: 155 kr.", 1),
        ("table_row", "Ydelse: Kørekort; Pris: 310 kr.", 1),
        ("paragraph", AFTER, 1),
    ]


def test_a_table_in_columns_without_ruling_lines_under_plain_years_over_the_columns_reads_as_table_rows(
    tmp_path: Path,
) -> None:
    rows = [
        ("Ydelse", "2025", "2026"),
        ("Storskrald", "120 kr.", "135 kr."),
        ("Haveaffald", "80 kr.", "85 kr."),
        ("Papir", "40 kr.", "45 kr."),
    ]
    document = read_document(write_unruled_table_pdf(tmp_path / "affald.pdf", BEFORE, rows, AFTER, header_bold=False))
    assert [(kind, text) for kind, text, _ in blocks_with_pages(document)][1:5] == [
        ("table_header", "Ydelse; 2025; 2026"),
        ("table_row", "Ydelse: Storskrald; 2025: 120 kr.; 2026: 135 kr."),
        ("table_row", "Ydelse: Haveaffald; 2025: 80 kr.; 2026: 85 kr."),
        ("table_row", "Ydelse: Papir; 2025: 40 kr.; 2026: 45 kr."),
    ]


def test_lines_in_columns_without_ruling_lines_under_a_first_line_in_their_own_type_read_as_lines(
    tmp_path: Path,
) -> None:
    rows = [("Pas til spædbørn", "Gratis"), ("Pas til voksne", "835 kr."), ("Kørekort", "310 kr.")]
    document = read_document(write_unruled_table_pdf(tmp_path / "priser.pdf", BEFORE, rows, AFTER, header_bold=False))
    assert [text for _, text, _ in blocks_with_pages(document)] == [
        BEFORE,
        "Pas til spædbørn Gratis",
        "Pas til voksne 835 kr.",
        "Kørekort 310 kr.",
        AFTER,
    ]


def _write_at_tab_stops(path: Path, lines: list[tuple[str, int, list[tuple[float, str]]]]) -> Path:
    """A one-page PDF: each line as (style, size in pt, [(x in mm, text)]), its texts set
    at those x positions in Helvetica, 8 mm apart."""
    pdf = FPDF()
    pdf.add_page()
    for style, size, cells in lines:
        y = pdf.get_y()
        pdf.set_font("Helvetica", style, size)
        for x, text in cells:
            pdf.set_xy(x, y)
            pdf.cell(pdf.get_string_width(text) + 1, 8, text)
        pdf.set_xy(10, y + 8)
    pdf.output(str(path))
    return path


def test_a_bold_numbered_heading_over_a_numbered_list_at_the_same_tab_stops_reads_as_a_heading_and_list(
    tmp_path: Path,
) -> None:
    path = _write_at_tab_stops(
        tmp_path / "medicin.pdf",
        [
            ("", 11, [(10, BEFORE)]),
            ("B", 13, [(10, "3"), (20, "Sådan søger du")]),
            ("", 11, [(10, "1."), (20, "Log ind på borger.dk med MitID")]),
            ("", 11, [(10, "2."), (20, "Udfyld ansøgningsskemaet")]),
            ("", 11, [(10, "3."), (20, "Vedhæft dine kvitteringer og send")]),
        ],
    )
    assert [(kind, text) for kind, text, _ in blocks_with_pages(read_document(path))] == [
        ("paragraph", BEFORE),
        ("heading", "3 Sådan søger du"),
        ("list_item", "1. Log ind på borger.dk med MitID"),
        ("list_item", "2. Udfyld ansøgningsskemaet"),
        ("list_item", "3. Vedhæft dine kvitteringer og send"),
    ]


def test_a_numbered_list_under_a_bold_line_of_its_own_size_reads_as_lines(tmp_path: Path) -> None:
    path = _write_at_tab_stops(
        tmp_path / "medicin.pdf",
        [
            ("", 11, [(10, BEFORE)]),
            ("B", 11, [(10, "Trin"), (30, "Sådan søger du")]),
            ("", 11, [(10, "1."), (30, "Log ind på borger.dk med MitID")]),
            ("", 11, [(10, "2."), (30, "Udfyld ansøgningsskemaet")]),
            ("", 11, [(10, "3."), (30, "Vedhæft dine kvitteringer og send")]),
        ],
    )
    assert [text for _, text, _ in blocks_with_pages(read_document(path))] == [
        BEFORE,
        "Trin Sådan søger du",
        "1. Log ind på borger.dk med MitID",
        "2. Udfyld ansøgningsskemaet",
        "3. Vedhæft dine kvitteringer og send",
    ]


def test_a_table_of_contents_with_bold_chapter_lines_reads_as_lines(tmp_path: Path) -> None:
    entries = [
        ("B", "Resultater", "7"),
        ("", "Økonomi", "8"),
        ("", "Borgertilfredshed", "11"),
        ("", "Ventetider", "14"),
    ]
    path = _write_at_tab_stops(
        tmp_path / "indhold.pdf", [(style, 11, [(10, title), (180, page)]) for style, title, page in entries]
    )
    assert [(kind, text) for kind, text, _ in blocks_with_pages(read_document(path))] == [
        ("paragraph", "Resultater 7"),
        ("paragraph", "Økonomi 8"),
        ("paragraph", "Borgertilfredshed 11"),
        ("paragraph", "Ventetider 14"),
    ]


def test_a_letters_address_beside_its_case_data_reads_as_lines(tmp_path: Path) -> None:
    path = _write_at_tab_stops(
        tmp_path / "brev.pdf",
        [
            ("B", 11, [(10, "Jens Hansen"), (130, "Dato: 12. marts 2025")]),
            ("", 11, [(10, "Skolevej 4"), (130, "Sagsnr.: 24/1234")]),
            ("", 11, [(10, "8000 Aarhus C"), (130, "Sagsbehandler: Anne Jensen")]),
            ("", 11, [(10, AFTER)]),
        ],
    )
    assert [(kind, text) for kind, text, _ in blocks_with_pages(read_document(path))] == [
        ("paragraph", "Jens Hansen Dato: 12. marts 2025"),
        ("paragraph", "Skolevej 4 Sagsnr.: 24/1234"),
        ("paragraph", "8000 Aarhus C Sagsbehandler: Anne Jensen"),
        ("paragraph", AFTER),
    ]


FACTS = [("Kommunen blev oprettet", "2007"), ("Indbyggere", "52.310"), ("Areal", "235 km2"), ("Budget", "3,1 mia. kr.")]


def test_a_ruled_facts_table_whose_first_row_holds_one_year_reads_as_lines(tmp_path: Path) -> None:
    document = read_document(write_table_pdf(tmp_path / "fakta.pdf", BEFORE, FACTS, AFTER, header_bold=False))
    assert [text for _, text, _ in blocks_with_pages(document)] == [
        BEFORE,
        *[" ".join(row) for row in FACTS],
        AFTER,
    ]


def test_facts_in_columns_without_ruling_lines_whose_first_line_holds_one_year_read_as_lines(tmp_path: Path) -> None:
    document = read_document(write_unruled_table_pdf(tmp_path / "fakta.pdf", BEFORE, FACTS, AFTER, header_bold=False))
    assert [text for _, text, _ in blocks_with_pages(document)] == [
        BEFORE,
        *[" ".join(row) for row in FACTS],
        AFTER,
    ]
