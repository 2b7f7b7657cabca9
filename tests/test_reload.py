"""Hot reload: new versions go live without a restart, damaged ones never do (fake embedder)."""

from __future__ import annotations

import os
import pwd
import shutil
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

import qa.index
from api.app import create_app
from qa.documents import Document
from qa.index import LIVE_POINTER, build
from qa.model_store import model_identity
from qa.settings import Settings
from tests.fakes import FakeEmbedder, app_settings
from tests.live_server import live_server


def _settings(tmp_path: Path, root: Path, **changes: object) -> Settings:
    return app_settings(root, tmp_path / "feedback.sqlite3", **changes)


def _live(root: Path) -> str:
    return (root / LIVE_POINTER).read_text(encoding="utf-8").strip()


def _damaged_copy(root: Path, name: str) -> None:
    """A copy of the live version whose manifest names another model, made live."""
    target = root / name
    shutil.copytree(root / _live(root), target)
    manifest = target / "manifest.json"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("fake-embedder-64", "other-model-64"), "utf-8")
    (root / LIVE_POINTER).write_text(name + "\n", encoding="utf-8")


@pytest.fixture()
def index_root(tmp_path: Path, corpus_documents: list[Document]) -> Path:
    root = tmp_path / "index"
    build(corpus_documents, FakeEmbedder(), root)
    return root


def test_a_version_that_fails_to_load_is_not_swapped_in_and_readyz_says_why(
    tmp_path: Path, index_root: Path, corpus_documents: list[Document]
) -> None:
    app = create_app(_settings(tmp_path, index_root), embedder=FakeEmbedder())
    with TestClient(app) as client:
        first = _live(index_root)
        assert client.get("/readyz").json()["index_version"] == first
        _damaged_copy(index_root, "20990101T000000000000Z-damaged0")
        assert app.state.holder.reload() is False
        ready = client.get("/readyz")
        assert ready.status_code == 200
        assert ready.json()["index_version"] == first
        assert ready.json()["detail"].startswith("index version 20990101T000000000000Z-damaged0 was not loaded: ")
        assert ready.json()["detail"].endswith(f"still serving {first}")
        ask = client.post("/ask", json={"question": "Hvad er NemKonto?"})
        assert ask.status_code == 200
        assert ask.headers["x-index-version"] == ask.json()["index_version"] == first

        (index_root / LIVE_POINTER).write_text(first + "\n", encoding="utf-8")  # pointed back: no complaint
        assert app.state.holder.reload() is False
        assert client.get("/readyz").json()["detail"] is None
        _damaged_copy(index_root, "20990101T000000000000Z-damaged1")
        assert app.state.holder.reload() is False and client.get("/readyz").json()["detail"]

        build(corpus_documents, FakeEmbedder(), index_root)  # a good version clears the complaint
        second = _live(index_root)
        assert app.state.holder.reload() is True
        ready = client.get("/readyz").json()
        assert ready["index_version"] == second and ready["detail"] is None


def test_a_live_pointer_removed_while_serving_keeps_the_version_serving_and_readyz_says_what_to_run(
    tmp_path: Path, index_root: Path
) -> None:
    app = create_app(_settings(tmp_path, index_root), embedder=FakeEmbedder())
    with TestClient(app) as client:
        first = _live(index_root)
        (index_root / LIVE_POINTER).unlink()
        assert app.state.holder.reload() is False
        ready = client.get("/readyz")
        assert ready.status_code == 200
        assert ready.json()["detail"] == (
            f"no version is live: {index_root / LIVE_POINTER} is missing: run `qa index use {first}` to serve the "
            f"newest version, or `qa build` to build a new one; still serving {first}"
        )
        assert client.post("/ask", json={"question": "Hvad er NemKonto?"}).json()["index_version"] == first


def test_a_new_version_the_server_may_not_read_is_named_as_unreadable_not_damaged(
    tmp_path: Path, index_root: Path, corpus_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(_settings(tmp_path, index_root), embedder=FakeEmbedder())
    with TestClient(app) as client:
        first = _live(index_root)
        build(corpus_documents, FakeEmbedder(), index_root)
        second = _live(index_root)
        sha256 = qa.index.file_sha256

        def private(path: Path) -> str:  # a build under umask 077 by another user
            if path.parent.name == second:
                raise PermissionError(13, "Permission denied", str(path))
            return sha256(path)

        monkeypatch.setattr(qa.index, "file_sha256", private)
        assert app.state.holder.reload() is False
        user = pwd.getpwuid(os.geteuid()).pw_name
        assert client.get("/readyz").json()["detail"] == (
            f"index version {second} was not loaded: {index_root / second / 'casing.json'} may not be read by "
            f"this user ({user}): give it read access to the index (chmod -R a+rX {index_root}), or run this command "
            f"as the user who built it; still serving {first}"
        )


def test_a_server_starting_on_a_damaged_index_gives_the_reason_to_readyz_and_the_log_only(
    tmp_path: Path, index_root: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _damaged_copy(index_root, "20990101T000000000000Z-damaged0")
    with TestClient(create_app(_settings(tmp_path, index_root), embedder=FakeEmbedder())) as client:
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert ready.json()["status"] == "not ready"
        assert "`qa build`" in ready.json()["detail"]
        assert f"not ready: {ready.json()['detail']}" in caplog.messages
        ask = client.post("/ask", json={"question": "Hvad er NemKonto?"})
        assert ask.status_code == 503 and ask.headers["retry-after"] == "10"
        assert ask.json() == {"detail": "The service is not ready (its model or index is not loaded): try again later."}
        assert client.get("/healthz").status_code == 200


def test_a_server_starting_on_unreadable_files_answers_503_not_a_traceback(tmp_path: Path, index_root: Path) -> None:
    (index_root / _live(index_root) / "chunks.jsonl").write_text('{"broken', encoding="utf-8")
    with TestClient(create_app(_settings(tmp_path, index_root), embedder=FakeEmbedder())) as client:
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert "`qa build`" in ready.json()["detail"]


def test_a_missing_model_file_is_named_with_its_setting_not_blamed_on_the_index(
    tmp_path: Path, index_root: Path
) -> None:
    # The index is sound: "run `qa build`" would not help, the setting must be mended.
    missing = tmp_path / "nowhere" / "abstention.json"
    settings = _settings(tmp_path, index_root, abstention_model=missing)
    with TestClient(create_app(settings, embedder=FakeEmbedder())) as client:
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert ready.json()["detail"] == (
            f"no abstention model at {missing}: run `qa calibrate QUESTIONS --out FILE` or unset QA_ABSTENTION_MODEL"
        )


@pytest.mark.load
def test_five_promotions_under_load_give_no_errors_and_versions_only_move_forward(
    tmp_path: Path, index_root: Path, corpus_documents: list[Document]
) -> None:
    settings = _settings(tmp_path, index_root, reload_poll_seconds=0.1, query_queue=64)
    app = create_app(settings, embedder=FakeEmbedder())
    versions = [_live(index_root)]
    stop = threading.Event()
    seen: dict[int, list[tuple[int, str, str]]] = {}

    def client_loop(n: int, base: str) -> None:
        log = seen.setdefault(n, [])
        with httpx.Client(base_url=base, timeout=10) as http:
            for i in range(2000):  # bounded even if the promotions stall
                if stop.is_set():
                    break
                if i % 2:
                    r = http.post("/ask", json={"question": "Hvornår blev Digital Post obligatorisk?"})
                else:
                    r = http.get("/search", params={"q": "NemKonto"})
                body_version = r.json().get("index_version", "") if r.status_code == 200 else r.text
                log.append((r.status_code, r.headers.get("x-index-version", ""), body_version))

    with live_server(app) as base:
        clients = [threading.Thread(target=client_loop, args=(n, base)) for n in range(4)]
        for thread in clients:
            thread.start()
        with httpx.Client(base_url=base, timeout=10) as http:
            for _ in range(5):
                time.sleep(0.3)
                build(corpus_documents, FakeEmbedder(), index_root)
                versions.append(_live(index_root))
                deadline = time.monotonic() + 15
                while http.get("/readyz").json()["index_version"] != versions[-1]:
                    assert time.monotonic() < deadline, "the new version did not go live within 15 s"
                    time.sleep(0.05)
            time.sleep(0.3)
        stop.set()
        for thread in clients:
            thread.join(timeout=30)

    order = {v: i for i, v in enumerate(versions)}
    responses = [r for log in seen.values() for r in log]
    print(f"\n{len(responses)} responses over 5 promotions from 4 clients")
    assert [r for r in responses if r[0] != 200] == []
    for log in seen.values():
        assert all(header == body for _, header, body in log)
        ranks = [order[header] for _, header, _ in log]
        assert ranks == sorted(ranks), "a client saw an older version after a newer one"
    assert {header for _, header, _ in responses} >= {versions[0], versions[-1]}


def test_a_swap_moves_the_index_version_gauge_without_waiting_for_a_request(
    tmp_path: Path, index_root: Path, corpus_documents: list[Document]
) -> None:
    app = create_app(_settings(tmp_path, index_root), embedder=FakeEmbedder())
    with TestClient(app):
        first = _live(index_root)
        build(corpus_documents, FakeEmbedder(), index_root)
        second = _live(index_root)
        assert app.state.holder.reload() is True
        gauge = app.state.metrics.index_info
        assert gauge.labels(second)._value.get() == 1
        assert first not in {labels[0] for labels in gauge._metrics}


def _model_folder(folder: Path, weights: bytes) -> dict[str, object]:
    """A model folder as far as its identity goes (64 dimensions, `weights` as its weight
    file), and that identity (`qa.model_store.model_identity`)."""
    (folder / "1_Pooling").mkdir(parents=True, exist_ok=True)
    (folder / "1_Pooling" / "config.json").write_text('{"embedding_dimension": 64}', encoding="utf-8")
    (folder / "model.safetensors").write_bytes(weights)
    return model_identity(folder)


def test_a_model_with_other_weights_of_the_same_size_is_refused_at_start_and_at_reload(
    tmp_path: Path, corpus_documents: list[Document]
) -> None:
    old = _model_folder(tmp_path / "e5-small", b"\x01" * 256)
    new = _model_folder(tmp_path / "e5-small", b"\x02" * 256)  # fine-tuned: same name, same size
    old_print, new_print = str(old["fingerprint"])[:12], str(new["fingerprint"])[:12]
    root = tmp_path / "index"
    build(corpus_documents, FakeEmbedder(identity=old), root)
    first = _live(root)
    with TestClient(create_app(_settings(tmp_path, root), embedder=FakeEmbedder(identity=new))) as client:
        ready = client.get("/readyz")
        assert (ready.status_code, ready.json()["detail"]) == (
            503,
            f"index built with model e5-small ({old_print}), this server runs model e5-small ({new_print}): "
            "run `qa build`",
        )
    app = create_app(_settings(tmp_path, root), embedder=FakeEmbedder(identity=old))
    with TestClient(app) as client:
        build(corpus_documents, FakeEmbedder(identity=new), root)
        second = _live(root)
        assert app.state.holder.reload() is False
        ready = client.get("/readyz")
        assert (ready.status_code, ready.json()["index_version"], ready.json()["detail"]) == (
            200,
            first,
            f"index version {second} was not loaded: index built with model e5-small ({new_print}), "
            f"this server runs model e5-small ({old_print}): run `qa build`; still serving {first}",
        )
