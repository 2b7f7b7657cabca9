"""HTML tables as a browser lays them out: spanned cells fill every slot they cover, header
rows combine per column, header rows without `<thead>` are found, full-width group rows
label the rows under them, and sortable column headers keep their button's text."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from qa.documents import Document, read_document
from qa.readers import html_table
from qa.readers.html_table import column_labels, header_row_count, table_grid
from tests.html_pages import saved_page, units
from tests.test_fidelity import _check


def _page(tmp_path: Path, main: str) -> Document:
    path = saved_page(tmp_path, f"<main>{main}</main>")
    _check(path)  # every visible word served, in order
    return read_document(path)


def _grid_texts(html: str) -> list[list[str]]:
    table = LexborHTMLParser(html).css_first("table")
    assert table is not None
    grid = table_grid(table)
    return [[c.text if c is not None else "-" for c in row + [None] * (grid.width - len(row))] for row in grid.rows]


# (a) colspan and rowspan


def test_colspan_and_rowspan_fill_every_slot_they_cover() -> None:
    assert _grid_texts(
        "<table><tr><td rowspan=2>A</td><td colspan=2>B</td></tr>"
        "<tr><td>C</td><td>D</td><td>E</td></tr>"
        "<tr><td colspan=0>F</td><td rowspan=x>G</td></tr></table>"
    ) == [["A", "B", "B", "-"], ["A", "C", "D", "E"], ["F", "G", "-", "-"]]


def test_rowspan_zero_grows_to_the_end_of_its_row_group_and_no_rowspan_reaches_past_it() -> None:
    assert _grid_texts(
        "<table><tbody><tr><td rowspan=0>A</td><td>1</td></tr><tr><td>2</td></tr></tbody>"
        "<tbody><tr><td rowspan=5>B</td><td>3</td></tr><tr><td>4</td></tr></tbody></table>"
    ) == [["A", "1"], ["A", "2"], ["B", "3"], ["B", "4"]]


def test_spans_past_the_table_budget_take_one_slot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_table, "MAX_SPANNED_CHARACTERS", 6)
    assert _grid_texts(
        "<table><tr><td colspan=2>AB</td><td>C</td></tr><tr><td colspan=1000 rowspan=0>D</td></tr></table>"
    ) == [["AB", "AB", "C"], ["D", "-", "-"]]


def test_two_header_rows_with_colspan_combine_per_column_and_values_get_their_own_year(tmp_path: Path) -> None:
    doc = _page(
        tmp_path,
        "<h2>Fradrag for beskæftigelse</h2><table><thead>"
        '<tr><th rowspan="2">Fradrag</th><th colspan="2">2024</th><th colspan="2">2025</th></tr>'
        "<tr><th>Sats</th><th>Maks. fradrag</th><th>Sats</th><th>Maks. fradrag</th></tr></thead>"
        "<tbody><tr><td>Beskæftigelsesfradrag</td><td>10,65 %</td><td>45.100 kr.</td>"
        "<td>12,30 %</td><td>55.600 kr.</td></tr></tbody></table>",
    )
    assert units(doc) == [
        ("heading", 2, "Fradrag for beskæftigelse"),
        ("table_header", 0, "Fradrag; 2024; 2025"),
        ("table_header", 0, "Sats; Maks. fradrag; Sats; Maks. fradrag"),
        (
            "table_row",
            0,
            "Fradrag: Beskæftigelsesfradrag; 2024 Sats: 10,65 %; 2024 Maks. fradrag: 45.100 kr.; "
            "2025 Sats: 12,30 %; 2025 Maks. fradrag: 55.600 kr.",
        ),
    ]


def test_leading_rows_of_th_without_thead_are_a_multi_row_header() -> None:
    table = LexborHTMLParser(
        "<table><tr><th></th><th colspan=2>Pris</th></tr><tr><td></td><th>Voksne</th><th>Børn</th></tr>"
        "<tr><th>Pas</th><td>835 kr.</td><td>335 kr.</td></tr></table>"
    ).css_first("table")
    assert table is not None
    grid = table_grid(table)
    assert header_row_count(grid) == 2
    assert column_labels(grid, 2) == ["", "Pris Voksne", "Pris Børn"]


def test_a_rowspan_in_the_body_repeats_its_value_so_each_row_is_complete(tmp_path: Path) -> None:
    doc = _page(
        tmp_path,
        "<table><thead><tr><th>Restskat</th><th>Betaling</th><th>Tillæg</th></tr></thead><tbody>"
        '<tr><td rowspan="2">Ikke betalt</td><td>Under 22.300 kr.: på forskudsopgørelsen</td>'
        '<td rowspan="2">7,6 %</td></tr>'
        "<tr><td>Over 22.300 kr.: i 3 rater</td></tr></tbody></table>",
    )
    assert units(doc) == [
        ("table_header", 0, "Restskat; Betaling; Tillæg"),
        ("table_row", 0, "Restskat: Ikke betalt; Betaling: Under 22.300 kr.: på forskudsopgørelsen; Tillæg: 7,6 %"),
        ("table_row", 0, "Restskat: Ikke betalt; Betaling: Over 22.300 kr.: i 3 rater; Tillæg: 7,6 %"),
    ]


def test_a_data_cell_spanning_columns_is_the_value_of_each_labelled_column(tmp_path: Path) -> None:
    doc = _page(
        tmp_path,
        "<table><tr><th>Ydelse</th><th>Voksne</th><th>Børn</th></tr>"
        '<tr><td>Sundhedskort</td><td colspan="2">Gratis</td></tr></table>'
        '<table><tr><td>Nødpas</td><td colspan="2">Kontakt politiet</td></tr></table>',
    )
    assert units(doc) == [
        ("table_header", 0, "Ydelse; Voksne; Børn"),
        ("table_row", 0, "Ydelse: Sundhedskort; Voksne: Gratis; Børn: Gratis"),
        ("table_row", 0, "Nødpas; Kontakt politiet"),  # no labels: the value once
    ]


# (b) header rows outside <thead>


def test_a_first_row_of_th_with_an_empty_corner_td_is_the_header(tmp_path: Path) -> None:
    doc = _page(
        tmp_path,
        "<table><tbody>"
        '<tr><td></td><th scope="col">2024</th><th scope="col">2025</th></tr>'
        '<tr><th scope="row">Personfradrag</th><td>49.700 kr.</td><td>51.600 kr.</td></tr>'
        "</tbody></table>",
    )
    assert units(doc) == [
        ("table_header", 0, "2024; 2025"),
        ("table_row", 0, "Personfradrag; 2024: 49.700 kr.; 2025: 51.600 kr."),
    ]


def test_a_first_row_of_all_bold_cells_is_the_header(tmp_path: Path) -> None:
    # TinyMCE / CKEditor: no <thead>, no <th>, the header row in <strong>.
    doc = _page(
        tmp_path,
        '<table border="1"><tbody>'
        "<tr><td><strong>Daglig transport</strong></td><td><b>Sats <strong>2025</strong></b></td></tr>"
        "<tr><td>25-120 km</td><td>2,28 kr.</td></tr></tbody></table>",
    )
    assert units(doc) == [
        ("table_header", 0, "Daglig transport; Sats 2025"),
        ("table_row", 0, "Daglig transport: 25-120 km; Sats 2025: 2,28 kr."),
    ]


def test_a_first_row_only_partly_bold_is_data(tmp_path: Path) -> None:
    doc = _page(
        tmp_path,
        "<table><tr><td><strong>Telefon</strong></td><td>33 66 33 66</td></tr>"
        "<tr><td><strong>E-mail</strong></td><td>borgerservice@kk.dk</td></tr></table>",
    )
    assert units(doc) == [
        ("table_row", 0, "Telefon; 33 66 33 66"),
        ("table_row", 0, "E-mail; borgerservice@kk.dk"),
    ]


def test_row_headers_without_a_header_row_still_label_their_values(tmp_path: Path) -> None:
    doc = _page(
        tmp_path,
        "<table><tr><th>Svartid</th><td>14 dage</td></tr>"
        "<tr><th>Kanal</th><td>mit.dk</td><td>appen Digital Post</td></tr></table>",
    )
    assert units(doc) == [
        ("table_row", 0, "Svartid: 14 dage"),
        ("table_row", 0, "Kanal: mit.dk; appen Digital Post"),
    ]


# (c) full-width group rows


def test_a_full_width_group_row_is_put_in_front_of_each_row_under_it(tmp_path: Path) -> None:
    doc = _page(
        tmp_path,
        "<h2>Frister</h2><table><thead><tr><th>Hvad</th><th>Frist</th></tr></thead><tbody>"
        '<tr class="group"><th colspan="2">Lønmodtagere</th></tr>'
        "<tr><td>Årsopgørelsen er klar</td><td>17. marts 2025</td></tr>"
        '<tr class="group"><th colspan="2">Selvstændige</th></tr>'
        "<tr><td>Oplysningsskema</td><td>1. juli 2025</td></tr>"
        "<tr><td>Frivillig indbetaling</td><td>1. juli 2025</td></tr>"
        "</tbody></table><p>Fristerne gælder for 2024.</p>",
    )
    assert units(doc) == [
        ("heading", 2, "Frister"),
        ("table_header", 0, "Hvad; Frist"),
        ("table_row", 0, "Lønmodtagere; Hvad: Årsopgørelsen er klar; Frist: 17. marts 2025"),
        ("table_row", 0, "Selvstændige; Hvad: Oplysningsskema; Frist: 1. juli 2025"),
        ("table_row", 0, "Selvstændige; Hvad: Frivillig indbetaling; Frist: 1. juli 2025"),
        ("paragraph", 0, "Fristerne gælder for 2024."),  # still under "Frister"
    ]


def test_a_group_ends_with_its_row_group_and_a_group_row_with_no_rows_stands_alone(tmp_path: Path) -> None:
    doc = _page(
        tmp_path,
        "<table><tr><th>Hvad</th><th>Pris</th></tr>"
        '<tbody><tr><td colspan="2"><strong>Pas</strong></td></tr><tr><td>Voksne</td><td>835 kr.</td></tr></tbody>'
        "<tbody><tr><td>Kørekort</td><td>310 kr.</td></tr>"
        '<tr><td colspan="2">Priserne gælder fra 1. januar.</td></tr></tbody></table>',
    )
    assert units(doc) == [
        ("table_header", 0, "Hvad; Pris"),
        ("table_row", 0, "Pas; Hvad: Voksne; Pris: 835 kr."),
        ("table_row", 0, "Hvad: Kørekort; Pris: 310 kr."),
        ("table_row", 0, "Priserne gælder fra 1. januar."),
    ]


def test_a_full_width_row_after_a_th_header_is_a_group_not_a_second_header_row(tmp_path: Path) -> None:
    doc = _page(
        tmp_path,
        "<table><tr><th>Hvad</th><th>Frist</th></tr>"
        '<tr><th colspan="2">Selvstændige</th></tr>'
        "<tr><td>Oplysningsskema</td><td>1. juli 2025</td></tr></table>",
    )
    assert units(doc) == [
        ("table_header", 0, "Hvad; Frist"),
        ("table_row", 0, "Selvstændige; Hvad: Oplysningsskema; Frist: 1. juli 2025"),
    ]


# (d) sortable column headers


def test_a_sort_button_in_a_column_header_keeps_its_text_but_not_its_screen_reader_hint(tmp_path: Path) -> None:
    # DKFDS table-sort: the header's text is in a button, with a hint for screen readers.
    doc = _page(
        tmp_path,
        '<table class="table"><thead><tr>'
        '<th scope="col" aria-sort="ascending"><button class="button button-unstyled" type="button">Myndighed'
        '<span class="sr-only"> Klik for at sortere faldende</span>'
        '<svg class="icon-svg" aria-hidden="true"><use href="#sort"></use></svg></button></th>'
        '<th scope="col"><button type="button">Får besked automatisk'
        '<span class="visually-hidden"> Klik for at sortere</span></button></th>'
        "</tr></thead><tbody><tr><td>Skattestyrelsen</td><td>Ja</td></tr></tbody></table>"
        '<p>Tryk på en kolonne for at sortere.</p><button type="button">Udskriv</button>'
        '<table><tr><td><button type="button">Vælg</button> Skattestyrelsen</td></tr></table>',
    )
    assert units(doc) == [
        ("table_header", 0, "Myndighed; Får besked automatisk"),
        ("table_row", 0, "Myndighed: Skattestyrelsen; Får besked automatisk: Ja"),
        ("paragraph", 0, "Tryk på en kolonne for at sortere."),  # buttons elsewhere stay out
        ("table_row", 0, "Skattestyrelsen"),
    ]


def test_a_tax_rates_page_reads_every_table_row_with_its_year_and_group() -> None:
    doc = read_document(Path(__file__).parent / "eval" / "html" / "corpus" / "skat-satser-frister.html")
    assert [text for kind, _, text in units(doc) if kind in ("table_row", "table_header")] == [
        "2024; 2025",
        "Personfradrag (18 år og derover); 2024: 49.700 kr.; 2025: 51.600 kr.",
        "Personfradrag (under 18 år); 2024: 38.800 kr.; 2025: 40.300 kr.",
        "Bundskat; 2024: 12,09 %; 2025: 12,01 %",
        "Topskat, grænse; 2024: 588.900 kr.; 2025: 611.800 kr.",  # without its footnote mark "1)"
        "Arbejdsmarkedsbidrag; 2024: 8 %; 2025: 8 %",
        "Fradrag; 2024; 2025",
        "Sats; Maks. fradrag; Sats; Maks. fradrag",
        "Fradrag: Beskæftigelsesfradrag; 2024 Sats: 10,65 %; 2024 Maks. fradrag: 45.100 kr.; "
        "2025 Sats: 12,30 %; 2025 Maks. fradrag: 55.600 kr.",
        "Fradrag: Jobfradrag; 2024 Sats: 4,5 %; 2024 Maks. fradrag: 2.900 kr.; "
        "2025 Sats: 4,5 %; 2025 Maks. fradrag: 2.900 kr.",
        "Daglig transport (tur/retur); Sats pr. km 2024; Sats pr. km 2025",
        "Daglig transport (tur/retur): 0-24 km; Sats pr. km 2024: 0 kr.; Sats pr. km 2025: 0 kr.",
        "Daglig transport (tur/retur): 25-120 km; Sats pr. km 2024: 2,23 kr.; Sats pr. km 2025: 2,28 kr.",
        "Daglig transport (tur/retur): Over 120 km; Sats pr. km 2024: 1,12 kr.; Sats pr. km 2025: 1,14 kr.",
        "Restskat; Betaling; Tillæg",
        "Restskat: Betalt senest 1. juli 2025; Betaling: Du betaler via skat.dk/betal; "
        "Tillæg: Ingen tillæg, kun dag-til-dag-rente på 5,6 %",
        "Restskat: Ikke betalt senest 1. juli 2025; Betaling: Under 22.300 kr.: lægges på din "
        "forskudsopgørelse for 2026; Tillæg: Procenttillæg på 7,6 %",
        "Restskat: Ikke betalt senest 1. juli 2025; Betaling: Over 22.300 kr.: opkræves i 3 rater i august, "
        "september og oktober 2025; Tillæg: Procenttillæg på 7,6 %",
        "Hvad; Frist",
        "Lønmodtagere og pensionister; Hvad: Årsopgørelsen for 2024 er klar; Frist: 17. marts 2025",
        "Lønmodtagere og pensionister; Hvad: Ret årsopgørelsen for 2024; Frist: 1. maj 2028",
        "Selvstændige; Hvad: Oplysningsskema for 2024; Frist: 1. juli 2025",
        "Selvstændige; Hvad: Betal frivillig indbetaling uden tillæg; Frist: 1. juli 2025",
        # the deadlines' small-screen copy, a description list
        "Årsopgørelsen for 2024 er klar: 17. marts 2025",
        "Oplysningsskema for 2024 (selvstændige): 1. juli 2025",
    ]


def test_a_title_row_a_bold_table_and_a_bold_note_are_no_column_labels(tmp_path: Path) -> None:
    doc = _page(
        tmp_path,
        '<table><tr><th colspan="2">Priser 2025</th></tr><tr><td>Voksne</td><td>818 kr.</td></tr></table>'
        '<table><tr><th colspan="3">Dagpenge 2025</th></tr><tr><th>Gruppe</th><th>Pr. uge</th><th>Pr. måned</th></tr>'
        "<tr><td>Fuldtid</td><td>4.995 kr.</td><td>21.640 kr.</td></tr></table>"
        "<table><tr><td><b>Voksne</b></td><td><b>818 kr.</b></td></tr>"
        "<tr><td><b>Børn</b></td><td><b>153 kr.</b></td></tr></table>"
        "<table><tr><td><strong>Bemærk:</strong></td><td></td></tr><tr><td>Voksne</td><td>818 kr.</td></tr></table>",
    )
    assert [text for _, _, text in units(doc)] == [
        "Priser 2025; Voksne; 818 kr.",
        "Dagpenge 2025",
        "Gruppe; Pr. uge; Pr. måned",
        "Gruppe: Fuldtid; Pr. uge: 4.995 kr.; Pr. måned: 21.640 kr.",
        "Voksne; 818 kr.",
        "Børn; 153 kr.",
        "Bemærk:",
        "Voksne; 818 kr.",
    ]


def test_a_table_with_every_row_in_thead_has_its_first_row_as_header_and_the_rest_as_data(tmp_path: Path) -> None:
    doc = _page(
        tmp_path,
        "<table><thead><tr><th>Dag</th><th>Åbent</th></tr>"
        "<tr><td>Lørdag-søndag</td><td>kl. 9-16</td></tr></thead></table>",
    )
    assert units(doc) == [("table_header", 0, "Dag; Åbent"), ("table_row", 0, "Dag: Lørdag-søndag; Åbent: kl. 9-16")]


def test_a_table_of_one_row_is_content_not_a_header(tmp_path: Path) -> None:
    doc = _page(tmp_path, "<table><tr><th>Borgerservice har åbent mandag-fredag kl. 10-15</th></tr></table>")
    assert units(doc) == [("table_row", 0, "Borgerservice har åbent mandag-fredag kl. 10-15")]


def test_a_markdown_table_of_a_header_row_only_is_content(tmp_path: Path) -> None:
    page = tmp_path / "info.md"
    page.write_text("# Info\n\n| Borgerservice har åbent mandag-fredag kl. 10-15 |\n|---|\n", encoding="utf-8")
    assert units(read_document(page))[-1] == ("table_row", 0, "Borgerservice har åbent mandag-fredag kl. 10-15")


def test_a_layout_table_is_read_as_blocks_and_a_data_table_inside_it_as_rows(tmp_path: Path) -> None:
    # An older kommune template: columns laid out by a table of headings and paragraphs,
    # a table saying it is presentation, and a price table nested in a layout cell.
    doc = _page(
        tmp_path,
        '<table width="100%" border="0"><tr>'
        '<td valign="top"><h2>Borgerservice</h2><p>Ring på 44 77 22 00.</p><ul><li>Pas</li><li>Kørekort</li></ul></td>'
        '<td valign="top"><h2>Jobcenter</h2><p>Ring på 44 77 33 00.</p></td></tr></table>'
        '<table role="presentation"><tr><td>Rådhuset</td><td>Bagsværd Hovedgade 9</td></tr></table>'
        "<table><tr><td><table><tr><th>Ydelse</th><th>Pris</th></tr>"
        "<tr><td>Pas</td><td>818 kr.</td></tr></table></td></tr></table>",
    )
    assert units(doc) == [
        ("heading", 2, "Borgerservice"),
        ("paragraph", 0, "Ring på 44 77 22 00."),
        ("list_item", 0, "Pas"),
        ("list_item", 0, "Kørekort"),
        ("heading", 2, "Jobcenter"),
        ("paragraph", 0, "Ring på 44 77 33 00."),
        ("paragraph", 0, "Rådhuset"),
        ("paragraph", 0, "Bagsværd Hovedgade 9"),
        ("table_header", 0, "Ydelse; Pris"),
        ("table_row", 0, "Ydelse: Pas; Pris: 818 kr."),
    ]


def test_a_table_with_header_cells_stays_a_data_table_though_a_cell_holds_a_heading(tmp_path: Path) -> None:
    doc = _page(
        tmp_path,
        "<table><tr><th>Ydelse</th><th>Frist</th></tr><tr><td><h4>Boligstøtte</h4></td><td>1. maj</td></tr></table>",
    )
    assert units(doc) == [
        ("table_header", 0, "Ydelse; Frist"),
        ("table_row", 0, "Ydelse: Boligstøtte; Frist: 1. maj"),
    ]


def test_a_table_whose_cells_hold_only_a_heading_is_a_data_table(tmp_path: Path) -> None:
    # A title row and header cells written as headings in cells, no <th>.
    doc = _page(
        tmp_path,
        "<table><tr><td colspan=2><h3>Gebyrer 2025</h3></td></tr>"
        "<tr><td>Pas, voksen</td><td>627 kr.</td></tr><tr><td>Pas, barn</td><td>150 kr.</td></tr></table>"
        "<table><tr><td><h3>Ydelse</h3></td><td><h3>Pris</h3></td></tr><tr><td>Kørekort</td><td>280 kr.</td></tr>"
        "</table>",
    )
    assert units(doc) == [
        ("table_row", 0, "Gebyrer 2025; Pas, voksen; 627 kr."),
        ("table_row", 0, "Gebyrer 2025; Pas, barn; 150 kr."),
        ("table_row", 0, "Ydelse; Pris"),
        ("table_row", 0, "Kørekort; 280 kr."),
    ]


def test_a_figure_caption_under_its_table_is_read_above_the_rows_as_the_tables_caption(tmp_path: Path) -> None:
    # WordPress's table block (a stop 48 tester's page): `<figure><table>...</table>
    # <figcaption>` was read after the rows as a paragraph, and "Åbningstider for
    # genbrugspladserne i Ravnsholt Kommune 2026" was quoted for a question on another
    # municipality's opening hours. A figure's caption over an image, or over two tables,
    # stays where it stands.
    doc = read_document(
        saved_page(
            tmp_path,
            "<main><h1>Genbrugspladser</h1>"
            '<figure class="wp-block-table"><table><thead><tr><th>Plads</th><th>Lørdag</th></tr></thead>'
            "<tbody><tr><td>Ravnsholt</td><td>9.00–17.00</td></tr></tbody></table>"
            '<figcaption class="wp-element-caption">Åbningstider 2026</figcaption></figure>'
            "<p>På helligdage er der lukket.</p>"
            '<figure><img src="kort.png" alt=""><figcaption>Kort over pladsen</figcaption></figure>'
            "<figure><table><tr><td>A</td><td>1</td></tr></table><table><tr><td>B</td><td>2</td></tr></table>"
            "<figcaption>To tabeller</figcaption></figure>"
            # Notes to the rows (a stop 49 review's: footnotes, a source) stay under them.
            "<figure><table><tr><th>Ydelse</th><th>Pris*</th></tr><tr><td>Hovedret</td><td>58 kr.</td></tr>"
            "</table><figcaption>* Prisen er fastsat af Folketinget.<br>Du kan afbestille dagen før.</figcaption>"
            "</figure><figure><table><tr><th>Zone</th><th>Pris</th></tr><tr><td>A</td><td>30 kr.</td></tr>"
            "</table><figcaption>Kilde: Lindå Kommune</figcaption></figure></main>",
        )
    )
    assert units(doc) == [
        ("heading", 1, "Genbrugspladser"),
        ("table_caption", 0, "Åbningstider 2026"),
        ("table_header", 0, "Plads; Lørdag"),
        ("table_row", 0, "Plads: Ravnsholt; Lørdag: 9.00–17.00"),
        ("paragraph", 0, "På helligdage er der lukket."),
        ("paragraph", 0, "Kort over pladsen"),
        ("table_row", 0, "A; 1"),
        ("table_row", 0, "B; 2"),
        ("paragraph", 0, "To tabeller"),
        ("table_header", 0, "Ydelse; Pris*"),
        ("table_row", 0, "Ydelse: Hovedret; Pris*: 58 kr."),
        ("list_item", 0, "Prisen er fastsat af Folketinget."),  # "*" reads as a bullet, as before
        ("paragraph", 0, "Du kan afbestille dagen før."),
        ("table_header", 0, "Zone; Pris"),
        ("table_row", 0, "Zone: A; Pris: 30 kr."),
        ("paragraph", 0, "Kilde: Lindå Kommune"),
    ]


def test_a_caption_that_titles_its_table_is_a_table_caption_and_one_that_states_or_notes_is_text(
    tmp_path: Path,
) -> None:
    # Stop 51's runs quoted captions read as paragraphs ("Satser for sygedagpenge fra 1.
    # januar 2026"); stop 52 reviews' captions that state a fact, hold a note after a
    # <br>, tell the picture of a figure beside its table, or are all a table without
    # values has to say stay text, quotable as before.
    doc = _page(
        tmp_path,
        "<table><caption>Tabel 1. Orlovsuger for børn født 1. januar 2026 eller senere</caption>"
        "<tr><th>Orlov</th><th>Mor</th></tr><tr><td>Graviditetsorlov</td><td>4 uger</td></tr></table>"
        "<table><caption>Der er ingen ledige ældreboliger lige nu</caption>"
        "<tr><th>Adresse</th><th>Husleje</th></tr></table>"
        "<table><caption>Alle beløb udbetales den sidste hverdag i måneden.</caption>"
        "<tr><th>Ydelse</th><th>Beløb</th></tr><tr><td>Grundbeløb</td><td>7.198 kr.</td></tr></table>"
        "<table><caption>Takster 2026<br>Juli er betalingsfri.</caption>"
        "<tr><th>Tilbud</th><th>Pris</th></tr><tr><td>Børnehave</td><td>2.360 kr.</td></tr></table>"
        '<figure><img src="kort.png" alt=""><table><tr><th>Fraktion</th><th>Container</th></tr>'
        "<tr><td>Jern</td><td>2</td></tr></table><figcaption>Kort over pladsen med indkørsel fra Ravnsholtvej"
        "</figcaption></figure>"
        # A table of no values keeps its caption as text; a nested table's caption is its own.
        "<table><caption>Ingen kommende arrangementer for børn</caption><thead><tr><th>Dato</th>"
        "<th>Sted</th></tr></thead><tbody></tbody></table>"
        "<table><tr><th>Hal</th><th>Ledige tider</th></tr><tr><td>Nordhallen</td><td><table><caption>"
        "Ingen ledige tider i uge 12</caption><tr><th>Dag</th></tr></table></td></tr>"
        "<tr><td>Sydhallen</td><td>Tirsdag 18-20</td></tr></table>",
    )
    assert units(doc) == [
        ("table_caption", 0, "Tabel 1. Orlovsuger for børn født 1. januar 2026 eller senere"),
        ("table_header", 0, "Orlov; Mor"),
        ("table_row", 0, "Orlov: Graviditetsorlov; Mor: 4 uger"),
        ("paragraph", 0, "Der er ingen ledige ældreboliger lige nu"),
        ("table_row", 0, "Adresse; Husleje"),
        ("paragraph", 0, "Alle beløb udbetales den sidste hverdag i måneden."),
        ("table_header", 0, "Ydelse; Beløb"),
        ("table_row", 0, "Ydelse: Grundbeløb; Beløb: 7.198 kr."),
        ("paragraph", 0, "Takster 2026; Juli er betalingsfri."),
        ("table_header", 0, "Tilbud; Pris"),
        ("table_row", 0, "Tilbud: Børnehave; Pris: 2.360 kr."),
        ("table_header", 0, "Fraktion; Container"),
        ("table_row", 0, "Fraktion: Jern; Container: 2"),
        ("paragraph", 0, "Kort over pladsen med indkørsel fra Ravnsholtvej"),
        ("paragraph", 0, "Ingen kommende arrangementer for børn"),
        ("table_row", 0, "Dato; Sted"),
        ("table_header", 0, "Hal; Ledige tider"),
        ("table_row", 0, "Hal: Nordhallen; Ledige tider: Ingen ledige tider i uge 12; Dag"),
        ("table_row", 0, "Hal: Sydhallen; Ledige tider: Tirsdag 18-20"),
    ]


def test_an_icon_in_a_figures_caption_is_no_picture_beside_its_table(tmp_path: Path) -> None:
    # A third review's page: the icon made the caption no table's, read under the rows.
    doc = read_document(
        saved_page(
            tmp_path,
            '<main><figure><table><tr><th>Uge</th></tr><tr><td>12</td></tr></table><figcaption><img src="i.svg"'
            ' alt=""> Tømmeplan 2026</figcaption></figure></main>',
        )
    )
    assert units(doc) == [
        ("table_caption", 0, "Tømmeplan 2026"),
        ("table_header", 0, "Uge"),
        ("table_row", 0, "Uge: 12"),
    ]
