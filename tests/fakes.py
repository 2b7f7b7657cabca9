"""A deterministic fake embedder for unit tests of retrieval, index and HTTP logic."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pytest

from qa.analysis import terms
from qa.documents import Document
from qa.embedder import BatchDone, TextKind, TokenVectors
from qa.index import build
from qa.scoring import scoring_identity
from qa.settings import Settings


class FakeEmbedder:
    """Bag of stemmed words hashed into a small vector: texts that share words are close.
    Its token vectors are one per word, the word's own hashed vector: a question word
    the answer holds has support 1. Passages are embedded in batches of `batch_size`, in order."""

    batch_size = 4

    def __init__(
        self, dimension: int = 64, name: str = "fake-embedder", identity: dict[str, object] | None = None
    ) -> None:
        """`identity` stands for a model folder's (`qa.model_store.model_identity`); default
        one made of the name and dimension."""
        self._dimension = dimension
        self._identity: dict[str, object] = identity or {
            "name": name,
            "dimension": dimension,
            "fingerprint": f"{name}-{dimension}",
        }
        self.query_calls = 0

    @property
    def identity(self) -> dict[str, object]:
        return self._identity

    @property
    def dimension(self) -> int:
        return self._dimension

    def _vector(self, text: str) -> np.ndarray:
        vector = np.full(self._dimension, 1e-3, dtype=np.float32)
        for term in terms(text):
            slot = int(hashlib.md5(term.encode()).hexdigest(), 16) % self._dimension
            vector[slot] += 1.0
        return vector / np.linalg.norm(vector)

    def encode_query(self, text: str) -> np.ndarray:
        self.query_calls += 1
        return self._vector(text)

    def encode_passages(
        self, texts: list[str], show_progress: bool = False, on_batch: BatchDone | None = None
    ) -> np.ndarray:
        rows = []
        for start in range(0, len(texts), self.batch_size):
            batch = texts[start : start + self.batch_size]
            rows += [self._vector(t) for t in batch]
            if on_batch is not None:
                on_batch(len(batch))
        return np.stack(rows) if rows else np.zeros((0, self._dimension), np.float32)

    def encode_tokens(self, texts: list[str], kind: TextKind) -> list[TokenVectors]:
        out = []
        for text in texts:
            if kind == "query":
                self.query_calls += 1
            words = [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]
            rows = [self._vector(text[a:b]) for a, b in words]
            vectors = np.stack(rows) if rows else np.zeros((0, self._dimension), np.float32)
            out.append(TokenVectors(self._vector(text), vectors, tuple(words)))
        return out


# A rate limit no bounded test reaches: tests of other behaviour must not meet 429.
UNLIMITED = "1000000/minute"


def app_settings(index_dir: Path, feedback_db: Path, **changes: object) -> Settings:
    """Settings for an app under test: no reload polling and no rate limits, unless `changes` say otherwise."""
    values: dict[str, object] = {
        "index_dir": index_dir,
        "feedback_db": feedback_db,
        "reload_poll_seconds": 0,
        "rate_limit_ask": UNLIMITED,
        "rate_limit_search": UNLIMITED,
        "rate_limit_feedback": UNLIMITED,
        "rate_limit_documents": UNLIMITED,
    }
    values.update(changes)
    return Settings(**values)  # type: ignore[arg-type]


def build_for_old_scoring(documents: list[Document], index_root: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Build a version as an older program would have: scoring version 2 in its manifest
    (and read back as such while building). Returns the version; undoes every patch
    `monkeypatch` holds, so call it before patching anything else."""
    real = scoring_identity()
    old = {**real, "scoring_version": "2"}
    monkeypatch.setattr("qa.index.scoring_identity", lambda **models: old)
    monkeypatch.setattr("qa.scoring.scoring_identity", lambda **models: old)
    monkeypatch.setattr("qa.index.SCORING_VERSION", 2)
    version = build(documents, FakeEmbedder(), index_root).version
    monkeypatch.undo()
    return version


def old_scoring_message() -> str:
    """What every command says of a version built by `build_for_old_scoring`."""
    return (
        f"index built for scoring version 2, this program scores with version {scoring_identity()['scoring_version']} "
        "(its reranker, reader, answer reranker and abstention models read what the index stores): run `qa build`"
    )
