"""Chunks: a few sentences within one section, with heading, exact offsets and a content-hash id."""

from __future__ import annotations

import pytest

from qa.chunking import ChunkingOptions, chunk_document, chunk_id_for
from qa.documents import Document, assemble


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
    with pytest.raises(ValueError, match="0 < min_chars <= max_chars"):
        ChunkingOptions(max_chars=100, min_chars=200)
