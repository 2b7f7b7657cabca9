"""A footnote mark glued to a word ("zonen.¹") is left out of a PDF's text only when it is
a superscript (smaller, raised) right after a word or sentence punctuation and its
footnote, in a smaller type, stands lower on the page; exponents, units, table cells and
raised digits without a footnote read as before ("(1 + r)2", "m2", "745 kr.")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fpdf import FPDF

import qa.readers.pdf as pdf_reader
from qa.documents import Document, read_document
from qa.sentences import split_sentences


def _blocks(document: Document) -> list[tuple[str, str]]:
    return [(b.kind, document.block_text(b)) for b in document.blocks]


def _sentences(document: Document) -> list[str]:
    return [document.text[s:e] for b in document.blocks for s, e in split_sentences(document.text, b.start, b.end)]


def _page(runs: list[tuple[str, bool]], notes: list[str], note_size: float = 8) -> FPDF:
    """A PDF of one page (`_raised_page`) with the `notes` in `note_size` pt from y 250."""
    pdf = FPDF()
    _raised_page(pdf, runs, tuple(notes), note_size=note_size, notes_at=250)
    return pdf


def _read(pdf: FPDF, path: Path) -> Document:
    pdf.output(str(path))
    return read_document(path)


def test_a_footnote_mark_after_a_full_stop_is_left_out_and_the_next_sentence_splits_off(tmp_path: Path) -> None:
    pdf = _page(
        [("Du betaler gebyret i zonen.", False), ("1", True), (" Næste sætning handler om betalingen.", False)],
        ["1 Se takstbladet for 2026."],
    )
    document = _read(pdf, tmp_path / "gebyr.pdf")
    assert _blocks(document) == [
        ("paragraph", "Du betaler gebyret i zonen. Næste sætning handler om betalingen."),
        ("paragraph", "1 Se takstbladet for 2026."),
    ]
    assert _sentences(document)[:2] == ["Du betaler gebyret i zonen.", "Næste sætning handler om betalingen."]


def test_a_footnote_mark_after_a_word_is_left_out_without_a_space_before_the_comma(tmp_path: Path) -> None:
    pdf = _page(
        [
            ("Reglerne står i boligstøtteloven", False),
            ("12", True),
            (", og kommunen træffer afgørelsen efter bekendtgørelsen", False),
            ("3", True),
        ],
        ["12 Lov nr. 1 af 2025.", "3 Bekendtgørelse nr. 2 af 2025."],
    )
    assert _blocks(_read(pdf, tmp_path / "lov.pdf")) == [
        ("paragraph", "Reglerne står i boligstøtteloven, og kommunen træffer afgørelsen efter bekendtgørelsen"),
        ("paragraph", "12 Lov nr. 1 af 2025."),
        ("paragraph", "3 Bekendtgørelse nr. 2 af 2025."),
    ]


def test_exponents_and_units_stay_when_a_footnote_with_their_digit_stands_on_the_page(tmp_path: Path) -> None:
    pdf = _page(
        [
            ("Renten er (1 + r)", False),
            ("2", True),
            (" af beløbet for 65 m", False),
            ("2", True),
            (" og 120 km", False),
            ("2", True),
            (", og CO2 og kl. 9", False),
            ("30", True),
            (" tæller.", False),
        ],
        ["2 Lov nr. 12 af 2025.", "30 minutter før lukketid."],
    )
    assert _blocks(_read(pdf, tmp_path / "formler.pdf"))[0] == (
        "paragraph",
        "Renten er (1 + r)2 af beløbet for 65 m2 og 120 km2, og CO2 og kl. 930 tæller.",
    )


def test_a_raised_digit_without_a_footnote_on_its_page_stays(tmp_path: Path) -> None:
    pdf = _page([("Du betaler gebyret i zonen.", False), ("1", True), (" Næste sætning.", False)], [])
    assert _blocks(_read(pdf, tmp_path / "gebyr.pdf")) == [("paragraph", "Du betaler gebyret i zonen.1 Næste sætning.")]


def test_a_footnote_in_the_body_s_size_is_no_footnote_and_the_digit_stays(tmp_path: Path) -> None:
    pdf = _page(
        [("Du betaler gebyret i zonen.", False), ("1", True), (" Næste sætning.", False)],
        ["1 Se takstbladet."],
        note_size=11,
    )
    assert _blocks(_read(pdf, tmp_path / "gebyr.pdf"))[0] == (
        "paragraph",
        "Du betaler gebyret i zonen.1 Næste sætning.",
    )


def test_a_number_marked_twice_on_a_page_is_left_in_both_places(tmp_path: Path) -> None:
    pdf = _page(
        [("Gebyret gælder zonen.", False), ("1", True), (" Også i centrum.", False), ("1", True)],
        ["1 Se takstbladet."],
    )
    assert _blocks(_read(pdf, tmp_path / "gebyr.pdf"))[0] == ("paragraph", "Gebyret gælder zonen.1 Også i centrum.1")


def test_a_price_set_small_and_raised_after_a_bracket_stays(tmp_path: Path) -> None:
    # "(voksne)" and a price at the top of the cell beside it, in a smaller type
    pdf = _page([("Pas (voksne)", False), ("745", True), (" kr. betales ved bestilling.", False)], ["745 er prisen."])
    assert _blocks(_read(pdf, tmp_path / "pas.pdf"))[0] == ("paragraph", "Pas (voksne)745 kr. betales ved bestilling.")


def test_a_price_in_a_top_aligned_table_cell_beside_voksne_stays(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    with pdf.table(col_widths=(100, 60), v_align="TOP") as table:
        for cells in [("Ydelse", "Pris"), ("Pas til personer over 18 år (voksne)", "745 kr."), ("Kørekort", "310 kr.")]:
            row = table.row()
            for text in cells:
                row.cell(text)
    pdf.set_y(250)
    pdf.set_font("Helvetica", "", 8)
    pdf.cell(0, 4, "745 kr. er prisen i 2026.")
    assert _blocks(_read(pdf, tmp_path / "pas.pdf")) == [
        ("table_header", "Ydelse; Pris"),
        ("table_row", "Ydelse: Pas til personer over 18 år (voksne); Pris: 745 kr."),
        ("table_row", "Ydelse: Kørekort; Pris: 310 kr."),
        ("paragraph", "745 kr. er prisen i 2026."),
    ]


def _ruled_pdf(header: str, bold: bool) -> FPDF:
    """A ruled table of two rows, "Ydelse | `header`" (in bold when `bold`) over "Pas til
    voksne¹ | 745 kr." with a raised "1", a paragraph and the footnote "1 ..." in 8 pt."""
    pdf = FPDF()
    pdf.add_page()
    rows = [[("Ydelse", False), (header, False)], [("Pas til voksne", True), ("745 kr.", False)]]
    for y, row in zip((20, 28), rows, strict=True):
        for x, width, (text, marked) in zip((10, 110), (100, 60), row, strict=True):
            pdf.rect(x, y, width, 8)
            pdf.set_xy(x + 1, y + 1)
            pdf.set_font("Helvetica", "B" if y == 20 and bold else "", 11)
            pdf.write(6, text)
            if marked:
                pdf.char_vpos = "SUP"
                pdf.write(6, "1")
                pdf.char_vpos = "LINE"
    pdf.set_xy(10, 50)
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "Prisen betales, når du bestiller passet, og den gælder for pas til voksne over 18 år.")
    pdf.set_y(250)
    pdf.set_font("Helvetica", "", 8)
    pdf.cell(0, 4, "1 Prisen gælder fra 2026.")
    return pdf


def test_a_raised_digit_in_a_ruled_table_cell_stays_though_its_footnote_stands_below(tmp_path: Path) -> None:
    assert _blocks(_read(_ruled_pdf("Pris", bold=True), tmp_path / "pas.pdf")) == [
        ("table_header", "Ydelse; Pris"),
        ("table_row", "Ydelse: Pas til voksne1; Pris: 745 kr."),
        ("paragraph", "Prisen betales, når du bestiller passet, og den gælder for pas til voksne over 18 år."),
        ("paragraph", "1 Prisen gælder fra 2026."),
    ]


def test_a_raised_digit_in_a_ruled_table_read_as_lines_stays_though_its_footnote_stands_below(
    tmp_path: Path,
) -> None:
    # a plain first row with a figure is no header: the table is read as its lines
    assert _blocks(_read(_ruled_pdf("Pris 2026", bold=False), tmp_path / "pas.pdf")) == [
        ("paragraph", "Ydelse Pris 2026"),
        ("paragraph", "Pas til voksne1 745 kr."),
        ("paragraph", "Prisen betales, når du bestiller passet, og den gælder for pas til voksne over 18 år."),
        ("paragraph", "1 Prisen gælder fra 2026."),
    ]


def _char(text: str, x0: float, size: float = 11.0, bottom: float = 100.0) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x0 + 0.55 * size, "top": bottom - size, "bottom": bottom, "size": size}


def test_odd_characters_give_no_marks_and_raise_nothing() -> None:
    lines: list[dict[str, Any]] = [
        {"text": "", "top": 0.0, "bottom": 0.0, "chars": []},
        {"text": "1", "top": 10.0, "bottom": 20.0, "chars": [_char("1", 0.0, size=0.0)]},
        {"text": "a1", "top": 30.0, "bottom": 40.0, "chars": [_char("a", 0.0, size=0.0), _char("1", 1.0, size=0.0)]},
        {
            "text": "1 Note",
            "top": 700.0,
            "bottom": 708.0,
            "chars": [{"text": "1", "x0": 0, "x1": 1, "top": 700, "bottom": 708}],
        },
    ]
    assert pdf_reader._footnote_marks(lines, 11.0, []) == []
    assert pdf_reader._line_marks([]) == []
    assert pdf_reader._line_marks([_char("1", 0.0, size=0.0)]) == []


class _Footed(FPDF):
    """A PDF whose every page ends in an 8 pt footer that starts with the page number,
    "2   Sundhedsprofil 2025" (Word's mirrored footers set an even page's so)."""

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, f"{self.page_no()}   Sundhedsprofil 2025")


def _raised_page(
    pdf: FPDF, runs: list[tuple[str, bool]], notes: tuple[str, ...] = (), note_size: float = 8, notes_at: float = 240
) -> None:
    """A page of 11 pt Helvetica: the `runs` written one after the other, those marked
    True as a superscript (fpdf2: 70 % of the size, raised), and the `notes` in
    `note_size` pt from y `notes_at` (240: above the footer)."""
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    for text, raised in runs:
        pdf.char_vpos = "SUP" if raised else "LINE"
        pdf.write(6, text)
    pdf.char_vpos = "LINE"
    pdf.set_y(notes_at)
    pdf.set_font("Helvetica", "", note_size)
    for note in notes:
        pdf.cell(0, 4, note, new_x="LMARGIN", new_y="NEXT")


BMI = [("Body mass index beregnes som vægt/højde", False), ("2", True), (" med vægten i kilo.", False)]
SHARE = [("Andelen med svær overvægt steg i kommunerne", False), ("3", True), (" fra 2021 til 2025.", False)]


def test_a_running_footer_starting_with_the_page_number_is_no_footnote(tmp_path: Path) -> None:
    pdf = _Footed()
    _raised_page(pdf, [("Rapporten beskriver borgernes sundhed i kommunen.", False)])
    _raised_page(pdf, BMI)
    _raised_page(pdf, SHARE)
    _raised_page(pdf, [("3 Tallene er fra Den Nationale Sundhedsprofil.", False)])
    assert _blocks(_read(pdf, tmp_path / "sundhed.pdf")) == [
        ("paragraph", "Rapporten beskriver borgernes sundhed i kommunen."),
        ("paragraph", "Body mass index beregnes som vægt/højde2 med vægten i kilo."),
        ("paragraph", "Andelen med svær overvægt steg i kommunerne3 fra 2021 til 2025."),
        ("paragraph", "3 Tallene er fra Den Nationale Sundhedsprofil."),
    ]


def test_a_footer_on_too_few_pages_to_be_furniture_is_no_footnote_when_it_ends_another_page(
    tmp_path: Path,
) -> None:
    # two pages: a running footer needs 3, so the footers are read as text; page 2's
    # "2   Sundhedsprofil 2025" is its last line and ends page 1 too, its number aside
    pdf = _Footed()
    _raised_page(pdf, [("Rapporten beskriver borgernes sundhed i kommunen.", False)])
    _raised_page(pdf, BMI)
    assert _blocks(_read(pdf, tmp_path / "sundhed.pdf")) == [
        ("paragraph", "Rapporten beskriver borgernes sundhed i kommunen."),
        ("paragraph", "1 Sundhedsprofil 2025"),
        ("paragraph", "Body mass index beregnes som vægt/højde2 med vægten i kilo."),
        ("paragraph", "2 Sundhedsprofil 2025"),
    ]


def test_a_footnote_on_a_page_whose_footer_starts_with_its_number_is_still_a_footnote(tmp_path: Path) -> None:
    # page 2: a real footnote 1, the exponent 2 and the footer "2   Sundhedsprofil 2025"
    pdf = _Footed()
    _raised_page(pdf, [("Rapporten beskriver borgernes sundhed i kommunen.", False)])
    _raised_page(pdf, [("Tallene er vejede.", False), ("1", True), (" ", False), *BMI], ("1 Vejet efter alder.",))
    _raised_page(pdf, SHARE)
    _raised_page(pdf, [("3 Tallene er fra Den Nationale Sundhedsprofil.", False)])
    assert _blocks(_read(pdf, tmp_path / "sundhed.pdf"))[1:3] == [
        ("paragraph", "Tallene er vejede. Body mass index beregnes som vægt/højde2 med vægten i kilo."),
        ("paragraph", "1 Vejet efter alder."),
    ]


def test_a_footnote_ending_its_page_whose_text_ends_no_other_page_stays_a_footnote(tmp_path: Path) -> None:
    pdf = FPDF()
    for page in range(1, 3):
        _raised_page(pdf, [(f"Side {page} handler om zonen.", False), ("1", True)], (f"1 Note til side {page}.",))
    assert _blocks(_read(pdf, tmp_path / "zoner.pdf")) == [
        ("paragraph", "Side 1 handler om zonen."),
        ("paragraph", "1 Note til side 1."),
        ("paragraph", "Side 2 handler om zonen."),
        ("paragraph", "1 Note til side 2."),
    ]
