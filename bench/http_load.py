"""Start `qa serve` on 127.0.0.1, time it to `/readyz`, read its memory, and load it with bounded clients."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx


@dataclass
class Server:
    """A `qa serve` process started by `start_server`."""

    process: subprocess.Popen[bytes]
    url: str
    ready_seconds: float


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def memory_mb(pid: int) -> dict[str, float]:
    """RSS and PSS (MB) of a process from /proc/PID/smaps_rollup (PSS splits shared pages between sharers)."""
    out = {"rss": 0.0, "pss": 0.0}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("Rss", "Pss"):
                out[key.lower()] = int(rest.split()[0]) / 1024
    except OSError:
        pass
    return out


def worker_pids(server: Server) -> list[int]:
    """The processes that answer requests: the uvicorn workers (spawned through
    multiprocessing's `spawn_main`), or the server itself when it has none. The
    multiprocessing resource tracker is not a worker."""
    pid = server.process.pid
    children = [c for c in _children(pid) if "resource_tracker" not in _cmdline(c)]
    return children or [pid]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def start_server(
    env: dict[str, str],
    port: int,
    workers: int | None,
    timeout_s: float = 180,
    script: Path | None = None,
    log: Path | None = None,
) -> Server:
    """Run `python -m qa.cli serve` (or `script`) on 127.0.0.1:port; wait (polling every 50 ms) for /readyz 200.

    The server's output goes to a pipe (read only if it fails to start: keep it quiet), or to the
    file `log` (for a server that logs every request). Raises RuntimeError with the server's
    output when it exits or is not ready in `timeout_s` seconds.
    """
    launcher = [str(script)] if script is not None else ["-m", "qa.cli", "serve"]
    command = [sys.executable, *launcher, "--host", "127.0.0.1", "--port", str(port)]
    if workers is not None:
        command += ["--workers", str(workers)]
    started = time.perf_counter()
    options = {"env": {**os.environ, **env}, "stderr": subprocess.STDOUT, "start_new_session": True}
    if log is None:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, **options)
    else:
        with log.open("wb") as output_file:
            process = subprocess.Popen(command, stdout=output_file, **options)
    url = f"http://127.0.0.1:{port}"
    while time.perf_counter() - started < timeout_s:
        if process.poll() is not None:
            if log is not None:
                output = log.read_text(errors="replace")
            else:
                output = process.stdout.read().decode(errors="replace") if process.stdout else ""
            raise RuntimeError(f"qa serve exited with {process.returncode}:\n{output[-2000:]}")
        try:
            if httpx.get(f"{url}/readyz", timeout=1.0).status_code == 200:
                return Server(process, url, time.perf_counter() - started)
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    stop_server(Server(process, url, 0.0))
    raise RuntimeError(f"qa serve was not ready within {timeout_s:.0f} s")


def stop_server(server: Server) -> None:
    """Stop the server's process group (SIGTERM, then SIGKILL after 10 s)."""
    try:
        os.killpg(server.process.pid, signal.SIGTERM)
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait()
    except ProcessLookupError:
        pass


async def _load(
    url: str, questions: list[str], concurrency: int, requests: int, seconds: float
) -> tuple[int, dict[int, int], float]:
    done = 0
    refused: dict[int, int] = {}
    deadline = time.perf_counter() + seconds
    counter = iter(range(requests))
    async with httpx.AsyncClient(base_url=url, timeout=60.0) as client:

        async def worker() -> None:
            nonlocal done
            for i in counter:
                if time.perf_counter() > deadline:
                    return
                response = await client.post("/ask", json={"question": questions[i % len(questions)]})
                if response.status_code == 200:
                    done += 1
                else:
                    refused[response.status_code] = refused.get(response.status_code, 0) + 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return done, refused, elapsed


def answers_per_second(
    url: str, questions: list[str], concurrency: int, requests: int, seconds: float
) -> tuple[float, dict[int, int]]:
    """Answers (200s) per second with `concurrency` clients, at most `requests` requests and about
    `seconds` seconds; and the count of other responses by status (503 overload, 429 rate limit)."""
    done, refused, elapsed = asyncio.run(_load(url, questions, concurrency, requests, seconds))
    return (done / elapsed if elapsed > 0 else 0.0), refused
