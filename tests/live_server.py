"""A real uvicorn server on 127.0.0.1 (a free port) in a thread, for tests over loopback."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI


@contextmanager
def live_server(app: FastAPI, **config: object) -> Iterator[str]:
    """Serve ``app`` until the block ends; yields its base URL. Bounded: 20 s to start."""
    options: dict[str, object] = {"host": "127.0.0.1", "port": 0, "log_config": None, "access_log": False}
    options.update(config)
    server = uvicorn.Server(uvicorn.Config(app, **options))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
