"""A PDF line set as a label, a leader and a value ("Voksne ........ 745") is a table row of
its own, "Voksne; 745", as the HTML reader reads a row of a two-column table without a
header: the leader is not quoted, and each row is one sentence, cited on its
own (the 150 dots of a LibreOffice leader made a row too long to end its unit, and a price
list read as one paragraph of two sentences). Leaders of four or more dots, ellipses or
middle dots, spaced or not, count; an ellipsis in prose ("...", three dots), four dots in
prose and a form's blanks (underscores, "..../..../2025", "........ kr.") stay prose; a
label wrapped at the margin and a value wrapped onto the next line stay in their row; and
a table of contents is still left out."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

import qa.readers.pdf as pdf_reader
from qa.documents import Document, read_document
from qa.sentences import split_sentences

INTRO = "Kopier af afgørelser koster:"


def _pdf(lines: list[str]) -> FPDF:
    """A PDF with a page of `lines`, one `cell()` each, in 11 pt Helvetica (encoded as
    Windows-1252, which holds "…" and "·"); an empty line is a gap of one line."""
    pdf = FPDF()
    pdf.core_fonts_encoding = "cp1252"
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    for line in lines:
        if line:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(6)
    return pdf


def _read(pdf: FPDF, path: Path) -> Document:
    pdf.output(str(path))
    return read_document(path)


def _blocks(document: Document) -> list[tuple[str, int, int, str]]:
    """Each block as (kind, start, end, its text in the document)."""
    return [(b.kind, b.start, b.end, document.text[b.start : b.end]) for b in document.blocks]


def _sentences(document: Document) -> list[tuple[int, int, str]]:
    """Each sentence of each block as (start, end, its text in the document)."""
    return [
        (s, e, document.text[s:e]) for b in document.blocks for s, e in split_sentences(document.text, b.start, b.end)
    ]


def test_a_price_list_with_dot_leaders_under_an_intro_line_reads_one_row_and_one_sentence_per_line(
    tmp_path: Path,
) -> None:
    lines = [INTRO, f"Voksne{'.' * 120}745", f"Børn{'.' * 124}155", f"Pensionister{'.' * 112}445"]
    document = _read(_pdf(lines), tmp_path / "priser.pdf")
    assert document.text == "Kopier af afgørelser koster:\n\nVoksne; 745\n\nBørn; 155\n\nPensionister; 445"
    assert _blocks(document) == [
        ("paragraph", 0, 28, INTRO),
        ("table_row", 30, 41, "Voksne; 745"),
        ("table_row", 43, 52, "Børn; 155"),
        ("table_row", 54, 71, "Pensionister; 445"),
    ]
    assert _sentences(document) == [
        (0, 28, INTRO),
        (30, 41, "Voksne; 745"),
        (43, 52, "Børn; 155"),
        (54, 71, "Pensionister; 445"),
    ]


def test_leaders_of_ellipses_spaced_dots_and_middle_dots_read_as_rows_and_underscores_stay_a_blank(
    tmp_path: Path,
) -> None:
    lines = [
        INTRO,
        f"Voksne {'…' * 20} 745 kr.",
        f"Børn {'. ' * 20}155 kr.",
        f"Pensionister{'·' * 40}445 kr.",
        f"Studerende {'_' * 30} Gratis",
    ]
    document = _read(_pdf(lines), tmp_path / "priser.pdf")
    assert _blocks(document) == [
        ("paragraph", 0, 28, INTRO),
        ("table_row", 30, 45, "Voksne; 745 kr."),
        ("table_row", 47, 60, "Børn; 155 kr."),
        ("table_row", 62, 83, "Pensionister; 445 kr."),
        ("paragraph", 85, 133, "Studerende ______________________________ Gratis"),
    ]


def test_prose_lines_with_an_ellipsis_before_a_number_stay_prose(tmp_path: Path) -> None:
    lines = [
        "Kommunen hjælper med rengøring, indkøb, tøjvask... i alt 3",
        "timer om ugen. Og så . . . venter du 14 dage.",
        "Borgerservice har åbent mandag, tirsdag … til kl. 16",
    ]
    document = _read(_pdf(lines), tmp_path / "hjaelp.pdf")
    assert _blocks(document) == [
        (
            "paragraph",
            0,
            104,
            "Kommunen hjælper med rengøring, indkøb, tøjvask... i alt 3 timer om ugen. Og så . . . venter du 14 dage.",
        ),
        ("paragraph", 106, 158, "Borgerservice har åbent mandag, tirsdag … til kl. 16"),
    ]
    assert [text for _, _, text in _sentences(document)] == [
        "Kommunen hjælper med rengøring, indkøb, tøjvask... i alt 3 timer om ugen.",
        "Og så . . . venter du 14 dage.",
        "Borgerservice har åbent mandag, tirsdag … til kl. 16",
    ]


def test_a_single_leader_line_between_paragraphs_is_a_row_of_its_own(tmp_path: Path) -> None:
    lines = [
        "Et nyt sundhedskort koster:",
        f"Sundhedskort {'.' * 60} 205 kr.",
        "Du betaler, når du bestiller kortet.",
    ]
    document = _read(_pdf(lines), tmp_path / "kort.pdf")
    assert _blocks(document) == [
        ("paragraph", 0, 27, "Et nyt sundhedskort koster:"),
        ("table_row", 29, 50, "Sundhedskort; 205 kr."),
        ("paragraph", 52, 88, "Du betaler, når du bestiller kortet."),
    ]


def test_a_bulleted_label_wrapped_over_two_lines_and_a_bulleted_label_are_rows_with_their_whole_label(
    tmp_path: Path,
) -> None:
    lines = [
        INTRO,
        "- Kopi af afgørelse om boligstøtte for",
        f"tidligere år {'.' * 50} 745 kr.",
        f"- Attest {'.' * 50} 50 kr.",
    ]
    document = _read(_pdf(lines), tmp_path / "priser.pdf")
    assert _blocks(document) == [
        ("paragraph", 0, 28, INTRO),
        ("table_row", 30, 88, "Kopi af afgørelse om boligstøtte for tidligere år; 745 kr."),
        ("table_row", 90, 104, "Attest; 50 kr."),
    ]


def test_a_long_label_wrapped_before_a_capital_at_the_margin_is_one_row(tmp_path: Path) -> None:
    lines = [
        INTRO,
        "Kopi af afgørelse om boligstøtte for tidligere år, når afgørelsen skal sendes med posten til",
        f"Grønland eller Færøerne {'.' * 60} 1.250 kr.",
    ]
    document = _read(_pdf(lines), tmp_path / "priser.pdf")
    assert _blocks(document) == [
        ("paragraph", 0, 28, INTRO),
        (
            "table_row",
            30,
            157,
            "Kopi af afgørelse om boligstøtte for tidligere år, når afgørelsen skal sendes med posten til "
            "Grønland eller Færøerne; 1.250 kr.",
        ),
    ]


def test_a_value_wrapped_onto_the_next_line_stays_in_its_row(tmp_path: Path) -> None:
    lines = ["Takster:", f"Rengøring {'.' * 80} 345 kr. pr.", "påbegyndt time", f"Tøjvask {'.' * 80} 120 kr."]
    document = _read(_pdf(lines), tmp_path / "takster.pdf")
    assert _blocks(document) == [
        ("paragraph", 0, 8, "Takster:"),
        ("table_row", 10, 47, "Rengøring; 345 kr. pr. påbegyndt time"),
        ("table_row", 49, 65, "Tøjvask; 120 kr."),
    ]


def test_lower_case_prose_right_under_a_row_at_the_margin_is_no_part_of_its_value(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)

    def row(label: str, value: str) -> None:  # a right tab with a dot leader: the value ends at the margin
        text = f"{label} ."
        while pdf.get_string_width(text + ". " + value) < pdf.epw - 0.5:
            text += "."
        pdf.cell(0, 6, f"{text} {value}", new_x="LMARGIN", new_y="NEXT")

    pdf.cell(0, 6, "Priser for kopier:", new_x="LMARGIN", new_y="NEXT")
    row("Voksne", "745 kr.")
    row("Pensionister", "445 kr.")
    prose = "hvis du er pensionist, skal du vise dit pensionistbevis, når du betaler."
    pdf.cell(0, 6, prose, new_x="LMARGIN", new_y="NEXT")
    document = _read(pdf, tmp_path / "kopier.pdf")
    assert [(kind, text) for kind, _, _, text in _blocks(document)] == [
        ("paragraph", "Priser for kopier:"),
        ("table_row", "Voksne; 745 kr."),
        ("table_row", "Pensionister; 445 kr."),
        ("paragraph", prose),
    ]


def test_a_lower_case_label_after_a_sentence_or_a_short_subheading_is_a_row_of_its_own(tmp_path: Path) -> None:
    sentence = "Gebyret for byggesager fastsættes af kommunalbestyrelsen hvert år."
    lines = [
        sentence,
        f"enfamiliehus {'.' * 60} 4.500 kr.",
        "",
        "Gebyrer for byggesager",
        f"carport {'.' * 60} 1.200 kr.",
    ]
    document = _read(_pdf(lines), tmp_path / "gebyrer.pdf")
    assert _blocks(document) == [
        ("paragraph", 0, 66, sentence),
        ("table_row", 68, 91, "enfamiliehus; 4.500 kr."),
        ("paragraph", 93, 115, "Gebyrer for byggesager"),
        ("table_row", 117, 135, "carport; 1.200 kr."),
    ]


def test_form_blanks_and_four_dots_in_prose_stay_prose(tmp_path: Path) -> None:
    lines = [
        "Jeg, ______________________________, giver hermed min søn fuldmagt til at",
        "hente mit pas. Beløbet ........................ kr. betales kontant.",
        "",
        "København, den ________________ 2026",
        "",
        "Dato: ..../..../2025",
        "",
        "Beløb: ........................ kr.",
        "",
        "Du skal medbringe pas, kørekort m.m.... og et billede, når du kommer.",
        "",
        "Ventetiden er lang..... men vi gør, hvad vi kan.",
    ]
    document = _read(_pdf(lines), tmp_path / "fuldmagt.pdf")
    fuldmagt = (
        "Jeg, ______________________________, giver hermed min søn fuldmagt til at hente mit pas. "
        "Beløbet ........................ kr. betales kontant."
    )
    assert _blocks(document) == [
        ("paragraph", 0, 142, fuldmagt),
        ("paragraph", 144, 180, "København, den ________________ 2026"),
        ("paragraph", 182, 202, "Dato: ..../..../2025"),
        ("paragraph", 204, 239, "Beløb: ........................ kr."),
        ("paragraph", 241, 310, "Du skal medbringe pas, kørekort m.m.... og et billede, når du kommer."),
        ("paragraph", 312, 360, "Ventetiden er lang..... men vi gør, hvad vi kan."),
    ]


def test_a_table_of_contents_is_still_left_out_and_a_price_list_after_it_reads_as_rows(tmp_path: Path) -> None:
    chapters = ["Hvem kan få boligstøtte", "Priser og gebyrer", "Klage"]
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "Indhold", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    for page, chapter in enumerate(chapters, start=2):
        pdf.cell(0, 6, f"{chapter} {'.' * 60} {page}", new_x="LMARGIN", new_y="NEXT")
    bodies = [
        ["Du kan få boligstøtte, hvis du bor til leje."],
        [INTRO, f"Voksne {'.' * 60} 745", f"Børn {'.' * 60} 155"],
        ["Du kan klage inden for fire uger."],
    ]
    for chapter, body in zip(chapters, bodies, strict=True):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.cell(0, 10, chapter, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        for line in body:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    document = _read(pdf, tmp_path / "boligstoette.pdf")
    assert [(kind, text) for kind, _, _, text in _blocks(document)] == [
        ("heading", "Hvem kan få boligstøtte"),
        ("paragraph", "Du kan få boligstøtte, hvis du bor til leje."),
        ("heading", "Priser og gebyrer"),
        ("paragraph", INTRO),
        ("table_row", "Voksne; 745"),
        ("table_row", "Børn; 155"),
        ("heading", "Klage"),
        ("paragraph", "Du kan klage inden for fire uger."),
    ]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("Voksne.....745", ("Voksne", "745")),
        ("Pas 18-64 år ........ 835 kr.", ("Pas 18-64 år", "835 kr.")),
        ("Børn . . . . 155", ("Børn", "155")),
        ("Børn ………… 155", ("Børn", "155")),
        ("Lørdag ········ Lukket", ("Lørdag", "Lukket")),
        ("Pas m.v. ........ 745", ("Pas m.v.", "745")),  # the label's full stop stays
        ("Pensionister m.v.......445 kr.", ("Pensionister m.v.", "445 kr.")),  # an abbreviation's too
        ("Sagsnr.: ........ 2025-1234", ("Sagsnr.", "2025-1234")),  # a closing colon goes
        ("Voksne ....... 745 ....... 1.490", ("Voksne", "745", "1.490")),  # two values
        ("Voksne.......745.......1.490", ("Voksne", "745", "1.490")),
        ("Navn: ........ Jens Hansen", ("Navn", "Jens Hansen")),
        ("Dato: ..../..../2025", None),  # a value starting with "/": blanks
        ("Beløb: ........ kr.", None),  # a unit alone: a blank before it
        ("Beløb i alt: ........ kr. ........ øre", None),
        ("Studerende ________ Gratis", None),  # underscores: a blank to fill in
        ("København, den ________ 2026", None),
        ("Udfyld felterne . . . . og send blanketten til os.", None),  # prose: no digit, many words
        ("Husk pas.... og billedlegitimation,", None),  # a comma at the end: a sentence going on
        ("når du kommer. Vi glæder os til at se dig.... Venlig hilsen", None),  # two sentences before it
        ("Børn ... 155", None),  # an ellipsis: three dots
        ("Børn . . . 155", None),
        ("Børn ……… 155", None),
        ("Vent lidt...", None),
        ("Se s. 5. Ring på 70 12 34 56", None),  # full stops before spaces: no leader
        ("Navn ______________", None),  # a field to fill in: no value
        ("Underskrift ________ Dato ________", None),
        ("........ 745", None),  # no label
        ("2025 ........ 745", None),  # no letter in the label
        ("a) ........ 745", None),  # a list marker, no label
        ("Voksne ........ ·", None),  # no letter or digit in the value
    ],
)
def test_a_leader_row_is_a_label_four_leader_characters_and_a_value(text: str, row: tuple[str, ...] | None) -> None:
    assert pdf_reader._leader_row(text) == row


def test_a_label_whose_last_words_moved_below_with_the_leader_is_one_row(tmp_path: Path) -> None:
    # LibreOffice moves a label's last words down with a right tab stop's leader: the line
    # above leaves room for the label's first word ("med") but not for the label.
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    above = "Kopi af afgørelse om boligstøtte for tidligere år, når afgørelsen skal sendes"
    label, value = "med posten", "1.250 kr."
    pdf.set_right_margin(pdf.w - pdf.l_margin - pdf.get_string_width(f"{above} med") - 1)  # 1 mm to spare
    width = pdf.epw
    dots = int((width - pdf.get_string_width(f"{label}{value}")) / pdf.get_string_width("."))
    row = f"{label}{'.' * dots}{value}"
    assert pdf.get_string_width(above) + pdf.get_string_width("med ") < width < pdf.get_string_width(f"{above} {label}")
    for line in ["Kopier af afgørelser koster:", above, row]:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    document = _read(pdf, tmp_path / "takster.pdf")
    assert _blocks(document) == [
        ("paragraph", 0, 28, INTRO),
        ("table_row", 30, 129, f"{above} {label}; {value}"),
    ]
