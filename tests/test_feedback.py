"""Feedback storage, export and the widget's HTTP surface (CORS, body limit, assets)."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from api.widget import DEMO_CSP, install_widget
from qa.engine import QAEngine
from qa.feedback import COLUMNS, CitedSpan, FeedbackFullError, FeedbackStore, FeedbackUnwritableError
from qa.feedback_cli import feedback_app
from qa.settings import Settings

ALLOWED = "https://kommune.example"


# --- the store -----------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> FeedbackStore:
    store = FeedbackStore(tmp_path / "new" / "folder" / "feedback.sqlite3")
    store.create()
    return store


def test_create_makes_the_folder_and_is_idempotent(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "a" / "b" / "fb.sqlite3")
    assert not store.path.parent.exists()
    store.create()
    store.create()
    assert store.path.is_file()


def test_add_redacts_every_free_text(store: FeedbackStore) -> None:
    row_id = store.add(
        question="Mit CPR er 010203-1234, hvad gør jeg?",
        answer="Skriv til hjaelp@borger.dk. [1]",
        answered=True,
        verdict="no",
        comment="Ring til mig på +45 12 34 56 78 eller 87654321",
        citations=[CitedSpan(1, "doc-a", 10, 40)],
        index_version="v1",
        language="da",
        created_at=datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC),
    )
    assert row_id == 1
    (row,) = store.rows()
    assert row == {
        "id": 1,
        "created_at": "2025-03-04T05:06:07+00:00",
        "verdict": "no",
        "question": "Mit CPR er [CPR], hvad gør jeg?",
        "answer": "Skriv til [EMAIL]. [1]",
        "answered": True,
        "comment": "Ring til mig på [TELEFON] eller [TELEFON]",
        "citations": [{"n": 1, "doc_id": "doc-a", "start": 10, "end": 40}],
        "index_version": "v1",
        "language": "da",
    }
    # Nothing personal reached the file itself either.
    raw = store.path.read_bytes()
    for secret in (b"010203", b"hjaelp@borger.dk", b"12 34 56 78", b"87654321"):
        assert secret not in raw


def test_add_refuses_an_unknown_verdict(store: FeedbackStore) -> None:
    with pytest.raises(ValueError, match="verdict"):
        store.add(question="q", verdict="maybe")  # type: ignore[arg-type]


def _two_rows(store: FeedbackStore) -> None:
    store.add(
        question="Hvornår kom NemID?",
        answer="I 2010. [1]",
        answered=True,
        verdict="yes",
        citations=[CitedSpan(1, "d", 0, 8)],
        index_version="v1",
        language="da",
    )
    store.add(
        question='=HYPERLINK("x") "quoted", with comma',
        verdict="no",
        answered=False,
        comment="line one\nline two",
    )


def test_export_jsonl(store: FeedbackStore) -> None:
    _two_rows(store)
    out = io.StringIO()
    assert store.export(out, "jsonl") == 2
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in rows] == [1, 2]
    assert list(rows[0]) == list(COLUMNS)
    assert rows[0]["citations"] == [{"n": 1, "doc_id": "d", "start": 0, "end": 8}]
    assert rows[1]["question"] == '=HYPERLINK("x") "quoted", with comma'
    assert rows[1]["comment"] == "line one\nline two"
    assert rows[1]["answer"] is None and rows[1]["answered"] is False


def test_export_csv_quotes_and_defuses_formulas(store: FeedbackStore) -> None:
    _two_rows(store)
    out = io.StringIO()
    assert store.export(out, "csv") == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == list(COLUMNS)
    assert rows[0]["question"] == "Hvornår kom NemID?"
    assert json.loads(rows[0]["citations"]) == [{"n": 1, "doc_id": "d", "start": 0, "end": 8}]
    # A spreadsheet must not run it as a formula.
    assert rows[1]["question"] == """'=HYPERLINK("x") "quoted", with comma"""
    assert rows[1]["comment"] == "line one\nline two"


def test_export_of_an_empty_store_writes_only_the_header(store: FeedbackStore) -> None:
    out = io.StringIO()
    assert store.export(out, "csv") == 0
    assert out.getvalue() == ",".join(COLUMNS) + "\n"


def test_cli_export(store: FeedbackStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _two_rows(store)
    runner = CliRunner()
    result = runner.invoke(feedback_app, ["export", "--format", "jsonl", "--db", str(store.path)])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1, 2]
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(feedback_app, ["export", "-f", "jsonl", "--db", str(store.path), "-o", "-"])
    assert not (tmp_path / "-").exists()  # "-" is standard output, not a file named "-"
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1, 2]
    assert result.stderr == "2 feedback row(s) exported\n"

    target = tmp_path / "out.csv"
    result = runner.invoke(feedback_app, ["export", "--db", str(store.path), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert len(list(csv.DictReader(target.open(encoding="utf-8")))) == 2

    result = runner.invoke(feedback_app, ["export", "--db", str(tmp_path / "missing.sqlite3")])
    assert result.exit_code == 1
    assert "No feedback database" in result.stderr
    result = runner.invoke(feedback_app, ["export", "--format", "xml", "--db", str(store.path)])
    assert result.exit_code != 0


def test_cli_export_to_a_folder_or_into_a_missing_folder_ends_with_an_error_line(
    store: FeedbackStore, tmp_path: Path
) -> None:
    _two_rows(store)
    runner = CliRunner()
    missing = tmp_path / "no-such-folder" / "f.csv"
    cases = [
        (
            ["-o", str(tmp_path)],
            f"--output {tmp_path} is a folder: name a file in it, e.g. --output {tmp_path / 'feedback.csv'}",
        ),
        (
            ["-o", str(missing)],
            f"--output {missing}: the folder {missing.parent} does not exist: create it, "
            "or name a file in a folder that exists",
        ),
    ]
    for args, message in cases:
        result = runner.invoke(feedback_app, ["export", "--db", str(store.path), *args])
        assert (result.exit_code, result.stderr) == (1, f"error: {message}\n"), args
    assert not missing.parent.exists()


def test_cli_export_into_a_folder_this_user_may_not_write_ends_with_an_error_line(
    store: FeedbackStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import qa.cli_support

    real_access = os.access  # the tests run as root, who may write anywhere: tmp_path is read-only to "this user"
    monkeypatch.setattr(
        qa.cli_support.os, "access", lambda path, mode: Path(path) != tmp_path and real_access(path, mode)
    )
    target = tmp_path / "f.csv"
    result = CliRunner().invoke(feedback_app, ["export", "--db", str(store.path), "-o", str(target)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: --output {target} may not be written by this user: name a file in a folder you may write to\n",
    )
    assert not target.exists()


@pytest.mark.parametrize("content", [b"not a database\n", b""])
def test_cli_export_of_a_file_that_is_not_a_feedback_database_ends_with_an_error_line(
    tmp_path: Path, content: bytes
) -> None:
    db = tmp_path / "feedback.sqlite3"
    db.write_bytes(content)
    target = tmp_path / "out.csv"
    result = CliRunner().invoke(feedback_app, ["export", "--db", str(db), "-o", str(target)])
    reason = "file is not a database" if content else "no such table: feedback"
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: {db} is not a feedback database ({reason}): point --db or QA_FEEDBACK_DB at the file "
        "`qa serve` stores feedback in\n",
    )
    assert not target.exists()


def test_cli_export_of_a_folder_as_the_database_ends_with_an_error_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(feedback_app, ["export", "--db", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: {tmp_path} is a folder, not a feedback database: point --db or QA_FEEDBACK_DB at its file\n",
    )


# --- the HTTP surface, on a small app that installs only the widget -----------------------


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        feedback_db=tmp_path / "not" / "yet" / "feedback.sqlite3",
        cors_origins=[ALLOWED],
        max_body_bytes=2048,
    )


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    app = FastAPI()

    @app.post("/echo")
    async def echo(body: dict[str, str]) -> dict[str, str]:
        return body

    install_widget(app, settings)
    with TestClient(app) as client:  # runs the lifespan: the feedback table is created
        yield client


@pytest.fixture
def app_client(settings: Settings, fake_engine: QAEngine) -> Iterator[TestClient]:
    """The whole app (its CORS is create_app's, outside every answer) with these settings."""
    with TestClient(create_app(settings, engine=fake_engine)) as client:
        yield client


FEEDBACK = {
    "question": "Hvornår blev Digital Post obligatorisk? Mit nr. er 0102031234",
    "answer": "Digital Post blev obligatorisk i 2014. [1]",
    "answered": True,
    "citations": [{"n": 1, "doc_id": "doc", "start": 5, "end": 42, "quote": "ignored"}],
    "verdict": "yes",
    "comment": "  Fint! Skriv til mig på a.b@c.dk  ",
    "index_version": "v7",
    "language": "da",
}


def test_table_is_created_at_start_in_a_new_folder(settings: Settings, client: TestClient) -> None:
    with sqlite3.connect(settings.feedback_db) as conn:
        tables = conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    assert ("feedback",) in tables


def test_post_feedback_stores_it_redacted(settings: Settings, client: TestClient) -> None:
    response = client.post("/feedback", json=FEEDBACK)
    assert response.status_code == 201, response.text
    assert response.json()["id"] == 1
    (row,) = FeedbackStore(settings.feedback_db).rows()
    assert row["question"] == "Hvornår blev Digital Post obligatorisk? Mit nr. er [CPR]"
    assert row["comment"] == "Fint! Skriv til mig på [EMAIL]"
    assert row["citations"] == [{"n": 1, "doc_id": "doc", "start": 5, "end": 42}]
    assert row["verdict"] == "yes" and row["answered"] is True and row["index_version"] == "v7"


@pytest.mark.parametrize(
    "change",
    [
        {"verdict": "maybe"},
        {"question": ""},
        {"question": "x" * 1001},
        {"citations": [{"n": 1, "doc_id": "d", "start": -1, "end": 3}]},
        {"language": "de"},
    ],
)
def test_post_feedback_refuses_bad_input_with_4xx(client: TestClient, change: dict[str, object]) -> None:
    response = client.post("/feedback", json={**FEEDBACK, **change})
    assert response.status_code == 422
    assert "detail" in response.json()


def test_cors_allows_only_listed_origins(app_client: TestClient) -> None:
    client = app_client
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    ok = client.options("/feedback", headers={"Origin": ALLOWED, **preflight})
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == ALLOWED
    assert "POST" in ok.headers["access-control-allow-methods"]
    assert "content-type" in ok.headers["access-control-allow-headers"].lower()

    denied = client.options("/feedback", headers={"Origin": "https://evil.example", **preflight})
    assert denied.status_code == 400
    assert "access-control-allow-origin" not in denied.headers

    simple = client.post("/feedback", json=FEEDBACK, headers={"Origin": ALLOWED})
    assert simple.headers["access-control-allow-origin"] == ALLOWED
    other = client.post("/feedback", json=FEEDBACK, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_cors_default_allows_no_other_origin(tmp_path: Path, fake_engine: QAEngine) -> None:
    app = create_app(Settings(feedback_db=tmp_path / "fb.sqlite3"), engine=fake_engine)
    with TestClient(app) as client:
        response = client.get("/widget.js", headers={"Origin": "https://kommune.example"})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


def test_body_over_the_limit_is_413_by_content_length(client: TestClient, app_client: TestClient) -> None:
    big = {**FEEDBACK, "comment": "x" * 3000}
    response = client.post("/feedback", json=big, headers={"Origin": ALLOWED})
    assert response.status_code == 413
    assert response.json() == {"detail": "Request body larger than 2048 bytes."}
    # The widget on an allowed origin can read the refusal.
    refused = app_client.post("/feedback", json=big, headers={"Origin": ALLOWED})
    assert (refused.status_code, refused.json()) == (413, response.json())
    assert refused.headers["access-control-allow-origin"] == ALLOWED


def test_body_over_the_limit_is_413_when_streamed_without_length(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"question": "'
        for _ in range(10):
            yield b"y" * 500
        yield b'"}'

    response = client.post("/echo", content=chunks(), headers={"Content-Type": "application/json"})
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert response.json() == {"detail": "Request body larger than 2048 bytes."}


def test_body_under_the_limit_passes(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"question": '
        yield b'"kort"}'

    response = client.post("/echo", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 200
    assert response.json() == {"question": "kort"}


def test_demo_page_has_a_strict_csp(client: TestClient) -> None:
    for lang, marker in (("da", "Spørg"), ("en", "Ask about"), ("xx", "Spørg")):
        response = client.get("/", params={"lang": lang})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        csp = response.headers["content-security-policy"]
        assert csp == DEMO_CSP
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert marker in response.text
        assert '<script src="/widget.js" defer></script>' in response.text
        assert "<qa-help" in response.text and "$" not in response.text


def test_widget_js_is_served_with_type_and_cache_headers(client: TestClient) -> None:
    response = client.get("/widget.js")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/javascript; charset=utf-8"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "max-age=" in response.headers["cache-control"]
    assert 'customElements.define("qa-help"' in response.text
    assert "innerHTML" not in response.text and "eval(" not in response.text
    etag = response.headers["etag"]
    again = client.get("/widget.js", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert client.get("/demo.css").headers["content-type"] == "text/css; charset=utf-8"


# --- a store that cannot be written -------------------------------------------------------


def test_a_store_that_becomes_read_only_answers_503_saying_so(
    app_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    store: FeedbackStore = app_client.app.state.feedback_store  # type: ignore[attr-defined]
    assert app_client.post("/feedback", json=FEEDBACK).status_code == 201

    @contextmanager
    def read_only(read_only: bool = False) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(f"{store.path.resolve().as_uri()}?mode=ro", uri=True)
        with closing(conn), conn:
            yield conn

    monkeypatch.setattr(store, "_connect", read_only)
    response = app_client.post("/feedback", json=FEEDBACK)
    assert response.status_code == 503
    assert response.json() == {
        "detail": "The feedback store cannot be written (attempt to write a readonly database): feedback is not "
        "accepted until the operator makes the file in QA_FEEDBACK_DB and its folder writable. "
        "Questions are answered as usual."
    }
    assert "retry-after" not in response.headers


def test_a_store_file_removed_while_serving_is_made_again_with_its_table(app_client: TestClient) -> None:
    store: FeedbackStore = app_client.app.state.feedback_store  # type: ignore[attr-defined]
    assert app_client.post("/feedback", json=FEEDBACK).status_code == 201
    store.path.unlink()
    assert app_client.post("/feedback", json=FEEDBACK).status_code == 201
    assert [row["verdict"] for row in store.rows()] == ["yes"]


def test_a_store_file_that_is_no_database_answers_503_saying_to_move_it_away(app_client: TestClient) -> None:
    store: FeedbackStore = app_client.app.state.feedback_store  # type: ignore[attr-defined]
    store.path.write_text("hello\n" * 200, encoding="utf-8")
    response = app_client.post("/feedback", json=FEEDBACK)
    assert (response.status_code, response.json()) == (
        503,
        {
            "detail": "The feedback store is damaged (file is not a database): feedback is not accepted until the "
            "operator moves the file in QA_FEEDBACK_DB away (a new one is made). Questions are answered as usual."
        },
    )


def test_an_unwritable_store_at_start_leaves_questions_answered_and_feedback_503(
    fake_engine: QAEngine, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "feedback.sqlite3"
    folder.mkdir()  # a folder where the file should be: SQLite cannot open it, even as root
    settings = Settings(feedback_db=folder, index_dir=tmp_path / "none", cors_origins=[ALLOWED])
    with TestClient(create_app(settings, engine=fake_engine)) as client:
        ask = client.post("/ask", json={"question": "Hvad er NemID?"})
        search = client.get("/search", params={"q": "NemID"})
        ready = client.get("/readyz")
        feedback = [client.post("/feedback", json=FEEDBACK, headers={"Origin": ALLOWED}) for _ in range(2)]
    assert (ask.status_code, search.status_code) == (200, 200)
    assert (ready.status_code, ready.json()["status"]) == (200, "ready")
    for response in feedback:
        assert response.status_code == 503
        assert response.json() == {
            "detail": "Feedback is not accepted: the feedback store (QA_FEEDBACK_DB) cannot be opened (unable to "
            "open database file): the operator must make it writable by the service or set QA_FEEDBACK_DB to a "
            "writable file. Questions are answered as usual."
        }
        assert response.headers["access-control-allow-origin"] == ALLOWED
    errors = [r.getMessage() for r in caplog.records if r.name == "api.widget" and r.levelname == "ERROR"]
    assert errors == [
        f"feedback is not stored: QA_FEEDBACK_DB={folder} cannot be opened (unable to open database file): make "
        "it and its folder writable by the service, or set QA_FEEDBACK_DB to a writable file; questions are "
        "answered as usual, POST /feedback answers 503 until then"
    ]


def test_a_store_that_could_not_be_opened_at_start_takes_feedback_once_it_can(
    fake_engine: QAEngine, tmp_path: Path
) -> None:
    path = tmp_path / "feedback.sqlite3"
    path.mkdir()
    settings = Settings(feedback_db=path, index_dir=tmp_path / "none")
    with TestClient(create_app(settings, engine=fake_engine)) as client:
        assert client.post("/feedback", json=FEEDBACK).status_code == 503
        path.rmdir()  # the operator fixes it; no restart
        assert client.post("/feedback", json=FEEDBACK).status_code == 201
    assert len(list(FeedbackStore(path).rows())) == 1


class _FullDisk:
    """A connection whose every statement fails as SQLite does on a full disk."""

    def execute(self, *_: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")


def _full_disk(read_only: bool = False) -> Iterator[_FullDisk]:
    yield _FullDisk()


def test_a_full_disk_is_not_reported_as_a_full_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    for max_bytes in (64 * 2**20, None):  # far from its cap, and without one
        store = FeedbackStore(tmp_path / f"fb-{max_bytes}.sqlite3", max_bytes=max_bytes)
        store.create()
        store.add(question="Hvad er NemID?", verdict="yes")
        monkeypatch.setattr(store, "_connect", contextmanager(_full_disk))
        with pytest.raises(FeedbackFullError) as raised:
            store.add(question="Hvad er NemID?", verdict="no")
        assert str(raised.value) == (
            "The disk holding the feedback store is full: free space on it. Feedback is not accepted "
            "until then; questions are answered as usual."
        )
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == [
        f"feedback not stored: the disk holding {tmp_path}/fb-{size}.sqlite3 is full (database or disk is full)"
        for size in (64 * 2**20, None)
    ]


def test_a_store_at_its_cap_is_reported_full_over_http(app_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    store: FeedbackStore = app_client.app.state.feedback_store  # type: ignore[attr-defined]
    monkeypatch.setattr(store, "max_bytes", store.path.stat().st_size + 1000)
    monkeypatch.setattr(store, "_connect", contextmanager(_full_disk))
    response = app_client.post("/feedback", json=FEEDBACK)
    assert (response.status_code, response.headers["retry-after"]) == (503, "3600")
    assert response.json() == {
        "detail": f"The feedback store is full ({store.max_bytes} bytes, QA_FEEDBACK_MAX_MB): feedback is not "
        "accepted until old rows expire (QA_FEEDBACK_RETENTION_DAYS) or the operator exports it (`qa feedback "
        "export`) and clears it (`qa feedback clear --all`)."
    }


def test_a_store_whose_folder_cannot_be_made_again_says_why_without_its_path(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("a file where the folder was\n", encoding="utf-8")
    store = FeedbackStore(tmp_path / "data" / "feedback.sqlite3")
    with pytest.raises(FeedbackUnwritableError) as caught:
        store.add(question="Hvad er NemID?", verdict="yes")
    assert str(caught.value) == (
        "The feedback store cannot be written (unable to open database file): feedback is not accepted until the "
        "operator makes the file in QA_FEEDBACK_DB and its folder writable. Questions are answered as usual."
    )
