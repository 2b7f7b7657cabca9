"""Benchmark: bare query encode vs `POST /ask` served in-process, and the index build time.

Prints figures; asserts nothing (a timed test would fail when the machine is busy).
Run with `make bench`. Uses the settings (QA_*) and the live index; the build is timed
into a temporary folder, so the live index is not touched.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from fastapi.testclient import TestClient  # noqa: E402

from api.app import create_app  # noqa: E402
from qa.evaluation import load_questions  # noqa: E402
from qa.service import build_index, load_engine  # noqa: E402
from qa.settings import get_settings  # noqa: E402

ROUNDS = 200
WARMUP = 10


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100), nearest rank."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered)) - 1))
    return ordered[index]


def main() -> None:
    """Measure and print."""
    settings = get_settings()
    questions = [q.question for q in load_questions(settings.eval_set)]
    engine = load_engine(settings)
    embedder = engine.embedder

    for question in questions[:WARMUP]:
        embedder.encode_query(question)
    encode_ms = []
    for i in range(ROUNDS):
        question = questions[i % len(questions)]
        started = time.perf_counter()
        embedder.encode_query(question)
        encode_ms.append((time.perf_counter() - started) * 1000)

    ask_ms = []
    with TestClient(create_app(settings, engine=engine)) as client:
        for question in questions[:WARMUP]:
            client.post("/ask", json={"question": question})
        for i in range(ROUNDS):
            question = questions[i % len(questions)]
            started = time.perf_counter()
            response = client.post("/ask", json={"question": question})
            ask_ms.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.text

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        report = build_index(settings.model_copy(update={"index_dir": Path(tmp)}), show_progress=False)
        build_s = time.perf_counter() - started

    encode_median = statistics.median(encode_ms)
    ask_median = statistics.median(ask_ms)
    counts = report.data.manifest.counts
    threads = settings.torch_threads
    print(f"machine: {os.cpu_count()} cores, torch threads {threads}, {ROUNDS} rounds over {len(questions)} questions")
    print(f"bare query encode      median {encode_median:7.2f} ms   p99 {percentile(encode_ms, 99):7.2f} ms")
    print(f"POST /ask in-process   median {ask_median:7.2f} ms   p99 {percentile(ask_ms, 99):7.2f} ms")
    print(f"ratio /ask : encode    {ask_median / encode_median:.2f}x (aim: at most 1.5x)")
    print(
        f"index build            {build_s:7.1f} s for {counts.documents} documents, {counts.chunks} chunks, "
        f"{counts.sentences} sentences (model load, embedding, evaluation on {len(questions)} questions)"
    )


if __name__ == "__main__":
    main()
