"""``GET /docs``: Swagger UI over ``/openapi.json``, served from this app only.

FastAPI's own ``/docs`` and ``/redoc`` pages load their scripts, styles and favicon from
cdn.jsdelivr.net and fastapi.tiangolo.com: blank where there is no internet, and every
visitor's address goes to those hosts. Here the page, Swagger UI's script and stylesheet
(Swagger UI 5, which reads OpenAPI 3.1, from the ``fastapi-offline`` package's files) and
the script that starts it are all served by the app, under a Content-Security-Policy
that allows only the app's own origin (and ``data:`` images, which Swagger UI's stylesheet
holds inline).
"""

from __future__ import annotations

import functools
from html import escape
from importlib import resources

from fastapi import FastAPI, HTTPException, Request, Response

from api.routing import answer_head
from api.widget import COMMON_HEADERS, Asset

__all__ = ["DOCS_CSP", "install_docs"]

DOCS_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – API</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/docs-init.js"></script>
</body>
</html>
"""


_ASSET_PATHS = ("/docs/swagger-ui.css", "/docs/swagger-ui-bundle.js", "/docs/docs-init.js")


@functools.cache
def _assets() -> dict[str, Asset]:
    """The files ``/docs`` loads, by path, read once per process on first use (Swagger UI's
    script is 1.5 MB). Raises FileNotFoundError when the ``fastapi-offline`` package lacks
    its files."""
    swagger_ui = resources.files("fastapi_offline").joinpath("static")
    files = (
        Asset.from_path(swagger_ui / "swagger-ui.css", "text/css; charset=utf-8"),
        Asset.from_path(swagger_ui / "swagger-ui-bundle.js", "text/javascript; charset=utf-8"),
        Asset.load("docs-init.js", "text/javascript; charset=utf-8"),
    )
    return dict(zip(_ASSET_PATHS, files, strict=True))


def install_docs(app: FastAPI) -> None:
    """Add ``GET /docs`` (the page) and its three files under ``/docs/`` to ``app``, each
    also answering HEAD; none of them is in the OpenAPI document. The files are read when
    first asked for (`_assets`)."""
    page = _PAGE.format(title=escape(app.title))
    headers = {**COMMON_HEADERS, "Content-Security-Policy": DOCS_CSP}

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        """Swagger UI's page."""
        return Response(page, media_type="text/html; charset=utf-8", headers=headers)

    @app.get("/docs/{name}", include_in_schema=False)
    def docs_file(name: str, request: Request) -> Response:
        """One of `_ASSET_PATHS` (304 to a matching If-None-Match); 404 for any other name."""
        asset = _assets().get(f"/docs/{name}")
        if asset is None:
            raise HTTPException(404, f"no file /docs/{name}: /docs loads {', '.join(_ASSET_PATHS)}")
        return asset.response(request)

    answer_head(app.router, ("/docs", "/docs/{name}"))
