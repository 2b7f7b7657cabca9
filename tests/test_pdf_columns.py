"""A PDF page set in two columns reads the left column top to bottom, then the right one,
with a title and a closing line across the page kept where they stand; a sentence cut at
the foot of the left column goes on at the top of the right one, and one at the foot of
the right column at the top of the next page's left one. A table across both columns
stands between the columns above and below it. A short column line is wrapped prose when
the next line's first word would not have fitted after it, and a label when it would. A
price list set with a tab stop is no pair of columns. A fact box beside the text, in a type
of its own, is read after the text."""

from __future__ import annotations

from pathlib import Path

from qa.documents import Document, read_document
from qa.sentences import split_sentences
from tests.generated_documents import write_columns_pdf, write_leaflet_pdf, write_sidebar_pdf, write_tab_list_pdf

TITLE = "Affald og genbrug i Eksempel Kommune"
LEFT = [
    "Storskrald hentes hver anden uge i hele",
    "kommunen. Du skal tilmelde storskrald senest",
    "fredagen før kl. 12, og du kan tilmelde det",
    "på kommunens hjemmeside eller ved at ringe",
]
RIGHT = [
    "til borgerservice på telefon 70 11 22 33.",
    "",
    "Haveaffald hentes fra april til november, og",
    "sækkene må højst veje 15 kg hver.",
]
BELOW = "Har du spørgsmål om affald, kan du skrive til Teknik og Miljø gennem Digital Post."
CROSSING_SENTENCE = (
    "Du skal tilmelde storskrald senest fredagen før kl. 12, og du kan tilmelde det på kommunens hjemmeside "
    "eller ved at ringe til borgerservice på telefon 70 11 22 33."
)


def blocks_with_pages(document: Document) -> list[tuple[str, str, int | None]]:
    return [(b.kind, document.block_text(b), b.page) for b in document.blocks]


def test_two_columns_read_left_then_right_between_the_title_and_the_line_below(tmp_path: Path) -> None:
    document = read_document(write_columns_pdf(tmp_path / "affald.pdf", TITLE, LEFT, RIGHT, BELOW))
    assert blocks_with_pages(document) == [
        ("heading", TITLE, 1),
        ("paragraph", f"Storskrald hentes hver anden uge i hele kommunen. {CROSSING_SENTENCE}", 1),
        ("paragraph", "Haveaffald hentes fra april til november, og sækkene må højst veje 15 kg hver.", 1),
        ("paragraph", BELOW, 1),
    ]
    assert document.text == "\n\n".join(text for _, text, _ in blocks_with_pages(document))


def test_a_sentence_cut_at_the_foot_of_the_left_column_is_one_sentence_on_its_page(tmp_path: Path) -> None:
    document = read_document(write_columns_pdf(tmp_path / "affald.pdf", TITLE, LEFT, RIGHT, BELOW))
    block = document.blocks[1]
    sentences = [document.text[s:e] for s, e in split_sentences(document.text, block.start, block.end)]
    assert sentences == ["Storskrald hentes hver anden uge i hele kommunen.", CROSSING_SENTENCE]
    assert block.page_starts == ()


def test_columns_with_a_narrow_gutter_are_still_columns(tmp_path: Path) -> None:
    document = read_document(write_columns_pdf(tmp_path / "affald.pdf", TITLE, LEFT, RIGHT, BELOW, gutter=5))
    assert [text for _, text, _ in blocks_with_pages(document)][1] == (
        f"Storskrald hentes hver anden uge i hele kommunen. {CROSSING_SENTENCE}"
    )


def test_a_price_list_set_with_a_tab_stop_reads_line_by_line(tmp_path: Path) -> None:
    rows = [
        ("Pas 18-64 år", "835 kr."),
        ("Pas 0-17 år", "155 kr."),
        ("Pas over 65 år", "455 kr."),
        ("Kørekort", "310 kr."),
    ]
    intro = "Priserne gælder fra 1. januar 2026 og betales ved bestillingen."
    document = read_document(write_tab_list_pdf(tmp_path / "priser.pdf", intro, rows))
    assert blocks_with_pages(document) == [
        ("paragraph", intro, 1),
        ("paragraph", "Pas 18-64 år 835 kr.", 1),
        ("paragraph", "Pas 0-17 år 155 kr.", 1),
        ("paragraph", "Pas over 65 år 455 kr.", 1),
        ("paragraph", "Kørekort 310 kr.", 1),
    ]


def test_a_table_across_both_columns_stands_between_them_and_a_sentence_goes_on_over_the_page(
    tmp_path: Path,
) -> None:
    document = read_document(write_leaflet_pdf(tmp_path / "affald.pdf"))
    crossing_page = (
        "Sækkene må højst veje 15 kg, og de skal stå ved skel om morgenen senest kl. 6 på afhentningsdagen. "
        "Papir og pap hentes hver fjerde uge, og glas og metal hentes hver ottende uge i hele kommunen."
    )
    assert blocks_with_pages(document) == [
        ("paragraph", "Storskrald hentes hver anden uge, og du skal tilmelde det senest fredagen før kl. 12.", 1),
        ("paragraph", "Du tilmelder storskrald på kommunens hjemmeside eller hos borgerservice.", 1),
        ("table_header", "Ordning; Pris", 1),
        ("table_row", "Ordning: Storskrald; Pris: 0 kr.", 1),
        ("table_row", "Ordning: Haveaffald; Pris: 250 kr.", 1),
        ("paragraph", "Haveaffald hentes fra april til november, og det hentes hver anden uge i hele kommunen.", 1),
        ("paragraph", crossing_page, 1),
        (
            "paragraph",
            "Farligt affald afleveres på genbrugspladsen, som har åbent alle dage fra kl. 10 til 17, og det er "
            "gratis for alle borgere i kommunen.",
            2,
        ),
    ]
    assert document.blocks[6].page_starts == ((document.text.index("senest kl. 6"), 2),)


def test_a_short_column_line_that_the_next_word_did_not_fit_after_is_wrapped_prose_not_a_label(
    tmp_path: Path,
) -> None:
    left = [
        "Et nyt pas til en voksen koster 835 kr., og du",
        "bestiller det hos borgerservice i Eksempel",
        "Kommune, hvor det tager cirka tre uger at få",
        "det udstedt.",
    ]
    right = [
        "Sådan bestiller du",
        "Du bestiller tid til pas på kommunens",
        "hjemmeside og medbringer dit gamle pas og",
        "et foto, der højst er seks måneder gammelt.",
    ]
    below = "Har du spørgsmål om pas, kan du ringe til borgerservice på telefon 70 11 22 33."
    document = read_document(write_columns_pdf(tmp_path / "pas.pdf", "Pas i Eksempel Kommune", left, right, below))
    assert blocks_with_pages(document) == [
        ("heading", "Pas i Eksempel Kommune", 1),
        (
            "paragraph",
            "Et nyt pas til en voksen koster 835 kr., og du bestiller det hos borgerservice i Eksempel Kommune, "
            "hvor det tager cirka tre uger at få det udstedt.",
            1,
        ),
        ("paragraph", "Sådan bestiller du", 1),
        (
            "paragraph",
            "Du bestiller tid til pas på kommunens hjemmeside og medbringer dit gamle pas og et foto, der højst er "
            "seks måneder gammelt.",
            1,
        ),
        ("paragraph", below, 1),
    ]


def test_a_column_line_wrapped_before_a_number_with_a_full_stop_is_prose_not_a_list_item(tmp_path: Path) -> None:
    left = [
        "Farligt affald som maling og batterier skal",
        "afleveres på genbrugspladsen. Du må ikke",
        "lægge farligt affald i skraldespanden, fordi",
        "det kan skade miljøet.",
    ]
    right = [
        "Genbrugspladsen har åbent alle dage fra kl. 7 til",
        "18. Du skal vise dit sundhedskort, når du",
        "kommer, og du kan højst aflevere to trailerlæs",
        "om dagen.",
    ]
    document = read_document(write_columns_pdf(tmp_path / "affald.pdf", "Farligt affald", left, right, BELOW))
    assert blocks_with_pages(document) == [
        ("heading", "Farligt affald", 1),
        (
            "paragraph",
            "Farligt affald som maling og batterier skal afleveres på genbrugspladsen. Du må ikke lægge farligt "
            "affald i skraldespanden, fordi det kan skade miljøet.",
            1,
        ),
        (
            "paragraph",
            "Genbrugspladsen har åbent alle dage fra kl. 7 til 18. Du skal vise dit sundhedskort, når du kommer, og "
            "du kan højst aflevere to trailerlæs om dagen.",
            1,
        ),
        ("paragraph", BELOW, 1),
    ]


def test_a_fact_box_beside_the_text_is_read_after_the_text_not_between_its_lines(tmp_path: Path) -> None:
    body = (
        "Boligstøtte er en skattefri ydelse, som du kan få, hvis du bor til leje i en lejebolig, en andelsbolig "
        "eller et værelse. Hvor meget du kan få, afhænger af husstandens samlede indkomst, boligens størrelse og "
        "huslejens størrelse. Du søger om boligstøtte digitalt på borger.dk, og du skal bruge MitID for at logge ind."
    )
    box = ["Svaret kommer normalt inden for fire uger.", "Du får svar i Digital Post."]
    document = read_document(write_sidebar_pdf(tmp_path / "boligstoette.pdf", body, "Godt at vide", box))
    assert blocks_with_pages(document) == [
        ("paragraph", body, 1),
        ("paragraph", "Godt at vide", 1),
        ("paragraph", "Svaret kommer normalt inden for fire uger.", 1),
        ("paragraph", "Du får svar i Digital Post.", 1),
    ]
