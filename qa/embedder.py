"""Text embedders: the real model run by ONNX Runtime (default) or torch, behind a small protocol.

`create_embedder(folder, encoder, threads)` is the one entry point; `encoder` is QA_ENCODER
("onnx", "onnx-int8" or "torch"). Both backends give the same vector space (cosine 1.0000
between fp32 ONNX and torch; 0.989 mean for int8), so an index built with one can be queried
with another. The vectors themselves are not all the same: fp32 ONNX and torch agree to
within 1e-7 per component, int8 differs by up to 0.03. An embedder's `identity` therefore
records its encoder and the kind of its vectors (`encoder_identity`): the embedding cache
keeps fp32 and int8 vectors apart, and an index records which encoder built it.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np

from qa.model_store import ENCODER_VECTORS, ENCODERS, model_identity
from qa.onnx_export import OUTPUT_NAME, TOKENS_OUTPUT

log = logging.getLogger(__name__)


TextKind = Literal["query", "passage"]
"""Which of the model's prompts a text is encoded with: a question's or a document's."""

BatchDone = Callable[[int], None]
"""Called with the number of passages of each batch once it is embedded (`encode_passages`'s
``on_batch``): the numbers add up to the passages asked for."""


@contextmanager
def batch_progress(total: int, show_progress: bool, on_batch: BatchDone | None) -> Iterator[BatchDone]:
    """The function an embedder calls after each batch (with its passage count): it moves a
    tqdm bar of ``total`` passages when ``show_progress``, and calls ``on_batch``."""
    bar = None
    if show_progress:
        from tqdm import tqdm

        bar = tqdm(total=total, desc="embedding", unit="passage")

    def done(passages: int) -> None:
        if bar is not None:
            bar.update(passages)
        if on_batch is not None:
            on_batch(passages)

    try:
        yield done
    finally:
        if bar is not None:
            bar.close()


@dataclass(frozen=True)
class TokenVectors:
    """One text encoded: its sentence vector and the contextual vectors of its own tokens.

    `sentence` is the normalised float32 vector (dimension,) that `encode_query` or
    `encode_passages` gives for the text. `vectors` is float32 (tokens, dimension), the
    model's last hidden states before pooling, each row L2-normalised (cosines by dot
    product); `spans` gives each token's [start, end) in characters of the text. The
    prompt's tokens and the special tokens are left out; a text cut at the model's
    maximum length (512 tokens for e5) keeps the tokens before the cut."""

    sentence: np.ndarray
    vectors: np.ndarray
    spans: tuple[tuple[int, int], ...]


def _normalised(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=-1, keepdims=True)
    return np.ascontiguousarray(rows / np.where(norms == 0, 1.0, norms), dtype=np.float32)


def token_vectors(
    sentence: np.ndarray, hidden: np.ndarray, offsets: list[tuple[int, int]], prompt_length: int
) -> TokenVectors:
    """`TokenVectors` from the model's output for prompt + text: the sentence vector, the
    last hidden states `hidden` (tokens, dimension) and each token's character span
    `offsets` in prompt + text. Keeps the tokens that reach past the prompt's
    `prompt_length` characters (a token may take the space that ends the prompt, as
    SentencePiece's "▁Hvornår" does), with spans shifted into the text; drops special
    tokens (span (0, 0)) and the prompt's own tokens."""
    keep = [i for i, (start, end) in enumerate(offsets) if end > start and end > prompt_length]
    spans = tuple((max(offsets[i][0] - prompt_length, 0), offsets[i][1] - prompt_length) for i in keep)
    rows = np.asarray(hidden, dtype=np.float32)[keep]
    return TokenVectors(_normalised(np.asarray(sentence, dtype=np.float32)), _normalised(rows), spans)


def encoder_identity(encoder: str) -> dict[str, str]:
    """What an embedder adds to its model's identity: `encoder` (QA_ENCODER) and `vectors`,
    the kind of vectors it gives ("fp32" or "int8", `ENCODER_VECTORS`). Raises ValueError
    for an unknown encoder."""
    if encoder not in ENCODER_VECTORS:
        raise ValueError(f"QA_ENCODER={encoder} is not one of {', '.join(ENCODERS)}")
    return {"encoder": encoder, "vectors": ENCODER_VECTORS[encoder]}


def embedder_identity(folder: Path, encoder: str) -> dict[str, object]:
    """The identity of `encoder`'s embedder of the model in `folder`: the model's
    (`qa.model_store.model_identity`) and the encoder's (`encoder_identity`). Raises
    ValueError for an unknown encoder."""
    return {**model_identity(folder), **encoder_identity(encoder)}


class Embedder(Protocol):
    """What the index and the query path need from an embedding model."""

    @property
    def identity(self) -> dict[str, object]:
        """name, dimension and fingerprint of the model, and (real embedders) `encoder` and
        `vectors` (`encoder_identity`): an index records them and refuses another model."""
        ...

    @property
    def dimension(self) -> int:
        """Length of every vector."""
        ...

    def encode_query(self, text: str) -> np.ndarray:
        """One normalised float32 vector for a question."""
        ...

    def encode_passages(
        self, texts: list[str], show_progress: bool = False, on_batch: BatchDone | None = None
    ) -> np.ndarray:
        """Normalised float32 vectors, one row per passage; ``on_batch(n)`` after each batch
        of ``n`` passages (a caller's progress display: the whole call may take minutes)."""
        ...

    def encode_tokens(self, texts: list[str], kind: TextKind) -> list[TokenVectors]:
        """Each text's sentence and token vectors (`TokenVectors`), in input order, with the
        query or passage prompt: one encoder pass gives both."""
        ...


class _ModelFolder:
    """What both embedders share: the model folder, its identity (name, dimension,
    fingerprint: `qa.model_store.model_identity`; encoder and kind of vectors:
    `encoder_identity`), the thread and batch settings."""

    def __init__(self, folder: Path, threads: int, batch_size: int, encoder: str) -> None:
        """Raises ValueError for threads or batch_size below 1, or an unknown encoder."""
        if threads < 1 or batch_size < 1:
            raise ValueError("threads and batch_size must be at least 1")
        self.folder = folder
        self.threads = threads
        self.batch_size = batch_size
        self._identity = embedder_identity(folder, encoder)

    @property
    def identity(self) -> dict[str, object]:
        """name, dimension and fingerprint of the model folder; encoder and vectors."""
        return self._identity

    @property
    def dimension(self) -> int:
        """Length of every vector."""
        return int(self._identity["dimension"])  # type: ignore[call-overload]


class SentenceTransformerEmbedder(_ModelFolder):
    """A local sentence-transformers folder, with the model's query and passage prompts."""

    def __init__(self, folder: Path, threads: int = 1, batch_size: int = 32) -> None:
        """Check the folder; the weights are loaded by `load()`."""
        if not (folder / "modules.json").is_file():
            raise FileNotFoundError(f"{folder} is not a sentence-transformers folder (no modules.json)")
        super().__init__(folder, threads, batch_size, "torch")
        self._model: object | None = None

    def load(self) -> SentenceTransformerEmbedder:
        """Load the weights once (offline); returns self."""
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            # Spinning OpenMP workers starve each other when another process holds a core.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            import torch
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()

            torch.set_num_threads(self.threads)
            started = time.perf_counter()
            model = SentenceTransformer(str(self.folder), device="cpu", local_files_only=True)
            model.eval()
            self._prompts = set(model.prompts)
            self._model = model
            log.info("loaded model %s in %.1f s", self.folder, time.perf_counter() - started)
        return self

    def _encode(self, texts: list[str], prompt_name: str) -> np.ndarray:
        self.load()
        from sentence_transformers import SentenceTransformer

        assert isinstance(self._model, SentenceTransformer)
        prompt = prompt_name if prompt_name in self._prompts else None
        vectors = self._model.encode(
            texts,
            prompt_name=prompt,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        """One normalised vector for a question, with the model's query prompt."""
        return self._encode([text], "query")[0]

    def encode_passages(
        self, texts: list[str], show_progress: bool = False, on_batch: BatchDone | None = None
    ) -> np.ndarray:
        """Normalised float32 vectors (len(texts), dimension) for passages, with the model's
        document prompt, in input order; ``on_batch(n)`` after each batch.

        Batches of `batch_size` passages, longest (in characters) first, as
        sentence-transformers forms them within one call.
        """
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        with batch_progress(len(texts), show_progress, on_batch) as done:
            for batch in length_sorted_batches([len(t) for t in texts], self.batch_size):
                out[batch] = self._encode([texts[i] for i in batch], "document")
                done(len(batch))
        return out

    def encode_tokens(self, texts: list[str], kind: TextKind) -> list[TokenVectors]:
        """Each text's sentence and token vectors (`TokenVectors`), with the query or
        document prompt (sentence-transformers' `output_value=None`: every output)."""
        if not texts:
            return []
        self.load()
        from sentence_transformers import SentenceTransformer

        assert isinstance(self._model, SentenceTransformer)
        name = "query" if kind == "query" else "document"
        prompt = str(self._model.prompts.get(name) or "") if name in self._prompts else ""
        outputs: Any = self._model.encode(
            texts, prompt_name=name if prompt else None, batch_size=self.batch_size, output_value=None
        )
        out = []
        for text, output in zip(texts, outputs, strict=True):
            encoded = self._model.tokenizer(
                prompt + text, truncation=True, max_length=self._model.max_seq_length, return_offsets_mapping=True
            )
            offsets = [(int(a), int(b)) for a, b in encoded["offset_mapping"]]
            sentence = output["sentence_embedding"].float().cpu().numpy()
            states = output["token_embeddings"].float().cpu().numpy()[: len(offsets)]
            out.append(token_vectors(sentence, states, offsets, len(prompt)))
        return out


def length_sorted_batches(lengths: list[int], batch_size: int) -> list[list[int]]:
    """Row indices grouped into batches of similar length, longest first.

    Padding is to the longest row of a batch, so sorting by length (as sentence-transformers
    does internally) wastes little work on padding. Every index in `range(len(lengths))`
    appears exactly once; the caller writes results back by index to restore input order.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]


def _read_json(path: Path) -> dict[str, Any]:
    value = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    return value if isinstance(value, dict) else {}


class OnnxEmbedder(_ModelFolder):
    """A sentence-transformers folder's ONNX export, run by ONNX Runtime without torch.

    Tokenises with the folder's `tokenizer.json` (truncated to `max_seq_length` of
    sentence_bert_config.json, 512 for e5), adds the model's query/document prompts from
    config_sentence_transformers.json, and runs `onnx/model.onnx` (or the int8 file), whose
    graph already mean-pools and normalises. One ONNX Runtime session, created by `load()`
    with `threads` intra-op threads (1 for queries, 2 for builds on this 2-core machine).
    """

    def __init__(self, folder: Path, model_file: Path, threads: int = 1, batch_size: int = 32) -> None:
        """Check the files; the session is created by `load()`. Raises FileNotFoundError, ValueError."""
        if not (folder / "tokenizer.json").is_file():
            raise FileNotFoundError(f"{folder} has no tokenizer.json: point QA_MODEL at a sentence-transformers folder")
        if not model_file.is_file():
            raise FileNotFoundError(f"{model_file} does not exist: run `qa model` to export the model to ONNX")
        from qa.onnx_export import INT8_FILE

        super().__init__(folder, threads, batch_size, "onnx-int8" if model_file.name == INT8_FILE else "onnx")
        self.model_file = model_file
        self._session: Any = None
        prompts = _read_json(folder / "config_sentence_transformers.json").get("prompts") or {}
        self._prompts: dict[str, str] = {str(k): str(v) for k, v in prompts.items()}
        self._max_tokens = int(_read_json(folder / "sentence_bert_config.json").get("max_seq_length") or 512)
        self._pad_id = int(_read_json(folder / "config.json").get("pad_token_id") or 0)

    def load(self) -> OnnxEmbedder:
        """Create the tokenizer and the ONNX Runtime session once; returns self."""
        if self._session is None:
            import onnxruntime as ort
            from tokenizers import Tokenizer

            started = time.perf_counter()
            tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
            tokenizer.enable_truncation(self._max_tokens)
            tokenizer.no_padding()
            self._tokenizer = tokenizer
            options = ort.SessionOptions()
            options.intra_op_num_threads = self.threads
            options.inter_op_num_threads = 1
            options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            # Spinning threads steal the core another process (or worker) needs.
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            self._session = ort.InferenceSession(str(self.model_file), options, providers=["CPUExecutionProvider"])
            log.info("loaded %s in %.1f s (%d threads)", self.model_file, time.perf_counter() - started, self.threads)
        return self

    def _padded(self, encodings: list[Any]) -> tuple[np.ndarray, np.ndarray]:
        """Token ids and attention mask, both int64 (batch, longest row), of a batch padded
        with the tokenizer's pad id."""
        width = max(len(e.ids) for e in encodings)
        ids = np.full((len(encodings), width), self._pad_id, dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        return ids, mask

    def _run(self, encodings: list[Any]) -> np.ndarray:
        """The sentence vectors (batch, dimension) of a batch padded to its longest row."""
        ids, mask = self._padded(encodings)
        (vectors,) = self._session.run([OUTPUT_NAME], {"input_ids": ids, "attention_mask": mask})
        return np.asarray(vectors, dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        """One normalised float32 vector (dimension,) for a question, with the model's query prompt."""
        self.load()
        encoding = self._tokenizer.encode(self._prompts.get("query", "") + text)
        return self._run([encoding])[0]

    def encode_passages(
        self, texts: list[str], show_progress: bool = False, on_batch: BatchDone | None = None
    ) -> np.ndarray:
        """Normalised float32 vectors (len(texts), dimension) in input order, with the document
        prompt; ``on_batch(n)`` after each batch.

        Batches of `batch_size` passages of similar token length (longest first).
        """
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        self.load()
        prompt = self._prompts.get("document", "")
        encodings = self._tokenizer.encode_batch([prompt + t for t in texts])
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        with batch_progress(len(texts), show_progress, on_batch) as done:
            for batch in length_sorted_batches([len(e.ids) for e in encodings], self.batch_size):
                out[batch] = self._run([encodings[i] for i in batch])
                done(len(batch))
        return out

    def encode_tokens(self, texts: list[str], kind: TextKind) -> list[TokenVectors]:
        """Each text's sentence and token vectors (`TokenVectors`), in input order, with
        the query or document prompt: both outputs of one run per batch of up to
        `batch_size` texts of similar token length, padded to the longest (the padding is
        masked: each text's vectors equal those of a run of its own to within 1e-7, and
        two answer texts take about 41 ms in one run against 48 ms in two). Raises
        RuntimeError, saying to run `qa model`, for an export made before the token output
        existed (`qa.onnx_export.EXPORT_FORMAT` 3)."""
        if not texts:
            return []
        self.load()
        if TOKENS_OUTPUT not in {o.name for o in self._session.get_outputs()}:
            raise RuntimeError(f"{self.model_file} has no {TOKENS_OUTPUT} output: run `qa model` to export it again")
        prompt = self._prompts.get("query" if kind == "query" else "document", "")
        encodings = self._tokenizer.encode_batch([prompt + t for t in texts])
        out: dict[int, TokenVectors] = {}
        for batch in length_sorted_batches([len(e.ids) for e in encodings], self.batch_size):
            ids, mask = self._padded([encodings[i] for i in batch])
            inputs = {"input_ids": ids, "attention_mask": mask}
            sentences, states = self._session.run([OUTPUT_NAME, TOKENS_OUTPUT], inputs)
            for row, i in enumerate(batch):
                offsets = [(int(a), int(b)) for a, b in encodings[i].offsets]
                out[i] = token_vectors(sentences[row], states[row][: len(offsets)], offsets, len(prompt))
        return [out[i] for i in range(len(texts))]


def create_embedder(
    folder: Path, encoder: str = "onnx", threads: int = 1, batch_size: int = 32, load: bool = True
) -> Embedder:
    """An embedder for QA_ENCODER `encoder` ("onnx", "onnx-int8" or "torch"), loaded now
    unless `load` is False (then on its first encode: a build reports a locked index
    before it spends seconds loading).

    For the ONNX encoders the export must exist (`qa.model_store.prepare_model` makes it).
    Raises ValueError for an unknown encoder, FileNotFoundError for a missing export.
    """
    encoder_identity(encoder)  # raises ValueError for an unknown encoder
    if encoder == "torch":
        torch_embedder = SentenceTransformerEmbedder(folder, threads=threads, batch_size=batch_size)
        return torch_embedder.load() if load else torch_embedder
    from qa.onnx_export import FP32_FILE, INT8_FILE, ONNX_DIR

    model_file = folder / ONNX_DIR / (INT8_FILE if encoder == "onnx-int8" else FP32_FILE)
    onnx_embedder = OnnxEmbedder(folder, model_file, threads=threads, batch_size=batch_size)
    return onnx_embedder.load() if load else onnx_embedder
