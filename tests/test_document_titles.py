"""A document's title is the one it declares unless a program wrote it as a placeholder,
else the title it shows (a PDF's largest heading on its first page of text, a Word file's
Title or Heading 1 paragraph, a page's first heading), and only then its id."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from qa.documents import read_document
from qa.readers.common import declared_title
from tests.generated_documents import HAVEAFFALD, STORSKRALD

BODY = STORSKRALD + " " + HAVEAFFALD


def _pdf(path: Path, lines: list[tuple[str, float, str]], title: str | None = None, cover: bool = False) -> Path:
    """A PDF of `lines` (style, size in pt, text) one under the other on one page (after a
    blank cover page with `cover`), each in a `multi_cell` followed by 4 mm of space;
    `title` is the metadata Title (none when None)."""
    pdf = FPDF()
    if title is not None:
        pdf.set_title(title)
    if cover:
        pdf.add_page()
    pdf.add_page()
    for style, size, text in lines:
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.output(str(path))
    return path


@pytest.mark.parametrize(
    "above",
    [
        ("", 9, "Eksempel Kommune"),  # an authority's name over the title
        ("", 11, "3. december 2026"),  # a date line that alone would read as a title
        ("B", 14, "Vejledning"),  # a smaller heading over the title
    ],
)
def test_a_pdf_without_a_metadata_title_is_titled_by_the_largest_heading_on_its_first_page(
    tmp_path: Path, above: tuple[str, float, str]
) -> None:
    path = _pdf(tmp_path / "borger-guide.pdf", [above, ("B", 20, "Affald og storskrald"), ("", 11, BODY)])
    assert read_document(path).title == "Affald og storskrald"


def test_the_first_heading_of_the_largest_type_wins_over_a_later_one_of_the_same_size(tmp_path: Path) -> None:
    lines = [("B", 20, "Affald og storskrald"), ("", 11, STORSKRALD), ("B", 20, "Haveaffald"), ("", 11, HAVEAFFALD)]
    assert read_document(_pdf(tmp_path / "borger-guide.pdf", lines)).title == "Affald og storskrald"


def test_a_blank_cover_page_leaves_the_title_to_the_first_page_with_text(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "borger-guide.pdf", [("B", 20, "Affald og storskrald"), ("", 11, BODY)], cover=True)
    assert read_document(path).title == "Affald og storskrald"


def test_a_heading_without_a_letter_is_no_title_and_the_next_candidate_is(tmp_path: Path) -> None:
    lines = [("B", 28, "2026"), ("B", 16, "Affald og storskrald"), ("", 11, BODY)]
    assert read_document(_pdf(tmp_path / "borger-guide.pdf", lines)).title == "Affald og storskrald"


def test_a_pdf_without_a_title_a_heading_or_a_title_line_is_titled_by_its_id(tmp_path: Path) -> None:
    assert read_document(_pdf(tmp_path / "borger-guide.pdf", [("", 11, BODY)])).title == "borger-guide"


@pytest.mark.parametrize(
    "placeholder",
    [
        "Microsoft Word - Dokument1",
        "Microsoft PowerPoint - affald.pptx",
        "affald_v2.docx",
        "i-xx_affald-fm.indd",
        "C:\\Users\\ab12\\Documents\\affald",
        "\\\\fil01\\borger\\affald",
        "Untitled",
        "Untitled presentation",
        "Nyt dokument",
        "Untitled-1",
        "Untitled document",
        "Unavngivet dokument",
        "Uden titel",
        "Dokument1",
        "Document",
        "Præsentation1",
        "PowerPoint-præsentation",
        "borger-guide",  # the file's own name, without its suffix
        "BORGER-GUIDE.PDF",  # and with it, case aside
        " ",
        "2026",
    ],
)
def test_a_placeholder_metadata_title_gives_way_to_the_first_pages_heading(tmp_path: Path, placeholder: str) -> None:
    path = _pdf(tmp_path / "borger-guide.pdf", [("B", 20, "Affald og storskrald"), ("", 11, BODY)], title=placeholder)
    assert read_document(path).title == "Affald og storskrald"


@pytest.mark.parametrize(
    "title",
    [
        "Affald i Eksempel Kommune",
        "Microsoft Teams i kommunen",  # names Microsoft, but is no printer's "Microsoft Word - "
        "Dokumentation af affaldsordningen",
        "Ja/nej til storskrald",
        "Borger guide",  # close to the file's name, but not it
        "Tilskud til el\\varme",  # one backslash in words is no path
    ],
)
def test_a_real_metadata_title_is_kept_over_the_heading(tmp_path: Path, title: str) -> None:
    path = _pdf(tmp_path / "borger-guide.pdf", [("B", 20, "Affald og storskrald"), ("", 11, BODY)], title=title)
    assert read_document(path).title == title


@pytest.mark.parametrize(
    ("value", "file_name", "title"),
    [
        ("  Affald \x00 i  kommunen ", "affald.pdf", "Affald i kommunen"),
        ("Untitled-2", "affald.pdf", None),
        ("untitled document", "affald.pdf", None),
        ("Microsoft Word - Notat om affald", "affald.pdf", None),
        ("Affald", "affald.pdf", "Affald"),  # the file's name, written as a title
        ("affald", "affald.pdf", None),
        ("Vejledning om byggetilladelse", "Vejledning om byggetilladelse.pdf", "Vejledning om byggetilladelse"),
        ("Byggetilladelse", "byggetilladelse.pdf", "Byggetilladelse"),
        ("borger-guide", "borger-guide.pdf", None),
        ("Borger-guide", "borger-guide.pdf", None),
        ("guide_v2", "guide_v2.pdf", None),
        ("Guide_v2", "guide_v2.pdf", None),
        ("Tilskud til el\\varme", "", "Tilskud til el\\varme"),
        ("el\\varme", "", "el\\varme"),
        ("C:\\Users\\Anne Hansen\\guide", "", None),
        ("\\\\server\\borger\\guide", "", None),
        ("borger\\guide\\v2", "", None),
        ("Untitled presentation", "", None),
        ("Untitled spreadsheet", "", None),
        ("Unavngiven præsentation", "", None),
        ("Unavngivet regneark", "", None),
        ("Uden titel dokument", "", None),
        ("Nyt dokument", "", None),
        ("Nyt dokument 3", "", None),
        ("New document2", "", None),
        ("Nyt dokumentarprogram", "", "Nyt dokumentarprogram"),
        ("affald.PDF", "affald.pdf", None),
        ("Affald", "affald-2026.pdf", "Affald"),
        ("Affald", "", "Affald"),
        ("Presentation 2", "", None),
        ("12-2026", "", None),
        (None, "affald.pdf", None),
        (["Affald"], "affald.pdf", None),
    ],
)
def test_declared_title_keeps_a_title_and_drops_a_placeholder(value: object, file_name: str, title: str | None) -> None:
    assert declared_title(value, file_name) == title


def test_a_metadata_title_that_is_the_file_name_written_as_a_title_is_kept_over_a_larger_line(
    tmp_path: Path,
) -> None:
    lines = [("B", 24, "NORDBY KOMMUNE"), ("B", 16, "Byggetilladelse"), ("", 11, BODY)]
    path = _pdf(tmp_path / "Vejledning om byggetilladelse.pdf", lines, title="Vejledning om byggetilladelse")
    assert read_document(path).title == "Vejledning om byggetilladelse"


def _docx(path: Path, core_title: str, paragraphs: list[tuple[str, int | None]]) -> Path:
    """A Word file with the Title property `core_title` and `paragraphs` (text, heading
    level: 0 is the "Title" style, None a plain paragraph)."""
    document = docx.Document()
    document.core_properties.title = core_title
    for text, level in paragraphs:
        if level is None:
            document.add_paragraph(text)
        else:
            document.add_heading(text, level=level)
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    ("core_title", "paragraphs", "title"),
    [
        ("Affald i Eksempel Kommune", [("Storskrald", 1), (STORSKRALD, None)], "Affald i Eksempel Kommune"),
        ("", [("Kontakt", 2), ("Affald og storskrald", 0), (STORSKRALD, None)], "Affald og storskrald"),
        ("Dokument1", [("Kontakt", 2), ("Storskrald", 1), (STORSKRALD, None)], "Storskrald"),
        ("borger-guide", [("Storskrald", 1), (STORSKRALD, None)], "Storskrald"),
        ("", [("Kontakt", 2), (STORSKRALD, None)], "Kontakt"),
        ("", [(STORSKRALD, None)], "borger-guide"),
    ],
)
def test_a_word_file_is_titled_by_its_title_property_else_its_title_or_heading_1_paragraph(
    tmp_path: Path, core_title: str, paragraphs: list[tuple[str, int | None]], title: str
) -> None:
    assert read_document(_docx(tmp_path / "borger-guide.docx", core_title, paragraphs)).title == title


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ("<title>Document</title>", "Storskrald"),  # an editor's template
        ("<title>borger-guide.html</title>", "Storskrald"),
        ("<title>Affald | borger.dk</title>", "Affald"),
        ("", "Storskrald"),
    ],
)
def test_a_page_is_titled_by_its_title_unless_it_is_a_placeholder_else_its_first_heading(
    tmp_path: Path, head: str, title: str
) -> None:
    path = tmp_path / "borger-guide.html"
    path.write_text(f"<html><head>{head}</head><body><h1>Storskrald</h1><p>{STORSKRALD}</p></body></html>")
    assert read_document(path).title == title
