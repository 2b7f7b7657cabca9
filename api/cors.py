"""The one CORS configuration: the app's ``CORSMiddleware`` and the refusals ``qa serve``'s
HTTP protocol sends below the app (``api.server``) use it alike.

A page on another origin (the help widget on a borger.dk-style page) reads an answer only
when it carries ``Access-Control-Allow-Origin`` for that page's origin; a refusal without
it looks to the page like no connection at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from starlette.middleware.cors import CORSMiddleware

__all__ = ["EXPOSED_HEADERS", "cors_options", "simple_cors_headers"]

EXPOSED_HEADERS = ["Retry-After", "X-Request-ID", "X-Index-Version", "X-Total-Count"]
"""Response headers that a page on an allowed origin may read (Access-Control-Expose-Headers):
the widget reads ``Retry-After``; a page paging through ``GET /documents`` needs
``X-Total-Count`` (browsers hide every response header that is not CORS-safelisted)."""


def cors_options(origins: Sequence[str]) -> dict[str, Any]:
    """The keywords of Starlette's ``CORSMiddleware`` for the allowed ``origins``
    (QA_CORS_ORIGINS; ``"*"`` allows every origin): GET and POST with a JSON body, and
    :data:`EXPOSED_HEADERS`."""
    return {
        "allow_origins": list(origins),
        "allow_methods": ["GET", "POST"],
        "allow_headers": ["Content-Type"],
        "expose_headers": EXPOSED_HEADERS,
        "max_age": 600,
    }


def simple_cors_headers(cors: CORSMiddleware, origin: str | None) -> list[tuple[bytes, bytes]]:
    """The headers ``cors`` adds to an answer that is not a preflight, for a request from
    ``origin`` (None: no Origin header), as raw header pairs: for an allowed origin
    ``Access-Control-Allow-Origin`` and the exposed headers, and ``Vary: Origin`` always
    (what ``CORSMiddleware.send`` adds to a response without CORS headers of its own)."""
    headers: dict[str, str] = {}
    if origin is not None:
        headers.update(cors.simple_headers)
        explicit = cors.allow_credentials if cors.allow_all_origins else cors.is_allowed_origin(origin)
        if explicit:
            headers["Access-Control-Allow-Origin"] = origin
    headers["Vary"] = "Origin"
    return [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]
