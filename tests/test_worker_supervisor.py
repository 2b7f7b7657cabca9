"""`qa serve --workers N`'s supervisor (api.supervisor): a worker killed while the parent
awaits its health answer is replaced within seconds, and SIGTERM then ends the server
within seconds, though a worker may take QA_WORKER_START_SECONDS (120 s) to start.

The crash tests serve the fake-encoder app through bench/serve_fake.py, which runs
api.supervisor.serve with `qa serve`'s uvicorn options, in real processes. With uvicorn's own
supervisor both took the whole 120 s: the parent sat in poll() on the dead worker's pipe.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT

# Far below uvicorn's wait of QA_WORKER_START_SECONDS (120 s), far above what it takes
# here (about 1 s for the fake app), so that a slow shared machine does not fail them.
BOUND_SECONDS = 20.0

# Sources api.supervisor was written against (uvicorn 0.55.0): its overrides copy and
# change parts of them and rely on their attributes (Process.parent_conn, .process,
# Multiprocess.signal_queue, should_exit, processes, processes_num, sockets).
UVICORN_SOURCES = {
    "uvicorn.supervisors.multiprocess": "53541976227fec0b9ace2c7a5ce8f592ed0d8ff37f3c93c2a18baae9236365c2",
    "uvicorn._subprocess": "7d0e094da8ee5dacba99573c2903467d7bba247a1a6f8e9a4ba93220c58930f9",
    "uvicorn.main:run": "68c3e6c9039f072f935d14d75e679b2f46b666e08c069dc59c1090b22749a548",
}


def _source_hash(name: str) -> str:
    module, _, attribute = name.partition(":")
    target = importlib.import_module(module)
    source = inspect.getsource(getattr(target, attribute) if attribute else target)
    return hashlib.sha256(source.encode()).hexdigest()


def test_uvicorn_is_the_version_the_supervisor_was_written_against() -> None:
    import uvicorn

    changed = [name for name, digest in UVICORN_SOURCES.items() if _source_hash(name) != digest]
    assert changed == [], (
        f"uvicorn {uvicorn.__version__} changed {changed}: read api/supervisor.py's overrides against "
        "the new code, run the crash tests in this file, then record the new hashes here"
    )


def _running(pid: int) -> bool:
    """Whether process ``pid`` exists and has not ended (a zombie has)."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _worker_pids(parent: int) -> set[int]:
    """The parent's spawned workers (not multiprocessing's resource tracker), from /proc."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue  # ended meanwhile
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == parent and fields[0] != "Z" and b"spawn_main" in command:
            found.add(int(entry.name))
    return found


def _until(what: str, check: object, seconds: float = BOUND_SECONDS) -> float:
    """Polls ``check()`` (every 50 ms) until it is truthy; the seconds that took.
    Fails the test naming ``what`` after ``seconds``."""
    assert callable(check)
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > seconds:
            pytest.fail(f"{what}: not within {seconds:g} s")
        time.sleep(0.05)
    return time.monotonic() - started


def _ready(base: str) -> bool:
    try:
        return httpx.get(base + "/readyz", timeout=2).status_code == 200
    except httpx.TransportError:
        return False


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def two_workers(fake_index_root: Path, tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes], Path]]:
    """bench/serve_fake.py --workers 2 (QA_WORKER_START_SECONDS at its default, 120 s): yields
    its base URL, the parent's process and its log file once both workers are ready (workers
    started once ``tmp_path / "slow-start"`` exists take 60 s); kills the parent and every
    worker it was seen with at the end."""
    port = _free_port()
    log = tmp_path / "serve.log"
    env = {
        **os.environ,
        "QA_INDEX_DIR": str(fake_index_root),
        "QA_FEEDBACK_DB": str(tmp_path / "feedback.sqlite3"),
        "QA_RELOAD_POLL_SECONDS": "0",
        "QA_LOG_JSON": "false",
        "QA_TEST_SLOW_START_FILE": str(tmp_path / "slow-start"),
    }
    env.pop("QA_WORKER_START_SECONDS", None)
    command = [sys.executable, str(ROOT / "bench" / "serve_fake.py"), "--port", str(port), "--workers", "2"]
    seen: set[int] = set()
    with log.open("wb") as output:
        parent = subprocess.Popen(command, env=env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _until("the server ready with 2 workers", lambda: len(_worker_pids(parent.pid)) == 2 and _ready(base), 60)
        seen |= _worker_pids(parent.pid)
        yield base, parent, log
    finally:
        for pid in (parent.pid, *seen, *_worker_pids(parent.pid)):
            try:
                os.kill(pid, signal.SIGCONT)
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        parent.wait(timeout=BOUND_SECONDS)


def _kill_one_while_awaited(parent: int) -> tuple[int, int]:
    """SIGKILLs one of the parent's two workers while the parent awaits its health answer
    (stopped, it cannot answer the ping the parent sends within half a second, so the parent
    is then waiting on it); returns the killed worker's pid and the other's."""
    killed, survivor = sorted(_worker_pids(parent))
    os.kill(killed, signal.SIGSTOP)
    time.sleep(1.5)
    os.kill(killed, signal.SIGKILL)
    return killed, survivor


@pytest.mark.crash
def test_a_worker_killed_while_the_parent_awaits_it_is_replaced_by_one_that_serves_within_seconds(
    fake_index_root: Path, tmp_path: Path
) -> None:
    with two_workers(fake_index_root, tmp_path) as (base, parent, log):
        killed, survivor = _kill_one_while_awaited(parent.pid)
        replaced = _until("a replacement worker", lambda: len(_worker_pids(parent.pid) - {killed, survivor}) == 1)
        (replacement,) = _worker_pids(parent.pid) - {killed, survivor}
        # With the survivor stopped, only the replacement can accept and answer.
        os.kill(survivor, signal.SIGSTOP)
        try:
            serving = _until("the replacement answering /readyz", lambda: _ready(base))
        finally:
            os.kill(survivor, signal.SIGCONT)
        print(f"\nreplacement [{replacement}] started after {replaced:.1f} s, serving {serving:.1f} s later")
        # The parent logs the death when it notices it, which may be after the replacement is seen.
        death = f"Child process [{killed}] died (exit code -9); starting another"
        _until("the death in the parent's log", lambda: death in log.read_text())

        parent.send_signal(signal.SIGTERM)
        _until("the parent ending on SIGTERM", lambda: parent.poll() is not None)
        assert parent.returncode == 0
        assert not _running(survivor) and not _running(replacement)


@pytest.mark.crash
def test_sigterm_while_the_parent_awaits_a_killed_worker_ends_the_server_within_seconds(
    fake_index_root: Path, tmp_path: Path
) -> None:
    with two_workers(fake_index_root, tmp_path) as (_, parent, log):
        killed, survivor = _kill_one_while_awaited(parent.pid)
        parent.send_signal(signal.SIGTERM)
        took = _until("the parent ending on SIGTERM", lambda: parent.poll() is not None)
        print(f"\nSIGTERM to exit: {took:.1f} s")
        assert parent.returncode == 0
        assert not _running(survivor)
        text = log.read_text()
        assert "Received SIGTERM, exiting." in text
        assert f"Child process [{killed}] died" not in text  # not replaced on the way out


@pytest.mark.crash
def test_sigterm_while_a_restart_awaits_a_slow_new_worker_ends_the_server_within_seconds(
    fake_index_root: Path, tmp_path: Path
) -> None:
    with two_workers(fake_index_root, tmp_path) as (base, parent, log):
        old = _worker_pids(parent.pid)
        (tmp_path / "slow-start").touch()
        parent.send_signal(signal.SIGHUP)  # restart the workers one by one: the first new one takes 60 s
        _until("a new worker starting", lambda: len(_worker_pids(parent.pid) - old) == 1)
        assert _ready(base)  # the old workers serve meanwhile
        parent.send_signal(signal.SIGTERM)
        took = _until("the parent ending on SIGTERM", lambda: parent.poll() is not None)
        print(f"\nSIGTERM to exit during a restart: {took:.1f} s")
        assert parent.returncode == 0
        assert not any(_running(pid) for pid in old)
        text = log.read_text()
        assert "Received SIGHUP, restarting processes." in text and "Received SIGTERM, exiting." in text
        assert "was not ready in time" not in text  # the restart was given up for the exit, not timed out
