"""PDF lines as a layout program sets them: words hyphenated at a line's end, and list
bullets drawn as glyphs of a symbol font."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from qa.documents import Document, read_document


def _blocks(document: Document) -> list[tuple[str, str]]:
    return [(b.kind, document.block_text(b)) for b in document.blocks]


def _write_lines(path: Path, lines: list[str]) -> Path:
    """A one-page PDF with `lines` set one under the other at single spacing (11 pt)."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    for line in lines:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_a_word_hyphenated_at_a_line_end_is_one_word_and_a_left_out_part_keeps_its_hyphen(tmp_path: Path) -> None:
    path = _write_lines(
        tmp_path / "ansoegning.pdf",
        [
            "Du kan sende din ansøgning om tilskud til kommunen, når du har ansøg-",
            "ningsskemaet og oplysningerne fra Sundheds- og Ældreministeriet og",
            "fra Styrelsen for Arbejdsmarked og Rekruttering, Erhvervs- og Social-",
            "ministeriet eller en anden myndighed. Oplys også dit CPR-",
            "nummer, din e-",
            "mail og om du har sundheds-",
            "eller plejeudgifter, som kommunen skal tage stilling til.",
        ],
    )
    assert _blocks(read_document(path)) == [
        (
            "paragraph",
            "Du kan sende din ansøgning om tilskud til kommunen, når du har ansøgningsskemaet og oplysningerne "
            "fra Sundheds- og Ældreministeriet og fra Styrelsen for Arbejdsmarked og Rekruttering, Erhvervs- og "
            "Socialministeriet eller en anden myndighed. Oplys også dit CPR-nummer, din e-mail og om du har "
            "sundheds- eller plejeudgifter, som kommunen skal tage stilling til.",
        )
    ]


def test_a_typed_hyphen_at_a_line_end_is_kept_unless_the_joined_word_is_in_the_dictionary(tmp_path: Path) -> None:
    path = _write_lines(
        tmp_path / "aabent.pdf",
        [
            "Borgerservice har åbent mandag-",
            "fredag, og ansøgningen skal være modtaget i perioden januar-",
            "marts. Det gælder dansk-",
            "tyrkiske foreninger og covid-",
            "relaterede udgifter. Reglerne gælder både kommune-",
            "som regionsråd, og Sundheds-",
            "styrelsen giver boligstøt-",
            "te til pro-",
            "jekter.",
        ],
    )
    assert _blocks(read_document(path)) == [
        (
            "paragraph",
            "Borgerservice har åbent mandag-fredag, og ansøgningen skal være modtaget i perioden januar-marts. "
            "Det gælder dansk-tyrkiske foreninger og covid-relaterede udgifter. Reglerne gælder både kommune- "
            "som regionsråd, og Sundhedsstyrelsen giver boligstøtte til projekter.",
        )
    ]


def test_bullets_drawn_as_symbol_glyphs_start_list_items(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 6, "Tag dette med til borgerservice:", new_x="LMARGIN", new_y="NEXT")
    bullets = [("Symbol", "\xb7"), ("ZapfDingbats", "n"), ("ZapfDingbats", "l"), ("ZapfDingbats", "u")]
    items = ["dit gamle pas", "et nyt foto", "dit sundhedskort", "betaling på 673 kr."]
    for (font, glyph), item in zip(bullets, items, strict=True):
        pdf.set_font(font, "", 9)
        pdf.cell(6, 6, glyph)
        pdf.set_font("Helvetica", "", 11)
        pdf.cell(0, 6, item, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "pas.pdf"))
    assert _blocks(read_document(tmp_path / "pas.pdf")) == [
        ("paragraph", "Tag dette med til borgerservice:"),
        ("list_item", "dit gamle pas"),
        ("list_item", "et nyt foto"),
        ("list_item", "dit sundhedskort"),
        ("list_item", "betaling på 673 kr."),
    ]


def test_bullet_glyphs_and_private_use_bullets_start_list_items_in_any_text(tmp_path: Path) -> None:
    path = tmp_path / "pas.txt"
    path.write_text("Tag dette med:\n▪ dit gamle pas\n◦ et nyt foto\n\uf0b7 dit sundhedskort\n\uf0a7 betaling\n")
    assert _blocks(read_document(path)) == [
        ("paragraph", "Tag dette med:"),
        ("list_item", "dit gamle pas"),
        ("list_item", "et nyt foto"),
        ("list_item", "dit sundhedskort"),
        ("list_item", "betaling"),
    ]


def test_raised_digits_read_as_digits_also_when_a_smaller_line_starts_with_them(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)

    def superscript(mark: str) -> None:
        pdf.char_vpos = "SUP"
        pdf.write(6, mark)
        pdf.char_vpos = "LINE"

    pdf.write(6, "En bolig på højst 65 m")
    superscript("2")
    pdf.write(6, " giver ret til boligstøtte. Borgerservice har åbent fra kl. 9")
    superscript("30")
    pdf.write(6, " på hverdage.")
    pdf.set_y(260)
    pdf.set_font("Helvetica", "", 8)
    pdf.cell(0, 4, "2 Bekendtgørelse nr. 123 af 1. januar 2025.", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 4, "30 minutter før lukketid lukker nummersystemet.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "boligstoette.pdf"))
    assert _blocks(read_document(tmp_path / "boligstoette.pdf")) == [
        (
            "paragraph",
            "En bolig på højst 65 m2 giver ret til boligstøtte. Borgerservice har åbent fra kl. 930 på hverdage.",
        ),
        ("paragraph", "2 Bekendtgørelse nr. 123 af 1. januar 2025."),
        ("paragraph", "30 minutter før lukketid lukker nummersystemet."),
    ]
