"""Integrity: every file of an index deleted, truncated or bit-flipped is detected at load,
with a message that names the file and says what to run; the counts are checked too."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from qa.documents import Document
from qa.index import build, live_folder, load_live_index
from qa.index_errors import IndexCorruptError, IndexLoadError
from qa.manifest import Manifest, file_entry
from tests.fakes import FakeEmbedder

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def template_root(tmp_path_factory: pytest.TempPathFactory, corpus_documents: list[Document]) -> Path:
    root = tmp_path_factory.mktemp("integrity")
    build(corpus_documents, FakeEmbedder(), root)
    shutil.rmtree(root / "embeddings")
    return root


def _copy(template: Path, tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "index"
    shutil.copytree(template, root, ignore=shutil.ignore_patterns(".lock*"))
    return root, live_folder(root)


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _flip_bit(path: Path, position: int, bit: int) -> None:
    data = bytearray(path.read_bytes())
    data[position] ^= 1 << bit
    path.write_bytes(bytes(data))


def test_every_file_deleted_truncated_or_bit_flipped_is_refused_naming_it(template_root: Path, tmp_path: Path) -> None:
    rng = random.Random(8)
    names = _files(live_folder(template_root))
    assert len(names) == 12
    outcomes: dict[str, int] = {"detected": 0, "named": 0, "missed": 0}
    trial = 0
    for name in names:
        size = (live_folder(template_root) / name).stat().st_size
        damages = [("delete", 0, 0), ("truncate", size // 2, 0), ("truncate", size - 1, 0)]
        damages += [("flip", rng.randrange(size), rng.randrange(8)) for _ in range(6)]
        for kind, position, bit in damages:
            trial += 1
            root, folder = _copy(template_root, tmp_path / str(trial))
            path = folder / name
            if kind == "delete":
                path.unlink()
            elif kind == "truncate":
                os.truncate(path, position)
            else:
                _flip_bit(path, position, bit)
            try:
                load_live_index(root, FakeEmbedder().identity)
            except IndexLoadError as exc:
                outcomes["detected"] += 1
                outcomes["named"] += str(path) in str(exc) and "`qa build`" in str(exc)
            else:
                outcomes["missed"] += 1
    assert outcomes == {"detected": 108, "named": 108, "missed": 0}


def test_a_deleted_truncated_or_bit_flipped_live_pointer_is_refused(template_root: Path, tmp_path: Path) -> None:
    version = live_folder(template_root).name
    rng = random.Random(9)
    damages = [("delete", 0, 0), ("truncate", 0, 0), ("truncate", 20, 0)]
    damages += [("flip", rng.randrange(len(version)), rng.randrange(8)) for _ in range(20)]
    messages = []
    for trial, (kind, position, bit) in enumerate(damages):
        root, _ = _copy(template_root, tmp_path / str(trial))
        pointer = root / "LIVE"
        if kind == "delete":
            pointer.unlink()
        elif kind == "truncate":
            os.truncate(pointer, position)
        else:
            _flip_bit(pointer, position, bit)
        with pytest.raises(IndexLoadError) as info:
            load_live_index(root, FakeEmbedder().identity)
        messages.append(str(info.value))
    assert messages[0] == (
        f"{tmp_path}/0/index/LIVE is missing: run `qa index use {version}` to serve the newest version, "
        "or `qa build` to build a new one"
    )
    assert all(f"qa index use {version}" in m for m in messages)


def test_bit_flip_in_a_data_file_gives_the_exact_message(template_root: Path, tmp_path: Path) -> None:
    root, folder = _copy(template_root, tmp_path)
    _flip_bit(folder / "documents.jsonl", 2000, 0)
    with pytest.raises(IndexCorruptError) as info:
        load_live_index(root, FakeEmbedder().identity)
    assert str(info.value) == (
        f"{folder}/documents.jsonl is damaged (its sha256 differs from the manifest): "
        "run `qa build` to build a new index"
    )
    assert info.value.path == f"{folder}/documents.jsonl"


def test_damage_message_names_the_previous_version_to_roll_back_to(
    template_root: Path, tmp_path: Path, corpus_documents: list[Document]
) -> None:
    root, first = _copy(template_root, tmp_path)
    second = live_folder(root).parent / build(corpus_documents, FakeEmbedder(), root).version
    os.truncate(second / "chunks.jsonl", 10)
    with pytest.raises(IndexCorruptError) as info:
        load_live_index(root, FakeEmbedder().identity)
    size = (live_folder(template_root) / "chunks.jsonl").stat().st_size
    assert str(info.value) == (
        f"{second}/chunks.jsonl is damaged (10 bytes, the manifest says {size}): "
        f"run `qa index use {first.name}` to serve the newest version built before it, "
        "or `qa build` to build a new one"
    )


@pytest.mark.parametrize(
    ("builds", "live", "named", "advice"),
    [
        # Rolled back to the second of three: the version to name is the one before it.
        (3, 1, 0, "to serve the newest version built before it"),
        # The oldest is damaged: no version was built before it, so another is named.
        (2, 0, 1, "to serve another version"),
    ],
)
def test_damage_message_names_the_version_built_before_the_damaged_one_else_another(
    tmp_path: Path, corpus_documents: list[Document], builds: int, live: int, named: int, advice: str
) -> None:
    versions = [build(corpus_documents, FakeEmbedder(), tmp_path).version for _ in range(builds)]
    (tmp_path / "LIVE").write_text(versions[live] + "\n")
    _flip_bit(tmp_path / versions[live] / "documents.jsonl", 100, 0)
    with pytest.raises(IndexCorruptError) as info:
        load_live_index(tmp_path, FakeEmbedder().identity)
    assert str(info.value) == (
        f"{tmp_path / versions[live]}/documents.jsonl is damaged (its sha256 differs from the manifest): "
        f"run `qa index use {versions[named]}` {advice}, or `qa build` to build a new one"
    )


def test_a_dropped_jsonl_line_is_caught_by_the_counts_even_with_a_resealed_manifest(
    template_root: Path, tmp_path: Path
) -> None:
    root, folder = _copy(template_root, tmp_path)
    chunks = folder / "chunks.jsonl"
    chunks.write_text("".join(chunks.read_text().splitlines(keepends=True)[:-1]))
    manifest = Manifest.model_validate_json((folder / "manifest.json").read_text())
    files = tuple(file_entry(folder, chunks) if f.path == "chunks.jsonl" else f for f in manifest.files)
    (folder / "manifest.json").write_text(manifest.model_copy(update={"files": files}).sealed().to_json())
    with pytest.raises(IndexCorruptError) as info:
        load_live_index(root, FakeEmbedder().identity)
    assert str(info.value) == (
        f"{chunks} is damaged (6 chunks, the manifest says 7): run `qa build` to build a new index"
    )


def test_an_edited_manifest_breaks_its_seal(template_root: Path, tmp_path: Path) -> None:
    root, folder = _copy(template_root, tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["counts"]["chunks"] = 6
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IndexCorruptError) as info:
        load_live_index(root, FakeEmbedder().identity)
    assert str(info.value) == (
        f"{folder}/manifest.json is damaged (its checksum does not match its content): "
        "run `qa build` to build a new index"
    )


def test_qa_index_verify_reports_damage_without_a_traceback(template_root: Path, tmp_path: Path) -> None:
    root, folder = _copy(template_root, tmp_path)
    ok = subprocess.run(  # the index is a fake embedder's: its model is not checked
        [sys.executable, "-m", "qa.cli", "index", "verify", "--index", str(root), "--skip-model"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert (ok.returncode, ok.stdout) == (0, f"ok: {folder} (12 files, counts match)\n")
    _flip_bit(folder / "sentence_vectors.npy", 300, 3)
    damaged = subprocess.run(
        [sys.executable, "-m", "qa.cli", "index", "verify", "--index", str(root)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert damaged.returncode == 1
    assert damaged.stderr == (
        f"error: {folder}/sentence_vectors.npy is damaged (its sha256 differs from the manifest): "
        "run `qa build` to build a new index\n"
    )
    assert "Traceback" not in damaged.stdout + damaged.stderr
