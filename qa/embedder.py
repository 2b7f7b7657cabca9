"""Text embedders: the real model run by ONNX Runtime (default) or torch, behind a small protocol.

`create_embedder(folder, encoder, threads)` is the one entry point; `encoder` is QA_ENCODER
("onnx", "onnx-int8" or "torch"). Both backends give the same vector space (cosine 1.0000
between fp32 ONNX and torch; 0.989 mean for int8), so an index built with one can be queried
with another.
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path
from typing import Any, Protocol

import numpy as np

log = logging.getLogger(__name__)


class Embedder(Protocol):
    """What the index and the query path need from an embedding model."""

    @property
    def identity(self) -> dict[str, object]:
        """name, dimension and fingerprint: an index records them and refuses another model."""
        ...

    @property
    def dimension(self) -> int:
        """Length of every vector."""
        ...

    def encode_query(self, text: str) -> np.ndarray:
        """One normalised float32 vector for a question."""
        ...

    def encode_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        """Normalised float32 vectors, one row per passage."""
        ...


class _ModelFolder:
    """What both embedders share: the model folder, its identity (name, dimension,
    fingerprint: `qa.model_store.model_identity`), the thread and batch settings."""

    def __init__(self, folder: Path, threads: int, batch_size: int) -> None:
        """Raises ValueError for threads or batch_size below 1."""
        if threads < 1 or batch_size < 1:
            raise ValueError("threads and batch_size must be at least 1")
        self.folder = folder
        self.threads = threads
        self.batch_size = batch_size
        from qa.model_store import model_identity

        self._identity = model_identity(folder)

    @property
    def identity(self) -> dict[str, object]:
        """name, dimension and fingerprint of the model folder."""
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
        super().__init__(folder, threads, batch_size)
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

    def _encode(self, texts: list[str], prompt_name: str, show_progress: bool) -> np.ndarray:
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
            show_progress_bar=show_progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        """One normalised vector for a question, with the model's query prompt."""
        return self._encode([text], "query", False)[0]

    def encode_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        """Normalised vectors for passages, with the model's document prompt."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return self._encode(texts, "document", show_progress)


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
        super().__init__(folder, threads, batch_size)
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

    def _run(self, encodings: list[Any]) -> np.ndarray:
        width = max(len(e.ids) for e in encodings)
        ids = np.full((len(encodings), width), self._pad_id, dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        (vectors,) = self._session.run(None, {"input_ids": ids, "attention_mask": mask})
        return np.asarray(vectors, dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        """One normalised float32 vector (dimension,) for a question, with the model's query prompt."""
        self.load()
        encoding = self._tokenizer.encode(self._prompts.get("query", "") + text)
        return self._run([encoding])[0]

    def encode_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        """Normalised float32 vectors (len(texts), dimension) in input order, with the document prompt.

        Batches of `batch_size` passages of similar token length (longest first).
        """
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        self.load()
        prompt = self._prompts.get("document", "")
        encodings = self._tokenizer.encode_batch([prompt + t for t in texts])
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        batches = length_sorted_batches([len(e.ids) for e in encodings], self.batch_size)
        progress = None
        if show_progress:
            from tqdm import tqdm

            progress = tqdm(total=len(texts), desc="embedding", unit="passage")
        for batch in batches:
            out[batch] = self._run([encodings[i] for i in batch])
            if progress is not None:
                progress.update(len(batch))
        if progress is not None:
            progress.close()
        return out


def create_embedder(
    folder: Path, encoder: str = "onnx", threads: int = 1, batch_size: int = 32, load: bool = True
) -> Embedder:
    """An embedder for QA_ENCODER `encoder` ("onnx", "onnx-int8" or "torch"), loaded now
    unless `load` is False (then on its first encode: a build reports a locked index
    before it spends seconds loading).

    For the ONNX encoders the export must exist (`qa.model_store.prepare_model` makes it).
    Raises ValueError for an unknown encoder, FileNotFoundError for a missing export.
    """
    if encoder == "torch":
        torch_embedder = SentenceTransformerEmbedder(folder, threads=threads, batch_size=batch_size)
        return torch_embedder.load() if load else torch_embedder
    if encoder in ("onnx", "onnx-int8"):
        from qa.onnx_export import FP32_FILE, INT8_FILE, ONNX_DIR

        model_file = folder / ONNX_DIR / (INT8_FILE if encoder == "onnx-int8" else FP32_FILE)
        onnx_embedder = OnnxEmbedder(folder, model_file, threads=threads, batch_size=batch_size)
        return onnx_embedder.load() if load else onnx_embedder
    from qa.model_store import ENCODERS

    raise ValueError(f"QA_ENCODER={encoder} is not one of {', '.join(ENCODERS)}")
