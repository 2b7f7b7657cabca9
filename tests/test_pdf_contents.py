"""A PDF's table of contents is left out only on strong evidence: entries under a contents
title ("Indhold", "Contents", ...) ending in a leader or a wide gap and a page number, not
going down within the PDF's pages, every one naming a heading that stands later on the
page it names plus one offset shared by all (a welcome pack's quantities and a list whose
one entry carried a phone number were lost under a two-thirds share of loose matches). Price
and fare lists set with leaders are kept whole (a reverted attempt lost a 45-page fare
list's prices and a front page's title), and so is an untitled run of entries however
well it matches: staff counts and a timetable's minutes whose labels head chapters later
were lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

import qa.readers.pdf as pdf_reader
from qa.documents import Document, read_document

OFFICE = Path(__file__).parent / "fixtures" / "office"
CHAPTERS = ["Indledning", "Hvem kan få boligstøtte", "Sådan søger du"]
BODY = "Kommunen behandler din ansøgning inden for fire uger."


def _blocks(document: Document) -> list[tuple[str, str]]:
    return [(b.kind, document.block_text(b)) for b in document.blocks]


def _text(document: Document) -> str:
    """The text of a document's blocks, one space between them (how a list's lines are
    grouped into units is not what these tests check)."""
    return " ".join(document.block_text(b) for b in document.blocks)


def _row_blocks(rows: list[tuple[str, int]]) -> list[tuple[str, str]]:
    """The blocks of lines "label ........ number" that are kept: a row each, the leader
    not quoted."""
    return [("table_row", f"{label}; {number}") for label, number in rows]


def _rows_text(rows: list[tuple[str, int]]) -> str:
    return " ".join(text for _, text in _row_blocks(rows))


def _entry(pdf: FPDF, label: str, number: int, leader: str) -> None:
    """One line "label <leader> number" in 11 pt Helvetica; `leader` "gap": the number
    alone at a right tab stop at the margin, with no leader characters."""
    pdf.set_font("Helvetica", "", 11)
    if leader == "gap":
        y = pdf.get_y()
        pdf.cell(120, 6, label)
        pdf.set_xy(185, y)
        pdf.cell(15, 6, str(number), align="R", new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.cell(0, 6, f"{label} {leader} {number}", new_x="LMARGIN", new_y="NEXT")


def _write_report(
    path: Path, leader: str = "." * 60, title: str = "Indholdsfortegnelse", first_page: int = 3, numbered: bool = False
) -> Path:
    """A cover page, a page with a table of contents (`title` in 16 pt bold over one entry
    per chapter, naming pages from `first_page` on), then one page per chapter: its
    heading in 16 pt bold over a line of text."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 22)
    pdf.cell(0, 14, "Vejledning om boligstøtte", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    for i, chapter in enumerate(CHAPTERS):
        _entry(pdf, f"{i + 1}. {chapter}" if numbered else chapter, first_page + i, leader)
    for i, chapter in enumerate(CHAPTERS):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.cell(0, 10, f"{i + 1} {chapter}" if numbered else chapter, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        pdf.cell(0, 6, _body(chapter), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def _body(chapter: str) -> str:
    """A chapter's line of text (its own, or it would read as a running footer)."""
    return f"Om {chapter.lower()}: {BODY}"


def _chapters(numbered: bool = False) -> list[tuple[str, str]]:
    blocks = [("heading", "Vejledning om boligstøtte")]
    for i, chapter in enumerate(CHAPTERS):
        blocks += [("heading", f"{i + 1} {chapter}" if numbered else chapter), ("paragraph", _body(chapter))]
    return blocks


@pytest.mark.parametrize("leader", ["." * 60, ". " * 30, "·" * 40, "_" * 30, "gap"])
def test_a_table_of_contents_with_any_leader_is_left_out_with_its_title(tmp_path: Path, leader: str) -> None:
    assert _blocks(read_document(_write_report(tmp_path / "rapport.pdf", leader))) == _chapters()


@pytest.mark.parametrize("title", ["Indhold", "Contents", "Table of Contents"])
def test_the_usual_titles_of_a_table_of_contents_are_left_out_with_it(tmp_path: Path, title: str) -> None:
    assert _blocks(read_document(_write_report(tmp_path / "rapport.pdf", title=title))) == _chapters()


def test_entries_match_headings_whatever_their_section_numbers(tmp_path: Path) -> None:
    path = _write_report(tmp_path / "rapport.pdf", numbered=True)
    assert _blocks(read_document(path)) == _chapters(numbered=True)


def test_entries_naming_pages_before_their_headings_are_a_table_of_contents(tmp_path: Path) -> None:
    # printed page numbers that leave out the cover and the contents page: 1, 2, 3 for
    # PDF pages 3, 4, 5
    assert _blocks(read_document(_write_report(tmp_path / "rapport.pdf", first_page=1))) == _chapters()


def test_a_table_of_contents_naming_pages_past_the_pdf_s_end_is_kept(tmp_path: Path) -> None:
    document = read_document(_write_report(tmp_path / "rapport.pdf", first_page=40))
    assert _blocks(document)[1] == ("heading", "Indholdsfortegnelse")
    assert _blocks(document)[2] == ("table_row", "Indledning; 40")


def test_a_table_of_contents_written_by_libreoffice_is_left_out_with_its_title() -> None:
    # boligstoette.pdf: LibreOffice's index field with dot leaders at a right tab stop,
    # footnotes, a raised exponent and a price list with the same dot leaders
    document = read_document(OFFICE / "boligstoette.pdf")
    assert _blocks(document) == [
        ("heading", "Boligstøtte til lejere"),
        ("paragraph", "En vejledning fra Eksempel Kommune, 2026."),
        ("heading", "Hvem kan få boligstøtte"),
        (
            "paragraph",
            "Du kan få boligstøtte, hvis du bor til leje i en bolig på mindst 20 m² med eget køkken. Næste krav er, "
            "at du har folkeregisteradresse i boligen.",
        ),
        ("paragraph", "1 Se lov om individuel boligstøtte, § 1."),
        ("heading", "Sådan søger du"),
        ("paragraph", "Du søger på borger.dk med MitID. Kommunen svarer inden for fire uger."),
        ("heading", "Beregning af støtten"),
        (
            "paragraph",
            "Støtten afhænger af husstandens indkomst og af huslejen. Renten regnes som (1 + r)2 af beløbet.",
        ),
        ("paragraph", "2 Indkomsten er den skattepligtige indkomst."),
        ("heading", "Priser og gebyrer"),
        ("paragraph", "Kopier af afgørelser koster:"),
        ("table_row", "Voksne; 745"),
        ("table_row", "Børn; 155"),
        ("table_row", "Pensionister; 445"),
    ]


def _leaders(pdf: FPDF, label: str, number: int) -> None:
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 6, f"{label} {'.' * 40} {number}", new_x="LMARGIN", new_y="NEXT")


FARES = [("Voksne", 745), ("Børn", 370), ("Pensionister", 445), ("Zone 1", 12), ("Zone 2", 18)]


def test_a_45_page_fare_list_with_dot_leaders_keeps_every_price_and_its_front_page_title(tmp_path: Path) -> None:
    pdf = FPDF()
    for page in range(1, 46):
        pdf.add_page()
        if page == 1:
            pdf.set_font("Helvetica", "B", 20)
            pdf.cell(0, 12, "Takster 2026", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "B", 14)
        pdf.cell(0, 8, f"Linje {page}", new_x="LMARGIN", new_y="NEXT")
        for label, price in FARES:
            _leaders(pdf, label, price)
    pdf.output(str(tmp_path / "takster.pdf"))
    document = read_document(tmp_path / "takster.pdf")
    assert document.title == "Takster 2026"
    assert _text(document) == "Takster 2026 " + " ".join(f"Linje {page} {_rows_text(FARES)}" for page in range(1, 46))


def test_a_fare_list_of_small_rising_numbers_whose_labels_recur_only_as_entries_is_kept(tmp_path: Path) -> None:
    # numbers 5-20 within the PDF's 30 pages and rising; "Zone 1" to "Zone 4" stand on
    # every page, but only as lines with leaders, and "Zone 1" at the start of prose
    zones = [(f"Zone {zone}", zone * 5) for zone in range(1, 5)]
    pdf = FPDF()
    for page in range(1, 31):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 14)
        pdf.cell(0, 8, f"Takster {page}", new_x="LMARGIN", new_y="NEXT")
        for label, price in zones:
            _leaders(pdf, label, price)
        pdf.set_font("Helvetica", "", 11)
        pdf.cell(0, 6, f"Zone 1 dækker centrum og linje {page}.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "takster.pdf"))
    assert _text(read_document(tmp_path / "takster.pdf")) == " ".join(
        f"Takster {page} {_rows_text(zones)} Zone 1 dækker centrum og linje {page}." for page in range(1, 31)
    )


def test_a_price_list_under_an_indhold_title_whose_labels_stand_nowhere_else_is_kept(tmp_path: Path) -> None:
    prices = [("Kaffe", 1), ("Te", 1), ("Kage", 2), ("Sandwich", 3)]
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "Indhold", new_x="LMARGIN", new_y="NEXT")
    for label, price in prices:
        _leaders(pdf, label, price)
    for heading in ("Kaffe og te", "Kage"):  # one label of four as a heading: a quarter
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.cell(0, 10, heading, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "kantine.pdf"))
    assert _text(read_document(tmp_path / "kantine.pdf")) == f"Indhold {_rows_text(prices)} Kaffe og te Kage"


def test_a_table_of_contents_whose_headings_stand_only_before_it_is_kept(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    for chapter in CHAPTERS:
        pdf.cell(0, 10, chapter, new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.cell(0, 10, "Indhold", new_x="LMARGIN", new_y="NEXT")
    for i, chapter in enumerate(CHAPTERS):
        _leaders(pdf, chapter, i + 1)
    pdf.output(str(tmp_path / "oversigt.pdf"))
    document = read_document(tmp_path / "oversigt.pdf")
    assert _text(document) == " ".join(CHAPTERS) + " Indhold " + _rows_text(
        [(c, i + 1) for i, c in enumerate(CHAPTERS)]
    )


def test_two_lines_with_leaders_are_no_table_of_contents(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "Indhold", new_x="LMARGIN", new_y="NEXT")
    for i, chapter in enumerate(CHAPTERS[:2]):
        _leaders(pdf, chapter, i + 2)
    for chapter in CHAPTERS[:2]:
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.cell(0, 10, chapter, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "kort.pdf"))
    assert [text for _, text in _blocks(read_document(tmp_path / "kort.pdf"))][:3] == [
        "Indhold",
        "Indledning; 2",
        "Hvem kan få boligstøtte; 3",
    ]


def test_numbers_that_go_down_are_no_table_of_contents(tmp_path: Path) -> None:
    path = tmp_path / "rapport.pdf"
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "Indhold", new_x="LMARGIN", new_y="NEXT")
    for chapter, number in zip(CHAPTERS, (4, 3, 5), strict=True):
        _leaders(pdf, chapter, number)
    for chapter in CHAPTERS * 2:
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.cell(0, 10, chapter, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    assert _blocks(read_document(path))[:4] == [
        ("heading", "Indhold"),
        *_row_blocks(list(zip(CHAPTERS, (4, 3, 5), strict=True))),
    ]


@pytest.mark.parametrize("title", ["Kapitler", "Indhold og formål", "Se indholdet", None])
def test_a_table_of_contents_under_no_contents_title_is_kept_whole(tmp_path: Path, title: str | None) -> None:
    # every entry names a heading on its page: only the title is missing ("Indhold og
    # formål" is no title: the title must be the line alone)
    path = tmp_path / "rapport.pdf"
    pdf = FPDF()
    pdf.add_page()
    if title is not None:
        pdf.set_font("Helvetica", "B", 16)
        pdf.cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    for i, chapter in enumerate(CHAPTERS):
        _leaders(pdf, chapter, i + 2)
    for chapter in CHAPTERS:
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.cell(0, 10, chapter, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    assert _text(read_document(path)) == " ".join(
        [*([title] if title else []), _rows_text([(c, i + 2) for i, c in enumerate(CHAPTERS)]), *CHAPTERS]
    )


@pytest.mark.parametrize("title", ["INDHOLDSFORTEGNELSE", "Indholdsoversigt", "indhold:", "table of contents"])
def test_a_contents_title_is_read_whatever_its_case_and_closing_colon(tmp_path: Path, title: str) -> None:
    assert _blocks(read_document(_write_report(tmp_path / "rapport.pdf", title=title))) == _chapters()


def test_staff_counts_with_leaders_whose_departments_head_chapters_later_are_kept(tmp_path: Path) -> None:
    # an annual report of 30 pages: 12, 18 and 25 staff rise within its pages, and each
    # department heads its chapter on page 12, 20 and 27
    staff = [("Borgerservice", 12), ("Jobcenter", 18), ("Teknik og Miljø", 25)]
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 10, "Antal medarbejdere pr. afdeling", new_x="LMARGIN", new_y="NEXT")
    for label, count in staff:
        _leaders(pdf, label, count)
    pdf.cell(0, 6, "Tallene er opgjort pr. 31. december 2025.", new_x="LMARGIN", new_y="NEXT")
    chapters = {12: "Borgerservice", 20: "Jobcenter", 27: "Teknik og Miljø"}
    for page in range(2, 31):
        pdf.add_page()
        if page in chapters:
            pdf.set_font("Helvetica", "B", 16)
            pdf.cell(0, 10, chapters[page], new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        pdf.cell(0, 6, f"Side {page} om årets sager.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "beretning.pdf"))
    blocks = _blocks(read_document(tmp_path / "beretning.pdf"))
    assert blocks[:5] == [
        ("heading", "Antal medarbejdere pr. afdeling"),
        *_row_blocks(staff),
        ("paragraph", "Tallene er opgjort pr. 31. december 2025."),
    ]


def test_a_timetable_s_minutes_at_a_tab_stop_whose_stops_head_pages_later_are_kept(tmp_path: Path) -> None:
    # cumulative minutes 4, 9, 15, 22 at a right tab stop within the booklet's 24 pages;
    # each stop heads its departure page 5, 10, 16, 23
    stops = [("Rådhuspladsen", 4), ("Sygehuset", 9), ("Vestergade", 15), ("Skolevej", 22)]
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 10, "Rejsetid i minutter fra Banegården", new_x="LMARGIN", new_y="NEXT")
    for label, minutes in stops:
        _entry(pdf, label, minutes, "gap")
    pages = {5: "Rådhuspladsen", 10: "Sygehuset", 16: "Vestergade", 23: "Skolevej"}
    for page in range(2, 25):
        pdf.add_page()
        if page in pages:
            pdf.set_font("Helvetica", "B", 16)
            pdf.cell(0, 10, pages[page], new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        pdf.cell(0, 6, f"Afgange fra side {page} af køreplanen.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "koereplan.pdf"))
    blocks = _blocks(read_document(tmp_path / "koereplan.pdf"))
    assert blocks[:6] == [
        ("heading", "Rejsetid i minutter fra Banegården"),
        *(("paragraph", f"{label} {minutes}") for label, minutes in stops),
        ("paragraph", "Afgange fra side 2 af køreplanen."),
    ]


@pytest.mark.parametrize(
    ("text", "size", "tail_gap", "entry"),
    [
        ("Indledning ........ 3", 11.0, 3.0, ("Indledning", 3)),
        ("2.1 Gebyrer . . . . 12", 11.0, 3.0, ("2.1 Gebyrer", 12)),
        ("Indledning 3", 11.0, 40.0, ("Indledning", 3)),
        ("Indledning 3", 11.0, 3.0, None),  # a word space: "se side 3"
        ("Åbent kl. 12", 11.0, 3.0, None),
        ("Voksne .. 745", 11.0, 3.0, None),
        ("........ 3", 11.0, 3.0, None),
        ("Voksne ........ 12345", 11.0, 3.0, None),
        ("Voksne ........", 11.0, 3.0, None),
        ("3", 0.0, 0.0, None),
        ("Indledning 3", 0.0, 0.0, None),  # characters without a size
        (".", 11.0, 0.0, None),
    ],
)
def test_an_entry_is_a_title_a_leader_or_a_wide_gap_and_a_page_number(
    text: str, size: float, tail_gap: float, entry: tuple[str, int] | None
) -> None:
    line = pdf_reader._Line(1, text, 0.0, 10.0, size, tail_gap=tail_gap)
    assert pdf_reader._contents_entry(line) == entry


def _listed_pack(path: Path, title: str, entries: list[tuple[str, int]], pages: dict[int, tuple[str, str]]) -> Path:
    """A first page: "Velkomstpakke" in 18 pt bold, `title` in 16 pt bold over `entries`
    with dot leaders; then PDF pages 2 to the last key of `pages`, each with its heading
    in 16 pt bold over a line of text (`pages`: {PDF page: (heading, text)})."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 12, "Velkomstpakke", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    for label, number in entries:
        _leaders(pdf, label, number)
    for page in range(2, max(pages) + 1):
        heading, text = pages[page]
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.cell(0, 10, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_quantities_under_indhold_whose_items_head_pages_off_the_numbers_they_give_are_kept(tmp_path: Path) -> None:
    # a welcome pack: 1 bin, 2 rolls, 4 guides; the items are described on PDF pages 2, 3
    # and 4, which no one offset from the numbers 1, 2, 4 reaches (found a reviewer)
    items = [("Affaldsspand", 1), ("Ruller med sorteringsposer", 2), ("Sorteringsguider", 4)]
    pages = {
        2: ("Affaldsspand", "Spanden er til restaffald og tømmes hver 14. dag."),
        3: ("Ruller med sorteringsposer", "Poserne er til madaffald."),
        4: ("Sorteringsguider", "Guiderne fortæller, hvad der skal i hvilken spand."),
    }
    document = read_document(_listed_pack(tmp_path / "pakke.pdf", "Indhold", items, pages))
    assert _blocks(document)[:5] == [
        ("heading", "Velkomstpakke"),
        ("heading", "Indhold"),
        *_row_blocks(items),
    ]


def test_a_contents_list_one_entry_of_which_stands_nowhere_else_is_kept_with_its_phone_number(tmp_path: Path) -> None:
    # "Pas" and "Kørekort" head PDF pages 2 and 3, as their entries say; the third
    # entry's heading is only "Sygesikring", so its phone number stands nowhere else
    # (found a reviewer)
    entries = [("Pas", 2), ("Kørekort", 3), ("Sygesikring - ring 33 66 33 66 inden kl. 15", 4)]
    pages = {
        2: ("Pas", "Et pas koster 745 kr."),
        3: ("Kørekort", "Et kørekort koster 280 kr."),
        4: ("Sygesikring", "Bestil et nyt kort på borger.dk."),
    }
    document = read_document(_listed_pack(tmp_path / "borgerservice.pdf", "Indhold", entries, pages))
    assert _blocks(document)[:5] == [
        ("heading", "Velkomstpakke"),
        ("heading", "Indhold"),
        *_row_blocks(entries),
    ]


def test_a_table_of_contents_whose_entries_all_head_their_pages_after_front_matter_is_left_out(tmp_path: Path) -> None:
    # the same layout as the welcome pack's, but one offset (1: the first page unnumbered)
    # puts every title on the page its entry names
    entries = [("Affaldsspand", 1), ("Ruller med sorteringsposer", 2), ("Sorteringsguider", 3)]
    pages = {
        2: ("Affaldsspand", "Spanden er til restaffald og tømmes hver 14. dag."),
        3: ("Ruller med sorteringsposer", "Poserne er til madaffald."),
        4: ("Sorteringsguider", "Guiderne fortæller, hvad der skal i hvilken spand."),
    }
    document = read_document(_listed_pack(tmp_path / "pakke.pdf", "Indhold", entries, pages))
    assert _blocks(document) == [("heading", "Velkomstpakke")] + [
        block for heading, text in pages.values() for block in (("heading", heading), ("paragraph", text))
    ]
