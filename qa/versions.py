"""Index versions: list them, make one live (rollback), prune old ones, clear abandoned builds.

Every change here runs under the writer lock (qa.lock), so it never races a build.
"""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from qa.index import (
    BUILDING_PREFIX,
    FORMAT_VERSION,
    check_scoring_version,
    live_version,
    switch_live,
    verify_index,
    version_folders,
)
from qa.index_errors import IndexLoadError, IndexMismatchError, VersionNotFoundError
from qa.lock import writer_lock
from qa.manifest import MetricsTable, read_manifest

log = logging.getLogger(__name__)

_REMOVING_PREFIX = ".removing-"


@dataclass(frozen=True)
class VersionInfo:
    """One version folder as `qa index list` shows it; `problem` is set when its manifest
    cannot be read (the data files are only checked by `verify`), `stale` when it was
    built for another scoring version (intact, but no server of this program loads it)."""

    version: str
    created: str
    documents: int | None
    chunks: int | None
    live: bool
    evaluation: MetricsTable | None
    problem: str | None = None
    stale: str | None = None


def list_versions(index_root: Path) -> list[VersionInfo]:
    """Every version, oldest first, read from the manifests (no data file is hashed)."""
    live = live_version(index_root)
    infos = []
    for folder in version_folders(index_root):
        try:
            manifest = read_manifest(folder, "run `qa index verify` for details")
        except IndexLoadError as exc:
            infos.append(VersionInfo(folder.name, "?", None, None, folder.name == live, None, str(exc)))
            continue
        try:
            check_scoring_version(manifest)
            stale = None
        except IndexMismatchError as exc:
            stale = str(exc)
        infos.append(
            VersionInfo(
                folder.name,
                manifest.built_at,
                manifest.counts.documents,
                manifest.counts.chunks,
                folder.name == live,
                manifest.evaluation,
                stale=stale,
            )
        )
    return infos


def _remove_folder(folder: Path) -> None:
    """Rename out of sight first (one atomic step), then delete: a half-deleted folder is
    never taken for a version."""
    hidden = folder.parent / f"{_REMOVING_PREFIX}{folder.name}-{uuid.uuid4().hex[:8]}"
    os.replace(folder, hidden)
    shutil.rmtree(hidden, ignore_errors=True)


def clear_abandoned(index_root: Path) -> list[str]:
    """Remove folders of builds and removals that died (`.building-*`, `.removing-*`) and
    stale pointer and lock-owner temporaries. Only call under the writer lock: then no live build owns them."""
    removed: list[str] = []
    if not index_root.is_dir():
        return removed
    for path in index_root.iterdir():
        if path.name.startswith((BUILDING_PREFIX, _REMOVING_PREFIX)) and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
        elif path.name.startswith((".LIVE-", ".lock-owner-")) and path.name.endswith(".tmp"):
            path.unlink(missing_ok=True)
            removed.append(path.name)
    if removed:
        log.info("removed %d abandoned build folders: %s", len(removed), ", ".join(sorted(removed)))
    return removed


def prune_versions(index_root: Path, keep: int) -> list[str]:
    """Remove all but the newest `keep` versions, never the live one. Returns the removed
    names. Call under the writer lock. Raises ValueError for keep < 1."""
    if keep < 1:
        raise ValueError("--keep must be at least 1 (the live version is always kept)")
    live = live_version(index_root)
    folders = version_folders(index_root)
    kept = {f.name for f in folders[-keep:]} | ({live} if live else set())
    removed = []
    for folder in folders:
        if folder.name not in kept:
            _remove_folder(folder)
            removed.append(folder.name)
    if removed:
        log.info("pruned %d old index versions: %s", len(removed), ", ".join(removed))
    return removed


def prune(index_root: Path, keep: int, lock_timeout: float = 0.0) -> list[str]:
    """`qa index prune --keep N`: `prune_versions` under the writer lock."""
    with writer_lock(index_root, lock_timeout, purpose="qa index prune"):
        return prune_versions(index_root, keep)


def version_folder(index_root: Path, version: str) -> Path:
    """The folder of `version` in the index root. Raises VersionNotFoundError, listing the
    versions there are, for a name that is not one of them (a typo, a path)."""
    folder = index_root / version
    if not version or "/" in version or not folder.is_dir() or folder not in version_folders(index_root):
        names = ", ".join(f.name for f in version_folders(index_root)) or "none"
        raise VersionNotFoundError(
            f"no index version {version!r} in {index_root}/ (versions: {names}): see `qa index list`"
        )
    return folder


def use_version(index_root: Path, version: str, lock_timeout: float = 0.0) -> None:
    """Make `version` live in one atomic step, after verifying every file of it.

    Raises VersionNotFoundError (listing what exists), IndexCorruptError (naming the
    damaged file), IndexMismatchError (another format or scoring version) or IndexBusyError.
    """
    folder = version_folder(index_root, version)
    with writer_lock(index_root, lock_timeout, purpose=f"qa index use {version}"):
        manifest = verify_index(folder)
        if manifest.format_version != FORMAT_VERSION:
            raise IndexMismatchError(
                f"version {version} has index format {manifest.format_version}, this program reads "
                f"{FORMAT_VERSION}: run `qa build` instead"
            )
        check_scoring_version(manifest)
        switch_live(index_root, version)
    log.info("index %s is live", version)
