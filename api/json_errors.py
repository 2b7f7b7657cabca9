"""JSON bodies for the errors that Starlette would otherwise answer in plain text.

:class:`InternalErrorsAsJsonMiddleware` answers an unexpected exception with a JSON 500
that names the request's id: added inside the access log (which sets the id) and CORS, the
500 carries ``X-Request-ID`` and the CORS headers, and its log line the same id. (Starlette's
own handler for ``Exception`` runs outside every middleware, where the id is already gone.)

Starlette's ``TrustedHostMiddleware`` answers a Host it does not serve with 400
``Invalid host header`` and ``CORSMiddleware`` a preflight from an origin it does not allow
with 400 ``Disallowed CORS origin``, both ``text/plain``; the API's contract is a JSON
``{"detail": ...}`` body for every error. :class:`PlainTextErrorsAsJsonMiddleware`, added
outside them, rewrites such answers with the same status, headers and words.
"""

from __future__ import annotations

import logging

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.logs import request_id
from qa.redaction import redact

__all__ = ["InternalErrorsAsJsonMiddleware", "PlainTextErrorsAsJsonMiddleware", "internal_error"]

log = logging.getLogger(__name__)


def internal_error() -> JSONResponse:
    """The 500 for an unexpected error: ``{"detail": ...}`` naming the current request's id
    (``"-"`` outside a request), by which the operator finds the traceback in the log."""
    detail = f"Internal error (request id {request_id.get()}): the operator can find it in the log."
    return JSONResponse({"detail": detail}, 500)


class InternalErrorsAsJsonMiddleware:
    """An exception from inside becomes :func:`internal_error` (and a log line with the
    traceback, logger ``api.json_errors``); one raised after the response has started is
    raised again, to be logged by the app's last-resort handler (the server then closes
    the connection)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watching_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watching_send)
        except Exception:
            if started:  # logged once, by the app's last-resort handler outside
                raise
            log.exception("unexpected error")
            await internal_error()(scope, receive, send)


def _plain_text_error(message: Message) -> bool:
    """Whether a response start is a 4xx with an uncompressed ``text/plain`` body."""
    headers = Headers(raw=message.get("headers", []))
    return (
        400 <= message["status"] < 500
        and headers.get("content-type", "").startswith("text/plain")
        and "content-encoding" not in headers
    )


class PlainTextErrorsAsJsonMiddleware:
    """Every 4xx ``text/plain`` answer from inside becomes ``{"detail": <the text, redacted>}``
    (``application/json``) with the same status and other headers; any other answer passes
    unchanged, streamed as it was."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        held: Message | None = None
        text = bytearray()

        async def json_send(message: Message) -> None:
            nonlocal held
            if message["type"] == "http.response.start" and _plain_text_error(message):
                held = message
                return
            if held is None or message["type"] != "http.response.body":
                await send(message)
                return
            text.extend(message.get("body", b""))
            if message.get("more_body", False):
                return
            response = JSONResponse({"detail": redact(text.decode("utf-8", "replace"))}, held["status"])
            kept = [(k, v) for k, v in held.get("headers", []) if k.lower() not in (b"content-type", b"content-length")]
            await send({**held, "headers": kept + response.raw_headers})
            await send({"type": "http.response.body", "body": response.body})

        await self.app(scope, receive, json_send)
