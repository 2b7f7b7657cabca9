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

from qa.disk_full import disk_full_reported
from qa.index_errors import IndexBusyError, IndexPermissionError, not_a_folder

log = logging.getLogger(__name__)

LOCK_NAME = ".lock"
OWNER_NAME = ".lock-owner"


@contextmanager
def writer_lock(index_root: Path, timeout: float = 0.0, purpose: str = "build") -> Iterator[None]:
    """Hold the index writer lock for the `with` block.

    `timeout` is in seconds: 0 tries once, a positive value waits that long, a negative one
    waits for ever. Raises IndexBusyError (naming the holder's pid, purpose and start time)
    when the lock is not obtained, IndexPermissionError (before any work) when this user
    may not write the folder, its lock file or add a file to it (an index built by
    another user), NoSpaceError when its disk is full, NotADirectoryError (`not_a_folder`)
    when the folder or one above it is a file.
    """
    lock = FileLock(str(index_root / LOCK_NAME), timeout=timeout)
    owner = index_root / OWNER_NAME
    problem = not_a_folder(index_root)
    if problem:
        raise NotADirectoryError(problem)
    try:
        index_root.mkdir(parents=True, exist_ok=True)
        if timeout != 0:
            try:
                lock.acquire(timeout=0)
            except Timeout:
                # A waiting command says once what it waits for, or it looks hung.
                wait = "until it is released" if timeout < 0 else f"up to {timeout:g} s"
                log.warning("%s is locked by %s: waiting %s (QA_INDEX_LOCK_TIMEOUT)", index_root, _holder(owner), wait)
                lock.acquire()
        else:
            lock.acquire()
    except Timeout:
        if timeout > 0:
            waited, longer = f" and was not released within QA_INDEX_LOCK_TIMEOUT ({timeout:g} s)", "a longer "
        else:
            waited, longer = "", ""
        raise IndexBusyError(
            f"{index_root} is locked by {_holder(owner)}{waited}: wait for it to finish and run the command again, "
            f"or set {longer}QA_INDEX_LOCK_TIMEOUT (seconds; -1 waits until it is released) to wait for it"
        ) from None
    except PermissionError as exc:
        raise IndexPermissionError(Path(exc.filename or index_root), index_root) from None
    try:
        try:
            with disk_full_reported(index_root) as writing:
                _write_owner(writing(owner), purpose)
        except PermissionError as exc:
            # The temporary file is ours: what was refused is adding a file to the folder.
            refused = owner if exc.filename == str(owner) else index_root
            raise IndexPermissionError(refused, index_root) from None
        yield
    finally:
        lock.release()


def _holder(owner: Path) -> str:
    """Who holds the lock, as its holder recorded it in `owner`: "build (pid 12, since ...)"."""
    try:
        return owner.read_text(encoding="utf-8").strip() or "another process"
    except OSError:
        return "another process"


def _write_owner(owner: Path, purpose: str) -> None:
    """Record who holds the lock in `owner` by one atomic rename (a second writer reads a
    whole line, never a half-written one). Creating the temporary file also proves, before
    any work, that this user may add files to the index folder. Raises OSError."""
    tmp = owner.with_name(f"{owner.name}-{os.getpid()}.tmp")
    try:
        tmp.write_text(f"{purpose} (pid {os.getpid()}, since {datetime.now(UTC).isoformat(timespec='seconds')})\n")
        os.replace(tmp, owner)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
