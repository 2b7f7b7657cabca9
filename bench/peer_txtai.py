"""txtai (optional `bench` extra) on the same chunks and the same local model folder, offline."""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path
from typing import Any


def txtai_available() -> bool:
    """True when txtai can be imported (`pip install -e '.[bench]'`)."""
    try:
        import txtai  # noqa: F401
    except ImportError:
        return False
    return True


def run_txtai(
    folder: Path, chunk_texts: list[str], questions: list[str], hybrid: bool, repetitions: int = 3
) -> dict[str, Any]:
    """Index `chunk_texts` with txtai and search each question `repetitions` times.

    The model is the folder's sentence-transformers pipeline with e5's "query: " and
    "passage: " prefixes (txtai's `instructions`); `hybrid` adds txtai's BM25 scoring.
    Returns build_seconds, search_ms (median over all searches) and `ranked`: chunk
    positions per question, best first (top 3).
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from txtai import Embeddings

    config: dict[str, Any] = {
        "path": str(folder),
        "method": "sentence-transformers",
        "content": False,
        "instructions": {"query": "query: ", "data": "passage: "},
        "hybrid": hybrid,
    }
    started = time.perf_counter()
    embeddings = Embeddings(config)
    embeddings.index([(i, text, None) for i, text in enumerate(chunk_texts)])
    build_seconds = time.perf_counter() - started
    ranked: list[list[int]] = []
    timings: list[float] = []
    for question in questions:
        for _ in range(repetitions):
            began = time.perf_counter()
            hits = embeddings.search(question, 3)
            timings.append((time.perf_counter() - began) * 1000)
        ranked.append([int(h[0]) for h in hits])
    return {"build_seconds": build_seconds, "search_ms": statistics.median(timings), "ranked": ranked}
