"""Serve the fake-encoder app (tests.fake_server:create) as `qa serve` serves its app: the same
uvicorn options and worker supervisor (api.supervisor).

Bench only: `QA_INDEX_DIR=... QA_TEST_ENCODE_SECONDS=0.05 python bench/serve_fake.py --port 8111`
runs the real middleware stack, protocol and JSON access log over an index built with the
fake embedder, whose query encode sleeps QA_TEST_ENCODE_SECONDS (no model to load).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from api.supervisor import serve  # noqa: E402
from qa.cli import uvicorn_options  # noqa: E402
from qa.settings import get_settings  # noqa: E402


def main() -> None:
    """Parse --host/--port/--workers and serve."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8111)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    options = uvicorn_options(get_settings())
    options.update(host=args.host, port=args.port, workers=args.workers)
    serve("tests.fake_server:create", factory=True, **options)


if __name__ == "__main__":
    main()
