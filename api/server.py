"""uvicorn's h11 protocol with a time limit on reading a request's headers, and JSON answers,
with CORS headers and a request id, for the refusals uvicorn sends below the app.

uvicorn closes idle keep-alive connections (``timeout_keep_alive``) but waits for ever
for the headers of a request that has begun to arrive, or for the first bytes of a new
connection: a client that trickles its headers (slowloris) holds a connection as long as
it likes. :class:`HeaderTimeoutH11Protocol` closes a connection whose request headers are
not complete ``QA_HEADER_TIMEOUT_SECONDS`` after the connection opened or the previous
response ended. After a response sent before the request's body was read (a fast 503), the
rest of that body, once it has all come, leaves the connection idle for ``timeout_keep_alive``
(QA_TIMEOUT_KEEP_ALIVE) as after any response (uvicorn stops that timer on any data and does
not restart it). ``qa serve`` runs uvicorn with ``http="api.server:HeaderTimeoutH11Protocol"``.

Two refusals never reach the app, so they would miss its JSON body, its CORS headers and
its request id, and a help widget on another origin would read them as "no connection":

- The app answers a head over ``QA_MAX_HEADER_BYTES`` with a JSON 431
  (``api.limits.HeaderSizeLimitMiddleware``), but only a head that h11 parsed: one that grows
  past h11's bound on unparsed bytes (``h11_max_incomplete_event_size``, twice
  ``QA_MAX_HEADER_BYTES`` in ``qa serve``) before it is complete never reaches the app, and
  uvicorn answers it with a plain-text 400. The protocol answers it with the app's 431
  (``api.limits.head_too_large``), the CORS headers the app would add for the Origin among
  the header lines that did arrive (``api.cors``, QA_CORS_ORIGINS), and an X-Request-ID.
- With ``limit_concurrency`` (QA_LIMIT_CONCURRENCY) connections or requests already open,
  uvicorn answers a request with its own plain-text 503, chosen where it picks the ASGI app
  for the request (``H11Protocol.handle_events``). The protocol takes that limit from
  uvicorn and makes the same choice when that app is asked for (:attr:`~HeaderTimeoutH11Protocol.app`),
  answering a JSON 503 with Retry-After (QA_RETRY_AFTER_SECONDS) through the app's access
  log (X-Request-ID) and CORS middleware instead.
"""

from __future__ import annotations

import asyncio
import functools
import sys
import time
from http import HTTPStatus
from typing import Any

import h11
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from api.cors import cors_options, simple_cors_headers
from api.limits import head_too_large
from api.logs import AccessLogMiddleware, log_access, request_id, request_id_for
from qa.settings import get_settings

__all__ = ["TOO_MANY_CONNECTIONS", "HeaderTimeoutH11Protocol", "too_many_connections"]

TOO_MANY_CONNECTIONS = "The service has too many connections open (QA_LIMIT_CONCURRENCY): try again in a moment."


def too_many_connections(retry_after_s: int, cors_origins: list[str]) -> ASGIApp:
    """The ASGI app that answers every request with the 503 ``{"detail": TOO_MANY_CONNECTIONS}``,
    ``Retry-After: retry_after_s`` and ``Connection: close``, through the app's access log
    (X-Request-ID, a log line) and its CORS middleware for ``cors_origins``."""

    async def refuse(scope: Scope, receive: Receive, send: Send) -> None:
        # A fresh response each time: the middlewares outside add their headers in place.
        headers = {"Retry-After": str(retry_after_s), "Connection": "close"}
        await JSONResponse({"detail": TOO_MANY_CONNECTIONS}, 503, headers=headers)(scope, receive, send)

    return AccessLogMiddleware(CORSMiddleware(refuse, **cors_options(cors_origins)))


@functools.cache
def _refusals(retry_after_s: int, cors_origins: tuple[str, ...]) -> tuple[CORSMiddleware, ASGIApp]:
    """The CORS rules of the 431 (a `CORSMiddleware`, used for its rules only) and the app of
    the 503 (`too_many_connections`), built once per process and setting: uvicorn makes a
    protocol for every connection, and these answers are rare."""
    return (
        CORSMiddleware(_no_app, **cors_options(list(cors_origins))),
        too_many_connections(retry_after_s, list(cors_origins)),
    )


async def _no_app(scope: Scope, receive: Receive, send: Send) -> None:
    """The app behind the CORS rules of `_refusals`: never called."""
    raise RuntimeError("the CORS rules of the protocol's refusals wrap no app")


def _partial_head(data: bytes) -> tuple[str | None, str, dict[str, str]]:
    """The method, the target (``""`` when unknown) and the header fields of the complete
    lines at the start of a request head that did not end (``data``: the bytes h11 holds).
    Field names are lower-case and values trimmed; a field sent twice keeps its first value
    (as Starlette's ``Headers.get``); the last line, cut off, is left out."""
    *lines, _ = data.split(b"\n")
    if not lines:
        return None, "", {}
    parts = lines[0].rstrip(b"\r").split(b" ")
    method, target = (parts[0].decode("latin-1"), parts[1].decode("latin-1")) if len(parts) == 3 else (None, "")
    fields: dict[str, str] = {}
    for line in lines[1:]:
        name, colon, value = line.rstrip(b"\r").partition(b":")
        if colon:
            fields.setdefault(name.strip().lower().decode("latin-1"), value.strip().decode("latin-1"))
    return method, target, fields


class HeaderTimeoutH11Protocol(H11Protocol):
    """H11Protocol plus a header-read deadline of ``header_timeout`` seconds (default: the
    QA_HEADER_TIMEOUT_SECONDS setting); a JSON 431 naming ``max_header_bytes`` (default:
    QA_MAX_HEADER_BYTES) for a head past h11's bound; and a JSON 503 with Retry-After
    ``retry_after_seconds`` (default: QA_RETRY_AFTER_SECONDS) past uvicorn's
    ``limit_concurrency``. Both refusals carry X-Request-ID and, for an Origin in
    ``cors_origins`` (default: QA_CORS_ORIGINS), the app's CORS headers. A subclass may set
    the class attributes."""

    header_timeout: float | None = None
    max_header_bytes: int | None = None
    retry_after_seconds: int | None = None
    cors_origins: list[str] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_deadline: asyncio.TimerHandle | None = None
        settings = get_settings()
        if self.header_timeout is None:
            self.header_timeout = settings.header_timeout_seconds
        if self.max_header_bytes is None:
            self.max_header_bytes = settings.max_header_bytes
        origins = settings.cors_origins if self.cors_origins is None else self.cors_origins
        retry_after = settings.retry_after_seconds if self.retry_after_seconds is None else self.retry_after_seconds
        self._cors, self._busy = _refusals(retry_after, tuple(origins))
        # uvicorn answers past its limit with its plain-text 503 only while this is set: the
        # `app` property below applies the limit instead.
        self._concurrency_limit, self.limit_concurrency = self.limit_concurrency, None

    @property
    def app(self) -> ASGIApp:
        """The ASGI app for the request whose head was just read: uvicorn's own choice
        (``limit_concurrency`` connections or request tasks already open: the JSON 503 of
        :func:`too_many_connections`; else the service's app), read where uvicorn makes it."""
        limit = self._concurrency_limit
        if limit is not None and (len(self.connections) >= limit or len(self.tasks) >= limit):
            self.logger.warning("Exceeded concurrency limit.")
            return self._busy
        return self._app

    @app.setter
    def app(self, app: ASGIApp) -> None:
        self._app = app

    def send_400_response(self, msg: str) -> None:
        """uvicorn's answer to bytes h11 refuses to parse, called where it catches h11's
        RemoteProtocolError. When h11 refused a request's head for growing past its bound
        (the error's ``error_status_hint`` is 431), the app's JSON 431 with X-Request-ID and
        CORS headers, and the connection closed; otherwise uvicorn's plain-text 400."""
        error = sys.exception()
        if not (
            isinstance(error, h11.RemoteProtocolError)
            and error.error_status_hint == 431
            and self._waiting_for_headers()
            and self.max_header_bytes is not None
        ):
            super().send_400_response(msg)
            return
        started = time.perf_counter()
        method, target, fields = _partial_head(self.conn.trailing_data[0])
        rid = request_id_for(fields.get("x-request-id", ""))
        response = head_too_large(self.max_header_bytes)
        headers = [
            *response.raw_headers,
            *simple_cors_headers(self._cors, fields.get("origin")),
            (b"x-request-id", rid.encode()),
            (b"connection", b"close"),
        ]
        reason = HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.phrase.encode()
        head = h11.Response(status_code=431, headers=headers, reason=reason)
        for event in (head, h11.Data(data=bytes(response.body)), h11.EndOfMessage()):
            self.transport.write(self.conn.send(event) or b"")
        self.transport.close()
        token = request_id.set(rid)
        try:
            duration_ms = (time.perf_counter() - started) * 1000
            log_access(method, target, 431, duration_ms, self.client[0] if self.client else None)
        finally:
            request_id.reset(token)

    def _waiting_for_headers(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _arm(self) -> None:
        if self._header_deadline is None and self.header_timeout:
            self._header_deadline = self.loop.call_later(self.header_timeout, self._on_deadline)

    def _on_deadline(self) -> None:
        self._header_deadline = None
        if self._waiting_for_headers() and not self.transport.is_closing():
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Start the clock for the first request's headers."""
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        """Bytes of a new request start the clock; complete headers (a request cycle) stop it.

        The rest of a body the app answered without reading (a fast 503, a 405) starts the
        clock too, bounding a client that trickles it. Once all of it has come the connection
        is idle again and waits ``timeout_keep_alive`` seconds for the next request, as after
        any response: uvicorn stops its keep-alive timer on any data and would not restart
        it, and the header deadline would close the idle connection instead, before a client
        or proxy that relies on QA_TIMEOUT_KEEP_ALIVE stops reusing it."""
        waiting = self._waiting_for_headers()
        unread_body = waiting and self.conn.their_state is h11.SEND_BODY
        if waiting:
            self._arm()
        super().data_received(data)
        if not self._waiting_for_headers():
            self._disarm()
        elif unread_body and self._idle():
            self._disarm()
            if self.timeout_keep_alive_task is None:
                self.timeout_keep_alive_task = self.loop.call_later(
                    self.timeout_keep_alive, self.timeout_keep_alive_handler
                )

    def _idle(self) -> bool:
        """Between requests with no byte of the next one here, on an open connection."""
        return (
            self.conn.our_state is h11.IDLE
            and self.conn.their_state is h11.IDLE
            and not self.conn.trailing_data[0]
            and not self.transport.is_closing()
        )

    def _disarm(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def connection_lost(self, exc: Exception | None) -> None:
        """Stop the clock."""
        self._disarm()
        super().connection_lost(exc)
