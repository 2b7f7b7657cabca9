"""Load control: a bounded query pool with a bounded queue, per-client rate limits, a body timeout.

- :class:`QueryGate` runs the CPU-bound engine calls in a thread pool of ``workers``
  threads, admits at most ``workers + queue`` calls at once and refuses the next one at
  once (:class:`Overloaded`, answered 503 with Retry-After), and gives up waiting after
  ``timeout_s`` (:class:`QueryTimeout`). The event loop never runs the engine, so
  ``/healthz`` and ``/readyz`` are answered while every query thread is busy.
- :class:`RefuseWhenFullMiddleware` answers a question with that 503 before it is routed,
  read and validated while the gate is full: at many times the capacity, refusals are
  most of the requests, and their cost on the event loop is what every request, /healthz
  included, waits behind.
- :class:`RateLimitMiddleware` applies per-client limits (the ``limits`` library's moving
  window, in memory, per worker process) to chosen routes and answers 429 with Retry-After.
- :class:`BodyTimeoutMiddleware` answers 408 when a client stops sending its body.
- :class:`HeaderSizeLimitMiddleware` answers 431 when the request line and headers are
  larger than ``QA_MAX_HEADER_BYTES``: uvicorn's parser (h11) bounds them only while they
  arrive in several reads, not when one read brings them all. Where h11's own bound
  (twice the limit in ``qa serve``) stops a head first, ``api.server`` answers the same 431.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import math
import os
import sys
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "OVERLOADED",
    "BodyTimeoutMiddleware",
    "HeaderSizeLimitMiddleware",
    "Overloaded",
    "QueryGate",
    "QueryTimeout",
    "RateLimitMiddleware",
    "RefuseWhenFullMiddleware",
    "head_too_large",
    "request_head_bytes",
]

OVERLOADED = "The service is busy answering other questions: try again in a moment."

T = TypeVar("T")
log = logging.getLogger(__name__)


class Overloaded(Exception):
    """Every query worker is busy and the queue is full: answered 503 with Retry-After."""


class QueryTimeout(Exception):
    """A query took longer than the per-request time limit: answered 503 with Retry-After."""


class QueryGate:
    """At most ``workers`` engine calls running and ``queue`` waiting; the rest refused at once.

    ``workers`` threads (the encoder is CPU-bound: one per core is the useful maximum on a
    2-core machine); ``timeout_s`` seconds is the longest a caller waits (queueing
    included). A call that times out keeps its admission slot until its thread finishes,
    so the number of calls in the process stays bounded even when callers give up.
    Raises ValueError for ``workers < 1``, ``queue < 0`` or ``timeout_s <= 0``.

    On Linux each query thread lowers its own CPU priority by ``nice`` (a per-thread
    attribute there): when the cores are short, the event loop, which answers /healthz
    and the refusals, runs first, and the questions already admitted take longer.
    """

    def __init__(self, workers: int, queue: int, timeout_s: float, nice: int = 0) -> None:
        if workers < 1 or queue < 0 or timeout_s <= 0:
            raise ValueError(f"workers must be >= 1, queue >= 0 and timeout > 0, not {workers}, {queue}, {timeout_s}")
        self.workers = workers
        self.nice = nice
        self.capacity = workers + queue
        self.timeout_s = timeout_s
        self._pool: ThreadPoolExecutor | None = None  # made on first use, again after shutdown()
        self._lock = threading.Lock()
        self._admitted = 0

    @property
    def admitted(self) -> int:
        """Calls running or waiting now."""
        return self._admitted

    @property
    def full(self) -> bool:
        """True when :meth:`run` would refuse a call now (read without the lock: a hint)."""
        return self._admitted >= self.capacity

    def _lower_priority(self) -> None:
        if self.nice and sys.platform == "linux":
            try:
                os.nice(self.nice)  # this thread only (Linux/NPTL)
            except OSError as exc:
                log.warning("query thread priority unchanged: %s", exc)

    def _release(self, _: Future[Any]) -> None:
        with self._lock:
            self._admitted -= 1

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        """``fn(*args)`` on a query thread, with this task's context (request id for logs).

        Raises Overloaded when ``workers + queue`` calls are already admitted, QueryTimeout
        after ``timeout_s`` seconds, and whatever ``fn`` raises.
        """
        with self._lock:
            if self._admitted >= self.capacity:
                raise Overloaded(f"{self._admitted} questions are being answered or waiting")
            self._admitted += 1
            if self._pool is None:
                self._pool = ThreadPoolExecutor(
                    max_workers=self.workers, thread_name_prefix="qa-query", initializer=self._lower_priority
                )
            pool = self._pool
        context = contextvars.copy_context()
        future = pool.submit(context.run, fn, *args)
        future.add_done_callback(self._release)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout_s)
        except TimeoutError:
            future.cancel()  # removes it from the queue if it has not started
            raise QueryTimeout(f"no answer within {self.timeout_s:g} s") from None

    def shutdown(self) -> None:
        """Stop the threads after the calls in progress (queued ones are cancelled); the
        next :meth:`run` starts new ones (an app's lifespan may run more than once)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


class RefuseWhenFullMiddleware:
    """While ``gate`` is full, answer the ``(method, path)`` pairs in ``routes`` with the
    overload 503 (Retry-After: ``retry_after_s``) at once, without routing, reading or
    validating the request; ``on_refused()`` is called for each (metrics).

    The route refuses the same way when the gate fills after this check (and answers 422
    to an invalid question only while there is room). Add it innermost: the refusal still
    passes the access log, metrics, host check, rate limit and CORS.
    """

    def __init__(
        self,
        app: ASGIApp,
        gate: QueryGate,
        routes: frozenset[tuple[str, str]],
        retry_after_s: int,
        on_refused: Callable[[], None] | None = None,
    ) -> None:
        self.app = app
        self.gate = gate
        self.routes = routes
        self.on_refused = on_refused
        response = JSONResponse({"detail": OVERLOADED}, 503, headers={"Retry-After": str(retry_after_s)})
        self._headers = response.raw_headers
        self._body = bytes(response.body)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.gate.full and scope["type"] == "http" and (scope["method"], scope["path"]) in self.routes:
            if self.on_refused:
                self.on_refused()
            # One turn of the event loop first: without it a refusal is a single step, and a
            # burst of them runs back to back ahead of requests that arrived meanwhile
            # (/healthz median 7.5 -> 4.5 ms at 4x capacity; bench/capacity.py).
            await asyncio.sleep(0)
            # A fresh header list each time: outer middlewares add their headers in place.
            await send({"type": "http.response.start", "status": 503, "headers": list(self._headers)})
            await send({"type": "http.response.body", "body": self._body})
            return
        await self.app(scope, receive, send)


def client_key(scope: Scope) -> str:
    """The client's address as the server saw it (after trusted proxy headers only)."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


class RateLimitMiddleware:
    """Per-client rate limits on chosen ``(method, path)`` pairs; 429 with Retry-After beyond.

    ``limits`` maps e.g. ``("POST", "/ask")`` to a ``limits`` string such as ``"30/minute"``
    or ``"5/second;100/hour"`` (every part applies). A path whose last segment is a
    parameter (``"/documents/{doc_id}"``) stands for every longer path under it
    (``/documents/a``, ``/documents/a/b``), counted together. Counting is a moving window in this process's
    memory, keyed by the path as given in ``limits`` and :func:`client_key` (so the methods
    of one path share a count); ``on_refused(path)`` is called for each refusal (metrics).
    """

    def __init__(
        self,
        app: ASGIApp,
        limits: Mapping[tuple[str, str], str],
        on_refused: Callable[[str], None] | None = None,
    ) -> None:
        self.app = app
        self.items: dict[tuple[str, str], list[RateLimitItem]] = {k: parse_many(v) for k, v in limits.items()}
        self.prefixes = [
            (method, path[: path.rindex("/") + 1], path)
            for method, path in self.items
            if path.rsplit("/", 1)[-1].startswith("{") and path.endswith("}")
        ]
        self.limiter = MovingWindowRateLimiter(MemoryStorage())
        self.on_refused = on_refused

    def limited_as(self, method: str, path: str) -> str | None:
        """The path of ``limits`` that a request's method and path count against, or None."""
        if (method, path) in self.items:
            return path
        for limited_method, prefix, pattern in self.prefixes:
            if method == limited_method and path.startswith(prefix) and len(path) > len(prefix):
                return pattern
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = str(scope["method"])
        path = self.limited_as(method, str(scope["path"]))
        if path is not None:
            key = client_key(scope)
            for item in self.items[(method, path)]:
                if not self.limiter.hit(item, path, key):
                    reset_at = self.limiter.get_window_stats(item, path, key).reset_time
                    retry = max(1, math.ceil(reset_at - time.time()))
                    if self.on_refused:
                        self.on_refused(path)
                    detail = f"Too many requests from your address: at most {item} on {path}. Try again in {retry} s."
                    response = JSONResponse({"detail": detail}, 429, headers={"Retry-After": str(retry)})
                    await response(scope, receive, send)
                    return
        await self.app(scope, receive, send)


class BodyTimeoutMiddleware:
    """Answer 408 when the next part of a request body takes longer than ``timeout_s``.

    uvicorn bounds idle keep-alive connections but not a client that sends its headers
    and then trickles (or never sends) its body; this frees such a request's task.
    """

    def __init__(self, app: ASGIApp, timeout_s: float) -> None:
        self.app = app
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        body_done = False
        timed_out = False

        async def timed_receive() -> Message:
            nonlocal body_done, timed_out
            if body_done:  # afterwards the app only waits for a disconnect: no limit
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), self.timeout_s)
            except TimeoutError:
                # Answer here (frameworks turn errors raised while reading into 400s), then
                # tell the app the client is gone; whatever it sends after is dropped.
                if not started:
                    detail = f"The request body did not arrive within {self.timeout_s:g} s: send it at once."
                    response = JSONResponse({"detail": detail}, 408, headers={"Connection": "close"})
                    await response(scope, receive, watching_send)
                timed_out = True
                return {"type": "http.disconnect"}
            body_done = message["type"] != "http.request" or not message.get("more_body", False)
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            if timed_out:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, timed_receive, watching_send)


def request_head_bytes(scope: Scope) -> int:
    """The bytes of the request line and headers of an HTTP/1.1 request, counted from the
    ASGI scope: ``METHOD target HTTP/1.1\\r\\n``, ``name: value\\r\\n`` per header and the
    closing ``\\r\\n`` (less any optional whitespace around a value, which the parser drops)."""
    path = scope.get("raw_path") or str(scope["path"]).encode()
    query = scope.get("query_string") or b""
    target = len(path) + (1 + len(query) if query else 0)
    line = len(scope["method"]) + 1 + target + len(" HTTP/") + len(scope.get("http_version", "1.1")) + 2
    return line + sum(len(name) + len(value) + 4 for name, value in scope.get("headers", ())) + 2


def head_too_large(max_bytes: int) -> JSONResponse:
    """The 431 for a request line and headers larger than ``max_bytes`` (QA_MAX_HEADER_BYTES),
    given by the app (:class:`HeaderSizeLimitMiddleware`) and by ``qa serve``'s HTTP protocol
    (``api.server``) when h11 stops reading a head that grows past its bound."""
    detail = (
        f"The request line and headers are larger than {max_bytes} bytes (QA_MAX_HEADER_BYTES): "
        "send fewer or shorter headers."
    )
    return JSONResponse({"detail": detail}, 431)


class HeaderSizeLimitMiddleware:
    """Answer 431 ``{"detail": ...}`` (:func:`head_too_large`) to a request whose line and
    headers (:func:`request_head_bytes`) are larger than ``max_bytes``, before the app reads it."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and request_head_bytes(scope) > self.max_bytes:
            await head_too_large(self.max_bytes)(scope, receive, send)
            return
        await self.app(scope, receive, send)
