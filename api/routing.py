"""HEAD for chosen GET routes of a FastAPI router (FastAPI, unlike Starlette, adds none)."""

from __future__ import annotations

from collections.abc import Collection

from fastapi.routing import APIRoute, APIRouter

__all__ = ["answer_head"]


def answer_head(router: APIRouter, paths: Collection[str]) -> None:
    """Add a HEAD route (not in the OpenAPI document) beside each GET route of ``router``
    at ``paths``: the same answer, whose body the server (uvicorn) does not send.

    Call it after the GET routes are added: a 405 on these paths then names GET in its
    Allow header (Starlette's router answers a wrong method with the first route that has
    the path). Raises ValueError for a path without a GET route.
    """
    gets = {r.path: r for r in router.routes if isinstance(r, APIRoute) and "GET" in (r.methods or ())}
    missing = sorted(set(paths) - set(gets))
    if missing:
        raise ValueError(f"no GET route at {', '.join(missing)}")
    for path in paths:
        router.add_api_route(path, gets[path].endpoint, methods=["HEAD"], include_in_schema=False)
