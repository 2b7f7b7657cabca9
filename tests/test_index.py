"""The index folder: plain files plus a manifest, atomic publishing, refusal of other models."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from qa.documents import Document
from qa.index import (
    FORMAT_VERSION,
    IndexMismatchError,
    IndexNotFoundError,
    build,
    live_folder,
    load_live_index,
    prepare_index,
    read_index,
)
from tests.fakes import FakeEmbedder


class BrokenEmbedder(FakeEmbedder):
    def encode_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        raise RuntimeError("the machine ran out of memory")


def test_index_folder_holds_plain_files_and_a_manifest(fake_index_root: Path, corpus_documents: list[Document]) -> None:
    folder = live_folder(fake_index_root)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "bm25",
        "calibration.json",
        "chunk_vectors.faiss",
        "chunks.jsonl",
        "documents.jsonl",
        "manifest.json",
        "sentence_vectors.npy",
        "sentences.jsonl",
    ]
    assert not [p for p in folder.rglob("*") if p.suffix in (".pkl", ".pickle")]
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["model"] == {"name": "fake-embedder", "dimension": 64, "fingerprint": "fake-embedder-64"}
    assert manifest["dimension"] == 64
    assert manifest["tokeniser"] == {"stemmer": "danish", "stopwords": "bm25s STOPWORDS_DANISH", "lowercase": True}
    assert manifest["counts"] == {"documents": 1, "chunks": 7, "sentences": 20}
    assert len(manifest["corpus_sha256"]) == 64
    assert manifest["build_id"] == folder.name


def test_index_round_trips_through_its_folder(fake_index_root: Path, corpus_documents: list[Document]) -> None:
    prepared = prepare_index(corpus_documents, FakeEmbedder())
    loaded = read_index(live_folder(fake_index_root))
    assert loaded.chunks == prepared.chunks
    assert loaded.sentences == prepared.sentences
    assert loaded.documents == prepared.documents
    assert loaded.chunk_terms == prepared.chunk_terms
    np.testing.assert_allclose(loaded.chunk_vectors, prepared.chunk_vectors)
    np.testing.assert_allclose(loaded.sentence_vectors, prepared.sentence_vectors)
    query = ["digital", "post"]
    np.testing.assert_allclose(loaded.bm25.get_scores(query), prepared.bm25.get_scores(query))


def test_index_of_another_model_is_refused_with_how_to_rebuild(fake_index_root: Path) -> None:
    other = {"name": "other-model", "dimension": 64, "fingerprint": "0123456789abcdef"}
    with pytest.raises(IndexMismatchError) as info:
        load_live_index(fake_index_root, other)
    assert str(info.value) == (
        "index built with model fake-embedder (fake-embedde), this server runs model other-model "
        "(0123456789ab): run `qa build`"
    )


def test_index_of_another_format_is_refused(tmp_path: Path, corpus_documents: list[Document]) -> None:
    build(corpus_documents, FakeEmbedder(), tmp_path)
    manifest_path = live_folder(tmp_path) / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["format_version"] = 0
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(
        IndexMismatchError, match=r"index format 0 is not the format this program reads \(1\): run `qa build`"
    ):
        load_live_index(tmp_path, FakeEmbedder().identity)


def test_missing_index_says_to_run_qa_build(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFoundError) as info:
        load_live_index(tmp_path, FakeEmbedder().identity)
    assert str(info.value) == f"no index in {tmp_path}/: run `qa build` to build one"


def test_failed_build_leaves_the_live_index_untouched(tmp_path: Path, corpus_documents: list[Document]) -> None:
    first = build(corpus_documents, FakeEmbedder(), tmp_path)
    pointer = (tmp_path / "LIVE").read_text()
    with pytest.raises(RuntimeError, match="out of memory"):
        build(corpus_documents, BrokenEmbedder(), tmp_path)
    assert (tmp_path / "LIVE").read_text() == pointer
    assert load_live_index(tmp_path, FakeEmbedder().identity).version == first.version


def test_interrupted_build_leftovers_are_cleared_and_never_loaded(
    tmp_path: Path, corpus_documents: list[Document]
) -> None:
    leftover = tmp_path / ".building-20260101T000000Z-deadbeef"
    leftover.mkdir(parents=True)
    (leftover / "chunks.jsonl").write_text("{}")
    second = build(corpus_documents, FakeEmbedder(), tmp_path)
    assert not leftover.exists()
    assert live_folder(tmp_path).name == second.version


def test_empty_corpus_cannot_be_indexed() -> None:
    with pytest.raises(ValueError, match="no documents to index"):
        prepare_index([], FakeEmbedder())
