"""The typed manifest of an index folder: what was built, from what, and every file's checksum.

The manifest is written last into a build folder and sealed with a sha256 over its own
canonical JSON (`manifest_sha256`), so a flipped bit anywhere in it is detected as surely
as one in a data file.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from qa.index_errors import IndexCorruptError, IndexUnreadableError

MANIFEST_NAME = "manifest.json"
_CHUNK_BYTES = 1 << 20

ScalarValue = str | int | float | bool | None
MetricsTable = dict[str, dict[str, float | int | None]]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FileEntry(_Frozen):
    """One data file: its path relative to the index folder, its size in bytes and sha256 (hex)."""

    path: str
    size: int = Field(ge=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class Counts(_Frozen):
    """How many documents, chunks and sentences the index holds; checked against the data at load."""

    documents: int = Field(ge=0)
    chunks: int = Field(ge=0)
    sentences: int = Field(ge=0)


class Changes(_Frozen):
    """Documents added, changed (other text, metadata or blocks: a unit's kind, heading level
    or page) and removed against `previous`, the version that was live when the build
    started (None for a first build)."""

    previous: str | None = None
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


class EmbeddingStats(_Frozen):
    """Passages the build needed vectors for, how many it embedded and how many came from the cache."""

    passages: int = Field(ge=0)
    embedded: int = Field(ge=0)
    cached: int = Field(ge=0)

    @property
    def repeated(self) -> int:
        """Passages whose text an earlier passage of the same batch already had: embedded
        once with it, so neither new nor from the cache."""
        return self.passages - self.embedded - self.cached


class Manifest(_Frozen):
    """Everything recorded about one index version. A draft (from `prepare_index`) has no
    `build_id`, `files` or seal; `write_index` fills them."""

    format_version: int
    model: dict[str, ScalarValue]
    dimension: int = Field(gt=0)
    tokeniser: dict[str, ScalarValue]
    chunking: dict[str, ScalarValue]
    counts: Counts
    corpus_sha256: str
    document_sha256: dict[str, str] = Field(default_factory=dict)
    build_id: str = ""
    built_at: str = ""
    files: tuple[FileEntry, ...] = ()
    evaluation: MetricsTable | None = None
    evaluation_set: str | None = None
    evaluation_set_sha256: str | None = None
    changes: Changes | None = None
    embedding: EmbeddingStats | None = None
    calibrated: bool = False
    scoring: dict[str, str] = Field(default_factory=dict)
    vector_index: dict[str, ScalarValue] = Field(default_factory=dict)
    manifest_sha256: str = ""

    def content_sha256(self) -> str:
        """sha256 of the canonical JSON (sorted keys) of every field but the seal."""
        body = self.model_dump(mode="json", exclude={"manifest_sha256"})
        return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    def sealed(self) -> Manifest:
        """A copy carrying its own checksum."""
        return self.model_copy(update={"manifest_sha256": self.content_sha256()})

    def to_json(self) -> str:
        """The manifest as written to disk (indented, UTF-8 text)."""
        return self.model_dump_json(indent=2) + "\n"


def file_sha256(path: Path) -> str:
    """sha256 (hex) of a file's bytes, read in 1 MiB pieces."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while piece := handle.read(_CHUNK_BYTES):
            digest.update(piece)
    return digest.hexdigest()


def file_entry(folder: Path, path: Path) -> FileEntry:
    """The manifest entry of one file of `folder`."""
    return FileEntry(path=path.relative_to(folder).as_posix(), size=path.stat().st_size, sha256=file_sha256(path))


def read_manifest(folder: Path, remedy: str) -> Manifest:
    """Read and check the seal of `folder/manifest.json`.

    Raises IndexCorruptError naming the file (missing, not JSON, wrong fields, a seal that
    does not match, or bytes other than the canonical JSON `to_json` writes); `remedy` is
    appended to the message (what to run). IndexUnreadableError when this user may not read it.
    """
    path = folder / MANIFEST_NAME
    try:
        raw = path.read_bytes()
        manifest = Manifest.model_validate_json(raw)
    except FileNotFoundError:
        raise IndexCorruptError(f"{path} is missing: {remedy}", str(path)) from None
    except PermissionError:
        raise IndexUnreadableError(path, folder.parent) from None
    except (ValidationError, ValueError, OSError) as exc:
        reason = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
        raise IndexCorruptError(f"{path} is damaged ({reason}): {remedy}", str(path)) from None
    if manifest.manifest_sha256 != manifest.content_sha256():
        raise IndexCorruptError(f"{path} is damaged (its checksum does not match its content): {remedy}", str(path))
    if raw != manifest.to_json().encode():
        # Same content, other bytes (spacing, a lost final newline): still not what was written.
        raise IndexCorruptError(f"{path} is damaged (its bytes differ from what was written): {remedy}", str(path))
    return manifest
