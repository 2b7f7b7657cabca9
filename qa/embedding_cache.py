"""Passage embeddings cached by (model identity and kind of vectors, sha256 of the embedded
text), as plain files.

Layout under the index root (<vectors> is "fp32" for the onnx and torch encoders, whose
vectors are the same, and "int8" for onnx-int8: `qa.embedder.encoder_identity`):

    embeddings/<model fingerprint>-<vectors>/seg-<uuid>.npy    float32 rows (NumPy, no pickle)
    embeddings/<model fingerprint>-<vectors>/seg-<uuid>.json   {"keys": [sha256 hex, ...], "npy_sha256": ...}

A build adds the vectors it had to compute as it goes, one segment per
CHECKPOINT_PASSAGES passages (a killed build keeps the segments it finished); the `.json` is
written last (after an fsync of the `.npy`), so a segment without one is an interrupted
write and is ignored. A segment whose `.npy` does not match its recorded sha256 is ignored
with a warning (its passages are embedded again). Writes happen under the index writer lock.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import uuid
from pathlib import Path

import numpy as np

from qa.disk_full import disk_full_reported
from qa.embedder import Embedder, batch_progress
from qa.index_errors import IndexPermissionError
from qa.manifest import EmbeddingStats, file_sha256

log = logging.getLogger(__name__)

CACHE_FOLDER = "embeddings"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# Above this many segments, `compact` rewrites the cache as one segment.
MAX_SEGMENTS = 8
# Passages embedded between two segments written (`embed_with_cache`): about 30 s of
# multilingual-e5-small on 2 cores (fp32), so a killed build loses at most that.
CHECKPOINT_PASSAGES = 2000


def text_key(text: str) -> str:
    """The cache key of an embedded text: sha256 (hex) of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fsync_dir(folder: Path) -> None:
    """fsync a directory, so that renames and new entries in it survive a power cut."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def save_npy_durably(path: Path, array: np.ndarray) -> None:
    """np.save (no pickle) and fsync the file."""
    with path.open("wb") as handle:
        np.save(handle, array, allow_pickle=False)
        handle.flush()
        os.fsync(handle.fileno())


class EmbeddingCache:
    """The cached vectors of one model under `index_root/embeddings/`."""

    def __init__(self, index_root: Path, model_identity: dict[str, object], dimension: int) -> None:
        """Nothing is read until `load()`. `dimension` is the model's vector length. The
        cache's folder is named by the model's fingerprint and the kind of its vectors
        (`vectors` of the identity, "fp32" or "int8": `qa.embedder.encoder_identity`), so
        encoders that give other vectors never share one."""
        fingerprint = str(model_identity.get("fingerprint") or model_identity.get("name") or "unknown")
        vectors = model_identity.get("vectors")
        # Before vectors were told apart, every encoder's went into the folder named by the
        # fingerprint alone (fp32 and int8 mixed): `compact` removes it.
        unkeyed = index_root / CACHE_FOLDER / _UNSAFE.sub("_", fingerprint)
        self.folder = unkeyed.with_name(_UNSAFE.sub("_", f"{fingerprint}-{vectors}")) if vectors else unkeyed
        self._unkeyed = unkeyed if vectors else None
        self.index_root = index_root
        self.dimension = dimension
        self._rows: dict[str, tuple[int, int]] = {}
        self._segments: list[np.ndarray] = []

    def load(self) -> EmbeddingCache:
        """Index every intact segment (memory-mapped); damaged ones are skipped with a warning."""
        self._rows.clear()
        self._segments.clear()
        if not self.folder.is_dir():
            return self
        for meta_path in sorted(self.folder.glob("seg-*.json")):
            npy = meta_path.with_suffix(".npy")
            try:
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
                if file_sha256(npy) != meta["npy_sha256"]:
                    raise ValueError("its vectors do not match their checksum")
                vectors = np.load(npy, mmap_mode="r", allow_pickle=False)
                keys = meta["keys"]
                if vectors.shape != (len(keys), self.dimension):
                    raise ValueError(f"shape {vectors.shape} does not match {len(keys)} keys")
            except (OSError, ValueError, KeyError, TypeError) as exc:
                log.warning("embedding cache segment %s ignored (%s); its passages will be embedded again", npy, exc)
                continue
            segment = len(self._segments)
            self._segments.append(vectors)
            for row, key in enumerate(keys):
                self._rows[key] = (segment, row)
        return self

    def check_writable(self) -> None:
        """Raise IndexPermissionError, naming the folder's owner and the chown to run, when
        this user may not add vectors to the cache: its folder for this model, or when that
        does not exist yet, `embeddings/` above it, is another user's (made by a build run
        as root, say). Call when the writer lock is taken, before any work: a build would
        otherwise embed 2,000 passages (`CHECKPOINT_PASSAGES`) and then fail on a bare errno.
        A cache folder that does not exist yet is made in the index folder, which the lock
        has checked."""
        for folder in (self.folder, self.folder.parent):
            try:
                if not folder.is_dir():
                    continue
            except PermissionError:  # the folder above it may not be looked into: checked next
                continue
            if not os.access(folder, os.W_OK | os.X_OK):
                raise IndexPermissionError(folder, self.index_root, self.folder.parent)
            return

    def __len__(self) -> int:
        """Number of cached vectors."""
        return len(self._rows)

    def get(self, key: str) -> np.ndarray | None:
        """The cached vector for a key, or None."""
        where = self._rows.get(key)
        if where is None:
            return None
        return np.asarray(self._segments[where[0]][where[1]], dtype=np.float32)

    def add(self, keys: list[str], vectors: np.ndarray) -> str:
        """Write one new segment (fsynced, `.json` last), make its vectors available and
        return its name. Raises NoSpaceError naming the file when the disk fills up (the
        partial segment is removed)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"seg-{uuid.uuid4().hex}"
        npy = self.folder / f"{name}.npy"
        tmp = self.folder / f".{name}.json.tmp"
        # A segment without its .json is never read: on an error both go at once.
        with disk_full_reported(self.index_root, partial=(npy, tmp)) as writing:
            save_npy_durably(writing(npy), np.ascontiguousarray(vectors, dtype=np.float32))
            writing(tmp).write_text(json.dumps({"keys": keys, "npy_sha256": file_sha256(npy)}), encoding="utf-8")
            with tmp.open("rb") as handle:
                os.fsync(handle.fileno())
        os.replace(tmp, self.folder / f"{name}.json")
        fsync_dir(self.folder)
        segment = len(self._segments)
        self._segments.append(np.load(npy, mmap_mode="r", allow_pickle=False))
        for row, key in enumerate(keys):
            self._rows[key] = (segment, row)
        return name

    def compact(self, keep: set[str]) -> None:
        """When there are more than MAX_SEGMENTS segments, rewrite the cache as one segment
        holding only `keep` (the keys of the last build); also remove interrupted writes.
        Call under the writer lock. Also removes the folder an older program wrote this
        model's vectors into without telling encoders apart."""
        if self._unkeyed is not None and self._unkeyed.is_dir():
            log.info("removing %s: embeddings of unrecorded encoders (fp32 and int8 mixed)", self._unkeyed)
            shutil.rmtree(self._unkeyed, ignore_errors=True)
        if not self.folder.is_dir():
            return
        for leftover in self.folder.glob(".seg-*.tmp"):
            leftover.unlink(missing_ok=True)
        for npy in self.folder.glob("seg-*.npy"):
            if not npy.with_suffix(".json").exists():
                npy.unlink(missing_ok=True)
        old = sorted(self.folder.glob("seg-*.json"))
        if len(old) <= MAX_SEGMENTS:
            return
        keys = sorted(k for k in keep if k in self._rows)
        vectors = (
            np.stack([self._segments[self._rows[k][0]][self._rows[k][1]] for k in keys])
            if keys
            else np.zeros((0, self.dimension), np.float32)
        )
        self.add(keys, vectors)
        for meta_path in old:
            meta_path.unlink(missing_ok=True)
            meta_path.with_suffix(".npy").unlink(missing_ok=True)
        fsync_dir(self.folder)
        self.load()


def embed_with_cache(
    embedder: Embedder,
    cache: EmbeddingCache,
    texts: list[str],
    show_progress: bool = False,
) -> tuple[np.ndarray, EmbeddingStats]:
    """Vectors for `texts` (one row each), embedding only texts the cache does not hold
    (each distinct text once) and adding those to the cache as they are done: one new
    segment per CHECKPOINT_PASSAGES passages, so a build killed
    while embedding leaves the segments it finished and its rerun embeds only the rest.
    With `show_progress`, a tqdm bar of the passages to embed moves after each batch the
    embedder finishes (its ``on_batch``).
    Raises what the embedder raises (the segments written before stay)."""
    keys = [text_key(t) for t in texts]
    missing: dict[str, str] = {}
    for key, text in zip(keys, texts, strict=True):
        if cache.get(key) is None and key not in missing:
            missing[key] = text
    stats = EmbeddingStats(passages=len(texts), embedded=len(missing), cached=sum(1 for k in keys if k not in missing))
    if missing:
        log.info(
            "embedding %d new passages of %d (%d from the cache, %d repeating a passage of this batch)",
            stats.embedded,
            stats.passages,
            stats.cached,
            stats.repeated,
        )
        todo = list(missing.items())
        with batch_progress(len(todo), show_progress, None) as done:
            for start in range(0, len(todo), CHECKPOINT_PASSAGES):
                piece = todo[start : start + CHECKPOINT_PASSAGES]
                # The bar moves with each batch the embedder finishes, not with each segment
                # (a checkpoint is about 30 s of embedding: a bar at 0% looks hung).
                fresh = embedder.encode_passages([text for _, text in piece], on_batch=done)
                cache.add([key for key, _ in piece], fresh)
    else:
        log.info("all %d passages from the embedding cache", len(texts))
    rows = [cache.get(k) for k in keys]
    vectors = np.stack(rows) if rows else np.zeros((0, cache.dimension), np.float32)  # type: ignore[arg-type]
    return np.ascontiguousarray(vectors, dtype=np.float32), stats
