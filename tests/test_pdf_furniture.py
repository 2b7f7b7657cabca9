"""A PDF's running headers and footers (page numbers, a title on every page) are left out
of its text, so that a sentence cut by a page break under a footer is one sentence with
the page it starts on; a line repeated in the body, or standing once, is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.documents import Document, DocumentError, read_document
from tests.generated_documents import CUSTODY_PAGE_1, CUSTODY_PAGE_2, write_flowing_pdf, write_pages_pdf
from tests.test_pdf_page_breaks import (
    BODY,
    FIRST_SENTENCE,
    INTRO,
    SECOND_SENTENCE,
    blocks_with_pages,
    body_lines,
    sentences_with_pages,
)

TITLE = "Forældremyndighed og samvær"
VISITS = "Samværet aftales mellem forældrene, og kan de ikke blive enige, kan Familieretshuset hjælpe."
# One paragraph: the sentence that the break between pages 1 and 2 cuts in two, then one
# wholly on page 2.
CUT_PARAGRAPH = f"{FIRST_SENTENCE} {SECOND_SENTENCE}"


def _guide(path: Path, header: str | None, footer: str | None) -> Document:
    """Three pages: the title as a 16 pt heading and `INTRO` on page 1, a paragraph cut
    by the break between pages 1 and 2, a heading and `VISITS` on page 3."""
    pages = [
        [(TITLE, 16.0), (INTRO, BODY), ("", BODY), *body_lines(CUSTODY_PAGE_1)],
        body_lines(CUSTODY_PAGE_2),
        [("Samvær", 16.0), (VISITS, BODY)],
    ]
    return read_document(write_pages_pdf(path, pages, header=header, footer=footer))


def test_a_running_title_and_a_page_x_of_y_footer_are_left_out_and_the_cut_sentence_is_joined(
    tmp_path: Path,
) -> None:
    document = _guide(tmp_path / "foraeldremyndighed.pdf", header=TITLE, footer="Side {page} af {pages}")
    assert document.text == f"{TITLE}\n\n{INTRO}\n\n{CUT_PARAGRAPH}\n\nSamvær\n\n{VISITS}"
    assert blocks_with_pages(document) == [
        ("heading", TITLE, 1),
        ("paragraph", INTRO, 1),
        ("paragraph", CUT_PARAGRAPH, 1),
        ("heading", "Samvær", 3),
        ("paragraph", VISITS, 3),
    ]
    assert document.blocks[2].page_starts == ((document.text.index("ret til at få"), 2),)
    assert sentences_with_pages(document) == [
        (TITLE, 1),
        (INTRO, 1),
        (FIRST_SENTENCE, 1),
        (SECOND_SENTENCE, 2),
        ("Samvær", 3),
        (VISITS, 3),
    ]


def test_a_footer_of_a_title_and_the_page_number_is_left_out_by_its_recurrence(tmp_path: Path) -> None:
    document = _guide(tmp_path / "foraeldremyndighed.pdf", header=None, footer="Forældremyndighed · side {page}")
    assert document.text == f"{TITLE}\n\n{INTRO}\n\n{CUT_PARAGRAPH}\n\nSamvær\n\n{VISITS}"


@pytest.mark.parametrize(
    "footer",
    [
        "{page}",
        "- {page} -",
        "{page}/{pages}",
        "Side {page}",
        "Page {page} of {pages}",
        "Udbetaling Danmark  Side {page} af {pages}",
    ],
)
def test_bare_page_numbers_of_a_two_page_pdf_are_left_out_and_the_cut_sentence_is_joined(
    tmp_path: Path, footer: str
) -> None:
    path = write_pages_pdf(
        tmp_path / "foraeldremyndighed.pdf", [body_lines(CUSTODY_PAGE_1), body_lines(CUSTODY_PAGE_2)], footer=footer
    )
    document = read_document(path)
    assert blocks_with_pages(document) == [("paragraph", CUT_PARAGRAPH, 1)]
    assert sentences_with_pages(document) == [(FIRST_SENTENCE, 1), (SECOND_SENTENCE, 2)]


def test_a_guide_flowing_over_pages_under_a_running_header_and_footer_reads_as_its_paragraphs(tmp_path: Path) -> None:
    sentences = [
        f"Boligstøtte nummer {n} udbetales hver måned til dig, der bor til leje og opfylder betingelserne om "
        f"husstandens indkomst, formue og boligens størrelse, og støtten beregnes for et år ad gangen."
        for n in range(1, 61)
    ]
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    path = write_flowing_pdf(
        tmp_path / "boligstoette.pdf",
        paragraphs,
        "Vejledning om boligstøtte",
        "Udbetaling Danmark  Side {page} af {{nb}}",
    )
    document = read_document(path)
    assert document.text == "\n\n".join(paragraphs)
    # 15 paragraphs on 3 pages; the 6th runs from page 1 onto 2, the 11th from 2 onto 3.
    assert [(b.page, [page for _, page in b.page_starts]) for b in document.blocks] == [
        *[(1, [])] * 5,
        (1, [2]),
        *[(2, [])] * 4,
        (2, [3]),
        *[(3, [])] * 4,
    ]


def test_a_line_repeated_in_the_body_of_every_page_outside_the_header_and_footer_is_kept(tmp_path: Path) -> None:
    repeated = "Kontakt Familieretshuset, hvis I ikke kan blive enige."
    topics = ("bopæl", "skole", "samvær")
    pages = [
        body_lines((f"Afsnit {n} handler om barnets {topic}.", "", repeated, "", f"Læs mere om {topic} i afsnit {n}."))
        for n, topic in enumerate(topics, start=1)
    ]
    path = write_pages_pdf(tmp_path / "foraeldremyndighed.pdf", pages, header=TITLE, footer="Side {page} af {pages}")
    assert blocks_with_pages(read_document(path)) == [
        block
        for n, topic in enumerate(topics, start=1)
        for block in (
            ("paragraph", f"Afsnit {n} handler om barnets {topic}.", n),
            ("paragraph", repeated, n),
            ("paragraph", f"Læs mere om {topic} i afsnit {n}.", n),
        )
    ]


def test_a_line_repeated_second_from_the_top_of_every_page_under_body_text_is_kept(tmp_path: Path) -> None:
    repeated = "Kontakt Familieretshuset, hvis I ikke kan blive enige."
    topics = ("bopæl", "skole", "samvær")
    pages = [body_lines((f"Barnets {topic}.", repeated, "", f"Læs mere om {topic} nedenfor.")) for topic in topics]
    path = write_pages_pdf(tmp_path / "foraeldremyndighed.pdf", pages)
    assert [text for _, text, _ in blocks_with_pages(read_document(path))] == [
        text for topic in topics for text in (f"Barnets {topic}.", repeated, f"Læs mere om {topic} nedenfor.")
    ]


def test_a_title_at_the_top_of_only_two_pages_is_kept(tmp_path: Path) -> None:
    path = write_pages_pdf(
        tmp_path / "foraeldremyndighed.pdf", [[(INTRO, BODY)], [(SECOND_SENTENCE, BODY)]], header=TITLE
    )
    assert blocks_with_pages(read_document(path)) == [
        ("paragraph", TITLE, 1),
        ("paragraph", INTRO, 1),
        ("paragraph", TITLE, 2),
        ("paragraph", SECOND_SENTENCE, 2),
    ]


def test_a_one_page_pdf_keeps_its_first_and_last_lines_a_year_on_its_own_included(tmp_path: Path) -> None:
    lines = [(TITLE, 16.0), (INTRO, BODY), ("", BODY), (SECOND_SENTENCE, BODY), ("", BODY), ("2026", BODY)]
    document = read_document(write_pages_pdf(tmp_path / "foraeldremyndighed.pdf", [lines]))
    assert blocks_with_pages(document) == [
        ("heading", TITLE, 1),
        ("paragraph", INTRO, 1),
        ("paragraph", SECOND_SENTENCE, 1),
        ("paragraph", "2026", 1),
    ]


def test_a_pdf_whose_only_text_is_page_numbers_is_an_error_that_says_to_run_ocr(tmp_path: Path) -> None:
    path = write_pages_pdf(tmp_path / "scannet.pdf", [[], []], footer="Side {page} af {pages}")
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert str(info.value) == (
        f"{path}: unreadable PDF: no text layer beyond page numbers and running headers or footers: "
        "scanned PDF? run OCR first"
    )


PASSPORTS = [
    ("Pas til voksne", "Et pas til voksne er gyldigt i ti år.", "Gebyr: 835 kr."),
    ("Pas til børn", "Et pas til børn er gyldigt i fem år.", "Gebyr: 155 kr."),
    ("Pas til pensionister", "Et pas til pensionister er gyldigt i ti år.", "Gebyr: 495 kr."),
    ("Kørekort", "Et kørekort fornyes i borgerservice.", "Gebyr: 280 kr."),
]


def test_a_body_line_ending_every_page_at_one_height_with_a_different_number_on_each_is_kept(
    tmp_path: Path,
) -> None:
    pages = [[(heading, 14.0), (text, BODY), ("", BODY), (fee, BODY)] for heading, text, fee in PASSPORTS]
    path = write_pages_pdf(tmp_path / "pas.pdf", pages, first_at_foot=False)
    assert blocks_with_pages(read_document(path)) == [
        block
        for page, (heading, text, fee) in enumerate(PASSPORTS, start=1)
        for block in (("heading", heading, page), ("paragraph", text, page), ("paragraph", fee, page))
    ]


def test_a_closing_sentence_ending_every_page_under_text_of_different_lengths_is_kept(tmp_path: Path) -> None:
    closing = "Har du spørgsmål, kan du ringe til Udbetaling Danmark."
    texts = [
        ("Boligstøtte er en skattefri ydelse.",),
        ("Pensionister kan få boligydelse,", "og ydelsen beregnes efter særlige regler."),
        ("Når du flytter, skal du søge igen.",),
        ("Ændrer din indkomst sig,", "skal du give besked", "med det samme."),
    ]
    pages = [[*body_lines(lines), ("", BODY), (closing, BODY)] for lines in texts]
    path = write_pages_pdf(tmp_path / "boligstoette.pdf", pages, first_at_foot=False)
    assert [text for _, text, _ in blocks_with_pages(read_document(path))] == [
        "Boligstøtte er en skattefri ydelse.",
        closing,
        "Pensionister kan få boligydelse, og ydelsen beregnes efter særlige regler.",
        closing,
        "Når du flytter, skal du søge igen.",
        closing,
        "Ændrer din indkomst sig, skal du give besked med det samme.",
        closing,
    ]


@pytest.mark.parametrize("label", ["Kapitel {page}", "{page}"])
def test_a_chapter_label_set_larger_than_the_body_at_the_top_of_every_page_is_a_heading(
    tmp_path: Path, label: str
) -> None:
    chapters = [("Ansøgning", INTRO), ("Samvær", VISITS), ("Bopæl", SECOND_SENTENCE)]
    pages = [
        [(label.format(page=page), 28.0), (heading, 18.0), (text, BODY)]
        for page, (heading, text) in enumerate(chapters, start=1)
    ]
    path = write_pages_pdf(tmp_path / "foraeldremyndighed.pdf", pages, first_at_foot=False)
    assert blocks_with_pages(read_document(path)) == [
        block
        for page, (heading, text) in enumerate(chapters, start=1)
        for block in (("heading", label.format(page=page), page), ("heading", heading, page), ("paragraph", text, page))
    ]


def test_a_first_body_line_repeated_at_the_top_of_every_page_at_single_spacing_is_kept(tmp_path: Path) -> None:
    # A template's opening line recurs at one place on every page, but sits at single
    # spacing above the text it opens: it is text, not a running head set apart from it.
    opening = "Sådan sorterer du affald i Eksempel Kommune."
    topics = ("pap", "glas", "metal")
    pages = [body_lines((opening, f"Denne side handler om {topic}.")) for topic in topics]
    path = write_pages_pdf(tmp_path / "affald.pdf", pages, header=TITLE, first_at_foot=False)
    assert [text for _, text, _ in blocks_with_pages(read_document(path))] == [
        text for topic in topics for text in (opening, f"Denne side handler om {topic}.")
    ]
