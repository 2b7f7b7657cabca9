"""The benchmark's helpers: synthetic corpora, percentiles, the recording embedder, memory readings."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from bench.bench import RecordingEmbedder, clustered_vectors, percentile
from bench.http_load import memory_mb
from bench.synthetic import danish_paragraphs, write_corpus
from qa.chunking import chunk_document
from qa.documents import read_corpus
from tests.fakes import FakeEmbedder

ROOT = Path(__file__).resolve().parents[1]
DEV_CORPUS = ROOT / "tests" / "eval" / "dev" / "corpus"


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
    assert percentile([3.0], 99) == 3.0


def test_danish_paragraphs_leave_out_english_pages_and_headings() -> None:
    paragraphs = set(danish_paragraphs([DEV_CORPUS]))
    documents = read_corpus(DEV_CORPUS).documents
    english = {" ".join(d.text.split()) for d in documents if d.language == "en"}
    headings = {" ".join(d.text[b.start : b.end].split()) for d in documents for b in d.blocks if b.kind == "heading"}
    assert len(paragraphs) > 100
    assert all(len(p) >= 80 for p in paragraphs)
    assert not any(p in text for p in paragraphs for text in english)
    assert not paragraphs & headings


def test_synthetic_corpus_reaches_the_chunk_count_and_is_the_same_for_a_seed(tmp_path: Path) -> None:
    paragraphs = danish_paragraphs([DEV_CORPUS])
    pages, chunks = write_corpus(tmp_path / "a", paragraphs, 100, seed=3)
    write_corpus(tmp_path / "b", paragraphs, 100, seed=3)
    documents = read_corpus(tmp_path / "a").documents
    assert len(documents) == pages
    assert chunks == sum(len(chunk_document(d)[0]) for d in documents) >= 100
    assert (tmp_path / "a" / "side-000000.md").read_text() == (tmp_path / "b" / "side-000000.md").read_text()


def test_recording_embedder_gives_unit_random_vectors_and_keeps_the_passages() -> None:
    recorder = RecordingEmbedder(FakeEmbedder(), random_vectors=True)
    vectors = recorder.encode_passages(["en", "to", "tre"])
    assert vectors.shape == (3, 64)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert recorder.passages == ["en", "to", "tre"]


def test_clustered_vectors_are_unit_length() -> None:
    vectors = clustered_vectors(250, 16, seed=0)
    assert vectors.shape == (250, 16)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_memory_of_this_process_is_read_from_proc() -> None:
    memory = memory_mb(os.getpid())
    assert memory["rss"] > 10
    assert 0 < memory["pss"] <= memory["rss"]
