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

from collections.abc import Callable
from html import escape
from importlib import resources

from fastapi import FastAPI, Request, Response

from api.routing import answer_head
from api.widget import Asset

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


def install_docs(app: FastAPI) -> None:
    """Add ``GET /docs`` (the page) and its three files under ``/docs/`` to ``app``, each
    also answering HEAD; none of them is in the OpenAPI document. Raises FileNotFoundError
    when the ``fastapi-offline`` package lacks its files."""
    swagger_ui = resources.files("fastapi_offline").joinpath("static")
    assets = {
        "/docs/swagger-ui.css": Asset.from_path(swagger_ui / "swagger-ui.css", "text/css; charset=utf-8"),
        "/docs/swagger-ui-bundle.js": Asset.from_path(
            swagger_ui / "swagger-ui-bundle.js", "text/javascript; charset=utf-8"
        ),
        "/docs/docs-init.js": Asset.load("docs-init.js", "text/javascript; charset=utf-8"),
    }
    page = _PAGE.format(title=escape(app.title))
    headers = {
        "Content-Security-Policy": DOCS_CSP,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        """Swagger UI's page."""
        return Response(page, media_type="text/html; charset=utf-8", headers=headers)

    for path, asset in assets.items():
        app.add_api_route(path, _serve(asset), methods=["GET"], include_in_schema=False)
    answer_head(app.router, ("/docs", *assets))


def _serve(asset: Asset) -> Callable[[Request], Response]:
    """A route answering with ``asset`` (304 to a matching If-None-Match)."""

    def serve(request: Request) -> Response:
        return asset.response(request)

    return serve
