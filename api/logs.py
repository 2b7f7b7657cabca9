"""Logging for the service: JSON lines, a request id on every line, personal data redacted.

- :data:`request_id` holds the current request's id (a context variable: it follows the
  request into the query threads); :class:`RequestContextFilter` puts it on every record.
- :class:`RedactingFilter` passes every message (and traceback) through
  :func:`qa.redaction.redact`, so no log line holds a CPR number, e-mail or phone number.
- :class:`AccessLogMiddleware` replaces uvicorn's access log: one line per request with
  the method, the redacted path and query, the status, the time taken and the request id,
  and it returns the id in the ``X-Request-ID`` header.
- :func:`log_config` is the ``logging.config.dictConfig`` that ``qa serve`` hands uvicorn.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from contextvars import ContextVar
from typing import Any
from urllib.parse import unquote_plus

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from qa.redaction import redact

__all__ = [
    "AccessLogMiddleware",
    "RedactingFilter",
    "RequestContextFilter",
    "log_access",
    "log_config",
    "request_id",
    "request_id_for",
]

request_id: ContextVar[str] = ContextVar("request_id", default="-")

access_log = logging.getLogger("qa.access")

# An id a proxy sent is kept only if it is short and plain (it is echoed and logged).
_INCOMING_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")

# A machine-made hex id (a trace id, a UUID with or without its dashes): a CPR number, a
# phone number or an e-mail address has no such form, but redaction's patterns match the
# digit runs inside one ("0507042023c6c154").
_HEX_ID = re.compile(r"(?=[0-9-]*[a-fA-F])[0-9a-fA-F-]{16,64}")


class RequestContextFilter(logging.Filter):
    """Adds ``request_id`` (``"-"`` outside a request) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Always keeps the record."""
        record.request_id = request_id.get()
        return True


class RedactingFilter(logging.Filter):
    """Redacts the formatted message and any exception text of every record, in place."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Always keeps the record, with ``msg`` replaced by the redacted message."""
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class AccessLogMiddleware:
    """One redacted access-log line per HTTP request, and its id in ``X-Request-ID``.

    The line (logger ``qa.access``, INFO) carries ``method``, ``path`` (redacted, with the
    redacted query), ``status``, ``duration_ms`` and ``client``. The request id is a fresh
    uuid4 hex, or the caller's ``X-Request-ID`` as `request_id_for` keeps it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = ""
        for name, value in scope.get("headers", ()):
            if name == b"x-request-id":
                incoming = value.decode("latin-1")
        rid = request_id_for(incoming)
        token = request_id.set(rid)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                MutableHeaders(scope=message)["X-Request-ID"] = rid
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            query = scope.get("query_string", b"").decode("latin-1")
            path = str(scope.get("path", "")) + (f"?{query}" if query else "")
            client = scope.get("client")
            duration_ms = (time.perf_counter() - started) * 1000
            log_access(scope.get("method"), path, status, duration_ms, client[0] if client else None)
            request_id.reset(token)


def request_id_for(incoming: str) -> str:
    """A request's id: ``incoming`` (the caller's ``X-Request-ID``, ``""`` when none) when it
    is a hex id holding a letter (16-64 characters of ``[0-9a-fA-F-]``, at least one of
    them a-f: a trace id, a UUID) or 8-64 characters of ``[A-Za-z0-9._-]`` that
    :func:`qa.redaction.redact` leaves as they are, else a fresh uuid4 hex.

    The id is echoed in ``X-Request-ID``, named in a 500's body and put on every log line
    of the request as it is: one holding a CPR number, e-mail address or phone number
    (``"010203-1234"``) is replaced, not redacted, so the id the caller gets back is the one
    the log carries.
    """
    if _HEX_ID.fullmatch(incoming) or (_INCOMING_ID.fullmatch(incoming) and redact(incoming) == incoming):
        return incoming
    return uuid.uuid4().hex


# The longest path (with its query) an access-log line shows: browsers and servers handle
# URLs of about 2,000 characters portably, and no client of this API sends longer ones;
# the rest of a longer one (a head of tens of kilobytes refused with 431) would only
# bloat the log, so its length is shown instead.
MAX_LOGGED_PATH = 2000


def shown_path(path: str) -> str:
    """``path`` (with its query, percent-encoded or not) as an access-log line shows it:
    decoded, redacted, and beyond `MAX_LOGGED_PATH` characters cut with its length
    ("/aaa… (40001 characters)")."""
    shown = redact(_unquote(path))
    if len(shown) > MAX_LOGGED_PATH:
        return f"{shown[:MAX_LOGGED_PATH]}… ({len(shown)} characters)"
    return shown


def log_access(method: str | None, path: str, status: int, duration_ms: float, client: str | None) -> None:
    """The access-log line of one request (logger ``qa.access``, INFO), with the current
    :data:`request_id`: ``path`` as `shown_path` shows it, and a method not known (a head
    refused before its request line was complete) as "-", the Common Log Format's mark of
    a field without a value."""
    shown = shown_path(path)
    method = method or "-"
    access_log.info(
        "%s %s %d",
        method,
        shown,
        status,
        extra={
            "method": method,
            "path": shown,
            "status": status,
            "duration_ms": round(duration_ms, 2),
            "client": client,
        },
    )


def _unquote(path: str) -> str:
    """Percent-decoded (``%2D`` -> ``-``, ``+`` -> space) so encoded personal data is redacted too."""
    return unquote_plus(path, errors="replace")


def log_config(level: str = "INFO", json_lines: bool = True) -> dict[str, Any]:
    """A ``dictConfig`` for the server: every logger (uvicorn's included) through the
    request-id and redaction filters, as JSON lines (python-json-logger) or plain text.

    uvicorn's own access log is switched off (``qa serve`` passes ``access_log=False``);
    :class:`AccessLogMiddleware` writes a redacted one instead.
    """
    fmt = "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s"
    formatter: dict[str, Any] = (
        {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": fmt,
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
        if json_lines
        else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "context": {"()": "api.logs.RequestContextFilter"},
            "redact": {"()": "api.logs.RedactingFilter"},
        },
        "formatters": {"default": formatter},
        "handlers": {
            "default": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["context", "redact"],
                "stream": "ext://sys.stderr",
            }
        },
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": level.upper(), "propagate": False},
            "uvicorn.error": {"level": level.upper()},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
        "root": {"handlers": ["default"], "level": level.upper()},
    }
