"""Errors of the index lifecycle; every message says what to run next."""

from __future__ import annotations

import errno
import os
import pwd
from pathlib import Path


class IndexLoadError(Exception):
    """Base class of index problems met while loading; the message says what to do."""


class IndexNotFoundError(IndexLoadError):
    """There is no live index to load, or the pointer names a missing version."""


class IndexMismatchError(IndexLoadError):
    """The index was built with another format or model than this program runs."""


class IndexCorruptError(IndexLoadError):
    """A file of the index is missing, truncated or altered; `path` names it."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path


class IndexUnreadableError(IndexLoadError):
    """This user may not read a file of the index (`path`): intact, but built by another
    user whose umask kept it private. The message names the user and what to run."""

    def __init__(self, path: Path, index_root: Path) -> None:
        user = _user_name(os.geteuid())
        super().__init__(
            f"{path} may not be read by this user ({user}): give it read access to the index "
            f"(chmod -R a+rX {index_root}), or run this command as the user who built it"
        )
        self.path = path


class IndexBusyError(RuntimeError):
    """Another process holds the index writer lock (a build, `qa index use` or `prune`)."""


class VersionNotFoundError(ValueError):
    """`qa index use` or `prune` named a version that is not in the index folder."""


class GateError(RuntimeError):
    """The new index evaluates worse than the live one beyond the tolerance; not promoted."""

    def __init__(self, message: str, drops: list[tuple[str, str, float, float]]) -> None:
        super().__init__(message)
        self.drops = drops


class UnreadDocumentsError(GateError):
    """Documents the live index serves could not be read this time (a file still there but
    unreadable); building without them would remove them from the live index, so the build
    is not promoted unless forced. `documents` holds (document id, reason) pairs."""

    def __init__(self, message: str, documents: list[tuple[str, str]]) -> None:
        super().__init__(message, [])
        self.documents = documents


class IndexPermissionError(PermissionError):
    """This user may not write `path` in the index folder `index_root` (the folder itself,
    or a file or folder in it that another user made), or, when `index_root` does not exist
    yet, the nearest existing folder above it. The message names this user, the owner of
    what could not be written (of the nearest folder above it that exists, when it does
    not), the folder `folder` it is in when that is what another user made (the embedding
    cache), and what to run. errno is EACCES."""

    def __init__(self, path: Path, index_root: Path, folder: Path | None = None) -> None:
        user = _user_name(os.geteuid())
        existing = _nearest_existing(path)
        owner = _owner_name(existing)
        if not index_root.exists():
            message = (
                f"this user ({user}) may not write {existing}, the nearest existing folder above QA_INDEX_DIR "
                f"{index_root} (which does not exist yet; {existing} belongs to {owner}): run the command as {owner}, "
                f"give {user} write access to {existing}, or create QA_INDEX_DIR as {owner} and give it to {user} "
                f"(mkdir -p {index_root} && chown {user} {index_root})"
            )
        else:
            if folder is not None:
                whose = f"the embedding cache {folder} of QA_INDEX_DIR {index_root} belongs to {owner}"
            elif existing == index_root:
                whose = f"QA_INDEX_DIR {index_root} belongs to {owner}"
            else:
                whose = f"it belongs to {owner}, in QA_INDEX_DIR {index_root}"
            message = (
                f"this user ({user}) may not write {path} ({whose}): run the command as {owner}, or give {user} "
                f"write access to the folder (chown -R {user} {folder or index_root})"
            )
        super().__init__(message)
        self.errno = errno.EACCES
        self.path = path


def _user_name(uid: int) -> str:
    """The login name of `uid`, or "uid N" when it has none."""
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def _nearest_existing(path: Path) -> Path:
    """`path` when it exists (or cannot be looked at), else the nearest folder above it that does."""
    for candidate in (path, *path.parents):
        try:
            candidate.lstat()
        except FileNotFoundError:
            continue
        except OSError:
            return candidate
        return candidate
    return path


def _owner_name(path: Path) -> str:
    """The login name of the owner of `path` (of the nearest folder above it that exists,
    `_nearest_existing`), or "another user" when it cannot be looked at."""
    try:
        return _user_name(_nearest_existing(path).stat().st_uid)
    except OSError:
        return "another user"


def not_a_folder(index_root: Path) -> str | None:
    """Why `index_root` (QA_INDEX_DIR) cannot be the index folder, with what to give instead:
    it, or a folder above it, is a file. None when it is a folder or can be made one."""
    for path in (index_root, *index_root.parents):
        if path.exists() or path.is_symlink():
            if path.is_dir():
                return None
            return (
                f"QA_INDEX_DIR {index_root} cannot be the index folder: {path} is a file: "
                f"give a folder (QA_INDEX_DIR or --index), e.g. {path.parent / 'index'}"
            )
    return None


class NoSpaceError(OSError):
    """The disk of the index folder filled up while a build wrote `path`; the message says
    to free space in QA_INDEX_DIR and build again. errno is ENOSPC."""

    def __init__(self, path: Path, index_root: Path) -> None:
        super().__init__(
            f"no space left on device writing {path}: free space in QA_INDEX_DIR ({index_root}) "
            "and run `qa build` again"
        )
        self.errno = errno.ENOSPC
        self.path = path
