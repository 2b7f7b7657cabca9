"""Each passage and citation names its document's language; GET /documents is built once
per index version and can be paged (fake embedder, an index of the seed and one English page)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient

from api.app import create_app
from api.listing import summary
from api.schemas import DocumentList
from qa.documents import Document, read_document
from qa.engine import QAEngine
from qa.index import build, load_live_index
from qa.policy import AbstentionPolicy
from tests.fakes import FakeEmbedder, app_settings

ENGLISH_PAGE = """---
title: Digital Post for citizens
language: en
---
# Digital Post for citizens

Digital Post is the public authorities' digital mailbox for citizens and companies.
Letters from public authorities arrive in Digital Post instead of on paper.
"""

SEED_ID = "20-aars-faelles-digitaliseringsstrategier"


def _engine(documents: list[Document], root: Path) -> QAEngine:
    embedder = FakeEmbedder()
    build(documents, embedder, root)
    return QAEngine(load_live_index(root, embedder.identity), embedder)


@pytest.fixture(scope="module")
def english_document(tmp_path_factory: pytest.TempPathFactory) -> Document:
    folder = tmp_path_factory.mktemp("english")
    (folder / "digital-post-for-citizens.md").write_text(ENGLISH_PAGE, encoding="utf-8")
    return read_document(folder / "digital-post-for-citizens.md", folder)


@pytest.fixture(scope="module")
def mixed_root(
    tmp_path_factory: pytest.TempPathFactory, corpus_documents: list[Document], english_document: Document
) -> Path:
    root = tmp_path_factory.mktemp("mixed-index")
    build([*corpus_documents, english_document], FakeEmbedder(), root)
    return root


@pytest.fixture()
def mixed_engine(mixed_root: Path) -> QAEngine:
    embedder = FakeEmbedder()
    return QAEngine(load_live_index(mixed_root, embedder.identity), embedder)


@pytest.fixture()
def client(mixed_engine: QAEngine, tmp_path: Path) -> TestClient:
    settings = app_settings(tmp_path / "none", tmp_path / "feedback.sqlite3")
    with TestClient(create_app(settings, engine=mixed_engine), raise_server_exceptions=False) as client:
        yield client


def test_search_results_name_the_language_of_their_document(client: TestClient, english_document: Document) -> None:
    results = client.get("/search", params={"q": "Digital Post mailbox for citizens", "k": 5}).json()["results"]
    languages = {(r["doc_id"], r["language"]) for r in results}
    assert languages == {(english_document.doc_id, "en"), (SEED_ID, "da")}


def test_citations_and_passages_of_an_answer_name_the_language_of_their_document(
    client: TestClient, mixed_engine: QAEngine, english_document: Document
) -> None:
    mixed_engine.policy = AbstentionPolicy(replace(mixed_engine.policy.model, threshold=0.0))
    body = client.post("/ask", json={"question": "What is the digital mailbox for citizens?", "top_k": 5}).json()
    expected = {english_document.doc_id: "en", SEED_ID: "da"}
    assert body["answered"] is True and body["citations"]
    assert [c["language"] for c in body["citations"]] == [expected[c["doc_id"]] for c in body["citations"]]
    assert [p["language"] for p in body["passages"]] == [expected[p["doc_id"]] for p in body["passages"]]
    assert {p["language"] for p in body["passages"]} == {"da", "en"}


def _fastapi_body(engine: QAEngine) -> bytes:
    """The body FastAPI made of the response model before the listing was cached."""
    listing = DocumentList(documents=[summary(d) for d in engine.documents()], index_version=engine.index_version)
    return bytes(JSONResponse(jsonable_encoder(listing)).body)


def test_the_document_list_is_the_same_bytes_as_before_plain_or_gzipped(
    client: TestClient, mixed_engine: QAEngine
) -> None:
    plain = client.get("/documents", headers={"accept-encoding": "identity"})
    assert plain.content == _fastapi_body(mixed_engine)
    assert "content-encoding" not in plain.headers
    assert plain.headers["vary"].split(", ")[0] == "Accept-Encoding"
    assert plain.headers["content-type"] == "application/json"
    assert plain.headers["x-index-version"] == mixed_engine.index_version
    assert plain.headers["x-total-count"] == "2"
    packed = client.get("/documents", headers={"accept-encoding": "gzip"})
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.headers["vary"].split(", ")[0] == "Accept-Encoding"
    assert packed.content == plain.content  # httpx decompressed it
    assert int(packed.headers["content-length"]) < len(plain.content)


def test_the_document_list_is_built_once_per_engine_and_again_after_a_swap(
    client: TestClient, mixed_engine: QAEngine, tmp_path: Path, seed_document: Document
) -> None:
    calls: list[str] = []
    real = mixed_engine.documents

    def counted() -> list[Document]:
        calls.append(mixed_engine.index_version)
        return real()

    mixed_engine.documents = counted  # type: ignore[method-assign]
    first = [client.get("/documents").json() for _ in range(3)]
    assert calls == [mixed_engine.index_version]
    assert first[0] == first[2] and len(first[0]["documents"]) == 2

    other = _engine([seed_document], tmp_path / "other")
    client.app.state.holder.engine = other  # type: ignore[attr-defined]  # what EngineHolder.reload does
    swapped = client.get("/documents")
    assert swapped.headers["x-index-version"] == other.index_version != mixed_engine.index_version
    assert swapped.json() == {
        "documents": [
            {
                "doc_id": SEED_ID,
                "title": "20 års fælles digitaliseringsstrategier",
                "source": None,
                "date": None,
                "language": "da",
                "length": 2886,
            }
        ],
        "index_version": other.index_version,
    }
    assert client.head("/documents").headers["x-total-count"] == "1"


def test_a_page_of_the_document_list(client: TestClient, mixed_engine: QAEngine, english_document: Document) -> None:
    version = mixed_engine.index_version
    second = client.get("/documents", params={"offset": 1, "limit": 1})
    assert second.json() == {
        "documents": [
            {
                "doc_id": english_document.doc_id,
                "title": "Digital Post for citizens",
                "source": None,
                "date": None,
                "language": "en",
                "length": len(english_document.text),
            }
        ],
        "index_version": version,
    }
    assert second.headers["x-total-count"] == "2"
    first = client.get("/documents", params={"limit": 1}).json()
    assert [d["doc_id"] for d in first["documents"]] == [SEED_ID]
    assert client.get("/documents", params={"offset": 1}).json() == second.json()
    assert client.get("/documents", params={"offset": 5}).json() == {"documents": [], "index_version": version}
    assert client.get("/documents", params={"offset": 0, "limit": 2}).content == _fastapi_body(mixed_engine)
    refused = client.get("/documents", params={"limit": 0})
    assert refused.status_code == 422
    assert refused.json()["detail"] == "limit: Input should be greater than or equal to 1"
