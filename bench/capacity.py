"""Load at 4x capacity: how fast the excess is refused, how fast /healthz answers, and memory.

Prints figures side by side; asserts nothing (timed tests fail on busy machines). The
server runs in its own process with the uvicorn options `qa serve` uses (its h11 protocol
with the header deadline, the JSON access log at INFO to a file); the load comes from a
second process (asyncio, one kept-alive connection per client, no pause between
requests), so the clients share neither the server's interpreter nor its GIL. Capacity is
QA_QUERY_WORKERS running plus QA_QUERY_QUEUE waiting questions per server process
(`--server-workers` processes, 1 by default);
`--factor` times that many clients post /ask, and one more client asks /healthz every
`--probe-ms`. Memory is the sum of RSS and PSS over the server's worker processes
(/proc/PID/smaps_rollup), read before the load, every 100 ms during it (peak) and after.

Columns: the fake encoder (its query encode sleeps `--encode-ms`; index built with the
fake embedder from corpus/, no model), and with `--index DIR` the real model on that
index (a copy of it: the bench never writes to DIR).

    python bench/capacity.py                                # fake encoder, about 20 s
    python bench/capacity.py --index /tmp/seed-index        # and the real model beside it
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402

from bench import http_load  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
QUESTION = "Hvornår blev Digital Post obligatorisk?"
UNLIMITED = "1000000/minute"


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) of `values`, nearest rank; nan when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q / 100 * len(ordered)) - 1))]


# ------------------------------------------------------------------ the load generator (its own process)


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> tuple[int, dict[str, str]]:
    """Send one HTTP/1.1 request, read the whole response; its status and (lower-case) headers."""
    writer.write(request)
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    status = int(head[0].split(" ", 2)[1])
    headers = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        if name:
            headers[name.strip().lower()] = value.strip()
    if "chunked" in headers.get("transfer-encoding", ""):
        raise RuntimeError("chunked responses are not read by this client")
    length = int(headers.get("content-length", "0"))
    if length:
        await reader.readexactly(length)
    return status, headers


@dataclass
class _Budget:
    left: int
    deadline: float

    def take(self) -> bool:
        if self.left <= 0 or time.perf_counter() > self.deadline:
            return False
        self.left -= 1
        return True


@dataclass
class _Log:
    asks: list[tuple[int, float, str | None]] = field(default_factory=list)
    health: list[tuple[int, float]] = field(default_factory=list)


async def _client(host: str, port: int, request: bytes, budget: _Budget, out: _Log) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while budget.take():
            started = time.perf_counter()
            try:
                status, headers = await _exchange(reader, writer, request)
            except (ConnectionError, asyncio.IncompleteReadError):
                out.asks.append((0, (time.perf_counter() - started) * 1000, None))
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
                continue
            out.asks.append((status, (time.perf_counter() - started) * 1000, headers.get("retry-after")))
            if headers.get("connection") == "close":
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
    finally:
        writer.close()


async def _prober(host: str, port: int, interval_s: float, stop: asyncio.Event, out: _Log) -> None:
    request = f"GET /healthz HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while not stop.is_set():
            started = time.perf_counter()
            status, _ = await _exchange(reader, writer, request)
            out.health.append((status, (time.perf_counter() - started) * 1000))
            await asyncio.sleep(interval_s)
    finally:
        writer.close()


async def _drive(url: str, clients: int, seconds: float, requests: int, probe_s: float) -> _Log:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    body = json.dumps({"question": QUESTION}).encode()
    request = (
        f"POST /ask HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    out = _Log()
    stop = asyncio.Event()
    budget = _Budget(requests, time.perf_counter() + seconds)
    probe = asyncio.create_task(_prober(host, port, probe_s, stop, out))
    await asyncio.gather(*(_client(host, port, request, budget, out) for _ in range(clients)))
    stop.set()
    await probe
    return out


def drive_main(args: argparse.Namespace) -> None:
    """The load generator: prints its log as one JSON object on stdout."""
    try:
        import uvloop

        run = uvloop.run
    except ImportError:  # pragma: no cover - uvicorn[standard] brings it
        run = asyncio.run
    cpu = time.process_time()
    out = run(_drive(args.drive, args.clients, args.seconds, args.requests, args.probe_ms / 1000))
    json.dump({"asks": out.asks, "health": out.health, "cpu_s": time.process_time() - cpu}, sys.stdout)


def run_load(
    url: str,
    clients: int,
    seconds: float,
    requests: int,
    probe_ms: float,
    scratch: Path,
    every: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """Drive `url` from a second process (this file with --drive) and return its log:
    ``asks`` as [status, ms, Retry-After or None], ``health`` as [status, ms], ``cpu_s``.

    ``every()`` is called every 100 ms while the load runs. Bounded: `seconds` plus a
    minute at most (RuntimeError after that, or when the load generator fails).
    """
    command = [sys.executable, str(Path(__file__).resolve()), "--drive", url, "--clients", str(clients)]
    command += ["--seconds", str(seconds), "--requests", str(requests), "--probe-ms", str(probe_ms)]
    figures = scratch / "load.json"
    with figures.open("wb") as output:  # a file, not a pipe: the figures are larger than a pipe holds
        driver = subprocess.Popen(command, stdout=output)
    deadline = time.monotonic() + seconds + 60
    while driver.poll() is None:
        if time.monotonic() > deadline:
            driver.kill()
            driver.wait()
            raise RuntimeError("the load generator did not finish in time")
        if every is not None:
            every()
        time.sleep(0.1)
    if driver.returncode:
        raise RuntimeError(f"the load generator failed with {driver.returncode}")
    return dict(json.loads(figures.read_text()))


# ------------------------------------------------------------------ the orchestrator


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds of `pid` (and its threads), from /proc/PID/stat."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _memory(pids: list[int]) -> tuple[float, float]:
    readings = [http_load.memory_mb(p) for p in pids]
    return sum(m["rss"] for m in readings), sum(m["pss"] for m in readings)


@dataclass
class Case:
    """One column: how the server is started."""

    label: str
    env: dict[str, str]
    script: Path | None  # None: `python -m qa.cli serve`
    capacity: int


def run_case(case: Case, args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    """Start the server, warm it up, load it from a second process, read memory throughout."""
    log_file = scratch / f"server-{case.label.split()[0]}.log"
    server = http_load.start_server(case.env, args.port, args.server_workers, script=case.script, log=log_file)
    try:
        pids = http_load.worker_pids(server)
        with httpx.Client(base_url=server.url, timeout=60) as http:
            for _ in range(args.warmup):
                http.post("/ask", json={"question": QUESTION}).raise_for_status()
        time.sleep(0.5)
        rss0, pss0 = _memory(pids)
        cpu0 = sum(_cpu_seconds(p) for p in pids)
        clients = case.capacity * args.factor
        started = time.perf_counter()
        peak = [rss0, pss0]

        def sample() -> None:
            rss, pss = _memory(pids)
            peak[:] = max(peak[0], rss), max(peak[1], pss)

        log = run_load(server.url, clients, args.seconds, args.requests, args.probe_ms, scratch, every=sample)
        elapsed = time.perf_counter() - started
        cpu = sum(_cpu_seconds(p) for p in pids) - cpu0
        peak_rss, peak_pss = peak
        time.sleep(args.settle)
        rss1, pss1 = _memory(pids)
    finally:
        http_load.stop_server(server)
    asks = [(int(s), float(ms), r) for s, ms, r in log["asks"]]
    return {
        "clients": clients,
        "factor": args.factor,
        "elapsed": elapsed,
        "asks": asks,
        "health": [(int(s), float(ms)) for s, ms in log["health"]],
        "server_cpu": cpu / elapsed * 100,
        "driver_cpu": log["cpu_s"] / elapsed * 100,
        "rss": (rss0, peak_rss, rss1),
        "pss": (pss0, peak_pss, pss1),
        "workers": len(pids),
    }


def _ms(values: list[float]) -> str:
    if not values:
        return "-"
    return f"{statistics.median(values):.1f} / {percentile(values, 99):.1f} / {max(values):.1f}"


def rows(result: dict[str, Any]) -> dict[str, str]:
    """The printed figures of one case."""
    asks: list[tuple[int, float, str | None]] = result["asks"]
    health: list[tuple[int, float]] = result["health"]
    ok = [ms for s, ms, _ in asks if s == 200]
    refused = [ms for s, ms, _ in asks if s == 503]
    other: dict[int, int] = {}
    for s, _, _ in asks:
        if s not in (200, 503):
            other[s] = other.get(s, 0) + 1
    retry = sum(1 for s, _, r in asks if s == 503 and r)
    probes = [ms for _, ms in health]
    rss: tuple[float, float, float] = result["rss"]
    pss: tuple[float, float, float] = result["pss"]
    return {
        f"clients ({result['factor']}x capacity) + 1 prober": f"{result['clients']} + 1",
        "load seconds": f"{result['elapsed']:.1f}",
        "/ask sent": str(len(asks)),
        "200 answered: count, median ms": f"{len(ok)}, {statistics.median(ok):.0f}" if ok else "0",
        "503 refused: count": str(len(refused)),
        "503 ms median / p99 / max": _ms(refused),
        "503 with Retry-After": f"{retry}/{len(refused)}",
        "other statuses": ", ".join(f"{n} x {s}" for s, n in sorted(other.items())) or "none",
        "/healthz probes (non-200)": f"{len(probes)} ({sum(1 for s, _ in health if s != 200)})",
        "/healthz ms median / p99 / max": _ms(probes),
        "CPU % server / load generator": f"{result['server_cpu']:.0f} / {result['driver_cpu']:.0f}",
        "RSS MB before / peak / after": " / ".join(f"{v:.0f}" for v in rss),
        "PSS MB before / peak / after": " / ".join(f"{v:.0f}" for v in pss),
    }


def fake_index(scratch: Path) -> Path:
    """An index of corpus/ built with the fake embedder (as tests/conftest.py's fake_index_root)."""
    from qa.documents import read_corpus
    from qa.index import build
    from tests.fakes import FakeEmbedder

    root = scratch / "fake-index"
    build(read_corpus(ROOT / "corpus").documents, FakeEmbedder(), root)
    return root


def model_cache_dir() -> str | None:
    """QA_MODEL_CACHE_DIR, else this checkout's .cache/models (where `qa model` put it)."""
    for candidate in (os.environ.get("QA_MODEL_CACHE_DIR"), ROOT / ".cache" / "models"):
        if candidate and Path(candidate).is_dir():
            return str(candidate)
    return None


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options (`--drive` is the load generator's own, internal)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, help="a real index folder (copied): adds the real-model column")
    parser.add_argument("--encode-ms", type=float, default=50.0, help="fake encoder: ms per query encode")
    parser.add_argument("--query-workers", type=int, default=2, help="QA_QUERY_WORKERS")
    parser.add_argument("--queue", type=int, default=2, help="QA_QUERY_QUEUE")
    parser.add_argument("--server-workers", type=int, default=1, help="server worker processes (qa serve --workers)")
    parser.add_argument("--factor", type=int, default=4, help="clients per unit of capacity")
    parser.add_argument("--seconds", type=float, default=10.0, help="load time per column")
    parser.add_argument("--requests", type=int, default=100_000, help="at most this many /ask per column")
    parser.add_argument("--probe-ms", type=float, default=10.0, help="pause between /healthz probes")
    parser.add_argument("--warmup", type=int, default=5, help="sequential /ask before the load")
    parser.add_argument("--settle", type=float, default=2.0, help="seconds after the load before memory is read")
    parser.add_argument("--port", type=int, default=8112)
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for the server (repeatable)")
    parser.add_argument("--drive", help=argparse.SUPPRESS)
    parser.add_argument("--clients", type=int, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Run the columns and print them side by side."""
    args = parse_args(argv)
    if args.drive:
        drive_main(args)
        return
    common = {
        "QA_QUERY_WORKERS": str(args.query_workers),
        "QA_QUERY_QUEUE": str(args.queue),
        "QA_RETRY_AFTER_SECONDS": "1",
        "QA_RATE_LIMIT_ASK": UNLIMITED,
        "QA_RELOAD_POLL_SECONDS": "0",
        "QA_LOG_LEVEL": "INFO",
        "PYTHONPATH": str(ROOT),
    }
    common.update(dict(item.split("=", 1) for item in args.env))
    capacity = args.server_workers * (args.query_workers + args.queue)
    results: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory(prefix="qa-capacity-") as tmp:
        scratch = Path(tmp)
        cases = [
            Case(
                f"fake encoder {args.encode_ms:g} ms",
                {
                    **common,
                    "QA_INDEX_DIR": str(fake_index(scratch)),
                    "QA_FEEDBACK_DB": str(scratch / "feedback-fake.sqlite3"),
                    "QA_TEST_ENCODE_SECONDS": str(args.encode_ms / 1000),
                },
                Path(__file__).resolve().parent / "serve_fake.py",
                capacity,
            )
        ]
        if args.index:
            copy = scratch / "real-index"
            shutil.copytree(args.index, copy)
            env = {**common, "QA_INDEX_DIR": str(copy), "QA_FEEDBACK_DB": str(scratch / "feedback-real.sqlite3")}
            cache = model_cache_dir()
            if cache:
                env["QA_MODEL_CACHE_DIR"] = cache
            cases.append(Case("real model", env, None, capacity))
        for case in cases:
            results[case.label] = rows(run_case(case, args, scratch))
    load = os.getloadavg()[0]
    print(
        f"## Load at {args.factor}x capacity ({args.query_workers} query workers + {args.queue} queued in each of "
        f"{args.server_workers} server process(es); load from another process; {args.seconds:g} s per column; "
        f"load average {load:.1f} on {os.cpu_count()} cores)"
    )
    labels = list(results)
    width = max(len(k) for k in next(iter(results.values())))
    columns = [max(len(label), *(len(r) for r in results[label].values())) for label in labels]
    print(" " * width + "  " + "  ".join(label.rjust(w) for label, w in zip(labels, columns, strict=True)))
    for key in next(iter(results.values())):
        cells = "  ".join(results[label][key].rjust(w) for label, w in zip(labels, columns, strict=True))
        print(f"{key.ljust(width)}  {cells}")


if __name__ == "__main__":
    main()
