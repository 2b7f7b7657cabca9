"""The app over the fake embedder, for a server in its own process (load tests measure it
without the clients' threads sharing its interpreter).

    QA_INDEX_DIR=... QA_TEST_ENCODE_SECONDS=0.05 python -m uvicorn --factory tests.fake_server:create
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import numpy as np
from fastapi import FastAPI

from api.app import create_app
from qa.embedder import TextKind, TokenVectors
from qa.settings import Settings
from tests.fakes import FakeEmbedder


class SlowEmbedder(FakeEmbedder):
    """The fake embedder with a query encode that takes ``seconds`` (sleeping, like a busy core)."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds

    def encode_query(self, text: str) -> np.ndarray:
        time.sleep(self.seconds)
        return super().encode_query(text)

    def encode_tokens(self, texts: list[str], kind: TextKind) -> list[TokenVectors]:
        """Sleeps ``seconds`` per question text: `/ask` encodes its question here."""
        if kind == "query":
            time.sleep(self.seconds * len(texts))
        return super().encode_tokens(texts, kind)


def create() -> FastAPI:
    """The app, settings from QA_* variables, encoding taking QA_TEST_ENCODE_SECONDS; while
    the file QA_TEST_SLOW_START_FILE names exists, a worker takes 60 s to start (as the real
    model can on a busy machine)."""
    slow_start = os.environ.get("QA_TEST_SLOW_START_FILE")
    if slow_start and os.path.exists(slow_start):
        time.sleep(60)
    return create_app(Settings(), embedder=SlowEmbedder(float(os.environ.get("QA_TEST_ENCODE_SECONDS", "0"))))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def fake_server_process(env: dict[str, str], cwd: str, workers: int = 1) -> Iterator[str]:
    """``create()`` served by uvicorn in a child process on 127.0.0.1 (with ``workers``
    worker processes); yields its base URL once /readyz is 200."""
    with fake_server(env, cwd, workers) as (base, _):
        yield base


@contextmanager
def fake_server(env: dict[str, str], cwd: str, workers: int = 1) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """As :func:`fake_server_process`, yielding the base URL and the server's process (the
    one that answers when ``workers`` is 1: uvicorn then serves in its own process)."""
    port = _free_port()
    command = [sys.executable, "-m", "uvicorn", "--factory", "tests.fake_server:create"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--no-access-log", "--http", "h11"]
    command += ["--log-level", "warning", "--workers", str(workers)]
    process = subprocess.Popen(command, env={**os.environ, **env}, cwd=cwd)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the fake server did not become ready within 30 s")
            time.sleep(0.1)
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=20)
