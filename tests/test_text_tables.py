"""Tables in plain text: columns set apart by tabs or runs of spaces, read as table rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.documents import read_document
from qa.readers.text import aligned_table, ruled_table, titled_table


def _blocks(path: Path) -> list[tuple[str, str]]:
    doc = read_document(path)
    return [(block.kind, doc.text[block.start : block.end]) for block in doc.blocks]


def test_a_space_aligned_table_copied_from_a_page_is_read_row_by_row_under_its_header(tmp_path: Path) -> None:
    # As a fresh tester's text page (/tmp/t45, lyngbaek-demens.txt) set its offers.
    path = tmp_path / "demens.txt"
    path.write_text(
        "Tilbud til pårørende\n\n"
        "Tilbud                      Hvor                         Pris\n"
        "Demenscafé                  Lyngbæk Aktivitetscenter     20 kr. for kaffe og kage\n"
        'Motionshold "Aktiv med demens"   Lyngbæk Hallen          Gratis\n\n'
        "Tilmelding sker til demenskoordinatorerne.\n",
        encoding="utf-8",
    )
    assert _blocks(path) == [
        ("heading", "Tilbud til pårørende"),
        ("table_header", "Tilbud; Hvor; Pris"),
        ("table_row", "Tilbud: Demenscafé; Hvor: Lyngbæk Aktivitetscenter; Pris: 20 kr. for kaffe og kage"),
        ("table_row", 'Tilbud: Motionshold "Aktiv med demens"; Hvor: Lyngbæk Hallen; Pris: Gratis'),
        ("paragraph", "Tilmelding sker til demenskoordinatorerne."),
    ]


def test_a_title_line_right_above_a_space_aligned_table_is_its_heading(tmp_path: Path) -> None:
    # As a fresh tester's text page (/tmp/t60, separering-regnvand-skovbaek.txt) set its
    # timetable: with the title in the same paragraph the table was one run of text, and
    # "Hvornår er fristen for separering i Ådalen?" was answered with Kirkebakken's row.
    path = tmp_path / "separering.txt"
    path.write_text(
        "Separering af regnvand\n\n"
        "Tidsplan\n"
        "Område          Påbud sendes       Frist for separering\n"
        "Kirkebakken     marts 2026         1. april 2027\n"
        "Ådalen          september 2026     1. oktober 2027\n\n"
        "Telefontid\n"
        "Mandag–torsdag    8.00–15.00\n"
        "Fredag            8.00–12.00\n\n"
        "Du betaler selv for arbejdet på din egen grund.\n",
        encoding="utf-8",
    )
    assert _blocks(path) == [
        ("heading", "Separering af regnvand"),
        ("heading", "Tidsplan"),
        ("table_header", "Område; Påbud sendes; Frist for separering"),
        ("table_row", "Område: Kirkebakken; Påbud sendes: marts 2026; Frist for separering: 1. april 2027"),
        ("table_row", "Område: Ådalen; Påbud sendes: september 2026; Frist for separering: 1. oktober 2027"),
        # two columns without a header are no titled table: read as before
        ("heading", "Telefontid"),
        ("paragraph", "Mandag–torsdag 8.00–15.00"),
        ("paragraph", "Fredag 8.00–12.00"),
        ("paragraph", "Du betaler selv for arbejdet på din egen grund."),
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        # a line that states is no title: the lines under it stay text
        "Prisen er 205 kr.\nVoksne    205 kr.\nBørn      100 kr.",
        # a list item over the lines
        "- Husk billedlegitimation\nVoksne    205 kr.\nBørn      100 kr.",
        # one line under the title is no table
        "Priser\nVoksne    205 kr.",
        # A reviewer's inputs (stop 40), each read as a title over a table by the first
        # version: a statement without its full stop, whose answer was lost ...
        "Genbrugspladserne holder lukket på alle helligdage og juleaftensdag\n"
        "Genbrugsplads       Adresse                 Åbningstider\n"
        "Esbjerg             Vestervold 10           7-18\n"
        "Ribe                Ydre Ringvej 4          9-17",
        "Citizen Service only accepts visitors with an appointment booked online in advance\n"
        "Day                 Opening hours           Phone hours\n"
        "Monday-Wednesday    10-15                   9-12\n"
        "Thursday            10-17                   9-15",
        # ... prose typed with two spaces after each full stop ...
        "Remember to tell Udbetaling Danmark if your income changes\n"
        "during the year.  Otherwise you may have to pay money back\n"
        "later.  Changes must be reported within two weeks\n"
        "online.  Use the form.",
        # ... an office's contact lines in two columns under its name ...
        "Borgerservice Esbjerg Kommune\n"
        "Rådhuset, Torvegade 74              Telefon 76 16 16 16\n"
        "6700 Esbjerg                        borgerservice@esbjerg.dk",
        # ... and a list's lead-in over its items set in two columns.
        "Hjemmehjælpen omfatter blandt andet\nrengøring              indkøb\npersonlig pleje        tøjvask",
        # A second reviewer's: a statement of a few words that runs on into the next line,
        "Genbrugspladserne modtager ikke asbestholdigt affald\n"
        "Genbrugsplads      Adresse              Åbningstid\n"
        "Nord               Industrivej 12       Mandag-fredag 10-17\n"
        "Syd                Savværksvej 3        Lørdag-søndag 9-16",
        # and tables without a header, whose first row is a row of values: a day among
        # days, a value recurring in its column, a name among names.
        "Tømningsplan\n"
        "Restaffald      Hver uge      Mandag\n"
        "Papir og pap    Hver 4. uge   Onsdag\n"
        "Glas og metal   Hver 8. uge   Torsdag",
        "Åbningstider i julen\n"
        "Juleaftensdag       Lukket        Lukket\n"
        "Lillejuleaften      10-16         Lukket\n"
        "Nytårsaftensdag     10-13         Lukket",
        "Skolens ledelse\n"
        "Skoleleder        Anne Madsen     Kontakt via Aula\n"
        "Viceskoleleder    Bo Nielsen      Tlf. 72 36 50 02\n"
        "SFO-leder         Lis Holm        Tlf. 72 36 50 03",
    ],
)
def test_a_line_that_is_no_title_over_aligned_lines_is_no_titled_table(paragraph: str) -> None:
    assert titled_table(paragraph.split("\n")) is None


def test_a_tab_separated_table_is_read_with_its_header(tmp_path: Path) -> None:
    # A tab is read as a gap between cells in a text page (in the other formats it is a space).
    path = tmp_path / "gebyrer.txt"
    path.write_text(
        "Gebyrer\n\nGebyr\tVoksne\tBørn og unge under 18 år\n1–7 dage for sent\t30 kr.\t10 kr.\n"
        "Nyt lånerkort (erstatningskort)\t30 kr.\tGratis\n",
        encoding="utf-8",
    )
    assert _blocks(path)[1:] == [
        ("table_header", "Gebyr; Voksne; Børn og unge under 18 år"),
        ("table_row", "Gebyr: 1–7 dage for sent; Voksne: 30 kr.; Børn og unge under 18 år: 10 kr."),
        ("table_row", "Gebyr: Nyt lånerkort (erstatningskort); Voksne: 30 kr.; Børn og unge under 18 år: Gratis"),
    ]


def test_a_table_whose_first_line_gives_an_amount_has_no_header(tmp_path: Path) -> None:
    path = tmp_path / "priser.txt"
    path.write_text(
        "Priser 2026\n\n"
        "Fritidsklub                        695 kr. pr. måned (11 måneder, juli er betalingsfri)\n"
        "Ungdomsklub, klubkort              150 kr. pr. sæson (august-juni)\n",
        encoding="utf-8",
    )
    assert _blocks(path)[1:] == [
        ("table_row", "Fritidsklub; 695 kr. pr. måned (11 måneder, juli er betalingsfri)"),
        ("table_row", "Ungdomsklub, klubkort; 150 kr. pr. sæson (august-juni)"),
    ]


def test_a_cell_wrapped_onto_an_indented_line_joins_its_row_and_an_empty_cell_keeps_its_column() -> None:
    def line(*cells: str) -> str:
        return "".join(cell.ljust(width) for cell, width in zip(cells, (18, 16, 30, 20), strict=True)).rstrip()

    lines = [
        line("Klub", "Adresse", "Fritidsklub", "Ungdomsklub"),
        line("Klub Nord", "Skolevej 40", "Mandag-torsdag 13.00-17.00,", "Tirsdag 18.30-21.30"),
        line("", "", "fredag 13.00-16.00", ""),
        line("Klub Bakken", "Bakkevej 3", "", "Onsdag 18.00-22.00"),
    ]
    assert aligned_table(lines) == [
        ["Klub", "Adresse", "Fritidsklub", "Ungdomsklub"],
        ["Klub Nord", "Skolevej 40", "Mandag-torsdag 13.00-17.00, fredag 13.00-16.00", "Tirsdag 18.30-21.30"],
        ["Klub Bakken", "Bakkevej 3", "", "Onsdag 18.00-22.00"],
    ]


@pytest.mark.parametrize(
    "lines",
    [
        # Prose typed with two spaces after each full stop.
        [
            "Du kan søge om tilskud.  Ansøgningen skal sendes senest 1. marts.",
            "Husk at vedlægge bilag nu.  Du får svar inden fire uger.",
        ],
        # One line of links is no table ("Del  Print  Lyt").
        ["Del  Print  Lyt"],
        # A line with more pieces than the first.
        ["Dag  Tid", "Mandag  10-17  Lukket i juli"],
        # A list item opens it.
        ["- Navn  Hans", "- Alder  45"],
        # A line of one piece under the first.
        ["Dag  Tid", "Se åbningstiderne på hjemmesiden"],
    ],
)
def test_lines_that_are_not_a_table_are_left_to_the_text_reader(lines: list[str]) -> None:
    assert aligned_table(lines) is None


def test_double_spaced_prose_stays_a_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "prosa.txt"
    path.write_text(
        "Tilskud\n\nDu kan søge om tilskud.  Ansøgningen skal sendes senest 1. marts.\n"
        "Husk at vedlægge bilag nu.  Du får svar inden fire uger.\n",
        encoding="utf-8",
    )
    assert _blocks(path) == [
        ("heading", "Tilskud"),
        ("paragraph", "Du kan søge om tilskud. Ansøgningen skal sendes senest 1. marts."),
        ("paragraph", "Husk at vedlægge bilag nu. Du får svar inden fire uger."),
    ]


def test_a_tab_in_a_markdown_page_is_still_a_space(tmp_path: Path) -> None:
    path = tmp_path / "side.md"
    path.write_text("# Gebyrer\n\nGebyr\tVoksne\n\nPas\t745 kr.\n", encoding="utf-8")
    assert _blocks(path) == [("heading", "Gebyrer"), ("paragraph", "Gebyr Voksne"), ("paragraph", "Pas 745 kr.")]


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        # A contact box of labels and values: no header, each line a row of its own.
        (
            "Adresse\tRådhuspladsen 1, 1599 København V\nTelefon\t33 66 33 66\nE-mail\tpost@kk.dk\n",
            ["Adresse; Rådhuspladsen 1, 1599 København V", "Telefon; 33 66 33 66", "E-mail; post@kk.dk"],
        ),
        # Labels ending in a colon label their values.
        (
            "Dato:      12. marts 2026\nSted:      Rådhuset, mødesal 2\nTid:       kl. 17.00-19.00\n",
            ["Dato: 12. marts 2026", "Sted: Rådhuset, mødesal 2", "Tid: kl. 17.00-19.00"],
        ),
        # Opening hours: the first day is no header over the others.
        (
            "Mandag-torsdag\t8-15\nFredag\t8-13\nLørdag\tLukket\nSøndag\tLukket\n",
            ["Mandag-torsdag; 8-15", "Fredag; 8-13", "Lørdag; Lukket", "Søndag; Lukket"],
        ),
        # Names over names: nothing says the first line labels the rest.
        (
            "Borgmester          Hans Hansen\nViceborgmester      Mette Jensen\n",
            ["Borgmester; Hans Hansen", "Viceborgmester; Mette Jensen"],
        ),
        # Yes and no below a first row that gives neither: still a row (a stop 41 reviewer's
        # table, when yes and no were taken for evidence of a header, read "Briller:
        # Høreapparat; Delvist: Ja; ...").
        (
            "Briller        Delvist   Kun ved særlige behov\nHøreapparat    Ja        Ja, via hospitalet\n"
            "Tandbehandling  Nej       Nej, kun akut hjælp\n",
            [
                "Briller; Delvist; Kun ved særlige behov",
                "Høreapparat; Ja; Ja, via hospitalet",
                "Tandbehandling; Nej; Nej, kun akut hjælp",
            ],
        ),
    ],
)
def test_a_table_without_evidence_of_a_header_keeps_its_first_line_as_a_row(
    tmp_path: Path, text: str, blocks: list[str]
) -> None:
    path = tmp_path / "boks.txt"
    path.write_text("Kontakt\n\n" + text, encoding="utf-8")
    assert _blocks(path) == [("heading", "Kontakt")] + [("table_row", block) for block in blocks]


def test_tab_cells_keep_their_columns_and_a_row_opened_by_a_tab_takes_the_first_cell_above(tmp_path: Path) -> None:
    path = tmp_path / "gebyrer.txt"
    path.write_text(
        "Gebyrer\n\nYdelse\tAlder\tPris\nPas\tVoksne\t745 kr.\n\tBørn under 18\t155 kr.\n"
        "Kørekort\t\t280 kr.\nBøde\t18 år eller ældre\t\n",
        encoding="utf-8",
    )
    assert _blocks(path)[1:] == [
        ("table_header", "Ydelse; Alder; Pris"),
        ("table_row", "Ydelse: Pas; Alder: Voksne; Pris: 745 kr."),
        ("table_row", "Ydelse: Pas; Alder: Børn under 18; Pris: 155 kr."),
        ("table_row", "Ydelse: Kørekort; Pris: 280 kr."),
        ("table_row", "Ydelse: Bøde; Alder: 18 år eller ældre"),
    ]


def test_an_indented_row_filling_all_but_the_first_column_takes_the_first_cell_above() -> None:
    lines = [
        "Dag         Tid           Sted",
        "Mandag      10-12         Hallen",
        "            14-16         Svømmehallen",
        "--------------------------------------",
        "Tirsdag     10-12         Hallen",
    ]
    assert aligned_table(lines) == [
        ["Dag", "Tid", "Sted"],
        ["Mandag", "10-12", "Hallen"],
        ["Mandag", "14-16", "Svømmehallen"],
        ["Tirsdag", "10-12", "Hallen"],
    ]


def test_tabbed_rows_named_by_an_ordinal_are_a_table_not_a_numbered_list(tmp_path: Path) -> None:
    # A stop 46 tester's text page: the quarters' payment dates under a tabbed header were
    # read as a heading ("Kvartal Periode Udbetalingsdato") over a numbered list, and
    # "Hvornår bliver børne- og ungeydelsen for 3. kvartal 2026 udbetalt?" was answered
    # with the page's title line.
    path = tmp_path / "datoer.txt"
    path.write_text(
        "Udbetalingsdatoer\n\n"
        "Kvartal\tPeriode\tUdbetalingsdato\n"
        "1. kvartal\tJanuar–marts\t20. januar 2026\n"
        "2. kvartal\tApril–juni\t20. april 2026\n\n"
        "1. Tjek, at du har en NemKonto.\n"
        "2. Kontakt Familieydelse.\n",
        encoding="utf-8",
    )
    assert _blocks(path) == [
        ("heading", "Udbetalingsdatoer"),
        ("table_header", "Kvartal; Periode; Udbetalingsdato"),
        ("table_row", "Kvartal: 1. kvartal; Periode: Januar–marts; Udbetalingsdato: 20. januar 2026"),
        ("table_row", "Kvartal: 2. kvartal; Periode: April–juni; Udbetalingsdato: 20. april 2026"),
        ("list_item", "1. Tjek, at du har en NemKonto."),
        ("list_item", "2. Kontakt Familieydelse."),
    ]


def test_tabbed_tables_with_long_cells_amounts_lettered_halls_or_a_heading_over_the_caption_are_read(
    tmp_path: Path,
) -> None:
    # Stop 46 testers' text pages: situations of up to 105 characters over "Op til 9.500
    # kr." (which ends like a sentence), and a hall named "hal A" (whose "A" reads like the
    # English article a line of prose ends on), were read as text, every row in one line.
    path = tmp_path / "selvrisiko.txt"
    path.write_text(
        "Selvrisiko\n\n"
        "Priser\n"
        "Priser for leje af lokaler i 2026\n"
        "Lokale\tPris\n"
        "Hal B\tGratis\n"
        "Mødelokale i Kulturhuset\t120 kr. pr. time\n\n"
        "Din selvrisiko ved misbrug af betalingskort\n"
        "Situation\tDin selvrisiko\n"
        "Misbrug, hvor pinkoden er brugt\tOp til 400 kr.\n"
        "Du har selv givet pinkoden til gerningsmanden, og du vidste eller burde vide, at der var risiko for misbrug"
        "\tHele tabet\n\n"
        "Lokale\tForeninger\tPrivate\n"
        "Lindevig Idrætscenter, hal A\tGratis\t375 kr. pr. time\n"
        "Strandskolens gymnastiksal\tGratis\t180 kr. pr. time\n",
        encoding="utf-8",
    )
    assert _blocks(path) == [
        ("heading", "Selvrisiko"),
        # A section's heading over the caption, as a browser copies <h2> and <caption>.
        ("heading", "Priser"),
        ("heading", "Priser for leje af lokaler i 2026"),
        ("table_row", "Lokale; Pris"),
        ("table_row", "Hal B; Gratis"),
        ("table_row", "Mødelokale i Kulturhuset; 120 kr. pr. time"),
        ("heading", "Din selvrisiko ved misbrug af betalingskort"),
        ("table_row", "Situation; Din selvrisiko"),
        ("table_row", "Misbrug, hvor pinkoden er brugt; Op til 400 kr."),
        (
            "table_row",
            "Du har selv givet pinkoden til gerningsmanden, og du vidste eller burde vide, at der var risiko for"
            " misbrug; Hele tabet",
        ),
        ("table_header", "Lokale; Foreninger; Private"),
        ("table_row", "Lokale: Lindevig Idrætscenter, hal A; Foreninger: Gratis; Private: 375 kr. pr. time"),
        ("table_row", "Lokale: Strandskolens gymnastiksal; Foreninger: Gratis; Private: 180 kr. pr. time"),
    ]


@pytest.mark.parametrize(
    "lines",
    [
        # A Word list with a tab after its marker, an outline, a statute's paragraphs.
        ["o\tGyldigt pas", "o\tFoto"],
        ["a)\tLønsedler", "b)\tKontoudtog"],
        ["1.1\tFormål", "1.2\tAnvendelsesområde"],
        ["§ 1\tNavn og hjemsted", "§ 2\tFormål"],
        ["Trin 1\tLog på med MitID", "Trin 2\tUdfyld skemaet"],
        # Numbered steps under a tabbed line: a number alone, or no tab, opens a list item.
        ["Trin\tHvor", "1.\tLog ind\tborger.dk", "2.\tVælg ydelsen\tborger.dk"],
        ["Kvartal\tUdbetalingsdato", "1. kvartal 20. januar 2026", "2. kvartal 20. april 2026"],
        # Numbered steps as the first cells, and ordinals in a table of two columns, whose
        # first line would be read as a row (a stop 47 review's pages).
        ["Trin\tHvad du gør\tHvornår", "1. Log ind\tMed MitID\tNår som helst", "2. Udfyld\tSkemaet\tSenest 1. marts"],
        ["Etage\tAfdeling", "Stuen\tBorgerservice", "1. sal\tJobcenter Lindå", "2. sal\tSocial og Sundhed"],
        # A table drawn with pipes is left as text.
        ["Ydelse      | Pris", "Pas         | 745 kr."],
        # A footnote indented under the rows.
        ["Tilbud                Pris", "Sauna                 40 kr.", "  * Børn under 3 år gratis"],
        # Prose typed with two spaces after each full stop, sentences ending in amounts, and
        # an indented note ending in one under a table set out with spaces (a stop 47
        # review's: read as rows, "Et pas til pensionister koster 448 kr.; Et nødpas koster
        # 200 kr." was quoted).
        [
            "Et pas til voksne koster 745 kr.  Et pas til børn koster 160 kr.",
            "Et nødpas koster 200 kr.  Et pas til pensionister koster 448 kr.",
        ],
        ["Ydelse                 Pris", "Nyt pas                745 kr.", "  Gebyret for ekspreslevering er 200 kr."],
        # Prose in two columns ending on a conjunction or an article in lower case, and a
        # sentence over a hundred characters between tabs.
        ["Ring i stedet på 33 66 33 66, hvis\tdu har spørgsmål.", "Skriv til os, og\tvi svarer."],
        ["Lokale\tNote", "Hal B\tDu kan leje hallen hele året, men om sommeren er den lukket i tre uger."],
        # Questions and answers set apart by two spaces.
        ["Hvad koster det?  Det er gratis.", "Hvornår?  Hver mandag."],
    ],
)
def test_lists_drawn_tables_and_footnoted_lines_are_no_plain_text_table(lines: list[str]) -> None:
    assert aligned_table(lines) is None


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        # Two columns are a label and its value per line, even over figures.
        (
            "Sygeplejen  Døgnåben\nLægevagten  1813\nAlarmcentralen  112\n",
            ["Sygeplejen; Døgnåben", "Lægevagten; 1813", "Alarmcentralen; 112"],
        ),
        # A first line opened like the lines under it (a date, a day) is one of them.
        (
            "24. december\tLukket\tLukket\n27. december\t10-14\t10-12\n31. december\t10-13\tLukket\n",
            ["24. december; Lukket; Lukket", "27. december; 10-14; 10-12", "31. december; 10-13; Lukket"],
        ),
        # A tab row opened in lower case goes on the cell above it.
        (
            "Ansøgningsfrist:\t1. marts 2026\nBemærk:\tAnsøgninger, der modtages efter fristen,\n\tbehandles ikke.\n",
            ["Ansøgningsfrist: 1. marts 2026", "Bemærk: Ansøgninger, der modtages efter fristen, behandles ikke."],
        ),
    ],
)
def test_labels_dates_and_hanging_lines_read_as_rows_without_a_header(
    tmp_path: Path, text: str, blocks: list[str]
) -> None:
    path = tmp_path / "rækker.txt"
    path.write_text("Oversigt\n\n" + text, encoding="utf-8")
    assert _blocks(path) == [("heading", "Oversigt")] + [("table_row", block) for block in blocks]


@pytest.mark.parametrize(
    "lines",
    [
        # A footnote or a list under the lines, not indented.
        ["Ydelse\tPris", "Pas\t745 kr.*", "*\tBørn under 18 år betaler halv pris"],
        ["Du skal medbringe:  Gyldigt pas", "-  Billede", "-  Sundhedskort"],
        # A bullet that is a letter (Word's symbol fonts copied as text).
        ["ü\tGyldigt pas", "ü\tPasfoto", "ü\tGebyr 745 kr."],
        # Separators between the parts of a footer line.
        ["Esbjerg Kommune  ·  Torvegade 74  ·  6700 Esbjerg", "Tlf. 76 16 16 16  ·  CVR 29189803"],
        # Prose set in two columns, a line ending in a word that leads on.
        ["Ring i stedet på 33 66 33 66, hvis  Vi svarer", "det haster  mellem kl. 9 og 15"],
    ],
)
def test_footnotes_bullets_separators_and_running_prose_are_no_plain_text_table(lines: list[str]) -> None:
    assert aligned_table(lines) is None


def test_a_cell_wrapped_in_every_value_column_is_no_row_of_its_own() -> None:
    lines = [
        "Ydelse            Hvem kan søge            Frist",
        "Varmetillæg       Folkepensionister med    1. december",
        "                  lav formue               2025",
        "Helbredstillæg    Folkepensionister        Løbende",
    ]
    assert aligned_table(lines) == [
        ["Ydelse", "Hvem kan søge", "Frist"],
        ["Varmetillæg", "Folkepensionister med lav formue", "1. december 2025"],
        ["Helbredstillæg", "Folkepensionister", "Løbende"],
    ]


def test_between_tabs_a_cell_ending_on_a_word_that_leads_on_ends_where_the_next_opens_in_capitals() -> None:
    # A stop 48 tester's text page: the header "Hvad sker der" ends on "der", which leads on
    # in prose ("hvis der"), and the table was read as two paragraphs of run-together cells
    # ("Vi har overset din beholder Vi kommer tilbage ... Gratis Beholderen stod ikke
    # klar ..."). Between tabs the next cell, or the next line's first, opening in lower
    # case still makes such a line prose (the cases of
    # `test_lists_drawn_tables_and_footnoted_lines_are_no_plain_text_table`).
    lines = [
        "Årsag\tHvad sker der\tPris",
        "Vi har overset din beholder\tVi kommer tilbage inden for 2 hverdage\tGratis",
        "Beholderen stod ikke klar\tDu kan bestille en ekstratømning\t245 kr. pr. beholder",
    ]
    assert aligned_table(lines) == [
        ["Årsag", "Hvad sker der", "Pris"],
        ["Vi har overset din beholder", "Vi kommer tilbage inden for 2 hverdage", "Gratis"],
        ["Beholderen stod ikke klar", "Du kan bestille en ekstratømning", "245 kr. pr. beholder"],
    ]
    assert aligned_table(["Ring til os, hvis\tdu har spørgsmål", "Skriv til os\tVi svarer"]) is None
    assert aligned_table(["Skriv til os\tVi svarer, når", "vi kan\tTak"]) is None


def test_a_long_line_of_dashes_ending_in_a_word_is_text_not_a_rule(tmp_path: Path) -> None:
    # A rule line is told by its characters; one pattern of overlapping runs took a minute
    # on 4,000 dashes followed by a letter, and would never end on a line this long.
    line = "-" * 20_000 + "x"
    path = tmp_path / "streg.txt"
    path.write_text(f"Gebyrer\n\nYdelse  Pris  Frist\n{line}  745 kr.  1. marts\n", encoding="utf-8")
    assert aligned_table(["Ydelse  Pris", "------  -----", "Pas     745 kr."]) == [
        ["Ydelse", "Pris"],
        ["Pas", "745 kr."],
    ]
    assert [kind for kind, _ in _blocks(path)] == ["heading", "paragraph"]


def test_a_header_of_day_names_or_capitalised_labels_without_a_title_is_still_the_header(tmp_path: Path) -> None:
    # A third reviewer's tables (stop 40), whose real headers a first version of the titled
    # tables' test of values refused for every plain-text table.
    path = tmp_path / "aabningstider.txt"
    path.write_text(
        "Borgerservice\n\n"
        "Her kan du se, hvornår du kan få hjælp i Borgerservice og på biblioteket.\n\n"
        "Afdeling             Hverdage                        Lørdag\n"
        "Borgerservice        Man-ons 10-14, tors 10-17       Lukket\n"
        "Biblioteket          Man-fre 8-20                    10-14\n\n"
        "School          Head Teacher     Deputy Head     Phone\n"
        "Bakkeskolen     Anne Madsen      Per Olsen       72 36 50 00\n"
        "Østre Skole     Lene Berg        Ole Dahl        72 36 51 00\n",
        encoding="utf-8",
    )
    assert _blocks(path)[2:] == [
        ("table_header", "Afdeling; Hverdage; Lørdag"),
        ("table_row", "Afdeling: Borgerservice; Hverdage: Man-ons 10-14, tors 10-17; Lørdag: Lukket"),
        ("table_row", "Afdeling: Biblioteket; Hverdage: Man-fre 8-20; Lørdag: 10-14"),
        ("table_header", "School; Head Teacher; Deputy Head; Phone"),
        ("table_row", "School: Bakkeskolen; Head Teacher: Anne Madsen; Deputy Head: Per Olsen; Phone: 72 36 50 00"),
        ("table_row", "School: Østre Skole; Head Teacher: Lene Berg; Deputy Head: Ole Dahl; Phone: 72 36 51 00"),
    ]


def test_a_tabbed_table_under_a_long_caption_or_a_lead_in_with_a_note_under_it_is_read_as_a_table(
    tmp_path: Path,
) -> None:
    # Stop 45 testers' text pages: a caption of eight words right over a table whose cells
    # are set apart by tabs, its header naming a year over amounts, and a two-column table
    # under its caption. Read as one paragraph each, the caption and the rows ran together
    # into one sentence quoted whole ("Hjemmeboende tillæg ... Under 385.000 kr. 2.180 kr.
    # Fuldt tillæg").
    path = tmp_path / "su.txt"
    path.write_text(
        "Hjemmeboende SU\n\n"
        "Hjemmeboende tillæg pr. måned i 2026 (videregående uddannelse)\n"
        "Forældrenes samlede indkomst i 2024\tTillæg pr. måned\tBemærkning\n"
        "Under 385.000 kr.\t2.180 kr.\tFuldt tillæg\n"
        "385.000-450.000 kr.\t1.640 kr.\tDelvist tillæg\n\n"
        "Sådan betaler du restskat:\n"
        "Betalingstidspunkt\tHvad det koster\n"
        "Senest 31. december 2026\tIngen renter eller tillæg\n"
        "Efter 1. juli 2027\tRestskattillæg på 5,8 %\n"
        "Dagsprocenten er fradragsberettiget.\n\n"
        "Beløbene gælder for 2026.\n",
        encoding="utf-8",
    )
    assert _blocks(path) == [
        ("heading", "Hjemmeboende SU"),
        ("heading", "Hjemmeboende tillæg pr. måned i 2026 (videregående uddannelse)"),
        ("table_header", "Forældrenes samlede indkomst i 2024; Tillæg pr. måned; Bemærkning"),
        (
            "table_row",
            "Forældrenes samlede indkomst i 2024: Under 385.000 kr.; Tillæg pr. måned: 2.180 kr.; "
            "Bemærkning: Fuldt tillæg",
        ),
        (
            "table_row",
            "Forældrenes samlede indkomst i 2024: 385.000-450.000 kr.; Tillæg pr. måned: 1.640 kr.; "
            "Bemærkning: Delvist tillæg",
        ),
        ("paragraph", "Sådan betaler du restskat:"),
        ("table_row", "Betalingstidspunkt; Hvad det koster"),
        ("table_row", "Senest 31. december 2026; Ingen renter eller tillæg"),
        ("table_row", "Efter 1. juli 2027; Restskattillæg på 5,8 %"),
        ("paragraph", "Dagsprocenten er fradragsberettiget."),
        ("paragraph", "Beløbene gælder for 2026."),
    ]


def test_one_tabbed_line_in_a_paragraph_of_text_stays_text(tmp_path: Path) -> None:
    # A single line with a tab is no table: the paragraph reads as text, the tab a space.
    path = tmp_path / "note.txt"
    path.write_text(
        "Kontakt\n\nRing til os på hverdage.\nTelefon:\t70 12 34 56\nVi svarer hurtigt.\n", encoding="utf-8"
    )
    assert _blocks(path) == [
        ("heading", "Kontakt"),
        ("paragraph", "Ring til os på hverdage."),
        ("paragraph", "Telefon: 70 12 34 56"),
        ("paragraph", "Vi svarer hurtigt."),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A note under the table and a statement over it stay quotable text, not headings.
        (
            "Priser\n\nEntré i svømmehallen:\nVoksne\t50 kr.\nBørn\t25 kr.\nGælder ikke ved arrangementer\n\n"
            "Børn under 3 år kommer gratis ind.\n",
            [
                ("heading", "Priser"),
                ("paragraph", "Entré i svømmehallen:"),
                ("table_row", "Voksne; 50 kr."),
                ("table_row", "Børn; 25 kr."),
                ("paragraph", "Gælder ikke ved arrangementer"),
                ("paragraph", "Børn under 3 år kommer gratis ind."),
            ],
        ),
        (
            "Kontakt\n\nBorgerservice har åbent hverdage kl. 10-14\nMandag\t10-14\nTorsdag\t10-17\n\nSlut.\n",
            [
                ("heading", "Kontakt"),
                ("paragraph", "Borgerservice har åbent hverdage kl. 10-14"),
                ("table_row", "Mandag; 10-14"),
                ("table_row", "Torsdag; 10-17"),
                ("paragraph", "Slut."),
            ],
        ),
        # A caption over a first row of values: no header, as `titled_table` decides.
        (
            "Jul\n\nÅbningstider i julen\nJuleaftensdag\tLukket\tLukket\n27. december\t10-14\t10-16\n"
            "30. december\t10-14\tLukket\n\nHusk at booke tid.\n",
            [
                ("heading", "Jul"),
                ("heading", "Åbningstider i julen"),
                ("table_row", "Juleaftensdag; Lukket; Lukket"),
                ("table_row", "27. december; 10-14; 10-16"),
                ("table_row", "30. december; 10-14; Lukket"),
                ("paragraph", "Husk at booke tid."),
            ],
        ),
        # A cell wrapped onto an untabbed last line: the paragraph reads as before.
        (
            "Åbningstider\n\nVores afdelinger har åbent:\nBorgerservice\tMandag-onsdag 10-14\n"
            "Ydelseskontoret\tMandag-onsdag 10-14,\ntorsdag 10-17\nDu kan skrive til os.\n",
            [
                ("heading", "Åbningstider"),
                ("paragraph", "Vores afdelinger har åbent:"),
                ("paragraph", "Borgerservice Mandag-onsdag 10-14"),
                ("paragraph", "Ydelseskontoret Mandag-onsdag 10-14, torsdag 10-17"),
                ("paragraph", "Du kan skrive til os."),
            ],
        ),
        # A first row of values whose amount lacks "kr." is no header.
        (
            "Tillæg\n\nUnder 385.000\tFuldt tillæg\tIngen modregning\n385.000-450.000 kr.\t1.640 kr.\tDelvis\n"
            "Over 450.000 kr.\t1.100 kr.\tDelvis\n",
            [
                ("heading", "Tillæg"),
                ("table_row", "Under 385.000; Fuldt tillæg; Ingen modregning"),
                ("table_row", "385.000-450.000 kr.; 1.640 kr.; Delvis"),
                ("table_row", "Over 450.000 kr.; 1.100 kr.; Delvis"),
            ],
        ),
    ],
)
def test_lines_around_a_tabbed_table_stay_text_and_values_are_no_header(
    tmp_path: Path, text: str, expected: list[tuple[str, str]]
) -> None:
    # A stop 46 review of the change above: a note under the table and a stating line
    # over it were read as headings (never quoted), a caption over a holiday plan made its
    # first row of values the header, a wrapped last cell was cut from its row, and a first
    # row "Under 385.000" without "kr." was taken for a header over amounts.
    path = tmp_path / "side.txt"
    path.write_text(text, encoding="utf-8")
    assert _blocks(path) == expected


def test_a_tabbed_table_whose_header_cell_asks_a_question_is_read_row_by_row(tmp_path: Path) -> None:
    # Held-out t114's text page: "Situation\tHvornår kan du søge?\tSidste frist" over its
    # rows was read as prose, every row glued into one paragraph and quoted as an answer.
    path = tmp_path / "feriepenge.txt"
    path.write_text(
        "Feriepenge for unge\n\nDu kan søge om dine feriepenge på borger.dk.\n\n"
        "Frister for at søge\n"
        "Situation\tHvornår kan du søge?\tSidste frist\n"
        "Du skal holde ferie\tTidligst 1 måned før ferien\t31. december efter ferieåret\n"
        "Du flytter fra Danmark\tNår din udrejse er registreret i CPR\t1 år efter udrejsen\n",
        encoding="utf-8",
    )
    assert _blocks(path)[2:] == [
        ("heading", "Frister for at søge"),
        ("table_header", "Situation; Hvornår kan du søge?; Sidste frist"),
        (
            "table_row",
            "Situation: Du skal holde ferie; Hvornår kan du søge?: Tidligst 1 måned før ferien; "
            "Sidste frist: 31. december efter ferieåret",
        ),
        (
            "table_row",
            "Situation: Du flytter fra Danmark; Hvornår kan du søge?: Når din udrejse er registreret i CPR; "
            "Sidste frist: 1 år efter udrejsen",
        ),
    ]


@pytest.mark.parametrize(
    "lines",
    [
        # A question and its answer set apart by a tab: the answer is a sentence.
        ["Hvad koster det?\tDet er gratis for alle borgere.", "Hvornår er der åbent?\tVi har åbent hver dag."],
        # A stop 53 review's: a table of contents, each question with its page, and a
        # self-test's questions with their answers to tick.
        ["Hvad er boligstøtte?\t3", "Hvem kan få boligstøtte?\t4", "Hvordan søger jeg?\t6"],
        ["Har du feber?\tJa\tNej", "Har du hoste eller ondt i halsen?\tJa\tNej"],
        # A long question is prose, not a column's header.
        ["Hvad gør jeg, hvis jeg har mistet mit sygesikringskort på rejsen?\tRing\t70 70 70 70", "Kort\tPris\t100"],
    ],
)
def test_questions_beside_sentences_or_long_questions_between_tabs_are_no_table_header(lines: list[str]) -> None:
    assert aligned_table(lines) is None


def test_an_indented_table_under_a_rule_of_dashes_is_read_under_its_header(tmp_path: Path) -> None:
    # As page set zzzzk's text page (forbrugerklagenaevnet-klag-over-et-koeb.txt) set its
    # fees, the way pandoc's plain text writes a simple table: indented by two spaces, the
    # header underlined column by column. Each row was read as one sentence with the
    # header and the dashes in it, and quoted for "Hvad er gebyret for at klage?".
    path = tmp_path / "klage.txt"
    path.write_text(
        "Oversigt over gebyrer:\n\n"
        "  Ydelse                                   Pris\n"
        "  ---------------------------------------  -----------\n"
        "  Klagegebyr for privatpersoner             400 kr.\n"
        "  Sagsgebyr for erhvervsdrivende            2.500 kr.\n\n"
        "Du får gebyret tilbage, hvis du får medhold.\n",
        encoding="utf-8",
    )
    assert _blocks(path) == [
        ("paragraph", "Oversigt over gebyrer:"),
        ("table_header", "Ydelse; Pris"),
        ("table_row", "Ydelse: Klagegebyr for privatpersoner; Pris: 400 kr."),
        ("table_row", "Ydelse: Sagsgebyr for erhvervsdrivende; Pris: 2.500 kr."),
        ("paragraph", "Du får gebyret tilbage, hvis du får medhold."),
    ]


@pytest.mark.parametrize(
    "lines",
    [
        # a word across the columns the rule marks: prose under a rule, no table
        ["Ydelse       Pris", "------------ -----", "Betaling sker forud for hver måned", "Gebyr        400 kr."],
        # text left of the first column
        ["  Ydelse       Pris", "  ----------   -----", "Note: priserne gælder 2026", "  Gebyr        400 kr."],
        # one column only: a heading underlined, not a table
        ["Priser", "------", "Gebyr  400 kr."],
        # a header over no rows
        ["Ydelse       Pris", "-----------  -----"],
        # A stop 63 reviewer's: a cell wrapped onto a line of its own (page set zzzzh's pay
        # table), which a looser reading glued to the wrong row or read as a row alone
        [
            "  Ydelse                                        Civil værnepligt",
            "  --------------------------------------------  ----------------",
            "  Grundløn pr. måned                            14.620 kr.",
            "  Kost og logi på et af Beredskabsstyrelsens    Gratis",
            "  centre",
        ],
        # rows leaving a cell empty (a weekday closed on the phone), not wrapped cells
        [
            "  Dag            Åbent            Telefontid",
            "  -------------  ---------------  ---------------",
            "  mandag         kl. 10-15        kl. 9-12",
            "  tirsdag        kl. 10-15",
        ],
        # an empty corner cell over the rows' names: the labels would shift a column
        [
            "                 Hverdage         Weekend",
            "  -------------  ---------------  ---------------",
            "  Borgerservice  kl. 10-17        Lukket",
        ],
        # a right-aligned first header
        [
            "         Nr.  Ordning                         Pris",
            "  ----------  ------------------------------  ------------",
            "           1  Restaffald, 14-dages tømning    1.250 kr.",
        ],
        # a second table's header under a rule among the rows
        [
            "  Ydelse          Pris",
            "  --------------  ----------",
            "  Pas til voksne  658 kr.",
            "  Dag             Åbent",
            "  --------------  ----------",
            "  Mandag          kl. 10-15",
        ],
        # a line holding a line separator alone among the rows (it crashed a looser reading)
        ["  Ydelse          Pris", "  --------------  ----------", "  Pas til voksne  658 kr.", "\u2028"],
    ],
)
def test_lines_under_a_rule_that_are_no_table_are_not_read_as_one(lines: list[str]) -> None:
    assert ruled_table(lines) is None


@pytest.mark.parametrize(
    "text",
    [
        # A stop 63 reviewer's: an e-mail's signature over a rule (its last line is no title)
        "Med venlig hilsen\n\nAnne Jensen\nSagsbehandler, Ydelsescentret\n-----\nUdbetaling Danmark\n",
        # a column of prices over its sum
        "Priser\n\nGynge 18.000 kr\nMontering 12.000 kr\n-----------------\nI alt ekskl. moms 85.500 kr\n",
        # a sum alone over a double rule
        "Budget\n\nI alt 35.450\n============\n",
        # a phone number and a framed notice with a date
        "Tandlægevagt\n\nRing til tandlægevagten på 70 25 00 41\n---------------------------------\n",
        "Fripladstilskud\n\n-----\nVIGTIGT: Ansøgningsfristen er den 1. april 2026\n-----\n\nSøg i god tid.\n",
        # a list's last item and a hard-wrapped sentence's last line
        "Husk:\n\n* Pas\n* Dit sygesikringskort\n---------------------\n",
        "Behandlingstiden er 30 dage for\nenfamiliehuse og op til 60 dage for erhvervsbyggeri\n--------\n",
    ],
)
def test_a_line_over_a_rule_that_is_no_title_stays_text(tmp_path: Path, text: str) -> None:
    path = tmp_path / "tekst.txt"
    path.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    above = [lines[i - 1] for i, line in enumerate(lines) if i and line and set(line) <= {"-", "="}]
    above = [line for line in above if line.strip("-")]
    blocks = _blocks(path)
    assert above
    for line in above:
        assert not [block for kind, block in blocks if kind == "heading" and line.lstrip("* ") in block]
        assert [block for kind, block in blocks if line.lstrip("* ") in block]


def test_a_rule_under_a_tables_header_still_marks_the_header(tmp_path: Path) -> None:
    # A rule of one run under a header set apart in columns is the table's, not a title's.
    path = tmp_path / "tabel.txt"
    path.write_text(
        "Priser\n\n"
        "Tilbud                 Hvor                 Pris\n"
        "-------------------------------------------------\n"
        "Demenscafé             Aktivitetscenteret   20 kr.\n"
        "Motionshold            Hallen               Gratis\n",
        encoding="utf-8",
    )
    assert _blocks(path)[1:] == [
        ("table_header", "Tilbud; Hvor; Pris"),
        ("table_row", "Tilbud: Demenscafé; Hvor: Aktivitetscenteret; Pris: 20 kr."),
        ("table_row", "Tilbud: Motionshold; Hvor: Hallen; Pris: Gratis"),
    ]


def test_a_ruled_table_closed_by_a_rule_under_its_last_row_is_read() -> None:
    lines = [
        "  Application type                       Fee",
        "  -------------------------------------  -------------",
        "  Work permit (Pay Limit Scheme)         DKK 6,055",
        "  Family reunification, spouse           DKK 10,550",
        "  -------------------------------------  -------------",
    ]
    assert ruled_table(lines) == [
        ["Application type", "Fee"],
        ["Work permit (Pay Limit Scheme)", "DKK 6,055"],
        ["Family reunification, spouse", "DKK 10,550"],
    ]


def test_a_rule_alone_between_sections_is_no_heading_and_a_title_over_its_rule_stays_quotable(
    tmp_path: Path,
) -> None:
    # As page set zzzy's text page set its sections apart (a rule alone, read as a heading
    # "------"). A title over its underline stays one paragraph with the rule and its text
    # (stop 62's reading): made a heading at stop 63, three rounds of reviewers found names,
    # framed notices, decisions and the short values under titles hidden in headings.
    path = tmp_path / "jagt.txt"
    path.write_text(
        "Praktisk jagtprøve\n\n"
        "Du skal bestå både haglskydning og riffelskydning.\n\n"
        "----------------------------------------\n\n"
        "Hvad koster det?\n----------------\nDet er gratis\n\n"
        "Anne Sørensen\n-------------\nDagtilbudschef\n",
        encoding="utf-8",
    )
    blocks = _blocks(path)
    assert [block for kind, block in blocks if kind == "heading"] == ["Praktisk jagtprøve"]
    assert not [block for _, block in blocks if set(block) <= {"-", " "}]
    for value in ("Det er gratis", "Anne Sørensen"):
        assert [kind for kind, block in blocks if value in block] == ["paragraph"]


@pytest.mark.parametrize(
    "notice",
    [
        "OBS! Borgerservice holder sommerlukket i hele juli måned",
        "1. maj holder Borgerservice lukket hele dagen",
        "KOG VANDET FØR DU DRIKKER DET",
        "VIGTIGT: HUSK AT OPSIGE PLADSEN SKRIFTLIGT",
        "Beslutning: Afvist",
        # the third review's: a short framed statement
        "Gratis adgang",
    ],
)
def test_a_notice_or_a_decision_framed_by_rules_is_no_title(tmp_path: Path, notice: str) -> None:
    # A stop 63 review's framed notices and minutes: a statement, a date, a label's value.
    path = tmp_path / "notits.txt"
    path.write_text(
        f"Borgerservice\n\nVi hjælper med pas.\n\n--------\n{notice}\n--------\n\nSe mere.\n", encoding="utf-8"
    )
    assert ("heading", notice) not in _blocks(path)


def test_a_ruled_tables_row_that_wraps_onto_a_full_line_is_no_table() -> None:
    # A stop 63 review's hand-typed table: the wrapped line fills every column too.
    lines = [
        "  Hjælpemiddel                   Tilskud",
        "  -----------------------------  ------------------------",
        "  Briller til børn               Op til 1.500 kr.",
        "  Arbejdsstol                    Halvdelen af prisen,",
        "  til hjemmet                    højst 2.000 kr.",
    ]
    assert ruled_table(lines) is None


def test_a_window_titles_underline_is_no_paragraph(tmp_path: Path) -> None:
    # A stop 63 reviewer's text copy of a page: the window title underlined.
    path = tmp_path / "storskrald.txt"
    path.write_text(
        "Storskrald | Lindå Kommune\n--------------------------\n\nDu kan bestille afhentning af storskrald.\n",
        encoding="utf-8",
    )
    assert _blocks(path) == [
        ("heading", "Storskrald | Lindå Kommune"),
        ("paragraph", "Du kan bestille afhentning af storskrald."),
    ]
