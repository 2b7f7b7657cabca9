"""Time `GET /documents` over a large synthetic document list, in process (TestClient).

Bench only: ``python bench/documents_listing.py --documents 6000 --requests 200`` builds the
fake-embedder index of ``corpus/``, gives its engine ``--documents`` synthetic documents
(2,000 characters each, every tenth one English), and times ``--requests`` sequential
``GET /documents`` with and without ``Accept-Encoding: gzip``. Prints one line per
encoding: body bytes, median, 95th percentile and total seconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fastapi.testclient import TestClient  # noqa: E402

from api.app import create_app  # noqa: E402
from qa.documents import Document, read_corpus  # noqa: E402
from qa.engine import QAEngine  # noqa: E402
from qa.index import build, load_live_index  # noqa: E402
from tests.fakes import FakeEmbedder, app_settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def synthetic_documents(count: int) -> dict[str, Document]:
    """``count`` documents by id, with titles, sources and dates like real pages."""
    documents = {}
    for i in range(count):
        doc_id = f"kommune/side-{i:06d}"
        documents[doc_id] = Document(
            doc_id=doc_id,
            title=f"Selvbetjening og Digital Post, side {i} – ændringer for borgere",
            text="Digital Post er den offentlige postkasse. " * 48,
            blocks=(),
            language="en" if i % 10 == 0 else "da",
            source=f"https://www.borger.dk/sider/side-{i}",
            date="2024-05-01",
        )
    return documents


def time_listing(client: TestClient, requests: int, encoding: str) -> tuple[int, list[float]]:
    """(body bytes on the wire, seconds per request) of ``requests`` sequential GET /documents."""
    seconds = []
    size = 0
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get("/documents", headers={"accept-encoding": encoding})
        seconds.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"GET /documents answered {response.status_code}: {response.text[:200]}")
        size = int(response.headers["content-length"])
    return size, seconds


def main() -> None:
    """Parse --documents/--requests, build, time and print."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=6000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "index"
        embedder = FakeEmbedder()
        build(read_corpus(ROOT / "corpus").documents, embedder, root)
        engine = QAEngine(load_live_index(root, embedder.identity), embedder)
        engine.data.documents = synthetic_documents(args.documents)
        settings = app_settings(root, Path(work) / "feedback.sqlite3", rate_limit_documents="1000000/minute")
        with TestClient(create_app(settings, engine=engine)) as client:
            for encoding in ("gzip", "identity"):
                size, seconds = time_listing(client, args.requests, encoding)
                p95 = statistics.quantiles(seconds, n=20)[-1]
                print(  # noqa: T201
                    f"{args.documents} documents, {args.requests} x GET /documents, {encoding}: {size} bytes, "
                    f"median {statistics.median(seconds) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
                    f"total {sum(seconds):.2f} s"
                )


if __name__ == "__main__":
    main()
