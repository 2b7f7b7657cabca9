"""A build writes its embeddings to the cache as it goes, so a killed build's rerun embeds
only the rest; and a build warns when one document makes up most of its passages."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest
import tqdm

import qa.embedding_cache
import qa.index
from qa.documents import Document
from qa.embedder import BatchDone
from qa.embedding_cache import EmbeddingCache, embed_with_cache
from qa.index import dominant_document
from qa.manifest import EmbeddingStats
from qa.pipeline import build_documents, run_build
from tests.fakes import FakeEmbedder


class CountingEmbedder(FakeEmbedder):
    """The fake embedder, recording how many passages each call embeds; it raises (as a
    killed process stops) once it is asked for more than `fail_after` passages in all."""

    def __init__(self, fail_after: int | None = None) -> None:
        super().__init__()
        self.calls: list[int] = []
        self.fail_after = fail_after

    def encode_passages(
        self, texts: list[str], show_progress: bool = False, on_batch: BatchDone | None = None
    ) -> np.ndarray:
        if self.fail_after is not None and sum(self.calls) + len(texts) > self.fail_after:
            raise RuntimeError("killed while embedding")
        self.calls.append(len(texts))
        return super().encode_passages(texts, show_progress, on_batch)


@pytest.fixture()
def checkpoint_every_10(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qa.embedding_cache, "CHECKPOINT_PASSAGES", 10)


@pytest.mark.usefixtures("checkpoint_every_10")
def test_a_build_writes_a_cache_segment_every_checkpoint(tmp_path: Path, corpus_documents: list[Document]) -> None:
    embedder = CountingEmbedder()
    report = build_documents(corpus_documents, embedder, tmp_path)
    assert report.manifest.embedding == EmbeddingStats(passages=27, embedded=27, cached=0)
    assert embedder.calls == [10, 10, 7]
    cache = EmbeddingCache(tmp_path, embedder.identity, embedder.dimension)
    assert len(list(cache.folder.glob("seg-*.json"))) == 3


@pytest.mark.usefixtures("checkpoint_every_10")
def test_a_build_stopped_while_embedding_keeps_its_finished_segments_and_the_rerun_embeds_only_the_rest(
    tmp_path: Path, corpus_documents: list[Document]
) -> None:
    stopped = CountingEmbedder(fail_after=25)
    with pytest.raises(RuntimeError, match="killed while embedding"):
        build_documents(corpus_documents, stopped, tmp_path)
    assert stopped.calls == [10, 10]
    assert not (tmp_path / "LIVE").exists()
    assert len(EmbeddingCache(tmp_path, stopped.identity, stopped.dimension).load()) == 20

    rerun = CountingEmbedder()
    report = build_documents(corpus_documents, rerun, tmp_path)
    assert rerun.calls == [7]
    assert report.manifest.embedding == EmbeddingStats(passages=27, embedded=7, cached=20)
    assert "embedded 7 of 27 passages (20 from the embedding cache)" in report.summary_lines()
    fresh = build_documents(corpus_documents, FakeEmbedder(), tmp_path / "fresh")
    np.testing.assert_array_equal(report.data.sentence_vectors, fresh.data.sentence_vectors)
    np.testing.assert_array_equal(report.data.chunk_vectors, fresh.data.chunk_vectors)


def test_one_document_of_most_passages_is_named_with_its_share() -> None:
    assert dominant_document(["big"] * 52_600 + ["a"] * 200 + ["b"] * 16) == (
        "one document, big, is 99% of the 52,816 passages to embed: embedding it takes most of the build; "
        "check that it belongs in the corpus whole"
    )
    assert dominant_document(["only"] * 500) is None  # one document: nothing to compare it with
    assert dominant_document(["a"] * 5 + ["b"] * 5) is None  # half is not most
    assert dominant_document([]) is None
    # a small build: one page of three being most of it is no reason to warn
    assert dominant_document(["mitid"] * 5 + ["nemkonto"] * 2 + ["pas"]) is None


def test_a_build_warns_in_its_log_and_report_when_one_document_is_most_of_its_passages(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(qa.index, "CHECKPOINT_PASSAGES", 10)  # this small build counts as a large one
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    long_text = "\n\n".join(f"Afsnit {n} om pas. Et pas nummer {n} koster {n} kr." for n in range(40))
    (corpus / "stor.md").write_text(f"# Stor\n\n{long_text}\n")
    (corpus / "lille.md").write_text("# Lille\n\nEt nyt pas koster 673 kr.\n")
    with caplog.at_level(logging.WARNING, logger="qa.index"):
        report = run_build(corpus, FakeEmbedder(), tmp_path / "index")
    (warning,) = report.warnings
    assert warning.startswith("one document, stor, is 9")
    assert f"of the {report.manifest.embedding.passages:,} passages to embed" in warning  # type: ignore[union-attr]
    assert f"warning: {warning}" in report.summary_lines()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == [warning]


@pytest.mark.usefixtures("checkpoint_every_10")
def test_the_progress_bar_moves_with_each_batch_before_the_first_checkpoint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[tuple[str, int]] = []
    add = EmbeddingCache.add

    def checkpoint(self: EmbeddingCache, keys: list[str], vectors: np.ndarray) -> str:
        events.append(("checkpoint", len(keys)))
        return add(self, keys, vectors)

    def update(self: tqdm.tqdm, n: float = 1) -> bool | None:
        events.append(("progress", int(n)))
        return None

    monkeypatch.setattr(EmbeddingCache, "add", checkpoint)
    monkeypatch.setattr(tqdm.tqdm, "update", update)
    embedder = FakeEmbedder()  # batches of 4 passages
    cache = EmbeddingCache(tmp_path, embedder.identity, embedder.dimension)
    texts = [f"afsnit nummer {i} om Digital Post" for i in range(13)]
    vectors, _ = embed_with_cache(embedder, cache.load(), texts, show_progress=True)
    assert events == [
        ("progress", 4),
        ("progress", 4),
        ("progress", 2),
        ("checkpoint", 10),
        ("progress", 3),
        ("checkpoint", 3),
    ]
    np.testing.assert_array_equal(vectors, FakeEmbedder().encode_passages(texts))
