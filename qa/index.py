"""The index: a folder of plain files plus a manifest, built, published atomically and loaded.

Layout of one index folder:

    manifest.json          format version, model identity, tokeniser settings, counts, hashes
    documents.jsonl        the documents (id, title, source, date, language, text)
    chunks.jsonl           chunks with offsets, heading and BM25 terms
    sentences.jsonl        sentences with offsets, their chunk and their BM25 terms
    chunk_vectors.faiss    inner-product index over normalised chunk vectors
    sentence_vectors.npy   normalised sentence vectors (float32, no pickle)
    bm25/                  the bm25s index (JSON + .npy files, no pickle)
    calibration.json       abstention thresholds fitted on the evaluation set

`index/LIVE` names the live folder; it is replaced in one atomic rename after a build.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
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
from qa.documents import Block, Document
from qa.embedder import Embedder

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
LIVE_POINTER = "LIVE"
_TMP_PREFIX = ".building-"


class IndexLoadError(Exception):
    """Base class of index problems; the message says what to do."""


class IndexNotFoundError(IndexLoadError):
    """There is no live index to load."""


class IndexMismatchError(IndexLoadError):
    """The live index was built with another format or model than this program runs."""


@dataclass
class IndexData:
    """Everything the query path needs, in memory; written to and read from a folder."""

    documents: dict[str, Document]
    chunks: list[Chunk]
    chunk_terms: list[list[str]]
    sentences: list[Sentence]
    sentence_terms: list[list[str]]
    faiss_index: faiss.Index
    sentence_vectors: np.ndarray
    bm25: bm25s.BM25
    manifest: dict[str, Any] = field(default_factory=dict)
    calibration: dict[str, Any] = field(default_factory=dict)

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
        """The build id of this index."""
        return str(self.manifest.get("build_id", "unbuilt"))


def corpus_hash(documents: Iterable[Document]) -> str:
    """sha256 over every document's id, metadata and text, in id order."""
    digest = hashlib.sha256()
    for doc in sorted(documents, key=lambda d: d.doc_id):
        record = [doc.doc_id, doc.title, doc.language, doc.source, doc.date, doc.text]
        digest.update(json.dumps(record, ensure_ascii=False).encode())
    return digest.hexdigest()


def sentence_context(chunk: Chunk, sentence: Sentence) -> str:
    """What a sentence is embedded as: its heading (or title) in front of it."""
    return f"{chunk.heading or chunk.title}: {sentence.text}"


def prepare_index(
    documents: list[Document],
    embedder: Embedder,
    options: ChunkingOptions | None = None,
    show_progress: bool = False,
) -> IndexData:
    """Chunk, embed and BM25-index the documents, in memory."""
    if not documents:
        raise ValueError("no documents to index: add .md, .txt or .html files to the corpus folder")
    options = options or ChunkingOptions()
    chunks: list[Chunk] = []
    sentences: list[Sentence] = []
    for doc in documents:
        doc_chunks, doc_sentences = chunk_document(doc, options, len(sentences), len(chunks))
        chunks.extend(doc_chunks)
        sentences.extend(doc_sentences)
    chunk_terms = [terms(chunk.context()) for chunk in chunks]
    sentence_terms = [terms(sentence.text) for sentence in sentences]
    bm25 = bm25s.BM25()
    bm25.index(chunk_terms, show_progress=False)
    log.info("embedding %d chunks and %d sentences", len(chunks), len(sentences))
    passages = [c.context() for c in chunks]
    passages += [sentence_context(chunks[s.chunk_index], s) for s in sentences]
    vectors = embedder.encode_passages(passages, show_progress=show_progress)
    faiss_index = faiss.IndexFlatIP(vectors.shape[1])
    faiss_index.add(vectors[: len(chunks)])
    return IndexData(
        documents={d.doc_id: d for d in documents},
        chunks=chunks,
        chunk_terms=chunk_terms,
        sentences=sentences,
        sentence_terms=sentence_terms,
        faiss_index=faiss_index,
        sentence_vectors=vectors[len(chunks) :],
        bm25=bm25,
        manifest={
            "format_version": FORMAT_VERSION,
            "model": embedder.identity,
            "dimension": embedder.dimension,
            "tokeniser": {"stemmer": STEMMER_LANGUAGE, "stopwords": STOPWORDS_NAME, "lowercase": True},
            "chunking": asdict(options),
            "counts": {"documents": len(documents), "chunks": len(chunks), "sentences": len(sentences)},
            "corpus_sha256": corpus_hash(documents),
        },
    )


def _write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as rows:
        return [json.loads(line) for line in rows if line.strip()]


def write_index(data: IndexData, folder: Path) -> None:
    """Write an index into an empty folder."""
    folder.mkdir(parents=True, exist_ok=False)
    _write_jsonl(
        folder / "documents.jsonl",
        ({**asdict(d), "blocks": [asdict(b) for b in d.blocks]} for d in data.documents.values()),
    )
    _write_jsonl(
        folder / "chunks.jsonl",
        ({**asdict(c), "terms": t} for c, t in zip(data.chunks, data.chunk_terms, strict=True)),
    )
    _write_jsonl(
        folder / "sentences.jsonl",
        ({**asdict(s), "terms": t} for s, t in zip(data.sentences, data.sentence_terms, strict=True)),
    )
    faiss.write_index(data.faiss_index, str(folder / "chunk_vectors.faiss"))
    np.save(folder / "sentence_vectors.npy", data.sentence_vectors, allow_pickle=False)
    data.bm25.save(str(folder / "bm25"), allow_pickle=False)
    (folder / "calibration.json").write_text(json.dumps(data.calibration, indent=2), encoding="utf-8")
    # The manifest goes last: a folder without one is never loaded.
    (folder / "manifest.json").write_text(json.dumps(data.manifest, indent=2, ensure_ascii=False), encoding="utf-8")


def read_index(folder: Path) -> IndexData:
    """Read an index folder written by `write_index` (no checks against the model)."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    documents = {}
    for row in _read_jsonl(folder / "documents.jsonl"):
        row["blocks"] = tuple(Block(**b) for b in row["blocks"])
        documents[row["doc_id"]] = Document(**row)
    chunks: list[Chunk] = []
    chunk_terms: list[list[str]] = []
    for row in _read_jsonl(folder / "chunks.jsonl"):
        chunk_terms.append(row.pop("terms"))
        row["sentence_ids"] = tuple(row["sentence_ids"])
        chunks.append(Chunk(**row))
    sentences: list[Sentence] = []
    sentence_terms: list[list[str]] = []
    for row in _read_jsonl(folder / "sentences.jsonl"):
        stored = row.pop("terms", None)
        sentences.append(Sentence(**row))
        # Indexes written before sentence terms were stored get them computed here.
        sentence_terms.append(stored if stored is not None else terms(row["text"]))
    return IndexData(
        documents=documents,
        chunks=chunks,
        chunk_terms=chunk_terms,
        sentences=sentences,
        sentence_terms=sentence_terms,
        faiss_index=faiss.read_index(str(folder / "chunk_vectors.faiss")),
        sentence_vectors=np.load(folder / "sentence_vectors.npy", allow_pickle=False),
        bm25=bm25s.BM25.load(str(folder / "bm25"), allow_pickle=False),
        manifest=manifest,
        calibration=json.loads((folder / "calibration.json").read_text(encoding="utf-8")),
    )


def new_build_id(corpus_sha256: str) -> str:
    """A sortable, unique build id: UTC time plus the start of the corpus hash."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{stamp}-{corpus_sha256[:8]}"


def publish(data: IndexData, index_root: Path) -> Path:
    """Write the index next to the live one, then make it live in one atomic rename.

    Until the final rename of the pointer, the live index is untouched: a failed or
    interrupted build leaves at most a `.building-*` folder, removed by the next build.
    """
    index_root.mkdir(parents=True, exist_ok=True)
    for stale in index_root.glob(f"{_TMP_PREFIX}*"):
        shutil.rmtree(stale, ignore_errors=True)
    build_id = new_build_id(data.manifest["corpus_sha256"])
    data.manifest = {**data.manifest, "build_id": build_id, "built_at": datetime.now(UTC).isoformat()}
    tmp = index_root / f"{_TMP_PREFIX}{build_id}"
    write_index(data, tmp)
    final = index_root / build_id
    os.replace(tmp, final)
    pointer_tmp = index_root / f"{_TMP_PREFIX}{LIVE_POINTER}"
    pointer_tmp.write_text(build_id + "\n", encoding="utf-8")
    with pointer_tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(pointer_tmp, index_root / LIVE_POINTER)
    log.info("index %s is live", build_id)
    return final


def live_folder(index_root: Path) -> Path:
    """The folder the live pointer names."""
    pointer = index_root / LIVE_POINTER
    if not pointer.is_file():
        raise IndexNotFoundError(f"no index in {index_root}/: run `qa build` to build one")
    folder = index_root / pointer.read_text(encoding="utf-8").strip()
    if not (folder / "manifest.json").is_file():
        raise IndexNotFoundError(f"{pointer} names {folder.name}, which is missing or incomplete: run `qa build`")
    return folder


def check_compatible(manifest: dict[str, Any], model_identity: dict[str, object]) -> None:
    """Refuse an index of another format or model, saying how to rebuild."""
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise IndexMismatchError(
            f"index format {version} is not the format this program reads ({FORMAT_VERSION}): "
            "run `qa build` to rebuild the index"
        )
    built = manifest.get("model", {})
    if built.get("fingerprint") != model_identity.get("fingerprint"):
        raise IndexMismatchError(
            f"index built with model {built.get('name')} ({str(built.get('fingerprint'))[:12]}), "
            f"this server runs model {model_identity.get('name')} "
            f"({str(model_identity.get('fingerprint'))[:12]}): run `qa build`"
        )


def load_live_index(index_root: Path, model_identity: dict[str, object]) -> IndexData:
    """Load the live index after checking that it matches this format and model."""
    folder = live_folder(index_root)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    check_compatible(manifest, model_identity)
    started = time.perf_counter()
    data = read_index(folder)
    log.info("loaded index %s in %.2f s", folder.name, time.perf_counter() - started)
    return data


def build(
    documents: list[Document],
    embedder: Embedder,
    index_root: Path,
    calibrate: Callable[[IndexData], dict[str, Any]] | None = None,
    options: ChunkingOptions | None = None,
    show_progress: bool = False,
) -> IndexData:
    """Prepare, calibrate and publish an index; returns it as now live."""
    data = prepare_index(documents, embedder, options, show_progress=show_progress)
    if calibrate is not None:
        data.calibration = calibrate(data)
    data.manifest["calibrated"] = bool(data.calibration.get("fitted"))
    publish(data, index_root)
    return data
