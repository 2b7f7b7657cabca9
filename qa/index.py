"""The index: a folder of plain files plus a sealed, typed manifest; written, verified and loaded.

Layout of the index root (QA_INDEX_DIR):

    LIVE                      the name of the live version (replaced by one atomic rename)
    <version>/                one folder per build, named by its build id (see `new_build_id`)
    .building-<id>-<uuid>/    a build in progress (removed by the next writer if abandoned)
    embeddings/               the embedding cache (see qa.embedding_cache)
    .lock                     the writer lock (see qa.lock)

Layout of one version folder:

    manifest.json          format, model, tokeniser, counts, every file's size and sha256 (sealed)
    documents.jsonl        the documents (id, title, source, date, language, text, blocks)
    chunks.jsonl           chunks with offsets, heading and BM25 terms
    sentences.jsonl        sentences with offsets, their chunk and their BM25 terms
    chunk_vectors.faiss    inner-product index over normalised chunk vectors
    sentence_vectors.npy   normalised sentence vectors (float32, no pickle)
    bm25/                  the bm25s index (JSON + .npy files, no pickle)

Loading verifies every file against the manifest and the manifest's counts against the
data, then memory-maps the arrays (see `read_index` for what is shared between processes).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import bm25s
import faiss
import numpy as np

from qa.analysis import STEMMER_LANGUAGE, STOPWORDS_NAME, terms
from qa.chunking import Chunk, ChunkingOptions, Sentence, chunk_document
from qa.disk_full import FileWrites, disk_full_reported
from qa.documents import Block, Document, formats_read
from qa.embedder import Embedder
from qa.embedding_cache import CHECKPOINT_PASSAGES, EmbeddingCache, embed_with_cache, fsync_dir, save_npy_durably
from qa.index_errors import (
    IndexCorruptError,
    IndexLoadError,
    IndexMismatchError,
    IndexNotFoundError,
    IndexUnreadableError,
    not_a_folder,
)
from qa.manifest import MANIFEST_NAME, Counts, EmbeddingStats, Manifest, file_entry, file_sha256, read_manifest
from qa.redaction import INDEX_VERSION
from qa.scoring import SCORING_VERSION, scoring_identity
from qa.sentences import splitter_identity
from qa.settings import DEFAULT_ANN_MIN_CHUNKS
from qa.truecasing import CASING_NAME, CasingTable, corpus_casing, table_from_json, table_to_json
from qa.vector_index import build_vector_index_with_report

__all__ = [
    "FORMAT_VERSION",
    "LIVE_POINTER",
    "IndexCorruptError",
    "IndexData",
    "IndexLoadError",
    "IndexMismatchError",
    "IndexNotFoundError",
    "build",
    "check_compatible",
    "live_folder",
    "load_index",
    "load_live_index",
    "passage_texts",
    "prepare_index",
    "read_index",
    "verify_index",
    "write_index",
]

log = logging.getLogger(__name__)

# 2: sealed typed manifest listing every file with size and sha256; calibration.json optional.
FORMAT_VERSION = 2
# Chunks up to which the vector index is exact (QA_ANN_MIN_CHUNKS overrides it at build time).
DEFAULT_EXACT_UP_TO = DEFAULT_ANN_MIN_CHUNKS
LIVE_POINTER = "LIVE"
BUILDING_PREFIX = ".building-"
VERSION_PATTERN = re.compile(rf"^{INDEX_VERSION}$")
CALIBRATION_NAME = "calibration.json"
DATA_FILES = ("documents.jsonl", "chunks.jsonl", "sentences.jsonl", "chunk_vectors.faiss", "sentence_vectors.npy")


@dataclass
class IndexData:
    """Everything the query path needs; written to and read from a folder.

    After `read_index`, `sentence_vectors`, the FAISS vectors and the BM25 arrays are
    memory-mapped read-only views of the files; documents, chunks and sentences are Python
    objects. `calibration` is kept for engines that read abstention thresholds from it:
    `qa build` no longer fits one (empty means the engine's defaults); `build(...,
    calibrate=...)` still stores one as `calibration.json`, listed in the manifest.
    """

    documents: dict[str, Document]
    chunks: list[Chunk]
    chunk_terms: list[list[str]]
    sentences: list[Sentence]
    sentence_terms: list[list[str]]
    faiss_index: faiss.Index
    sentence_vectors: np.ndarray
    bm25: bm25s.BM25
    manifest: Manifest
    calibration: dict[str, Any] = field(default_factory=dict)
    casing: CasingTable | None = None
    """How the corpus writes its words (`qa.truecasing.corpus_casing`), stored as
    `casing.json`; None for an index built before it was stored, or under other casing
    rules, whose engine builds it when it loads."""

    @property
    def chunk_vectors(self) -> np.ndarray:
        """The chunk vectors, read back from the FAISS index (which holds the only copy)."""
        return np.asarray(self.faiss_index.reconstruct_n(0, self.faiss_index.ntotal), dtype=np.float32)

    @property
    def dimension(self) -> int:
        """Length of every vector in the index."""
        return int(self.faiss_index.d)

    @property
    def version(self) -> str:
        """The build id of this index ("unbuilt" before it is written)."""
        return self.manifest.build_id or "unbuilt"


def _document_record(doc: Document) -> bytes:
    """What the index takes from a document, as canonical JSON: its id, metadata and text,
    and each block's kind, offsets, heading level and page, with its page starts when it
    runs over a page break (chunks, headings and the pages of citations come from them;
    a block on one page is written as before, so its document's hash stays the same). Not
    its path on the building machine."""
    blocks = [
        [b.kind, b.start, b.end, b.level, b.page, *([[list(s) for s in b.page_starts]] if b.page_starts else [])]
        for b in doc.blocks
    ]
    record = [doc.doc_id, doc.title, doc.language, doc.source, doc.date, doc.text, blocks]
    return json.dumps(record, ensure_ascii=False).encode()


def document_sha256(doc: Document) -> str:
    """sha256 (hex) over what the index takes from one document (`_document_record`).

    Until blocks were hashed, the hash covered id, metadata and text only: against an
    index built then, every document counts as changed once (the format of the files is
    the same, so no FORMAT_VERSION for it)."""
    return hashlib.sha256(_document_record(doc)).hexdigest()


def corpus_hash(documents: Iterable[Document]) -> str:
    """sha256 (hex) over what the index takes from every document (`_document_record`), in id order."""
    digest = hashlib.sha256()
    for doc in sorted(documents, key=lambda d: d.doc_id):
        digest.update(_document_record(doc))
    return digest.hexdigest()


def tokeniser_identity() -> dict[str, str | bool]:
    """The BM25 tokeniser a build records in its manifest, and the sentence splitter's
    abbreviation lists (`qa.sentences.splitter_identity`)."""
    return {
        "stemmer": STEMMER_LANGUAGE,
        "stopwords": STOPWORDS_NAME,
        "lowercase": True,
        "sentence_splitter": splitter_identity(),
    }


def sentence_context(chunk: Chunk, sentence: Sentence) -> str:
    """What a sentence is embedded as: its heading (or title) in front of it."""
    return f"{chunk.heading or chunk.title}: {sentence.text}"


def passage_texts(chunks: list[Chunk], sentences: list[Sentence]) -> list[str]:
    """What a build embeds, in row order: each chunk's context, then each sentence in its
    `sentence_context`."""
    passages = [c.context() for c in chunks]
    passages += [sentence_context(chunks[s.chunk_index], s) for s in sentences]
    return passages


def passage_documents(chunks: list[Chunk], sentences: list[Sentence]) -> list[str]:
    """The document id of each passage `passage_texts` gives, in the same order."""
    return [c.doc_id for c in chunks] + [chunks[s.chunk_index].doc_id for s in sentences]


def dominant_document(doc_ids: list[str]) -> str | None:
    """A warning when one document makes up more than half of a build's passages (`doc_ids`,
    the document of each passage to embed) and the build has other documents: "one
    document, <id>, is 99% of the 52,816 passages to embed ..." (the share rounded down).
    None otherwise, and for a build of fewer passages than one cache checkpoint
    (`CHECKPOINT_PASSAGES`, about 30 s of embedding), whose time is no concern: in a
    corpus of three short pages one of them is often most of it."""
    counts = Counter(doc_ids)
    if len(counts) < 2 or len(doc_ids) < CHECKPOINT_PASSAGES:
        return None
    doc_id, count = counts.most_common(1)[0]
    if 2 * count <= len(doc_ids):
        return None
    share = 100 * count // len(doc_ids)
    return (
        f"one document, {doc_id}, is {share}% of the {len(doc_ids):,} passages to embed: embedding it takes "
        "most of the build; check that it belongs in the corpus whole"
    )


def prepare_index(
    documents: list[Document],
    embedder: Embedder,
    options: ChunkingOptions | None = None,
    show_progress: bool = False,
    cache: EmbeddingCache | None = None,
    exact_up_to: int = DEFAULT_EXACT_UP_TO,
    scoring: dict[str, str] | None = None,
) -> IndexData:
    """Chunk, embed and BM25-index the documents, in memory, with a draft manifest that
    records `scoring` (the identity of the models that will serve it; default the
    shipped ones, `scoring_identity()`).

    With a `cache`, only passages it does not hold are embedded (and added to it). The
    chunk vectors go into an exact flat FAISS index up to `exact_up_to` chunks and an
    approximate IVF index above (`qa.vector_index`; its recall@10 against exact search is
    recorded in the manifest's `vector_index`). Raises ValueError for an empty document list.
    """
    if not documents:
        raise ValueError(f"no documents to index: add {formats_read()} files to the corpus folder")
    options = options or ChunkingOptions()
    chunks: list[Chunk] = []
    sentences: list[Sentence] = []
    for doc in documents:
        doc_chunks, doc_sentences = chunk_document(doc, options, len(sentences), len(chunks))
        chunks.extend(doc_chunks)
        sentences.extend(doc_sentences)
    passages = passage_texts(chunks, sentences)
    chunk_terms = [terms(context) for context in passages[: len(chunks)]]
    sentence_terms = [terms(sentence.text) for sentence in sentences]
    if not any(chunk_terms):
        # bm25s cannot index an empty vocabulary ("max() arg is an empty sequence").
        raise ValueError(
            "the corpus has no searchable words (only stop words or punctuation): "
            "add documents with text to the corpus folder"
        )
    bm25 = bm25s.BM25()
    bm25.index(chunk_terms, show_progress=False)
    log.info("embedding %d chunks and %d sentences", len(chunks), len(sentences))
    warning = dominant_document(passage_documents(chunks, sentences))
    if warning:
        log.warning("%s", warning)
    if cache is not None:
        vectors, stats = embed_with_cache(embedder, cache, passages, show_progress=show_progress)
    else:
        vectors = embedder.encode_passages(passages, show_progress=show_progress)
        stats = EmbeddingStats(passages=len(passages), embedded=len(passages), cached=0)
    faiss_index, vector_report = build_vector_index_with_report(
        np.ascontiguousarray(vectors[: len(chunks)]), exact_up_to
    )
    manifest = Manifest(
        format_version=FORMAT_VERSION,
        model=dict(embedder.identity),
        dimension=embedder.dimension,
        tokeniser=tokeniser_identity(),
        chunking=dict(asdict(options)),
        counts=Counts(documents=len(documents), chunks=len(chunks), sentences=len(sentences)),
        corpus_sha256=corpus_hash(documents),
        document_sha256={d.doc_id: document_sha256(d) for d in documents},
        embedding=stats,
        scoring=scoring if scoring is not None else scoring_identity(),
        vector_index={k: v for k, v in vector_report.items() if isinstance(v, str | int | float | bool)},
    )
    return IndexData(
        documents={d.doc_id: d for d in documents},
        chunks=chunks,
        chunk_terms=chunk_terms,
        sentences=sentences,
        sentence_terms=sentence_terms,
        faiss_index=faiss_index,
        sentence_vectors=np.ascontiguousarray(vectors[len(chunks) :]),
        bm25=bm25,
        manifest=manifest,
        casing=corpus_casing(sentences, {d.doc_id: d for d in documents}),
    )


def _write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _fsync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def new_build_id(corpus_sha256: str) -> str:
    """A sortable build id: UTC time to the microsecond plus the start of the corpus hash."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{stamp}-{corpus_sha256[:8]}"


def write_index(data: IndexData, folder: Path, build_id: str | None = None) -> Manifest:
    """Write an index into a new folder: data files, each fsynced, then the sealed manifest
    listing every file's size and sha256, then an fsync of the folders.

    Sets `data.manifest` to the sealed manifest and returns it. `build_id` defaults to a
    new one. Raises FileExistsError if the folder exists, NoSpaceError naming the file
    when the disk fills up (the folder's parent is taken as QA_INDEX_DIR).
    """
    folder.mkdir(parents=True, exist_ok=False)
    with disk_full_reported(folder.parent) as writing:
        manifest = _write_files(data, folder, build_id, writing)
    data.manifest = manifest
    return manifest


def _write_files(data: IndexData, folder: Path, build_id: str | None, writing: FileWrites) -> Manifest:
    """`write_index`'s writes into the existing `folder`, each file given to `writing` first."""
    _write_jsonl(
        writing(folder / "documents.jsonl"),
        ({**asdict(d), "blocks": [asdict(b) for b in d.blocks]} for d in data.documents.values()),
    )
    _write_jsonl(
        writing(folder / "chunks.jsonl"),
        ({**asdict(c), "terms": t} for c, t in zip(data.chunks, data.chunk_terms, strict=True)),
    )
    _write_jsonl(
        writing(folder / "sentences.jsonl"),
        ({**asdict(s), "terms": t} for s, t in zip(data.sentences, data.sentence_terms, strict=True)),
    )
    faiss.write_index(data.faiss_index, str(writing(folder / "chunk_vectors.faiss")))
    save_npy_durably(writing(folder / "sentence_vectors.npy"), np.ascontiguousarray(data.sentence_vectors))
    data.bm25.save(str(writing(folder / "bm25")), allow_pickle=False)
    if data.calibration:
        writing(folder / CALIBRATION_NAME).write_text(json.dumps(data.calibration, indent=2), encoding="utf-8")
    if data.casing is not None:
        text = json.dumps(table_to_json(data.casing), ensure_ascii=False)
        writing(folder / CASING_NAME).write_text(text, encoding="utf-8")
    files = sorted((p for p in folder.rglob("*") if p.is_file()), key=lambda p: p.relative_to(folder).as_posix())
    for path in files:
        _fsync_file(writing(path))
    manifest = data.manifest.model_copy(
        update={
            "build_id": build_id or new_build_id(data.manifest.corpus_sha256),
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "files": tuple(file_entry(folder, p) for p in files),
            "calibrated": bool(data.calibration.get("fitted")),
        }
    ).sealed()
    # The manifest goes last: a folder without one is never loaded.
    writing(folder / MANIFEST_NAME).write_text(manifest.to_json(), encoding="utf-8")
    _fsync_file(folder / MANIFEST_NAME)
    for sub in {p.parent for p in files} | {folder}:
        fsync_dir(writing(sub))
    return manifest


def version_folders(index_root: Path) -> list[Path]:
    """Every version folder of the index root, oldest first (build ids sort by time)."""
    if not index_root.is_dir():
        return []
    return sorted(p for p in index_root.iterdir() if p.is_dir() and VERSION_PATTERN.match(p.name))


def remedy_for(folder: Path) -> str:
    """What to run when `folder` cannot be served: go back to the newest version built
    before it (build ids sort by time), else to the newest other version, or rebuild."""
    others = [p.name for p in version_folders(folder.parent) if p.name != folder.name]
    older = [name for name in others if name < folder.name]
    if older:
        return (
            f"run `qa index use {older[-1]}` to serve the newest version built before it, "
            "or `qa build` to build a new one"
        )
    if others:
        return f"run `qa index use {others[-1]}` to serve another version, or `qa build` to build a new one"
    return "run `qa build` to build a new index"


def verify_index(folder: Path, version: str | None = None) -> Manifest:
    """Check a version folder against its manifest: the seal, the build id (`version`,
    by default the folder's name), and every listed file's presence, size and sha256.
    Returns the manifest.

    Raises IndexCorruptError naming the first damaged file and saying what to run, or
    IndexNotFoundError when the folder does not exist.
    """
    if not folder.is_dir():
        raise IndexNotFoundError(f"index version {folder} does not exist: {remedy_for(folder)}")
    remedy = remedy_for(folder)
    manifest = read_manifest(folder, remedy)
    expected = version or folder.name
    if manifest.build_id != expected:
        raise IndexCorruptError(
            f"{folder / MANIFEST_NAME} belongs to version {manifest.build_id}, not {expected}: {remedy}",
            str(folder / MANIFEST_NAME),
        )
    listed = {entry.path for entry in manifest.files}
    missing_data = [name for name in DATA_FILES if name not in listed]
    if missing_data or not any(p.startswith("bm25/") for p in listed):
        raise IndexCorruptError(
            f"{folder / MANIFEST_NAME} does not list {', '.join(missing_data) or 'bm25/'}: {remedy}",
            str(folder / MANIFEST_NAME),
        )
    for entry in manifest.files:
        path = folder / entry.path
        try:
            size = path.stat().st_size
            if size != entry.size:
                raise IndexCorruptError(
                    f"{path} is damaged ({size} bytes, the manifest says {entry.size}): {remedy}", str(path)
                )
            digest = file_sha256(path)
        except FileNotFoundError:
            raise IndexCorruptError(f"{path} is missing: {remedy}", str(path)) from None
        except PermissionError:
            raise IndexUnreadableError(path, folder.parent) from None
        if digest != entry.sha256:
            raise IndexCorruptError(f"{path} is damaged (its sha256 differs from the manifest): {remedy}", str(path))
    return manifest


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as rows:
        return [json.loads(line) for line in rows if line.strip()]


def _read_faiss(path: Path) -> faiss.Index:
    """Memory-map the FAISS file where the index type allows it (flat codes), else read it."""
    try:
        return faiss.read_index(str(path), faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY)
    except RuntimeError:
        return faiss.read_index(str(path))


def read_index(folder: Path, manifest: Manifest | None = None) -> IndexData:
    """Read a version folder (call `verify_index` first; `load_index` does both).

    The arrays are memory-mapped read-only, so server workers on one machine share their
    pages through the page cache: `sentence_vectors.npy` (np.load mmap_mode="r"), the
    FAISS vectors (IO_FLAG_MMAP_IFC for flat indexes; other FAISS types are read into
    memory) and the bm25s matrices (mmap=True). Documents, chunks, sentences and their
    terms are parsed into per-process Python objects and are not shared.

    Raises IndexCorruptError naming the file when a file cannot be parsed or the data do
    not match the manifest's counts.
    """
    manifest = manifest or read_manifest(folder, remedy_for(folder))
    remedy = remedy_for(folder)
    current = folder / MANIFEST_NAME

    def damaged(path: Path, reason: str) -> IndexCorruptError:
        return IndexCorruptError(f"{path} is damaged ({reason}): {remedy}", str(path))

    try:
        current = folder / "documents.jsonl"
        documents = {}
        for row in _read_jsonl(current):
            row["blocks"] = tuple(
                Block(**{**b, "page_starts": tuple((int(o), int(p)) for o, p in b.get("page_starts", ()))})
                for b in row["blocks"]
            )
            documents[row["doc_id"]] = Document(**row)
        current = folder / "chunks.jsonl"
        chunks: list[Chunk] = []
        chunk_terms: list[list[str]] = []
        for row in _read_jsonl(current):
            chunk_terms.append(row.pop("terms"))
            row["sentence_ids"] = tuple(row["sentence_ids"])
            chunks.append(Chunk(**row))
        current = folder / "sentences.jsonl"
        sentences: list[Sentence] = []
        sentence_terms: list[list[str]] = []
        for row in _read_jsonl(current):
            sentence_terms.append(row.pop("terms"))
            sentences.append(Sentence(**row))
        current = folder / "chunk_vectors.faiss"
        faiss_index = _read_faiss(current)
        current = folder / "sentence_vectors.npy"
        sentence_vectors = np.load(current, mmap_mode="r", allow_pickle=False)
        current = folder / "bm25"
        bm25 = bm25s.BM25.load(str(current), mmap=True, allow_pickle=False, show_progress=False)
        calibration: dict[str, Any] = {}
        if any(f.path == CALIBRATION_NAME for f in manifest.files):
            current = folder / CALIBRATION_NAME
            calibration = json.loads(current.read_text(encoding="utf-8"))
        casing: CasingTable | None = None
        if any(f.path == CASING_NAME for f in manifest.files):
            current = folder / CASING_NAME
            casing = table_from_json(json.loads(current.read_text(encoding="utf-8")))
    except PermissionError:
        raise IndexUnreadableError(current, folder.parent) from None
    except Exception as exc:  # any parse failure is reported as damage to that file
        raise damaged(current, f"{type(exc).__name__}: {exc}") from None
    counts = manifest.counts
    checks = [
        (folder / "documents.jsonl", len(documents), counts.documents, "documents"),
        (folder / "chunks.jsonl", len(chunks), counts.chunks, "chunks"),
        (folder / "sentences.jsonl", len(sentences), counts.sentences, "sentences"),
        (folder / "chunk_vectors.faiss", int(faiss_index.ntotal), counts.chunks, "chunk vectors"),
        (folder / "sentence_vectors.npy", int(sentence_vectors.shape[0]), counts.sentences, "sentence vectors"),
        (folder / "bm25", int(bm25.scores.get("num_docs", -1)), counts.chunks, "BM25 documents"),
    ]
    for path, found, expected, what in checks:
        if found != expected:
            raise damaged(path, f"{found} {what}, the manifest says {expected}")
    if faiss_index.d != manifest.dimension or sentence_vectors.shape[1:] != (manifest.dimension,):
        raise damaged(folder / "chunk_vectors.faiss", f"vectors are not {manifest.dimension}-dimensional")
    return IndexData(
        documents=documents,
        chunks=chunks,
        chunk_terms=chunk_terms,
        sentences=sentences,
        sentence_terms=sentence_terms,
        faiss_index=faiss_index,
        sentence_vectors=sentence_vectors,
        bm25=bm25,
        manifest=manifest,
        calibration=calibration,
        casing=casing,
    )


def live_version(index_root: Path) -> str | None:
    """The version the LIVE pointer names, or None when there is no pointer."""
    pointer = index_root / LIVE_POINTER
    try:
        return pointer.read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None
    except PermissionError:
        raise IndexUnreadableError(pointer, index_root) from None
    except (OSError, UnicodeDecodeError) as exc:
        problem = not_a_folder(index_root)
        if problem:
            raise IndexNotFoundError(problem) from None
        raise IndexNotFoundError(f"{pointer} cannot be read ({exc}): {remedy_for(index_root / '-')}") from None


def live_folder(index_root: Path) -> Path:
    """The folder the live pointer names. Raises IndexNotFoundError when there is none."""
    version = live_version(index_root)
    if version is None:
        versions = version_folders(index_root)
        if versions:
            raise IndexNotFoundError(
                f"{index_root / LIVE_POINTER} is missing: run `qa index use {versions[-1].name}` to serve the newest "
                "version, or `qa build` to build a new one"
            )
        raise IndexNotFoundError(f"no index in {index_root}/: run `qa build` to build one")
    folder = index_root / version
    if not VERSION_PATTERN.match(version) or not folder.is_dir():
        pointer = index_root / LIVE_POINTER
        shown = version if len(version) < 80 else version[:80] + "..."
        raise IndexNotFoundError(f"{pointer} names {shown!r}, which is not an index version: {remedy_for(folder)}")
    return folder


def switch_live(index_root: Path, version: str) -> None:
    """Point LIVE at `version` in one atomic rename (the new pointer and the folder fsynced).
    Call under the writer lock. Raises NoSpaceError when the pointer cannot be written for
    a full disk (LIVE is left as it was)."""
    tmp = index_root / f".{LIVE_POINTER}-{uuid.uuid4().hex}.tmp"
    with disk_full_reported(index_root, partial=(tmp,)) as writing:
        writing(tmp).write_text(version + "\n", encoding="utf-8")
        _fsync_file(tmp)
    os.replace(tmp, index_root / LIVE_POINTER)
    fsync_dir(index_root)


def check_scoring_version(manifest: Manifest) -> None:
    """Refuse an index built for another scoring version (IndexMismatchError saying to
    run `qa build`)."""
    scored = manifest.scoring.get("scoring_version")
    if scored != str(SCORING_VERSION):
        raise IndexMismatchError(
            f"index built for scoring version {scored}, this program scores with version {SCORING_VERSION} "
            "(its reranker, reader, answer reranker and abstention models read what the index stores): "
            "run `qa build`"
        )


def check_compatible(manifest: Manifest, model_identity: dict[str, object]) -> None:
    """Refuse an index of another format or model, saying how to rebuild. An index built
    by an encoder whose vectors are of another kind than `model_identity`'s (fp32 and
    int8, `qa.embedder.encoder_identity`) is the same model's vector space and is served,
    with a warning (`encoder_warning`)."""
    version = manifest.format_version
    if version != FORMAT_VERSION:
        raise IndexMismatchError(
            f"index format {version} is not the format this program reads ({FORMAT_VERSION}): "
            "run `qa build` to rebuild the index"
        )
    check_scoring_version(manifest)
    built = manifest.model
    if built.get("fingerprint") != model_identity.get("fingerprint"):
        raise IndexMismatchError(
            f"index built with model {built.get('name')} ({str(built.get('fingerprint'))[:12]}), "
            f"this server runs model {model_identity.get('name')} "
            f"({str(model_identity.get('fingerprint'))[:12]}): run `qa build`"
        )
    warning = encoder_warning(manifest, model_identity)
    if warning:
        log.warning("%s", warning)


def encoder_warning(manifest: Manifest, model_identity: dict[str, object]) -> str | None:
    """Why answers from this index may differ from its recorded evaluation when it is
    queried by `model_identity`'s encoder, or None: the index's vectors are of another kind
    (fp32 against int8; recorded since encoders were; an index that does not record
    them, or an identity without them, is not judged)."""
    built, running = manifest.model.get("vectors"), model_identity.get("vectors")
    if built is None or running is None or built == running:
        return None
    version = manifest.build_id or "being built"
    return (
        f"index {version} was built with QA_ENCODER={manifest.model.get('encoder')} ({built} vectors) and is "
        f"queried with QA_ENCODER={model_identity.get('encoder')} ({running} vectors): the same model, but "
        "answers may differ from the evaluation recorded at build; set QA_ENCODER="
        f"{manifest.model.get('encoder')}, or run `qa build` with QA_ENCODER={model_identity.get('encoder')}"
    )


def _format_of(folder: Path) -> object:
    """The format_version a manifest declares, read leniently (to tell old formats from damage)."""
    try:
        return json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8")).get("format_version")
    except (OSError, ValueError, AttributeError):
        return None


def load_index(folder: Path, model_identity: dict[str, object], version: str | None = None) -> IndexData:
    """Verify a version folder (see `verify_index`), check it matches this format and
    model, and read it (see `read_index`). Raises an IndexLoadError subclass."""
    declared = _format_of(folder)
    if isinstance(declared, int) and declared != FORMAT_VERSION:
        raise IndexMismatchError(
            f"index format {declared} is not the format this program reads ({FORMAT_VERSION}): "
            "run `qa build` to rebuild the index"
        )
    started = time.perf_counter()
    manifest = verify_index(folder, version)
    check_compatible(manifest, model_identity)
    data = read_index(folder, manifest)
    log.info("verified and loaded index %s in %.2f s", folder.name, time.perf_counter() - started)
    return data


def load_live_index(index_root: Path, model_identity: dict[str, object]) -> IndexData:
    """Verify and load the live index after checking that it matches this format and model.
    Raises an IndexLoadError subclass whose message says what to run."""
    return load_index(live_folder(index_root), model_identity)


def build(
    documents: list[Document],
    embedder: Embedder,
    index_root: Path,
    calibrate: Callable[[IndexData], dict[str, Any]] | None = None,
    options: ChunkingOptions | None = None,
    show_progress: bool = False,
) -> IndexData:
    """Prepare, verify and publish an index under the writer lock (no evaluation gate);
    returns it as now live. `calibrate`, if given, computes the calibration stored with
    the index. `qa.pipeline.run_build` is the full `qa build` pipeline."""
    from qa.pipeline import BuildOptions, build_documents

    options_ = BuildOptions(chunking=options, show_progress=show_progress, calibrate=calibrate)
    return build_documents(documents, embedder, index_root, options_).data
