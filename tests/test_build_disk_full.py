"""A disk that fills up during `qa build`: one error line naming the file being written,
the cause and what to do; the live index untouched, no build folder left, the lock free."""

from __future__ import annotations

import errno
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

import qa.index
import qa.service
from qa.cli import app
from qa.disk_full import is_disk_full
from qa.documents import Document, assemble
from qa.embedding_cache import CACHE_FOLDER
from qa.index import build, load_live_index
from qa.index_errors import NoSpaceError
from qa.pipeline import build_documents
from qa.settings import get_settings
from tests.fakes import FakeEmbedder

NUMPY_SHORT_WRITE = "658944 requested and 152544 written"


def _changed(documents: list[Document]) -> list[Document]:
    """The documents with one more, so that a second build writes a new version."""
    return [*documents, assemble("pas", [("heading", 1, "Pas"), ("paragraph", 0, "Et nyt pas koster 673 kr.")])]


def _short_write(path: Path, array: np.ndarray) -> None:
    """numpy's error for a file the disk had no room for (no errno)."""
    path.write_bytes(b"\x93NUMPY")
    raise OSError(NUMPY_SHORT_WRITE)


def _leftovers(index_root: Path) -> list[str]:
    return sorted(p.name for p in index_root.iterdir() if p.name.startswith(".building-") or p.suffix == ".tmp")


def test_a_full_disk_while_writing_the_vectors_names_the_file_and_leaves_the_live_index(
    tmp_path: Path, corpus_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build(corpus_documents, FakeEmbedder(), tmp_path)
    pointer = (tmp_path / "LIVE").read_bytes()
    monkeypatch.setattr(qa.index, "save_npy_durably", _short_write)
    with pytest.raises(NoSpaceError) as info:
        build_documents(_changed(corpus_documents), FakeEmbedder(), tmp_path)
    building = info.value.path.parent
    assert building.name.startswith(".building-")
    assert str(info.value) == (
        f"no space left on device writing {building / 'sentence_vectors.npy'}: "
        f"free space in QA_INDEX_DIR ({tmp_path}) and run `qa build` again"
    )
    assert info.value.errno == errno.ENOSPC
    assert (tmp_path / "LIVE").read_bytes() == pointer
    assert load_live_index(tmp_path, FakeEmbedder().identity).version == first.version
    assert _leftovers(tmp_path) == []
    monkeypatch.undo()
    assert build_documents(_changed(corpus_documents), FakeEmbedder(), tmp_path).data.version != first.version


def test_faiss_running_out_of_space_is_reported_as_a_full_disk(
    tmp_path: Path, corpus_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    def faiss_full(index: object, path: str) -> None:
        raise RuntimeError(
            "Error in void faiss::write_index(const Index*, IOWriter*, int) at index_write.cpp:499: "
            f"Error: 'ret == (size * 4)' failed: write error in {path}: 204755 != 1536000 (No space left on device)"
        )

    monkeypatch.setattr(qa.index.faiss, "write_index", faiss_full)
    with pytest.raises(NoSpaceError, match=r"^no space left on device writing .*/chunk_vectors\.faiss: free space"):
        build_documents(corpus_documents, FakeEmbedder(), tmp_path)
    assert not (tmp_path / "LIVE").exists()
    assert _leftovers(tmp_path) == []


def test_a_full_disk_while_caching_embeddings_names_the_segment_and_removes_it(
    tmp_path: Path, corpus_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("qa.embedding_cache.save_npy_durably", _short_write)
    with pytest.raises(NoSpaceError) as info:
        build_documents(corpus_documents, FakeEmbedder(), tmp_path)
    segment = info.value.path
    assert segment.parent.parent == tmp_path / CACHE_FOLDER
    assert segment.name.startswith("seg-") and segment.suffix == ".npy"
    assert str(info.value) == (
        f"no space left on device writing {segment}: free space in QA_INDEX_DIR ({tmp_path}) and run `qa build` again"
    )
    assert list(segment.parent.iterdir()) == []


def test_a_write_error_that_is_not_a_full_disk_passes_unchanged(
    tmp_path: Path, corpus_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(path: Path, array: np.ndarray) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(qa.index, "save_npy_durably", denied)
    with pytest.raises(PermissionError, match="Permission denied"):
        build_documents(corpus_documents, FakeEmbedder(), tmp_path)
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("error", "full"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), True),
        (OSError(errno.EDQUOT, "Disk quota exceeded"), True),
        (OSError(NUMPY_SHORT_WRITE), True),
        (RuntimeError("write error in x.faiss: 204755 != 1536000 (No space left on device)"), True),
        (OSError(errno.EIO, "Input/output error"), False),
        (RuntimeError("the machine ran out of memory"), False),
    ],
)
def test_is_disk_full_tells_a_full_disk_from_other_errors(error: BaseException, full: bool) -> None:
    assert is_disk_full(error) is full


def test_qa_build_on_a_full_disk_ends_with_one_error_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("---\ntitle: A\nlanguage: da\n---\n# Pas\n\nEt nyt pas koster 673 kr.\n")
    index = tmp_path / "index"
    monkeypatch.setattr(qa.service, "prepare_model", lambda *args: tmp_path)
    monkeypatch.setattr(qa.service, "create_embedder", lambda *args, **kwargs: FakeEmbedder())
    monkeypatch.setattr(qa.index, "save_npy_durably", _short_write)
    monkeypatch.chdir(tmp_path)  # the default evaluation set is not here: no evaluation
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["build", "--quiet", "--corpus", str(corpus), "--index", str(index)])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: no space left on device writing {index}/.building-")
    assert line.endswith(f"/sentence_vectors.npy: free space in QA_INDEX_DIR ({index}) and run `qa build` again")
    assert not (index / "LIVE").exists()
    assert _leftovers(index) == []


def test_a_disk_too_full_to_record_the_lock_holder_is_named_as_full_before_any_work(
    tmp_path: Path, corpus_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build(corpus_documents, FakeEmbedder(), tmp_path)
    write_text = Path.write_text

    def full(path: Path, *args: object, **kwargs: object) -> int:
        if path.name.startswith(".lock-owner"):
            raise OSError(errno.ENOSPC, "No space left on device")  # as a write(2) gives it: no file name
        return write_text(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", full)
    with pytest.raises(NoSpaceError) as info:
        build_documents(_changed(corpus_documents), FakeEmbedder(), tmp_path)
    assert str(info.value) == (
        f"no space left on device writing {tmp_path / '.lock-owner'}: "
        f"free space in QA_INDEX_DIR ({tmp_path}) and run `qa build` again"
    )
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".lock")) == [".lock", ".lock-owner"]
    assert load_live_index(tmp_path, FakeEmbedder().identity).version == first.version
    assert build_documents(_changed(corpus_documents), FakeEmbedder(), tmp_path).data.version != first.version
