"""uvicorn's worker supervisor for ``qa serve --workers N``, with a worker that dies noticed
at once and SIGINT/SIGTERM heeded while the parent awaits a worker's answer.

Written against uvicorn 0.55.0 (``uvicorn/supervisors/multiprocess.py``, the several-workers
branch of ``uvicorn.main.run``, and ``uvicorn/_subprocess.py``, which sends the worker object
to its process); ``tests/test_worker_supervisor.py`` fails when any of them changes, so that
these overrides are read again against the new code.

Why: uvicorn's parent pings each worker every half second over a pipe and waits for its
answer up to ``timeout_worker_healthcheck`` seconds (``Process._healthcheck``:
``parent_conn.poll(timeout)``). The same number bounds how long a new worker has to become
ready (``restart_all`` -> ``wait_until_ready``), so ``qa serve`` sets it to
QA_WORKER_START_SECONDS (120 s): loading the model takes 10-60 s. But a worker that dies
while the parent waits for its answer does not end that wait: the parent keeps both ends of
the pipe open, so no end-of-file arrives, and the parent sits in ``poll`` for the whole
timeout. Meanwhile the dead worker is not replaced, and signals only queue up (uvicorn's
handlers append to a list that the loop reads between rounds): half the capacity gone and a
SIGTERM answered after two minutes.

Here the parent waits on the pipe and on the worker's process sentinel (ready when the
process ends) together, in slices of :data:`WAIT_SLICE_SECONDS`, and stops waiting once
SIGINT or SIGTERM has arrived (a restart on SIGHUP that awaits a new worker gives up too).
The long timeout is left to what it is for: a worker that is alive but silent, and a worker
that is starting.
"""

from __future__ import annotations

import logging
import pickle
import signal
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import wait
from socket import socket
from typing import Any

import uvicorn
from uvicorn.config import STARTUP_FAILURE, Config
from uvicorn.supervisors.multiprocess import Multiprocess, Process

logger = logging.getLogger("uvicorn.error")

# Signals after which the parent stops (uvicorn's handle_int, handle_term, handle_break).
EXIT_SIGNALS = frozenset(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGBREAK") if hasattr(signal, name))

# Longest stretch (seconds) the parent waits for a worker without looking for an exit signal.
WAIT_SLICE_SECONDS = 0.25


def _no_exit() -> bool:
    """The exit predicate a worker carries into its own process, where nothing asks it."""
    return False


class Worker(Process):
    """One worker process whose health checks end when its process ends or the parent is asked
    to exit. ``exit_requested`` is the parent's predicate (no arguments, True once it should stop)."""

    def __init__(self, config: Config, sockets: list[socket], exit_requested: Callable[[], bool]) -> None:
        super().__init__(config, sockets)
        self._exit_requested = exit_requested

    def __getstate__(self) -> dict[str, Any]:
        """The worker object goes to the spawned process (its target is a bound method); the
        parent's predicate, which holds the supervisor and its locks, stays behind."""
        state = self.__dict__.copy()
        state["_exit_requested"] = _no_exit
        return state

    def _healthcheck(self, timeout: float) -> bool | None:
        """Pings the worker and waits up to ``timeout`` seconds for its answer: True once its
        server has started, False while it starts, or when the parent is asked to exit first
        (the shutdown then ends the worker); None when its process has ended or it stays silent."""
        try:
            while self.parent_conn.poll():  # a late answer to a ping given up on
                self.parent_conn.recv()
            self.parent_conn.send(b"ping")
            deadline = time.monotonic() + timeout
            while (left := deadline - time.monotonic()) > 0:
                ready = wait([self.parent_conn, self.process.sentinel], timeout=min(left, WAIT_SLICE_SECONDS))
                if self.parent_conn in ready:
                    return bool(self.parent_conn.recv())
                if ready:
                    return None  # the process ended
                if self._exit_requested():
                    return False
            return None
        except (OSError, EOFError, pickle.UnpicklingError):
            return None

    def wait_until_ready(self, timeout: float, should_exit: threading.Event | None = None) -> bool:
        """True once the worker's server has started within ``timeout`` seconds; False when its
        process ends, it stays silent, the time is up, or the parent is asked to exit."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            if self._exit_requested() or (should_exit is not None and should_exit.is_set()):
                return False
            started = self._healthcheck(left)
            if started:
                return True
            if started is None:
                return False
            time.sleep(0.1)
        return False


class WorkerSupervisor(Multiprocess):
    """uvicorn's ``Multiprocess`` over :class:`Worker` processes: every place uvicorn starts a
    worker starts one of these, and a queued SIGINT/SIGTERM counts as a request to exit."""

    def exit_requested(self) -> bool:
        """True once the parent should stop: its exit flag is set, or an exit signal waits in
        the queue its loop reads between rounds."""
        return self.should_exit.is_set() or any(sig in EXIT_SIGNALS for sig in self.signal_queue)

    def start_worker(self) -> Worker:
        """A new worker process, started (not yet ready)."""
        worker = Worker(self.config, self.sockets, self.exit_requested)
        worker.start()
        return worker

    def init_processes(self) -> None:
        self.processes.extend(self.start_worker() for _ in range(self.processes_num))

    def keep_subprocess_alive(self) -> None:
        """Replaces each worker whose process ended or that stayed silent for
        ``timeout_worker_healthcheck`` seconds; stops the parent if a worker failed to start."""
        for idx, process in enumerate(self.processes):
            if self.exit_requested():
                return
            if process.is_alive(timeout=self.config.timeout_worker_healthcheck):
                continue
            # Alive, but silent for the whole timeout; the sentinel, not `exitcode`, says a
            # process ended: it is ready as the process exits, a moment before it can be reaped.
            hung = not wait([process.process.sentinel], timeout=0)
            process.kill()
            process.join()
            if process.exitcode == STARTUP_FAILURE:
                # As uvicorn: the app, TLS or socket bind is broken and would fail again.
                logger.error(f"Child process [{process.pid}] failed to start, stopping the parent process.")
                self.should_exit.set()
                return
            if self.exit_requested():
                return
            if hung:
                logger.warning(
                    f"Child process [{process.pid}] did not answer within "
                    f"{self.config.timeout_worker_healthcheck} s: killed, starting another"
                )
            else:
                logger.info(f"Child process [{process.pid}] died (exit code {process.exitcode}); starting another")
            self.processes[idx] = self.start_worker()

    def restart_all(self) -> None:
        """Replaces each worker, bringing its replacement into service before retiring the old one."""
        for idx, old_process in enumerate(self.processes):
            if self.exit_requested():
                return
            new_process = self.start_worker()
            if not new_process.wait_until_ready(self.config.timeout_worker_healthcheck, self.should_exit):
                new_process.kill()
                new_process.join()
                if not self.exit_requested():
                    logger.error(
                        f"New child process [{new_process.pid}] was not ready in time; "
                        f"keeping worker [{old_process.pid}] and aborting the restart."
                    )
                return
            old_process.terminate()
            old_process.join()
            self.processes[idx] = new_process

    def handle_ttin(self) -> None:
        logger.info("Received SIGTTIN, increasing the number of processes.")
        self.processes_num += 1
        self.processes.append(self.start_worker())


def serve(app: str, **options: Any) -> None:
    """``uvicorn.run(app, **options)`` (same keywords), with :class:`WorkerSupervisor` in
    charge when ``options["workers"]`` is above 1. Raises what uvicorn raises (an OSError
    when the address cannot be bound)."""
    if (options.get("workers") or 1) <= 1:
        uvicorn.run(app, **options)
        return
    config = Config(app, **options)
    sock = config.bind_socket()
    try:
        WorkerSupervisor(config, sockets=[sock]).run()
    except KeyboardInterrupt:  # as uvicorn.run
        pass
    finally:
        sock.close()
