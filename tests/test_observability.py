"""Prometheus metrics, request ids on responses and log lines, JSON logging config."""

from __future__ import annotations

import io
import json
import logging
import logging.config
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.logs import log_config
from qa.engine import QAEngine
from qa.policy import AbstentionPolicy
from qa.settings import Settings
from tests.conftest import ROOT
from tests.fake_server import fake_server_process
from tests.fakes import UNLIMITED


@pytest.fixture()
def client(fake_engine: QAEngine, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(
        feedback_db=tmp_path / "feedback.sqlite3",
        index_dir=tmp_path / "unused",
        reload_poll_seconds=0,
        rate_limit_ask="2/minute",
        rate_limit_search=UNLIMITED,
    )
    with TestClient(create_app(settings, engine=fake_engine)) as client:
        yield client


def _sample(text: str, name: str, **labels: str) -> float:
    """The value of one series in Prometheus' text format."""
    for line in text.splitlines():
        match = re.fullmatch(rf"{name}(?:\{{(.*)\}})? (\S+)", line)
        if match and dict(re.findall(r'(\w+)="([^"]*)"', match.group(1) or "")) == labels:
            return float(match.group(2))
    raise AssertionError(f"no sample {name}{labels}")


def test_metrics_count_requests_per_route_answers_per_language_and_name_the_version(
    client: TestClient, fake_engine: QAEngine
) -> None:
    answer_all = AbstentionPolicy(replace(fake_engine.policy.model, threshold=0.0))
    abstain_all = AbstentionPolicy(replace(fake_engine.policy.model, threshold=1.0))
    fake_engine.policy = answer_all
    client.post("/ask", json={"question": "Hvornår blev digital kommunikation obligatorisk?"})
    fake_engine.policy = abstain_all
    client.post("/ask", json={"question": "How much does a new passport cost?"})
    client.post("/ask", json={"question": "Hvad er NemID?"})  # the third within a minute: 429
    client.get("/documents/nope")
    client.get("/documents/20-aars-faelles-digitaliseringsstrategier")
    client.get("/no/such/route")
    text = client.get("/metrics").text
    assert _sample(text, "qa_http_requests_total", route="/ask", method="POST", status="200") == 2
    assert _sample(text, "qa_http_requests_total", route="/ask", method="POST", status="429") == 1
    assert _sample(text, "qa_http_requests_total", route="/documents/{doc_id}", method="GET", status="404") == 1
    assert _sample(text, "qa_http_requests_total", route="/documents/{doc_id}", method="GET", status="200") == 1
    assert _sample(text, "qa_http_requests_total", route="unmatched", method="GET", status="404") == 1
    assert _sample(text, "qa_http_request_duration_seconds_count", route="/ask", method="POST") == 3
    assert _sample(text, "qa_answers_total", language="da", answered="true") == 1
    assert _sample(text, "qa_answers_total", language="en", answered="false") == 1
    assert _sample(text, "qa_refused_total", reason="rate_limited") == 1
    assert _sample(text, "qa_index_info", version=fake_engine.index_version) == 1
    assert _sample(text, "qa_index_age_seconds") >= 0
    assert _sample(text, "qa_queries_admitted") == 0


def test_every_response_carries_a_request_id_and_the_index_version(client: TestClient, fake_engine: QAEngine) -> None:
    ask = client.post("/ask", json={"question": "Hvad er NemKonto?"})
    assert re.fullmatch(r"[0-9a-f]{32}", ask.headers["x-request-id"])
    assert ask.headers["x-index-version"] == ask.json()["index_version"] == fake_engine.index_version
    assert client.get("/search", params={"q": "NemKonto"}).headers["x-index-version"] == fake_engine.index_version
    assert client.get("/readyz").headers["x-index-version"] == fake_engine.index_version
    other = client.get("/healthz")
    assert other.headers["x-request-id"] != ask.headers["x-request-id"]
    kept = client.get("/healthz", headers={"X-Request-ID": "proxy-1234.abc"})
    assert kept.headers["x-request-id"] == "proxy-1234.abc"
    replaced = client.get("/healthz", headers={"X-Request-ID": "<script>"})
    assert re.fullmatch(r"[0-9a-f]{32}", replaced.headers["x-request-id"])


@contextmanager
def _serve_log(fake_engine: QAEngine, tmp_path: Path) -> Iterator[tuple[TestClient, io.StringIO]]:
    """A client of the app logging as `qa serve` does (`log_config`, JSON lines), and the
    stream the lines go to."""
    config = log_config("INFO", json_lines=True)
    stream = io.StringIO()
    config["handlers"]["default"]["stream"] = stream
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    logging.config.dictConfig(config)
    try:
        settings = Settings(feedback_db=tmp_path / "f.sqlite3", reload_poll_seconds=0, rate_limit_search=UNLIMITED)
        with TestClient(create_app(settings, engine=fake_engine)) as client:
            yield client, stream
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])


def test_the_serve_log_config_writes_json_lines_with_the_request_id(fake_engine: QAEngine, tmp_path: Path) -> None:
    with _serve_log(fake_engine, tmp_path) as (client, stream):
        rid = client.get("/search", params={"q": "tlf 12 34 56 78"}).headers["x-request-id"]
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    (access,) = [line for line in lines if line["logger"] == "qa.access" and line["request_id"] == rid]
    assert access["path"] == "/search?q=tlf [TELEFON]" and access["status"] == 200
    assert access["message"] == "GET /search?q=tlf [TELEFON] 200"
    assert set(access) >= {"time", "level", "logger", "request_id", "method", "duration_ms", "client"}


@pytest.mark.parametrize("given", ["010203-1234", "010203.1234", "req.0102031234", "id-12345678"])
def test_a_caller_request_id_holding_personal_data_is_replaced_in_the_echo_and_the_log(
    fake_engine: QAEngine, tmp_path: Path, given: str
) -> None:
    with _serve_log(fake_engine, tmp_path) as (client, stream):
        rid = client.get("/healthz", headers={"X-Request-ID": given}).headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", rid)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    (access,) = [line for line in lines if line["logger"] == "qa.access"]
    assert (access["request_id"], access["message"]) == (rid, "GET /healthz 200")
    assert given not in stream.getvalue()


@pytest.mark.parametrize(
    "given",
    [
        "order-2026-12-03.42",
        # hex ids whose digit runs redaction reads as a CPR number: machine-made, kept
        "98f1311282134e93964013b2f9b88e14",
        "d054c578-2148-4eba-b7a5-d1005325490b",
        "0507042023c6c154",
    ],
)
def test_a_caller_request_id_without_personal_data_is_echoed_and_logged_as_sent(
    fake_engine: QAEngine, tmp_path: Path, given: str
) -> None:
    with _serve_log(fake_engine, tmp_path) as (client, stream):
        echoed = client.get("/healthz", headers={"X-Request-ID": given}).headers["x-request-id"]
    (access,) = [json.loads(line) for line in stream.getvalue().splitlines() if '"qa.access"' in line]
    assert echoed == access["request_id"] == given


@pytest.mark.load
def test_metrics_add_up_over_several_workers(fake_index_root: Path, tmp_path: Path) -> None:
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    env = {
        "QA_INDEX_DIR": str(fake_index_root),
        "QA_FEEDBACK_DB": str(tmp_path / "feedback.sqlite3"),
        "QA_RELOAD_POLL_SECONDS": "0",
        "QA_RATE_LIMIT_SEARCH": UNLIMITED,
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
    }
    with fake_server_process(env, str(ROOT), workers=2) as base:
        for _ in range(40):  # a new connection each: the kernel spreads them over the workers
            assert httpx.get(base + "/search", params={"q": "NemKonto"}, timeout=10).status_code == 200
        scrapes = [httpx.get(base + "/metrics", timeout=10).text for _ in range(10)]
    totals = {_sample(t, "qa_http_requests_total", route="/search", method="GET", status="200") for t in scrapes}
    assert totals == {40.0}  # whichever worker answers the scrape, it reports both workers' requests
    workers = set(re.findall(r'qa_worker_info\{pid="\d+",worker="(\d+)"\}', scrapes[-1]))
    print(f"\nworkers reporting: {sorted(workers)}")
    assert len(workers) == 2
