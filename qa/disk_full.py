"""Telling a full disk from other write errors, and reporting it as NoSpaceError naming
the file being written.

A full disk shows up three ways: an OSError with errno ENOSPC (or EDQUOT, a full quota)
from Python's own writes; numpy's short write, an OSError without errno ("658944
requested and 152544 written"); and FAISS's RuntimeError ("write error in <file>:
204755 != 1536000 (No space left on device)").
"""

from __future__ import annotations

import errno
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from qa.index_errors import NoSpaceError

_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
_FULL_MESSAGE = re.compile(r"No space left on device|Disk quota exceeded|\d+ requested and \d+ written")


def is_disk_full(exc: BaseException) -> bool:
    """Whether a write error means the disk (or the user's quota) is full."""
    if isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS:
        return True
    return isinstance(exc, OSError | RuntimeError) and bool(_FULL_MESSAGE.search(str(exc)))


class FileWrites:
    """The file a sequence of writes is at: call it with each path before writing it."""

    def __init__(self) -> None:
        self.current: Path | None = None

    def __call__(self, path: Path) -> Path:
        """Note `path` as the file being written; returns it."""
        self.current = path
        return path


@contextmanager
def disk_full_reported(index_root: Path, partial: Iterable[Path] = ()) -> Iterator[FileWrites]:
    """Run writes under the index root `index_root`; a full-disk error (`is_disk_full`)
    raised inside becomes NoSpaceError naming the file last given to the yielded
    `FileWrites` (other errors pass unchanged). On any error the files in `partial` (what
    the writes leave half done: a temporary file, a segment without its index) are removed
    first, so that they take no space."""
    writes = FileWrites()
    try:
        yield writes
    except BaseException as exc:
        for path in partial:
            path.unlink(missing_ok=True)
        if not isinstance(exc, NoSpaceError) and writes.current is not None and is_disk_full(exc):
            raise NoSpaceError(writes.current, index_root) from exc
        raise
