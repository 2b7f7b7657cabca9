"""Word's list numbers, footnotes and endnotes, and table rows off the grid's edge, read as
Word shows them (qa.readers.docx, qa.readers.word_numbering)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.documents import read_document
from qa.readers.word_numbering import format_number
from tests.generated_documents import docx_paragraph as p
from tests.generated_documents import write_docx_parts


def _blocks(path: Path) -> list[tuple[str, int, str]]:
    document = read_document(path)
    return [(b.kind, b.level, document.block_text(b)) for b in document.blocks]


def _level(ilvl: int, fmt: str, text: str, start: int | None = 1, extra: str = "") -> str:
    start_xml = f"<w:start w:val='{start}'/>" if start is not None else ""
    return f"<w:lvl w:ilvl='{ilvl}'>{start_xml}<w:numFmt w:val='{fmt}'/>{extra}<w:lvlText w:val='{text}'/></w:lvl>"


def _num(num_id: int, abstract: int, overrides: str = "") -> str:
    return f"<w:num w:numId='{num_id}'><w:abstractNumId w:val='{abstract}'/>{overrides}</w:num>"


def test_word_list_numbers_count_per_level_restart_deeper_levels_and_write_each_level_in_its_format(
    tmp_path: Path,
) -> None:
    # Two lists share abstract definition 1 as Word counts them: list 2 restarts level 0
    # at 5 (w:startOverride), and list 1 goes on from there.
    numbering = (
        "<w:abstractNum w:abstractNumId='1'>"
        + _level(0, "decimal", "%1.")
        + _level(1, "lowerLetter", "%2)")
        + _level(2, "decimal", "%1.%2.%3.")
        + "</w:abstractNum>"
        + _num(1, 1)
        + _num(2, 1, "<w:lvlOverride w:ilvl='0'><w:startOverride w:val='5'/></w:lvlOverride>")
    )
    body = "".join(
        [
            p("Log ind med MitID.", 1, 0),
            p("Vælg MitID-appen.", 1, 1),
            p("Godkend med pinkode.", 1, 1),
            p("Tjek koden.", 1, 2),
            p("Udfyld ansøgningen.", 1, 0),
            p("Vedhæft et foto.", 1, 1),
            p("Send ansøgningen.", 2, 0),
            p("Gem kvitteringen.", 1, 0),
        ]
    )
    assert _blocks(write_docx_parts(tmp_path / "trin.docx", body, numbering)) == [
        ("list_item", 0, "1. Log ind med MitID."),
        ("list_item", 0, "a) Vælg MitID-appen."),
        ("list_item", 0, "b) Godkend med pinkode."),
        ("list_item", 0, "1.b.1. Tjek koden."),  # %2 in level 1's own format
        ("list_item", 0, "2. Udfyld ansøgningen."),
        ("list_item", 0, "a) Vedhæft et foto."),  # restarted by level 0
        ("list_item", 0, "5. Send ansøgningen."),
        ("list_item", 0, "6. Gem kvitteringen."),
    ]


def test_word_list_levels_restart_as_lvlrestart_says_and_legal_numbering_writes_decimals(tmp_path: Path) -> None:
    numbering = (
        "<w:abstractNum w:abstractNumId='1'>"
        + _level(0, "upperLetter", "%1.", start=3)
        + _level(1, "upperRoman", "%2.", extra="<w:lvlRestart w:val='0'/>")  # never restarts
        + _level(2, "lowerRoman", "%1.%2.%3", extra="<w:isLgl/>")
        + "</w:abstractNum>"
        + _num(1, 1)
    )
    body = "".join(
        [
            p("Ansøgning.", 1, 0),
            p("Skema.", 1, 1),
            p("Bilag.", 1, 2),
            p("Afgørelse.", 1, 0),
            p("Klage.", 1, 1),
            p("Frist.", 1, 2),
        ]
    )
    assert _blocks(write_docx_parts(tmp_path / "sag.docx", body, numbering)) == [
        ("list_item", 0, "C. Ansøgning."),
        ("list_item", 0, "I. Skema."),
        ("list_item", 0, "3.1.1 Bilag."),
        ("list_item", 0, "D. Afgørelse."),
        ("list_item", 0, "II. Klage."),  # goes on after I.
        ("list_item", 0, "4.2.1 Frist."),  # level 2 restarted by level 1
    ]


def test_word_bullets_and_lists_without_a_number_word_can_write_are_items_without_a_marker(tmp_path: Path) -> None:
    numbering = (
        "<w:abstractNum w:abstractNumId='1'>"
        + _level(0, "bullet", "\uf0b7")
        + "</w:abstractNum><w:abstractNum w:abstractNumId='2'>"
        + _level(0, "ordinal", "%1.")
        + "</w:abstractNum><w:abstractNum w:abstractNumId='3'>"
        + _level(0, "none", "%1")
        + "</w:abstractNum><w:abstractNum w:abstractNumId='4'>"
        + _level(0, "decimal", "–")  # a text bullet in a numbered format
        + "</w:abstractNum>"
        + "".join(_num(n, n) for n in range(1, 5))
    )
    body = "".join(
        [
            p("Pas.", 1),
            p("Første.", 2),
            p("Uden tal.", 3),
            p("Med streg.", 4),
            p("Ukendt liste.", 9),  # a list the numbering part does not define
            p("Niveau uden definition.", 1, 3),
        ]
    )
    assert _blocks(write_docx_parts(tmp_path / "punkter.docx", body, numbering)) == [
        ("list_item", 0, "Pas."),
        ("list_item", 0, "Første."),
        ("list_item", 0, "Uden tal."),
        ("list_item", 0, "Med streg."),
        ("list_item", 0, "Ukendt liste."),
        ("list_item", 0, "Niveau uden definition."),
    ]


def test_a_paragraph_numbered_through_its_style_is_a_numbered_list_item(tmp_path: Path) -> None:
    # Before, a style's numbering was not seen: "Åbn appen." read as a paragraph.
    numbering = "<w:abstractNum w:abstractNumId='1'>" + _level(0, "decimal", "%1)") + "</w:abstractNum>" + _num(7, 1)
    body = p("Åbn appen.", style="Trin") + p("Vælg Ny ansøgning.", style="Trin") + p("Klar.")
    path = write_docx_parts(tmp_path / "app.docx", body, numbering, numbered_styles={"Trin": 7})
    assert _blocks(path) == [
        ("list_item", 0, "1) Åbn appen."),
        ("list_item", 0, "2) Vælg Ny ansøgning."),
        ("paragraph", 0, "Klar."),
    ]


def test_a_numbered_paragraph_in_a_table_cell_shows_its_number(tmp_path: Path) -> None:
    numbering = "<w:abstractNum w:abstractNumId='1'>" + _level(0, "decimal", "%1.") + "</w:abstractNum>" + _num(1, 1)
    cell = "<w:tc>{}</w:tc>"
    body = (
        "<w:tbl><w:tr>" + cell.format(p("Trin")) + cell.format(p("Handling")) + "</w:tr>"
        "<w:tr>"
        + cell.format(p("Før"))
        + cell.format(p("Log ind.", 1) + p("Vælg sag.", 1))
        + "</w:tr></w:tbl>"
        + p("Send.", 1)
    )
    assert _blocks(write_docx_parts(tmp_path / "tabel.docx", body, numbering)) == [
        ("table_header", 0, "Trin; Handling"),
        ("table_row", 0, "Trin: Før; Handling: 1. Log ind. 2. Vælg sag."),
        ("list_item", 0, "3. Send."),
    ]


@pytest.mark.parametrize(
    ("number", "number_format", "written"),
    [
        (3, "decimal", "3"),
        (3, "lowerLetter", "c"),
        (27, "lowerLetter", "aa"),
        (28, "upperLetter", "BB"),  # Word doubles the letter (CSS writes "AB")
        (4, "lowerRoman", "iv"),
        (1999, "upperRoman", "MCMXCIX"),
        (0, "lowerRoman", "0"),
        (781, "lowerLetter", "781"),  # past "z" thirty times
        (5, "none", ""),
        (5, "bullet", None),
        (5, "ordinal", None),
    ],
)
def test_a_number_is_written_in_words_number_formats(number: int, number_format: str, written: str | None) -> None:
    assert format_number(number, number_format) == written


def _run(text: str) -> str:
    return f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r>"


def _reference(kind: str, note_id: int) -> str:
    return f"<w:r><w:rPr><w:rStyle w:val='FootnoteReference'/></w:rPr><w:{kind}Reference w:id='{note_id}'/></w:r>"


def _note(kind: str, note_id: int, *texts: str, note_type: str | None = None) -> str:
    kind_attribute = f" w:type='{note_type}'" if note_type else ""
    paragraphs = "".join(f"<w:p><w:r><w:{kind}Ref/></w:r><w:r><w:tab/><w:t>{text}</w:t></w:r></w:p>" for text in texts)
    return f"<w:{kind} w:id='{note_id}'{kind_attribute}>{paragraphs}</w:{kind}>"


_SEPARATORS = (
    "<w:{0} w:id='-1' w:type='separator'><w:p><w:r><w:separator/></w:r></w:p></w:{0}>"
    "<w:{0} w:id='0' w:type='continuationSeparator'><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{0}>"
)


def test_footnotes_and_endnotes_follow_the_paragraph_or_table_that_refers_to_them_once_each(tmp_path: Path) -> None:
    # Before, their text was lost: the fee for children and the exception were not read.
    footnotes = (
        _SEPARATORS.format("footnote")
        + _note("footnote", 1, "Børn under 2 år betaler ikke.")
        + _note("footnote", 2, "Gebyret fastsættes af Folketinget.", "Det reguleres hvert år.")
        + _note("footnote", 3, "Prisen gælder fra 1. januar 2025.")
        + _note("footnote", 4, "En slettet note.")
    )
    endnotes = _SEPARATORS.format("endnote") + _note("endnote", 1, "Se pasbekendtgørelsen § 3.")
    body = (
        "<w:p>"
        + _run("Et pas koster 745 kr.")
        + _reference("footnote", 2)
        + _run(" Børn betaler 155 kr.")
        + _reference("footnote", 1)
        + "<w:del w:id='9' w:author='A'>"
        + _reference("footnote", 4)
        + "</w:del></w:p>"
        + "<w:p>"
        + _run("Du skal møde op selv.")
        + _reference("endnote", 1)
        + _run(" Gebyret betales ved bestillingen.")
        + _reference("footnote", 2)
        + "</w:p>"
        + "<w:tbl><w:tr><w:tc><w:p>"
        + _run("Ydelse")
        + "</w:p></w:tc><w:tc><w:p>"
        + _run("Pris")
        + "</w:p></w:tc></w:tr><w:tr><w:tc><w:p>"
        + _run("Pas")
        + "</w:p></w:tc><w:tc><w:p>"
        + _run("745 kr.")
        + _reference("footnote", 3)
        + "</w:p></w:tc></w:tr></w:tbl>"
        + p("Læs mere på borger.dk.")
    )
    path = write_docx_parts(tmp_path / "pas.docx", body, footnotes=footnotes, endnotes=endnotes)
    assert _blocks(path) == [
        ("paragraph", 0, "Et pas koster 745 kr. Børn betaler 155 kr."),  # no mark glued to "kr."
        ("paragraph", 0, "Gebyret fastsættes af Folketinget."),
        ("paragraph", 0, "Det reguleres hvert år."),
        ("paragraph", 0, "Børn under 2 år betaler ikke."),
        ("paragraph", 0, "Du skal møde op selv. Gebyret betales ved bestillingen."),
        ("paragraph", 0, "Se pasbekendtgørelsen § 3."),  # footnote 2 is not read again
        ("table_header", 0, "Ydelse; Pris"),
        ("table_row", 0, "Ydelse: Pas; Pris: 745 kr."),
        ("paragraph", 0, "Prisen gælder fra 1. januar 2025."),
        ("paragraph", 0, "Læs mere på borger.dk."),
    ]


def _cell(text: str, span: int = 1) -> str:
    properties = f"<w:tcPr><w:gridSpan w:val='{span}'/></w:tcPr>" if span > 1 else ""
    return f"<w:tc>{properties}{p(text)}</w:tc>"


_W_NAMESPACES = (
    "xmlns:mc='http://schemas.openxmlformats.org/markup-compatibility/2006'"
    " xmlns:wps='http://schemas.microsoft.com/office/word/2010/wordprocessingShape'"
    " xmlns:v='urn:schemas-microsoft-com:vml'"
)


def _text_box(text: str) -> str:
    """A run holding a text box of `text`, with the VML copy Word keeps for old readers."""
    content = f"<w:txbxContent>{p(text)}</w:txbxContent>"
    return (
        f"<w:r {_W_NAMESPACES}><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><wps:wsp><wps:txbx>"
        f"{content}</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
        f"{content}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def test_a_row_that_starts_or_ends_off_the_grid_keeps_each_value_under_its_own_header(tmp_path: Path) -> None:
    # Before, "745 kr." read under Ydelse and "155 kr." under Voksne.
    def row(cells: str, before: int = 0, after: int = 0) -> str:
        grid = (f"<w:gridBefore w:val='{before}'/>" if before else "") + (
            f"<w:gridAfter w:val='{after}'/>" if after else ""
        )
        return f"<w:tr><w:trPr>{grid}</w:trPr>{cells}</w:tr>" if grid else f"<w:tr>{cells}</w:tr>"

    body = (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        + row(_cell("Ydelse") + _cell("Voksne") + _cell("Børn"))
        + row(_cell("745 kr.") + _cell("155 kr."), before=1)
        + row(_cell("Pas") + _cell("800 kr."), after=1)
        + row(_cell("Kørekort"), after=2)
        + row(_cell("Gratis", span=2), before=1)
        + "</w:tbl>"
    )
    assert _blocks(write_docx_parts(tmp_path / "priser.docx", body)) == [
        ("table_header", 0, "Ydelse; Voksne; Børn"),
        ("table_row", 0, "Voksne: 745 kr.; Børn: 155 kr."),
        ("table_row", 0, "Ydelse: Pas; Voksne: 800 kr."),
        ("table_row", 0, "Ydelse: Kørekort"),  # not a note filling the row
        ("table_row", 0, "Voksne: Gratis; Børn: Gratis"),
    ]


def test_a_text_box_in_a_table_cell_is_read_in_the_cell_once(tmp_path: Path) -> None:
    # Before, the cell read "310 kr." and the note was lost.
    box_cell = "<w:tc><w:p>" + _run("310 kr.") + _text_box("Gratis ved fornyelse.") + "</w:p></w:tc>"
    body = "<w:tbl><w:tr>" + _cell("Ydelse") + _cell("Pris") + "</w:tr><w:tr>" + _cell("Kørekort") + box_cell
    body += "</w:tr></w:tbl>"
    assert _blocks(write_docx_parts(tmp_path / "kort.docx", body)) == [
        ("table_header", 0, "Ydelse; Pris"),
        ("table_row", 0, "Ydelse: Kørekort; Pris: 310 kr. Gratis ved fornyelse."),
    ]
