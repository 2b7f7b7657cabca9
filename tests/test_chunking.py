"""Chunks: a few sentences within one section, with heading, exact offsets and a content-hash id."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.chunking import ChunkingOptions, chunk_document, chunk_id_for, leads_in
from qa.documents import Block, Document, assemble


def test_seed_chunks_stay_within_sections_and_carry_their_heading(seed_document: Document) -> None:
    chunks, sentences = chunk_document(seed_document)
    # the chunk right under the level-1 title carries the title heading
    assert [c.heading for c in chunks] == ["20 års fælles digitaliseringsstrategier"] + [
        "Danmark som digital frontløber"
    ] * 5 + ["Et solidt grundlag at bygge videre på"]
    for chunk in chunks:
        assert seed_document.text[chunk.start : chunk.end] == chunk.text
        assert len(chunk.text) <= 600
        assert chunk.title == "20 års fælles digitaliseringsstrategier"
    assert len(sentences) == 20
    for sentence in sentences:
        assert seed_document.text[sentence.start : sentence.end] == sentence.text
        chunk = chunks[sentence.chunk_index]
        assert chunk.start <= sentence.start < sentence.end <= chunk.end
        assert sentence.sentence_id in chunk.sentence_ids
    # the two one-sentence paragraphs of the last section make one chunk
    assert chunks[-1].text.count("\n\n") == 1


def test_chunk_ids_are_content_hashes(seed_document: Document) -> None:
    first, _ = chunk_document(seed_document)
    again, _ = chunk_document(seed_document)
    assert [c.chunk_id for c in first] == [c.chunk_id for c in again]
    assert len({c.chunk_id for c in first}) == len(first)
    assert first[0].chunk_id == chunk_id_for(seed_document.doc_id, first[0].text, first[0].start)
    assert chunk_id_for("d", "tekst", 0) != chunk_id_for("d", "tekst.", 0)


def test_long_paragraph_is_split_at_sentence_boundaries() -> None:
    sentence = "Dette er en sætning om Digital Post og NemKonto, som fylder godt op. "
    doc = assemble("lang", [("heading", 1, "Titel"), ("paragraph", 0, sentence * 12)])
    chunks, sentences = chunk_document(doc, ChunkingOptions(max_chars=200, min_chars=100))
    assert len(chunks) == 6
    assert all(len(c.text) <= 200 for c in chunks)
    assert sum(len(c.sentence_ids) for c in chunks) == len(sentences) == 12


def test_numbering_continues_from_the_given_firsts(seed_document: Document) -> None:
    chunks, sentences = chunk_document(seed_document, first_sentence_id=100, first_chunk_index=10)
    assert sentences[0].sentence_id == 100 and sentences[0].chunk_index == 10
    assert chunks[0].sentence_ids[0] == 100


def test_chunking_options_are_checked() -> None:
    with pytest.raises(ValueError, match="chunking needs 0 < min_chars <= max_chars, got min_chars=200, max_chars=100"):
        ChunkingOptions(max_chars=100, min_chars=200)


def _document(pieces: list[tuple[str, int, str]], title: str = "Boligstøtte") -> Document:
    """A document built block by block, any block kind, blocks joined by blank lines."""
    text = ""
    blocks: list[Block] = []
    for kind, level, piece in pieces:
        if text:
            text += "\n\n"
        blocks.append(Block(kind=kind, start=len(text), end=len(text) + len(piece), level=level))  # type: ignore[arg-type]
        text += piece
    return Document(doc_id="doc", title=title, text=text, blocks=tuple(blocks))


def test_every_chunk_carries_the_nearest_heading_above_it_at_any_level() -> None:
    doc = _document(
        [
            ("paragraph", 0, "Tekst før enhver overskrift."),
            ("heading", 1, "Boligstøtte og behandling"),
            ("paragraph", 0, "Tekst under titlen."),
            ("heading", 2, "Ansøgning"),
            ("heading", 3, "Frister"),
            ("paragraph", 0, "Fristen er den 15. sept. 2026."),
            ("heading", 4, "Særlige frister"),
            ("paragraph", 0, "Der gælder ingen særlige frister."),
        ]
    )
    chunks, _ = chunk_document(doc)
    assert [(c.heading, c.text) for c in chunks] == [
        ("Boligstøtte", "Tekst før enhver overskrift."),
        ("Boligstøtte og behandling", "Tekst under titlen."),
        ("Frister", "Fristen er den 15. sept. 2026."),
        ("Særlige frister", "Der gælder ingen særlige frister."),
    ]


def test_the_context_names_the_heading_once_when_it_repeats_the_title() -> None:
    doc = _document([("heading", 1, "Boligstøtte"), ("paragraph", 0, "Tekst."), ("heading", 2, "Frister")])
    doc2 = _document([("heading", 1, "Boligstøtte"), ("heading", 2, "Frister"), ("paragraph", 0, "Tekst.")])
    assert chunk_document(doc)[0][0].context() == "Boligstøtte\nTekst."
    assert chunk_document(doc2)[0][0].context() == "Boligstøtte. Frister\nTekst."


def test_list_items_and_table_rows_are_text_blocks_of_their_own() -> None:
    doc = _document(
        [
            ("heading", 2, "Sådan søger du"),
            ("list_item", 0, "1. Log ind med MitID."),
            ("list_item", 0, "2. Vælg Boligstøtte."),
            ("heading", 2, "Priser"),
            ("table_row", 0, "Kort: Erstatningskort; Pris: 205 kr."),
            ("some_future_kind", 0, "Kort: Sundhedskort; Pris: 0 kr."),
        ]
    )
    chunks, sentences = chunk_document(doc, ChunkingOptions(max_chars=600, min_chars=10))
    assert [(c.heading, c.text) for c in chunks] == [
        ("Sådan søger du", "1. Log ind med MitID."),
        ("Sådan søger du", "2. Vælg Boligstøtte."),
        ("Priser", "Kort: Erstatningskort; Pris: 205 kr."),
        ("Priser", "Kort: Sundhedskort; Pris: 0 kr."),
    ]
    assert [s.text for s in sentences] == [c.text for c in chunks]


def test_chunks_never_exceed_max_chars_nor_cross_a_heading() -> None:
    clause = "du kan klage over afgørelsen inden for fire uger, "
    doc = _document(
        [
            ("heading", 1, "Boligstøtte"),
            ("paragraph", 0, (clause * 40).strip()),
            ("heading", 2, "Klage"),
            ("paragraph", 0, "Kort afsnit."),
        ]
    )
    options = ChunkingOptions(max_chars=300, min_chars=100)
    chunks, sentences = chunk_document(doc, options)
    assert max(len(c.text) for c in chunks) <= 300
    assert max(len(s.text) for s in sentences) <= 300
    heading_starts = [b.start for b in doc.blocks if b.kind == "heading"]
    for chunk in chunks:
        assert doc.text[chunk.start : chunk.end] == chunk.text
        assert not any(chunk.start < h < chunk.end for h in heading_starts)
    assert [c.heading for c in chunks][-1] == "Klage"
    assert chunks[-1].text == "Kort afsnit."
    # 40 clauses of 50 characters (a comma and a space each): 6 fit in 300 characters
    assert [len(s.text) for s in sentences] == [299] * 6 + [199, 12]


def test_the_sentence_limit_is_the_smaller_of_its_own_and_the_chunk_size() -> None:
    assert ChunkingOptions().sentence_limit == 400
    assert ChunkingOptions(max_chars=200, min_chars=100).sentence_limit == 200
    with pytest.raises(ValueError, match="chunking needs max_sentence_chars >= 1, got 0"):
        ChunkingOptions(max_sentence_chars=0)


_BLOCK_TEXT = st.lists(
    st.sampled_from(["Ansøgningen", "behandles", "kr.", "1.", "sept.", "2026.", "Det", "👍", "\u200b", ",", ";"]),
    min_size=1,
    max_size=150,
).map(" ".join)
_BLOCKS = st.lists(
    st.tuples(st.sampled_from(["heading", "paragraph", "list_item", "table_row"]), st.integers(1, 4), _BLOCK_TEXT),
    max_size=8,
)


@settings(max_examples=100, deadline=None)
@given(_BLOCKS, st.integers(min_value=20, max_value=700), st.integers(min_value=1, max_value=500))
def test_chunks_fit_hold_their_sentences_and_stay_under_one_heading(
    pieces: list[tuple[str, int, str]], max_chars: int, max_sentence_chars: int
) -> None:
    doc = _document(pieces)
    options = ChunkingOptions(max_chars=max_chars, min_chars=max_chars // 2 or 1, max_sentence_chars=max_sentence_chars)
    chunks, sentences = chunk_document(doc, options)
    headings = [b for b in doc.blocks if b.kind == "heading"]
    for chunk in chunks:
        assert len(chunk.text) <= max_chars
        assert doc.text[chunk.start : chunk.end] == chunk.text
        assert not any(chunk.start < h.start < chunk.end for h in headings)
        above = [h for h in headings if h.end <= chunk.start]
        assert chunk.heading == (doc.block_text(above[-1]) if above else doc.title)
    for sentence in sentences:
        chunk = chunks[sentence.chunk_index]
        assert chunk.start <= sentence.start < sentence.end <= chunk.end
        assert len(sentence.text) <= min(max_chars, max_sentence_chars)


def test_a_paragraph_that_leads_in_stays_in_one_chunk_with_the_table_it_introduces() -> None:
    # A fresh tester's page: the lead-in closed the chunk before and the table's chunk did
    # not say whose opening hours it gave, so "When does ICS Aarhus close on Thursdays?"
    # found it 18th.
    before = "We recommend that you book an appointment online before you come. Without an appointment, you may "
    before += "have to wait, and we cannot guarantee that you will be served on the same day."
    lead = "Opening hours at International Citizen Service Aarhus (Dokk1):"
    rows = ["Day: Monday-Wednesday; Opening hours: 10:00-15:00", "Day: Thursday; Opening hours: 10:00-17:00"]

    def chunked(paragraphs: list[str], min_chars: int) -> list[str]:
        doc = assemble(
            "ics",
            [
                ("heading", 1, "CPR number"),
                *[("paragraph", 0, p) for p in paragraphs],
                *[("table_row", 0, r) for r in rows],
            ],  # type: ignore[misc]
        )
        return [c.text for c in chunk_document(doc, ChunkingOptions(max_chars=600, min_chars=min_chars))[0]]

    # What precedes the lead-in fills a chunk (178 characters, at least 150): the break
    # falls before the lead-in.
    assert chunked([before, lead], 150) == [before, "\n\n".join([lead, *rows])]
    # It does not (178 < 200): no break at all, rather than a lead-in torn from its table.
    assert chunked([before, lead], 200) == ["\n\n".join([before, lead, *rows])]
    # Without a lead-in, the break falls after the paragraph that fills the chunk.
    assert chunked([before, lead[:-1] + "."], 200) == [f"{before}\n\n{lead[:-1]}.", "\n\n".join(rows)]
    # A lead-in that alone fills a chunk keeps its rows, and a short paragraph before it
    # is no chunk of its own (a review's cases).
    assert chunked([before + ":"], 150) == ["\n\n".join([before + ":", *rows])]
    assert chunked(["Se også madservice.", before + ":"], 150) == [
        "\n\n".join(["Se også madservice.", before + ":", *rows])
    ]


def test_a_tables_caption_and_header_row_stay_in_one_chunk_with_its_rows() -> None:
    # A held-out page (stop 37): the caption "Child support per child per month, 2026" and
    # the header row closed a chunk, the rows opened the next, so "How much is the
    # standard child support per month in 2026?" found its row in a chunk without the
    # year, and the year counted as a value the passage lacks.
    intro = (
        "The Agency of Family Law (Familieretshuset) fixes the amount based on the paying parent's income "
        "and the number of children the parent must pay for."
    )
    caption = "Child support per child per month, 2026"
    header = "Contribution level; Amount per month"
    rows = [
        "Contribution level: Standard contribution (normalbidrag); Amount per month: DKK 1,612",
        "Contribution level: Standard contribution + 25% supplement; Amount per month: DKK 1,963",
    ]
    doc = assemble(
        "support",
        [
            ("heading", 1, "How much is child support?"),
            ("paragraph", 0, intro),
            ("paragraph", 0, caption),
            ("table_header", 0, header),
            *[("table_row", 0, r) for r in rows],
            ("paragraph", 0, "Page updated: 8 January 2026"),
        ],  # type: ignore[misc]
    )
    texts = [c.text for c in chunk_document(doc)[0]]
    # The chunk reaches 200 characters (the default `min_chars`) at the first row, right
    # after the header row that leads in to it, so no break falls inside the table; before,
    # it fell after the header row, and the rows' chunk held neither caption nor header.
    assert texts == ["\n\n".join([intro, caption, header, *rows, "Page updated: 8 January 2026"])]
    # Without a header row the caption is a paragraph like any other, and the break falls
    # where the chunk holds 200 characters.
    doc = assemble(
        "support",
        [("paragraph", 0, intro), ("paragraph", 0, caption), *[("table_row", 0, r) for r in rows]],  # type: ignore[misc]
    )
    texts = [c.text for c in chunk_document(doc)[0]]
    assert texts == ["\n\n".join([intro, caption, rows[0]]), rows[1]]


@pytest.mark.parametrize(
    ("end", "kind", "next_kind", "expected"),
    [
        ("Åbningstider:", "paragraph", "table_row", True),
        ("Priser 2026", "paragraph", "table_header", True),
        ("Ydelse; Pris", "table_header", "table_row", True),
        ("Ydelse; Pris", "table_header", None, False),
        ("Ydelse: Pas; Pris: 745 kr.", "table_row", "table_header", False),
        ("Priser 2026", "paragraph", "table_row", False),
        # A paragraph of text above a table is no caption (a reviewer's case: it cut the
        # header row off its rows when it filled the chunk).
        (
            "Børn i dagtilbud betaler en takst pr. måned, og taksten fastsættes hvert år",
            "paragraph",
            "table_header",
            False,
        ),
        ("Taksterne fastsættes hvert år af byrådet.", "paragraph", "table_header", False),
        ("Taksterne fastsættes hvert år af byrådet " * 4, "paragraph", "table_header", False),
        # A second reviewer's: a sentence without its full stop states, it names nothing.
        ("Borgerservice holder lukket i uge 29 og 30", "paragraph", "table_header", False),
        ("Priserne er sat op i 2026", "paragraph", "table_header", False),
        # A caption its page marks (`<caption>`) leads in to its table whatever its words,
        # over a header row or straight over the rows.
        ("Satser for sygedagpenge fra 1. januar 2026", "table_caption", "table_header", True),
        ("Hospicer i Region Sydvest, antal pladser og telefon (2026)", "table_caption", "table_row", True),
        ("Priser", "table_caption", None, False),
    ],
)
def test_what_leads_in_to_the_block_after_it(end: str, kind: str, next_kind: str | None, expected: bool) -> None:
    assert leads_in(end, kind, next_kind) is expected


def test_a_long_paragraph_above_a_table_leaves_its_header_with_its_rows() -> None:
    # A reviewer's case: a paragraph of 535 characters above a table was taken for its
    # caption, so the chunk it filled took the header row, and the rows went on without it.
    paragraph = "Forældrebetalingen for dagtilbud fastsættes hvert år af byrådet og dækker op til 25 procent. " * 6
    header = "Tilbud; Pris pr. måned"
    rows = ["Tilbud: Dagpleje; Pris pr. måned: 3.120 kr.", "Tilbud: Vuggestue; Pris pr. måned: 4.050 kr."]
    doc = assemble(
        "takster",
        [("paragraph", 0, paragraph.strip()), ("table_header", 0, header), *[("table_row", 0, r) for r in rows]],  # type: ignore[misc]
    )
    texts = [c.text for c in chunk_document(doc)[0]]
    assert texts == [paragraph.strip(), "\n\n".join([header, *rows])]
