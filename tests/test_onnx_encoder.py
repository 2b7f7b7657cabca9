"""The ONNX Runtime encoder: same vectors as the torch reference, exported once, batches in order."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from qa.embedder import OnnxEmbedder, SentenceTransformerEmbedder, create_embedder, length_sorted_batches
from qa.model_store import ModelError, _onnx_stale_reason, ensure_onnx_model, prepare_model
from qa.onnx_export import EXPORT_FORMAT, ExportError, check_mean_pooling

TEXTS = [
    "Hvornår blev Digital Post obligatorisk?",
    "When did Digital Post become mandatory?",
    "Kan jeg få boligstøtte, hvis jeg bor til leje i en andelsbolig?",
    "NemID blev lanceret i 2010 og afløst af MitID.",
    "Æble, øl og å: «citat» ½ — 😀",
    "How long is the notice period for a rented flat?",
]


def test_length_sorted_batches_groups_longest_first_and_covers_every_row() -> None:
    assert length_sorted_batches([3, 9, 1, 7, 5], 2) == [[1, 3], [4, 0], [2]]
    assert length_sorted_batches([], 4) == []


def test_length_sorted_batches_refuses_a_zero_batch() -> None:
    with pytest.raises(ValueError, match="batch_size must be at least 1"):
        length_sorted_batches([1], 0)


def test_prepare_model_refuses_an_unknown_encoder(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="QA_ENCODER=gpu is not one of onnx, onnx-int8, torch"):
        prepare_model("", tmp_path, "gpu")


def test_create_embedder_refuses_an_unknown_encoder(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="QA_ENCODER=tf is not one of onnx, onnx-int8, torch"):
        create_embedder(tmp_path, "tf")


def test_export_refuses_cls_pooling(tmp_path: Path) -> None:
    (tmp_path / "1_Pooling").mkdir()
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
    ]
    (tmp_path / "modules.json").write_text(json.dumps(modules))
    (tmp_path / "1_Pooling" / "config.json").write_text(
        json.dumps({"pooling_mode_cls_token": True, "pooling_mode_mean_tokens": False})
    )
    with pytest.raises(ExportError, match=r"pooling \['pooling_mode_cls_token'\] is not mean pooling"):
        check_mean_pooling(tmp_path)


def test_onnx_embedder_names_the_command_when_the_export_is_missing(tmp_path: Path) -> None:
    (tmp_path / "tokenizer.json").write_text("{}")
    with pytest.raises(FileNotFoundError, match="run `qa model` to export the model to ONNX"):
        OnnxEmbedder(tmp_path, tmp_path / "onnx" / "model.onnx")


@pytest.fixture(scope="module")
def onnx_embedder(real_model_folder: Path) -> OnnxEmbedder:
    embedder = create_embedder(prepare_model(str(real_model_folder), real_model_folder.parent, "onnx"), "onnx")
    assert isinstance(embedder, OnnxEmbedder)
    return embedder


@pytest.fixture(scope="module")
def torch_reference(real_model_folder: Path) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(real_model_folder, threads=1).load()


@pytest.mark.model
def test_onnx_query_vectors_match_the_torch_model(
    onnx_embedder: OnnxEmbedder, torch_reference: SentenceTransformerEmbedder
) -> None:
    for text in TEXTS:
        cosine = float(onnx_embedder.encode_query(text) @ torch_reference.encode_query(text))
        assert cosine >= 0.999, text


@pytest.mark.model
def test_onnx_passage_vectors_match_the_torch_model_in_input_order(
    onnx_embedder: OnnxEmbedder, torch_reference: SentenceTransformerEmbedder
) -> None:
    passages = TEXTS + [" ".join(TEXTS) * 12]  # the last one is truncated at 512 tokens
    ours = onnx_embedder.encode_passages(passages)
    reference = torch_reference.encode_passages(passages)
    assert ours.shape == (7, 384)
    assert ours.dtype == np.float32
    assert np.all(np.sum(ours * reference, axis=1) >= 0.999)


@pytest.mark.model
@pytest.mark.parametrize("encoder", ["onnx", "torch"])
def test_passage_batches_are_reported_as_they_are_done_and_give_the_same_vectors(
    real_model_folder: Path, onnx_embedder: OnnxEmbedder, encoder: str
) -> None:
    passages = TEXTS + ["Digital Post er den offentlige postkasse."]
    embedder = create_embedder(real_model_folder, encoder, batch_size=3)
    batches: list[int] = []
    vectors = embedder.encode_passages(passages, on_batch=batches.append)
    assert batches == [3, 3, 1]
    whole = create_embedder(real_model_folder, encoder).encode_passages(passages)  # one batch of 32
    np.testing.assert_allclose(vectors, whole, atol=1e-5)
    assert np.all(np.sum(vectors * onnx_embedder.encode_passages(passages), axis=1) >= 0.999)


@pytest.mark.model
def test_onnx_token_vectors_match_the_torch_model_with_spans_in_the_text(
    onnx_embedder: OnnxEmbedder, torch_reference: SentenceTransformerEmbedder
) -> None:
    for kind in ("query", "passage"):
        ours = onnx_embedder.encode_tokens(TEXTS, kind)
        reference = torch_reference.encode_tokens(TEXTS, kind)
        for text, mine, theirs in zip(TEXTS, ours, reference, strict=True):
            assert mine.spans == theirs.spans, text
            assert np.all(np.sum(mine.vectors * theirs.vectors, axis=1) >= 0.999), text
            assert float(mine.sentence @ theirs.sentence) >= 0.999, text
    (question,) = onnx_embedder.encode_tokens([TEXTS[0]], "query")
    # the prompt "query: " and the special tokens are left out; "Hvornår" keeps the prompt's space
    assert question.spans == ((0, 7), (7, 12), (12, 20), (20, 25), (25, 38), (38, 39))
    assert question.vectors.shape == (6, 384) and question.vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(question.vectors, axis=1), 1.0, rtol=1e-5)
    assert float(question.sentence @ onnx_embedder.encode_query(TEXTS[0])) >= 0.9999


@pytest.mark.model
def test_token_vectors_of_padded_batches_equal_those_of_one_text_at_a_time_in_input_order(
    onnx_embedder: OnnxEmbedder,
) -> None:
    # Six texts of different lengths in batches of four: the padding is masked, and each
    # text comes back in its place with the vectors of a run of its own.
    batched = OnnxEmbedder(onnx_embedder.folder, onnx_embedder.model_file, batch_size=4)
    together = batched.encode_tokens(TEXTS, "passage")
    for text, mine in zip(TEXTS, together, strict=True):
        (alone,) = batched.encode_tokens([text], "passage")
        assert mine.spans == alone.spans, text
        np.testing.assert_allclose(mine.vectors, alone.vectors, atol=1e-5)
        np.testing.assert_allclose(mine.sentence, alone.sentence, atol=1e-5)
    assert batched.encode_tokens([], "query") == []


def test_an_export_of_the_older_layout_is_made_again(tmp_path: Path) -> None:
    out = tmp_path / "onnx"
    out.mkdir()
    for name in ("model.onnx", "model.onnx.data"):
        (out / name).write_bytes(b"x")
    (out / "export.json").write_text(json.dumps({"format": 2, "model.onnx": "abc"}))
    assert _onnx_stale_reason(tmp_path, "model.onnx", "abc") == "exported in an older layout"
    (out / "export.json").write_text(json.dumps({"format": EXPORT_FORMAT, "model.onnx": "abc"}))
    assert _onnx_stale_reason(tmp_path, "model.onnx", "abc") is None


@pytest.mark.model
def test_the_export_is_made_once_and_reused(onnx_embedder: OnnxEmbedder) -> None:
    first = onnx_embedder.model_file.stat().st_mtime_ns
    assert ensure_onnx_model(onnx_embedder.folder) == onnx_embedder.model_file
    assert onnx_embedder.model_file.stat().st_mtime_ns == first


@pytest.mark.model
def test_a_missing_export_is_rebuilt(real_model_folder: Path, tmp_path: Path) -> None:
    folder = tmp_path / "model"
    shutil.copytree(real_model_folder, folder, ignore=shutil.ignore_patterns("*.onnx", "*.data"))
    rebuilt = ensure_onnx_model(folder)
    assert rebuilt == folder / "onnx" / "model.onnx"
    session = OnnxEmbedder(folder, rebuilt).load()._session
    assert [o.name for o in session.get_outputs()] == ["sentence_embedding", "token_embeddings"]
    assert sorted(p.name for p in (folder / "onnx").iterdir() if not p.name.startswith(".")) == [
        "export.json",
        "model.onnx",
        "model.onnx.data",
    ]
    assert (
        json.loads((folder / "onnx" / "export.json").read_text())["model.onnx"]
        == json.loads((real_model_folder / "onnx" / "export.json").read_text())["model.onnx"]
    )


@pytest.mark.model
def test_an_export_that_cannot_be_written_names_what_to_do(real_model_folder: Path, tmp_path: Path) -> None:
    folder = tmp_path / "model"
    shutil.copytree(real_model_folder, folder, ignore=shutil.ignore_patterns("*.onnx", "*.data", ".export.lock"))
    (folder / "onnx" / ".export.lock").mkdir(parents=True, exist_ok=True)  # opening it to write fails
    expected = "it is not exported yet\\): make the model folder writable and run `qa model`, or set QA_ENCODER=torch"
    with pytest.raises(ModelError, match=expected):
        ensure_onnx_model(folder)
