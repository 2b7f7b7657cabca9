"""Prometheus metrics of one server process (prometheus-client), served at ``GET /metrics``.

Each app has its own registry (tests build many apps in one process). Series:

- ``qa_http_requests_total{route, method, status}`` and
  ``qa_http_request_duration_seconds{route, method}`` (histogram, seconds) per route
  template (``/documents/{doc_id}``, never the raw path: bounded cardinality);
- ``qa_answers_total{language, answered}``: questions answered or abstained per language;
- ``qa_refused_total{reason}``: ``overloaded`` (503), ``timeout`` (503), ``rate_limited`` (429);
- ``qa_queries_admitted``: questions running or queued now;
- ``qa_index_info{version}`` (1 for the live version) and ``qa_index_age_seconds``.

With ``qa serve --workers N`` the workers share their figures through prometheus-client's
multiprocess mode (``PROMETHEUS_MULTIPROC_DIR``, which ``qa serve`` sets to a fresh folder):
a scrape of any worker gives the counters and histograms summed over all workers, and
the gauges per worker (a ``pid`` label), as of each worker's latest request.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest, multiprocess
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["Metrics", "MetricsMiddleware"]

# Seconds; from prometheus-client's default buckets, with finer steps around an encoder
# pass (tens of ms) and the per-request time limit (10 s).
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    """The service's metric series in their own registry; :meth:`render` gives the text format."""

    def __init__(self) -> None:
        self.multiprocess = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "qa_http_requests",
            "HTTP requests by route template.",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "qa_http_request_duration_seconds",
            "Time from request to the end of the response (seconds).",
            ["route", "method"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.answers = Counter(
            "qa_answers",
            "Questions answered or abstained, by language.",
            ["language", "answered"],
            registry=self.registry,
        )
        self.refused = Counter("qa_refused", "Requests refused by load control.", ["reason"], registry=self.registry)
        self.admitted = Gauge(
            "qa_queries_admitted",
            "Questions running or queued now.",
            registry=self.registry,
            multiprocess_mode="livesum",
        )
        self.index_info = Gauge(
            "qa_index_info",
            "The live index version (value 1).",
            ["version"],
            registry=self.registry,
            multiprocess_mode="liveall",
        )
        self.index_age = Gauge(
            "qa_index_age_seconds",
            "Seconds since the live index was built.",
            registry=self.registry,
            multiprocess_mode="liveall",
        )
        Gauge(
            "qa_worker_info",
            "This worker process (value 1).",
            ["worker"],
            registry=self.registry,
            multiprocess_mode="liveall",
        ).labels(str(os.getpid())).set(1)
        self._version: str | None = None
        self._admitted_now: Callable[[], int] = lambda: 0
        self._built_at: Callable[[], float | None] = lambda: None

    def track(self, admitted: Callable[[], int], built_at: Callable[[], float | None]) -> None:
        """Read the queue depth and the live index's build time (Unix seconds) at each scrape
        (one process) or after each request (several workers: :meth:`refresh`)."""
        self._admitted_now, self._built_at = admitted, built_at
        if not self.multiprocess:
            self.admitted.set_function(admitted)
            self.index_age.set_function(self._age)

    def _age(self) -> float:
        when = self._built_at()
        return float("nan") if when is None else max(0.0, time.time() - when)

    def refresh(self) -> None:
        """Write the gauges that other workers' scrapes read (multiprocess mode only)."""
        if self.multiprocess:
            self.admitted.set(self._admitted_now())
            self.index_age.set(self._age())

    def close(self) -> None:
        """This worker stops: its live gauges leave the shared figures."""
        if self.multiprocess:
            multiprocess.mark_process_dead(os.getpid())

    def set_version(self, version: str | None) -> None:
        """Make ``version`` the one ``qa_index_info`` reports (the old label is removed)."""
        if version == self._version:
            return
        if self._version is not None:
            self.index_info.labels(self._version).set(0)  # what other workers' scrapes read
            self.index_info.remove(self._version)
        if version is not None:
            self.index_info.labels(version).set(1)
        self._version = version

    def render(self) -> bytes:
        """The figures in Prometheus' text exposition format (all workers' in multiprocess mode)."""
        if not self.multiprocess:
            return generate_latest(self.registry)
        self.refresh()
        combined = CollectorRegistry()
        multiprocess.MultiProcessCollector(combined)
        return generate_latest(combined)


_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class MetricsMiddleware:
    """Counts and times every HTTP request under its route template.

    Requests that match no route are counted under ``unmatched``, except those refused
    before routing (rate limit, host check) on a path in ``known_paths``, which keep it.
    """

    def __init__(self, app: ASGIApp, metrics: Metrics, known_paths: frozenset[str]) -> None:
        self.app = app
        self.metrics = metrics
        self.known_paths = known_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def watching_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, watching_send)
        finally:
            route = scope.get("route")
            path = getattr(route, "path", None)
            if path is None:
                path = scope["path"] if scope["path"] in self.known_paths else "unmatched"
            method = str(scope.get("method"))
            method = method if method in _METHODS else "OTHER"  # clients choose it: bound the labels
            self.metrics.requests.labels(path, method, str(status)).inc()
            self.metrics.latency.labels(path, method).observe(time.perf_counter() - started)
            self.metrics.refresh()
