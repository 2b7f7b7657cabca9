"""Serve the app with `qa.service.load_embedder` honouring QA_ENCODER, until the integration does it.

Bench only: `python bench/serve_patched.py --port 8111` runs one uvicorn process (no
workers) whose engine encodes queries with `create_embedder(folder, QA_ENCODER, threads)`,
which is what `qa.service.load_embedder` will call once it is wired.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import uvicorn  # noqa: E402

from qa import service  # noqa: E402
from qa.embedder import Embedder, create_embedder  # noqa: E402
from qa.model_store import prepare_model  # noqa: E402
from qa.settings import Settings, get_settings  # noqa: E402


def load_embedder(settings: Settings, threads: int | None = None) -> Embedder:
    """The configured model run by the configured encoder (QA_ENCODER)."""
    folder = prepare_model(settings.model, settings.model_cache_dir, settings.encoder)
    return create_embedder(folder, settings.encoder, threads=threads or settings.torch_threads)


def main() -> None:
    """Parse --host/--port and serve."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8111)
    args = parser.parse_args()
    service.load_embedder = load_embedder  # type: ignore[assignment]
    from api.app import create_app

    settings = get_settings()
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level=settings.log_level.lower())


if __name__ == "__main__":
    main()
