"""Load control: bounded query pool, fast 503s, rate limits (429), trusted hosts, body timeout."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import socket
import statistics
import sys
import threading
import time
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import httpx
import numpy as np
import pytest
from fastapi.testclient import TestClient
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import PlainTextResponse

from api.app import create_app
from api.cors import cors_options, simple_cors_headers
from api.limits import OVERLOADED, Overloaded, QueryGate, QueryTimeout
from api.server import HeaderTimeoutH11Protocol
from bench.capacity import run_load
from bench.http_load import memory_mb
from qa.engine import QAEngine
from qa.settings import Settings
from tests.conftest import ROOT
from tests.fake_server import fake_server
from tests.fakes import UNLIMITED, app_settings
from tests.live_server import live_server

T = TypeVar("T")


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion on a fresh event loop in its own thread: the browser
    tests' Playwright (sync API) keeps a loop running in the main thread for the session,
    where `asyncio.run` refuses to start."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _p(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


# --- the gate on its own ----------------------------------------------------------------------


def test_gate_admits_workers_plus_queue_and_refuses_the_next_at_once() -> None:
    gate = QueryGate(workers=1, queue=1, timeout_s=5)
    release = threading.Event()

    async def scenario() -> list[str]:
        first = asyncio.ensure_future(gate.run(release.wait))
        second = asyncio.ensure_future(gate.run(release.wait))
        await asyncio.sleep(0.05)
        outcome = []
        try:
            await gate.run(release.wait)
        except Overloaded:
            outcome.append("refused")
        assert gate.admitted == 2
        release.set()
        outcome += [str(await first), str(await second)]
        return outcome

    assert _run(scenario()) == ["refused", "True", "True"]
    assert gate.admitted == 0
    gate.shutdown()


def test_gate_times_out_and_keeps_the_slot_until_the_thread_finishes() -> None:
    gate = QueryGate(workers=1, queue=0, timeout_s=0.05)
    release = threading.Event()

    async def scenario() -> None:
        with pytest.raises(QueryTimeout, match="no answer within 0.05 s"):
            await gate.run(release.wait)
        assert gate.admitted == 1  # the thread still runs: still counted
        with pytest.raises(Overloaded):
            await gate.run(release.wait)
        release.set()
        await asyncio.sleep(0.05)
        assert gate.admitted == 0

    _run(scenario())
    gate.shutdown()


def _thread_nice(tid: int) -> int:
    return int(Path(f"/proc/self/task/{tid}/stat").read_text().rsplit(")", 1)[1].split()[16])


@pytest.mark.skipif(sys.platform != "linux", reason="per-thread priority is a Linux feature")
def test_query_threads_run_at_lower_priority_than_the_event_loop() -> None:
    gate = QueryGate(workers=1, queue=0, timeout_s=5, nice=10)

    async def scenario() -> tuple[int, int]:
        query = await gate.run(lambda: _thread_nice(threading.get_native_id()))
        return query, _thread_nice(threading.get_native_id())

    query, loop = _run(scenario())
    gate.shutdown()
    assert query == loop + 10 or query == 19


def test_refusals_before_routing_match_the_routes_own(fake_engine: QAEngine, tmp_path: Path) -> None:
    """While the gate is full, /ask and /search are refused before routing (even an
    invalid question) with the same 503 the route gives, and counted; other routes answer."""
    settings = _app_settings(tmp_path, query_workers=1, query_queue=0, retry_after_seconds=2)
    app = create_app(settings, engine=fake_engine)
    release = threading.Event()
    with TestClient(app) as client:
        gate: QueryGate = app.state.gate
        held = ThreadPoolExecutor(max_workers=1).submit(_run, gate.run(release.wait))
        deadline = time.monotonic() + 5
        while not gate.full and time.monotonic() < deadline:
            time.sleep(0.01)
        try:
            ask = client.post("/ask", json={"question": "Hvad er NemID?"})
            invalid = client.post("/ask", json={"question": ""})
            search = client.get("/search", params={"q": "NemID"}, headers={"Origin": "http://x.example"})
            health = client.get("/healthz")
        finally:
            release.set()
            held.result(timeout=5)
        metrics = client.get("/metrics").text
    for refused in (ask, invalid, search):
        assert refused.status_code == 503
        assert refused.json() == {"detail": OVERLOADED}
        assert refused.headers["retry-after"] == "2"
        assert refused.headers["x-request-id"]
    assert health.status_code == 200
    assert 'qa_refused_total{reason="overloaded"} 3.0' in metrics
    assert 'qa_http_requests_total{method="POST",route="/ask",status="503"} 2.0' in metrics


@pytest.mark.parametrize(("workers", "queue", "timeout"), [(0, 1, 1.0), (1, -1, 1.0), (1, 1, 0.0)])
def test_gate_refuses_impossible_settings(workers: int, queue: int, timeout: float) -> None:
    with pytest.raises(ValueError, match="workers must be >= 1"):
        QueryGate(workers, queue, timeout)


# --- over HTTP ------------------------------------------------------------------------------------


def _app_settings(tmp_path: Path, **changes: object) -> Settings:
    return app_settings(tmp_path / "unused", tmp_path / "feedback.sqlite3", **changes)


def test_rate_limits_answer_429_with_retry_after_per_route(fake_engine: QAEngine, tmp_path: Path) -> None:
    settings = _app_settings(
        tmp_path, rate_limit_ask="2/minute", rate_limit_search="3/minute", rate_limit_feedback="1/minute"
    )
    with TestClient(create_app(settings, engine=fake_engine)) as client:
        asks = [client.post("/ask", json={"question": "Hvad er NemID?"}).status_code for _ in range(3)]
        assert asks == [200, 200, 429]
        refused = client.post("/ask", json={"question": "Hvad er NemID?"})
        assert refused.json() == {
            "detail": "Too many requests from your address: at most 2 per 1 minute on /ask. "
            f"Try again in {refused.headers['retry-after']} s."
        }
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert refused.headers["x-request-id"]
        searches = [client.get("/search", params={"q": "NemID"}).status_code for _ in range(4)]
        assert searches == [200, 200, 200, 429]
        feedback = {"question": "Hvad er NemID?", "verdict": "yes"}
        assert [client.post("/feedback", json=feedback).status_code for _ in range(2)] == [201, 429]
        # Other routes are not limited.
        assert all(client.get("/healthz").status_code == 200 for _ in range(5))


def test_the_document_routes_have_a_rate_limit_of_their_own(fake_engine: QAEngine, tmp_path: Path) -> None:
    settings = _app_settings(tmp_path, rate_limit_documents="2/minute")
    doc = "/documents/20-aars-faelles-digitaliseringsstrategier"
    with TestClient(create_app(settings, engine=fake_engine)) as client:
        # GET and HEAD of the list share one count; every document shares another.
        listed = [client.get("/documents"), client.head("/documents"), client.get("/documents")]
        assert [r.status_code for r in listed] == [200, 200, 429]
        assert listed[2].json() == {
            "detail": "Too many requests from your address: at most 2 per 1 minute on /documents. "
            f"Try again in {listed[2].headers['retry-after']} s."
        }
        shown = [client.get(doc), client.get("/documents/nope"), client.get(doc + "?start=5")]
        assert [r.status_code for r in shown] == [200, 404, 429]
        assert shown[2].json() == {
            "detail": "Too many requests from your address: at most 2 per 1 minute on /documents/{doc_id}. "
            f"Try again in {shown[2].headers['retry-after']} s."
        }
        assert client.get("/search", params={"q": "NemID"}).status_code == 200


ORIGIN = "https://kommune.example"
EXPOSED = "Retry-After, X-Request-ID, X-Index-Version, X-Total-Count"


def test_every_refusal_to_an_allowed_origin_carries_cors_and_exposes_retry_after(
    fake_engine: QAEngine, tmp_path: Path
) -> None:
    # A page on another site reads a refusal only when it carries CORS headers: without
    # them the widget sees a network error, not the 429's busy message or its Retry-After.
    settings = _app_settings(
        tmp_path,
        cors_origins=[ORIGIN],
        rate_limit_search="1/minute",
        rate_limit_feedback="1/minute",
        max_body_bytes=2048,
        max_header_bytes=4096,
    )
    feedback = {"question": "Hvad er NemID?", "verdict": "yes"}
    with TestClient(create_app(settings, engine=fake_engine)) as client:

        def both(send: Any) -> tuple[httpx.Response, httpx.Response]:
            return send({"Origin": ORIGIN}), send({"Origin": "https://evil.example"})

        searched = client.get("/search", params={"q": "NemID"}, headers={"Origin": ORIGIN})
        client.post("/feedback", json=feedback, headers={"Origin": ORIGIN})
        refusals = {
            429: both(lambda h: client.get("/search", params={"q": "NemID"}, headers=h)),
            413: both(lambda h: client.post("/ask", content=b"x" * 3000, headers=h)),
            431: both(lambda h: client.get("/healthz", headers={**h, "X-Pad": "x" * 5000})),
            400: both(lambda h: client.post("/ask", content=b"{}", headers={**h, "Content-Length": "x"})),
        }
        feedback_429 = both(lambda h: client.post("/feedback", json=feedback, headers=h))
        holder = client.app.state.holder  # type: ignore[attr-defined]
        holder.engine = None  # not ready: 503
        refusals[503] = both(lambda h: client.get("/documents", headers=h))
    assert searched.status_code == 200
    assert searched.headers["access-control-allow-origin"] == ORIGIN
    assert searched.headers["access-control-expose-headers"] == EXPOSED
    assert [r.status_code for r in feedback_429] == [429, 429]
    for status, (allowed, denied) in [*refusals.items(), (429, feedback_429)]:
        assert (allowed.status_code, denied.status_code) == (status, status)
        assert allowed.headers["access-control-allow-origin"] == ORIGIN, status
        assert allowed.headers["access-control-expose-headers"] == EXPOSED, status
        assert allowed.headers["vary"] == "Origin", status
        assert allowed.headers["x-request-id"], status
        assert allowed.headers["content-type"] == "application/json", status
        # Starlette names the exposed headers to every Origin; without an allowed origin
        # they grant nothing: the browser lets the page read no part of the answer.
        assert "access-control-allow-origin" not in denied.headers, status
        assert "access-control-allow-credentials" not in denied.headers, status
    allowed_429 = refusals[429][0]
    assert 1 <= int(allowed_429.headers["retry-after"]) <= 60
    assert allowed_429.json()["detail"].startswith("Too many requests from your address: at most 1 per 1 minute")


def test_a_page_on_an_allowed_origin_may_read_the_document_count_of_a_listing_page(
    fake_engine: QAEngine, tmp_path: Path
) -> None:
    # A browser hides every response header that Access-Control-Expose-Headers does not
    # name: a page paging through /documents could not read how many there are.
    settings = _app_settings(tmp_path, cors_origins=[ORIGIN])
    with TestClient(create_app(settings, engine=fake_engine)) as client:
        page = client.get("/documents", params={"limit": 1}, headers={"Origin": ORIGIN})
    assert page.status_code == 200
    assert page.headers["access-control-allow-origin"] == ORIGIN
    assert page.headers["x-total-count"] == str(len(fake_engine.data.documents))
    exposed = [name.strip() for name in page.headers["access-control-expose-headers"].split(",")]
    assert exposed == ["Retry-After", "X-Request-ID", "X-Index-Version", "X-Total-Count"]


def test_hosts_outside_the_allowed_list_get_a_json_400_and_no_redirect_echoes_the_host(
    fake_engine: QAEngine, tmp_path: Path
) -> None:
    settings = _app_settings(tmp_path, allowed_hosts="hjaelp.kommune.example,127.0.0.1")
    with TestClient(create_app(settings, engine=fake_engine), base_url="http://hjaelp.kommune.example") as client:
        assert client.get("/healthz").status_code == 200
        evil = client.get("/healthz", headers={"host": "evil.example"})
        assert evil.status_code == 400
        assert evil.headers["content-type"] == "application/json"
        assert evil.json() == {"detail": "Invalid host header"}
        assert "evil.example" not in evil.headers.get("location", "")
        slash = client.get("/docs/", follow_redirects=False)
        assert slash.status_code == 404 and "location" not in slash.headers


def _too_many_header_bytes(limit: int) -> dict[str, str]:
    return {
        "detail": f"The request line and headers are larger than {limit} bytes (QA_MAX_HEADER_BYTES): "
        "send fewer or shorter headers."
    }


def test_headers_larger_than_the_limit_get_431_even_in_one_piece(fake_engine: QAEngine, tmp_path: Path) -> None:
    with TestClient(create_app(_app_settings(tmp_path), engine=fake_engine)) as client:
        response = client.get("/healthz", headers={"X-Pad": "x" * 60_000})
        assert response.status_code == 431
        assert response.json() == _too_many_header_bytes(16384)
        assert response.headers["x-request-id"]
        assert client.get("/healthz", headers={"X-Pad": "x" * 15_000}).status_code == 200


def _raw_request(size: int) -> bytes:
    """A GET /healthz of exactly ``size`` bytes of request line and headers."""
    head = b"GET /healthz?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Pad: "
    return head + b"x" * (size - len(head) - 4) + b"\r\n\r\n"


def test_a_real_server_takes_headers_up_to_the_limit_and_answers_431_beyond(
    fake_engine: QAEngine, tmp_path: Path
) -> None:
    settings = _app_settings(tmp_path, max_header_bytes=2048)
    with live_server(create_app(settings, engine=fake_engine)) as base:
        port = int(base.rsplit(":", 1)[1])
        replies = []
        for size in (2048, 2049):
            with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
                conn.sendall(_raw_request(size))
                replies.append(b"".join(iter(lambda: conn.recv(65536), b"")).decode())
    assert replies[0].startswith("HTTP/1.1 200 ")
    assert replies[1].startswith("HTTP/1.1 431 ")
    assert replies[1].endswith("\r\n\r\n" + json.dumps(_too_many_header_bytes(2048), separators=(",", ":")))


class _SmallHeads(HeaderTimeoutH11Protocol):
    max_header_bytes = 2048


def test_a_head_past_h11s_bound_arriving_in_pieces_gets_the_same_json_431(
    fake_engine: QAEngine, tmp_path: Path
) -> None:
    # `qa serve` bounds h11's unparsed bytes at twice QA_MAX_HEADER_BYTES: a head that
    # grows past that before it is complete is refused by h11 (a plain-text 400 before),
    # not by the app.
    settings = _app_settings(tmp_path, max_header_bytes=2048)
    app = create_app(settings, engine=fake_engine)
    with live_server(app, http=_SmallHeads, h11_max_incomplete_event_size=2 * 2048) as base:
        port = int(base.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            head = _raw_request(6000)[:-4]  # never the blank line that ends it
            for start in range(0, len(head), 1500):
                conn.sendall(head[start : start + 1500])
                time.sleep(0.05)
            reply = b"".join(iter(lambda: conn.recv(65536), b"")).decode()
    status, _, body = reply.partition("\r\n\r\n")
    assert status.splitlines()[0] == "HTTP/1.1 431 Request Header Fields Too Large"
    assert "content-type: application/json" in status.lower().splitlines()
    assert "connection: close" in status.lower().splitlines()
    assert json.loads(body) == _too_many_header_bytes(2048)


def _reply(port: int, pieces: list[bytes]) -> tuple[str, dict[str, str], str]:
    """Send ``pieces`` to 127.0.0.1:``port`` on one connection, 50 ms apart; the reply's
    status line, headers (lower-case names, each sent once) and body, once the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        for piece in pieces:
            conn.sendall(piece)
            time.sleep(0.05)
        reply = b"".join(iter(lambda: conn.recv(65536), b"")).decode()
    head, _, body = reply.partition("\r\n\r\n")
    status, *lines = head.split("\r\n")
    names = [line.partition(":")[0].lower() for line in lines]
    assert len(names) == len(set(names)), names
    return status, {n: line.partition(":")[2].strip() for n, line in zip(names, lines, strict=True)}, body


CORS_HEADERS = ("access-control-allow-origin", "access-control-expose-headers", "vary")
ALLOWED_CORS = {"access-control-allow-origin": ORIGIN, "access-control-expose-headers": EXPOSED, "vary": "Origin"}


def _cors(headers: dict[str, str]) -> dict[str, str]:
    return {name: headers[name] for name in CORS_HEADERS if name in headers}


class _SmallHeadsForOrigin(HeaderTimeoutH11Protocol):
    max_header_bytes = 2048
    cors_origins = [ORIGIN]


def test_a_head_past_h11s_bound_gets_the_apps_cors_headers_and_a_request_id(
    fake_engine: QAEngine, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A widget on another origin reads the 431 of a head h11 stopped, as it reads the app's
    # 431 (HeaderSizeLimitMiddleware) for a head that h11 parsed.
    from api.logs import RequestContextFilter

    caplog.set_level(logging.INFO, logger="qa.access")
    caplog.handler.addFilter(RequestContextFilter())
    settings = _app_settings(tmp_path, max_header_bytes=2048, cors_origins=[ORIGIN])
    app = create_app(settings, engine=fake_engine)
    options: dict[str, Any] = {"http": _SmallHeadsForOrigin, "h11_max_incomplete_event_size": 2 * 2048}
    with live_server(app, **options) as base:
        port = int(base.rsplit(":", 1)[1])
        for origin, given_id in ((ORIGIN, "widget-request-0001"), ("https://evil.example", None), (None, None)):
            lines = b"GET /ask?cpr=010203-1234 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            lines += f"Origin: {origin}\r\n".encode() if origin else b""
            in_app = _reply(port, [lines + b"Connection: close\r\nX-Pad: " + b"x" * 3000 + b"\r\n\r\n"])
            lines += f"X-Request-ID: {given_id}\r\n".encode() if given_id else b""
            stopped = _reply(port, [lines + b"X-Pad: " + b"x" * 1500] + [b"x" * 1500] * 3)  # never ends
            assert (in_app[0], stopped[0]) == ("HTTP/1.1 431 Request Header Fields Too Large",) * 2
            assert json.loads(stopped[2]) == json.loads(in_app[2]) == _too_many_header_bytes(2048)
            assert _cors(stopped[1]) == _cors(in_app[1]), origin
            if origin == ORIGIN:
                assert _cors(stopped[1]) == ALLOWED_CORS
            else:
                assert "access-control-allow-origin" not in stopped[1], origin
            assert (stopped[1]["content-type"], stopped[1]["connection"]) == ("application/json", "close")
            rid = stopped[1]["x-request-id"]
            assert rid == given_id if given_id else re.fullmatch("[0-9a-f]{32}", rid)
            logged = [r for r in caplog.records if r.name == "qa.access" and r.request_id == rid]  # type: ignore[attr-defined]
            assert [(r.method, r.path, r.status) for r in logged] == [("GET", "/ask?cpr=[CPR]", 431)]  # type: ignore[attr-defined]


@pytest.mark.parametrize("origins", [[ORIGIN], ["*"], []])
@pytest.mark.parametrize("origin", [ORIGIN, "https://evil.example", None])
def test_the_cors_headers_sent_below_the_app_are_the_apps_cors_middlewares(
    origins: list[str], origin: str | None
) -> None:
    cors = CORSMiddleware(PlainTextResponse("refused", 431), **cors_options(origins))
    response = TestClient(cors).get("/", headers={"Origin": origin} if origin else {})  # no lifespan
    added = [(k, v) for k, v in response.headers.items() if k.startswith("access-control-") or k == "vary"]
    assert sorted((k.decode(), v.decode()) for k, v in simple_cors_headers(cors, origin)) == sorted(added)


class _BusyForOrigin(HeaderTimeoutH11Protocol):
    retry_after_seconds = 3
    cors_origins = [ORIGIN]


def test_past_limit_concurrency_a_real_server_answers_a_json_503_with_retry_after_and_cors(
    fake_engine: QAEngine, tmp_path: Path
) -> None:
    # uvicorn's own answer was a plain-text 503 without CORS headers: "no connection" to a widget.
    app = create_app(_app_settings(tmp_path, cors_origins=[ORIGIN]), engine=fake_engine)
    with live_server(app, http=_BusyForOrigin, limit_concurrency=2) as base:
        port = int(base.rsplit(":", 1)[1])
        request = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        with socket.create_connection(("127.0.0.1", port), timeout=10) as kept:  # one open, the request's the second
            kept.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert kept.recv(65536).startswith(b"HTTP/1.1 200 OK\r\n")  # served: under the limit, and open
            allowed = _reply(
                port, [request + f"Origin: {ORIGIN}\r\nX-Request-ID: widget-request-0002\r\n\r\n".encode()]
            )
            denied = _reply(port, [request + b"Origin: https://evil.example\r\n\r\n"])
        time.sleep(0.2)  # the server sees the kept connection close
        served = _reply(port, [request + f"Origin: {ORIGIN}\r\n\r\n".encode()])
    body = {"detail": "The service has too many connections open (QA_LIMIT_CONCURRENCY): try again in a moment."}
    for status, headers, text in (allowed, denied):
        assert status == "HTTP/1.1 503 Service Unavailable"
        assert json.loads(text) == body
        assert (headers["content-type"], headers["retry-after"], headers["connection"]) == (
            "application/json",
            "3",
            "close",
        )
    assert _cors(allowed[1]) == ALLOWED_CORS
    assert allowed[1]["x-request-id"] == "widget-request-0002"
    assert "access-control-allow-origin" not in denied[1]
    assert re.fullmatch("[0-9a-f]{32}", denied[1]["x-request-id"])
    assert served[0] == "HTTP/1.1 200 OK"
    assert _cors(served[1]) == _cors(allowed[1])


def test_a_body_that_stops_arriving_gets_408(fake_engine: QAEngine, tmp_path: Path) -> None:
    settings = _app_settings(tmp_path, body_timeout_seconds=0.3)
    with live_server(create_app(settings, engine=fake_engine)) as base:
        port = int(base.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            conn.sendall(
                b"POST /ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                b'Content-Length: 100\r\n\r\n{"question": '
            )
            reply = conn.recv(4096).decode()
    assert reply.startswith("HTTP/1.1 408 ")
    assert '{"detail":"The request body did not arrive within 0.3 s: send it at once."}' in reply


class _QuickHeaders(HeaderTimeoutH11Protocol):
    header_timeout = 0.3


def test_a_client_that_trickles_its_headers_is_disconnected(fake_engine: QAEngine, tmp_path: Path) -> None:
    with live_server(create_app(_app_settings(tmp_path), engine=fake_engine), http=_QuickHeaders) as base:
        port = int(base.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as slow:
            slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
            started = time.monotonic()
            assert slow.recv(4096) == b""  # closed by the server, without an answer
            waited = time.monotonic() - started
        with socket.create_connection(("127.0.0.1", port), timeout=10) as quiet:
            assert quiet.recv(4096) == b""  # a connection that sends nothing at all is closed too
        # A prompt client on a kept-alive connection is not cut off between its requests.
        with httpx.Client(base_url=base) as http:
            assert [http.get("/healthz").status_code for _ in range(3)] == [200, 200, 200]
    print(f"\nslow headers: connection closed after {waited:.2f} s")


@pytest.mark.load
def test_load_at_four_times_capacity_is_refused_and_healthz_answered_with_bounded_memory(
    fake_index_root: Path, tmp_path: Path
) -> None:
    """Capacity: 2 query workers + 2 queued, 50 ms per question; 16 clients without pause
    and a /healthz prober, from a load generator in its own process (threads in this
    process would share the GIL and measure themselves), against a server in its own
    process. Asserts behaviour only; the times are printed (bench/capacity.py measures them)."""
    env = {
        "QA_INDEX_DIR": str(fake_index_root),
        "QA_FEEDBACK_DB": str(tmp_path / "feedback.sqlite3"),
        "QA_TEST_ENCODE_SECONDS": "0.05",
        "QA_QUERY_WORKERS": "2",
        "QA_QUERY_QUEUE": "2",
        "QA_RETRY_AFTER_SECONDS": "1",
        "QA_RATE_LIMIT_ASK": UNLIMITED,
        "QA_RELOAD_POLL_SECONDS": "0",
    }
    with fake_server(env, str(ROOT)) as (base, process):
        with httpx.Client(base_url=base, timeout=10) as http:  # warm: thread pool, first answers
            for _ in range(3):
                http.post("/ask", json={"question": "Hvornår blev Digital Post obligatorisk?"}).raise_for_status()
        before = memory_mb(process.pid)["rss"]
        log = run_load(base, clients=16, seconds=3, requests=4000, probe_ms=10, scratch=tmp_path)
        after = memory_mb(process.pid)["rss"]

    statuses = [s for s, _, _ in log["asks"]]
    ok = [ms for s, ms, _ in log["asks"] if s == 200]
    refused = [ms for s, ms, _ in log["asks"] if s == 503]
    health = [ms for _, ms in log["health"]]
    print(
        f"\n4x capacity: {len(statuses)} /ask, {len(ok)} answered (median {statistics.median(ok):.0f} ms),"
        f" {len(refused)} refused with 503 (median {statistics.median(refused):.1f} ms,"
        f" p99 {_p(refused, 99):.1f} ms); /healthz {len(health)} probes,"
        f" median {statistics.median(health):.1f} ms, p99 {_p(health, 99):.1f} ms;"
        f" server RSS {before:.0f} -> {after:.0f} MB"
    )
    assert set(statuses) == {200, 503}
    assert all(retry == "1" for s, _, retry in log["asks"] if s == 503)
    assert health and all(status == 200 for status, _ in log["health"])
    assert before > 0 and after - before < 64, f"RSS grew from {before:.0f} to {after:.0f} MB under load"


def test_an_access_log_line_shows_an_unknown_method_as_a_dash_and_cuts_a_path_of_tens_of_kilobytes(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from api.logs import log_access

    caplog.set_level(logging.INFO, logger="qa.access")
    log_access(None, "/" + "a" * 40000, 431, 1.0, "127.0.0.1")
    (record,) = [r for r in caplog.records if r.name == "qa.access"]
    assert record.getMessage() == "- /" + "a" * 1999 + "… (40001 characters) 431"
    assert record.method == "-"  # type: ignore[attr-defined]
