"""`make bench`: figures side by side, in one run. Prints; asserts nothing (timed tests fail on busy machines).

Sections: the encoder run four ways (torch, ONNX fp32, ONNX int8: ms per query at one
thread, passages/s at two, cosine and recall@1 against fp32); synthetic Danish corpora of
`--sizes` chunks (build time and passages/s against the bare batch encode, index size,
bare encode vs in-process /ask median and p99, start-up to /readyz, memory per worker,
answers/s over HTTP at `--concurrency`); `--search-rows` vectors searched alone (IVF
recall@10 and latency against exact search); and txtai on the seed corpus's chunks next to
ours. Corpora above `--embed-up-to` chunks get random unit vectors instead of embeddings
(said in the output). Quick run: `python bench/bench.py --quick`.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from bench import http_load  # noqa: E402
from bench.peer_txtai import run_txtai, txtai_available  # noqa: E402
from bench.synthetic import danish_paragraphs, write_corpus  # noqa: E402
from qa.documents import Document, read_corpus  # noqa: E402
from qa.embedder import BatchDone, Embedder, TextKind, TokenVectors, create_embedder  # noqa: E402
from qa.evaluation import load_questions  # noqa: E402
from qa.model_store import prepare_model  # noqa: E402
from qa.settings import Settings, get_settings  # noqa: E402
from qa.vector_index import (  # noqa: E402
    ann_recall_at_10,
    build_vector_index_with_report,
)

ROOT = Path(__file__).resolve().parents[1]
# The per-client rate limit and the short queue protect a public service; the bench is one client.
BENCH_LIMITS = {"rate_limit_ask": "1000000/minute", "query_queue": 64}
DEV_CORPUS = ROOT / "tests" / "eval" / "dev" / "corpus"
DEV_QUESTIONS = ROOT / "tests" / "eval" / "dev" / "questions.jsonl"


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) of `values`, nearest rank."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered)) - 1))
    return ordered[index]


def timed_ms(call: Callable[[], object], rounds: int) -> list[float]:
    """Milliseconds of `rounds` calls."""
    out = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        out.append((time.perf_counter() - started) * 1000)
    return out


def encode_ms(embedder: Embedder, question: str) -> float:
    """Milliseconds of one query encode."""
    started = time.perf_counter()
    embedder.encode_query(question)
    return (time.perf_counter() - started) * 1000


def load_average() -> str:
    """The 1-minute load average, which says how busy the shared machine was."""
    return f"{os.getloadavg()[0]:.1f}"


def section(title: str) -> None:
    """Print a section heading."""
    print(f"\n## {title}  (load average {load_average()} on {os.cpu_count()} cores)", flush=True)


class RecordingEmbedder:
    """Passes calls to an embedder, recording the passages and the seconds spent encoding them.

    With `random_vectors`, passages get deterministic random unit vectors instead (for
    corpora too large to embed in the benchmark's time); queries still use the model.
    """

    def __init__(self, inner: Embedder, random_vectors: bool = False) -> None:
        """Wrap `inner`."""
        self.inner = inner
        self.random_vectors = random_vectors
        self.passages: list[str] = []
        self.seconds = 0.0
        self._rng = np.random.default_rng(0)

    @property
    def identity(self) -> dict[str, object]:
        """The inner embedder's identity."""
        return self.inner.identity

    @property
    def dimension(self) -> int:
        """The inner embedder's dimension."""
        return self.inner.dimension

    def encode_query(self, text: str) -> np.ndarray:
        """The inner embedder's query vector."""
        return self.inner.encode_query(text)

    def encode_tokens(self, texts: list[str], kind: TextKind) -> list[TokenVectors]:
        """The inner embedder's token vectors."""
        return self.inner.encode_tokens(texts, kind)

    def encode_passages(
        self, texts: list[str], show_progress: bool = False, on_batch: BatchDone | None = None
    ) -> np.ndarray:
        """The inner embedder's passage vectors (or random unit vectors), timed."""
        started = time.perf_counter()
        self.passages += texts
        if self.random_vectors:
            vectors = self._rng.standard_normal((len(texts), self.dimension)).astype(np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            if on_batch is not None:
                on_batch(len(texts))
        else:
            vectors = self.inner.encode_passages(texts, show_progress=show_progress, on_batch=on_batch)
        self.seconds += time.perf_counter() - started
        return vectors


# ---------------------------------------------------------------- the encoder, run three ways


def encoder_section(settings: Settings, folder: Path, questions: list[str], args: argparse.Namespace) -> None:
    """ms per query at one thread, passages/s at two, and quality against fp32 (cosine, seed recall@1/@3)."""
    section("Encoder: ms per query at 1 thread, passages/s at 2 threads, quality against fp32 ONNX")
    from qa.engine import QAEngine
    from qa.index import prepare_index

    seed_docs = read_corpus(settings.corpus_dir).documents
    seed_questions = [q for q in load_questions(settings.eval_set) if q.answerable]
    passages = [p for p in danish_paragraphs([DEV_CORPUS])][: args.batch_passages]
    reference: np.ndarray | None = None
    print(f"{len(questions[: args.rounds])} questions x 1, after 10 warm-up; {len(passages)} dev-corpus paragraphs")
    print(
        f"{'encoder':10} {'load s':>7} {'query ms':>9} {'p99':>7} {'passages/s':>11} "
        f"{'cos mean':>9} {'cos min':>8} {'seed r@1':>9} {'r@3':>6}"
    )
    for encoder in ("onnx", "onnx-int8", "torch"):
        started = time.perf_counter()
        query_embedder = create_embedder(folder, encoder, threads=1)
        load_s = time.perf_counter() - started
        for q in questions[:10]:
            query_embedder.encode_query(q)
        sample = questions[: args.rounds]
        times = [encode_ms(query_embedder, q) for q in sample]
        vectors = np.stack([query_embedder.encode_query(q) for q in sample])
        if reference is None:
            reference = vectors
        cosines = np.sum(vectors * reference, axis=1)
        batch_embedder = create_embedder(folder, encoder, threads=2)
        started = time.perf_counter()
        batch_embedder.encode_passages(passages)
        per_second = len(passages) / (time.perf_counter() - started)
        engine = QAEngine(prepare_index(seed_docs, batch_embedder), query_embedder)
        ranks = []
        for item in seed_questions:
            found = engine.search(item.question, 3)
            ranks.append(next((n for n, p in enumerate(found, 1) if any(g in p.text for g in item.gold)), None))
        r1 = sum(r == 1 for r in ranks) / len(ranks)
        r3 = sum(r is not None for r in ranks) / len(ranks)
        print(
            f"{encoder:10} {load_s:7.1f} {statistics.median(times):9.2f} {percentile(times, 99):7.2f} "
            f"{per_second:11.1f} {cosines.mean():9.4f} {cosines.min():8.4f} {r1:9.3f} {r3:6.3f}",
            flush=True,
        )
        del query_embedder, batch_embedder, engine
        gc.collect()
    print(f"(seed recall: {len(seed_questions)} answerable seed questions, engine.search, one encoder for both)")


# ---------------------------------------------------------------- synthetic corpora


@contextmanager
def temporary_folder(keep: Path | None) -> Iterator[Path]:
    """A scratch folder, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="qa-bench-", dir=keep))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def folder_mb(folder: Path) -> float:
    """Bytes of all files under `folder`, in MB."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def corpus_section(
    settings: Settings,
    folder: Path,
    size: int,
    paragraphs: list[str],
    questions: list[str],
    args: argparse.Namespace,
) -> np.ndarray | None:
    """Build, size, in-process /ask and HTTP figures for one synthetic corpus of `size` chunks.

    Returns the chunk vectors when the corpus was embedded (the search section builds on them).
    """
    from fastapi.testclient import TestClient

    from api.app import create_app
    from qa.engine import QAEngine
    from qa.index import new_build_id, prepare_index, switch_live, write_index

    embed = size <= args.embed_up_to
    how = "embedded" if embed else "RANDOM unit vectors, not embedded"
    section(f"Synthetic Danish corpus, {size:,} chunks ({how})")
    with temporary_folder(None) as scratch:
        pages, chunks = write_corpus(scratch / "corpus", paragraphs, size, seed=size)
        documents: list[Document] = read_corpus(scratch / "corpus").documents
        batch_embedder = create_embedder(folder, settings.encoder, threads=2)
        recorder = RecordingEmbedder(batch_embedder, random_vectors=not embed)
        started = time.perf_counter()
        data = prepare_index(documents, recorder)
        build_s = time.perf_counter() - started
        counts = data.manifest.counts
        n_passages = len(recorder.passages)
        print(f"corpus: {pages} pages, {counts.chunks:,} chunks, {counts.sentences:,} sentences")
        print(
            f"build (prepare_index, no calibration): {build_s:.1f} s, {n_passages:,} passages embedded "
            f"({n_passages / counts.chunks:.1f} per chunk), {n_passages / build_s:.1f} passages/s overall; "
            f"encoding {recorder.seconds:.1f} s ({recorder.seconds / build_s:.0%}), the rest chunking, terms, BM25"
        )
        if embed:
            print(
                f"bare batch encode inside the build ({settings.encoder}, 2 threads, length-sorted batches): "
                f"{n_passages / recorder.seconds:.1f} passages/s; build : bare = {recorder.seconds / build_s:.2f}x "
                "(aim >= 0.9x)"
            )
        else:
            print(f"(not embedded: at 40-80 passages/s, embedding would take {n_passages / 60 / 60:.0f} min)")
        chunk_chars = sum(len(p) for p in recorder.passages[: counts.chunks])
        all_chars = sum(len(p) for p in recorder.passages)
        print(
            f"sentence vectors: {n_passages - counts.chunks:,} of {n_passages:,} passages are sentences, "
            f"{1 - chunk_chars / all_chars:.0%} of the characters (encode time is about proportional): without "
            f"them the build would embed {chunk_chars / all_chars:.0%} as much"
        )
        del batch_embedder, recorder
        if counts.chunks > settings.ann_min_chunks:
            vectors = data.chunk_vectors
            index, report = build_vector_index_with_report(vectors, settings.ann_min_chunks)
            data.faiss_index = index
            print(
                f"vector index: {report['kind']} (bench swapped it in: {counts.chunks:,} > QA_ANN_MIN_CHUNKS), "
                f"nlist {report['nlist']}, nprobe {report['nprobe']} (fitted {report['fitted_nprobe']} on "
                f"{report['calibrated_on']}), recall@10 {report['recall_at_10']} on {report['recall_queries']} "
                f"sampled rows, built in {report['build_seconds']:.1f} s"
            )
        else:
            print(f"vector index: {type(data.faiss_index).__name__} (exact; {counts.chunks:,} <= QA_ANN_MIN_CHUNKS)")
        index_root = scratch / "index"
        version = new_build_id(data.manifest.corpus_sha256)
        write_index(data, index_root / version, version)
        switch_live(index_root, version)
        live = index_root / version
        print(f"index size on disk: {folder_mb(live):.1f} MB")

        query_embedder = create_embedder(folder, settings.encoder, threads=settings.torch_threads)
        engine = QAEngine(data, query_embedder)
        unlimited = {k: v for k, v in BENCH_LIMITS.items() if k in Settings.model_fields}
        bare_ms: list[float] = []
        ask_ms: list[float] = []
        with TestClient(create_app(settings.model_copy(update=unlimited), engine=engine)) as client:
            for q in questions[:10]:
                client.post("/ask", json={"question": q})
                query_embedder.encode_query(q)
            for i in range(args.rounds):  # interleaved, so both see the same machine load
                q = questions[i % len(questions)]
                bare_ms.append(encode_ms(query_embedder, q))
                started = time.perf_counter()
                response = client.post("/ask", json={"question": q})
                ask_ms.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise RuntimeError(f"/ask gave {response.status_code}: {response.text}")
        em, am = statistics.median(bare_ms), statistics.median(ask_ms)
        print(
            f"in-process ({args.rounds} questions, {settings.encoder}, {settings.torch_threads} thread): bare encode "
            f"median {em:.1f} ms p99 {percentile(bare_ms, 99):.1f} ms | /ask median {am:.1f} ms "
            f"p99 {percentile(ask_ms, 99):.1f} ms | /ask : encode {am / em:.2f}x (aim 1.2x), p99 : median "
            f"{percentile(ask_ms, 99) / am:.2f}x (aim 2x)"
        )
        basis = np.array(data.chunk_vectors) if embed else None
        del engine, data, query_embedder
        gc.collect()
        if args.concurrency:
            http_section(settings, folder, index_root, questions, args)
    return basis


def serve_supports_workers() -> bool:
    """True when `qa serve` has a --workers option (another helper adds it)."""
    import inspect

    from qa import cli

    return "workers" in inspect.signature(cli.serve_command).parameters


def serve_uses_encoder_setting() -> bool:
    """True once qa.service.load_embedder goes through create_embedder (and so honours QA_ENCODER)."""
    import inspect

    from qa import service

    return "create_embedder" in inspect.getsource(service)


def http_section(
    settings: Settings, folder: Path, index_root: Path, questions: list[str], args: argparse.Namespace
) -> None:
    """Start `qa serve` on the index, time it to /readyz, read memory, load it at each concurrency."""
    workers = args.workers if serve_supports_workers() else None
    env = {
        "QA_INDEX_DIR": str(index_root),
        "QA_MODEL": str(folder),
        "QA_ENCODER": settings.encoder,
        "QA_LOG_LEVEL": "WARNING",
        # The per-client rate limit and the short queue protect a public service; the bench is one client.
        "QA_RATE_LIMIT_ASK": "1000000/minute",
        "QA_QUERY_QUEUE": str(max([64, *args.concurrency])),
        "PYTHONPATH": str(ROOT),
    }
    patched = not serve_uses_encoder_setting()
    script = Path(__file__).resolve().parent / "serve_patched.py" if patched else None
    server = http_load.start_server(env, args.port, None if patched else workers, script=script)
    try:
        pids = http_load.worker_pids(server)
        memory = [http_load.memory_mb(p) for p in pids]
        label = f"{len(pids)} worker(s)" if workers and not patched else "1 process"
        if patched:
            label += f" (bench/serve_patched.py: qa.service does not yet honour QA_ENCODER={settings.encoder})"
        print(
            f"HTTP: start to /readyz {server.ready_seconds:.1f} s; {label}; memory after load per worker "
            + ", ".join(f"RSS {m['rss']:.0f} MB / PSS {m['pss']:.0f} MB" for m in memory)
        )
        rates = []
        for level in args.concurrency:
            rate, refused = http_load.answers_per_second(
                server.url, questions, level, args.http_requests, args.http_seconds
            )
            other = ", ".join(f"{n} x {code}" for code, n in sorted(refused.items()))
            rates.append(f"{rate:.1f}/s at {level}" + (f" ({other})" if other else ""))
        memory = [http_load.memory_mb(p) for p in http_load.worker_pids(server)]
        print(
            f"HTTP answers (at most {args.http_requests} requests or {args.http_seconds:.0f} s per level): "
            + ", ".join(rates)
            + "; memory after load "
            + ", ".join(f"PSS {m['pss']:.0f} MB" for m in memory)
        )
    finally:
        http_load.stop_server(server)


# ---------------------------------------------------------------- search alone at 1M


def clustered_vectors(rows: int, dimension: int, seed: int) -> np.ndarray:
    """Unit vectors around rows/50 random centres (cosine about 0.7 within a cluster), in 100k-row blocks."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((max(1, rows // 50), dimension)).astype(np.float32)
    out = np.empty((rows, dimension), dtype=np.float32)
    for start in range(0, rows, 100_000):
        stop = min(rows, start + 100_000)
        block = centres[rng.integers(0, len(centres), stop - start)]
        block += 0.65 * rng.standard_normal(block.shape).astype(np.float32)
        out[start:stop] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def mixed_vectors(rows: int, basis: np.ndarray, seed: int, noise: float = 0.3) -> np.ndarray:
    """Unit vectors `normalise(b_i + w * b_j + noise * g)` of real chunk vectors b, w in [0, 1), g Gaussian / sqrt(d).

    They keep the embeddings' anisotropy (e5 vectors share a large common direction), which
    makes approximate search harder than on clustered random vectors. Built in 100k-row blocks.
    """
    rng = np.random.default_rng(seed)
    dimension = basis.shape[1]
    out = np.empty((rows, dimension), dtype=np.float32)
    for start in range(0, rows, 100_000):
        stop = min(rows, start + 100_000)
        count = stop - start
        block = basis[rng.integers(0, len(basis), count)].copy()
        block += rng.random((count, 1), dtype=np.float32) * basis[rng.integers(0, len(basis), count)]
        block += (noise / np.sqrt(dimension)) * rng.standard_normal(block.shape).astype(np.float32)
        out[start:stop] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def search_section(
    rows: int, dimension: int, args: argparse.Namespace, basis: np.ndarray | None, real_queries: np.ndarray | None
) -> None:
    """IVF against exact search on `rows` synthetic vectors: build time, recall@10, search latency."""
    import faiss

    if basis is not None:
        kind = f"mixtures of {len(basis):,} real chunk embeddings plus noise"
    else:
        kind = "clustered random unit vectors (no embedded corpus to build on)"
    section(f"Search alone: {rows:,} vectors of dimension {dimension}, {kind}")
    started = time.perf_counter()
    if basis is not None:
        everything = mixed_vectors(rows + args.search_queries, basis, seed=1)
    else:
        everything = clustered_vectors(rows + args.search_queries, dimension, seed=1)
    vectors, queries = everything[:rows], everything[rows:]
    print(f"generated in {time.perf_counter() - started:.1f} s; {args.search_queries} held-out generated queries")
    index, report = build_vector_index_with_report(vectors, exact_up_to=0, queries=queries[:200])
    print(
        f"IVF build {report['build_seconds']:.1f} s: nlist {report['nlist']}, nprobe {report['nprobe']} "
        f"(first reaching recall@10 0.95 on 200 held-out queries: {report['recall_at_10']})"
    )
    sets = [("held-out generated", queries)]
    if real_queries is not None:
        sets.append(("real dev questions (encoded)", real_queries))
    flat = faiss.IndexFlatIP(dimension)
    flat.add(vectors)
    flat_ms = [timed_ms(lambda q=q: flat.search(q[None, :], 10), 1)[0] for q in queries[:20]]  # type: ignore[misc]
    chosen = int(report["nprobe"])
    for name, query_set in sets:
        for nprobe in (chosen, chosen * 4, chosen * 16):
            faiss.extract_index_ivf(index).nprobe = min(nprobe, int(report["nlist"]))
            ivf_ms = [timed_ms(lambda q=q: index.search(q[None, :], 10), 1)[0] for q in query_set]  # type: ignore[misc]
            recall = ann_recall_at_10(index, vectors, query_set)
            print(
                f"IVF nprobe {nprobe:4}, {len(query_set)} {name} queries: median {statistics.median(ivf_ms):.2f} ms "
                f"p99 {percentile(ivf_ms, 99):.2f} ms, recall@10 {recall:.3f} (aim < 20 ms at >= 0.95)"
            )
    faiss.extract_index_ivf(index).nprobe = chosen
    print(f"exact flat search: median {statistics.median(flat_ms):.1f} ms (20 queries)")


# ---------------------------------------------------------------- txtai on the seed corpus


def peer_section(settings: Settings, folder: Path, args: argparse.Namespace) -> None:
    """txtai and our engine on the seed corpus's chunks: build time, search latency, recall@1/@3."""
    section("txtai 9 against ours on the seed corpus's chunks (same model folder)")
    if not txtai_available():
        print("txtai is not installed: pip install -e '.[bench]' to compare")
        return
    from qa.engine import QAEngine
    from qa.index import prepare_index

    documents = read_corpus(settings.corpus_dir).documents
    items = [q for q in load_questions(settings.eval_set) if q.answerable]
    questions = [q.question for q in items]
    started = time.perf_counter()
    batch_embedder = create_embedder(folder, settings.encoder, threads=2)
    data = prepare_index(documents, batch_embedder)
    our_build = time.perf_counter() - started
    engine = QAEngine(data, create_embedder(folder, settings.encoder, threads=settings.torch_threads))
    texts = [c.context() for c in data.chunks]

    def recall(ranked: list[list[int]]) -> tuple[float, float]:
        hits = [
            next((n for n, i in enumerate(r, 1) if any(g in data.chunks[i].text for g in q.gold)), None)
            for r, q in zip(ranked, items, strict=True)
        ]
        return sum(h == 1 for h in hits) / len(hits), sum(h is not None for h in hits) / len(hits)

    positions = {c.chunk_id: i for i, c in enumerate(data.chunks)}
    ours_ranked, ours_ms = [], []
    for q in questions:
        for _ in range(args.peer_repetitions):
            started = time.perf_counter()
            found = engine.search(q, 3)
            ours_ms.append((time.perf_counter() - started) * 1000)
        ours_ranked.append([positions[p.chunk_id] for p in found])
    print(f"{len(texts)} chunks, {len(questions)} answerable seed questions, {args.peer_repetitions} searches each")
    print(f"{'system':34} {'build s':>8} {'search ms':>10} {'recall@1':>9} {'recall@3':>9}")
    r1, r3 = recall(ours_ranked)
    print(
        f"{'ours (' + settings.encoder + ', engine.search)':34} {our_build:8.1f} "
        f"{statistics.median(ours_ms):10.1f} {r1:9.3f} {r3:9.3f}"
    )
    for hybrid in (False, True):
        result = run_txtai(folder, texts, questions, hybrid, args.peer_repetitions)
        r1, r3 = recall(result["ranked"])
        name = f"txtai {'hybrid' if hybrid else 'dense'} (sentence-transformers)"
        print(f"{name:34} {result['build_seconds']:8.1f} {result['search_ms']:10.1f} {r1:9.3f} {r3:9.3f}")
    print("(build: ours includes model load, chunking, chunk and sentence vectors, BM25; txtai: load and index)")


# ---------------------------------------------------------------- main


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options; `--quick` sets small sizes for a run of a few minutes."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="500 chunks, 100k search rows, fewer rounds")
    parser.add_argument("--sizes", default="1000,10000,100000", help="synthetic corpus sizes in chunks")
    parser.add_argument("--embed-up-to", type=int, default=1000, help="embed corpora up to this many chunks")
    parser.add_argument("--search-rows", type=int, default=1_000_000, help="vectors for the search-alone section")
    parser.add_argument("--search-queries", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=200, help="questions per in-process measurement")
    parser.add_argument("--batch-passages", type=int, default=256, help="passages for bare batch encode rates")
    parser.add_argument("--concurrency", default="1,8,32", help="HTTP client counts; empty skips HTTP")
    parser.add_argument("--http-requests", type=int, default=400)
    parser.add_argument("--http-seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers, if qa serve has --workers")
    parser.add_argument("--port", type=int, default=8111, help="port on 127.0.0.1 for qa serve")
    parser.add_argument("--peer-repetitions", type=int, default=3)
    parser.add_argument("--skip", default="", help="comma-separated sections to skip: encoder,corpora,search,peer")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.search_rows, args.rounds, args.http_requests, args.http_seconds = "500", 100_000, 60, 100, 8.0
        args.batch_passages, args.peer_repetitions = 128, 1
    args.sizes = [int(s) for s in str(args.sizes).split(",") if s.strip()]
    args.concurrency = [int(c) for c in str(args.concurrency).split(",") if c.strip()]
    args.skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    return args


def main(argv: list[str] | None = None) -> None:
    """Run every section and print its figures."""
    args = parse_args(argv)
    settings = get_settings()
    if settings.eval_set is None:
        raise SystemExit("the benchmark asks the questions of QA_EVAL_SET: unset it, or name a file")
    began = time.perf_counter()
    folder = prepare_model(settings.model, settings.model_cache_dir, "onnx-int8")
    dev = [q.question for q in load_questions(DEV_QUESTIONS)] if DEV_QUESTIONS.is_file() else []
    questions = dev or [q.question for q in load_questions(settings.eval_set)]
    print("# qa-dk benchmark (figures, not pass/fail)")
    print(
        f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, encoder {settings.encoder}, "
        f"query threads {settings.torch_threads}, model {folder}"
    )
    print(
        "NOTE: this machine is shared with up to 7 other helpers' builds and tests; load average at start "
        f"{load_average()} on {os.cpu_count()} cores, so absolute times are upper bounds and vary between runs."
    )
    print(f"questions: {len(questions)} from {'the dev set' if dev else settings.eval_set}")

    def guarded(name: str, run: Callable[[], object]) -> object:
        if name in args.skip:
            return None
        try:
            return run()
        except Exception as exc:  # a failed section must not hide the others' figures
            print(f"\n!! section {name} failed: {type(exc).__name__}: {exc}", flush=True)
            return None

    guarded("encoder", lambda: encoder_section(settings, folder, questions, args))
    basis: np.ndarray | None = None
    if "corpora" not in args.skip:
        paragraphs = danish_paragraphs([DEV_CORPUS, settings.corpus_dir])
        for size in args.sizes:
            vectors = guarded("corpora", partial(corpus_section, settings, folder, size, paragraphs, questions, args))
            basis = vectors if isinstance(vectors, np.ndarray) else basis

    def search() -> None:
        real_queries = None
        if basis is not None:
            query_embedder = create_embedder(folder, settings.encoder, threads=1)
            real_queries = np.stack([query_embedder.encode_query(q) for q in questions[: args.search_queries]])
        search_section(args.search_rows, 384, args, basis, real_queries)

    guarded("search", search)
    guarded("peer", lambda: peer_section(settings, folder, args))
    print(f"\nbenchmark took {time.perf_counter() - began:.0f} s; load average at end {load_average()}")


if __name__ == "__main__":
    main()
