"""Text embedders: the real sentence-transformers model, behind a small protocol."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Protocol

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


class SentenceTransformerEmbedder:
    """A local sentence-transformers folder, with the model's query and passage prompts."""

    def __init__(self, folder: Path, threads: int = 1, batch_size: int = 32) -> None:
        """Check the folder; the weights are loaded by `load()`."""
        if not (folder / "modules.json").is_file():
            raise FileNotFoundError(f"{folder} is not a sentence-transformers folder (no modules.json)")
        if threads < 1 or batch_size < 1:
            raise ValueError("threads and batch_size must be at least 1")
        self.folder = folder
        self.threads = threads
        self.batch_size = batch_size
        self._model: object | None = None
        from qa.model_store import model_identity

        self._identity = model_identity(folder)

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

    @property
    def identity(self) -> dict[str, object]:
        """name, dimension and fingerprint of the model folder."""
        return self._identity

    @property
    def dimension(self) -> int:
        """Length of every vector."""
        return int(self._identity["dimension"])  # type: ignore[call-overload]

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
