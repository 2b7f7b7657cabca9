"""Reading documents: Markdown with front matter, plain text, HTML, and clear errors."""

from __future__ import annotations

import codecs
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import qa.documents
from qa.documents import DocumentError, DocumentIdCollision, assemble, read_corpus, read_document
from qa.readers.common import Piece
from tests.conftest import ROOT, SEED
from tests.generated_documents import write_docx
from tests.unprivileged import without_root_privileges


def test_seed_document_keeps_the_received_text_exactly(seed_document) -> None:  # type: ignore[no-untyped-def]
    if SEED.is_file():
        assert seed_document.text == SEED.read_text(encoding="utf-8")
    assert seed_document.title == "20 års fælles digitaliseringsstrategier"
    assert seed_document.language == "da"
    assert seed_document.source is None and seed_document.date is None


def test_seed_document_title_and_two_section_headings_are_headings(seed_document) -> None:  # type: ignore[no-untyped-def]
    headings = [(b.level, seed_document.block_text(b)) for b in seed_document.blocks if b.kind == "heading"]
    assert headings == [
        (1, "20 års fælles digitaliseringsstrategier"),
        (2, "Danmark som digital frontløber"),
        (2, "Et solidt grundlag at bygge videre på"),
    ]
    for block in seed_document.blocks:
        assert seed_document.text[block.start : block.end] == seed_document.block_text(block)


def test_markdown_front_matter_and_inline_markup(tmp_path: Path) -> None:
    path = tmp_path / "nemkonto.md"
    path.write_text(
        "---\ntitle: Om NemKonto\nsource: https://example.dk/nemkonto\ndate: 2024-05-01\nlanguage: da\n---\n"
        "# NemKonto\n\nDin **NemKonto** er en [almindelig](https://x.dk) konto.\n\n"
        "## Skift\n\n- Du kan skifte den.\n- Når som helst.\n\nRå <img src=x onerror=alert(1)> vises som tekst.\n",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert doc.doc_id == "nemkonto"
    assert (doc.title, doc.source, doc.date, doc.language) == (
        "Om NemKonto",
        "https://example.dk/nemkonto",
        "2024-05-01",
        "da",
    )
    assert doc.text == (
        "NemKonto\n\nDin NemKonto er en almindelig konto.\n\nSkift\n\nDu kan skifte den.\n\n"
        "Når som helst.\n\nRå <img src=x onerror=alert(1)> vises som tekst."
    )
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "heading", "list_item", "list_item", "paragraph"]


def test_plain_text_short_lone_lines_are_headings(tmp_path: Path) -> None:
    path = tmp_path / "tekst.txt"
    path.write_text("Titel\n\nFørste afsnit.\n\nEn overskrift\n\nAndet afsnit\nmed to linjer.\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.title == "Titel"
    assert doc.text == "Titel\n\nFørste afsnit.\n\nEn overskrift\n\nAndet afsnit med to linjer."
    assert [(b.kind, b.level) for b in doc.blocks] == [
        ("heading", 1),
        ("paragraph", 0),
        ("heading", 2),
        ("paragraph", 0),
    ]


def test_html_keeps_main_text_and_headings_and_drops_navigation_and_scripts(tmp_path: Path) -> None:
    path = tmp_path / "side.html"
    path.write_text(
        """<!doctype html><html lang="da"><head><title>Digital Post | borger.dk</title>
        <link rel="canonical" href="https://www.borger.dk/digital-post">
        <script>var tracking = 1;</script><style>p{color:red}</style></head>
        <body><header><nav><a href="/">Forside</a><ul><li>Menu</li></ul></nav></header>
        <main><h1>Digital Post</h1><p>Digital Post er <b>obligatorisk</b> for borgere over 15 år.</p>
        <ul><li><p>Fritagelse kan søges.</p></li><li>Læs posten i appen.</li></ul>
        <script>alert('x')</script></main><footer>Kontakt os</footer></body></html>""",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert doc.title == "Digital Post"
    assert doc.language == "da"
    assert doc.source == "https://www.borger.dk/digital-post"
    assert doc.text == (
        "Digital Post\n\nDigital Post er obligatorisk for borgere over 15 år.\n\n"
        "Fritagelse kan søges.\n\nLæs posten i appen."
    )
    assert doc.blocks[0].kind == "heading"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("bad.md", b"\xfb\xfebroken", "not UTF-8 text"),
        ("half.md", b"\xff\xfe\x00broken", "starts with a UTF-16 byte order mark but is not UTF-16 text"),
        ("bad-yaml.md", b"---\ntitle: [unclosed\n---\ntekst\n", "front matter is not valid YAML"),
        ("empty.md", b"---\ntitle: Tom\n---\n\n", "has no text"),
        (
            "fr.md",
            b"---\nlanguage: fr\n---\nBonjour.\n",
            "language 'fr' is not one the service reads (da or en; nb, nn, no and sv count as da, de as en): "
            "declare da or en, or remove the declaration to let the text decide",
        ),
        ("notes.pdf", b"%PDF-1.4", "not a readable PDF"),
        ("notes.odt", b"PK", "unsupported file type .odt; use .md, .txt, .html, .pdf or .docx"),
        ("brev.docx", b"PK\x03\x04", "not a readable .docx file"),
    ],
)
def test_unreadable_document_error_names_the_file(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert str(info.value).startswith(f"{path}: {reason}")


def test_a_binary_file_with_a_text_extension_is_named_binary_not_told_to_be_saved_as_utf8(tmp_path: Path) -> None:
    # `head -c 3000 /dev/urandom > corpus/x.txt`, a zip saved as .md, a PNG as .html
    (tmp_path / "x.txt").write_bytes(random.Random(7).randbytes(3000))
    (tmp_path / "arkiv.md").write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4)
    (tmp_path / "logo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\xf4")
    # text in another encoding is still told to be saved as UTF-8
    (tmp_path / "latin1.md").write_bytes("# Pas\n\nKøbenhavn: et nyt pas koster 673 kr.\n".encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes("Køb et nyt pas for 673 kr.\n".encode("utf-16-le"))  # no BOM
    binary = "is not text (binary data): remove it from the corpus or give it the extension of its format"
    assert [str(e) for e in read_corpus(tmp_path).errors] == [
        f"{tmp_path / 'arkiv.md'}: {binary}",
        f"{tmp_path / 'latin1.md'}: not UTF-8 text (invalid start byte at byte 8); save it as UTF-8",
        f"{tmp_path / 'logo.html'}: {binary}",
        f"{tmp_path / 'utf16.txt'}: not UTF-8 text (invalid start byte at byte 2); save it as UTF-8",
        f"{tmp_path / 'x.txt'}: {binary}",
    ]


def test_files_with_a_utf16_or_utf32_byte_order_mark_are_read_as_that_encoding(tmp_path: Path) -> None:
    # Notepad's "Unicode" and Word's "Unicode text" save UTF-16 LE with a byte order mark;
    # a browser reads such a page whatever its <meta> says (the WHATWG "BOM sniff").
    page = (
        '<html><head><meta charset="windows-1252"><title>Pas</title></head>'
        "<body><main><h1>Pas</h1><p>Et pas koster 627 kr. i Køge.</p></main></body></html>"
    )
    (tmp_path / "pas.html").write_bytes(page.encode("utf-16"))
    (tmp_path / "noter.md").write_bytes(codecs.BOM_UTF16_BE + "# Noter\n\nÅbent mandag-fredag.\n".encode("utf-16-be"))
    (tmp_path / "kort.txt").write_bytes("Kørekort koster 280 kr.\n".encode("utf-32"))
    (tmp_path / "halv.txt").write_bytes(codecs.BOM_UTF16_LE + "Åbent".encode("utf-16-le")[:-1])
    report = read_corpus(tmp_path)
    assert {d.doc_id: d.text for d in report.documents} == {
        "kort": "Kørekort koster 280 kr.",
        "noter": "Noter\n\nÅbent mandag-fredag.",
        "pas": "Pas\n\nEt pas koster 627 kr. i Køge.",
    }
    assert [str(e) for e in report.errors] == [
        f"{tmp_path / 'halv.txt'}: starts with a UTF-16 byte order mark but is not UTF-16 text; save it as UTF-8"
    ]


def test_corpus_with_a_broken_file_still_reads_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n\nTekst om A.\n", encoding="utf-8")
    (tmp_path / "b.md").write_bytes(b"\xfb\xfe")
    (tmp_path / "README.md").write_text("Ikke et dokument.\n", encoding="utf-8")
    report = read_corpus(tmp_path)
    assert [d.doc_id for d in report.documents] == ["a"]
    assert [e.path.name for e in report.errors] == ["b.md"]
    assert report.summary_lines() == [
        "read 1 document (1 .md)",
        f"skipped {tmp_path / 'b.md'}: not UTF-8 text (invalid start byte at byte 0); save it as UTF-8",
        "largest unit: 11 characters, a paragraph of 'a' at 3-14",
    ]


def test_files_editors_leave_beside_a_document_are_left_out_silently_and_take_no_id(tmp_path: Path) -> None:
    # Word keeps `~$pas.docx` beside `pas.docx` while it is open: a few bytes whose name
    # also gives the id "pas", which stopped the whole build as a collision.
    write_docx(tmp_path / "pas.docx")
    (tmp_path / "~$pas.docx").write_bytes(b"\x0bJens Hansen" + b"\x00" * 40)
    (tmp_path / "nemid.md").write_text("# NemID\n\nNemID er en digital signatur.\n", encoding="utf-8")
    (tmp_path / "nemid.md~").write_text("# NemID\n\nEn ældre udgave.\n", encoding="utf-8")
    (tmp_path / "#nemid.md#").write_text("# NemID\n\nEt autogem.\n", encoding="utf-8")
    (tmp_path / ".#nemid.md").write_text("root@host.1234\n", encoding="utf-8")
    report = read_corpus(tmp_path)
    assert [d.doc_id for d in report.documents] == ["nemid", "pas"]
    assert report.errors == []
    assert report.summary_lines()[0] == "read 2 documents (1 .docx, 1 .md)"


def test_two_files_with_one_id_fail_the_corpus_naming_both(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n\nTekst om A.\n", encoding="utf-8")
    (tmp_path / "A.txt").write_text("Andet indhold.\n", encoding="utf-8")
    with pytest.raises(DocumentIdCollision) as info:
        read_corpus(tmp_path)
    assert str(info.value) == (
        f"{tmp_path / 'A.txt'} and {tmp_path / 'a.md'} both get the document id 'a': rename one of them "
        "(ids come from the path relative to the corpus folder, with æ, ø, å as ae, oe, aa)"
    )


def test_missing_corpus_folder_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="create it and add documents"):
        read_corpus(tmp_path / "nowhere")


def test_a_document_that_declares_no_language_gets_the_identifiers_guess(tmp_path: Path) -> None:
    english = "Registering your address is free. You must register within 5 days of moving to Denmark."
    danish = "Det er gratis at melde flytning. Du skal melde flytning senest 5 dage efter, at du er flyttet."
    files = {
        "guide.md": english,
        "vejledning.txt": danish,
        "page.html": f"<html><body><main><p>{english}</p></main></body></html>",
        "declared.md": f"---\nlanguage: da\n---\n{english}",
        "declared.html": f'<html lang="en-GB"><body><main><p>{danish}</p></main></body></html>',
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    languages = {name: read_document(tmp_path / name).language for name in files}
    # What a file declares wins over the guess, even when the text says otherwise.
    assert languages == {
        "guide.md": "en",
        "vejledning.txt": "da",
        "page.html": "en",
        "declared.md": "da",
        "declared.html": "en",
    }


@pytest.mark.parametrize(
    ("declared", "language"),
    [
        ('language: "EN"', "en"),
        ("language: da-DK", "da"),
        ("language: ' nb_NO '", "da"),
        ("language: sv", "da"),
        ("language: de", "en"),
        ("language: und", "en"),  # declares nothing: the English text decides
        ("language:", "en"),
    ],
)
def test_a_declared_language_is_read_by_the_identifiers_own_mapping(
    tmp_path: Path, declared: str, language: str
) -> None:
    text = "Registering your address is free. You must register within 5 days of moving to Denmark."
    (tmp_path / "page.md").write_text(f"---\n{declared}\n---\n{text}", encoding="utf-8")
    assert read_document(tmp_path / "page.md").language == language
    tag = declared.split(":", 1)[1].strip(" '\"")
    html = f'<html lang="{tag}"><body><main><p>{text}</p></main></body></html>'
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    assert read_document(tmp_path / "page.html").language == language


def _write_bytes_name(folder: Path, name: bytes, content: bytes) -> Path:
    """A file whose name holds bytes that are not UTF-8 (as unpacked from a Windows zip)."""
    with open(os.fsencode(folder) + b"/" + name, "wb") as handle:
        handle.write(content)
    return folder / os.fsdecode(name)


def test_a_file_name_that_is_not_utf8_is_skipped_by_name_with_its_bytes_escaped(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n\nTekst om A.\n", encoding="utf-8")
    _write_bytes_name(tmp_path, b"b\xf8rnepasning.md", "# Børnepasning\n\nPladsgaranti.\n".encode())
    report = read_corpus(tmp_path)
    assert [d.doc_id for d in report.documents] == ["a"]
    assert report.summary_lines()[:2] == [
        "read 1 document (1 .md)",
        f"skipped {tmp_path}/b\\xf8rnepasning.md: the file name is not UTF-8 text (\\xNN marks each byte that is "
        "not): rename it, typing any æ, ø and å again",
    ]


def test_a_folder_name_that_is_not_utf8_is_named_in_the_reason(tmp_path: Path) -> None:
    folder = Path(os.fsdecode(os.fsencode(tmp_path) + b"/b\xf8rn"))
    folder.mkdir()
    path = _write_bytes_name(folder, b"pasning.md", b"# Pasning\n\nTekst.\n")
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert str(info.value) == (
        f"{tmp_path}/b\\xf8rn/pasning.md: the folder name 'b\\xf8rn' is not UTF-8 text (\\xNN marks each byte "
        "that is not): rename it, typing any æ, ø and å again"
    )


def _reading_error(path: Path, text: str) -> str:
    """The message of the DocumentError that reading `text` written to `path` raises."""
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        read_document(path)
    return str(info.value)


def test_a_front_matter_date_that_does_not_exist_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "valg.md"
    text = "---\ntitle: Valg\ndate: 2025-18-11\n---\n# Kommunalvalg\n\nValget er i november.\n"
    assert _reading_error(path, text) == (
        f"{path}: front matter is not valid: a date in it does not exist (month must be in 1..12); "
        "write dates as YYYY-MM-DD"
    )


def test_a_corpus_with_an_impossible_front_matter_date_still_reads_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n\nTekst om A.\n", encoding="utf-8")
    (tmp_path / "valg.md").write_text("---\ndate: 2025-11-31\n---\nValget er i november.\n", encoding="utf-8")
    report = read_corpus(tmp_path)
    assert [d.doc_id for d in report.documents] == ["a"]
    assert [str(e) for e in report.errors] == [
        f"{tmp_path / 'valg.md'}: front matter is not valid: a date in it does not exist "
        "(day is out of range for month); write dates as YYYY-MM-DD"
    ]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("not-a-date", "'not-a-date'"),
        ("'2025-18-11'", "'2025-18-11'"),  # in quotes YAML leaves it text: no date either
        ("2024", "'2024'"),
        ("01-05-2024", "'01-05-2024'"),
        ("1. maj 2024", "'1. maj 2024'"),
        ("2024-05-01 kl. 10", "'2024-05-01 kl. 10'"),
        ("2024-05-01 +0200", "'2024-05-01 +0200'"),  # an offset without a time
        ("'2024-05-01 10:30 +25:00'", "'2024-05-01 10:30 +25:00'"),  # no such offset
        ("2024-05-01 10:30:00 +02:0", "'2024-05-01 10:30:00 +02:0'"),
    ],
)
@pytest.mark.parametrize("name", ["valg.md", "valg.txt"])
def test_a_front_matter_date_that_is_no_date_is_an_error_naming_the_key_and_the_form(
    tmp_path: Path, name: str, written: str, shown: str
) -> None:
    path = tmp_path / name
    text = f"---\ntitle: Valg\ndate: {written}\n---\n# Kommunalvalg\n\nValget er i november.\n"
    assert _reading_error(path, text) == (
        f"{path}: front matter field 'date' must be a date written YYYY-MM-DD (2024-05-01), "
        f"a time may follow (2024-05-01 10:30), got {shown}"
    )


@pytest.mark.parametrize(
    ("written", "served"),
    [
        ("2024-05-01", "2024-05-01"),
        ("'2024-05-01'", "2024-05-01"),
        ("2024-05-01 10:30:00", "2024-05-01T10:30:00"),
        ("2024-05-01 10:30", "2024-05-01 10:30"),  # no seconds: YAML leaves it text
        ("'2024-05-01T10:30:00+02:00'", "2024-05-01T10:30:00+02:00"),
        ("'2024-05-01T10:30:00+0200'", "2024-05-01T10:30:00+0200"),
        ("'2024-05-01T10:30:00Z'", "2024-05-01T10:30:00Z"),
        # Jekyll's form: the offset after a space, written +HHMM (YAML leaves it text)
        ("2024-05-01 10:30:00 +0200", "2024-05-01 10:30:00 +0200"),
        ("'2024-05-01 10:30:00 +0200'", "2024-05-01 10:30:00 +0200"),
        ("'2024-05-01 10:30 -05'", "2024-05-01 10:30 -05"),
        ("'2024-05-01 10:30:00 Z'", "2024-05-01 10:30:00 Z"),
        ("2024-05-01 10:30:00 +02:00", "2024-05-01T10:30:00+02:00"),  # YAML reads it as a time
        ("", None),
    ],
)
def test_a_front_matter_date_written_as_an_iso_date_is_the_documents_date(
    tmp_path: Path, written: str, served: str | None
) -> None:
    path = tmp_path / "valg.md"
    path.write_text(f"---\ndate: {written}\n---\nValget er i november.\n", encoding="utf-8")
    assert read_document(path).date == served


@pytest.mark.parametrize(
    ("metas", "served"),
    [
        ('<meta name="date" content="2024-05-01">', "2024-05-01"),
        ('<meta property="article:published_time" content=" 2025-03-12T09:00:00+01:00 ">', "2025-03-12T09:00:00+01:00"),
        # a page's own wording of a date is passed over for the next tag that is a date
        (
            '<meta name="date" content="3. marts 2024"><meta name="dcterms.date" content="2024-03-03">',
            "2024-03-03",
        ),
        ('<meta name="date" content="Opdateret i går">', None),
        ('<meta name="DC.date" content="2024-02-30">', None),  # no such day
    ],
)
def test_a_web_pages_date_is_its_first_date_meta_tag_that_is_an_iso_date(
    tmp_path: Path, metas: str, served: str | None
) -> None:
    path = tmp_path / "valg.html"
    path.write_text(
        f"<html lang='da'><head><title>Valg</title>{metas}</head><body><p>Valget er i november.</p></body></html>",
        encoding="utf-8",
    )
    document = read_document(path)
    assert document.date == served
    assert document.text == "Valget er i november."


def test_a_corpus_with_a_front_matter_date_that_is_no_date_skips_that_file_and_reads_the_others(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.md").write_text("---\ndate: 2024-05-01\n---\nTekst om A.\n", encoding="utf-8")
    (tmp_path / "valg.md").write_text("---\ndate: not-a-date\n---\nValget er i november.\n", encoding="utf-8")
    report = read_corpus(tmp_path)
    assert [(d.doc_id, d.date) for d in report.documents] == [("a", "2024-05-01")]
    assert report.skipped_lines() == [
        f"skipped {tmp_path / 'valg.md'}: front matter field 'date' must be a date written YYYY-MM-DD "
        "(2024-05-01), a time may follow (2024-05-01 10:30), got 'not-a-date'"
    ]


@pytest.mark.parametrize("name", ["side.md", "side.txt"])
def test_front_matter_that_is_never_closed_is_an_error_not_body_text(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    body = "\n# Overskrift\n\nBorgerservice har åbent.\n\n---\n\nEfter stregen.\n"
    unclosed = "---\ntitle: Uafsluttet\nlanguage: da\n" + body.replace("---", "***")
    assert _reading_error(path, unclosed) == (
        f"{path}: front matter opened with --- is never closed: add a line --- after it, "
        "or remove the first line if it is not front matter"
    )
    path.write_text("---\ntitle: Afsluttet\n---\n" + body, encoding="utf-8")  # a rule in the text is no closing
    assert read_document(path).title == "Afsluttet"


@pytest.mark.parametrize("name", ["zeroed.md", "zeroed.txt"])
def test_a_zero_filled_file_has_no_text(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(bytes(4096))
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert str(info.value) == f"{path}: has no text"


def test_a_file_without_a_letter_or_digit_has_no_text(tmp_path: Path) -> None:
    path = tmp_path / "erstattet.md"
    assert _reading_error(path, "\ufffd\ufffd\ufffd\n\n* * *\n\n…\n") == (
        f"{path}: has no text: no letter or digit in it (a damaged file?)"
    )


def test_control_characters_never_reach_the_text(tmp_path: Path) -> None:
    path = tmp_path / "pas.md"
    path.write_bytes(b"# Pas\x00\x00\n\nEt nyt pas\x07 koster\x1b 673 kr.\x0c\n\nSide\x7f 2\x00.\n")
    assert read_document(path).text == "Pas\n\nEt nyt pas koster 673 kr.\n\nSide 2."
    document = assemble("x", [Piece("paragraph", 0, "Pris:\x00 205\x85 kr.\x0b")])
    assert document.text == "Pris: 205 kr."


def test_a_linked_sub_folder_is_read_as_part_of_the_corpus(tmp_path: Path) -> None:
    shared = tmp_path / "elsewhere" / "borger"
    shared.mkdir(parents=True)
    (shared / "tand.md").write_text("# Tandpleje\n\nTandpleje er gratis til 18 år.\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "top.md").write_text("# Forside\n\nVelkommen.\n", encoding="utf-8")
    (corpus / "borger").symlink_to(shared)
    report = read_corpus(corpus)
    assert [d.doc_id for d in report.documents] == ["borger-tand", "top"]
    assert report.errors == []


def test_broken_and_looping_links_are_skipped_by_name_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n\nTekst om A.\n", encoding="utf-8")
    (tmp_path / "borte.md").symlink_to(tmp_path / "flyttet.md")
    (tmp_path / "ring1.md").symlink_to(tmp_path / "ring2.md")
    (tmp_path / "ring2.md").symlink_to(tmp_path / "ring1.md")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "op").symlink_to(tmp_path)
    report = read_corpus(tmp_path)
    assert [d.doc_id for d in report.documents] == ["a"]
    assert report.summary_lines()[1:5] == [
        f"skipped {tmp_path}/borte.md: is a broken link: {tmp_path}/flyttet.md does not exist; fix or remove the link",
        f"skipped {tmp_path}/ring1.md: is a link that leads back to itself (a loop of links): fix or remove the link",
        f"skipped {tmp_path}/ring2.md: is a link that leads back to itself (a loop of links): fix or remove the link",
        f"skipped {tmp_path}/sub/op: links to {tmp_path.resolve()}, a folder that holds it, "
        "which would be read forever: remove the link",
    ]


def test_a_folder_that_cannot_be_listed_is_skipped_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.md").write_text("# A\n\nTekst om A.\n", encoding="utf-8")
    (tmp_path / "lukket").mkdir()
    (tmp_path / "lukket" / "b.md").write_text("# B\n\nTekst om B.\n", encoding="utf-8")
    listing = Path.iterdir

    def refused(folder: Path) -> Iterator[Path]:
        if folder.name == "lukket":
            raise PermissionError(13, "Permission denied")
        return listing(folder)

    monkeypatch.setattr(Path, "iterdir", refused)
    report = read_corpus(tmp_path)
    assert [d.doc_id for d in report.documents] == ["a"]
    assert [str(e) for e in report.errors] == [
        f"{tmp_path}/lukket: the folder cannot be read (Permission denied): give the user running `qa build` read "
        "access to the folder (chmod a+rx), or move it out of the corpus"
    ]


def test_files_and_folders_this_user_may_not_read_are_skipped_saying_how_to_let_the_build_read_them(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "lukket").mkdir(parents=True)
    (corpus / "a.md").write_text("# A\n\nTekst om A.\n", encoding="utf-8")
    (corpus / "hemmelig.md").write_text("# H\n\nTekst om H.\n", encoding="utf-8")
    (corpus / "lukket" / "b.md").write_text("# B\n\nTekst om B.\n", encoding="utf-8")
    (corpus / "hemmelig.md").chmod(0o000)
    (corpus / "lukket").chmod(0o000)
    script = "import sys; from pathlib import Path; from qa.documents import read_corpus; "
    script += "print('\\n'.join(read_corpus(Path(sys.argv[1])).summary_lines()))"
    try:
        read = subprocess.run(
            without_root_privileges([sys.executable, "-c", script, str(corpus)]),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
    finally:
        (corpus / "lukket").chmod(0o755)
    assert read.stdout.splitlines()[:3] == [
        "read 1 document (1 .md)",
        f"skipped {corpus}/hemmelig.md: cannot be read (Permission denied): give the user running `qa build` read "
        "access to the file (chmod a+r), or move it out of the corpus",
        f"skipped {corpus}/lukket: the folder cannot be read (Permission denied): give the user running `qa build` "
        "read access to the folder (chmod a+rx), or move it out of the corpus",
    ]


def test_a_file_removed_while_the_corpus_is_read_is_skipped_saying_to_build_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.md").write_text("# A\n\nTekst om A.\n", encoding="utf-8")
    (tmp_path / "gemt.md").write_text("# G\n\nTekst om G.\n", encoding="utf-8")
    listed = qa.documents._corpus_files

    def listed_then_removed(folder: Path) -> tuple[list[Path], list[DocumentError]]:
        files = listed(folder)
        (tmp_path / "gemt.md").unlink()  # an editor saving it: removed, then written again
        return files

    monkeypatch.setattr(qa.documents, "_corpus_files", listed_then_removed)
    report = read_corpus(tmp_path)
    assert [d.doc_id for d in report.documents] == ["a"]
    assert [str(e) for e in report.errors] == [
        f"{tmp_path}/gemt.md: cannot be read (No such file or directory): it was removed or renamed while the build "
        "read the corpus; run `qa build` again to index the file as it is now"
    ]


def test_inspect_of_a_file_that_does_not_exist_says_only_that(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as info:
        read_document(tmp_path / "gemt.md", tmp_path)
    assert str(info.value) == f"{tmp_path}/gemt.md: cannot be read (No such file or directory)"


def test_a_markdown_file_that_opens_with_a_thematic_break_is_read_as_text(tmp_path: Path) -> None:
    # "---" and a blank line is a rule, not front matter: the file was read before the check
    # of unclosed front matter, and must still be.
    path = tmp_path / "regel.md"
    path.write_text("---\n\nBorgerservice har åbent mandag til fredag.\n", encoding="utf-8")
    assert "Borgerservice har åbent mandag til fredag." in read_document(path).text


def test_a_front_matter_tag_given_a_value_it_cannot_build_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "tag.md"
    message = _reading_error(path, "---\ndate: !!timestamp foo\n---\nTekst.\n")
    assert message.startswith(f"{path}: front matter is not valid YAML: ")


def test_a_markdown_faq_question_in_bold_over_its_answer_is_a_heading(tmp_path: Path) -> None:
    # A stop 45 tester's FAQ in Markdown: each question a bold line right over its answer.
    # Read as a paragraph, "I work from home two days a week." was quoted as the answer to
    # "I work from home two days a week. Can I still get the commuting deduction?". A bold
    # label over its value and a bold opening of a line of text stay text.
    path = tmp_path / "faq.md"
    path.write_text(
        "# Commuting deduction\n\n## Frequently asked questions\n\n"
        "**I work from home two days a week. Can I still claim?**\n"
        "Yes, but only for the days you travelled to your workplace.\n\n"
        "**Do I get the deduction if I *cycle*?**\n\nYes, the deduction is the same.\n\n"
        "### Contact\n\n**Who answers?**\nSkattestyrelsen.\n\n"
        "**Price:**\n450 kr.\n\n**Is it free?** Yes, it is.\n",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert [(b.kind, b.level, doc.block_text(b)) for b in doc.blocks] == [
        ("heading", 1, "Commuting deduction"),
        ("heading", 2, "Frequently asked questions"),
        ("heading", 3, "I work from home two days a week. Can I still claim?"),
        ("paragraph", 0, "Yes, but only for the days you travelled to your workplace."),
        ("heading", 3, "Do I get the deduction if I cycle?"),
        ("paragraph", 0, "Yes, the deduction is the same."),
        ("heading", 3, "Contact"),
        ("heading", 4, "Who answers?"),
        ("paragraph", 0, "Skattestyrelsen."),
        ("paragraph", 0, "Price:"),
        ("paragraph", 0, "450 kr."),
        ("paragraph", 0, "Is it free? Yes, it is."),
    ]


def test_a_bold_markdown_question_without_an_answer_under_it_stays_text(tmp_path: Path) -> None:
    # A stop 46 review: questions to ask your doctor, one above a heading and one ending
    # the page were read as headings heading nothing (left out of every chunk) or the
    # next section's text; as the HTML reader reads bold questions, a bold question is a
    # heading only when an answer that asks nothing follows it.
    path = tmp_path / "samtale.md"
    path.write_text(
        "# Operation\n\n## Forbered dig\n\nDu kan fx spørge om:\n\n**Hvor længe varer behandlingen?**\n\n"
        "**Kan jeg arbejde imens?**\n\n## Dagen før\n\nDu skal faste fra midnat.\n\n"
        '**Hvad betyder "fast bopæl?"**\nDin adresse i folkeregistret.\n\n**Har du spørgsmål?**\n',
        encoding="utf-8",
    )
    doc = read_document(path)
    assert [(b.kind, b.level, doc.block_text(b)) for b in doc.blocks] == [
        ("heading", 1, "Operation"),
        ("heading", 2, "Forbered dig"),
        ("paragraph", 0, "Du kan fx spørge om:"),
        ("paragraph", 0, "Hvor længe varer behandlingen?"),
        ("paragraph", 0, "Kan jeg arbejde imens?"),
        ("heading", 2, "Dagen før"),
        ("paragraph", 0, "Du skal faste fra midnat."),
        ("heading", 3, 'Hvad betyder "fast bopæl?"'),
        ("paragraph", 0, "Din adresse i folkeregistret."),
        ("paragraph", 0, "Har du spørgsmål?"),
    ]
