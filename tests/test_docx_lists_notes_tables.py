"""Word's list numbers, footnotes and endnotes, and table rows off the grid's edge, read as
Word shows them (qa.readers.docx, qa.readers.word_numbering)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.documents import read_document
from qa.readers.word_numbering import format_number
from tests.generated_documents import docx_paragraph as p
from tests.generated_documents import replace_docx_part, write_docx_parts


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
        (3, "decimalZero", "03"),
        (12, "decimalZero", "12"),
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


def _text_box(text: str, num_id: int | None = None) -> str:
    """A run holding a text box of `text` (in list `num_id` when given), with the VML copy
    Word keeps for old readers."""
    content = f"<w:txbxContent>{p(text, num_id)}</w:txbxContent>"
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


_ONE_LEVEL = "<w:abstractNum w:abstractNumId='1'>" + _level(0, "decimal", "%1.") + "</w:abstractNum>" + _num(1, 1)


def test_a_numbered_paragraph_in_a_cell_merged_down_rows_is_counted_once(tmp_path: Path) -> None:
    # Before, the merged cell was counted in each of its 3 rows: "2. Bestil tid", "3. ..."
    # and the steps after the table read "4." and "5.".
    def cell(text: str, merge: str | None = None, num_id: int | None = None) -> str:
        properties = f"<w:tcPr><w:vMerge w:val='{merge}'/></w:tcPr>" if merge else ""
        return f"<w:tc>{properties}{p(text, num_id)}</w:tc>"

    body = (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        + "<w:tr>" + cell("Trin") + cell("Gebyr") + "</w:tr>"
        + "<w:tr>" + cell("Bestil tid", "restart", 1) + cell("0 kr.") + "</w:tr>"
        + "<w:tr>" + cell("", "continue") + cell("100 kr.") + "</w:tr>"
        + "<w:tr>" + cell("", "continue") + cell("200 kr.") + "</w:tr>"
        + "</w:tbl>"
        + p("Betal gebyret.", 1)
        + p("Hent passet.", 1)
    )  # fmt: skip
    assert _blocks(write_docx_parts(tmp_path / "trin.docx", body, _ONE_LEVEL)) == [
        ("table_header", 0, "Trin; Gebyr"),
        ("table_row", 0, "Trin: 1. Bestil tid; Gebyr: 0 kr."),
        ("table_row", 0, "Trin: 1. Bestil tid; Gebyr: 100 kr."),
        ("table_row", 0, "Trin: 1. Bestil tid; Gebyr: 200 kr."),
        ("list_item", 0, "2. Betal gebyret."),
        ("list_item", 0, "3. Hent passet."),
    ]


_CHANGE = "w:author='A' w:date='2024-01-01T00:00:00Z'"
_NUMBERED = "<w:numPr><w:ilvl w:val='0'/><w:numId w:val='1'/></w:numPr>"


def _changed_item(text: str, change: str, text_tag: str = "w:t") -> str:
    """A list item whose runs and paragraph mark are in a tracked change (`change`:
    "w:del", "w:moveFrom", "w:moveTo")."""
    return (
        f"<w:p><w:pPr>{_NUMBERED}<w:rPr><{change} w:id='1' {_CHANGE}/></w:rPr></w:pPr>"
        f"<{change} w:id='2' {_CHANGE}><w:r><{text_tag}>{text}</{text_tag}></w:r></{change}></w:p>"
    )


def test_list_items_deleted_or_moved_away_with_tracked_changes_are_neither_read_nor_counted(tmp_path: Path) -> None:
    # Before, each counted: "3. Mød op.", "4. Betal ..." and "6. Hent passet."
    body = (
        p("Bestil tid.", 1)
        + _changed_item("Udfyld blanket 12.", "w:del", "w:delText")
        + _changed_item("Betal gebyret på 745 kr.", "w:moveFrom")
        + p("Mød op.", 1)
        + _changed_item("Betal gebyret på 745 kr.", "w:moveTo")
        + p("Hent passet.", 1)
    )
    assert _blocks(write_docx_parts(tmp_path / "rettet.docx", body, _ONE_LEVEL)) == [
        ("list_item", 0, "1. Bestil tid."),
        ("list_item", 0, "2. Mød op."),
        ("list_item", 0, "3. Betal gebyret på 745 kr."),
        ("list_item", 0, "4. Hent passet."),
    ]


def test_a_paragraph_whose_numbered_mark_alone_was_deleted_keeps_its_text_without_a_number(tmp_path: Path) -> None:
    body = (
        p("Bestil tid.", 1)
        + f"<w:p><w:pPr>{_NUMBERED}<w:rPr><w:del w:id='1' {_CHANGE}/></w:rPr></w:pPr>{_run('Husk MitID.')}</w:p>"
        + p("Hent passet.", 1)
    )
    assert _blocks(write_docx_parts(tmp_path / "samlet.docx", body, _ONE_LEVEL)) == [
        ("list_item", 0, "1. Bestil tid."),
        ("paragraph", 0, "Husk MitID."),
        ("list_item", 0, "2. Hent passet."),
    ]


def test_lists_in_footnotes_and_text_boxes_are_numbered_apart_from_the_body_and_each_other(tmp_path: Path) -> None:
    # Before, the note's and the boxes' items went on with the body's list: the body read
    # 1., 3., 5. and the boxes 2. and 4.
    footnotes = (
        _SEPARATORS.format("footnote")
        + "<w:footnote w:id='1'><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space='preserve'> Medbring:</w:t></w:r>"
        + "</w:p>"
        + p("Gammelt pas", 1)
        + p("Foto", 1)
        + "</w:footnote>"
    )
    box_cell = "<w:tc><w:p>" + _run("745 kr.") + _text_box("Gratis under 2 år.", 1) + "</w:p></w:tc>"
    body = (
        "<w:p><w:pPr>" + _NUMBERED + "</w:pPr>" + _run("Bestil tid.") + _reference("footnote", 1) + "</w:p>"
        + "<w:p><w:pPr>" + _NUMBERED + "</w:pPr>" + _run("Betal.") + _text_box("Husk MitID", 1) + "</w:p>"
        + "<w:tbl><w:tr>" + _cell("Kort") + _cell("Pris") + "</w:tr>"
        + "<w:tr>" + _cell("Pas") + box_cell + "</w:tr></w:tbl>"
        + p("Hent passet.", 1)
    )  # fmt: skip
    path = write_docx_parts(tmp_path / "noter.docx", body, _ONE_LEVEL, footnotes=footnotes)
    assert _blocks(path) == [
        ("list_item", 0, "1. Bestil tid."),
        ("paragraph", 0, "Medbring:"),
        ("list_item", 0, "1. Gammelt pas"),
        ("list_item", 0, "2. Foto"),
        ("list_item", 0, "2. Betal."),
        ("list_item", 0, "1. Husk MitID"),
        ("table_header", 0, "Kort; Pris"),
        ("table_row", 0, "Kort: Pas; Pris: 745 kr. 1. Gratis under 2 år."),
        ("list_item", 0, "3. Hent passet."),
    ]


@pytest.mark.parametrize("part", ["word/footnotes.xml", "word/endnotes.xml"])
def test_a_notes_part_that_is_not_xml_leaves_the_notes_out_and_the_body_is_read(tmp_path: Path, part: str) -> None:
    # Before, the whole document failed to read.
    notes = _SEPARATORS.format("{}") + _note("{}", 1, "Pr. 1. januar 2025.")
    body = "<w:p>" + _run("Gebyret er 745 kr.") + _reference("footnote", 1) + _reference("endnote", 1) + "</w:p>"
    body += p("Bestil tid.", 1)
    path = write_docx_parts(
        tmp_path / "noter.docx",
        body,
        _ONE_LEVEL,
        footnotes=notes.replace("{}", "footnote"),
        endnotes=notes.replace("{}", "endnote"),
    )
    replace_docx_part(path, part, b"<w:notes><oops")
    assert _blocks(path) == [
        ("paragraph", 0, "Gebyret er 745 kr."),
        ("paragraph", 0, "Pr. 1. januar 2025."),  # the note from the other part
        ("list_item", 0, "1. Bestil tid."),
    ]


@pytest.mark.parametrize("value", ["abc", "", "1.5", "-2"])
def test_a_grid_offset_or_span_that_is_not_a_count_reads_as_none(tmp_path: Path, value: str) -> None:
    # Before, python-docx raised ValueError for "abc", "" and "1.5": the file did not read.
    body = (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>" + _cell("Kort") + _cell("Pris") + "</w:tr>"
        f"<w:tr><w:trPr><w:gridBefore w:val='{value}'/><w:gridAfter w:val='{value}'/></w:trPr>"
        f"<w:tc><w:tcPr><w:gridSpan w:val='{value}'/></w:tcPr>{p('Pas')}</w:tc>" + _cell("745 kr.") + "</w:tr></w:tbl>"
    )
    assert _blocks(write_docx_parts(tmp_path / "gitter.docx", body)) == [
        ("table_header", 0, "Kort; Pris"),
        ("table_row", 0, "Kort: Pas; Pris: 745 kr."),
    ]


def test_grid_offsets_and_spans_are_cut_to_words_63_columns(tmp_path: Path) -> None:
    # A table of 65 columns (more than Word makes): a row that starts at column 64, and one
    # whose first cell spans 64 columns, have their next value in column 64, not 65.
    header = "<w:tr>" + "".join(_cell(f"K{n}") for n in range(1, 66)) + "</w:tr>"
    body = (
        "<w:tbl>" + header
        + "<w:tr><w:trPr><w:gridBefore w:val='64'/></w:trPr>" + _cell("745 kr.") + "</w:tr>"
        + "<w:tr>" + _cell("Pas", span=64) + _cell("165 kr.") + "</w:tr>"
        + "</w:tbl>"
    )  # fmt: skip
    pieces = _blocks(write_docx_parts(tmp_path / "bred.docx", body))
    assert pieces[1:] == [("table_row", 0, "K64: 745 kr."), ("table_row", 0, f"{_spanned('Pas', 63)}; K64: 165 kr.")]


def _spanned(text: str, columns: int) -> str:
    """How a row reads a value spanning the first `columns` columns of headers K1, K2 ..."""
    return "; ".join(f"K{n}: {text}" for n in range(1, columns + 1))


def test_a_level_text_naming_a_bullet_level_writes_nothing_for_that_level_only(tmp_path: Path) -> None:
    # Word's own example (docxjs PR #217): before, the items at level 3 had no number.
    numbering = (
        "<w:abstractNum w:abstractNumId='1'>"
        + _level(0, "decimal", "%1.")
        + _level(1, "decimal", "%1.%2.")
        + _level(2, "bullet", "\u2014")
        + _level(3, "decimal", "%1.%2.%3%4.")
        + "</w:abstractNum>"
        + _num(1, 1)
    )
    body = p("Afsnit", 1, 0) + p("Underafsnit", 1, 1) + p("Punkt", 1, 3) + p("Punkt igen", 1, 3) + p("Nyt", 1, 1)
    assert _blocks(write_docx_parts(tmp_path / "punkt.docx", body, numbering)) == [
        ("list_item", 0, "1. Afsnit"),
        ("list_item", 0, "1.1. Underafsnit"),
        ("list_item", 0, "1.1.1. Punkt"),
        ("list_item", 0, "1.1.2. Punkt igen"),
        ("list_item", 0, "1.2. Nyt"),
    ]


def test_zero_padded_and_custom_number_formats_are_written_as_word_shows_them(tmp_path: Path) -> None:
    # Before, each read without a number. LibreOffice writes a custom format in
    # mc:AlternateContent with "decimal" as the fallback.
    mc = "xmlns:mc='http://schemas.openxmlformats.org/markup-compatibility/2006'"

    def alternate(choice: str, fallback: str) -> str:
        return (
            f"<mc:AlternateContent {mc}><mc:Choice Requires='w14'>{choice}</mc:Choice>"
            f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>"
        )

    def level(formats: str) -> str:
        return f"<w:lvl w:ilvl='0'><w:start w:val='9'/>{formats}<w:lvlText w:val='%1.'/></w:lvl>"

    padded = "<w:numFmt w:val='custom' w:format='001, 002, 003, ...'/>"
    unknown = "<w:numFmt w:val='custom' w:format='①, ②, ③, ...'/>"
    numbering = "".join(
        f"<w:abstractNum w:abstractNumId='{n}'>{level(formats)}</w:abstractNum>" + _num(n, n)
        for n, formats in (
            (1, "<w:numFmt w:val='decimalZero'/>"),
            (2, alternate(padded, "<w:numFmt w:val='decimal'/>")),
            (3, alternate(unknown, "<w:numFmt w:val='decimal'/>")),
            (4, alternate(unknown, "<w:numFmt w:val='bullet'/>")),
        )
    )
    body = p("Nul", 1) + p("Nul igen", 1) + p("Tre cifre", 2) + p("Reserve", 3) + p("Punkt", 4)
    assert _blocks(write_docx_parts(tmp_path / "formater.docx", body, numbering)) == [
        ("list_item", 0, "09. Nul"),
        ("list_item", 0, "10. Nul igen"),
        ("list_item", 0, "009. Tre cifre"),
        ("list_item", 0, "9. Reserve"),  # the fallback's decimal
        ("list_item", 0, "Punkt"),
    ]


def test_a_level_skipped_on_the_way_down_counts_as_used_at_its_first_number(tmp_path: Path) -> None:
    # Before: "1.1." and "1.1.1." again, as if level 1 had not been used.
    numbering = (
        "<w:abstractNum w:abstractNumId='1'>"
        + _level(0, "decimal", "%1.")
        + _level(1, "decimal", "%1.%2.")
        + _level(2, "decimal", "%1.%2.%3.")
        + "</w:abstractNum>"
        + _num(1, 1)
    )
    body = p("Ansøgning", 1, 0) + p("Bilag", 1, 2) + p("Frister", 1, 1) + p("Klage", 1, 2)
    assert _blocks(write_docx_parts(tmp_path / "spring.docx", body, numbering)) == [
        ("list_item", 0, "1. Ansøgning"),
        ("list_item", 0, "1.1.1. Bilag"),
        ("list_item", 0, "1.2. Frister"),
        ("list_item", 0, "1.2.1. Klage"),
    ]


def test_a_notes_custom_reference_mark_is_not_read_in_the_body(tmp_path: Path) -> None:
    # Before: "Pris 745 kr.* i alt."
    footnotes = _SEPARATORS.format("footnote") + _note("footnote", 1, "Prisen gælder fra 2025.")
    body = (
        "<w:p>"
        + _run("Pris 745 kr.")
        + "<w:r><w:footnoteReference w:customMarkFollows='1' w:id='1'/><w:t>*</w:t></w:r>"
        + _run(" i alt.")
        + "</w:p>"
    )
    assert _blocks(write_docx_parts(tmp_path / "stjerne.docx", body, footnotes=footnotes)) == [
        ("paragraph", 0, "Pris 745 kr. i alt."),
        ("paragraph", 0, "Prisen gælder fra 2025."),
    ]


def test_a_first_number_past_words_32_bit_range_is_read_as_none_given(tmp_path: Path) -> None:
    # Before, a 21-digit w:startOverride and w:start were written out digit for digit.
    numbering = (
        "<w:abstractNum w:abstractNumId='1'>" + _level(0, "decimal", "%1.", start=4) + "</w:abstractNum>"
        "<w:abstractNum w:abstractNumId='2'>" + _level(0, "decimal", "%1)", start=2**31) + "</w:abstractNum>"
        "<w:abstractNum w:abstractNumId='3'>"
        + _level(0, "decimal", "%1:", start=2**31 - 1)
        + "</w:abstractNum>"
        + _num(1, 1, "<w:lvlOverride w:ilvl='0'><w:startOverride w:val='999999999999999999999'/></w:lvlOverride>")
        + _num(2, 2)
        + _num(3, 3)
    )
    body = p("Ansøg.", 1, 0) + p("Vent.", 1, 0) + p("Bilag.", 2, 0) + p("Svar.", 3, 0)
    assert _blocks(write_docx_parts(tmp_path / "stor.docx", body, numbering)) == [
        ("list_item", 0, "4. Ansøg."),  # the override is none: the level's own first number
        ("list_item", 0, "5. Vent."),
        ("list_item", 0, "0) Bilag."),  # w:start is none: 0
        ("list_item", 0, f"{2**31 - 1}: Svar."),
    ]


def test_styles_based_on_each_other_in_a_loop_each_take_the_nearest_numbering_round_the_loop(
    tmp_path: Path,
) -> None:
    # Trin is based on Liste, Liste on Punkt, Punkt on Liste again. Liste names the list,
    # Punkt the level; Trin, Liste and Punkt each read the nearest of each round the loop.
    numbering = (
        "<w:abstractNum w:abstractNumId='1'>"
        + _level(0, "decimal", "%1.")
        + _level(1, "lowerLetter", "%2)")
        + _level(2, "lowerRoman", "%3.")
        + "</w:abstractNum>"
        + _num(4, 1)
    )
    styles = (
        "<w:style w:type='paragraph' w:styleId='Trin'><w:basedOn w:val='Liste'/>"
        "<w:pPr><w:numPr><w:ilvl w:val='2'/></w:numPr></w:pPr></w:style>"
        "<w:style w:type='paragraph' w:styleId='Liste'><w:basedOn w:val='Punkt'/>"
        "<w:pPr><w:numPr><w:numId w:val='4'/></w:numPr></w:pPr></w:style>"
        "<w:style w:type='paragraph' w:styleId='Punkt'><w:basedOn w:val='Liste'/>"
        "<w:pPr><w:numPr><w:ilvl w:val='1'/></w:numPr></w:pPr></w:style>"
    )
    body = p("Punkt", style="Punkt") + p("Liste", style="Liste") + p("Trin", style="Trin") + p("Liste", style="Liste")
    path = write_docx_parts(tmp_path / "loop.docx", body, numbering)
    replace_docx_part(
        path,
        "word/styles.xml",
        (
            f"<w:styles xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'>{styles}</w:styles>"
        ).encode(),
    )
    assert _blocks(path) == [
        ("list_item", 0, "a) Punkt"),  # level 1 from Punkt, the list from Liste
        ("list_item", 0, "b) Liste"),  # the list from Liste, level 1 from Punkt
        ("list_item", 0, "i. Trin"),  # level 2 from Trin, the list from Liste
        ("list_item", 0, "c) Liste"),
    ]
