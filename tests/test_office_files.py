"""Word files as a real office suite writes them (LibreOffice, tests/fixtures/office)."""

from __future__ import annotations

from pathlib import Path

import docx

from qa.chunking import chunk_document
from qa.documents import read_document

OFFICE = Path(__file__).parent / "fixtures" / "office"


def _blocks(path: Path) -> list[tuple[str, int, str]]:
    document = read_document(path)
    return [(b.kind, b.level, document.block_text(b)) for b in document.blocks]


def test_a_libreoffice_docx_is_titled_by_its_title_property_not_python_docx_s_placeholder() -> None:
    # LibreOffice points at docProps/core.xml with a relationship type python-docx does
    # not look for; python-docx then makes up a title "Word Document".
    assert read_document(OFFICE / "parkeringslicens.docx").title == "Vejledning om beboerlicens til parkering"


def test_a_libreoffice_docx_reads_as_its_body_and_footnote_without_table_of_contents_header_or_footer() -> None:
    assert _blocks(OFFICE / "parkeringslicens.docx") == [
        ("heading", 1, "Vejledning om beboerlicens til parkering"),
        ("heading", 1, "Hvem kan få en licens"),
        (
            "paragraph",
            0,
            "Du kan få en beboerlicens, hvis du bor i en betalingszone og har en bil registreret på din adresse.",
        ),
        ("paragraph", 0, "Bemærk: Ordningen gælder fra 1. november 2014 for alle zoner i kommunen."),
        ("paragraph", 0, "Husk: Licensen følger bilens nummerplade, ikke bilens fører."),  # the frame
        ("heading", 2, "Betingelser"),
        ("list_item", 0, "Du er tilmeldt folkeregistret på adressen."),
        ("list_item", 0, "Bilen er registreret på dig eller din husstand."),
        ("list_item", 0, "Firmabiler kræver en erklæring fra arbejdsgiveren."),
        ("list_item", 0, "Leasede biler kræver leasingaftalen."),
        ("list_item", 0, "Du skylder ikke kommunen penge for parkering."),
        ("heading", 1, "Priser"),
        ("paragraph", 0, "Prisen afhænger af bilens brændstof og af zonen."),
        ("paragraph", 0, "Priserne er fastsat af Borgerrepræsentationen den 5. juni 2014."),  # its footnote
        ("table_header", 0, "Licens; Periode; Pris"),
        ("table_row", 0, "Licens: Beboerlicens, benzin; Periode: 1 år; Pris: 1.540 kr."),
        ("table_row", 0, "Licens: Beboerlicens, el; Periode: 1 år; Pris: 170 kr."),
        # merged over Licens and Periode: the price stays under Pris (read "Periode: 4.250 kr.")
        (
            "table_row",
            0,
            "Licens: Erhvervslicens, alle biler og perioder; Periode: Erhvervslicens, alle biler og perioder; "
            "Pris: 4.250 kr.",
        ),
        ("paragraph", 0, "Læs mere på kk.dk/parkering eller ring på 33 66 33 66."),
    ]


def test_a_docx_table_row_that_one_merged_cell_fills_stands_alone_not_under_the_first_header() -> None:
    rows = [b for b in _blocks(OFFICE / "digital-post.docx") if b[0].startswith("table")]
    assert rows == [
        ("table_header", 0, "Forsendelse; Fysisk brev; Digital Post"),
        ("table_row", 0, "Forsendelse: Brev fra kommunen; Fysisk brev: Gratis; Digital Post: Gratis"),
        ("table_row", 0, "Forsendelse: Kopi af brev; Fysisk brev: 25 kr.; Digital Post: Gratis"),
        ("table_row", 0, "Alle priser gælder fra 1. november 2014."),  # was "Forsendelse: Alle priser ..."
    ]


def test_a_docx_table_whose_first_row_one_merged_cell_fills_is_titled_by_it_and_headed_by_the_next(
    tmp_path: Path,
) -> None:
    # The title row labelled every column ("Gebyrer for pas 2025: Pas; Gebyrer for pas
    # 2025: Voksne; ...") and the real header row was read as a row of values.
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    title = table.rows[0].cells[0].merge(table.rows[0].cells[2])
    title.text = "Gebyrer for pas 2025"
    for row, texts in zip(table.rows[1:], [("Ydelse", "Alder", "Pris"), ("Pas", "Voksne", "745 kr.")], strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    document.save(str(tmp_path / "pas.docx"))
    assert _blocks(tmp_path / "pas.docx") == [
        ("paragraph", 0, "Gebyrer for pas 2025"),
        ("table_header", 0, "Ydelse; Alder; Pris"),
        ("table_row", 0, "Ydelse: Pas; Alder: Voksne; Pris: 745 kr."),
    ]


def test_a_libreoffice_docx_numbered_list_shows_words_numbers_and_its_footnote_follows_its_paragraph() -> None:
    assert _blocks(OFFICE / "digital-post.docx")[1:12] == [
        ("heading", 1, "Log ind første gang"),
        ("paragraph", 0, "Alle borgere over 15 år får Digital Post fra det offentlige i deres digitale postkasse."),
        ("list_item", 0, "1. Gå ind på borger.dk."),
        ("list_item", 0, "2. Log ind med MitID."),
        ("list_item", 0, "a) Vælg MitID-appen eller en kodeviser."),
        ("list_item", 0, "b) Godkend med din pinkode."),
        ("list_item", 0, "3. Vælg Digital Post i menuen."),
        ("paragraph", 0, "Bemærk: Du skal være fyldt 15 år for at logge ind selv."),
        ("heading", 2, "Hvis du er fritaget"),
        ("paragraph", 0, "Er du fritaget, får du brevene med almindelig post."),
        ("paragraph", 0, "Fritagelse gives efter lov om Digital Post fra offentlige afsendere."),  # its footnote
    ]


def test_a_libreoffice_docx_reads_list_numbers_footnotes_endnotes_and_a_framed_note_in_a_cell_as_word_shows_them() -> (
    None
):
    # Before: no list numbers, no footnote or endnote text, and "155 kr." without the note
    # framed beside it in its cell.
    assert _blocks(OFFICE / "pas-ansoegning.docx") == [
        ("heading", 1, "Sådan søger du om pas"),
        ("heading", 1, "Før du søger"),
        ("list_item", 0, "Du skal have dit sundhedskort med."),  # bullets: no marker
        ("list_item", 0, "Børn under 18 år skal have samtykke fra begge forældre."),
        ("heading", 1, "Sådan søger du"),
        ("list_item", 0, "1. Bestil tid i borgerservice."),
        ("list_item", 0, "2. Mød op med dit gamle pas."),
        ("list_item", 0, "a) Få taget et foto i borgerservice."),
        ("list_item", 0, "b) Skriv under på den digitale blok."),
        ("list_item", 0, "3. Betal gebyret."),
        ("paragraph", 0, "Gebyret betales med kort; kontanter modtages ikke."),  # its footnote
        ("paragraph", 0, "Har du mistet dit pas, gør du sådan:"),
        ("list_item", 0, "1. Meld tabet til politiet."),  # a new list starts again
        ("list_item", 0, "2. Bestil et nyt pas som ovenfor."),
        ("heading", 1, "Betingelser"),
        ("list_item", 0, "1. Du skal være dansk statsborger."),
        ("list_item", 0, "1.1. Du kan vise dit cpr-nummer."),
        ("list_item", 0, "1.2. Du har bopæl i Danmark."),
        ("list_item", 0, "2. Du skal møde op selv."),
        ("heading", 1, "Leveringstid"),
        ("list_item", 0, "i. Pas til voksne leveres inden for 10 hverdage."),
        ("list_item", 0, "ii. Pas til børn leveres inden for 15 hverdage."),
        ("paragraph", 0, "Leveringstiden kan være længere i sommerferien."),  # its endnote
        ("heading", 1, "Priser"),
        ("table_header", 0, "Pas; Pris"),
        ("table_row", 0, "Pas: Pas til voksne; Pris: 745 kr."),
        ("table_row", 0, "Pas: Pas til børn; Pris: 155 kr. Gratis under 2 år."),
        ("paragraph", 0, "Prisen gælder fra 1. januar 2025."),  # the footnote of a cell, after the table
        ("paragraph", 0, "Ring til borgerservice på 70 10 20 30."),
    ]


def test_the_list_numbers_word_shows_stay_with_their_items_as_one_sentence() -> None:
    # "1.1." and "i." were sentences of their own, split from "Du kan vise dit cpr-nummer."
    _, sentences = chunk_document(read_document(OFFICE / "pas-ansoegning.docx"))
    texts = [sentence.text for sentence in sentences]
    assert texts[11:17] == [
        "1. Du skal være dansk statsborger.",
        "1.1. Du kan vise dit cpr-nummer.",
        "1.2. Du har bopæl i Danmark.",
        "2. Du skal møde op selv.",
        "i. Pas til voksne leveres inden for 10 hverdage.",
        "ii. Pas til børn leveres inden for 15 hverdage.",
    ]
