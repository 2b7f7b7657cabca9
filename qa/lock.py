"""One writer per index folder: an OS file lock (filelock, fcntl on Linux) on `index/.lock`.

The lock is released by the kernel when its process dies, so a killed build never leaves
the folder locked. Builds, `qa index use` and `qa index prune` all take it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from qa.index_errors import IndexBusyError

log = logging.getLogger(__name__)

LOCK_NAME = ".lock"
OWNER_NAME = ".lock-owner"


@contextmanager
def writer_lock(index_root: Path, timeout: float = 0.0, purpose: str = "build") -> Iterator[None]:
    """Hold the index writer lock for the `with` block.

    `timeout` is in seconds: 0 tries once, a positive value waits that long, a negative one
    waits for ever. Raises IndexBusyError (naming the holder's pid, purpose and start time)
    when the lock is not obtained.
    """
    index_root.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(index_root / LOCK_NAME), timeout=timeout)
    owner = index_root / OWNER_NAME
    try:
        lock.acquire()
    except Timeout:
        try:
            holder = owner.read_text(encoding="utf-8").strip() or "another process"
        except OSError:
            holder = "another process"
        raise IndexBusyError(
            f"{index_root} is locked by {holder}: wait for it to finish and run the command again, "
            "or set QA_INDEX_LOCK_TIMEOUT (seconds) to wait for it"
        ) from None
    try:
        owner.write_text(f"{purpose} (pid {os.getpid()}, since {datetime.now(UTC).isoformat(timespec='seconds')})\n")
        yield
    finally:
        lock.release()
