"""The CPR matrix over the service: 0 leaks in the logs, error bodies, feedback and exports."""

from __future__ import annotations

import io
import json
import logging
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from pythonjsonlogger.json import JsonFormatter

from api.app import create_app
from api.logs import RedactingFilter, RequestContextFilter
from qa.engine import QAEngine
from qa.feedback import FeedbackStore
from qa.settings import Settings
from tests.fakes import UNLIMITED, app_settings
from tests.test_redaction import CPR_FORMS

# 010203-1234 with anything but digits (or nothing) between its groups, after NFKC.
_LEAK = re.compile(r"01\D{0,3}02\D{0,3}03\D{0,3}1234")


def leaks(text: str) -> list[str]:
    """The CPR number 010203-1234 in any written form found in ``text``."""
    plain = unicodedata.normalize("NFKC", text)
    plain = "".join(str(unicodedata.digit(c)) if c.isdecimal() else c for c in plain)
    return _LEAK.findall(plain)


def test_the_leak_detector_finds_every_form() -> None:
    assert all(leaks(f"x {form} y") for form in CPR_FORMS)
    assert leaks("[CPR] 2016-2020 01-02-2003") == []


@pytest.fixture()
def log_stream() -> Iterator[io.StringIO]:
    """Every log record as a JSON line, through the same filters as `qa serve` (api.logs)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestContextFilter())
    handler.addFilter(RedactingFilter())
    handler.setFormatter(JsonFormatter("%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


@pytest.fixture()
def client(fake_engine: QAEngine, tmp_path: Path) -> Iterator[TestClient]:
    settings = app_settings(tmp_path / "unused", tmp_path / "feedback.sqlite3")
    with TestClient(create_app(settings, engine=fake_engine), raise_server_exceptions=False) as client:
        yield client


def test_cpr_matrix_leaks_nowhere(client: TestClient, log_stream: io.StringIO, tmp_path: Path) -> None:
    error_bodies: list[str] = []  # a 200 /ask echoes the asker's own question: that is the contract
    for form in CPR_FORMS:
        responses = [
            client.get("/search", params={"q": f"mit cpr {form}"}),
            client.get("/search", params={"q": f"mit cpr {form}", "k": 99}),
            client.get(f"/documents/{quote(form, safe='')}"),
            client.get(f"/documents/cpr {form}"),
            client.post("/ask", json={"question": f"Mit CPR er {form}"}),
            client.post("/ask", json={"question": f"Mit CPR er {form}", "top_k": 99}),
            client.post("/ask", json={"question": f"Mit CPR er {form}", "top_k": "fem"}),
        ]
        error_bodies += [r.text for r in responses if r.status_code >= 400]
        feedback = {
            "question": f"Mit CPR er {form}",
            "answer": f"svar {form}",
            "comment": f"ring {form}",
            "verdict": "no",
            "citations": [{"n": 1, "doc_id": f"doc {form}", "start": 0, "end": 4}],
            "index_version": "v1",
            "language": "da",
        }
        response = client.post("/feedback", json=feedback)
        assert response.status_code == 201, response.text
        error_bodies.append(client.post("/feedback", json={**feedback, "index_version": f"v {form}"}).text)
        logging.getLogger("qa.test").info("the user wrote %s", form)  # the application log

    # Error bodies: the 404 names the id, redacted.
    assert client.get("/documents/010203-1234").json() == {
        "detail": "no document with id '[CPR]': GET /documents lists them"
    }
    assert len(error_bodies) == 6 * len(CPR_FORMS)
    assert [b for b in error_bodies if leaks(b)] == []

    # The service's log; the test client's own request log (httpx) is not the service's.
    lines = [json.loads(line) for line in log_stream.getvalue().splitlines()]
    lines = [line for line in lines if not line["name"].startswith("httpx")]
    access = [line for line in lines if line["name"] == "qa.access"]
    assert len(access) >= 9 * len(CPR_FORMS)
    assert any(line["path"].startswith("/search?q=mit cpr [CPR]") for line in access)
    assert any(line["path"] == "/documents/[CPR]" for line in access)
    assert sum(line["message"] == "the user wrote [CPR]" for line in lines) == len(CPR_FORMS)
    assert [line for line in lines if leaks(json.dumps(line, ensure_ascii=False))] == []

    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    rows = list(store.rows())
    assert len(rows) == len(CPR_FORMS)
    assert [r for r in rows if leaks(json.dumps(r, ensure_ascii=False))] == []
    assert {r["index_version"] for r in rows} == {"v1"}
    for fmt in ("csv", "jsonl"):
        out = io.StringIO()
        assert store.export(out, fmt) == len(rows)  # type: ignore[arg-type]
        assert leaks(out.getvalue()) == []


def test_a_malformed_index_version_is_refused_by_the_api_and_redacted_by_the_store(
    client: TestClient, tmp_path: Path
) -> None:
    response = client.post(
        "/feedback", json={"question": "Hvad er NemID?", "verdict": "yes", "index_version": "v 010203-1234"}
    )
    assert response.status_code == 422
    assert leaks(response.text) == []
    store = FeedbackStore(tmp_path / "direct.sqlite3")
    store.create()
    store.add(question="q", verdict="yes", index_version="x 010203-1234 " + "y" * 200)
    (row,) = store.rows()
    assert row["index_version"] == "x [CPR] " + "y" * 92


def test_old_feedback_expires_after_the_retention(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    store = FeedbackStore(tmp_path / "fb.sqlite3", retention_days=30)
    store.create()
    now = datetime.now(UTC)
    store.add(question="gammel", verdict="yes", created_at=now - timedelta(days=31))
    store.add(question="ny", verdict="yes", created_at=now - timedelta(days=29))
    assert [r["question"] for r in store.rows()] == ["ny"]  # the second add purged the first
    assert store.purge(now + timedelta(days=2)) == 1
    assert list(store.rows()) == []


def test_a_full_store_takes_new_feedback_once_expired_rows_make_room(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from qa.feedback import FeedbackFullError

    filling = FeedbackStore(tmp_path / "fb.sqlite3", max_bytes=64 * 1024)  # no retention while filling
    filling.create()
    old = datetime.now(UTC) - timedelta(days=31)
    with pytest.raises(FeedbackFullError):
        for _ in range(100):  # 100 x 9 kB > 64 kB: bounded
            filling.add(question="gammel", answer="a" * 9000, verdict="yes", created_at=old)
    store = FeedbackStore(tmp_path / "fb.sqlite3", retention_days=30, max_bytes=64 * 1024)
    assert store.add(question="ny", answer="a" * 9000, verdict="yes") > 0
    assert [r["question"] for r in store.rows()] == ["ny"]


def test_a_full_feedback_store_refuses_new_rows_with_503(fake_engine: QAEngine, tmp_path: Path) -> None:
    settings = Settings(
        feedback_db=tmp_path / "fb.sqlite3",
        feedback_max_mb=1,
        reload_poll_seconds=0,
        rate_limit_feedback=UNLIMITED,
    )
    with TestClient(create_app(settings, engine=fake_engine)) as client:
        statuses = []
        for _ in range(400):  # 400 x 10 kB > 1 MiB: bounded
            r = client.post("/feedback", json={"question": "q", "answer": "a" * 9000, "verdict": "yes"})
            statuses.append(r.status_code)
            if r.status_code != 201:
                break
    assert statuses[-1] == 503 and set(statuses[:-1]) == {201}
    assert r.headers["retry-after"] == "3600"
    assert r.json()["detail"].startswith("The feedback store is full (1048576 bytes, QA_FEEDBACK_MAX_MB)")
    assert (tmp_path / "fb.sqlite3").stat().st_size <= 1048576


def test_the_redacting_filter_covers_arguments_and_tracebacks() -> None:
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "cpr %s mail %s", ("0102031234", "a@b.dk"), None)
    try:
        raise ValueError("bad input 010203-1234")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    assert RedactingFilter().filter(record)
    assert record.getMessage() == "cpr [CPR] mail [EMAIL]"
    assert record.exc_text is not None and "ValueError: bad input [CPR]" in record.exc_text


def test_personal_data_behind_invisible_characters_is_redacted_in_the_log_feedback_and_exports(
    client: TestClient, log_stream: io.StringIO, tmp_path: Path
) -> None:
    assert client.get("/search?q=cpr+111111%C2%AD-1118").status_code == 200
    for question in ("Mit cpr er 111111\u00ad-1118", "mail hans\u200b@kommune.dk"):
        feedback = {"question": question, "comment": question, "verdict": "no"}
        assert client.post("/feedback", json=feedback).status_code == 201

    access = [json.loads(line) for line in log_stream.getvalue().splitlines()]
    assert [line["path"] for line in access if line["name"] == "qa.access"][0] == "/search?q=cpr [CPR]"
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    assert [(row["question"], row["comment"]) for row in store.rows()] == [
        ("Mit cpr er [CPR]", "Mit cpr er [CPR]"),
        ("mail [EMAIL]", "mail [EMAIL]"),
    ]
    out = io.StringIO()
    store.export(out, "jsonl")
    assert "1118" not in out.getvalue() and "hans" not in out.getvalue()


def test_a_cpr_number_as_a_json_key_is_redacted_in_the_error_location(client: TestClient) -> None:
    response = client.post("/ask", json={"question": "x", "111111-1118": 1})
    assert response.status_code == 422
    assert response.json() == {
        "detail": "[CPR]: Extra inputs are not permitted",
        "errors": [{"type": "extra_forbidden", "loc": ["body", "[CPR]"], "msg": "Extra inputs are not permitted"}],
    }
