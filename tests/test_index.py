"""The index folder: plain files plus a sealed manifest, atomic publishing, refusal of other
models, memory-mapped loading, and the one-writer lock."""

from __future__ import annotations

import hashlib
import json
import os
import pwd
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import qa.engine
import qa.pipeline
from qa.documents import Document, assemble
from qa.embedder import BatchDone
from qa.engine import QAEngine
from qa.index import (
    FORMAT_VERSION,
    IndexMismatchError,
    IndexNotFoundError,
    build,
    live_folder,
    load_live_index,
    prepare_index,
    read_index,
    write_index,
)
from qa.index_errors import IndexBusyError
from qa.lock import writer_lock
from qa.manifest import Counts, EmbeddingStats, Manifest
from qa.pipeline import BuildOptions, build_documents, run_build
from qa.sentences import SPLITTER_VERSION
from qa.truecasing import CASING_VERSION, CasingTable, corpus_casing, table_from_json, table_to_json
from tests.conftest import ROOT
from tests.fakes import FakeEmbedder
from tests.unprivileged import without_root_privileges


class BrokenEmbedder(FakeEmbedder):
    def encode_passages(
        self, texts: list[str], show_progress: bool = False, on_batch: BatchDone | None = None
    ) -> np.ndarray:
        raise RuntimeError("the machine ran out of memory")


def test_index_folder_holds_plain_files_and_a_manifest(fake_index_root: Path) -> None:
    folder = live_folder(fake_index_root)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "bm25",
        "casing.json",
        "chunk_vectors.faiss",
        "chunks.jsonl",
        "documents.jsonl",
        "manifest.json",
        "sentence_vectors.npy",
        "sentences.jsonl",
    ]
    assert not [p for p in folder.rglob("*") if p.suffix in (".pkl", ".pickle")]
    manifest = Manifest.model_validate_json((folder / "manifest.json").read_text())
    assert manifest.format_version == FORMAT_VERSION == 2
    assert manifest.model == {"name": "fake-embedder", "dimension": 64, "fingerprint": "fake-embedder-64"}
    assert manifest.dimension == 64
    lists = b"".join((ROOT / "qa" / "data" / f"abbreviations-{language}.txt").read_bytes() for language in ("da", "en"))
    assert manifest.tokeniser == {
        "stemmer": "danish",
        "stopwords": "bm25s STOPWORDS_DANISH",
        "lowercase": True,
        "sentence_splitter": hashlib.sha256(SPLITTER_VERSION.encode() + lists).hexdigest(),
    }
    assert manifest.counts == Counts(documents=1, chunks=7, sentences=20)
    assert manifest.embedding == EmbeddingStats(passages=27, embedded=27, cached=0)
    assert len(manifest.corpus_sha256) == 64
    assert manifest.build_id == folder.name
    assert manifest.manifest_sha256 == manifest.content_sha256()


def test_manifest_lists_every_data_file_with_its_size_and_sha256(fake_index_root: Path) -> None:
    folder = live_folder(fake_index_root)
    manifest = Manifest.model_validate_json((folder / "manifest.json").read_text())
    on_disk = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert [f.path for f in manifest.files] == [p for p in on_disk if p != "manifest.json"]
    assert "bm25/params.index.json" in on_disk
    for entry in manifest.files:
        data = (folder / entry.path).read_bytes()
        assert (entry.size, entry.sha256) == (len(data), hashlib.sha256(data).hexdigest())


def test_index_round_trips_through_its_folder(fake_index_root: Path, corpus_documents: list[Document]) -> None:
    prepared = prepare_index(corpus_documents, FakeEmbedder())
    loaded = read_index(live_folder(fake_index_root))
    assert loaded.chunks == prepared.chunks
    assert loaded.sentences == prepared.sentences
    assert loaded.documents == prepared.documents
    assert loaded.chunk_terms == prepared.chunk_terms
    assert loaded.sentence_terms == prepared.sentence_terms
    np.testing.assert_array_equal(loaded.chunk_vectors, prepared.chunk_vectors)
    np.testing.assert_array_equal(loaded.sentence_vectors, prepared.sentence_vectors)
    query = ["digital", "post"]
    np.testing.assert_allclose(loaded.bm25.get_scores(query), prepared.bm25.get_scores(query))
    assert loaded.casing == prepared.casing == corpus_casing(prepared.sentences, prepared.documents)
    assert prepared.casing is not None and prepared.casing.pairs[("digital", "post")] == ("Digital", "Post")


def test_an_engine_reads_the_casing_table_built_with_its_index(
    fake_index_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("the casing table was built again at load")

    monkeypatch.setattr(qa.engine, "corpus_casing", refuse)
    data = read_index(live_folder(fake_index_root))
    assert QAEngine(data, FakeEmbedder()).casing is data.casing


def test_an_index_without_a_casing_table_gets_one_built_when_it_loads(
    tmp_path: Path, corpus_documents: list[Document]
) -> None:
    # As an index built before the table was stored, or under other casing rules, loads.
    data = prepare_index(corpus_documents, FakeEmbedder())
    expected, data.casing = data.casing, None
    write_index(data, tmp_path / "v1", "v1")
    loaded = read_index(tmp_path / "v1")
    assert not (tmp_path / "v1" / "casing.json").exists() and loaded.casing is None
    assert QAEngine(loaded, FakeEmbedder()).casing == expected


def test_a_casing_table_round_trips_through_json_and_another_version_is_rebuilt() -> None:
    table = CasingTable({"nordby": "Nordby", "mitid": "MitID"}, {("digital", "post"): ("Digital", "Post")})
    data = table_to_json(table)
    assert data == {
        "version": CASING_VERSION,
        "words": {"mitid": "MitID", "nordby": "Nordby"},
        "pairs": [["digital", "post", "Digital", "Post"]],
    }
    assert table_from_json(json.loads(json.dumps(data))) == table
    assert table_from_json({**data, "version": CASING_VERSION + 1}) is None
    assert table_from_json({**data, "version": True}) is None  # True == 1 in Python
    assert table_from_json([]) is None and table_from_json(None) is None
    with pytest.raises(ValueError, match="pairs are lists of four words"):
        table_from_json({**data, "pairs": [["digital", "post"]]})


def test_loaded_arrays_are_read_only_memory_maps_of_the_index_files(fake_index_root: Path) -> None:
    data = load_live_index(fake_index_root, FakeEmbedder().identity)
    assert isinstance(data.sentence_vectors, np.memmap)
    assert data.sentence_vectors.flags.writeable is False
    assert Path(data.sentence_vectors.filename).name == "sentence_vectors.npy"
    assert all(isinstance(data.bm25.scores[k], np.memmap) for k in ("data", "indices", "indptr"))
    maps = Path("/proc/self/maps").read_text()
    assert str(live_folder(fake_index_root) / "chunk_vectors.faiss") in maps


def test_index_of_another_model_is_refused_with_how_to_rebuild(fake_index_root: Path) -> None:
    other = {"name": "other-model", "dimension": 64, "fingerprint": "0123456789abcdef"}
    with pytest.raises(IndexMismatchError) as info:
        load_live_index(fake_index_root, other)
    assert str(info.value) == (
        "index built with model fake-embedder (fake-embedde), this server runs model other-model "
        "(0123456789ab): run `qa build`"
    )


def test_index_of_another_format_is_refused(tmp_path: Path, corpus_documents: list[Document]) -> None:
    build(corpus_documents, FakeEmbedder(), tmp_path)
    manifest_path = live_folder(tmp_path) / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["format_version"] = 1
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(IndexMismatchError) as info:
        load_live_index(tmp_path, FakeEmbedder().identity)
    assert (
        str(info.value)
        == "index format 1 is not the format this program reads (2): run `qa build` to rebuild the index"
    )


def test_missing_index_says_to_run_qa_build(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFoundError) as info:
        load_live_index(tmp_path, FakeEmbedder().identity)
    assert str(info.value) == f"no index in {tmp_path}/: run `qa build` to build one"


def test_pointer_to_a_missing_version_names_the_version_to_go_back_to(
    tmp_path: Path, corpus_documents: list[Document]
) -> None:
    first = build(corpus_documents, FakeEmbedder(), tmp_path)
    (tmp_path / "LIVE").write_text("20261201T000000000000Z-00000000\n")
    with pytest.raises(IndexNotFoundError) as info:
        load_live_index(tmp_path, FakeEmbedder().identity)
    assert str(info.value) == (
        f"{tmp_path}/LIVE names '20261201T000000000000Z-00000000', which is not an index version: "
        f"run `qa index use {first.version}` to serve another version, or `qa build` to build a new one"
    )


def test_failed_build_leaves_the_live_index_untouched(tmp_path: Path, corpus_documents: list[Document]) -> None:
    first = build(corpus_documents, FakeEmbedder(), tmp_path)
    pointer = (tmp_path / "LIVE").read_text()
    with pytest.raises(RuntimeError, match="out of memory"):
        build(corpus_documents, BrokenEmbedder(name="broken"), tmp_path)
    assert (tmp_path / "LIVE").read_text() == pointer
    assert load_live_index(tmp_path, FakeEmbedder().identity).version == first.version
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".building-")] == []


def test_a_corpus_with_a_file_name_that_is_not_utf8_builds_the_other_files(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "pas.md").write_text("# Pas\n\nEt nyt pas koster 673 kr.\n", encoding="utf-8")
    with open(os.fsencode(corpus) + b"/b\xf8rnepasning.md", "wb") as handle:
        handle.write("# Børnepasning\n\nPladsgaranti gælder fra 26 uger.\n".encode())
    report = run_build(corpus, FakeEmbedder(), tmp_path / "index")
    assert list(report.data.documents) == ["pas"]
    assert [str(e) for e in report.errors] == [
        f"{corpus}/b\\xf8rnepasning.md: the file name is not UTF-8 text (\\xNN marks each byte that is not): "
        "rename it, typing any æ, ø and å again"
    ]


def test_a_build_that_fails_while_writing_leaves_no_build_folder(
    tmp_path: Path, corpus_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    def write_half(data: object, folder: Path, build_id: str | None = None) -> None:
        folder.mkdir(parents=True)
        (folder / "documents.jsonl").write_text("{")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(qa.pipeline, "write_index", write_half)
    with pytest.raises(OSError, match="No space left on device"):
        build_documents(corpus_documents, FakeEmbedder(), tmp_path)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".building-")] == []


def test_abandoned_build_folders_are_removed_by_the_next_writer(
    tmp_path: Path, corpus_documents: list[Document]
) -> None:
    leftover = tmp_path / ".building-20260101T000000000000Z-deadbeef-0a1b2c3d"
    leftover.mkdir(parents=True)
    (leftover / "chunks.jsonl").write_text("{}")
    report = build_documents(corpus_documents, FakeEmbedder(), tmp_path)
    assert report.removed_abandoned == [leftover.name]
    assert not leftover.exists()
    assert live_folder(tmp_path).name == report.data.version


def test_second_writer_fails_at_once_naming_the_holder(tmp_path: Path, corpus_documents: list[Document]) -> None:
    with writer_lock(tmp_path, purpose="test holder"), pytest.raises(IndexBusyError) as info:
        build_documents(corpus_documents, FakeEmbedder(), tmp_path)
    message = str(info.value)
    assert message.startswith(f"{tmp_path} is locked by test holder (pid ")
    assert message.endswith(
        "wait for it to finish and run the command again, or set QA_INDEX_LOCK_TIMEOUT (seconds; -1 waits until it "
        "is released) to wait for it"
    )
    assert not (tmp_path / "LIVE").exists()
    build_documents(corpus_documents, FakeEmbedder(), tmp_path)  # released: the next build succeeds


def _build_without_root_privileges(corpus: Path, index_root: Path) -> subprocess.CompletedProcess[str]:
    """`tests.fake_build` run so that file permissions apply: as root (these tests' usual
    user) without the capabilities that let root write any file."""
    command = without_root_privileges([sys.executable, "-m", "tests.fake_build", str(corpus), str(index_root)])
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)


def test_a_build_into_an_index_folder_this_user_may_not_write_stops_before_any_work_naming_its_owner(
    tmp_path: Path,
) -> None:
    # An index first built by another user (root, by `make run`): its folder and lock file
    # are that user's. The build used to embed everything and then fail on a bare
    # "[Errno 13] Permission denied: '.../.building-...'".
    corpus, index_root = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "nemid.md").write_text("# NemID\n\nNemID er en digital signatur.\n", encoding="utf-8")
    index_root.mkdir()
    (index_root / ".lock").touch()
    index_root.chmod(0o555)
    try:
        refused = _build_without_root_privileges(corpus, index_root)
    finally:
        index_root.chmod(0o755)
    user = pwd.getpwuid(os.geteuid()).pw_name
    owner = pwd.getpwuid(index_root.stat().st_uid).pw_name
    assert (refused.returncode, refused.stdout) == (1, "ready\n")
    assert refused.stderr.splitlines()[-1] == (
        f"error: this user ({user}) may not write {index_root} (QA_INDEX_DIR {index_root} belongs to {owner}): "
        f"run the command as {owner}, or give {user} write access to the folder (chown -R {user} {index_root})"
    )
    assert sorted(p.name for p in index_root.iterdir()) == [".lock"]


def _nemid_corpus(tmp_path: Path) -> Path:
    """A corpus folder holding nemid.md."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "nemid.md").write_text("# NemID\n\nNemID er en digital signatur.\n", encoding="utf-8")
    return corpus


@pytest.mark.parametrize("owner", ["", "nobody"], ids=["read-only-lock-file", "lock-file-of-nobody"])
def test_a_lock_file_this_user_may_not_write_is_refused_naming_its_owner_not_taken_for_a_busy_index(
    tmp_path: Path, owner: str
) -> None:
    # `chmod 444 index/.lock`, or `chown nobody index/.lock`: the folder is this user's, the file
    # nobody's (its owner used to be named as the index folder's, "root").
    corpus, index_root = _nemid_corpus(tmp_path), tmp_path / "index"
    index_root.mkdir()
    (index_root / ".lock").touch(mode=0o644 if owner else 0o444)
    if owner:
        nobody = pwd.getpwnam(owner)
        os.chown(index_root / ".lock", nobody.pw_uid, nobody.pw_gid)
    refused = _build_without_root_privileges(corpus, index_root)
    user = pwd.getpwuid(os.geteuid()).pw_name
    owner = owner or user
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[-1] == (
        f"error: this user ({user}) may not write {index_root / '.lock'} (it belongs to {owner}, in QA_INDEX_DIR "
        f"{index_root}): run the command as {owner}, or give {user} write access to the folder "
        f"(chown -R {user} {index_root})"
    )
    assert not (index_root / "LIVE").exists()


def test_an_index_folder_not_made_yet_under_a_folder_this_user_may_not_write_names_that_folder(
    tmp_path: Path,
) -> None:
    # QA_INDEX_DIR srv/qa/index does not exist; srv (the nearest existing folder) is not writable.
    corpus, srv = _nemid_corpus(tmp_path), tmp_path / "srv"
    srv.mkdir(mode=0o555)
    index_root = srv / "qa" / "index"
    try:
        refused = _build_without_root_privileges(corpus, index_root)
    finally:
        srv.chmod(0o755)
    user = pwd.getpwuid(os.geteuid()).pw_name
    owner = pwd.getpwuid(srv.stat().st_uid).pw_name
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[-1] == (
        f"error: this user ({user}) may not write {srv}, the nearest existing folder above QA_INDEX_DIR "
        f"{index_root} (which does not exist yet; {srv} belongs to {owner}): run the command as {owner}, give "
        f"{user} write access to {srv}, or create QA_INDEX_DIR as {owner} and give it to {user} "
        f"(mkdir -p {index_root} && chown {user} {index_root})"
    )
    assert not (srv / "qa").exists()


@pytest.mark.parametrize("model_folder_made", [True, False], ids=["cache-of-this-model", "empty-cache"])
def test_an_embedding_cache_another_user_made_stops_the_build_before_any_work_naming_its_owner(
    tmp_path: Path, model_folder_made: bool
) -> None:
    # `index/embeddings/` made by root's build, the rest of the index writable: the build
    # used to embed 2,000 passages and fail at the first cache checkpoint on a bare
    # "[Errno 13] Permission denied".
    corpus, index_root = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "nemid.md").write_text("# NemID\n\nNemID er en digital signatur.\n", encoding="utf-8")
    run_build(corpus, FakeEmbedder(), index_root, BuildOptions(keep=3))
    cache_root = index_root / "embeddings"
    (model_folder,) = cache_root.iterdir()
    if not model_folder_made:
        for segment in model_folder.iterdir():
            segment.unlink()
        model_folder.rmdir()
    live = (index_root / "LIVE").read_text()
    (corpus / "mitid.md").write_text("# MitID\n\nMitID afløser NemID.\n", encoding="utf-8")
    refused_folder = model_folder if model_folder_made else cache_root
    theirs = (model_folder, cache_root) if model_folder_made else (cache_root,)
    for folder in theirs:
        folder.chmod(0o555)
    try:
        refused = _build_without_root_privileges(corpus, index_root)
    finally:
        for folder in theirs:
            folder.chmod(0o755)
    user = pwd.getpwuid(os.geteuid()).pw_name
    owner = pwd.getpwuid(cache_root.stat().st_uid).pw_name
    assert (refused.returncode, refused.stdout) == (1, "ready\n")
    assert refused.stderr.splitlines()[-1] == (
        f"error: this user ({user}) may not write {refused_folder} (the embedding cache {cache_root} of "
        f"QA_INDEX_DIR {index_root} belongs to {owner}): run the command as {owner}, or give {user} write "
        f"access to the folder (chown -R {user} {cache_root})"
    )
    assert (index_root / "LIVE").read_text() == live


def test_a_copy_added_beside_a_document_is_the_duplicate_and_the_served_id_stays(tmp_path: Path) -> None:
    # The kept copy was the one with the shortest id: adding `kopi.md` beside
    # `strategier.md` renamed the served document, and links to the old id gave 404.
    corpus, index_root = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    text = "# Strategier\n\nDigital Post blev obligatorisk i 2014.\n"
    (corpus / "strategier.md").write_text(text, encoding="utf-8")
    first = run_build(corpus, FakeEmbedder(), index_root)
    (corpus / "kopi.md").write_text(text, encoding="utf-8")
    again = run_build(corpus, FakeEmbedder(), index_root, BuildOptions(skip_unchanged=True))  # as `qa build`
    assert again.unchanged and again.data.version == first.data.version
    assert again.corpus is not None
    assert [d.doc_id for d in again.corpus.documents] == ["strategier"]
    assert again.corpus.summary_lines()[1] == (
        f"duplicate {corpus / 'kopi.md'} has the same text as {corpus / 'strategier.md'}: indexed once, as 'strategier'"
    )


def test_an_index_folder_that_is_a_file_is_refused_saying_to_give_a_folder(
    tmp_path: Path, corpus_documents: list[Document]
) -> None:
    # QA_INDEX_DIR naming a file gave "[Errno 17] File exists" from `qa build`, and
    # "LIVE cannot be read (...): run `qa build`" from `qa serve`, which fails the same way.
    (tmp_path / "index.tar").write_bytes(b"not a folder")
    for index_root in (tmp_path / "index.tar", tmp_path / "index.tar" / "index"):
        with pytest.raises(NotADirectoryError) as info:
            build_documents(corpus_documents, FakeEmbedder(), index_root)
        assert str(info.value) == (
            f"QA_INDEX_DIR {index_root} cannot be the index folder: {tmp_path / 'index.tar'} is a file: "
            f"give a folder (QA_INDEX_DIR or --index), e.g. {tmp_path / 'index'}"
        )
    with pytest.raises(IndexNotFoundError) as served:
        load_live_index(tmp_path / "index.tar", FakeEmbedder().identity)
    assert str(served.value) == (
        f"QA_INDEX_DIR {tmp_path / 'index.tar'} cannot be the index folder: {tmp_path / 'index.tar'} is a file: "
        f"give a folder (QA_INDEX_DIR or --index), e.g. {tmp_path / 'index'}"
    )
    assert (tmp_path / "index.tar").read_bytes() == b"not a folder"


def test_a_waiting_writer_says_what_it_waits_for_and_gives_up_after_its_timeout(
    tmp_path: Path, corpus_documents: list[Document], caplog: pytest.LogCaptureFixture
) -> None:
    # Waiting without a word looked like a hung build (QA_INDEX_LOCK_TIMEOUT=-1 waits for ever).
    with writer_lock(tmp_path, purpose="qa index prune"), pytest.raises(IndexBusyError) as info:
        build_documents(corpus_documents, FakeEmbedder(), tmp_path, BuildOptions(lock_timeout=0.2))
    holder = (tmp_path / ".lock-owner").read_text(encoding="utf-8").strip()
    assert holder.startswith(f"qa index prune (pid {os.getpid()}, since ")
    assert [r.getMessage() for r in caplog.records if r.name == "qa.lock"] == [
        f"{tmp_path} is locked by {holder}: waiting up to 0.2 s (QA_INDEX_LOCK_TIMEOUT)"
    ]
    assert str(info.value) == (
        f"{tmp_path} is locked by {holder} and was not released within QA_INDEX_LOCK_TIMEOUT (0.2 s): wait for it "
        "to finish and run the command again, or set a longer QA_INDEX_LOCK_TIMEOUT (seconds; -1 waits until it is "
        "released) to wait for it"
    )


def test_empty_corpus_cannot_be_indexed() -> None:
    with pytest.raises(ValueError, match="no documents to index"):
        prepare_index([], FakeEmbedder())


def test_a_corpus_of_stop_words_only_is_refused_with_what_to_do() -> None:
    only_stop_words = assemble("ja", [("paragraph", 0, "Ja. Og det.")])
    with pytest.raises(ValueError) as refused:
        prepare_index([only_stop_words], FakeEmbedder())
    assert str(refused.value) == (
        "the corpus has no searchable words (only stop words or punctuation): "
        "add documents with text to the corpus folder"
    )


def test_a_calibration_given_to_build_is_stored_listed_and_read_back(
    tmp_path: Path, corpus_documents: list[Document]
) -> None:
    calibration = {"fitted": True, "thresholds": {"da": 0.5, "en": 0.4}}
    build(corpus_documents, FakeEmbedder(), tmp_path, lambda data: calibration)
    loaded = load_live_index(tmp_path, FakeEmbedder().identity)
    assert loaded.calibration == calibration
    assert loaded.manifest.calibrated is True
    assert "calibration.json" in [f.path for f in loaded.manifest.files]
