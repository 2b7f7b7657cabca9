"""Encoders are not mixed silently: the embedding cache keeps fp32 and int8 vectors apart,
the manifest records the encoder, a build with another encoder re-embeds and
re-evaluates, and an index queried with vectors of another kind is served with a warning."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

import qa.pipeline
from qa.documents import Document
from qa.embedder import ENCODER_VECTORS, BatchDone, create_embedder, encoder_identity
from qa.embedding_cache import CACHE_FOLDER, EmbeddingCache
from qa.index import check_compatible, encoder_warning, load_live_index
from qa.pipeline import BuildOptions, build_documents
from tests.conftest import EVAL_SET
from tests.fakes import FakeEmbedder

MODEL = {"name": "multilingual-e5-small", "dimension": 64, "fingerprint": "f00d"}


class EncoderEmbedder(FakeEmbedder):
    """The fake embedder as run by one encoder (its identity records it, as a real one's
    does), counting the passages it embeds; int8 vectors are nudged, as real ones are."""

    def __init__(self, encoder: str) -> None:
        super().__init__(identity={**MODEL, **encoder_identity(encoder)})
        self.passages = 0

    def encode_passages(
        self, texts: list[str], show_progress: bool = False, on_batch: BatchDone | None = None
    ) -> np.ndarray:
        self.passages += len(texts)
        vectors = super().encode_passages(texts, show_progress, on_batch)
        if self.identity["vectors"] == "int8":
            vectors = vectors + np.float32(0.01)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors


def test_encoder_identity_tells_int8_vectors_from_fp32_ones() -> None:
    assert encoder_identity("onnx") == {"encoder": "onnx", "vectors": "fp32"}
    assert encoder_identity("torch") == {"encoder": "torch", "vectors": "fp32"}
    assert encoder_identity("onnx-int8") == {"encoder": "onnx-int8", "vectors": "int8"}
    assert sorted(ENCODER_VECTORS) == ["onnx", "onnx-int8", "torch"]
    with pytest.raises(ValueError, match="QA_ENCODER=gpu is not one of onnx, onnx-int8, torch"):
        encoder_identity("gpu")


def test_the_cache_folder_is_named_by_the_model_and_the_kind_of_vectors(tmp_path: Path) -> None:
    folders = {
        encoder: EmbeddingCache(tmp_path, {**MODEL, **encoder_identity(encoder)}, 64).folder
        for encoder in ("onnx", "torch", "onnx-int8")
    }
    assert folders == {
        "onnx": tmp_path / CACHE_FOLDER / "f00d-fp32",
        "torch": tmp_path / CACHE_FOLDER / "f00d-fp32",
        "onnx-int8": tmp_path / CACHE_FOLDER / "f00d-int8",
    }


def test_the_manifest_records_the_encoder_and_its_vectors(tmp_path: Path, corpus_documents: list[Document]) -> None:
    report = build_documents(corpus_documents, EncoderEmbedder("onnx-int8"), tmp_path)
    assert report.manifest.model == {**MODEL, "encoder": "onnx-int8", "vectors": "int8"}


def test_switching_to_int8_embeds_again_and_fp32_encoders_share_the_cache(
    tmp_path: Path, corpus_documents: list[Document]
) -> None:
    onnx = EncoderEmbedder("onnx")
    first = build_documents(corpus_documents, onnx, tmp_path)
    passages = first.manifest.embedding.passages if first.manifest.embedding else 0
    int8 = EncoderEmbedder("onnx-int8")
    quantised = build_documents(corpus_documents, int8, tmp_path, BuildOptions(force=True))
    assert int8.passages == passages
    assert quantised.manifest.embedding is not None and quantised.manifest.embedding.cached == 0
    assert not np.allclose(quantised.data.sentence_vectors, first.data.sentence_vectors)
    torch = EncoderEmbedder("torch")
    shared = build_documents(corpus_documents, torch, tmp_path, BuildOptions(force=True))
    assert torch.passages == 0
    np.testing.assert_array_equal(shared.data.sentence_vectors, first.data.sentence_vectors)


def test_a_build_with_another_encoder_is_evaluated_again_not_kept_nor_skipped(
    tmp_path: Path, corpus_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    options = BuildOptions(eval_set=EVAL_SET, skip_unchanged=True)
    first = build_documents(corpus_documents, EncoderEmbedder("onnx"), tmp_path, options)
    evaluated: list[str] = []
    real = qa.pipeline.evaluate_index

    def counting(data: object, *args: object, **kwargs: object) -> object:
        evaluated.append(str(data.manifest.model.get("encoder")))  # type: ignore[attr-defined]
        return real(data, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(qa.pipeline, "evaluate_index", counting)
    same = build_documents(corpus_documents, EncoderEmbedder("onnx"), tmp_path, options)
    assert same.unchanged and evaluated == []
    other = build_documents(corpus_documents, EncoderEmbedder("onnx-int8"), tmp_path, options)
    assert not other.unchanged and other.data.version != first.data.version
    # the new index is evaluated, and the live one again beside it (other content)
    assert evaluated == ["onnx-int8", "onnx"]
    assert other.manifest.evaluation is not None


def test_an_index_queried_with_vectors_of_another_kind_is_served_with_a_warning(
    tmp_path: Path, corpus_documents: list[Document], caplog: pytest.LogCaptureFixture
) -> None:
    version = build_documents(corpus_documents, EncoderEmbedder("onnx"), tmp_path).data.version
    with caplog.at_level(logging.WARNING, logger="qa.index"):
        data = load_live_index(tmp_path, EncoderEmbedder("onnx-int8").identity)
    assert data.version == version
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == [
        f"index {version} was built with QA_ENCODER=onnx (fp32 vectors) and is queried with "
        "QA_ENCODER=onnx-int8 (int8 vectors): the same model, but answers may differ from the evaluation "
        "recorded at build; set QA_ENCODER=onnx, or run `qa build` with QA_ENCODER=onnx-int8"
    ]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="qa.index"):
        load_live_index(tmp_path, EncoderEmbedder("torch").identity)  # fp32 too: the same vectors
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_an_index_that_records_no_encoder_is_not_judged(tmp_path: Path, corpus_documents: list[Document]) -> None:
    data = build_documents(corpus_documents, FakeEmbedder(identity=dict(MODEL)), tmp_path).data
    assert encoder_warning(data.manifest, EncoderEmbedder("onnx-int8").identity) is None
    check_compatible(data.manifest, EncoderEmbedder("onnx-int8").identity)  # not refused


def test_the_cache_folder_of_unrecorded_encoders_is_removed_after_a_build(
    tmp_path: Path, corpus_documents: list[Document]
) -> None:
    unkeyed = tmp_path / CACHE_FOLDER / "f00d"
    unkeyed.mkdir(parents=True)
    (unkeyed / "seg-0.npy").write_bytes(b"mixed fp32 and int8")
    embedder = EncoderEmbedder("onnx")
    build_documents(corpus_documents, embedder, tmp_path)
    assert not unkeyed.exists()
    assert [p.name for p in (tmp_path / CACHE_FOLDER).iterdir()] == ["f00d-fp32"]


@pytest.mark.model
def test_fp32_onnx_and_torch_give_the_same_vectors_and_int8_other_ones(real_model_folder: Path) -> None:
    from qa.model_store import prepare_model

    texts = ["Hvornår blev Digital Post obligatorisk?", "NemID blev lanceret i 2010 og afløst af MitID."]
    vectors = {}
    for encoder in ("onnx", "torch", "onnx-int8"):
        folder = prepare_model(str(real_model_folder), real_model_folder.parent, encoder)
        embedder = create_embedder(folder, encoder, threads=2)
        assert {k: embedder.identity[k] for k in ("encoder", "vectors")} == encoder_identity(encoder)
        vectors[encoder] = embedder.encode_passages(texts)
    assert np.abs(vectors["onnx"] - vectors["torch"]).max() < 1e-6
    assert np.abs(vectors["onnx"] - vectors["onnx-int8"]).max() > 1e-3
