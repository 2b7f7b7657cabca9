"""A sentence that a PDF's page break cuts in two is one paragraph and one sentence, and
each sentence is cited with the page it starts on; a page that ends a sentence, or is
followed by a heading, still ends its paragraph."""

from __future__ import annotations

from pathlib import Path

from qa.documents import Document, read_document
from qa.sentences import split_sentences
from tests.generated_documents import CUSTODY_PAGE_1, CUSTODY_PAGE_2, write_pages_pdf

BODY = 11.0
INTRO = "Forældremyndighed handler om, hvem der træffer de store beslutninger for barnet."
FIRST_SENTENCE = (
    "Når forældrene ikke bor sammen, har de som regel fælles forældremyndighed, og hver forælder har ret til at "
    "få oplysninger om barnet fra skole og daginstitution."
)
SECOND_SENTENCE = "Barnet kan bo hos den ene forælder eller skiftevis hos begge forældre."


def blocks_with_pages(document: Document) -> list[tuple[str, str, int | None]]:
    """Each block of `document` as (kind, text, page it starts on)."""
    return [(b.kind, document.block_text(b), b.page) for b in document.blocks]


def sentences_with_pages(document: Document) -> list[tuple[str, int | None]]:
    """Each sentence of `document` as (text, page it starts on)."""
    return [
        (document.text[s:e], document.page_at(s))
        for b in document.blocks
        for s, e in split_sentences(document.text, b.start, b.end)
    ]


def body_lines(lines: tuple[str, ...]) -> list[tuple[str, float]]:
    """`lines` as `write_pages_pdf` lines in the body size (`BODY` pt)."""
    return [(line, BODY) for line in lines]


def test_a_sentence_cut_by_a_page_break_is_one_paragraph_and_one_sentence(tmp_path: Path) -> None:
    path = write_pages_pdf(
        tmp_path / "foraeldremyndighed.pdf",
        [[(INTRO, BODY), ("", BODY), *body_lines(CUSTODY_PAGE_1)], body_lines(CUSTODY_PAGE_2)],
    )
    document = read_document(path)
    assert blocks_with_pages(document) == [
        ("paragraph", INTRO, 1),
        ("paragraph", f"{FIRST_SENTENCE} {SECOND_SENTENCE}", 1),
    ]
    assert sentences_with_pages(document) == [(INTRO, 1), (FIRST_SENTENCE, 1), (SECOND_SENTENCE, 2)]


def test_the_page_changes_at_the_first_character_of_the_next_page(tmp_path: Path) -> None:
    path = write_pages_pdf(
        tmp_path / "foraeldremyndighed.pdf", [body_lines(CUSTODY_PAGE_1), body_lines(CUSTODY_PAGE_2)]
    )
    document = read_document(path)
    block = document.blocks[0]
    page_two = document.text.index("ret til at få")
    assert block.page_starts == ((page_two, 2),)
    assert [document.page_at(page_two - 2), document.page_at(page_two - 1), document.page_at(page_two)] == [1, 1, 2]


def test_a_page_that_ends_a_sentence_ends_its_paragraph(tmp_path: Path) -> None:
    path = write_pages_pdf(tmp_path / "foraeldremyndighed.pdf", [[(INTRO, BODY)], [(SECOND_SENTENCE, BODY)]])
    assert blocks_with_pages(read_document(path)) == [("paragraph", INTRO, 1), ("paragraph", SECOND_SENTENCE, 2)]


def test_a_page_cut_off_mid_sentence_is_not_joined_to_a_heading_on_the_next_page(tmp_path: Path) -> None:
    path = write_pages_pdf(
        tmp_path / "foraeldremyndighed.pdf",
        [body_lines(CUSTODY_PAGE_1), [("samvær og bopæl", 16.0), *body_lines(CUSTODY_PAGE_2)]],
    )
    assert blocks_with_pages(read_document(path)) == [
        ("paragraph", " ".join(CUSTODY_PAGE_1), 1),
        ("heading", "samvær og bopæl", 2),
        ("paragraph", " ".join(CUSTODY_PAGE_2), 2),
    ]


def test_a_next_page_that_starts_with_a_capital_or_in_a_smaller_font_starts_a_paragraph(tmp_path: Path) -> None:
    path = write_pages_pdf(
        tmp_path / "foraeldremyndighed.pdf",
        [body_lines(CUSTODY_PAGE_1), [("Barnet kan bo hos", BODY)], [("se også vejledningen", 8.0)]],
    )
    assert blocks_with_pages(read_document(path)) == [
        ("paragraph", " ".join(CUSTODY_PAGE_1), 1),
        ("paragraph", "Barnet kan bo hos", 2),
        ("paragraph", "se også vejledningen", 3),
    ]


def test_a_word_hyphenated_over_a_page_break_is_one_word_on_the_page_it_starts_on(tmp_path: Path) -> None:
    path = write_pages_pdf(
        tmp_path / "cpr.pdf",
        [[("Du finder dit CPR-", BODY)], [("nummer på dit sundhedskort, og du skal oplyse det.", BODY)]],
    )
    document = read_document(path)
    text = "Du finder dit CPR-nummer på dit sundhedskort, og du skal oplyse det."
    assert blocks_with_pages(document) == [("paragraph", text, 1)]
    assert document.blocks[0].page_starts == ((text.index("nummer"), 2),)
