"""uvicorn's h11 protocol with a time limit on reading a request's headers.

uvicorn closes idle keep-alive connections (``timeout_keep_alive``) but waits for ever
for the headers of a request that has begun to arrive, or for the first bytes of a new
connection: a client that trickles its headers (slowloris) holds a connection as long as
it likes. :class:`HeaderTimeoutH11Protocol` closes a connection whose request headers are
not complete ``QA_HEADER_TIMEOUT_SECONDS`` after the connection opened or the previous
response ended. ``qa serve`` runs uvicorn with ``http="api.server:HeaderTimeoutH11Protocol"``.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from qa.settings import get_settings

__all__ = ["HeaderTimeoutH11Protocol"]


class HeaderTimeoutH11Protocol(H11Protocol):
    """H11Protocol plus a header-read deadline of ``header_timeout`` seconds (default: the
    QA_HEADER_TIMEOUT_SECONDS setting; a subclass may set the class attribute)."""

    header_timeout: float | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_deadline: asyncio.TimerHandle | None = None
        if self.header_timeout is None:
            self.header_timeout = get_settings().header_timeout_seconds

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
        """Bytes of a new request start the clock; complete headers (a request cycle) stop it."""
        if self._waiting_for_headers():
            self._arm()
        super().data_received(data)
        if not self._waiting_for_headers() and self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def connection_lost(self, exc: Exception | None) -> None:
        """Stop the clock."""
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None
        super().connection_lost(exc)
